"""The code table: every built-in rule, one line each, code -> module (under corpuslint.rules).

Adding a rule = one module holding its Rule subclass + one line here.
Families: CL1xx text hygiene, CL2xx boilerplate (YAML packs), CL3xx structure,
CL4xx words and layout, CL5xx grammar.
"""

CODE_TABLE: dict[str, str] = {
    # CL1xx: text hygiene
    "CL101": "trailing_whitespace",
    # -- end CL1xx
    # CL2xx: boilerplate lines and blocks, from the YAML packs in packs/<lang>/
    # -- end CL2xx
    # CL3xx: structure
    # -- end CL3xx
    # CL4xx: words and layout
    # -- end CL4xx
    # CL5xx: grammar (rules/grammar/)
    # -- end CL5xx
}
