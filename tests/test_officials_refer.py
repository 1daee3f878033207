"""A bare 中心 / 厅 / 局 (or 该厅, 本中心) before a title refers back to the one body of that kind
named just before, in the sentence or the one before it in the same paragraph."""

from __future__ import annotations

import pytest
from official_helpers import CENTRE, officials


def _officials(text: str) -> list[tuple[str, str, str | None]]:
    return officials(text, {"year": 2024, "period_end": "2024-06-07"})


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("省政府副秘书长岳某一行到省中心调研，中心主任吕芙蓉陪同。",
         [("岳某", "副秘书长", "四川省人民政府"), ("吕芙蓉", "主任", CENTRE)]),
        ("本周，省医保局组织窗口开展业务培训。该局副局长郜某到场授课。",
         [("郜某", "副局长", "四川省医疗保障局")]),
        ("四川省交通运输厅窗口新增事项3个，厅党组成员、副厅长杜某到窗口督导。",
         [("杜某", "党组成员、副厅长", "四川省交通运输厅")]),
    ],
)
def test_a_bare_head_refers_back(text: str, rows: list[tuple[str, str, str | None]]) -> None:
    assert _officials(text) == rows


@pytest.mark.parametrize(
    "text",
    [
        "省人社厅会同省公安厅开展培训，厅长郑某到场。",  # two bodies of the kind: which one?
        "省发展改革委到省中心对接，委副主任张某出席。",  # the body named last is no 委
        "本周，中心主任吕某到大厅督导。",  # no body named before
        "本周，省医保局组织培训。\n该局副局长郜某到场授课。",  # another paragraph
    ],
)
def test_no_reference_without_one_body_of_the_kind(text: str) -> None:
    assert [r[2] for r in _officials(text)] == [None]
