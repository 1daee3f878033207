"""A sentence opening with 其中 and no scope cue of its own takes the scope (and period) the
sentence before it ended with (even across a paragraph break); 分别 shares one change verb among
several values."""

from __future__ import annotations

from datetime import date as D
from typing import Any

import pytest

from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()

WEEK = {"year": 2025, "period_start": "2025-11-17", "period_end": "2025-11-21", "published": "2025-11-25"}


def _figs(text: str, ctx: dict[str, Any] = WEEK) -> list[tuple[str | None, float, str, D | None, D | None]]:
    _, tables, _, _ = parse_text(text, RULES, ctx)
    return [(f["metric"], f["value"], f["scope"], f["period_start"], f["period_end"]) for f in tables["figures"]]


W = (D(2025, 11, 17), D(2025, 11, 21))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 其中，/ 其中：/ 其中X after a week sentence: the week
        ("本周，综窗共受理办件620件，办结601件。其中，网上受理410件，网上受理率66.1%。",
         [("受理", 620, "week", *W), ("办结", 601, "week", *W), ("受理", 410, "week", *W),
          ("网上受理率", 66.1, "week", *W)]),
        ("本周共接待群众咨询1500人次。其中：电话咨询900人次。",
         [("接待咨询", 1500, "week", *W), ("咨询", 900, "week", *W)]),
        ("本周综窗办结事项388件。其中现场办结120件。",
         [("办结", 388, "week", *W), ("办结", 120, "week", *W)]),
        # a chain of 其中 sentences passes the scope on
        ("本周受理500件。其中网上办理300件。其中，全程网办210件。",
         [("受理", 500, "week", *W), ("办理", 300, "week", *W), ("网办", 210, "week", *W)]),
        # after a 1—10月 sentence: year to date, with that sentence's period
        ("1—10月，综窗累计受理2.1万件。其中，网上受理1.6万件。",
         [("受理", 21000, "ytd", D(2025, 1, 1), D(2025, 10, 31)),
          ("受理", 16000, "ytd", D(2025, 1, 1), D(2025, 10, 31))]),
        # after a 截至 sentence: a running total up to that date
        ("截至11月20日，全省累计注册用户5100万户。其中：法人用户320万户。",
         [("注册", 51000000, "cumulative", None, D(2025, 11, 20)),
          ("法人用户", 3200000, "cumulative", None, D(2025, 11, 20))]),
        # a cue of its own wins
        ("本周受理500件。其中，今年以来累计网上受理1.2万件。",
         [("受理", 500, "week", *W), ("受理", 12000, "ytd", D(2025, 1, 1), D(2025, 11, 21))]),
        # no 其中, a new paragraph: no carry (tests/test_scopes_paragraph.py: the same paragraph carries)
        ("本周受理500件。\n网上办理300件。", [("受理", 500, "week", *W), ("办理", 300, "other", None, None)]),
    ],
)
def test_qizhong_takes_the_previous_scope(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _figs(text) == expected


def test_qizhong_does_not_cross_sections() -> None:
    text = "一、办件情况\n本周受理500件。\n二、其他情况\n其中，网上办理300件。"
    assert [(m, v, s) for m, v, s, *_ in _figs(text)] == [("受理", 500, "week"), ("办理", 300, "other")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1—10月，累计受理3.2万件、办结3.1万件，同比分别增长6.5%和5.9%。",
         [("受理", 32000, "ytd"), ("办结", 31000, "ytd"), ("增长", 6.5, "change"), ("增长", 5.9, "change")]),
        ("咨询、受理、办结量较上周分别减少2.1%、1.4%、0.6%",
         [("减少", 2.1, "change"), ("减少", 1.4, "change"), ("减少", 0.6, "change")]),
        ("好评率、办结率同比分别提高0.3个百分点和0.1个百分点",
         [("提高", 0.3, "change"), ("提高", 0.1, "change")]),
    ],
)
def test_each_change_value(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert [(m, v, s) for m, v, s, *_ in _figs(text)] == expected


def test_each_change_value_keeps_the_range_period() -> None:
    rows = _figs("1—10月，累计受理3.2万件、办结3.1万件，同比分别增长6.5%和5.9%。")
    assert {(a, b) for *_, a, b in rows} == {(D(2025, 1, 1), D(2025, 10, 31))}


@pytest.mark.parametrize(
    "text",
    ["1—10月，累计受理3.2万件，同比增长6.5%。", "1—10月，综窗办结3.1万件，较上年同期增长4.2%"],
)
def test_a_change_after_a_range_cue_covers_the_range(text: str) -> None:
    rows = _figs(text)
    assert rows[-1][2] == "change" and rows[-1][3:] == (D(2025, 1, 1), D(2025, 10, 31))
