"""Extra tests for the text-hygiene rules CL102-CL108: docs, spans, applicability, round trips."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuslint.finding import Applicability
from corpuslint.document import Document
from corpuslint.engine import lint
from rulecase import findings, fixed, rule_instance

CODES = ["CL102", "CL103", "CL104", "CL105", "CL106", "CL107", "CL108"]

# One text holding debris for every rule, plus traps that must survive.
DEBRIS = (
    "Le hall de SÃ£o Bento,    tapissé de faïence.\n\n\n\n\n"
    "Suivra-t-il ?. Oui&nbsp;! Les AT&T et R&D restent.<br>Suite\u200b ici.\n"
    "[caption id=\"attachment_1\" width=\"1200\"] Légende [/caption]\n"
    "Et puis... la famille 👨\u200d👩\u200d👧 arrive à 19\u00a0h.\n"
)


def test_all_hygiene_fixes_together_leave_traps_alone():
    out = DEBRIS
    for code in CODES:
        out = fixed(code, out)
    assert "São Bento, tapissé" in out
    assert "\n\n\n" not in out
    assert "Suivra-t-il ? Oui\u00a0!" in out
    assert "AT&T et R&D" in out
    assert "Suite ici." in out and "<br>" not in out
    assert "[caption" not in out and "Légende" not in out
    assert "Et puis... la famille 👨\u200d👩\u200d👧 arrive à 19\u00a0h." in out


def test_doubled_punctuation_applicability_depends_on_context():
    def applicability(text):
        [f] = findings("CL104", text)
        return f.fix.applicability

    assert applicability("Fin de la phrase.. Suite.") is Applicability.SAFE
    assert applicability("hmm.. je ne sais pas") is Applicability.UNSAFE
    assert applicability("Pourquoi ?. Parce que.") is Applicability.SAFE
    assert applicability("Génial!! Vraiment.") is Applicability.UNSAFE


def test_entity_semicolon_is_not_doubled_punctuation():
    text = "une reprise de &laquo;Paper Moon&raquo;. Le refrain"
    assert findings("CL104", text) == []
    assert fixed("CL104", fixed("CL106", text)) == "une reprise de «Paper Moon». Le refrain"


def test_markdown_keeps_inline_html_but_not_shortcodes():
    text = "Un <em>mot</em> et [embed]https://youtu.be/x[/embed] fin.\n"
    assert [text[f.start:f.end] for f in findings("CL107", text, markdown=True)][0].startswith("[embed]")
    assert fixed("CL107", text, markdown=True) == "Un <em>mot</em> et fin.\n"


def test_html_in_a_txt_that_looks_like_markdown_is_residue():
    text = ("# Titre\n\nNotez les résultats : ils serviront de comparaison.<br/>\n\n"
            "**Sous Linux**, voyez [le guide](https://example.fr).\n")
    rule = rule_instance("CL107")

    def run(path):
        return [text[f.start:f.end] for f in lint(Document(text, path=path, markdown=True), [rule])]

    assert run("guide.md") == []
    assert run("article.txt") == ["<br/>"]


def _as_cp1252_mojibake(text: str) -> str:
    """What a UTF-8 page looks like when read as cp1252 (latin-1 for bytes cp1252 leaves undefined)."""
    return "".join(
        bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b))
        for b in text.encode("utf-8")
    )


_WORDS = st.sampled_from("été déjà où garçon Noël crème brûlée São Paulo Vélib’ naïve ça À Éric"
                         " forêt île très “guillemets” l’heure".split())


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=8))
def test_mojibake_repair_round_trips(words):
    clean = "Avant " + " ".join(words) + " après.\n"
    broken = _as_cp1252_mojibake(clean)
    assert findings("CL105", clean) == []
    assert fixed("CL105", broken) == clean


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_WORDS, st.booleans()), min_size=2, max_size=8))
def test_mojibake_repair_of_lines_mixing_good_and_bad_words(words):
    """Only some words are broken: ftfy alone keeps such lines; the sequence repair must not."""
    clean = "Avant " + " ".join(w for w, _ in words) + " après.\n"
    broken = "Avant " + " ".join(_as_cp1252_mojibake(w) if bad else w for w, bad in words) + " après.\n"
    assert fixed("CL105", broken) == clean


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab é.,;:!?…&;<>/[]= \n\t\u200b\u00a0#1")), max_size=40))
def test_fixes_are_idempotent(text):
    for code in CODES:
        once = fixed(code, text)
        assert fixed(code, once) == once, (code, text)
