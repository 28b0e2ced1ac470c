"""Precision guards applied to every backend's slips (the default profile must stay quiet).

Grammar checkers reason from a dictionary and part-of-speech guesses; they cry wolf where
those guesses are weak. A slip is dropped when:

- it sits in a heading-like segment (short, no final punctuation): headlines are telegraphic
  ("Un partenariat devenu dépendance"); only doubled words are reported there;
- one of its words, or a word within two of it, is foreign to the segment's language ("la green
  room"; wordfreq frequencies) or unknown to the backend's own dictionary (a lowercase word its
  spell checker rejects, such as "ultraportables": the checker guessed its part of speech);
- an agreement slip follows a closing quote in the same clause: « Les Heures claires » s'impose —
  a plural title is a singular subject; or sits inside a quoted title in capitals (« Astral
  Rangers »), or on an acronym ("l'US Tournon");
- an agreement slip follows a number and a unit ("120 mm croisée": the adjective agrees with
  the noun before the measure);
- it is a known false alarm of an upstream rule in a fixed phrase ("bon marché", "ou non"),
  after a preposition ("survived by their two sons": never "they're"), or after a number that
  belongs to a name ("le FTSE 100 londonien");
- a French agreement slip sits right after a prepositional complement whose head noun it
  agrees with in number ("des mesures au sol effectuées", "une course au large disputée");
- a confusion slip is followed by a quoted mention (la succession des « que »);
- a word-level slip sits on the edge of a quoted mention (cliquez sur « Abonnez-vous »
  suffit: the label is not a verb of the sentence), see quotes.py;
- Harper calls a count noun a mass noun ("each flatbread": only never-counted nouns such as
  "advice" are reported, see harper_lints.py), reads an object pronoun as a subject
  ("items from it are imported"), asks for a
  plural after "one of the" where the noun already is one ("one of the findings"), or for
  number agreement on a past form ("She woke");
- the slip touches blanked markup (inline code, a URL, a handle): the checker read a gap
  where a word was ("les lignes d'un `Makefile` commencent");
- a French verb-form slip asks for an infinitive in place of a participle after "se faire" ("le
  marché se fait saturé", like "se fait discret", "se fait rare": an attribute, not a verb),
  unless an agent follows ("s'est fait arrêté par la police": there it is a verb);
- its word is capitalised inside a sentence (a name: "les stations Commerce et Bouffay"), or it
  is an agreement slip whose subject is a determiner and a capitalised noun (a title: "Les
  Chantiers de l'Histoire est un podcast");
- it is a doubled word that grammar allows ("had had", "nous nous", the pseudo-cleft
  "what it is is").
"""
from __future__ import annotations

from functools import lru_cache

import regex

from . import harper_lints, quotes
from .slip import AGREEMENT, CONFUSION, GRAMMAR, REPETITION, VERB_FORM

_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*|\d+(?:[.,]\d+)*")
COMPARED_LANGUAGES = ("en", "fr", "de", "es", "it")
FOREIGN_MARGIN = 1.0      # zipf points (a factor of 10 in frequency)
NEIGHBOURS = 2            # words either side of a slip that must be known and native
HEADING_WORDS = 12
# Doubled words that are grammatical (dropped) or often are (reported, fix not automatic).
GRAMMATICAL_DOUBLES = {"en": frozenset({"had", "that"}), "fr": frozenset({"nous", "vous"})}
AMBIGUOUS_DOUBLES = {"en": frozenset({"is", "do", "does", "in", "what"}), "fr": frozenset({"fait", "que"})}
# Known false alarms of upstream rules in fixed phrases:
# (language, upstream id pattern, span pattern, text before, text after).
UPSTREAM_EXCEPTIONS = (
    # "Is there evidence…?", "Was there a way": after an inverted verb, "there" is existential.
    ("en", r"harper:ThereToTheir", r"(?i)there", r"(?i)\b(?:is|are|was|were|isn['’]t|aren['’]t|wasn['’]t"
     r"|weren['’]t|will|would|could|should|can|might|must|has|have|had)\s+$", r""),
    # "On s'attendait à plus serré", "il pensait à partir": after a verb in the imperfect with its
    # pronoun, "à" is the preposition (two verbs cannot follow each other).
    ("fr", r"conf_a_à_verbe", r"(?i)à", r"(?i)(?:\b(?:il|elle|on|ils|elles|je|tu|nous|vous)\s+|\b(?:s|m|t)['’]|\b(?:se|me|te)\s+)"
     r"\p{L}+(?:ait|aient|ais|ions|iez)\s+$", r""),
    # "que ce soit le cas ou non": an alternative, not the relative "où".
    ("fr", r"conf_où_ou", r"(?i)ou", r"", r"^\s+(?:non|pas)\b"),
    # "Départ en car à 8h45": no imperative ends in "t" ("pars-en", "prends-en"), so this is a noun.
    ("fr", r"imp_union", r"(?i)\p{L}+t\s+(?:en|y)", r"", r""),
    # "bon marché", "meilleur marché" are invariable.
    ("fr", r"_(?:gn|ppas)_", r"(?i)bon|meilleur", r"", r"^\s+marché\b"),
    # "infirmière en chef", "rédactrice en chef": a fixed phrase, not a noun to feminise.
    ("fr", r"_gn_", r"(?i)chef", r"\ben\s+$", r""),
    # After a collective noun ("une trentaine [d'œuvres] jamais montrées") French agrees with
    # the sense as well as with the form (accord sylleptique): both are correct.
    ("fr", r"_(?:gn|ppas|conj)_", r".+",
     r"(?i)\b(?:dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|centaine"
     r"|millier|majorité|minorité|plupart|moitié|partie|nombre|foule|multitude|tiers|quart)\b[^.!?;:]{0,30}$", r""),
    # A one-letter label after a noun ("le groupe A a attaqué", "le plan B est prêt") is a name,
    # not a word for Grammalecte to agree with.
    ("fr", r".+", r".+", r"\p{Ll}+\s+[A-XZ]\s+$", r""),
    # "l'attente a nettement baissé": after an article, the word before "a" is a noun, not a verb
    # that "à" would follow.
    ("fr", r"conf_à_a_après_verbes", r"(?i)a", r"(?i)\b(?:l|d)['’]\p{L}+\s+$", r""),
    # "pendant la pose" (of a colour, of tiles, of a dressing) is no "pause": the trade's word.
    ("fr", r"conf_pause_pose", r"(?i)pose", r"(?i)\b(?:pendant|durant|après|avant)\s+la\s+$", r""),
    # "le vert d'eau" is a colour (like "bleu nuit"); "un verre d'eau" is counted with "un".
    ("fr", r"conf_ver_vers_verre_vert", r"(?i)vert", r"(?i)(?<!\bun\s)$", r"^\s+d['’]eau\b"),
    # The gender of a name is a guess: a brand, a company, a town or a system ("Debian peut être
    # mis à niveau", "Tesla a été condamné") takes either, as the writer thinks of it.
    ("fr", r"ppas_nom_propre", r".+", r"", r""),
    # Compound adjectives built on a prefix and a noun ("un système multi-utilisateurs", "une
    # prise multi-usages", "une formation anti-gaspillage") keep the noun's own number.
    ("fr", r"_gn_", r"(?i)(?:multi|anti|pro|sans|pare|porte|garde|inter|extra|ultra|super|hyper|mini|maxi"
     r"|non|après|avant)-\p{L}+", r"", r""),
    # A number that belongs to a name ("le FTSE 100 londonien", "la Ligue 1 française") does not
    # count anything: an acronym, or a capitalised word inside the sentence, comes before it.
    ("fr", r"gn_nombre_chiffres", r".+",
     r"(?:\b\p{Lu}[\p{L}\p{N}&-]*\p{Lu}[\p{L}\p{N}&-]*|(?<=\p{L},?\s)\p{Lu}\p{Ll}+)\s+\d+\s+$", r""),
    # "Convenez en famille d'un mot de passe": "en" before a bare noun is the preposition ("en
    # famille", "en ligne"), not the pronoun of "Parlez-en à vos proches".
    ("fr", r"imp_union_\w+_en", r"(?i)\p{L}+\s+en", r"",
     r"^\s+(?!(?:à|au|aux|avec|pour|dès|un|une|des|le|la|les|plus|moins|tout|tous|toute|toutes|beaucoup"
     r"|davantage|si|quand|encore|aussi|donc|alors|maintenant|vite|sans|ensemble)\b)\p{Ll}"),
    # "Côté commerçants, on respire": "côté" before a bare noun is a preposition ("côté cour",
    # "côté prix"), invariable.
    ("fr", r"_gn_", r"(?i)côté", r"", r"^\s+\p{L}"),
    # "les complémentaires santé", "les assurances vie": a bare noun naming a cover or a service
    # qualifies the noun before it and stays singular.
    ("fr", r"_gn_", r"(?i)santé|vie|maladie|habitation|auto|moto|retraite|prévoyance|chômage|emploi|logement"
     r"|dépendance|obsèques|jeunesse|famille", r"(?i)\p{L}+[sx]\s+$", r""),
    # "un TGV sur trois supprimé": one in three, the subject is the "un".
    ("fr", r"gn_nombre_lettres", r".+", r"(?i)\bune?\s+[\p{L}-]+\s+sur\s+[\p{L}\d]+\s+$", r""),
    # "La photographie, toute en brumes": "toute en" is adverbial ("tout entière"), not a plural.
    ("fr", r"gn_toute_det", r"(?i)toute", r"", r"^\s+en\b"),
    # "pur beurre", "pur jus", "pure laine": "pur" before a bare noun says what a thing is made of.
    ("fr", r".+", r"(?i)pure?s?", r"",
     r"(?i)^\s+(?:beurre|jus|porc|bœuf|boeuf|sucre|coton|laine|soie|lin|cachemire|malt|arabica|sang|souche|produit)\b"),
    # "Les fichiers son accessibles": the slip is "son" for "sont" (corpuslint's son-for-sont), not
    # the adjective's agreement with a possessive.
    ("fr", r"_gn_|gn_", r"\p{Ll}+s", r"(?<![\p{L}'’-])son\s+$", r""),
    # "Oui, prévient l'Organisation…": a reporting verb with its subject after it, not an imperative.
    ("fr", r"imp_verbe", r"(?i)\p{L}+t", r"[,«“]\s*$",
     r"^\s+(?:l['’]|le\s|la\s|les\s|un\s|une\s|\p{Lu})"),
    # "les questions en rafale": a fixed adverbial phrase, singular.
    ("fr", r"loc_par_en_rafales", r"(?i)(?:en\s+)?rafale", r"", r""),
    # "Les registres matricules de la Creuse sont…": a noun in apposition, then its complement; no verb.
    ("fr", r"conj_", r"\p{Ll}+s", r"(?i)\b(?:les|des|ces|mes|nos|vos|leurs|ses)\s+\p{Ll}+[sx]\s+$",
     r"^\s+(?:de|du|des|d['’])\s*\p{L}"),
    # "une journée portes ouvertes": a fixed compound, the plural is part of its name.
    ("fr", r".", r"(?i)portes", r"", r"^\s+ouvertes\b"),
    # "de lundi à mardi aurait pu…": the "à" closes a range "de X à Y", it is no verb "a" misspelt.
    ("fr", r"conf_a_à_verbe", r".+", r"(?i)\bde\s+[\p{L}\p{N}'’-]+\s+à\s+[\p{L}\p{N}'’-]+\s+$", r""),
    # "Je ne pars pas fâchée": a participle that agrees (-ée, -és, -ées) was meant as one; only the
    # bare "-é" sounds like the infinitive "-er".
    ("fr", r"infi_", r"(?i)\p{L}+(?:ée|ées|és)", r"", r""),
    # "ce qu'il en était sur le terrain": "sur" before a determiner is the preposition, not "sûr".
    ("fr", r"conf_sûr_sur", r"(?i)sur", r"",
     r"^\s+(?:le|la|les|l['’]|un|une|des|du|ce|cet|cette|ces|son|sa|ses|leur|leurs|mon|ma|mes|notre|nos|votre|vos)\b"),
    # "Maëlle, maître composteuse": a title noun, not an adjective to agree with the first name.
    ("fr", r"gn_start_prn", r"(?i)maître|chef|témoin|auteur|docteur|professeur|ministre|juge|membre|capitaine"
     r"|ingénieur|médecin|peintre|poète|guide|maire|président|directeur|responsable|coach|champion", r"", r""),
    # "la barre des huit ans", "le cap des 30 %": after a noun, "des" is the article, not "dès".
    ("fr", r"conf_dès_des", r"(?i)des", r"(?i)\b(?:la|le|les|l['’]|un|une|du)\s+\p{L}+\s+$", r""),
    # "…/randos. Vous avez pris": the subject Grammalecte missed (a URL ends the sentence before) is
    # right there.
    ("fr", r"conj_\w*sans_sujet", r".+", r"(?i)\b(?:je|j['’]|tu|il|elle|on|nous|vous|ils|elles)\s+$", r""),
    # "People assume it's older shoppers": after a verb of saying or thinking, or a conjunction,
    # "it's" opens a clause ("it is"), it is no possessive.
    ("en", r"harper:ItsPossessive", r"(?i)it['’]s",
     r"(?i)\b(?:that|assume[sd]?|think|thinks|thought|believe[sd]?|say|says|said|know|knows|knew|guess|suppose[sd]?"
     r"|figure[sd]?|reckon|feel|feels|felt|hope|fear|mean|means|sure|because|since|if|when|whether|so|but|and|or"
     r"|maybe|perhaps|now|then|where|what|why|how|yes|no)[,]?\s+$", r""),
    # "one of the most unpredictable on record": a superlative adjective stands for its noun.
    ("en", r"harper:OneOfTheSingular", r".+", r"(?i)\b(?:most|least|best|worst)\s+$", r""),
    ("en", r"harper:OneOfTheSingular", r"(?i)(?:most|least)\s+\p{L}+", r"", r""),
    # "\"It's cleaner, but…\"": a sentence that opens on "It's" opens on "it is".
    ("en", r"harper:ItsPossessive", r"(?i)it['’]s", r"(?:^|[.!?:;]\s+|[\x22“‘(]\s*)$", r""),
    # "will still be there tomorrow": "there" before an adverb, a preposition or the end of the clause.
    ("en", r"harper:ThereToTheir", r"(?i)there", r"",
     r"^(?:\s*[.,;:!?)]|\s+(?:tomorrow|today|tonight|now|again|too|yet|soon|early|late|already|anymore|for|at|in"
     r"|on|by|with|when|and|or|but|is|are|was|were|will|would|to|from|until|all|forever)\b)"),
    # "they're", "you're" cannot follow a preposition, nor come before a count ("by their two sons").
    ("en", r"harper:(?:TheirToTheyre|YourToYoure)", r"(?i)their|your",
     r"(?i)\b(?:by|to|of|with|for|from|in|on|at|about|into|onto|over|under|through|after|before|without"
     r"|among|between|behind|beside|against|during|towards?|upon|within|across|around|near|like)\s+$", r""),
    ("en", r"harper:(?:TheirToTheyre|YourToYoure)", r"(?i)their|your", r"",
     r"^\s+(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|dozen|several|many|own)\b)"),
    # ... nor open a subject whose verb comes next ("if their need is assessed": a noun, then its verb).
    ("en", r"harper:(?:TheirToTheyre|YourToYoure)", r"(?i)their|your", r"",
     r"^\s+\p{L}+\s+(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|might)\b"),
)
_EXCEPTIONS = tuple((lang, regex.compile(rule), regex.compile(span), regex.compile(before), regex.compile(after))
                    for lang, rule, span, before, after in UPSTREAM_EXCEPTIONS)
_LAST_QUOTE = regex.compile(r"([»”\"])[^.!?;:»”“«\"]{0,40}$")
_UNITS = r"(?:[mcdkµ]?m[²³23]?|[km]?g|t|[mcd]?l|h|min|s|ms|°C?|%|‰|€|\$|£|[kMG]W[h]?|W|V|[KMGT][oB]|ha|px)"
_NUMBER_UNIT = regex.compile(r"\d\s*" + _UNITS + r"\.?\s+$")
_SENTENCE_END = ".!?…:;"
_WORD_CATEGORIES = (AGREEMENT, VERB_FORM, CONFUSION, GRAMMAR)
# "N1 au sol ADJ": a preposition (with its article) and a short complement between a noun and
# the word that agrees with it ("le seuil de 300 naissances fixé"). Grammalecte reads "au sol
# effectuées" as one group.
_FR_PREPOSITION = r"(?:au|aux|du|en|de|d['’]|à|à\s+la|à\s+l['’]|de\s+la|de\s+l['’])"
_FR_ADVERB = r"(?:très|bien|plus|moins|peu|fort|si|aussi|trop|déjà|toujours|souvent|encore|particulièrement)"
# A complement's words are no auxiliary: in "les travaux de terrassement ont commencés" the participle
# follows its verb, not the complement.
_FR_WORD = r"(?!(?:a|ont|avait|avaient|aura|auront|est|sont|était|étaient|sera|seront)\s)\p{L}+\s+"
_FR_COMPLEMENT = regex.compile(
    rf"(?i)(?P<head>\p{{L}}+)\s+{_FR_PREPOSITION}(?:(?<=['’])\s*|\s+)(?:\d[\d\s.,]*\s)?(?:{_FR_WORD}){{1,2}}"
    rf"(?:{_FR_ADVERB}\s+)?$")  # a preposition is a word of its own: "ensuite" holds no "en"
# Two complements stacked: "les élus de l'agglomération du Cotentin réunis".
_FR_COMPLEMENTS = regex.compile(
    rf"(?i)(?P<head>\p{{L}}+)\s+(?:{_FR_PREPOSITION}(?:(?<=['’])\s*|\s+)(?:{_FR_WORD}){{1,2}}){{2}}$")
# Adverbs of quantity: "beaucoup de patients" is plural through its complement.
_FR_QUANTITY = frozenset({"beaucoup", "peu", "trop", "assez", "tant", "tellement", "combien", "plupart"})
_FR_COMPLEMENT_NOUN = regex.compile(rf"(?i)(?P<head>\p{{L}}+)\s+{_FR_PREPOSITION}\s*$")
_NEXT_WORD = regex.compile(r"^\s+(\p{L}+)")
_LAST_WORD = regex.compile(r"(\p{L}+)\s+$")
_CAPITAL_NEXT = regex.compile(r"\s+\p{Lu}")
_OPENING_QUOTE = regex.compile(r"^\s*(?:[«“„]|\x22(?=\p{L}))")
# The pseudo-cleft "What it is is a lack of confidence": the first "is" ends a "what" clause.
_WORD_AFTER = regex.compile(r"\p{L}+")
_DOUBLED_BE = regex.compile(r"(?i)\b(is|was)\s+\1\b")
_CLEFT_CLAUSE = regex.compile(r"(?i)\b(?:what|whatever|all|everything)\b[^.!?;:,\x22“”]{0,40}$")
# Upstream rules whose span is a non-word they correct: the spell checker's rejection of that
# word is their evidence, not a reason to distrust them.
NON_WORD_RULES = ("harper:OpenCompounds",)
# English verbs agree in number in the present only (and "was"/"were"): a past form after a
# pronoun is fine whatever a tagger thinks of it ("She woke at dawn").
# "se fait saturé": "se faire" (any tense, reflexive pronoun first) and maybe an adverb, then a
# participle that may be an attribute. Only an agent ("par la police") makes it surely a verb.
_SE_FAIRE = regex.compile(
    r"(?i)\b(?:se\s+|s['’]|me\s+|m['’]|te\s+|t['’])(?:(?:est|sont|était|étaient|sera|seront|serait|seraient"
    r"|soit|soient|suis|es|sommes|êtes)\s+)?(?:faire|fait|faits|faite|faites|fais|faisait|faisaient|faisant"
    r"|font|fera|feront|ferait|feraient|fasse|fassent|fit|firent)\s+(?:(?:très|plus|moins|si|bien|peu|trop"
    r"|aussi|toujours|souvent|vite|de plus en plus)\s+)*$")
_PARTICIPLE = regex.compile(r"(?i)\p{L}+(?:ée?s?|ie?s?|ue?s?)")
_AGENT = regex.compile(r"(?i)^\s+par\b")
_OBJECT_FAIRE = regex.compile(r"(?i)(?:^|[^\p{L}])(?:le|la|les|l['’])\s*(?:faire|fait|faits|faite|faites|fais)\s+$")
_ATTRIBUTE_PAIR = regex.compile(r"(?i)^\s+(?:ou|et)\s+\p{L}+(?:ée?s?|ie?s?|ue?s?|ite?s?)\b")
_IRREGULAR_PAST = frozenset("""arose awoke woke bore beat became began bent bet bit bled blew broke
    brought built burnt burst bought caught chose clung came cost crept cut dealt dug dove did drew
    dreamt drank drove dwelt ate fell fed felt fought found fled flung flew forbade forgot forgave froze
    got gave went ground grew hung had heard hid hit held hurt kept knelt knew laid led leant leapt
    learnt left lent let lay lit lost made meant met paid put quit read rode rang rose ran said saw
    sought sold sent set shook shed shone shot showed shrank shut sang sank sat slept slid slung smelt
    spoke sped spelt spent spilt spun spat split spoilt spread sprang stood stole stuck stung stank
    strode struck strove swore swept swam swung took taught tore told thought threw thrust trod
    understood woke wore wove wept won wound wrung wrote""".split())


@lru_cache(maxsize=65536)
def is_foreign(word: str, lang: str) -> bool:
    from wordfreq import zipf_frequency

    w = word.lower().strip("'’-")
    if len(w) < 2 or lang not in COMPARED_LANGUAGES or w.isdigit():
        return False
    # The small lists (zipf >= 3) load in milliseconds; rarer words carry no evidence here.
    own = zipf_frequency(w, lang, wordlist="small")
    other = max(zipf_frequency(w, o, wordlist="small") for o in COMPARED_LANGUAGES if o != lang)
    # A common word of the segment's language ("non" in French) needs much stronger evidence.
    return other >= own + (FOREIGN_MARGIN if own < 5.0 else 2 * FOREIGN_MARGIN)


_LISTED_ZIPF = 2.0


def _listed(word: str, lang: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), lang) >= _LISTED_ZIPF


def _window(text: str, start: int, end: int, n: int) -> list:
    """The word tokens of the slip and ``n`` on each side."""
    tokens = list(_TOKEN.finditer(text))
    inside = [i for i, m in enumerate(tokens) if m.start() < max(end, start + 1) and start < m.end()]
    if not inside:
        inside = [i for i, m in enumerate(tokens) if m.end() <= start][-1:]
    if not inside:
        return []
    return tokens[max(inside[0] - n, 0):inside[-1] + n + 1]


def is_heading(text: str) -> bool:
    t = text.strip().rstrip("»”\"’)]\u00a0\u202f ")   # « … match. » ends a sentence
    return bool(t) and t[-1] not in _SENTENCE_END and len(t.split()) <= HEADING_WORDS


def doubled_word(span_text: str) -> str | None:
    parts = span_text.split()
    if len(parts) == 2 and parts[0].lower() == parts[1].lower():
        return parts[0].lower()
    return None


def keep(category: str, text: str, start: int, end: int, lang: str, upstream: str = "",
         unknown: tuple[tuple[int, int], ...] = ()) -> bool:
    """False when the slip is most likely a false alarm. ``unknown``: spans of words that the
    backend's dictionary does not know."""
    span = text[start:end]
    for ex_lang, rule, span_re, before, after in _EXCEPTIONS:
        if (ex_lang == lang and rule.search(upstream) and span_re.fullmatch(span)
                and before.search(text[max(0, start - 30):start]) and after.match(text[end:])):
            return False
    if lang == "en" and category in (REPETITION, GRAMMAR) and _pseudo_cleft(text, start, end):
        return False
    if _in_stutter(text, start, end):
        return False  # « je-je-je veux », "c-c-can I go?": a stutter written down, on purpose
    if category == REPETITION:
        word = doubled_word(span)
        if word and _INITIAL.fullmatch(word):
            return False  # "e. e. cummings", "J. J. Abrams": initials, not a word said twice
        if word and _binomial(span):
            return False  # "Bubo bubo", "Vulpes vulpes": a species named after its genus
        if word and _doubled_name(text, start, span):
            return False  # "une carte Pass Pass", "Bora Bora": a name that doubles itself
        if word and lang == "en":
            from .patterns_en import particle_then_preposition

            if particle_then_preposition(text, start, word):
                return False
        return not (word and word in GRAMMATICAL_DOUBLES.get(lang, ()))
    if category not in _WORD_CATEGORIES:
        return True
    if lang == "fr" and category == AGREEMENT and _DISTRIBUTIVE.match(text, start):
        return False  # "Résultats commune par commune", "maison par maison": an invariable phrase
    if upstream.startswith("harper:") and not _harper_count_noun_ok(upstream, span):
        return False
    if upstream == "harper:MissingDeterminer" and _plural_phrase_follows(text, end):
        return False  # "send bug reports": a plural needs no article
    if upstream == "harper:QuantifierNumeralConflict":
        return False  # "some 90 departures": "some" before a number means "about"
    if upstream == "harper:ItsPossessive" and _CAPITAL_NEXT.match(text, end):
        return False  # "It's REST", "it's Monday": a contraction before a name or an acronym
    if upstream == "harper:WhomSubjectOfVerb" and not harper_lints.whom_ok(text, start):
        return False
    if upstream in harper_lints.PRONOUN_AGREEMENT and not harper_lints.pronoun_subject_ok(text, start):
        return False
    if is_heading(text) or quotes.at_mention_edge(text, start, end):
        return False
    if _proper_noun(text, start, end):
        return False  # "les stations Commerce et Bouffay": a name is no verb or adjective to mend
    if lang == "fr" and _PARTICLE_NAME_BEFORE.search(text, max(0, start - 40), start):
        return False  # "que De Vos a dominé": the checker read the name's "Vos" as the determiner "vos"
    # A rule that corrects a non-word ("alot", "trentes") is not unsettled by that word.
    own = (start, end) if upstream in NON_WORD_RULES or upstream.startswith("corpuslint:") else (0, 0)
    # corpuslint's frames read their words in the language's own list: a word listed there is
    # English even when Italian has it too ("who's rota is").
    mine = upstream.startswith("corpuslint:")
    for tok in _window(text, start, end, NEIGHBOURS):
        word = tok.group()
        # A two-letter neighbour is no evidence of a foreign passage ("ont su resté": "su" is Italian too),
        # nor is a name ("Ryanair à annoncé": a brand is no English passage).
        if (len(word) > 2 and word[:1].islower() and is_foreign(word, lang) and not own[0] <= tok.start() < own[1]
                and not (mine and _listed(word, lang))):
            return False
        if (word[:1].islower() and any(a <= tok.start() and tok.end() <= b for a, b in unknown)
                and not own[0] <= tok.start() < own[1]):
            return False
    if (category == VERB_FORM and lang == "fr" and _PARTICIPLE.fullmatch(text[start:end])
            and _SE_FAIRE.search(text[max(0, start - 60):start]) and not _AGENT.match(text[end:])):
        return False  # "se fait discret/saturé": an attribute after "se faire"
    if (category == VERB_FORM and lang == "fr" and _PARTICIPLE.fullmatch(text[start:end])
            and _OBJECT_FAIRE.search(text[max(0, start - 30):start]) and _ATTRIBUTE_PAIR.match(text[end:])):
        return False  # "Le faire sucré ou salé ?": two attributes of the object, not a verb after "faire"
    if category == CONFUSION and _OPENING_QUOTE.match(text[end:]):
        return False  # the next word is quoted: a mention (« que »), not part of the sentence
    if category == AGREEMENT:
        before = text[:start]
        word = span.strip().lower()
        if _after_closing_quote(before) or _NUMBER_UNIT.search(before[-20:]):
            return False
        if (_ACRONYM.fullmatch(span.strip()) or _in_quoted_title(text, start, end)
                or _in_credited_title(text, start, end)):
            return False  # "l'US Tournon": a club's initials; « Astral Rangers », "Debussy, « Dieu ! … »": titles
        if lang == "fr" and word in _FR_DETERMINERS and _NAME_AFTER.match(text, end):
            return False  # "la Sud de France Arena", "la MG4": the article goes with the whole name
        if _TITLE_SUBJECT.search(before[-80:]):
            return False  # "Les Chantiers de l'Histoire est un podcast": a title is one thing
        if lang == "fr" and _agrees_across_complement(span, before[-60:], text[end:end + 40]):
            return False
        if lang == "fr" and _SCORE_OUT_OF.search(before[-20:]):
            return False  # "une note sur 10 censée mesurer": the denominator is no plural subject
        if lang == "fr" and word in _EN_LOCUTION_NOUNS and _EN_BEFORE.search(before[-6:]):
            return False  # "met en relation étudiants et propriétaires": a set phrase, invariable
        if lang == "fr" and _SPORT_CATEGORY.match(text, end):
            return False  # "en skiff seniors", "le relais juniors": a sports category, invariable after its noun
        if lang == "fr" and (_COMPOUND_COLOUR.match(text, end) or _COMPOUND_COLOUR.match(" " + span)):
            return False  # "en tutus vert amande", "des robes bleu ciel": a compound colour is invariable
        if lang == "fr" and word in _FR_INVARIABLE:
            return False  # "les vieux autorails diesel", "des vestes marron": nouns used as adjectives
        if lang == "fr" and word in _FR_APPOSED_NOUNS and _PLURAL_WORD_BEFORE.search(before[-30:]):
            return False  # "des tomates cerises", "des mots clés": a noun apposed to a plural noun agrees or not
        if lang == "fr" and word in ("brut", "net") and _AMOUNT_BEFORE.search(before[-30:]):
            return False  # "7'400 francs brut par mois": after an amount, an adverb
        if (lang == "fr" and _PLURAL_ITEM_BEFORE.search(before[-40:]) and _PLURAL_ITEM_AFTER.match(text, end)
                and span.strip().endswith(("s", "x"))):
            return False  # "fédère producteurs, coopératives et industriels": items of a list agree with nothing
        if lang == "fr" and word in ("saint", "sainte") and _NAME_AFTER.match(text, end):
            return False  # "les deux apôtres, saint Pierre et saint Jacques": a title before a name
    return True


_STUTTER = regex.compile(r"(?<![\p{L}-])(\p{L}{1,4})(?:-\1){1,}-?\p{L}*", regex.I)


def _in_stutter(text: str, start: int, end: int) -> bool:
    for m in _STUTTER.finditer(text, max(0, start - 20), min(len(text), end + 20)):
        if m.start() < end and start < m.end():
            return True
    return False


_ACRONYM = regex.compile(r"\p{Lu}{2,}\d*")
_INITIAL = regex.compile(r"\p{L}\.")
_SCORE_OUT_OF = regex.compile(r"(?i)\b(?:sur|out of)\s+\d+(?:[.,]\d+)?\s*$")
_EN_BEFORE = regex.compile(r"(?i)(?:^|\s)en\s+$")
_EN_LOCUTION_NOUNS = frozenset(
    "relation contact concurrence lien réseau commun scène valeur avant place cause jeu".split())
_SPORT_CATEGORY = regex.compile(
    r"(?i)\s+(?:seniors|juniors|cadets|cadettes|minimes|benjamins|poussins|vétérans|masters|espoirs)\b")
_COMPOUND_COLOUR = regex.compile(
    r"(?i)\s+(?:bleu|bleue|vert|verte|rouge|jaune|gris|grise|rose|blanc|blanche|noir|noire|violet|violette|brun"
    r"|brune|beige|orange|marron)s?\s+(?:ciel|marine|nuit|roi|canard|pétrole|turquoise|amande|pomme|olive|sapin|bouteille"
    r"|émeraude|anis|d[''’]eau|vif|foncé|clair|pâle|pastel|cerise|bordeaux|sang|tomate|brique|citron|moutarde|paille"
    r"|perle|anthracite|ardoise|souris|acier|poudré|bonbon|fuchsia|ivoire|cassé|chocolat|caramel|sable)\b")
# Nouns used as adjectives stay invariable ("des moteurs diesel", "des pulls marron").
_FR_INVARIABLE = frozenset("diesel standard marron orange kaki bio cash sexy vintage design tendance nature "
                           "pop rock punk people super extra antigel antibrouillard antirides antichoc antivol "
                           "antibruit antipollution anticorruption antigaspi".split())
# Nouns set after a noun as its epithet; in the plural both numbers are written.
_FR_APPOSED_NOUNS = frozenset("cerises clés limites pilotes témoins phares mères types records butoirs surprises "
                              "éclairs tampons relais fleuves modèles".split())
_PLURAL_WORD_BEFORE = regex.compile(r"\p{L}{2,}[sx]\s+$")
_PLURAL_ITEM_BEFORE = regex.compile(r"\p{L}{2,}[sx],\s+$")
_PLURAL_ITEM_AFTER = regex.compile(r"\s+(?:et|ou)\s+\p{L}{2,}[sx]\b")
_AMOUNT_BEFORE = regex.compile(r"(?i)\d\s*(?:€|\$|£|euros?|francs?|dollars?|livres?|CHF|FCFA|XOF|XAF)\s+$")
_QUOTED = regex.compile(r"«[^«»\n]{1,80}»|“[^“”\n]{1,80}”")
_TITLE_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*")


# A clause whose subject is a determiner and a capitalised noun: a title or a name ("Les Échos",
# "The Times"), singular whatever its form.
_TITLE_SUBJECT = regex.compile(r"(?:^|[.!?:;]\s+)(?:Les|Des|Ces|The|These|Those)\s+\p{Lu}\p{Ll}+[^.!?;:]*$")
_AFTER_SENTENCE_START = regex.compile(r"(?:^|[.!?:;«“\"(—–\n]\s*)$")


_FR_DETERMINERS = frozenset("le la les un une du des ce cet cette ces son sa ses".split())
_NAME_AFTER = regex.compile(r"\s+(?:\p{Lu}\p{Ll}|\p{Lu}{2,})")  # a name, or initials and a model ("la MG4")


# A surname whose particle is a function word, inside a sentence: "De Vos", "Des Rosiers", "Le Pen".
_PARTICLE_NAME_BEFORE = regex.compile(
    r"(?<=[\p{Ll},]\s+)(?:De|Des|Du|Le|La|Les|Van|Vos|Von)\s+\p{Lu}\p{Ll}+(?:\s+\p{Ll}+){0,2}\s+$"
    r"|(?<=[\p{Ll},]\s+)\p{Lu}\p{Ll}+\s+(?:Vos|Nos|Des|Les|Ces|Ses|Mes)\s+(?:\p{Ll}+\s+){0,2}$")


def _binomial(span: str) -> bool:
    """A capitalised rare word, then the same word in lower case: a zoological tautonym."""
    first, second = span.split()[:2]
    return (first[:1].isupper() and second.islower() and first.lower() == second
            and _zipf(second) < _BINOMIAL_ZIPF)


_BINOMIAL_ZIPF = 3.0


# A noun repeated around "par" (or the word before it): "commune par commune", "Résultats commune par commune".
_DISTRIBUTIVE = regex.compile(r"(?:\p{L}+\s+)?(\p{L}+)\s+par\s+\1\b", regex.I)


def _doubled_name(text: str, start: int, span: str) -> bool:
    """Both copies capitalised inside a sentence: a name ("Pass Pass", "Walla Walla"). At a
    sentence's start ("The The") the capital says nothing."""
    first, second = span.split()[:2]
    before = text[:start].rstrip()
    return (first[:1].isupper() and second[:1].isupper() and bool(before)
            and (before[-1].isalnum() or before[-1] in ",;'’"))  # "bubo" 1.6, "vulpes" 1.2; "the the" is a slip (7.7)


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, lang) for lang in COMPARED_LANGUAGES)


def _proper_noun(text: str, start: int, end: int) -> bool:
    """The slip's word is capitalised inside a sentence: a name ("I" aside)."""
    word = text[start:end].strip()
    return (len(word) > 1 and word[0].isupper() and not word.isupper()
            and not _AFTER_SENTENCE_START.search(text, max(0, start - 3), start))


_CREDIT_BEFORE = regex.compile(r"\p{Lu}[\p{L}'’.-]+,[ \u00a0\u202f]*$")


def _enclosing_quote(text: str, start: int, end: int) -> regex.Match | None:
    """The short quotation (« … », “ … ”) that holds text[start:end], if any."""
    for m in _QUOTED.finditer(text, max(0, start - 80), min(len(text), end + 80)):
        if m.start() < start and end < m.end():
            return m
    return None


def _in_credited_title(text: str, start: int, end: int) -> bool:
    """Inside a quotation right after a name and a comma ("Claude Debussy, « Dieu ! qu'il la fait
    bon regarder ! »"): the title of a work, in its own (often old) spelling."""
    m = _enclosing_quote(text, start, end)
    return m is not None and bool(_CREDIT_BEFORE.search(text, max(0, m.start() - 40), m.start()))


def _in_quoted_title(text: str, start: int, end: int) -> bool:
    """Inside a quoted name whose words are all capitalised (« Astral Rangers »): a title."""
    m = _enclosing_quote(text, start, end)
    if m is None:
        return False
    words = [w for w in _TITLE_WORD.findall(m.group()) if len(w) > 2]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


def _plural_form(word: str) -> bool:
    return len(word) > 2 and word[-1] in "sx"


def _agrees_across_complement(span: str, before: str, after: str) -> bool:
    """"des mesures au sol effectuées", "les élus de l'agglomération du Cotentin réunis": the word
    agrees in number with the noun before the complement, or two stacked, or with the complement
    itself ("des programmes de seconde main certifiée") (checked on the span itself, or on the word
    after a flagged bare noun)."""
    m = _FR_COMPLEMENT.search(before)
    if m and m["head"].lower() in _FR_QUANTITY:
        return False  # "beaucoup de patients me disent": the verb agrees with the complement
    if m and " " not in span.strip():
        stacked = _FR_COMPLEMENTS.search(before)
        last = _LAST_WORD.search(before)  # "des programmes de seconde main certifiée": it may go with the complement
        return (any(_plural_form(h["head"]) == _plural_form(span.strip()) for h in (m, stacked) if h)
                or bool(last) and _plural_form(last[1]) == _plural_form(span.strip()))
    m, nxt = _FR_COMPLEMENT_NOUN.search(before), _NEXT_WORD.match(after)
    if m and nxt and " " not in span.strip() and not _plural_form(span.strip()):
        return _plural_form(m["head"]) == _plural_form(nxt[1])
    return False


def _pseudo_cleft(text: str, start: int, end: int) -> bool:
    for m in _DOUBLED_BE.finditer(text, max(0, start - 4), min(len(text), end + 4)):
        if m.start() < end and start < m.end():
            return bool(_CLEFT_CLAUSE.search(text[max(0, m.start() - 60):m.start()]))
    return False


def _harper_count_noun_ok(upstream: str, span: str) -> bool:
    """False for Harper's number lints that misread a count noun or an existing plural."""
    words = span.split()
    if not words:
        return True
    noun = words[-1].lower()
    if upstream == "harper:MassNouns":
        return harper_lints.mass_noun_ok(span)
    if upstream == "harper:PronounVerbAgreement":
        return not (noun in _IRREGULAR_PAST or noun.endswith("ed"))
    if upstream == "harper:OneOfTheSingular":
        from .patterns_en import plural_noun

        return not plural_noun(noun)
    return True


def _plural_phrase_follows(text: str, end: int) -> bool:
    from .patterns_en import plural_noun

    return any(plural_noun(w.lower()) for w in _WORD_AFTER.findall(text, end, end + 30)[:2])


def _after_closing_quote(before: str) -> bool:
    """Does a quotation close shortly before, in the same clause?"""
    m = _LAST_QUOTE.search(before[-60:])
    if not m:
        return False
    if m.group(1) != '"':
        return True
    # A straight quote closes when it is the second of a pair.
    return before.count('"') % 2 == 0


def ambiguous_double(span_text: str, lang: str) -> bool:
    word = doubled_word(span_text)
    return bool(word and word in AMBIGUOUS_DOUBLES.get(lang, ()))
