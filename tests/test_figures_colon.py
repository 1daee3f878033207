"""Figure lines METRIC：NUMBER UNIT (咨询：2918人次, 受理：438件，办结：421件): the metric is the
word before the colon; lines in paragraphs of their own take the scope of the intro above them."""

from __future__ import annotations

from typing import Any

import pytest
from figure_helpers import columns

WEEK = {"year": 2025, "period_start": "2025-11-17", "period_end": "2025-11-21", "published": "2025-11-25"}


def _figs(text: str) -> list[tuple[Any, ...]]:
    return columns(text, WEEK, "metric", "value", "unit", "scope")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lines under an intro ending in 如下。, a bracketed change on one of them
        ("本周政务大厅主要指标如下。\n\n收件：1,204 件（较上周增加 56 件）\n\n出件：1180 件\n\n转办：二百一十件\n",
         [("收件", 1204, "件", "week"), ("增加", 56, "件", "change"), ("出件", 1180, "件", "week"),
          ("转办", 210, "件", "week")]),
        # an intro ending in ： with a year-to-date cue; a measure noun before the colon
        ("1—10月全省网办数据：\n\n网上办理率：96.2%\n\n办件量：3.1万件\n",
         [("网上办理率", 96.2, "%", "ytd"), ("办件量", 31000, "件", "ytd")]),
        # inline, after the week cue
        ("本周，接待：2210人次，受理：405件；办结：399件。",
         [("接待", 2210, "人次", "week"), ("受理", 405, "件", "week"), ("办结", 399, "件", "week")]),
        # no intro above: no scope to carry
        ("综窗运行平稳。\n\n受理：311件\n", [("受理", 311, "件", "other")]),
        # a telephone number is no figure
        ("咨询电话：028-86925000\n", []),
    ],
)
def test_colon_lines(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _figs(text) == expected
