"""Officials: one row per person and post, one post per organization, titles and names of every kind."""

from __future__ import annotations

import pytest
from official_helpers import officials

from reportparse.entities.officials import split_by_implied

GOV, PARTY = "四川省人民政府", "中共四川省委"
IMPLIED = {"副省长": GOV, "常务副省长": GOV, "省长": GOV, "省委常委": PARTY, "省委副书记": PARTY}



def _officials(text: str) -> list[tuple[str, str, str | None]]:
    return officials(text, {"year": 2025, "period_end": "2025-04-03"})


@pytest.mark.parametrize(
    ("org", "titles", "posts"),
    [
        (None, ["省委常委", "副省长"], [(PARTY, ["省委常委"]), (GOV, ["副省长"])]),
        (None, ["省委副书记", "省长"], [(PARTY, ["省委副书记"]), (GOV, ["省长"])]),
        (None, ["省委常委", "秘书长"], [(PARTY, ["省委常委", "秘书长"])]),
        (None, ["党组成员", "副省长"], [(GOV, ["党组成员", "副省长"])]),
        ("某中心", ["党委书记", "主任"], [("某中心", ["党委书记", "主任"])]),
        (GOV, ["副省长"], [(GOV, ["副省长"])]),
        (None, ["副主任"], [(None, ["副主任"])]),
    ],
)
def test_split_by_implied(org: str | None, titles: list[str], posts: list) -> None:
    assert split_by_implied(org, titles, IMPLIED) == posts


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("省委常委、副省长甘某某到省政务服务大厅调研。",
         [("甘某某", "省委常委", PARTY), ("甘某某", "副省长", GOV)]),
        ("省委常委、常务副省长鲁某一行到大厅调研，省政府副秘书长崔某陪同。",
         [("鲁某", "省委常委", PARTY), ("鲁某", "常务副省长", GOV), ("崔某", "副秘书长", GOV)]),
        ("省委副书记、省长滕某某出席会议",
         [("滕某某", "省委副书记", PARTY), ("滕某某", "省长", GOV)]),
        ("省委常委、秘书长屈某出席", [("屈某", "省委常委、秘书长", PARTY)]),
        ("省委副秘书长封某某陪同", [("封某某", "省委副秘书长", PARTY)]),
        ("省中心党委书记、主任韦某到大厅督导",
         [("韦某", "党委书记、主任", "四川省政府政务服务和公共资源交易服务中心")]),
    ],
)
def test_one_row_per_organization(text: str, rows: list) -> None:
    assert _officials(text) == rows


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("省生态环境厅一级巡视员甄某某到大厅值守", [("甄某某", "一级巡视员", "四川省生态环境厅")]),
        ("省审计厅二级巡视员晏某同志到大厅值守", [("晏某", "二级巡视员", "四川省审计厅")]),
        ("省统计局一级调研员巫马某一行到大厅调研", [("巫马某", "一级调研员", "四川省统计局")]),
        ("省民政厅党组成员、副厅长卜某某等到大厅调研", [("卜某某", "党组成员、副厅长", "四川省民政厅")]),
        ("省政府办公厅副主任（正厅级）闻人某某到大厅检查", [("闻人某某", "副主任", "四川省人民政府办公厅")]),
        ("省经济和信息化厅总经济师臧某到大厅值守", [("臧某", "总经济师", "四川省经济和信息化厅")]),
        ("省交通运输厅总工程师邵某某、省自然资源厅总规划师阮某到大厅值守",
         [("邵某某", "总工程师", "四川省交通运输厅"), ("阮某", "总规划师", "四川省自然资源厅")]),
        ("省政府副秘书长房某陪同", [("房某", "副秘书长", GOV)]),
        ("省中心政务服务管理处处长项某、副处长席某某参加", [("项某", "处长", "政务服务管理处"),
                                                   ("席某某", "副处长", "政务服务管理处")]),
        ("省卫生健康委一级巡视员欧阳某、二级巡视员司徒某某同志到大厅值守",
         [("欧阳某", "一级巡视员", "四川省卫生健康委员会"), ("司徒某某", "二级巡视员", "四川省卫生健康委员会")]),
        ("省水利厅厅长鲍某、苗某某同志参加", [("鲍某", "厅长", "四川省水利厅"), ("苗某某", "厅长", "四川省水利厅")]),
    ],
)
def test_titles_and_names(text: str, rows: list) -> None:
    assert _officials(text) == rows


@pytest.mark.parametrize("sep", ["，", "、"])
def test_a_title_that_does_not_fit_the_body_before_inherits_nothing(sep: str) -> None:
    # a 厅 has no 副主任: the second official is of another body, which the text does not name
    assert _officials(f"省商务厅副厅长雷某{sep}副主任邢某陪同") == [("雷某", "副厅长", "四川省商务厅"),
                                                          ("邢某", "副主任", None)]


CENTER = "四川省政府政务服务和公共资源交易服务中心"


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("省中心主任赵某丽，党组书记、副主任孙某强出席会议。",
         [("赵某丽", "主任", CENTER), ("孙某强", "党组书记、副主任", CENTER)]),
        ("省政务服务和公共资源交易服务中心党组书记、主任吕芙蓉，副主任周某军、何某平陪同调研。",
         [("吕芙蓉", "党组书记、主任", CENTER), ("周某军", "副主任", CENTER), ("何某平", "副主任", CENTER)]),
        # a title that names its own organization keeps it
        ("省委书记王某晖，副省长黄某强出席。", [("王某晖", "省委书记", PARTY), ("黄某强", "副省长", GOV)]),
        # not adjacent (a verb phrase between): no inheritance
        ("省公安厅副厅长蒲某海到窗口值守，主任李某陪同。",
         [("蒲某海", "副厅长", "四川省公安厅"), ("李某", "主任", None)]),
    ],
)
def test_a_title_alone_after_a_comma_continues_the_list(text: str, rows: list) -> None:
    assert _officials(text) == rows


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # a body no gazetteer lists keeps its name as written
        ("本周，成都市政务服务管理和网络理政办公室主任谭某远一行到省中心交流。",
         [("谭某远", "主任", "成都市政务服务管理和网络理政办公室")]),
        ("绵阳市行政审批局局长王某、副局长张某出席。",
         [("王某", "局长", "绵阳市行政审批局"), ("张某", "副局长", "绵阳市行政审批局")]),
        # no body written right before the title: none
        ("省中心组织召开会议，副主任李某出席。", [("李某", "副主任", None)]),
        # 同志 between an official and the next title of the same body
        ("省中心党委书记、主任吕芙蓉同志，党委委员、副主任邬某川同志出席会议。",
         [("吕芙蓉", "党委书记、主任", CENTER), ("邬某川", "党委委员、副主任", CENTER)]),
    ],
)
def test_unlisted_bodies_and_lists_with_tongzhi(text: str, rows: list) -> None:
    assert _officials(text) == rows
