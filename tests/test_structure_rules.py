"""Extra tests for the structure rules CL301-CL307: docs, spans, applicability, the seeds and the dev corpus."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuslint.document import Document
from corpuslint.engine import lint
from corpuslint.finding import Applicability
from corpuslint.fixer import fix_to_fixed_point
from corpuslint.rules.metadata_line import parse as parse_metadata
from corpuslint.rules.stray_id import classify
from conftest import ROOT, SEEDS
from rulecase import findings, fixed, rule_instance

CODES = ["CL301", "CL302", "CL303", "CL304", "CL305", "CL306", "CL307"]
DEVCORPUS = ROOT / "tests" / "devcorpus"
STRUCTURE_CATEGORIES = {"stray_id_or_timestamp", "hashtag_line", "lone_symbol_line",
                        "social_embed_attribution", "duplicated_headline_or_paragraph"}

# One text with debris for every rule.
DEBRIS = (
    "Le N3 arrive en octobre chez les opérateurs français\n"
    "Le N3 arrive en octobre chez les opérateurs français\n\n"
    "1726489210\n\n"
    "Publié le 12/03/2024 à 08h15 · Lecture 4 min\n\n"
    "Pour en savoir plus,\n, voyons voir.\n\n"
    "Le N3 est là. Réparable, durable. pic.twitter.com/Qx7LmZr2Kp\n"
    "— Novaphone (@novaphone_fr) 10 septembre 2024\n\n"
    "Cité par la marque, …– Ana Ruiz (@anaruiz) 11 mai 2024 La suite du texte.\n\n"
    "•\n\n"
    "#Novaphone #N3 #réparable\n"
)


def test_all_structure_rules_together_reach_a_clean_text():
    rules = [rule_instance(c) for c in CODES]
    out = fix_to_fixed_point(DEBRIS, lambda t: lint(Document(t, lang="fr"), rules), unsafe=True)
    assert out.converged
    assert out.text == (
        "Le N3 arrive en octobre chez les opérateurs français\n\n"
        "Pour en savoir plus,\n\n"
        "Cité par la marque, … La suite du texte.\n"
    )


@pytest.mark.parametrize("line,expected", [
    ("1709999347", ("Unix timestamp", True)),
    ("2023-11-20 13:15:59", ("machine timestamp", True)),
    ("2024-05-14T07:32:00Z", ("machine timestamp", True)),
    ("Article ID: 48213", ("record ID", True)),
    ("ID : a3f9c2e7-51b4-4d0e-9c8a-7f21e6d0b913", ("UUID", True)),
    ("Last modified: 1714567320", ("Unix timestamp", True)),
    ("Published 2024-04-22 16:48:03 UTC", ("machine timestamp", True)),
    ("Message #48213 | 17/01/2024 21:46", ("record ID", False)),
    ("a91c07d4e2", ("record ID", False)),
    ("2024-05-14", ("ISO date", False)),
    ("2015", None), ("3-1", None), ("17h", None), ("07:32", None), ("0612345678", None),
    ("Tél. : 0612345678", None), ("Tel. 1234567890", None), ("Publié le 14/05/2024 à 07:32", None),
    ("Boeing 737", None),
    ("Réf. article : 7734120-ECO", ("record ID", True)), ("story-0a7c33e1", ("record ID", False)),
    ("article-id: 8f3a2c", ("record ID", True)), ("A320-200", None), ("ISBN 978-2-07-036822-8", None),
    ("a1b2c3", None),
    ("21 h 15 – Premier passage de la soirée", None), ("1. Tirer parti de la structure", None),
])
def test_stray_id_shapes(line, expected):
    assert classify(line) == expected


@pytest.mark.parametrize("line,kinds", [
    ("Publié le 12/03/2024 à 08h15 · Mis à jour le 13/03/2024 à 10h02", ["published"]),
    ("Il y a 2 jours · Lecture 4 min", ["reading", "relative"]),
    ("Posted on March 3, 2024 · 12 comments", ["published", "counter"]),
    ("By Jane Doe | March 3, 2024 | 5 min read", ["reading", "date"]),
    ("Mardi 12 mars", None), ("Le 14 mai 2024 à 07:32", None), ("Par Claire Vasseur", None),
    ("17h05 : le président arrive", None), ("Il y a 20 ans", None), ("12 commentaires", None),
])
def test_metadata_line_kinds(line, kinds):
    parsed = parse_metadata(line)
    assert (parsed and parsed[3]) == kinds


def test_metadata_byline_is_kept():
    text = "Titre\n\nBy Jane Doe | Updated 5 min ago\n\nTexte.\n"
    [f] = findings("CL307", text, lang="en")
    assert text[f.start:f.end] == " | Updated 5 min ago"
    assert f.fix.applicability == Applicability.UNSAFE
    assert fixed("CL307", text, lang="en") == "Titre\n\nBy Jane Doe\n\nTexte.\n"


def test_applicability_is_decided_per_finding():
    text = "Texte.\n…\n1709999347\n2024-05-14\n•\n"
    by_line = {text[f.start:f.end].strip(): f.fix.applicability
               for code in ("CL301", "CL303") for f in findings(code, text)}
    assert by_line == {"1709999347": Applicability.SAFE, "2024-05-14": Applicability.UNSAFE,
                       "…": Applicability.UNSAFE, "•": Applicability.SAFE}


def test_inline_attribution_keeps_the_prose_around_it():
    text = "notamment GitHub, Mojang Studios, …– Satya Nadella (@ satyanadella )20 novembre 2023 Le chercheur."
    [f] = findings("CL304", text)
    assert text[f.start:f.end].strip() == "– Satya Nadella (@ satyanadella )20 novembre 2023"
    assert fixed("CL304", text) == "notamment GitHub, Mojang Studios, … Le chercheur."
    assert fixed("CL304", text, unsafe=False) == text


def _seed(prefix: str) -> str:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix,code,excerpt", [
    ("000", "CL304", "- Ilya Sutskever (@ilyasut) 20 novembre 2023"),
    ("002", "CL301", "2023-11-20 13:15:59"),
    ("002", "CL301", "1709999347"),
    ("002", "CL302", "#piqd #Comprendre #chaos #lIA #ouverte"),
    ("003", "CL304", "Satya Nadella (@ satyanadella )20 novembre 2023"),
    ("003", "CL306", ", voyons voir."),
    ("004", "CL303", "\n-\n  •"),
    ("004", "CL303", "d’iPhone\n\n-"),
])
def test_seed_debris_is_flagged(prefix, code, excerpt):
    text = _seed(prefix)
    at = text.find(excerpt)
    assert at >= 0
    assert any(f.start < at + len(excerpt) and at < f.end for f in findings(code, text)), (code, excerpt)


def test_seed_headline_is_kept_once():
    text = _seed("004")
    headline = text.split("\n", 1)[0]
    assert fixed("CL305", text).count(headline) == 1
    assert fixed("CL305", text).startswith(headline + "\n\n")


@pytest.mark.parametrize("prefix,line", [
    ("000", "1. Tirer parti de la structure d'entreprise établie de Microsoft"),
    ("000", "4. Déplacement des talents"),
    ("001", "Question: OpenAI va-t-il survivre ?"),
    ("002", "- Microsoft embauché Sam Altman et Greg Brockman pour une nouvelle équipe de recherche en IA."),
    ("003", "au sein de Microsoft, notamment GitHub"),
    ("004", "Au moins pour l’instant."),
])
def test_seed_legitimate_lines_stay(prefix, line):
    text = _seed(prefix)
    at = text.find(line)
    assert at >= 0
    for code in CODES:
        assert not [f for f in findings(code, text) if f.start <= at + 2 and f.end >= at + len(line) - 2], code


def _cases():
    if not DEVCORPUS.is_dir():
        return []
    return sorted(p for p in DEVCORPUS.iterdir() if (p / "meta.json").exists())


def _case(path):
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    lang = meta["lang"] if meta["lang"] in ("fr", "en") else "fr"
    markdown = "markdown" in (meta.get("topic", "") + meta.get("kind", "")).lower()
    return meta, lang, markdown


@pytest.mark.parametrize("path", _cases(), ids=lambda p: p.name)
def test_dev_corpus_clean_text_gives_no_structure_finding(path):
    _meta, lang, markdown = _case(path)
    clean = (path / "clean.txt").read_text(encoding="utf-8")
    for code in CODES:
        found = findings(code, clean, lang=lang, markdown=markdown)
        assert not found, (code, [clean[f.start:f.end] for f in found])


@pytest.mark.parametrize("path", _cases(), ids=lambda p: p.name)
def test_dev_corpus_structure_debris_is_flagged(path):
    meta, lang, markdown = _case(path)
    dirty = (path / "dirty.txt").read_text(encoding="utf-8")
    found = [f for code in CODES for f in findings(code, dirty, lang=lang, markdown=markdown)]
    spans = [item["span"] for item in meta["debris"]]
    for item in meta["debris"]:
        if item["category"] in STRUCTURE_CATEGORIES:
            a, b = item["span"]
            # Of two identical copies the writer may mark either; the rule removes the later one.
            copy = dirty[a:b].strip() if item["category"] == "duplicated_headline_or_paragraph" else None
            assert any(f.start < b and a < f.end or copy and dirty[f.start:f.end].strip() == copy for f in found), \
                (item["category"], item["dirty_excerpt"])
    copies = {dirty[a:b].strip() for item in meta["debris"] if item["category"] == "duplicated_headline_or_paragraph"
              for a, b in [item["span"]]}
    for f in found:  # every finding touches annotated debris (±1 character, as the scorer counts)
        assert any(f.start < b + 1 and a - 1 < f.end for a, b in spans) or dirty[f.start:f.end].strip() in copies, \
            (f.code, dirty[f.start:f.end])


TRAPS = [
    "2015", "3-1", "17h", "1. Tirer parti de la structure", "21 h 15 – Premier passage de la soirée.",
    "- 12e : Yacine Belkacem (1-0)", "  • L’énorme investissement de Redmond", "* * *",
    "Question: OpenAI va-t-il survivre ?", "Le club est #1 du classement.", "Il a écrit @ilyasut sur X.",
    "» Puis nous sommes partis vers le sud, sans un mot.", "Au moins pour l’instant.",
    "Mardi 12 mars", "Par Claire Vasseur", "Préparation : 30 min", "— Il y a 2 heures.", "A320-200",
]
DEBRIS_LINES = ["1709999347", "#piqd #chaos", "-", "|", "— Ana Ruiz (@ana) 11 mai 2024", ", voyons voir.",
                "View this post on Instagram", "2024-05-14T07:32:00Z", "Publié le 12/03/2024 à 08h15",
                "5 min read", "Il y a 3 heures", "Réf. article : 7734120-ECO", "story-0a7c33e1"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(TRAPS + DEBRIS_LINES), min_size=1, max_size=12),
       st.lists(st.sampled_from(["\n", "\n\n"]), min_size=12, max_size=12), st.booleans())
def test_fixing_keeps_traps_and_is_idempotent(lines, breaks, final_newline):
    text = "".join(ln + br for ln, br in zip(lines, breaks))
    text = text if final_newline else text.rstrip("\n")
    rules = [rule_instance(c) for c in CODES]

    def run(t):
        return fix_to_fixed_point(t, lambda s: lint(Document(s, lang="fr"), rules), unsafe=True)

    out = run(text)
    assert out.converged
    assert run(out.text).text == out.text
    for trap in set(lines) & set(TRAPS):
        assert trap in out.text, trap
