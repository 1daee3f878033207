"""The overlap policy (priority, then longest, then earliest) and the claim ledger."""

from __future__ import annotations

from reportparse.match import POLICY, ClaimLedger, resolve_overlaps
from reportparse.model import Candidate


def cand(rule: str, start: int, end: int, priority: int = 0, order: int = 0) -> Candidate:
    return Candidate(rule, "figure", start, end, "x" * (end - start), priority, {}, {}, order)


def test_policy_is_named() -> None:
    assert POLICY.startswith("priority > longest > earliest")


def test_priority_beats_length() -> None:
    won, lost = resolve_overlaps([cand("long", 0, 10, 1), cand("high", 2, 4, 5)])
    assert [c.rule for c in won] == ["high"]
    assert lost[0][0].rule == "long" and "high" in lost[0][1]


def test_longest_wins_at_equal_priority() -> None:
    won, _ = resolve_overlaps([cand("short", 0, 3), cand("long", 1, 8)])
    assert [c.rule for c in won] == ["long"]


def test_earliest_wins_at_equal_priority_and_length() -> None:
    won, _ = resolve_overlaps([cand("later", 2, 6), cand("earlier", 0, 4)])
    assert [c.rule for c in won] == ["earlier"]


def test_rulebook_order_breaks_the_last_tie() -> None:
    won, _ = resolve_overlaps([cand("second", 0, 4, order=2), cand("first", 0, 4, order=1)])
    assert [c.rule for c in won] == ["first"]


def test_disjoint_candidates_all_win_in_text_order() -> None:
    won, lost = resolve_overlaps([cand("b", 5, 8), cand("a", 0, 3), cand("c", 3, 5)])
    assert [c.rule for c in won] == ["a", "c", "b"] and lost == []


def test_ledger_owner() -> None:
    ledger = ClaimLedger()
    ledger.claim(10, 20, "date.full")
    assert ledger.owner(15, 16) == "date.full"
    assert ledger.owner(20, 25) is None
    assert ledger.owner(0, 11) == "date.full"
