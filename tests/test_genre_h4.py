"""Sectoral statistical bulletins (生态环境状况公报, 卫生健康事业发展统计公报, 人力资源和社会保障事业发展
统计公报): the units, clause shapes and body names they write, each with sentences of its own (blind
round h4)."""

from __future__ import annotations

from functools import lru_cache

import pytest
from figure_helpers import figure_tuples

from reportparse.pipeline import analyse, text_to_clean
from reportparse.quantities.scan import scan_quantities
from reportparse.rulebook import RuleSet, load_rules


@lru_cache(maxsize=1)
def _rules() -> RuleSet:
    return load_rules()


_figures = figure_tuples


# (text, [(metric, subject, value, unit, scope), ...]) for the rows that hold the values listed
ROWS = [
    # sound levels are in 分贝, not 分
    ("区域声环境昼间平均等效声级为54.1分贝。", [("区域声环境昼间平均等效声级", None, 54.1, "分贝", None)]),
    ("交通干线两侧噪声平均值为66.9分贝，同比下降0.4分贝。",
     [("同比下降", "交通干线两侧噪声平均值", 0.4, "分贝", "change")]),
    # a change of a rate per thousand or per 100,000 is in 个千分点 / 个十万分点
    ("全县婴儿死亡率为3.98‰，比上年下降0.42个千分点。", [("下降", "婴儿死亡率", 0.42, "个千分点", "change")]),
    ("孕产妇死亡率为9.87/10万，比上年下降1.2个十万分点。", [("下降", "孕产妇死亡率", 1.2, "个十万分点", "change")]),
    # 削减 and 缩短 are changes of what the clause names, also over a list before 分别
    ("二氧化硫、氮氧化物排放量分别比上年削减3.1%、4.6%。",
     [("削减", "二氧化硫", 3.1, "%", "change"), ("削减", "氮氧化物排放量", 4.6, "%", "change")]),
    ("全县公立医院出院者平均住院日为8.7日，比上年缩短0.3日。",
     [("公立医院出院者平均住院日", None, 8.7, "日", None), ("缩短", "公立医院出院者平均住院日", 0.3, "日", "change")]),
    # a bracketed abbreviation after a name is no part of its length: the whole name stays
    ("可吸入颗粒物（PM10）平均浓度为61微克/立方米。", [("可吸入颗粒物（PM10）平均浓度", None, 61, "微克/立方米", None)]),
    ("细颗粒物（PM2.5）年平均浓度为29.4微克/立方米，同比下降6.1%。",
     [("细颗粒物（PM2.5）年平均浓度", None, 29.4, "微克/立方米", None),
      ("同比下降", "细颗粒物（PM2.5）年平均浓度", 6.1, "%", "change")]),
    # the statistic a concentration is of (日最大8小时平均, 第90百分位) is part of its name and counts nothing
    ("臭氧（O3）日最大8小时平均第90百分位浓度为146微克/立方米，同比上升3.5%。",
     [("臭氧（O3）日最大8小时平均第90百分位浓度", None, 146, "微克/立方米", None),
      ("同比上升", "臭氧（O3）日最大8小时平均第90百分位浓度", 3.5, "%", "change")]),
    ("一氧化碳日均值第95百分位浓度为0.9毫克/立方米。", [("一氧化碳日均值第95百分位浓度", None, 0.9, "毫克/立方米", None)]),
    # 注册护士 is a kind of staff, not nurses registered
    ("全区卫生技术人员3120人，其中执业（助理）医师1208人，注册护士1377人。", [("注册护士", None, 1377, "人", None)]),
    # a standard raised or set to a level per person or month: the level of what the clause names
    ("城乡居民基本养老保险基础养老金提高到每人每月255元。",
     [("城乡居民基本养老保险基础养老金", None, 255, "元", None)]),
    ("全市最低工资标准调整为每月2280元。", [("最低工资标准", None, 2280, "元", None)]),
    ("农村低保标准为每人每年7200元。", [("农村低保标准", None, 7200, "元", None)]),
    # 由A增加到B: B is the new level of the same indicator, no change
    ("每千人口执业（助理）医师数由2020年的2.81人增加到3.05人。",
     [("每千人口执业（助理）医师数", None, 2.81, "人", None), ("每千人口执业（助理）医师数", None, 3.05, "人", None)]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_sectoral_bulletin_clauses_name_what_a_quantity_measures(text: str, expected: list[tuple]) -> None:
    got = _figures(text)
    for e in expected:
        assert e in got, f"{e} not in {got}"


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("平均住院日为9.3日", 9.3, "日"),
    ("平均住院日为10.25日", 10.25, "日"),
])
def test_a_decimal_before_ri_is_a_number_of_days(text: str, value: float, unit: str) -> None:
    qs = [q for q in scan_quantities(text, _rules().lists.get("units", ())) if q.value == value]
    assert qs and qs[0].unit == unit and text[qs[0].start:qs[0].end].endswith(unit)


def test_the_numbers_of_a_statistic_are_no_figures() -> None:
    got = _figures("臭氧日最大8小时滑动平均值第90百分位数浓度为152微克/立方米。")
    assert [v for _, _, v, _, _ in got] == [152], got


def test_a_day_of_the_month_stays_a_date() -> None:
    assert not any(q.unit == "日" for q in scan_quantities("截至3月8日，共办结12件。", _rules().lists.get("units", ())))


def _depts(title: str, text: str) -> list[tuple[str, str]]:
    _, tables, _ = analyse(text_to_clean(title + "\n\n" + text), _rules(), "t")
    return [(r["mention"], r["canonical"]) for r in tables["departments"]]


@pytest.mark.parametrize(("title", "text", "row"), [
    # a labour dispute arbitration court of the document's own county or city
    ("桐乡市2023年人力资源和社会保障事业发展统计公报", "市劳动人事争议仲裁院全年立案受理案件512件。",
     ("市劳动人事争议仲裁院", "桐乡市劳动人事争议仲裁院")),
    ("长兴县2022年人力资源和社会保障事业发展统计公报", "长兴县劳动人事争议仲裁院结案率为96.2%。",
     ("长兴县劳动人事争议仲裁院", "长兴县劳动人事争议仲裁院")),
])
def test_an_arbitration_court_is_a_body(title: str, text: str, row: tuple[str, str]) -> None:
    assert row in _depts(title, text)
