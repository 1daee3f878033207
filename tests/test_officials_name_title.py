"""NAME TITLE, the way a bulletin names an official again: 会上，吕芙蓉主任强调 / 王某副厅长一行到…
(rule official.name-title). Precision first: a leader's title, a name that is no word unless the
document names that person ORG TITLE NAME, whose organization it then takes."""

from __future__ import annotations

import pytest
from official_helpers import CENTRE, officials


def _officials(text: str) -> list[tuple[str, str, str | None]]:
    return officials(text, {"year": 2024, "period_end": "2024-06-07"})


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("本周，魏国栋副厅长一行到窗口督导。", [("魏国栋", "副厅长", None)]),
        ("座谈会上，司马青云主任指出，要压缩办理时限。", [("司马青云", "主任", None)]),
        ("在邓晓川副局长的陪同下，检查组察看了综合窗口。", [("邓晓川", "副局长", None)]),
        ("检查组听取了郝宁处长的汇报。", [("郝宁", "处长", None)]),
        ("俞莉副主任、崔浩副主任分别到窗口值守。", [("俞莉", "副主任", None), ("崔浩", "副主任", None)]),
    ],
)
def test_name_title_alone(text: str, rows: list[tuple[str, str, str | None]]) -> None:
    assert _officials(text) == rows


def test_the_same_person_named_with_an_organization_gives_it() -> None:
    text = ("6月3日，省商务厅副厅长鲍某某到省中心调研，省中心党委书记、主任吕芙蓉陪同。"
            "鲍某某副厅长察看了外资企业服务专区。吕芙蓉主任介绍了综窗改革情况。")
    assert _officials(text) == [
        ("鲍某某", "副厅长", "四川省商务厅"), ("吕芙蓉", "党委书记、主任", CENTRE),
        ("鲍某某", "副厅长", "四川省商务厅"), ("吕芙蓉", "主任", CENTRE)]


def test_a_word_is_a_name_only_when_the_document_names_that_person() -> None:
    assert _officials("会上，夏天主任办公会研究了窗口排班。") == []
    text = "本周，省国资委二级巡视员夏天到大厅值守。夏天巡视员查看了办件档案。"
    assert _officials(text) == [("夏天", "二级巡视员", "四川省政府国有资产监督管理委员会"),
                                ("夏天", "巡视员", "四川省政府国有资产监督管理委员会")]


@pytest.mark.parametrize(
    "text",
    [
        "本周，常务副主任会议审议了排班方案。",  # 常 is a surname, 常务 a word
        "各处处长、副处长参加了培训。",
        "王某主任科员整理了档案。",  # 主任科员: no head's title
        "时任主任已调离。",
        "全体副主任出席会议。",
        "原副局长李某某退休。",
        "会议决定，韩某任副主任。",  # 任: an appointment, not 韩某任
        "会上，聘请韩某为主任。",
        "由中心主任主持会议。",  # 由 opens a phrase
    ],
)
def test_no_name_title(text: str) -> None:
    assert [r for r in _officials(text) if r[0] != "李某某"] == []


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # a chain ORG TITLE NAME wins over a NAME TITLE it overlaps
        ("本周，中心主任吕芙蓉到大厅督导。", [("吕芙蓉", "主任", None)]),
        ("会上，吕芙蓉主任强调，要抓好医保事项进驻。", [("吕芙蓉", "主任", None)]),
        ("杜江副局长查阅了办件档案。", [("杜江", "副局长", None)]),
    ],
)
def test_name_title_and_chains(text: str, rows: list[tuple[str, str, str | None]]) -> None:
    assert _officials(text) == rows


def test_a_preposition_and_a_time_after_a_title_is_no_name() -> None:
    assert _officials("本周，请各处长于周五前报送材料。") == []
    assert _officials("省中心副主任于近日到大厅检查。") == []
    assert _officials("省中心副主任于某某到大厅检查。") == [("于某某", "副主任", CENTRE)]
