"""A sentence opening with 上述/以上 sums up the list above it: it takes the scope that list
stands under, back across the list's lines to its intro, where a sentence of a new paragraph
would otherwise take none."""

from __future__ import annotations

from typing import Any

import pytest
from figure_helpers import columns

W = {"year": 2025, "period_start": "2025-10-27", "period_end": "2025-10-31", "published": "2025-11-04"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本周受理量排名前三的部门窗口如下：\n省公安厅　　63件\n省民政厅　　41件\n省水利厅　　19件\n"
         "上述3个窗口合计受理123件，占综窗受理总量的31.0%。",
         [("受理", 63, "week"), ("受理", 41, "week"), ("受理", 19, "week"), ("窗口", 3, "week"),
          ("受理", 123, "week"), ("占比", 31, "week")]),
        ("今年以来办结量居前的窗口如下：\n省公安厅　　1.2万件\n省民政厅　　9800件\n以上两个窗口共办结2.18万件。",
         [("办结", 12000, "ytd"), ("办结", 9800, "ytd"), ("办结", 21800, "ytd")]),
        ("本周，综窗受理512件。\n上述办件中，网上申请402件。", [("受理", 512, "week"), ("网上申请", 402, "week")]),
    ],
)
def test_summary_sentence_takes_the_list_scope(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert columns(text, W, "metric", "value", "scope") == expected

