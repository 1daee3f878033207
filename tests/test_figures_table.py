"""A table-like list: one-line paragraphs NAME NUMBER UNIT under an intro paragraph ending in ：
take their metric and scope from the intro; a department NAME is the row's department, never
its metric."""

from __future__ import annotations

from typing import Any

import pytest

from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()

WEEK = {"year": 2025, "period_start": "2025-11-17", "period_end": "2025-11-21", "published": "2025-11-25"}


def _figs(text: str) -> list[tuple[Any, ...]]:
    _, tables, _, _ = parse_text(text, RULES, WEEK)
    return [(f["metric"], f["subject"], f["value"], f["scope"], f["department"]) for f in tables["figures"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # departments under short and full names, the intro's 办结量 and 本周
        ("本周办结量前三的窗口：\n\n省公安厅窗口　　120 件\n\n四川省人力资源和社会保障厅　97 件\n\n省医保局　80 件\n",
         [("办结", None, 120, "week", "四川省公安厅"),
          ("办结", None, 97, "week", "四川省人力资源和社会保障厅"),
          ("办结", None, 80, "week", "四川省医疗保障局")]),
        # other names: the subject; a ytd intro
        ("今年以来各市（州）网上办件量如下：\n\n成都市　　1.2万件\n\n绵阳市　　3560件\n\n德阳市：2980件\n",
         [("办件", "成都市", 12000, "ytd", None), ("办件", "绵阳市", 3560, "ytd", None),
          ("办件", "德阳市", 2980, "ytd", None)]),
        # an intro with no metric verb: the NAME is the metric; 其中： carries the sentence before
        ("本周新增注册用户1.3万户。其中：\n\n法人用户　0.2万户\n\n个人用户　1.1万户\n",
         [("注册用户", None, 13000, "change", None), ("法人用户", None, 2000, "change", None),
          ("个人用户", None, 11000, "change", None)]),
    ],
)
def test_rows_take_the_intro(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _figs(text) == expected


def test_a_row_alone_is_read_by_the_other_rules() -> None:
    assert _figs("本周受理425件") == [("受理", None, 425, "week", None)]
    assert _figs("一、办件情况\n\n本周综窗受理425件。\n\n办结398件\n") == [
        ("受理", None, 425, "week", None), ("办结", None, 398, "other", None)]


@pytest.mark.parametrize("text", ["省公安厅86件", "其中，省公安厅窗口36件", "四川省市场监督管理局：61件"])
def test_a_department_is_never_the_metric(text: str) -> None:
    (row,) = _figs(text)
    assert row[0] is None and row[4] is not None
