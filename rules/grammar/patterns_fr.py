"""corpuslint's own French checks, for slips Grammalecte lets through:

- a plural numeral: "trentes minutes" -> "trente" (trente, quarante… douze, quatre never take
  an -s; "vingt" and "cent" sometimes do and are not judged);
- "a" for "à" before a number that ends the clause: "en tout, a deux." ("il en a deux" has a
  pronoun before "a"), in a range "de 102 a 64", "de 8h30 a 19h", or before a clock time ("celui
  des CM2 a 16h"; not a duration: "a 10h de vol", "il a 12h pour"), and in set phrases where
  "a" cannot be the verb ("a partir de", "a cause du", "a l'origine de", "a la fois");
- "son" for "sont" before a plural adjective or participle after a plural subject ("Les fichiers
  son accessibles"), "on" for "ont" before a participle after one ("les banques on affiché"),
  "c'est" for "s'est" between a subject pronoun and a participle ("elle c'est détachée") or after a
  noun before a participle that cannot agree with "ce" ("La participation c'est établie"), "ce sont"
  for "se sont" after a plural noun ("les voisins ce sont mobilisés"); "a l'ombre", "a l'ancienne"
  and other locutions of the preposition;
- "à" for "a" between a subject pronoun, or a noun after its determiner, and a past participle: "elle à grandi", "la néobanque à annoncé" (not "elle à côté", "tout à fait",
  "mis à nu": nouns and set phrases after the preposition);
- a past participle in the plural after "ont", "avaient"… with no object before it: "les travaux
  ont commencés" -> "commencé" (not "qu'ils ont cueillies", "ils les ont vus");
- a plural subject whose verb, after a relative clause or an apposition set off by commas, is
  singular: "Les joueurs, qui avaient dominé la première période, a perdu" -> "ont", "Les
  détecteurs de fumée, obligatoires dans tous les logements, doit être testés" -> "doivent". The subject is a plural
  determiner and a lowercase noun at the start of a sentence (not a title: « Les Échos, qui…,
  a publié »); the verb follows the second comma directly, and an inverted reporting verb
  ("a expliqué l'entraîneur", "dit-il") is not a verb of that subject.
- the verb of a relative "qui" after a plural subject, singular: "Les deux comédiens, qui prête
  leur voix" -> "prêtent" (the plural form must be a listed word);
- the participle of a pronominal verb after a plural subject (opening the sentence, after a comma,
  or "ils", "elles"): "Les hommages se sont multiplié"
  -> "multipliés"; of a passive or "être" verb: "Les investisseurs ont été séduit" -> "séduits";
- a past participle in -é where "laisser" or "faire" wants an infinitive, before a determiner:
  "Laisse reposé la pâte" -> "reposer", "il a fait changé les règles" -> "changer"; or where a
  modal verb does: "elles ont su resté patientes" -> "rester".
"""
from __future__ import annotations

import regex

from .slip import AGREEMENT, CONFUSION, VERB_FORM, Slip

_NUMERAL_PLURAL = regex.compile(
    r"(?<![\p{L}'’-])(?P<num>(?i:trente|quarante|cinquante|soixante|douze|treize|quatorze|quinze|seize|quatre))"
    r"s(?![\p{L}'’])(?=[\s-]+\p{L})")
_A_NUMBER = regex.compile(
    r"(?<=,\s+)(?P<a>a)\s+(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|vingt|cent|plusieurs)"
    r"(?=\s*(?:[.,;:!?)…]|$))")
# "passera de 102 a 64", "de 8h30 a 19h": a range "de X à Y" between figures or times.
_A_RANGE = regex.compile(
    r"(?<![\p{L}'’-])(?:[Dd]e|[Dd]ès)\s+\d[\d\u00a0\u202f ,.]*(?:h(?:\s?\d\d)?)?\s+(?P<a>a)\s+\d")
# "celui des CM2 a 16h": a clock time (the verb "a" takes a duration: "a 10h de vol", "il a 12h pour").
_A_TIME = regex.compile(
    r"(?<![\p{L}'’-])(?<!(?i:il|elle|on|y|en|qui|ça|cela|n['’])\s+)(?P<a>a)\s+(?:[89]|1\d|2[0-3])\s?h(?:\s?[0-5]\d)?"
    r"(?![\p{L}\d])(?!\s+(?:de|d['’]|du|pour|sur|devant|avant|après|par)\b)")
# "a partir de", "a cause du", "a l'origine de": set phrases whose "a" can only be the preposition
# ("il a la main" can be the verb: not judged).
_A_LOCUTION = regex.compile(
    r"(?<![\p{L}'’-])(?P<a>a)\s+(?:partir\s+(?:de|d['’]|du|des)|cause\s+(?:de|d['’]|du|des)|travers\b|peu\s+près"
    r"|nouveau\b|côté\s+(?:de|d['’]|du|des)|condition\s+(?:que|qu['’]|de|d['’])|la\s+fois\b|l['’]origine\s+(?:de|d['’]|du|des)"
    r"|la\s+suite\s+(?:de|d['’]|du|des)|l['’]heure\s+actuelle|l['’]issue\s+(?:de|d['’]|du|des)"
    r"|l['’]occasion\s+(?:de|d['’]|du|des)|l['’]instar\s+(?:de|d['’]|du|des)"
    # "le pain a l'ancienne", "placez-le a l'ombre": locutions that no object of "avoir" makes
    r"|l['’](?:ancienne|ombre|abri|étranger|unanimité|inverse|intérieur|extérieur)\b)")
# "Les fichiers son accessibles": "son" before a plural adjective or participle is the verb "sont".
_SON_SONT = regex.compile(
    r"(?<=(?:\b(?i:ils|elles|qui)|\p{L}{2,}[sx])\s+)(?P<son>son)\s+"
    r"(?=\p{Ll}+(?:ées|és|ibles|ables|aux|ants|ents|ifs|ives|eux|euses)(?![\p{L}'’-]))")

# "les banques on affiché": after a plural noun, "on" before a past participle is the verb "ont".
_ON_ONT = regex.compile(
    r"(?<=(?i:les|des|ces|leurs|nos|vos|mes|ses|plusieurs)\s+\p{Ll}+[sx]\s+)(?P<on>on)\s+"
    r"(?:(?:déjà|bien|pas|tous|toutes|aussi|encore|enfin)\s+)?(?P<part>\p{Ll}{3,}(?:é|i|u|is|it|ert))(?![\p{L}'’-])")
# "puis elle c'est détachée": after a subject pronoun, "c'est" before a participle is "s'est"; after
# a determiner and a noun too, before a participle in the feminine or the plural, which cannot agree
# with "ce" ("La participation c'est établie"; "Le ménage c'est fait" is spoken French and stays).
_C_EST = regex.compile(
    r"(?<![\p{L}'’,])(?:[Ii]l|[Ee]lle|[Oo]n|qui)\s+(?P<c>c)['’]est\s+(?P<part>\p{Ll}{3,}(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues))(?![\p{L}'’-])"
    r"|(?<![\p{L}'’])(?:[Ll]a|[Ll]e|[Ll]['’]|[Cc]ette|[Ss]a|[Ss]on|[Ll]eur)\s*\p{Ll}{3,}\s+(?P<c>c)['’]est\s+"
    r"(?P<part>\p{Ll}{3,}(?:ée|és|ées|ie|ies|ue|ues))(?![\p{L}'’-])")
# "les voisins ce sont mobilisés": after a plural noun, "ce sont" before a participle is "se sont".
_CE_SONT = regex.compile(
    r"(?<=(?i:les|des|ces|leurs|nos|vos|mes|ses|plusieurs)\s+\p{Ll}{3,}[sx]\s+)(?P<ce>ce)\s+sont\s+"
    r"(?:(?:déjà|bien|vite|rapidement|aussitôt|tous|toutes)\s+)?(?P<part>\p{Ll}{3,}(?:és|ées|is|ies|us|ues))(?![\p{L}'’-])")

# "elle à grandi", "qui à perdu": after a subject pronoun, "à" before a past participle is the verb "a".
# Not an elliptical "elle à côté", "il à midi" (a noun after the preposition).
_A_PARTICIPLE = regex.compile(
    r"(?<![\p{L}'’-])(?:[Ii]l|[Ee]lle|[Oo]n|qui"
    # ... or a noun after its determiner: "la néobanque à annoncé jeudi"
    r"|(?:[Ll]a|[Ll]e|[Ll]['’]|[Cc]ette|[Cc]e|[Cc]et|[Ss]on|[Ss]a|[Ll]eur|[Nn]otre|[Vv]otre)\s*\p{Ll}{3,})"
    r"\s+(?P<a>à)\s+"
    r"(?P<part>\p{Ll}[\p{Ll}-]*(?:é|i|u|is|it|ert|eint|aint|oint|ort))(?![\p{L}'’-])")
_A_NOUNS = frozenset({"côté", "pied", "moitié", "volonté", "gré", "midi", "minuit", "priori", "posteriori",
                      "jeun", "début", "bout", "tout", "menu", "vue", "vie", "dessus", "dessous", "pis", "fait",
                      "découvert", "couvert", "crédit", "cru", "nu", "demi", "tort", "défaut", "dessein", "inédit",
                      "écrit", "abri", "répit", "profit", "loisir", "souhait", "bordé", "été", "parti", "reçu", "point",
                      "mort"})
# "les travaux de terrassement ont commencés": with "avoir", the participle agrees only with an
# object placed before it ("que", "qu'", or a pronoun "les", "la", "l'", "nous", "vous" right before
# the auxiliary), so with neither it stays in the masculine singular.
_AVOIR_PLURAL_PARTICIPLE = regex.compile(
    r"(?<![\p{L}'’-])(?P<aux>ont|avaient|auront|auraient|eurent)\s+(?P<part>\p{Ll}{3,}(?:és|ées))(?![\p{L}'’-])")
_OBJECT_PRONOUN = regex.compile(
    r"(?i)(?<![\p{L}])(?:les|la|l['’]|nous|vous|me|m['’]|te|t['’]|se|s['’]|en)\s*$")
_OBJECT_BEFORE = regex.compile(
    r"(?i)(?:\bque\b|\bqu['’]|\bcombien\b|\b(?:quels?|quelles?|lesquels|lesquelles)\b)[^.!?;:]*$")
# "que" after a verb of saying or a conjunction opens a clause; it is no object of the participle.
# A participle counts only after its auxiliary ("a confirmé que"; "les lois que" is a relative).
_CONJUNCTION_BEFORE = regex.compile(
    r"(?i)(?<!\p{L})(?:(?:a|ont|avait|avaient|aurait|auraient|est|sont|était|étaient)\s+\p{L}+(?:é|i|u|it|is)"
    r"|dit|estime|affirme|pense|sait|croit|explique|indique|précise|rappelle|souligne"
    r"|annonce|assure|juge|considère|constate|note|reconnaît|admet|observe|confirme|ajoute|espère|craint"
    r"|bien|alors|parce|pendant|dès|tandis|ainsi|avant|après|depuis|pour|sans|si|tant|plutôt|même)\s+$")
_QUE = regex.compile(r"(?i)qu(?:e\b|['’])")
_OBJECT_SPAN = 120
_SINGULAR_TO_PLURAL = {
    "a": "ont", "est": "sont", "était": "étaient", "sera": "seront", "serait": "seraient", "avait": "avaient",
    "aura": "auront", "aurait": "auraient", "fait": "font", "doit": "doivent", "devait": "devaient",
    "peut": "peuvent", "pouvait": "pouvaient", "va": "vont", "allait": "allaient", "reste": "restent",
    "restait": "restaient", "semble": "semblent", "semblait": "semblaient", "vient": "viennent",
    "venait": "venaient", "demeure": "demeurent", "paraît": "paraissent", "risque": "risquent",
}
_INSERTED_CLAUSE = regex.compile(
    r"(?:^|(?<=[.!?…]\s+))(?P<subject>(?:Les|Ces|Des|Mes|Tes|Ses|Nos|Vos|Leurs)\s+\p{Ll}[\p{L}-]*[sx]"
    r"(?:\s+\p{Ll}[\p{L}-]*[sx])?(?:\s+(?:de|d['’]|du|à|en)\s*\p{Ll}[\p{L}'’-]*){0,2})\s*,\s*"
    # a relative clause, or an apposition that opens with neither a determiner nor a name
    r"(?:(?:qui|que|qu['’]|dont|où|lesquels|lesquelles)\b"
    r"|(?!(?:le|la|les|l['’]|un|une|des|du|son|sa|ses|leur|leurs|ce|cet|cette|ces|mon|ma|mes|ton|ta|tes|notre|nos"
    r"|votre|vos)\b)\p{Ll})[^,.!?;:«»()\n]{3,150},\s*"
    r"(?P<verb>" + "|".join(sorted(_SINGULAR_TO_PLURAL, key=len, reverse=True)) + r")(?![\p{L}'’-])"
    r"(?!\s+(?:\p{Ll}+é\s+\p{Lu}|dit\b|déclaré|expliqué|ajouté|précisé|souligné|indiqué|estimé|affirmé|"
    r"assuré|confié|rappelé|reconnu|résumé|insisté|poursuivi|lancé|raconté|noté|observé|commenté|"
    r"prévenu|conclu|regretté|déploré|jugé|martelé|tranché|détaillé|analysé|relevé|fait\s+valoir|"
    r"fait\s+savoir))")

# The same plural subject right before its verb: "Les carnets de commandes est vide" -> "sont".
_DIRECT_SUBJECT = regex.compile(
    r"(?:^|(?<=[.!?…]\s+)|(?<=«\s*)|(?<=\b(?:que|qu['’]|quand|lorsque|si|car|mais|et|donc|où|puisque)\s+))"
    r"(?P<subject>(?i:les|ces|mes|tes|ses|nos|vos|leurs)\s+"
    r"(?!(?:plus|moins|uns|autres|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\b)\p{Ll}[\p{L}-]*[sx]"
    r"(?:\s+(?:de|d['’]|du|des)(?:\s+(?:la|le|les)\b|\s*l['’])?\s*\p{Ll}[\p{L}'’-]*){0,2})\s+"
    r"(?P<verb>" + "|".join(sorted(_SINGULAR_TO_PLURAL, key=len, reverse=True)) + r")(?![\p{L}'’-])")
_BETWEEN = regex.compile(r"(?i)\bentre\b[^,.;:!?]{0,60}\bet\s+$")
_DETERMINERS = r"(?:la|le|les|l['’]|un|une|des|du|sa|son|ses|leur|leurs|mon|ma|mes|ton|ta|tes|ce|cet|cette|ces|votre|vos|notre|nos)"
_RELATIVE_SINGULAR = regex.compile(
    # The plural noun phrase opens the sentence or follows a word that is not "de" ("le chef de
    # ces musiciens qui dirige": "qui" is the chef); "des" is left out for the same reason.
    r"(?:(?:^|(?<=[.!?…]\s+))(?:Les|Ces|Mes|Tes|Ses|Nos|Vos|Leurs)|(?<=(?<![\p{L}'’])(?!de\s|d['’])\p{L}+\s+)"
    r"(?:les|ces|mes|tes|ses|nos|vos|leurs))\s+(?P<subject>"
    r"(?:(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d+)\s+)?\p{Ll}[\p{L}-]*[sx])\s*,?\s*qui\s+"
    r"(?:(?:ne|se|leur|lui|le|la|les|nous|vous|me|te|y|en)\s+|[nslmt]['’]){0,2}(?P<verb>\p{Ll}[\p{Ll}-]+e)(?![\p{L}'’-])")
_NOT_VERBS = frozenset({"entre", "contre", "comme", "même", "presque", "encore", "jamais", "toujours",
                        "autre", "notre", "votre", "leur", "quelque", "chaque", "une", "elle", "celle", "cette",
                        "quelle", "telle", "laquelle", "lesquelle"})
_CAUSATIVE_PARTICIPLE = regex.compile(
    r"(?<![\p{L}'’-])(?<!(?i:un|le|ce|du|au|en|de|à)\s)"  # "un fait divers": the noun; "en fait", "tout à fait"
    r"(?P<aux>(?i:laiss\p{L}*|faire|fais|fait|faites|faisons|faisait|faisaient|font|fer\p{L}{1,4}|fit|firent))\s+"
    rf"(?P<part>\p{{Ll}}{{3,}}é)(?=\s+{_DETERMINERS}(?![\p{{L}}]))")


# A modal verb takes an infinitive: "elles ont su resté patientes" -> "rester", "il doit passé" ->
# "passer". Conjugated forms only: "le pouvoir", "le devoir", "le savoir" are also nouns.
_MODAL_PARTICIPLE = regex.compile(
    r"(?<![\p{L}'’-])(?P<aux>(?i:su|pu|dû|voulu|osé|peut|peuvent|pouvait|pouvaient|pourra|pourront|pourrait"
    r"|pourraient|doit|doivent|devait|devaient|devra|devront|devrait|devraient|veut|veulent|voulait|voulaient"
    r"|voudrait|voudraient|sait|savent|savait|savaient|ose|osent))\s+(?:(?:pas|plus|jamais|toujours|bien|mieux"
    r"|vite|encore|enfin|déjà)\s+)?(?P<part>\p{Ll}{3,}é)(?![\p{L}'’-])")


# A pronominal verb after a plural subject: its participle agrees ("Les hommages se sont multiplié"
# -> "multipliés"). Feminine nouns by their ending take "-ées"; the fix is a guess, so it stays unsafe.
_PRONOMINAL_PARTICIPLE = regex.compile(
    r"(?:(?:^|(?<=[.!?…]\s+))(?P<subject>(?:Les|Ces|Mes|Tes|Ses|Nos|Vos|Leurs|Des)\s+\p{Ll}[\p{L}-]*[sx])"
    # ... or after a comma ("Sur certaines parcelles, les baies se sont desséché"), or a subject
    # pronoun ("mais ils se sont battu jusqu'à la ligne")
    r"|(?<=,\s+)(?P<subject>(?:les|ces|mes|tes|ses|nos|vos|leurs)\s+\p{Ll}[\p{L}-]*[sx])"
    r"|(?<![\p{L}'’-])(?P<subject>[Ii]ls|[Ee]lles))"
    r"\s+(?:ne\s+|n['’])?(?:se|s['’])\s*(?:sont|étaient|seront|seraient)\s+(?:(?:pas|déjà|vite|rapidement|aussitôt|encore|bien"
    r"|peu à peu)\s+)?(?P<part>\p{Ll}{3,}é|\p{Ll}{2,}[ui])(?![\p{L}'’-])"
    # a direct object after it ("se sont lavé les mains", "rendu compte"): the participle stays
    r"(?!\s+(?:le|la|les|l['’]|un|une|des|du|leurs?|ses|son|sa|mes|nos|vos|ce|cet|cette|ces|compte|que|qu['’]|si"
    r"|rendez-vous|raison|tort|mal|peur|honte|confiance|envie)\b)")
# Pronominal verbs whose "se" is an indirect object: their participle never agrees.
_INVARIABLE_PRONOMINAL = frozenset({"succédé", "parlé", "téléphoné", "ressemblé", "demandé", "imaginé", "souri",
                                    "plu", "nui", "menti", "suffi", "rendu", "permis", "dit", "écrit", "succédés"})
# A passive or "être" verb after a plural subject: "Les investisseurs ont été séduit" -> "séduits",
# "Ils ont été transporté" -> "transportés", "Les collectivités sont appelé" -> "appelées".
_PASSIVE_PARTICIPLE = regex.compile(
    r"(?:^|(?<=[.!?…]\s+)|(?<=,\s+))(?P<subject>(?:(?i:les|ces|mes|tes|ses|nos|vos|leurs)\s+\p{Ll}[\p{L}-]*[sx]"
    r"(?:\s+(?:de|d['’]|du|des)(?:\s+(?:la|le|les)\b|\s*l['’])?\s*\p{Ll}[\p{L}'’-]*)?|Ils|Elles))"
    r"\s+(?:ne\s+|n['’])?(?:ont\s+été|avaient\s+été|auront\s+été|sont|étaient|seront|seraient|furent)"
    r"\s+(?:(?:pas|déjà|tous|toutes|très|bien|aussi|encore|vite|rapidement|légèrement|particulièrement)\s+)?"
    r"(?P<part>\p{Ll}{2,}(?:é|it|u|i))(?![\p{L}'’-])"
    r"(?!\s+(?:le|la|les|l['’]|un|une|des|du)\b)")
_FEMININE_ENDINGS = ("tions", "sions", "tés", "ures", "ances", "ences", "ettes", "elles", "ies", "ées", "euses",
                     "trices", "ades", "ines")


def _participle_slip(m: regex.Match, rule: str) -> Slip | None:
    """The participle of ``m`` agreeing with its plural subject, when that form is a listed word."""
    part, subject = m.group("part"), m.group("subject")
    feminine = subject.lower() == "elles" or subject.split()[-1].endswith(_FEMININE_ENDINGS)
    plural = part + ("es" if feminine else "s")
    # The plural must be a listed word, or (after "se sont", where a word in -é can only be the
    # participle) the participle itself: "desséchées" is rarer than the lists go, "desséché" is not.
    if part in _INVARIABLE_PRONOMINAL or not (_listed(plural) or part.endswith("é") and _listed(part)) \
            or not part.endswith("é") and not _participle(part):
        return None
    return Slip(m.start("part"), m.end("part"), "corpuslint", rule, AGREEMENT,
                f"Le participe s'accorde avec « {subject} » : « {plural} ».", (plural,))


# Participles in -s, -t and short ones are irregular: listed, since their endings make nouns too
# ("à pois", "à point", "à mort").
_IRREGULAR_PARTICIPLES = frozenset("""mis pris appris compris repris surpris acquis conquis requis assis dit écrit
    produit construit conduit détruit traduit inscrit décrit prescrit interdit prédit ouvert offert souffert
    rouvert peint atteint éteint craint plaint joint rejoint vu lu su bu eu pu dû cru plu""".split())


def _participle(part: str) -> bool:
    """``part`` is a past participle: an irregular one, or a regular one whose infinitive is listed
    ("annoncé" -> "annoncer", "grandi" -> "grandir", "perdu" -> "perdre")."""
    if part in _IRREGULAR_PARTICIPLES:
        return True
    stems = {"é": [part[:-1] + "er"], "i": [part + "r"], "u": [part[:-1] + "re"]}.get(part[-1], [])
    return any(len(w) > 4 and _listed(w) for w in stems)


def _conjunction_que(before: str, at: int) -> bool:
    """The "que" at ``at`` follows a verb of saying or a conjunction ("a confirmé que", "bien que")."""
    return bool(_QUE.match(before, at)) and _CONJUNCTION_BEFORE.search(before, 0, at) is not None


def _listed(word: str) -> bool:
    from corpuslint.rules import lexicon

    return lexicon.zipf(word, "fr") >= 2.5


def check(text: str) -> list[Slip]:
    out = []
    for m in _NUMERAL_PLURAL.finditer(text):
        num = m.group("num")
        out.append(Slip(m.start(), m.end("num") + 1, "corpuslint", "numeral-plural", AGREEMENT,
                        f"Le nombre « {num} » est invariable.", (num,)))
    for m in _A_NUMBER.finditer(text):
        out.append(Slip(m.start("a"), m.end("a"), "corpuslint", "a-for-à", CONFUSION,
                        "Préposition « à » (et non le verbe « a ») devant ce nombre.", ("à",)))
    for pattern in (_A_RANGE, _A_TIME):
        for m in pattern.finditer(text):
            out.append(Slip(m.start("a"), m.end("a"), "corpuslint", "a-for-à", CONFUSION,
                            "Préposition « à » (et non le verbe « a ») devant cette heure ou ce nombre.", ("à",)))
    for m in _A_LOCUTION.finditer(text):
        out.append(Slip(m.start("a"), m.end("a"), "corpuslint", "a-for-à", CONFUSION,
                        "Préposition « à » (et non le verbe « a ») dans cette locution.", ("à",)))
    for m in _ON_ONT.finditer(text):
        if _participle(m.group("part")):
            out.append(Slip(m.start("on"), m.end("on"), "corpuslint", "on-for-ont", CONFUSION,
                            "Auxiliaire « ont » (et non le pronom « on ») après ce sujet pluriel.", ("ont",)))
    for m in _C_EST.finditer(text):
        base = regex.sub(r"(?:e|s|es)$", "", m.group("part"))
        if _participle(base) or _participle(m.group("part")):
            out.append(Slip(m.start("c"), m.start("c") + 1, "corpuslint", "c-for-s", CONFUSION,
                            "Verbe pronominal : « s'est » (et non « c'est ») après ce sujet.", ("s",)))
    for m in _CE_SONT.finditer(text):
        base = regex.sub(r"(?:e|s|es)$", "", m.group("part"))
        if _participle(base) or _participle(m.group("part")):
            out.append(Slip(m.start("ce"), m.start("ce") + 1, "corpuslint", "c-for-s", CONFUSION,
                            "Verbe pronominal : « se sont » (et non « ce sont ») après ce sujet.", ("s",)))
    for m in _SON_SONT.finditer(text):
        out.append(Slip(m.start("son"), m.end("son"), "corpuslint", "son-for-sont", CONFUSION,
                        "Verbe « sont » (et non le déterminant « son ») devant cet adjectif au pluriel.", ("sont",)))
    for m in _A_PARTICIPLE.finditer(text):
        part = m.group("part").lower()
        if part in _A_NOUNS or not _listed(part) or not _participle(part):
            continue  # "à trois points", "sa manière à lui": no participle after the preposition
        out.append(Slip(m.start("a"), m.end("a"), "corpuslint", "à-for-a", CONFUSION,
                        "Auxiliaire « a » (et non la préposition « à ») devant ce participe.", ("a",)))
    for m in _AVOIR_PLURAL_PARTICIPLE.finditer(text):
        part = m.group("part")
        base = regex.sub(r"(?:ées|és|ée)$", "é", part)
        before = text[max(0, m.start() - _OBJECT_SPAN):m.start()]
        obj = _OBJECT_BEFORE.search(before)
        if (_OBJECT_PRONOUN.search(before) or obj and not _conjunction_que(before, obj.start())
                or not _listed(base) or not _listed(part)):
            continue  # an object before the participle, which may agree with it
        out.append(Slip(m.start("part"), m.end("part"), "corpuslint", "avoir-participle-plural", AGREEMENT,
                        f"Après « {m.group('aux')} » sans complément d'objet placé avant, le participe est "
                        f"invariable : « {base} ».", (base,)))
    for m in _DIRECT_SUBJECT.finditer(text):
        verb = m.group("verb")
        if _BETWEEN.search(text, max(0, m.start() - 80), m.start()):
            continue  # "la liaison entre Le Conquet et les îles a talonné": "les îles" closes "entre A et B"
        plural = _SINGULAR_TO_PLURAL[verb]
        out.append(Slip(m.start("verb"), m.end("verb"), "corpuslint", "inserted-clause-agreement", AGREEMENT,
                        f"Le sujet « {m.group('subject')} » est au pluriel : « {plural} ».", (plural,)))
    for m in _INSERTED_CLAUSE.finditer(text):
        verb = m.group("verb")
        plural = _SINGULAR_TO_PLURAL[verb]
        out.append(Slip(m.start("verb"), m.end("verb"), "corpuslint", "inserted-clause-agreement", AGREEMENT,
                        f"Le sujet « {m.group('subject')} » est au pluriel : « {plural} ».", (plural,)))
    for m in _RELATIVE_SINGULAR.finditer(text):
        verb = m.group("verb")
        if verb in _NOT_VERBS or not _listed(verb + "nt"):
            continue
        out.append(Slip(m.start("verb"), m.end("verb"), "corpuslint", "relative-qui-agreement", AGREEMENT,
                        f"« qui » reprend « {m.group('subject')} », au pluriel : « {verb}nt ».", (verb + "nt",)))
    for m in (*_CAUSATIVE_PARTICIPLE.finditer(text), *_MODAL_PARTICIPLE.finditer(text)):
        part = m.group("part")
        infinitive = part[:-1] + "er"
        if not _listed(infinitive):
            continue
        out.append(Slip(m.start("part"), m.end("part"), "corpuslint", "causative-infinitive", VERB_FORM,
                        f"Après « {m.group('aux')} », l'infinitif : « {infinitive} ».", (infinitive,)))
    for rule, pattern in (("pronominal-participle-agreement", _PRONOMINAL_PARTICIPLE),
                          ("passive-participle-agreement", _PASSIVE_PARTICIPLE)):
        for m in pattern.finditer(text):
            slip = _participle_slip(m, rule)
            if slip is not None and not any(s.start <= slip.start < s.end for s in out):
                out.append(slip)
    return sorted(out, key=lambda s: (s.start, s.end))
