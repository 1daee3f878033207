"""Linear cost on big input: bounded runs (chunks.py) and the bisected lookups that replaced scans."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reportparse.chunks import LAYOUT_LIMIT, SENTENCE_LIMIT, split_run
from reportparse.entities.context import starting_in
from reportparse.match import ClaimLedger, resolve_overlaps
from reportparse.model import Candidate
from reportparse.pipeline import text_to_clean
from reportparse.sections import clean_to_sections, clean_to_sentences

SEED = Path(__file__).resolve().parents[1] / "corpora" / "weekly-2023-35.txt"


def test_split_run_prefers_sentence_ends_then_spaces_and_never_cuts_a_number():
    text = "甲" * 500 + "。" + "乙" * 300 + " " + "丙" * 150 + "1234567" * 30
    pieces = split_run(text, 0, len(text), 1000)
    assert pieces[0] == (0, 501)  # after the sentence end in the window's second half
    assert all(b - a <= 1000 for a, b in pieces) and pieces[-1][1] == len(text)
    assert [a for a, _ in pieces[1:]] == [b for _, b in pieces[:-1]]
    digits = "9" * 2500
    assert split_run(digits, 0, len(digits), 1000)[0] == (0, 1000)  # no break at all: at the limit
    assert split_run("短句。", 0, 3, 1000) == [(0, 3)]


def test_a_one_line_text_has_bounded_paragraphs_and_sentences():
    body = SEED.read_text(encoding="utf-8").replace("\n", " ").replace("。", " ")
    clean = text_to_clean(body * 6)
    assert max(p.end - p.start for p in clean.paragraphs) <= LAYOUT_LIMIT
    sections, _ = clean_to_sections(clean)
    sentences = clean_to_sentences(clean, sections)
    assert max(s.end - s.start for s in sentences) <= SENTENCE_LIMIT
    assert len(clean.paragraphs) > 1


def _cand(start: int, end: int, priority: int, order: int) -> Candidate:
    return Candidate("r", "figure", start, end, "", priority, {}, {}, order)


@pytest.mark.parametrize("seed", range(5))
def test_overlap_policy_and_ledger_agree_with_a_plain_scan(seed):
    rnd = random.Random(seed)
    cands = []
    for i in range(300):
        s = rnd.randrange(0, 2000)
        cands.append(_cand(s, s + rnd.randrange(1, 30), rnd.randrange(3), i))
    won, lost = resolve_overlaps(cands)
    kept: list[Candidate] = []  # the policy as a plain scan
    for c in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), c.start, c.order)):
        clash = next((k for k in kept if k.start < c.end and c.start < k.end), None)
        if clash is None:
            kept.append(c)
        else:
            reason = next(r for x, r in lost if x is c)
            assert f"[{clash.start}:{clash.end}]" in reason  # the first winner it overlaps is named
    assert won == sorted(kept, key=lambda k: (k.start, k.end))
    ledger, spans = ClaimLedger(), []
    for i in range(200):
        s = rnd.randrange(0, 2000)
        spans.append((s, s + rnd.randrange(0, 40), f"rule{i}"))
        ledger.claim(*spans[-1])
        a = rnd.randrange(0, 2000)
        b = a + rnd.randrange(1, 20)
        assert ledger.owner(a, b) == next((r for s0, e0, r in spans if s0 < b and a < e0), None)


def test_starting_in_keeps_list_order_and_follows_a_growing_list():
    rows = [{"char_start": s} for s in (50, 10, 30, 10, 70)]
    assert [r["char_start"] for r in starting_in(rows, 10, 51)] == [50, 10, 30, 10]
    rows.append({"char_start": 20})
    assert [r["char_start"] for r in starting_in(rows, 15, 35)] == [30, 20]
    assert starting_in([(5, 9, "a"), (1, 2, "b")], 0, 3) == [(1, 2, "b")]
