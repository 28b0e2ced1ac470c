"""corpuslint's own grammar checks and guards (no backend needed): a/an, then/than, were/where,
it's/its, French numerals and inserted clauses, quoted mentions, Grammalecte conflicts."""
from __future__ import annotations

import pytest

from corpuslint.rules.grammar import conflicts, en_article, en_than, harper_lints, patterns_en, patterns_fr, quotes
from corpuslint.rules.grammar.mapping import categorize
from corpuslint.rules.grammar.slip import STYLE, Slip


def _spans(text, slips):
    return [(text[s.start:s.end], s.suggestions[0]) for s in slips]


@pytest.mark.parametrize("word,article", [
    ("overstretched", "an"), ("apple", "an"), ("hour", "an"), ("honest", "an"), ("unusual", "an"),
    ("umbrella", "an"), ("update", "an"), ("unimportant", "an"), ("unique", "a"), ("unanimous", "a"),
    ("european", "a"), ("one-off", "a"), ("once-famous", "a"), ("useful", "a"), ("university", "a"),
    ("new", "a"), ("budget", "a")])
def test_the_article_a_word_takes_for_certain(word, article):
    assert en_article.wanted(word) == article


@pytest.mark.parametrize("word", ["historic", "hotel", "herb", "x-ray", "e-mail", "mri", "smtp", "and", "other"])
def test_words_whose_article_is_not_judged(word):
    assert en_article.wanted(word) is None


def test_article_check_skips_letters_labels_and_abbreviations():
    clean = ("He got an A. Plan A failed. The letter a is a vowel. Type a aggressive. An SUV, an NHS trust, "
             "a UFO. Il y a un an. An Seo-young said so.")
    assert en_article.check(clean) == []
    text = "It was a overstretched budget. An new plan. A overview."
    assert _spans(text, en_article.check(text)) == [("a", "an"), ("An", "A"), ("A", "An")]


def test_then_for_than_needs_a_certain_comparison():
    clean = ("Prices were higher then, and wages lower. It got better then worse. They saw each other then "
             "left. Rates were higher then the bank cut them. It was colder then than now.")
    assert en_than.check(clean) == []
    text = "It cost more then 40 dollars. Anyone other then you. She is older then him."
    assert [s.suggestions for s in en_than.check(text)] == [("than",)] * 3


def test_more_word_then_needs_the_tagger_to_agree():
    text = "The shop hired more staff then we expected."
    assert en_than.check(text) == []          # "more staff then the rest left" is a sequence
    at = text.index("then")
    assert _spans(text, en_than.check(text, frozenset({at}))) == [("then", "than")]


def test_more_adjective_by_its_ending_then_needs_no_tagger():
    text = "The rooms were more expensive then we expected."
    assert _spans(text, en_than.check(text)) == [("then", "than")]
    assert en_than.check("The team became more dominant, then faded.") == []


def test_its_and_were_for_where():
    text = "A trade body said that it's members had cut prices. Build homes were the jobs are, not there."
    assert _spans(text, patterns_en.check(text)) == [("it's", "its"), ("were", "where")]
    clean = "It's members only. It's parents who decide. Those were the places we were. Those were the days."
    assert patterns_en.check(clean) == []


def test_particle_doubles_after_their_verb():
    text = "The app carries on on the larger display."
    assert patterns_en.particle_then_preposition(text, text.index("on on"), "on")
    text = "This is about the the war."
    assert not patterns_en.particle_then_preposition(text, text.index("the the"), "the")


def test_french_numerals_a_before_a_number_and_inserted_clauses():
    text = ("Il a attendu trentes minutes. Ils sont partis en kayak, a deux. Les joueurs, qui avaient "
            "dominé, a perdu. Les enquêteurs, dont le travail a été salué, est reparti.")
    assert _spans(text, patterns_fr.check(text)) == [("trentes", "trente"), ("a", "à"), ("a", "ont"),
                                                     ("est", "sont")]
    clean = ("Les années trente. Quatre-vingts ans. Il en a deux. Les joueurs, qui avaient dominé, a expliqué "
             "l'entraîneur, ont perdu. Les Échos, qui ont révélé l'affaire, a publié un démenti. Les enfants, "
             "qui jouent dehors, dit-elle, sont heureux.")
    assert patterns_fr.check(clean) == []


def test_quoted_mentions_and_their_edges():
    text = "Un clic sur « Abonnez-vous » suffit."
    assert quotes.mentions(text) == [(text.index("«"), text.index("»") + 1)]
    assert quotes.at_mention_edge(text, text.index("suffit"), text.index("suffit") + 6)
    speech = "Il a dit : « Nous avons gagnés le match. »"
    assert quotes.mentions(speech) == []     # after a colon: reported speech, checked as usual


def test_mass_nouns_only_for_nouns_never_counted():
    assert harper_lints.mass_noun_ok("an advice") and harper_lints.mass_noun_ok("informations")
    assert not harper_lints.mass_noun_ok("each flatbread") and not harper_lints.mass_noun_ok("A hearing")
    text = "He gave me an advice."
    slip = Slip(11, 20, "harper", "MassNouns", "Agreement", "mass noun", ("an tip",))
    assert harper_lints.refine(slip, text).suggestions == ("advice",)
    text = "We ordered each flatbread."
    slip = Slip(11, 25, "harper", "MassNouns", "Agreement", "mass noun", ("each piece of flatbread",))
    assert categorize(harper_lints.refine(slip, text)) == STYLE    # an opinion: CL512, off by default


def _alt(text, word, repl, action):
    at = text.index(word)
    return Slip(at, at + len(word), "grammalecte", f"g3__gn_2m_et_ou__b1_a{action}_1", "gn", "accord", (repl,))


def test_a_conflict_keeps_the_alternative_that_settles_it():
    text = "La salade, légère et généreux, a plu."
    first, second = _alt(text, "légère", "léger", 1), _alt(text, "généreux", "généreuse", 2)
    # the checker, run again, still objects to "léger" next to "La salade"
    recheck = lambda fixed: [Slip(11, 16, "grammalecte", "g3__gn_la_2m_virg__b1_a1_1", "gn", "accord", ("légère",))] \
        if "léger " in fixed else []
    assert conflicts.resolve((first, second), text, recheck) == (second,)


def test_a_conflict_never_changes_a_determiner_gender_and_without_a_good_side_has_no_fix():
    text = "Une tarte généreux et légère."
    det, adj = _alt(text, "Une", "Un", 3), _alt(text, "généreux", "généreuse", 2)
    assert conflicts.resolve((det, adj), text, lambda fixed: []) == (adj,)
    stuck = conflicts.resolve((det, _alt(text, "généreux", "portés", 2)), text, lambda fixed: [])
    assert len(stuck) == 1 and stuck[0].suggestions == ()   # reported, no fix: neither side is sure
