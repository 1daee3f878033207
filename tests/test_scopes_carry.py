"""Scopes carried across a semicolon or a sentence: a new subject before 累计 after a semicolon
is a running total of its own; 同期 (and a year-on-year change with no cue) goes on with the
year-to-date period of the sentence before."""

from __future__ import annotations

from typing import Any

import pytest

from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()

WEEK = {"year": 2025, "period_start": "2025-06-09", "period_end": "2025-06-13", "published": "2025-06-17"}


def _figs(text: str) -> list[tuple[Any, ...]]:
    _, tables, _, _ = parse_text(text, RULES, WEEK)
    return [(f["value"], f["scope"], str(f["period_start"]), str(f["period_end"])) for f in tables["figures"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a new subject after the semicolon: its own running total
        ("今年以来，社保卡调用120万次；省电子印章系统累计调用3.4万次。",
         [(1200000, "ytd", "2025-01-01", "2025-06-13"), (34000, "cumulative", "None", "2025-06-13")]),
        # a bare 累计 after the semicolon goes on with 今年以来
        ("今年以来，综窗受理2.1万件；累计办结2.05万件。",
         [(21000, "ytd", "2025-01-01", "2025-06-13"), (20500, "ytd", "2025-01-01", "2025-06-13")]),
        # 同期 carries the period of the sentence before
        ("1—5月，省本级受理行政许可事项9.8万件。同期，全省交易平台成交金额620亿元，同比增长3.1%。",
         [(98000, "ytd", "2025-01-01", "2025-05-31"), (62000000000, "ytd", "2025-01-01", "2025-05-31"),
          (3.1, "change", "2025-01-01", "2025-05-31")]),
        # a year-on-year change with no cue, after year-to-date figures of its paragraph
        ("1—5月，省本级受理行政许可事项9.8万件。受理量较去年同期增长6.4%。",
         [(98000, "ytd", "2025-01-01", "2025-05-31"), (6.4, "change", "2025-01-01", "2025-05-31")]),
        # a week-on-week change stays the week's
        ("本周受理512件。受理量较上周增长4%。",
         [(512, "week", "2025-06-09", "2025-06-13"), (4, "change", "2025-06-09", "2025-06-13")]),
    ],
)
def test_carried_periods(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _figs(text) == expected
