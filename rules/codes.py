"""The code table: every built-in rule, one line each, code -> module (under corpuslint.rules).

Adding a rule = one module holding its Rule subclass + one line here.
Families: CL1xx text hygiene, CL2xx boilerplate (YAML packs), CL3xx structure,
CL4xx words and layout, CL5xx grammar.
"""

CODE_TABLE: dict[str, str] = {
    # CL1xx: text hygiene
    "CL101": "trailing_whitespace",
    "CL102": "space_run",
    "CL103": "blank_line_run",
    "CL104": "doubled_punctuation",
    "CL105": "mojibake",
    "CL106": "html_entity",
    "CL107": "html_tag",
    "CL108": "invisible_char",
    # -- end CL1xx
    # CL2xx: boilerplate lines and blocks, from the YAML packs in packs/<lang>/
    "CL201": "comment_prompt",
    "CL202": "newsletter_prompt",
    "CL203": "cookie_banner",
    "CL204": "paywall_notice",
    "CL205": "share_buttons",
    "CL206": "related_links",
    "CL207": "navigation",
    "CL208": "promo_block",
    "CL209": "caption_credit",
    "CL210": "footer",
    # -- end CL2xx
    # CL3xx: structure
    "CL301": "stray_id",
    "CL302": "hashtag_line",
    "CL303": "lone_symbol_line",
    "CL304": "social_embed",
    "CL305": "duplicate_paragraph",
    "CL306": "leading_punctuation",
    "CL307": "metadata_line",
    # -- end CL3xx
    # CL4xx: words and layout
    "CL401": "merged_case",
    "CL402": "merged_letters",
    "CL403": "merged_digit",
    "CL404": "hyphenation_break",
    "CL405": "broken_wrap",
    # -- end CL4xx
    # CL5xx: grammar (rules/grammar/)
    "CL501": "grammar_repeated_word",
    "CL502": "grammar_agreement",
    "CL503": "grammar_verb_form",
    "CL504": "grammar_confusion",
    "CL505": "grammar_other",
    "CL510": "grammar_typography",
    "CL511": "grammar_spelling",
    "CL512": "grammar_style",
    # -- end CL5xx
}
