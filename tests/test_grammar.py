"""Grammar slips (CL5xx): config, mapping, prose building, caching, missing backends, the quiet profile.

These run the real embedded backends (Grammalecte from Debian's python3-grammalecte, Harper
from harper-py); each engine loads once per test session (module-level caches).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpuslint.document import Document
from corpuslint.engine import lint
from corpuslint.finding import Edit, Finding, Fix
from corpuslint.registry import all_rules
from corpuslint.rules import grammar
from corpuslint.rules.grammar import backend_grammalecte, engine, prose
from corpuslint.rules.grammar.config import GrammarConfig
from corpuslint.rules.grammar.mapping import categorize, is_mechanical
from corpuslint.rules.grammar.slip import Slip

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEVSET = ROOT.parent / "shared" / "devset"

needs_grammalecte = pytest.mark.skipif(backend_grammalecte.find() is None,
                                       reason="python3-grammalecte is not installed")


@pytest.fixture(autouse=True)
def grammar_config(tmp_path):
    """Each test gets the default config with its own on-disk cache; the default comes back after."""
    grammar.configure(GrammarConfig(cache_dir=str(tmp_path / "grammar-cache")))
    yield
    grammar.configure(GrammarConfig())


def cl5(text: str, lang: str, *, markdown: bool = False, prior=(), codes=None):
    rules = [c() for k, c in all_rules().items()
             if k.startswith("CL5") and (c.default_enabled if codes is None else k in codes)]
    doc = Document(text, lang=lang, markdown=markdown)
    doc.prior = list(prior)
    found = []
    for r in rules:
        found += r.check(doc)
    return sorted(found, key=lambda f: (f.start, f.code))


def spans(text, found):
    return [(f.code, text[f.start:f.end]) for f in found]


# -- config -------------------------------------------------------------------------------

def test_config_from_mapping_accepts_kebab_case_and_tables():
    cfg = GrammarConfig.from_mapping({
        "backend": {"fr": "grammalecte", "de": "languagetool"}, "required": True, "profile": "upstream",
        "cache-dir": "", "languagetool": {"url": "http://localhost:8081/", "disabled-rules": ["A", "B"],
                                          "languages": {"en": "en-GB"}},
        "grammalecte": {"options": {"nbsp": True}}, "harper": {"dialect": "British"}})
    assert cfg.backend_for("fr") == "grammalecte" and cfg.backend_for("de") == "languagetool"
    assert cfg.backend_for("en") == "auto"
    assert cfg.cache_dir is None and cfg.required and cfg.profile == "upstream"
    assert cfg.languagetool.url == "http://localhost:8081"
    assert cfg.languagetool.disabled_rules == ("A", "B") and cfg.languagetool.code_for("en") == "en-GB"
    assert dict(cfg.grammalecte.options) == {"nbsp": True} and cfg.harper.dialect == "british"
    hash(cfg)  # keys caches


@pytest.mark.parametrize("mapping,message", [
    ({"colour": True}, "unknown key 'colour'"),
    ({"backend": {"fr": "lt"}}, "unknown backend 'lt'"),
    ({"backend": {"de": "grammalecte"}}, "grammalecte checks fr only"),
    ({"backend": {"en": "languagetool"}}, "needs grammar.languagetool.url"),
    ({"required": "yes"}, "expected true or false"),
    ({"profile": "loud"}, "unknown profile 'loud'"),
    ({"languagetool": {"url": "localhost:8081"}}, r"expected an http\(s\) URL"),
    ({"languagetool": {"port": 8081}}, "unknown key 'port'"),
    ({"harper": {"dialect": "klingon"}}, "unknown dialect"),
    ({"grammalecte": {"options": {"nbsp": "off"}}}, "expected true or false"),
])
def test_config_rejects_bad_values_with_a_clear_message(mapping, message, monkeypatch):
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    monkeypatch.delenv("LTP_PATH", raising=False)
    with pytest.raises(ValueError, match=message):
        GrammarConfig.from_mapping(mapping)


def test_no_grammar_switches_every_cl5_rule_off():
    grammar.configure_from_mapping({"enabled": False})
    assert cl5("Dans le le cadre des tests.", "fr") == []


# -- mapping ------------------------------------------------------------------------------

@pytest.mark.parametrize("slip,category", [
    (Slip(0, 5, "grammalecte", "doublon", "", "Doublon."), "repetition"),
    (Slip(0, 5, "grammalecte", "g3__gn_leur_1m__b2_a1_1", "gn", ""), "agreement"),
    (Slip(0, 5, "grammalecte", "g3__infi_par_pour_sans__b5_a1_1", "infi", ""), "verb-form"),
    (Slip(0, 5, "grammalecte", "g3__conf_à_a_après_verbes__b7_a1_1", "conf", ""), "confusion"),
    (Slip(0, 5, "grammalecte", "nbsp_avant_double_ponctuation", "nbsp", ""), "typography"),
    (Slip(0, 5, "grammalecte", "apostrophe_typographique", "apos", ""), "typography"),
    (Slip(0, 5, "grammalecte", "num_grand_nombre_avec_espaces", "", ""), "typography"),
    (Slip(0, 5, "harper", "RepeatedWords", "Repetition", ""), "repetition"),
    (Slip(0, 5, "harper", "ItsPossessive", "Agreement", ""), "agreement"),
    (Slip(0, 5, "harper", "SpellCheck", "Spelling", ""), "spelling"),
    (Slip(0, 5, "harper", "LongSentences", "Readability", ""), "style"),
    (Slip(0, 5, "harper", "NumericRangeEnDash", "Formatting", ""), "typography"),
    (Slip(0, 5, "languagetool", "GERMAN_WORD_REPEAT_RULE", "MISC/duplication", ""), "repetition"),
    (Slip(0, 5, "languagetool", "MORFOLOGIK_RULE_EN_US", "TYPOS/misspelling", ""), "spelling"),
    (Slip(0, 5, "languagetool", "DE_AGREEMENT", "GRAMMAR/grammar", ""), "agreement"),
    (Slip(0, 5, "languagetool", "WHITESPACE_RULE", "TYPOGRAPHY/whitespace", ""), "typography"),
    (Slip(0, 5, "languagetool", "EN_CONFUSION_A_AN", "CONFUSED_WORDS/grammar", ""), "confusion"),
])
def test_upstream_rules_map_to_categories(slip, category):
    assert categorize(slip) == category


def test_only_doubled_words_and_punctuation_are_mechanical():
    rep = Slip(0, 5, "grammalecte", "doublon", "", "")
    assert is_mechanical(rep, "le le", "le")
    assert not is_mechanical(rep, "le la", "le")
    punct = Slip(0, 2, "grammalecte", "typo_ponctuation_superflue4", "typo", "")
    assert is_mechanical(punct, "?.", "?")
    assert not is_mechanical(punct, "..", "…")
    agreement = Slip(0, 4, "grammalecte", "g3__gn_leur_1m__b2_a1_1", "gn", "")
    assert not is_mechanical(agreement, "leur", "leurs")


# -- the issue's examples -----------------------------------------------------------------

@needs_grammalecte
def test_seed_004_pour_creez_is_reported_with_suggestion_creer():
    text = (SEEDS / "004_df35efdc4707c528.txt").read_text(encoding="utf-8")
    found = [f for f in cl5(text, "fr") if text[f.start:f.end] == "créez"]
    assert len(found) == 1
    f = found[0]
    assert f.code == "CL503" and f.fix.edits[0].content == "créer"
    assert f.extra["upstream"].startswith("grammalecte:") and f.fix.applicability.value == "unsafe"


@needs_grammalecte
def test_angle_bracket_tokens_do_not_crash_grammalecte():
    # "<TAGS>" reaches a "<…>" key of the engine's token graph, which raised TypeError.
    text = "Voici des <TAGS> dans le texte, et <rules> aussi. Les enfant sont partis."
    found = cl5(text, "fr")
    assert [text[f.start:f.end] for f in found if f.code == "CL502"] == ["enfant"]


@needs_grammalecte
def test_default_profile_has_no_typography_nits_on_the_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = cl5(text, "fr")
        assert {f.code for f in found} <= {"CL501", "CL502", "CL503", "CL504", "CL505"}, path.name
        assert not [f for f in found if "’" in text[f.start:f.end] or "'" in text[f.start:f.end]
                    or text[f.start:f.end].strip() in ("?", "!", ":", ";")], path.name


@needs_grammalecte
def test_typography_is_selectable():
    text = "Vraiment ? « Oui », dit-il."
    assert cl5(text, "fr") == []
    found = cl5(text, "fr", codes={"CL510"})
    assert found and all(f.code == "CL510" for f in found)
    assert any(f.fix.edits[0].content.startswith(("\u00a0", "\u202f")) for f in found)


def test_english_gets_harper_findings_without_spelling_or_style_noise():
    text = ("Satya Nadella said the the company pushed for it's valuation. "
            "The Leeds-based group, which makes chilled ready meals for several of the UK's largest "
            "supermarket chains, now expects pre-tax profit of between £38m and £42m for the year.")
    found = cl5(text, "en")
    assert spans(text, found) == [("CL501", "the the"), ("CL502", "it's")]
    assert found[0].extra["upstream"] == "harper:RepeatedWords" and found[0].fix.applicability.value == "safe"
    assert found[1].extra["upstream"] == "harper:ItsPossessive" and found[1].fix.edits[0].content == "its"
    # the same text with spelling and style selected is noisy: that is why they are off
    loud = cl5(text, "en", codes={"CL511", "CL512"})
    assert any(text[f.start:f.end] in ("Satya", "Nadella") for f in loud)


@pytest.mark.skipif(not DEVSET.is_dir(), reason="shared devset not present")
def test_devset_grammar_slips_are_found():
    for case in sorted(DEVSET.iterdir()):
        meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
        slips = [d for d in meta["debris"] if d["category"] == "grammar_slip"]
        if not slips or meta["lang"] not in ("fr", "en"):
            continue
        if meta["lang"] == "fr" and backend_grammalecte.find() is None:
            continue
        text = (case / "dirty.txt").read_text(encoding="utf-8")
        found = cl5(text, meta["lang"])
        for d in slips:
            a, b = d["span"]
            assert any(f.start < b and a < f.end for f in found), (case.name, d["dirty_excerpt"])


@pytest.mark.skipif(not DEVSET.is_dir(), reason="shared devset not present")
@needs_grammalecte
def test_default_profile_is_quiet_on_clean_devset_texts():
    from corpuslint.language import detect

    for case in sorted(DEVSET.iterdir()):
        text = (case / "clean.txt").read_text(encoding="utf-8")
        found = cl5(text, detect(text))
        assert found == [], (case.name, spans(text, found))


# -- prose: masking, joining, mapping back ------------------------------------------------

def _debris(code, start, end, fix=None):
    return Finding(code, "debris", "debris", start, end, fix=fix)


@needs_grammalecte
def test_lines_flagged_by_a_debris_rule_are_masked():
    text = "Le conseil a voté.\nPartager sur le le réseau\nLe projet avance.\n"
    line = text.index("Partager")
    assert spans(text, cl5(text, "fr")) == [("CL501", "le le")]
    removal = Fix.safe(Edit.deletion(line, text.index("Le projet")))
    assert cl5(text, "fr", prior=[_debris("CL205", line, text.index("Le projet"), removal)]) == []
    # a flagged line without a fix is masked too
    assert cl5(text, "fr", prior=[_debris("CL205", line, text.index("réseau") + 6)]) == []


@needs_grammalecte
def test_a_slip_already_reported_by_a_debris_rule_is_not_reported_again():
    text = "Il est venu.. Puis il est reparti le le lendemain."
    at = text.index("..")
    found = cl5(text, "fr", codes={"CL501", "CL510"})
    assert ("CL510", "..") in spans(text, found)
    found = cl5(text, "fr", codes={"CL501", "CL510"},
                prior=[_debris("CL104", at, at + 2, Fix.safe(Edit(at, at + 2, ".")))])
    assert spans(text, found) == [("CL501", "le le")]


@needs_grammalecte
def test_debris_fixes_are_applied_before_checking_and_offsets_map_back():
    # "marcheet" is a merged word (a debris rule splits it); the slip after it must map exactly.
    text = "M. Nadella a proposé de redresser la marcheet a rapidement commencé à agir pour créez des emplois."
    at = text.index("marcheet") + len("marche")
    split = _debris("CL401", at - 6, at + 2, Fix.unsafe(Edit.insertion(at, " ")))
    found = cl5(text, "fr", prior=[split])
    assert ("CL503", "créez") in spans(text, found)
    f = next(f for f in found if f.code == "CL503")
    assert text[f.fix.edits[0].start:f.fix.edits[0].end] == "créez"


@needs_grammalecte
def test_no_slip_on_the_word_next_to_a_merge():
    # A merge's split is a guess: read wrongly ("député sont"), the next word seems to disagree.
    text = "Mardi 14 octobre, les députésont adopté la proposition de loi créant un fonds de solidarité."
    at = text.index("députésont") + len("député")
    wrong = _debris("CL402", at - 6, at + 4, Fix.unsafe(Edit.insertion(at, " ")))
    other = _debris("CL999", at - 6, at + 4, Fix.unsafe(Edit.insertion(at, " ")))  # the same edit, no merge
    assert ("CL502", "adopté") in spans(text, cl5(text, "fr", prior=[other]))
    assert ("CL502", "adopté") not in spans(text, cl5(text, "fr", prior=[wrong]))


def test_broken_wraps_are_joined_and_other_breaks_end_a_segment():
    doc = Document("Le conseil a voté\nhier soir le projet.\nLes buts\nYacine a marqué.\n", lang="fr")
    segs = prose.segments(doc)
    assert [s.text for s in segs] == ["Le conseil a voté hier soir le projet.", "Les buts", "Yacine a marqué."]
    s = segs[0]
    join = s.text.index(" hier")
    assert s.to_doc(join, join + 5) == (doc.text.index("\nhier"), doc.text.index("\nhier") + 5)


def test_the_lines_of_a_stanza_are_read_apart():
    verse = "En passant par la Lorraine,\navec mes sabots,\nrencontrai trois capitaines,\navec mes sabots.\n"
    assert [s.text for s in prose.segments(Document(verse, lang="fr"))] == [
        "En passant par la Lorraine,", "avec mes sabots,", "rencontrai trois capitaines,", "avec mes sabots."]
    # short lines of prose cut by a narrow column are still joined
    prose_text = "Le maire, élu en mars,\na présenté hier\nson budget pour 2025.\n"
    assert [s.text for s in prose.segments(Document(prose_text, lang="fr"))] == [
        "Le maire, élu en mars, a présenté hier son budget pour 2025."]


@needs_grammalecte
def test_a_folk_song_line_is_no_verb_without_its_subject():
    verse = ("Le refrain :\n\nEn passant par la Lorraine,\navec mes sabots,\nrencontrai trois capitaines,\n"
             "avec mes sabots, dondaine,\nOh, oh, oh ! avec mes sabots.\n")
    assert cl5(verse, "fr") == []
    # the same slip in a sentence of prose is still found
    prose_line = "Hier soir, sur la place, le maire rencontrai trois capitaines.\n"
    assert [word for _, word in spans(prose_line, cl5(prose_line, "fr"))] == ["rencontrai"]


def test_markdown_structure_and_inline_markup_are_skipped():
    text = "## Titre\n\n- Voir [le le guide](https://exemple.fr/le-le) et `le le` ici.\n"
    doc = Document(text, lang="fr", markdown=True)
    segs = prose.segments(doc)
    assert [s.text.strip() for s in segs][0] == "Titre"
    item = segs[1].text
    assert "https" not in item and "`" not in item and "[" not in item
    assert item.index("le le guide") == text.index("le le guide") - text.index("Voir")


@needs_grammalecte
def test_positions_after_emoji_and_no_break_spaces_map_back_exactly():
    text = "🚀🔥 Lancement\u00a0: l’équipe a travaillé dans le le cadre du projet 🇫🇷 pour créez des emplois."
    found = cl5(text, "fr")
    assert spans(text, found) == [("CL501", "le le"), ("CL503", "créez")]


def test_an_english_paragraph_in_a_french_article_is_checked_as_english():
    text = ("Le public de la Malmö Arena est debout pour la finale.\n\n"
            "\"I cannot believe it, this is the the best night of my life,\" she told the press.\n")
    found = cl5(text, "fr")
    assert spans(text, found) == [("CL501", "the the")]
    assert found[0].extra["lang"] == "en"


# -- caching ------------------------------------------------------------------------------

class _Spy:
    """Counts calls to the real backend method (it still runs)."""

    def __init__(self, monkeypatch, cls):
        self.calls = []
        real = cls.check

        def check(backend, text, lang, categories):
            self.calls.append(text)
            return real(backend, text, lang, categories)

        monkeypatch.setattr(cls, "check", check)


def test_slips_are_cached_on_disk_by_paragraph(monkeypatch, tmp_path):
    from corpuslint.rules.grammar.backend_harper import Harper

    spy = _Spy(monkeypatch, Harper)
    text = "We talked about the the war.\n\nThe council voted on Tuesday.\n"
    cfg = GrammarConfig(cache_dir=str(tmp_path / "c"))
    grammar.configure(cfg)
    first = spans(text, cl5(text, "en"))
    assert len(spy.calls) == 2 and first == [("CL501", "the the")]
    # a new process (fresh in-memory state), same files: nothing is checked again
    engine._STATE = None
    grammar.configure(cfg)
    assert spans(text, cl5(text, "en")) == first and len(spy.calls) == 2
    # an edited article: only the changed paragraph is checked
    edited = text.replace("Tuesday", "Wednesday")
    engine._STATE = None
    grammar.configure(cfg)
    assert spans(edited, cl5(edited, "en")) == first
    assert spy.calls[2:] == ["The council voted on Wednesday."]
    assert list((tmp_path / "c").rglob("*.json"))


def test_the_cache_key_changes_with_backend_version_and_options(monkeypatch, tmp_path):
    from corpuslint.rules.grammar.backend_harper import Harper

    spy = _Spy(monkeypatch, Harper)
    cfg = engine.state().config
    text = "We talked about the the war."
    cl5(text, "en")
    cl5(text, "en", codes={"CL511"})       # another category set: another run
    engine._STATE = None
    grammar.configure(cfg)
    cl5(text, "en")                         # same version and options: from the disk cache
    assert len(spy.calls) == 2
    monkeypatch.setattr(Harper, "version", lambda self: "99.0")
    engine._STATE = None
    grammar.configure(cfg)
    cl5(text, "en")
    assert len(spy.calls) == 3


# -- missing backends ---------------------------------------------------------------------

def test_a_missing_backend_prints_one_line_and_the_rest_is_linted(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(engine, "_WARNED", set())
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    grammar.configure_from_mapping({"backend": {"fr": "grammalecte"}, "grammalecte": {"path": str(empty)}})
    text = "Dans le le cadre des tests.   \nEncore le le même.\n"
    rules = [c() for k, c in all_rules().items() if k == "CL101" or k.startswith("CL50")]
    found = lint(Document(text, lang="fr"), rules)
    lint(Document(text, lang="fr"), rules)
    assert [f.code for f in found] == ["CL101"]
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "French grammar" in err[0] and "apt-get install python3-grammalecte" in err[0]


def test_a_missing_required_backend_is_an_error(tmp_path):
    with pytest.raises(grammar.GrammarUnavailable, match="python3-grammalecte"):
        grammar.configure_from_mapping({"required": True, "backend": {"fr": "grammalecte"},
                                        "grammalecte": {"path": str(tmp_path)}})


@needs_grammalecte
def test_grammalecte_is_imported_from_its_folder_without_touching_sys_path():
    import sys

    root = backend_grammalecte.find()
    before = list(sys.path)
    checker, gce, _ = backend_grammalecte._engine(str(root))
    assert sys.path == before
    assert str(root) not in sys.path and gce.version
