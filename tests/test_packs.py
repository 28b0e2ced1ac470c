"""The YAML pack engine (rules/boilerplate.py): validation, user packs of every kind, timeouts."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from corpuslint.document import Document
from corpuslint.engine import lint
from corpuslint.fixer import fix_to_fixed_point
from corpuslint.registry import builtin_rules
from corpuslint.rules import boilerplate
from corpuslint.rules.boilerplate import PackError, PackRule, builtin_packs, load_pack, load_user_packs

EXAMPLE = Path(boilerplate.__file__).with_name("packs") / "_example.yml"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run(cls, text: str, lang: str = "fr", unsafe: bool = True):
    rule = cls()
    found = lint(Document(text, lang=lang), [rule])
    fixed = fix_to_fixed_point(text, lambda t: lint(Document(t, lang=lang), [rule]), unsafe).text
    return [text[f.start:f.end] for f in found], fixed


# -- validation ----------------------------------------------------------------------------------

@pytest.mark.parametrize("body,expected", [
    ("rule: ACME1\nlang: fr\nentries: [{kind: line, phrases: [x], message: m}]\n", "rule must be a code"),
    ("rule: ACME101\nlang: français\nentries: [{kind: line, phrases: [x], message: m}]\n", "lang must be"),
    ("rule: ACME101\nlang: fr\n", "missing required key 'entries'"),
    ("rule: ACME101\nlang: fr\nentries: []\n", "entries must be a non-empty list"),
    ("rule: ACME101\nlang: fr\ncolour: red\nentries: [{kind: line, phrases: [x], message: m}]\n",
     "unknown key 'colour'"),
    ("- just\n- a list\n", "a pack is a mapping"),
])
def test_pack_level_errors_name_the_file(tmp_path, body, expected):
    path = write(tmp_path, "bad.yml", body)
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert str(path) in str(err.value) and expected in str(err.value)


@pytest.mark.parametrize("entry,expected", [
    ("{kind: paragraph, phrases: [x]}", "kind must be one of line, block, existence, substitution"),
    ("{kind: line, phrases: [x], colour: red}", "unknown key 'colour'"),
    ("{kind: line}", "give exactly one of phrases or pattern"),
    ("{kind: line, phrases: [x], pattern: y}", "give exactly one of phrases or pattern"),
    ("{kind: line, pattern: '(unclosed'}", "bad regex"),
    ("{kind: line, pattern: 'a*'}", "matches the empty string"),
    ("{kind: line, phrases: [x], applicability: maybe}", "applicability must be safe or unsafe"),
    ("{kind: line, phrases: [x], rest: everything}", "rest must be one of none, title, any"),
    ("{kind: line, phrases: [x], max_words: 0}", "max_words must be an integer >= 1"),
    ("{kind: block, phrases: [x], min_lines: 6}", "min_lines must not exceed max_lines"),
    ("{kind: line, phrases: [x], min_lines: 2}", "unknown key 'min_lines'"),
    ("{kind: existence, phrases: [x], max_lines: 3}", "unknown key 'max_lines'"),
    ("{kind: substitution, pattern: x}", "needs replace"),
    ("{kind: substitution, pattern: x, replace: '\\\\2'}", "bad template"),
    ("{kind: block, phrases: [x], body: {pattern: '('}}", "body: bad regex"),
    ("{kind: line, phrases: [x], separator: true}", "separator needs rest"),
    ("{kind: existence, phrases: [x], caption: true}", "caption: true goes with fix: delete"),
    ("{kind: line, phrases: [x], caption: yes please}", "caption must be true or false"),
    ("{kind: block, phrases: [x], caption: true}", "unknown key 'caption'"),
])
def test_entry_errors_name_file_entry_and_line(tmp_path, entry, expected):
    path = write(tmp_path, "bad.yml", f"""\
        rule: ACME101
        lang: fr
        message: house boilerplate
        entries:
          - {{kind: line, phrases: [fine]}}
          - {entry}
        """)
    with pytest.raises(PackError) as err:
        load_pack(path)
    msg = str(err.value)
    assert f"{path}: entry 2 (line 6)" in msg, msg
    assert expected in msg, msg
    assert (err.value.entry, err.value.line) == (1, 6)


def test_min_lines_keeps_a_label_that_is_also_a_heading(tmp_path):
    path = write(tmp_path, "news.yml", """\
        rule: ACME102
        name: news-widget
        message: news widget
        lang: en
        entries:
          - kind: block
            phrases: [local news]
            min_lines: 2
            body_max_words: 0
            body: {pattern: '^[^.]+$'}
        """)
    cls = load_user_packs([path])["ACME102"]
    heading = "Local news\n\nThe council met on Tuesday.\n"
    assert run(cls, heading, lang="en") == ([], heading)
    widget = "The council met.\n\nLocal news\nMarket hall reopens\nBus fares frozen\n\nEnd.\n"
    assert run(cls, widget, lang="en") == (["\nLocal news\nMarket hall reopens\nBus fares frozen\n"],
                                           "The council met.\n\nEnd.\n")


def test_entry_without_message_anywhere(tmp_path):
    path = write(tmp_path, "bad.yml", "rule: ACME101\nlang: fr\nentries:\n  - {kind: line, phrases: [x]}\n")
    with pytest.raises(PackError, match=r"entry 1 \(line 4\): missing message"):
        load_pack(path)


def test_python_tags_are_refused(tmp_path):
    """Packs are read with yaml.safe_load: a !!python/object tag is never constructed."""
    path = write(tmp_path, "evil.yml", """\
        rule: ACME101
        lang: fr
        message: m
        entries:
          - !!python/object/apply:os.system ["echo pwned"]
        """)
    with pytest.raises(PackError, match="unsafe tag") as err:
        load_pack(path)
    assert str(path) in str(err.value)


def test_packs_are_read_with_a_safe_loader(tmp_path, monkeypatch):
    from corpuslint import yamlload

    loaders = []
    real = yaml.load
    monkeypatch.setattr(yaml, "load", lambda text, Loader: loaders.append(Loader) or real(text, Loader=Loader))
    path = write(tmp_path, "ok.yml", "rule: ACME101\nlang: fr\nmessage: m\n"
                                     "entries: [{kind: line, phrases: [x]}]\n")
    assert load_pack(path).rule == "ACME101"
    assert loaders == [yamlload._LOADER]
    # libyaml's safe loader when PyYAML has it (ten times faster on the built-in packs)
    assert yamlload._LOADER in (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader)


def test_user_codes_may_not_take_the_cl_range(tmp_path):
    path = write(tmp_path, "p.yml", "rule: CL299\nlang: fr\nname: x\nmessage: m\n"
                                    "entries: [{kind: line, phrases: [x]}]\n")
    with pytest.raises(PackError, match="CL range"):
        load_user_packs([path])


def test_new_code_needs_name_and_message(tmp_path):
    path = write(tmp_path, "p.yml", "rule: ACME101\nlang: fr\n"
                                    "entries: [{kind: line, phrases: [x], message: m}]\n")
    with pytest.raises(PackError, match="needs name and message"):
        load_user_packs([path])


# -- built-in packs --------------------------------------------------------------------------------

def test_builtin_packs_are_valid_and_loaded_once():
    packs = builtin_packs()
    assert builtin_packs() is packs
    assert {f"CL2{n:02d}" for n in range(1, 11)} <= set(packs)
    for code in packs:
        rule = builtin_rules()[code]
        assert issubclass(rule, PackRule)
        assert rule.packset() is rule.packset()


def test_example_pack_is_valid():
    rules = load_user_packs([EXAMPLE])
    cls = rules["ACME101"]
    assert cls.name == "acme-house-boilerplate" and cls.code == "ACME101"
    assert set(cls.docs()) >= {"What it does", "Why is this bad?", "Example", "Fix safety"}


# -- a user pack with a new code, each kind -------------------------------------------------------

@pytest.fixture
def house(tmp_path):
    path = write(tmp_path, "house.yml", """\
        rule: ACME101
        name: house-boilerplate
        message: house boilerplate
        lang: fr
        applicability: safe
        entries:
          - kind: line
            phrases: [Acme Premium]
          - kind: line
            phrases: [Sur Acme]
            rest: title
            separator: true
          - kind: line
            match: anywhere
            pattern: '\\bpropulsé par acme\\b'
            max_words: 10
          - kind: block
            applicability: unsafe
            phrases: [Acme Événements]
            body: {pattern: 'inscri'}
            body_max_words: 3
          - kind: existence
            message: tracking tag
            pattern: '\\[acme:\\d+\\]'
            fix: delete
          - kind: existence
            message: to check
            phrases: [à vérifier]
          - kind: substitution
            message: old brand
            pattern: '\\bAcme (Infos)\\b'
            replace: 'Acme \\1 Plus'
        """)
    return load_user_packs([path])["ACME101"]


def test_user_rule_is_a_full_rule(house):
    assert issubclass(house, PackRule) and house.code == "ACME101" and house.name == "house-boilerplate"
    assert house.fix_applicability == "sometimes"
    assert house.summary() == "house boilerplate"


def test_user_line_kinds(house):
    found, fixed = run(house, "Un texte.\n\nACME PREMIUM\nSur Acme : Les bons plans du jour\n\nLa suite.\n")
    assert found == ["\nACME PREMIUM\nSur Acme : Les bons plans du jour\n"]
    assert fixed == "Un texte.\n\nLa suite.\n"
    # separator: true: a sentence that merely starts with the phrase stays.
    assert run(house, "Sur Acme Street, the shop opened.\n")[0] == []
    assert run(house, "Un texte.\n\nSite propulsé par Acme\n")[1] == "Un texte.\n"


def test_user_block(house):
    text = "Un texte.\nAcme Événements\nInscrivez-vous vite\nSamedi\nLe maire a parlé longtemps hier soir.\n"
    found, fixed = run(house, text)
    assert found == ["Acme Événements\nInscrivez-vous vite\nSamedi\n"]
    assert fixed == "Un texte.\nLe maire a parlé longtemps hier soir.\n"
    assert run(house, text, unsafe=False)[1] == text


def test_user_existence_and_substitution(house):
    found, fixed = run(house, "Le texte [acme:42] continue, à vérifier, avec Acme Infos.\n")
    assert found == [" [acme:42]", "à vérifier", "Acme Infos"]
    assert fixed == "Le texte continue, à vérifier, avec Acme Infos Plus.\n"


def test_language_of_the_pack(house):
    assert run(house, "Texte.\n\nAcme Premium\n", lang="en")[0] == []
    assert run(house, "Texte.\n\nAcme Premium\n", lang="und")[0] != []


def test_user_pack_extends_a_builtin_rule(tmp_path):
    path = write(tmp_path, "more.yml", """\
        rule: CL206
        lang: fr
        message: lien maison
        applicability: safe
        entries:
          - {kind: line, phrases: [Nos dossiers du jour], rest: title}
        """)
    rules = load_user_packs([path])
    base = builtin_rules()["CL206"]
    ext = rules["CL206"]
    assert issubclass(ext, base) and ext is not base
    text = "Texte.\n\nNos dossiers du jour : La réforme expliquée\n\nÀ lire aussi : Le budget voté\n\nFin.\n"
    assert run(ext, text)[1] == "Texte.\n\nFin.\n"
    assert run(base, text)[1] == "Texte.\n\nNos dossiers du jour : La réforme expliquée\n\nFin.\n"


# -- runaway patterns ------------------------------------------------------------------------------

def test_catastrophic_pattern_times_out_and_linting_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(boilerplate, "MATCH_TIMEOUT", 0.05)
    monkeypatch.setattr(boilerplate, "TIMEOUT_PER_MCHAR", 0.0)
    path = write(tmp_path, "slow.yml", """\
        rule: SLOW101
        name: slow
        message: slow
        lang: "*"
        applicability: safe
        entries:
          - {kind: line, pattern: '(?:a|aa)+c'}
          - {kind: line, match: anywhere, pattern: '(?:b|bb)+c'}
          - {kind: line, phrases: [Publicité maison]}
        """)
    cls = load_user_packs([path])["SLOW101"]
    text = "a" * 40 + "\n\n" + "b" * 40 + "\n\nPublicité maison\n"
    found, _ = run(cls, text)
    assert found == ["\nPublicité maison\n"]
    errors = cls.pack_errors()
    assert sorted(e.entry for e in errors) == [0, 1]
    assert all("timed out" in str(e) and str(path) in str(e) for e in errors)
    # The runaway entries stay disabled: the next document costs nothing.
    assert run(cls, text)[0] == found and len(cls.pack_errors()) == 2


# -- matching details ------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Déjà membre ? Je me connecte.",
    "Deja membre? Je me connecte",
    "DÉJÀ MEMBRE\u00a0? JE ME CONNECTE…",
    "- Déjà membre ? Je me connecte :",
    "**Déjà membre ? Je me connecte**",
])
def test_phrases_are_matched_robustly(line):
    cls = builtin_rules()["CL201"]
    assert run(cls, f"Texte.\n\n{line}\n")[1] == "Texte.\n"


def test_apostrophe_variants():
    cls = builtin_rules()["CL202"]
    for apostrophe in "'’":
        assert run(cls, f"Texte.\n\nS{apostrophe}abonner\n")[1] == "Texte.\n"


@pytest.mark.parametrize("text,first,last,expected", [
    ("p\n\nX\n\nq\n", 2, 2, "p\n\nq\n"),
    ("p\n\nX\n", 2, 2, "p\n"),
    ("p\n\nX", 2, 2, "p"),
    ("X\n\nq\n", 0, 0, "q\n"),
    ("p\nX\nq", 1, 1, "p\nq"),
    ("p\nX", 1, 1, "p"),
    ("p\n\nX\nY\n\nq", 2, 3, "p\n\nq"),
])
def test_removal_span_keeps_one_paragraph_break(text, first, last, expected):
    doc = Document(text)
    start, end = boilerplate.removal_span(doc, doc.lines[first], doc.lines[last])
    assert text[:start] + text[end:] == expected


def test_every_builtin_pack_passes_full_validation():
    # At run time built-in packs skip the regex validation (start-up speed); this test is that validation.
    from corpuslint.rules.boilerplate import PACK_DIR, load_pack

    files = [p for p in PACK_DIR.rglob("*.yml") if not p.name.startswith("_")]
    assert len(files) >= 40
    for path in files:
        pack = load_pack(path)  # full validation: every regex compiled, no empty matches
        assert pack.entries and pack.rule.startswith("CL2"), path
