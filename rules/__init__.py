"""Built-in rules (one module each, listed in codes.py) and the YAML rule packs."""
