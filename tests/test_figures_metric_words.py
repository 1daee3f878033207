"""Where a figure's metric starts and ends: a verb jieba reads as the tail of a longer word is
widened to that word (设立登记), and a paragraph that is a whole sentence opening with a
department (省公安厅窗口办结32件。) is read by the verb rules, not as a table row."""

from __future__ import annotations

from typing import Any

import pytest
from figure_helpers import columns

W = {"year": 2018, "period_start": "2018-04-30", "period_end": "2018-05-04", "published": "2018-05-08"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本周个体工商户设立登记二百零六件，较上周减少十二件。", [("设立登记", 206, "week"), ("减少", 12, "change")]),
        ("本周，省市场监管局窗口受理企业设立登记一千零五件", [("受理", 1005, "week")]),
        ("本周内资企业设立登记193件、办结率100%", [("设立登记", 193, "week"), ("办结率", 100, "week")]),
    ],
)
def test_verb_ending_a_word_takes_the_word(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert columns(text, W, "metric", "value", "scope") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("省公安厅窗口办结32件。", [("办结", 32, "四川省公安厅")]),
        ("省民政厅窗口受理婚姻登记申请45件", [("受理", 45, "四川省民政厅")]),
        # a department (or its window) and a number only: a row, no metric of its own
        ("四川省市场监督管理局：61件", [(None, 61, "四川省市场监督管理局")]),
        ("省公安厅窗口　86件", [(None, 86, "四川省公安厅")]),
    ],
)
def test_department_paragraph_rows(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert columns(text, W, "metric", "value", "department") == expected
