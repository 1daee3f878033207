"""Shapes of work reports and bulletins that old wording rules split wrongly: a count before a
list of counted nouns, a predicate after the counted noun, a size class inside a name, a date
glued to a metric, a from-to verb, a basis of several years. Sentences written for these tests."""

from __future__ import annotations

from functools import lru_cache

import pytest

from reportparse.pipeline import parse_text
from reportparse.rulebook import RuleSet, load_rules


@lru_cache(maxsize=1)
def _rules() -> RuleSet:
    return load_rules()


def _rows(text: str) -> dict[float, dict]:
    _, tables, _, _ = parse_text(text, _rules())
    return {float(r["value"]): r for r in tables["figures"]}


# (text, value, metric, subject): the row of that value
SHAPES = [
    # a count before a list of counted nouns: each noun ends at the next item's number
    ("省财政安排资金新建和改造620所乡村卫生室、48所县级医院和17所妇幼保健机构。", 620, ..., "乡村卫生室"),
    ("省财政安排资金新建和改造620所乡村卫生室、48所县级医院和17所妇幼保健机构。", 48, ..., "县级医院"),
    ("省财政安排资金新建和改造620所乡村卫生室、48所县级医院和17所妇幼保健机构。", 17, ..., "妇幼保健机构"),
    # the counted noun ends where its predicate starts
    ("全年为3100个行政村配备了应急广播设备。", 3100, ..., "行政村"),
    ("全年为3100个行政村配备了应急广播设备，并为560多所城乡中小学配齐了校医。", 560, ..., "城乡中小学"),
    # a from-to change: the value it rose to is no figure of a verb 提高到
    ("全市科技投入从2019年的12.5亿元提高到2023年的31.2亿元。", 31.2e8, "科技投入", None),
    # a basis of several years: 比前五年 is the basis, not the subject
    ("五年累计投入农田水利建设资金820亿元，比前五年增长1.4倍。", 1.4, "增长", "投入农田水利建设资金"),
]


@pytest.mark.parametrize(("text", "value", "metric", "subject"), SHAPES)
def test_shape(text: str, value: float, metric: object, subject: str | None) -> None:
    """``...`` as metric: the row names the noun as the scorers of realdocs/gold read it (the noun
    inside metric|subject, or the metric a part of it), and holds no other item of the list."""
    row = _rows(text)[float(value)]
    got = (row["metric"], row["subject"])
    if metric is ...:
        joined = f"{row['metric'] or ''}|{row['subject'] or ''}"
        assert subject in joined or (row["metric"] and row["metric"] in subject), got
        assert not any(ch in "、和0123456789" for ch in joined), got
    else:
        assert got == (metric, subject)


def test_a_size_class_is_part_of_a_name() -> None:
    rows = _rows("开工建设百万吨级乙烯、千万吨级炼油等项目12个，建成万吨级以上泊位36个。")
    assert sorted(rows) == [12.0, 36.0]


def test_a_date_and_a_stray_character_is_no_metric() -> None:
    rows = _rows("2022年中、高等职业教育在校生分别达到230万人和86万人。")
    assert all(not str(r["metric"] or "").startswith("2022") for r in rows.values())


@pytest.mark.parametrize("text", [
    "全年一般公共预算收入356.2亿元，扣除留抵退税因素后增长6.1%，按自然口径计算增长1.2%。",
    "全年一般公共预算收入356.2亿元，按可比价格计算，比上年增长6.1%。",
])
def test_a_condition_of_the_measurement_is_no_subject(text: str) -> None:
    rows = _rows(text)
    change = rows[6.1]
    assert change["scope"] == "change" and "一般公共预算收入" in (change["subject"] or "") + (change["metric"] or "")


def test_a_compound_unit_is_read_whole() -> None:
    rows = _rows("全年旅客周转量535亿人公里，下降35.6%；货物周转量514.7亿吨公里，增长3.5%。")
    assert rows[535e8]["unit"] == "人公里" and rows[514.7e8]["unit"] == "吨公里"


@pytest.mark.parametrize(("text", "names"), [
    ("园林水果产量、茶叶产量分别增长1.9%和6.2%。", {1.9: "园林水果产量", 6.2: "茶叶产量"}),
    ("全年粮食、蔬菜和水果产量分别增长1.9%、2.2%和6.2%。", {1.9: "粮食", 2.2: "蔬菜", 6.2: "水果产量"}),
])
def test_names_listed_before_each_go_with_the_changes_in_order(text: str, names: dict[float, str]) -> None:
    rows = _rows(text)
    assert {v: rows[v]["subject"] for v in names} == names


def test_a_quoted_name_opening_a_long_metric_stays_whole() -> None:
    rows = _rows("“三公”经费财政拨款支出年初预算为12.5万元。")
    assert rows[125000.0]["metric"].startswith("“三公”")


def test_a_line_table_of_products_reads_every_unit_and_bracketed_name() -> None:
    text = ("表3 2023年主要工业产品产量\n产品名称 单位 产量 比上年增长(%)\n"
            "移动通信手持机(手机)万台412.6 8.3\n白酒万千升6.2 -3.1\n平板玻璃万重量箱915.0 2.4\n"
            "发电量亿千瓦小时188.5 5.0\n")
    rows = _rows(text)
    assert (rows[4126000.0]["metric"], rows[4126000.0]["unit"]) == ("移动通信手持机(手机)", "台")
    assert rows[62000.0]["unit"] == "千升" and rows[9150000.0]["unit"] == "重量箱"
    assert rows[18850000000.0]["unit"] == "千瓦小时"


@pytest.mark.parametrize(("text", "names"), [
    ("二氧化氮、二氧化硫年均浓度分别为24微克/立方米和7微克/立方米。", {24: "二氧化氮", 7: "二氧化硫年均浓度"}),
    ("全年城镇、农村居民人均可支配收入分别为45727元和19734元。", {45727: "城镇", 19734: "农村居民人均可支配收入"}),
])
def test_levels_after_each_go_with_the_names_listed_before_it(text: str, names: dict[float, str]) -> None:
    rows = _rows(text)
    assert {v: rows[v]["metric"] for v in names} == names


def test_a_bracketed_qualifier_stays_inside_a_long_metric() -> None:
    rows = _rows("全年细颗粒物（PM2.5）年均浓度为31微克/立方米，同比下降6.1%。")
    assert "（PM2.5）年均浓度" in (rows[31.0]["metric"] or "")
    assert "（PM2.5）年均浓度" in (rows[6.1]["subject"] or "")
