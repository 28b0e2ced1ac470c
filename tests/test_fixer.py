"""The fixer: non-overlapping edits, applicability, fixed point, line endings."""
from __future__ import annotations

from corpuslint.finding import Edit, Finding, Fix
from corpuslint.fixer import apply_edits, choose, fix_to_fixed_point
from corpuslint.textcodec import Normalised


def F(start, end, fix):
    return Finding("CL999", "test", "m", start, end, fix=fix)


def test_choose_skips_overlaps_and_respects_applicability():
    a = F(0, 3, Fix.safe(Edit(0, 3, "x")))
    b = F(2, 5, Fix.safe(Edit(2, 5, "y")))       # overlaps a: left for the next round
    c = F(6, 7, Fix.unsafe(Edit(6, 7, "")))
    d = F(8, 8, Fix.safe(Edit(8, 8, " ")))
    e = F(8, 8, Fix.safe(Edit(8, 8, "-")))       # a second insertion at one point conflicts
    assert choose([a, b, c, d, e], unsafe=False) == [a.fix, d.fix]
    assert choose([a, b, c, d, e], unsafe=True) == [a.fix, c.fix, d.fix]


def test_apply_edits():
    assert apply_edits("abcdef", [Edit(4, 6, "X"), Edit(0, 1, "")]) == "bcdX"


def test_fixed_point_reaches_convergence_and_reports_the_cap():
    # A rule that removes one doubled space per round needs several rounds.
    def lint(t):
        i = t.find("  ")
        return [] if i < 0 else [F(i, i + 2, Fix.safe(Edit(i, i + 2, " ")))]

    out = fix_to_fixed_point("a      b", lint)
    assert out.text == "a b" and out.converged and out.applied == 5

    def endless(t):  # always proposes a change: must stop at the cap and say so
        return [F(0, 0, Fix.safe(Edit(0, 0, "x")))]

    out = fix_to_fixed_point("a", endless, max_iterations=3)
    assert out.text == "xxxa" and not out.converged


def test_edits_map_back_to_crlf_and_cr():
    # Mixed endings: untouched breaks keep their bytes, inserted ones take the dominant style (CRLF).
    n = Normalised.of("ab  \r\ncd\r\nX\rY\n")
    assert n.text == "ab  \ncd\nX\nY\n" and n.newline == "\r\n"
    assert n.apply([Edit(2, 4, ""), Edit(8, 8, "new\n")]) == "ab\r\ncd\r\nnew\r\nX\rY\n"
