"""Build a reproducible synthetic JSONL corpus from the articles in seeds/, with injected debris.

Every document is a window of paragraphs from one seed article (the seeds carry real debris
of their own) into which a random number of debris items of every family is injected:
hygiene (CL1xx), boilerplate lines (CL2xx), structure (CL3xx), words and layout (CL4xx) and
grammar slips (CL5xx). A tenth of the documents get nothing injected. The same size and
seed always give the same bytes.

    python benchmarks/build_corpus.py                 # 20, 80 and 320 MB into benchmarks/data/
    python benchmarks/build_corpus.py --sizes 5 --seed 7 --out /tmp/c
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
MB = 1_000_000

BOILERPLATE = [  # whole lines a scraper keeps: cookie, newsletter, share, related, paywall, comments, nav, footer
    "Ce site utilise des cookies pour améliorer votre expérience. En poursuivant, vous acceptez leur utilisation.",
    "Abonnez-vous à notre newsletter pour recevoir l'essentiel de l'actualité chaque matin.",
    "Partager sur Facebook Partager sur Twitter Partager sur LinkedIn",
    "Lire aussi : {title}",
    "À lire aussi >> {title}",
    "Cet article est réservé aux abonnés. Il vous reste 75% à découvrir.",
    "Vous devez être connecté pour poster un commentaire.",
    "Accueil > Actualités > {section}",
    "© {year} {site}. Tous droits réservés.",
    "Publicité",
    "Crédit photo : {agency}",
    "Newsletter : inscrivez-vous gratuitement",
]
STRUCTURE = [  # structure debris: ids, timestamps, hashtags, lone symbols, embed attributions
    "{year}-{mm:02d}-{dd:02d} {hh:02d}:{mi:02d}:{ss:02d}",
    "ID : {hex}",
    "#{tag1} #{tag2} #{tag3}",
    "-",
    "•",
    "— {name} (@{handle}) {dd} novembre {year}",
    "pic.twitter.com/{hex}",
    "Voir cette publication sur Instagram",
]
SECTIONS = ["Tech", "Économie", "Sport", "Culture", "Sciences", "Monde", "Politique"]
SITES = ["Le Quotidien", "La Gazette du Sud", "L'Observateur numérique", "Actu Réseau"]
AGENCIES = ["AFP", "Reuters", "Getty Images", "Shutterstock", "DR"]
TAGS = ["IA", "Tech", "Climat", "Football", "Économie", "Santé", "Innovation", "Startup"]
NAMES = ["Claire Dubois", "Marc Lefèvre", "Sophie Martin", "Jean Moreau"]
ENTITIES = ["&nbsp;", "&amp;", "&#8217;", "&eacute;", "&laquo;"]
TAGS_HTML = ["<br/>", "<strong>", "</strong>", "<p>", "</p>", '<a href="/article">', "</a>", "[caption id=\"12\"]"]
INVISIBLE = ["\u200b", "\u00ad", "\ufeff", "\u200e"]
DOUBLE_PUNCT = ["..", ",,", "?.", "!.", ";;", ". ."]


def _fill(template: str, rng: random.Random, title: str) -> str:
    return template.format(
        title=title, section=rng.choice(SECTIONS), year=rng.randint(2015, 2024), site=rng.choice(SITES),
        agency=rng.choice(AGENCIES), mm=rng.randint(1, 12), dd=rng.randint(1, 28), hh=rng.randint(0, 23),
        mi=rng.randint(0, 59), ss=rng.randint(0, 59), hex="%08x" % rng.getrandbits(32),
        tag1=rng.choice(TAGS), tag2=rng.choice(TAGS), tag3=rng.choice(TAGS), name=rng.choice(NAMES),
        handle=rng.choice(NAMES).split()[0].lower() + str(rng.randint(1, 99)))


def _words(line: str) -> list[re.Match]:
    return list(re.finditer(r"\w{4,}", line))


# -- injections on one line (each returns the new line, or None if it does not apply) -------

def hygiene(line: str, rng: random.Random) -> str | None:
    kind = rng.randrange(8)
    words = _words(line)
    if kind == 0:
        return line + rng.choice(["  ", " ", "\t", " \t "])
    if kind == 1 and " " in line:
        i = rng.choice([m.start() for m in re.finditer(" ", line)])
        return line[:i] + " " * rng.randint(2, 5) + line[i + 1:]
    if kind == 2 and line.rstrip().endswith((".", "?", "!")):
        return line.rstrip()[:-1] + rng.choice(DOUBLE_PUNCT)
    if kind == 3:
        accented = [m for m in re.finditer(r"\w*[éèàçêôù]\w*", line)]
        if accented:
            m = rng.choice(accented)
            return line[:m.start()] + m.group().encode("utf-8").decode("cp1252", "replace") + line[m.end():]
    if kind == 4 and " " in line:
        i = rng.choice([m.start() for m in re.finditer(" ", line)])
        return line[:i] + rng.choice(ENTITIES) + line[i + 1:]
    if kind == 5 and words:
        m = rng.choice(words)
        return line[:m.start()] + rng.choice(TAGS_HTML) + line[m.start():]
    if kind in (6, 7) and words:
        m = rng.choice(words)
        k = m.start() + rng.randint(1, len(m.group()) - 1)
        return line[:k] + rng.choice(INVISIBLE) + line[k:]
    return None


def words_layout(line: str, rng: random.Random) -> list[str] | None:
    """Merged words, a broken wrap or a hyphenation break: may split the line in two."""
    kind = rng.randrange(3)
    spaces = [m.start() for m in re.finditer(r"(?<=\w) (?=\w)", line)]
    if not spaces:
        return None
    i = rng.choice(spaces)
    if kind == 0:
        return [line[:i] + line[i + 1:]]
    if kind == 1:
        return [line[:i], line[i + 1:]]
    long_words = [m for m in re.finditer(r"\w{8,}", line)]
    if not long_words:
        return None
    m = rng.choice(long_words)
    k = m.start() + len(m.group()) // 2
    return [line[:k] + "-", line[k:]]


def grammar(line: str, rng: random.Random) -> str | None:
    m = re.search(r"\b(le|la|les|de|des|une?|que|pour) ", line)
    if not m:
        return None
    return line[:m.end()] + m.group(1) + " " + line[m.end():]


def document(article: list[str], rng: random.Random, title: str) -> str:
    n = len(article)
    a = rng.randrange(0, max(1, n // 2))
    b = min(n, a + rng.randint(max(4, n // 3), n))
    lines = list(article[a:b])
    if rng.random() < 0.1:
        return "\n".join(lines) + "\n"
    for _ in range(rng.randint(1, 12)):
        family = rng.randrange(6)
        i = rng.randrange(len(lines))
        if family == 0:
            new = hygiene(lines[i], rng)
            if new is not None:
                lines[i] = new
        elif family == 1:
            lines.insert(i, _fill(rng.choice(BOILERPLATE), rng, title))
        elif family == 2:
            lines.insert(i, _fill(rng.choice(STRUCTURE), rng, title))
        elif family == 3:
            if rng.random() < 0.5:
                lines.insert(i, lines[i])  # duplicated paragraph or headline
            else:
                lines[i:i] = ["", "", "", ""]  # a run of blank lines
        elif family == 4:
            new_lines = words_layout(lines[i], rng)
            if new_lines:
                lines[i:i + 1] = new_lines
        else:
            new = grammar(lines[i], rng)
            if new is not None:
                lines[i] = new
    return "\n".join(lines) + "\n"


def build(size_mb: float, out: Path, seed: int = 1) -> Path:
    """Write ``corpus-<size>mb.jsonl`` (at least ``size_mb`` MB) and return its path."""
    articles = [p.read_text(encoding="utf-8").splitlines() for p in sorted(SEEDS.glob("*.txt"))]
    if not articles:
        raise SystemExit(f"no seed articles in {SEEDS}")
    rng = random.Random(f"{seed}:{size_mb}")
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"corpus-{size_mb:g}mb.jsonl"
    tmp = path.with_suffix(".tmp")
    target, written, n = int(size_mb * MB), 0, 0
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        while written < target:
            k = rng.randrange(len(articles))
            text = document(articles[k], rng, articles[k][0][:80])
            n += 1
            rec = {"id": f"doc-{n:08d}", "url": f"https://example.org/{k}/{n}", "lang": "fr", "text": text}
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
    tmp.replace(path)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[20, 80, 320], help="sizes in MB")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=DATA)
    args = ap.parse_args()
    for size in args.sizes:
        p = build(size, args.out, args.seed)
        print(f"{p}  {p.stat().st_size / MB:.1f} MB")


if __name__ == "__main__":
    main()
