"""统计公报 and plan/work reports of other provinces (blind round g1): the shapes of their sentences
the tool read wrongly, in sentences written for these tests (not taken from any document).

Departments: a body's short form gives its full official name for any place (市卫生健康委 ->
…市卫生健康委员会, 市政协 -> 中国人民政治协商会议…市委员会, 县人社局 -> …县人力资源和社会保障局), a
congress's session is no part of its name (第十七届人民代表大会, 省十三届人大), 人大 alone is the
congress, and a provincial government named on its own is a department (not when it heads a post).
Figures: like-for-like growth (同口径增长), an estimate (预计完成), a net change (净增), a target
list's dashes (——地区生产总值增长7%左右), a total after its increment (总数达到), a plan's table
with a column of units.
"""

from __future__ import annotations

from typing import Any

import pytest
from figure_helpers import figures

from reportparse.pipeline import analyse, text_to_clean
from reportparse.rulebook import load_rules

RULES = load_rules()


def _departments(text: str) -> set[tuple[str, str]]:
    _, tables, _ = analyse(text_to_clean(text), RULES, "t")
    return {(r["mention"], r["canonical"]) for r in tables["departments"]}


_CITY = "宜昌市2023年国民经济和社会发展统计公报\n\n宜昌市统计局\n\n一、综合\n\n{}\n"
_COUNTY = "2021年桐庐县国民经济和社会发展统计公报\n\n桐庐县统计局\n\n一、综合\n\n{}\n"
_REPORT = "政府工作报告\n\n——2025年1月7日在合肥市第十七届人民代表大会第五次会议上\n\n{}\n"
_PLAN = ("关于福建省2019年国民经济和社会发展计划执行情况与2020年计划草案的报告\n\n"
         "——2020年1月13日在福建省第十三届人民代表大会第三次会议上\n\n福建省发展和改革委员会\n\n{}\n")


@pytest.mark.parametrize(
    ("doc", "sentence", "found"),
    [
        # a short form of a 委 gives the full 委员会
        (_CITY, "卫生数据来自市卫生健康委，环境数据来自市生态环境局。", ("市卫生健康委", "宜昌市卫生健康委员会")),
        (_CITY, "价格数据来自市发展改革委。", ("市发展改革委", "宜昌市发展和改革委员会")),
        # a source line: the body starts after 来自 (not at the 市 of 市场主体)
        (_CITY, "市场主体数据来自市市场监管局。", ("市市场监管局", "宜昌市市场监督管理局")),
        # a 厅's short form stands for a county's 局
        (_COUNTY, "社会保障数据来自县人社局。", ("县人社局", "桐庐县人力资源和社会保障局")),
        # the CPPCC and the party's discipline commission, the place inside their full names
        (_REPORT, "请市政协各位委员提出意见。", ("市政协", "中国人民政治协商会议合肥市委员会")),
        (_CITY, "市纪委开展专项检查。", ("市纪委", "中共宜昌市纪律检查委员会")),
        # a congress of a session is the congress; 人大 alone is one too
        (_REPORT, "各位代表！", ("合肥市第十七届人民代表大会", "合肥市人民代表大会")),
        (_REPORT, "在市人大及其常委会的监督支持下，奋力前行。", ("市人大", "合肥市人民代表大会")),
        (_PLAN, "提请省十三届人大三次会议审议。", ("省十三届人大", "福建省人民代表大会")),
        # the province's government named on its own
        (_PLAN, "受省人民政府委托，现将计划草案提请审议。", ("省人民政府", "福建省人民政府")),
        (_PLAN, "在省委、省政府的坚强领导下，主要目标任务较好完成。", ("省政府", "福建省人民政府")),
    ],
)
def test_bodies_of_other_places_get_full_names(doc: str, sentence: str, found: tuple[str, str]) -> None:
    assert found in _departments(doc.format(sentence))


@pytest.mark.parametrize(
    ("doc", "sentence", "not_mention"),
    [
        (_PLAN, "省人民政府副秘书长张三出席会议。", "省人民政府"),  # the post's organization
        (_REPORT, "市人大代表视察了项目。", "市人大"),  # a deputy, no body
    ],
)
def test_no_body(doc: str, sentence: str, not_mention: str) -> None:
    assert not_mention not in {m for m, _ in _departments(doc.format(sentence))}


def _fig(text: str, value: float) -> dict[str, Any]:
    rows = [f for f in figures(text, {"year": 2019}) if abs(f["value"] - value) < 1e-6]
    assert rows, (text, value, [(f["metric"], f["value"]) for f in figures(text, {"year": 2019})])
    return rows[0]


@pytest.mark.parametrize(
    ("text", "value", "metric_or_subject", "scope"),
    [
        # like-for-like growth: the change of the level before it
        ("地方一般公共预算收入3052.9亿元，同口径增长7.1%。", 7.1, "地方一般公共预算收入", "change"),
        ("税收收入86.4亿元，可比口径增长5.2%。", 5.2, "税收收入", "change"),
        # an estimate of the year: 预计 links the indicator and its value
        ("全省地区生产总值预计完成42326.6亿元，增长7.6%。", 42326.6e8, "地区生产总值", "other"),
        ("一般公共预算总收入预计5052.6亿元。", 5052.6e8, "一般公共预算总收入", "other"),
        # a net change of a count
        ("高新技术企业达到6460家，比上年净增1533家。", 1533, "高新技术企业", "change"),
        # a target list written with dashes
        ("主要预期目标为：——地区生产总值增长7%左右；——固定资产投资增长6%左右。", 7, "地区生产总值", "change"),
        ("主要预期目标为：——地区生产总值增长7%左右；——固定资产投资增长6%左右。", 6, "固定资产投资", "change"),
        # a clause of only a linking verb: what reached the value opens the clause before
        ("全省森林覆盖率继续保持全国首位，达到66.8%。", 66.8, "森林覆盖率", "other"),
        ("常住人口城镇化率进一步提高，达到61.4%。", 61.4, "常住人口城镇化率", "other"),
        # a share whose own clause names what it is the share of
        ("一般公共预算收入完成318.6亿元，同比增长6.2%，其中税收收入占比达到72.4%。", 72.4, "税收收入", "other"),
        ("税收收入8.9亿元，占比72.1%。", 72.1, "税收收入", "other"),
        # a level passing a round mark: 突破 links, the bound says it
        ("全市经济总量突破5000亿元，达到5126.3亿元，增长6.2%。", 5000e8, "经济总量", "other"),
        ("全市经济总量突破5000亿元，达到5126.3亿元，增长6.2%。", 6.2, "经济总量", "change"),
        # a measure named by a verb and its noun keeps the common nouns before it (城镇 is no place)
        ("全年城镇新增就业6.12万人，城镇登记失业率2.31%。", 2.31, "城镇登记失业率", "ytd"),
        ("按经营地分，城镇消费品零售额1812.40亿元，增长8.5%。", 1812.40e8, "城镇消费品零售额", "other"),
        ("按经营地分，城镇消费品零售额1812.40亿元，增长8.5%。", 8.5, "城镇消费品零售额", "change"),
        # a total written after its increment
        ("新增经营主体28.6万户，总数达到213.4万户。", 2134000, "经营主体", "other"),
    ],
)
def test_report_clauses(text: str, value: float, metric_or_subject: str, scope: str) -> None:
    row = _fig(text, value)
    assert metric_or_subject in f'{row["metric"]}|{row["subject"]}', row
    assert not (row["subject"] or "").startswith("—"), row
    assert row["scope"] == scope, row


_TABLE = ("附表：2020年国民经济和社会发展主要指标\n指标名称  单位  2019年预计  2020年目标\n"
          "地区生产总值增长  %  7.6  7左右\n城镇新增就业  万人  63.2  45\n城镇登记失业率  %  3.5以内  4以内\n")


@pytest.mark.parametrize(
    ("value", "unit", "metric", "subject", "change"),
    [
        (7.6, "%", "地区生产总值增长", "2019年预计", True),
        (7, "%", "地区生产总值增长", "2020年目标", True),  # a cell with its bound (左右)
        (632000, "人", "城镇新增就业", "2019年预计", None),  # the row's unit (万人) for every cell
        (450000, "人", "城镇新增就业", "2020年目标", None),
        (4, "%", "城镇登记失业率", "2020年目标", False),
    ],
)
def test_plan_table_with_a_unit_column(value: float, unit: str, metric: str, subject: str,
                                       change: bool | None) -> None:
    rows = [f for f in figures(_TABLE, {"year": 2019}) if f["metric"] == metric and f["subject"] == subject]
    assert rows and abs(rows[0]["value"] - value) < 1e-6 and rows[0]["unit"] == unit, rows
    if change is not None:
        assert (rows[0]["scope"] == "change") == change, rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ordinals sharing one noun before 分别: each value is of its own
        ("第一、二、三产业增加值分别增长3.9%、5.2%和6.3%。",
         [("第一产业增加值", 3.9), ("第二产业增加值", 5.2), ("第三产业增加值", 6.3)]),
        ("第二、三产业投资分别增长11.5%和16.3%。", [("第二产业投资", 11.5), ("第三产业投资", 16.3)]),
        # parallel words of one length, the last running on into the noun they share
        ("城镇、农村居民人均可支配收入分别达到48620元和23150元，分别增长5.6%和7.2%。",
         [("城镇居民人均可支配收入", 48620), ("农村居民人均可支配收入", 23150),
          ("城镇居民人均可支配收入", 5.6), ("农村居民人均可支配收入", 7.2)]),
        ("出口、进口总额分别增长10.1%和3.2%。", [("出口总额", 10.1), ("进口总额", 3.2)]),
        ("第一、二、三产业对经济增长的贡献率分别为4.8%、50.2%和45.0%。",
         [("第一产业对经济增长的贡献率", 4.8), ("第二产业对经济增长的贡献率", 50.2),
          ("第三产业对经济增长的贡献率", 45.0)]),
    ],
)
def test_ordinals_listed_before_each(text: str, expected: list[tuple[str, float]]) -> None:
    got = [(f["subject"] if f["scope"] == "change" else f["metric"], f["value"]) for f in figures(text, {"year": 2019})]
    assert got == expected


def test_listed_bodies_are_no_shared_noun() -> None:
    # 省公安厅、省民政厅窗口: two bodies' windows, no words sharing 窗口
    got = [(f["metric"], f["value"]) for f in figures("省公安厅、省民政厅窗口分别受理120件和80件。", {"year": 2023})]
    assert got == [("受理", 120), ("受理", 80)]


def test_total_heads() -> None:
    # a bare 总数 after its increment counts the same; 电信业务总量 is a noun of its own
    rows = figures("全年完成邮电业务总量1286.5亿元，其中电信业务总量1012.3亿元。", {"year": 2023})
    assert [(f["metric"], f["subject"]) for f in rows] == [("邮电业务总量", None), ("电信业务总量", None)]
    assert [f["bound"] for f in figures("全市经济总量突破5000亿元。", {"year": 2023})] == ["gt"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parts after 其中 are of the level the sentence before opens with, not of its change
        ("年末全区常住人口2401.17万人，比上年末减少4.83万人。其中，城镇人口1647.6万人，乡村人口753.6万人。",
         [("年末全区常住人口", "other"), ("减少", "change"), ("城镇人口", "other"), ("乡村人口", "other")]),
        # a sentence that opens with its change passes it on to its parts
        ("本周新增进驻事项12项。其中，省公安厅5项。", [("进驻事项", "change"), (None, "change")]),
    ],
)
def test_scope_after_qizhong(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert [(f["metric"], f["scope"]) for f in figures(text, {"year": 2022})] == expected


def test_place_is_no_part_of_a_measure() -> None:
    assert [f["metric"] for f in figures("郑州市登记失业率2.1%。", {"year": 2023})] == ["登记失业率"]
