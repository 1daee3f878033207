"""Monthly and quarterly economy reports (经济运行情况, 财政收支情况, 居民消费价格 月度通报): the clause
shapes they write, each with sentences of its own (blind round h5)."""

from __future__ import annotations

import pytest
from figure_helpers import figure_tuples

from reportparse.quantities.rows import _listed_names

_figures = figure_tuples


# (text, [(metric, subject, value, unit, scope), ...]) for the rows that hold the values listed
ROWS = [
    # a rate noun with no indicator (增速比…回落/加快) is the rate of the indicator before it; the
    # basis may be a span of months written with a dash (1—5月)
    ("1—5月，全县规模以上工业增加值同比增长7.6%，增速比1—4月回落0.9个百分点。",
     [("回落", "规模以上工业增加值增速", 0.9, "个百分点", "change")]),
    ("全区固定资产投资同比增长3.2%，增幅比一季度放缓1.4个百分点。",
     [("放缓", "固定资产投资增幅", 1.4, "个百分点", "change")]),
    ("上半年全州社会消费品零售总额增长8.1%，增速比1-5月加快0.5个百分点。",
     [("加快", "社会消费品零售总额增速", 0.5, "个百分点", "change")]),
    # a contribution to a total (拉动/带动/影响…增长/下降 N个百分点) is of the indicator before it
    ("其中，汽车制造业增长18.2%，拉动全省规上工业增长2.3个百分点。",
     [("拉动全省规上工业增长", "汽车制造业", 2.3, "个百分点", "change")]),
    ("鲜菜价格同比上涨11.4%，影响居民消费价格总水平上涨约0.25个百分点。",
     [("影响居民消费价格总水平上涨", "鲜菜价格", 0.25, "个百分点", "change")]),
    # a name holding 、 before a single change (no 分别) is one name: the whole list
    ("其中，铁路、船舶、航空航天和其他运输设备制造业增长21.7%。",
     [("增长", "铁路、船舶、航空航天和其他运输设备制造业", 21.7, "%", "change")]),
    # names holding 和 themselves before 分别: split at 、 and the first 和 of the last name
    ("教育文化和娱乐类、衣着类和交通和通信类价格分别上涨1.3%、0.7%和2.9%。",
     [("上涨", "教育文化和娱乐类", 1.3, "%", "change"), ("上涨", "衣着类", 0.7, "%", "change"),
      ("上涨", "交通和通信类价格", 2.9, "%", "change")]),
    # two 分别 lists in one sentence: each pairs its own values (up to the next 分别 or ；)
    ("环比看，食品、衣着和居住类价格分别上涨0.9%、0.2%和0.1%；医疗保健类和教育文化和娱乐类价格分别下降0.3%和1.2%。",
     [("上涨", "食品", 0.9, "%", "change"), ("上涨", "衣着", 0.2, "%", "change"),
      ("下降", "医疗保健类", 0.3, "%", "change"), ("下降", "教育文化和娱乐类价格", 1.2, "%", "change")]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_economy_clauses_name_what_a_quantity_measures(text: str, expected: list[tuple]) -> None:
    got = _figures(text)
    for e in expected:
        assert e in got, f"{e} not in {got}"


@pytest.mark.parametrize(("clause", "n", "names"), [
    ("其他用品和服务类、居住类和医疗保健类价格", 3, ["其他用品和服务类", "居住类", "医疗保健类价格"]),
    ("粮食和油料", 2, ["粮食", "油料"]),
    ("出口、进口", 2, ["出口", "进口"]),
])
def test_listed_names_split_to_the_number_of_values(clause: str, n: int, names: list[str]) -> None:
    text = "，" + clause + "分别"
    assert _listed_names(text, len(text) - 2, n) == names


# a monthly table with a column of units and period columns (本月, 1—N月) and a change column in %:
# each cell takes its column; empty cells (—) before the written ones leave them the last columns
TABLE = """附表：主要经济指标

指标名称 单位 11月 1—11月 同比增长（%）
规模以上工业增加值 % — — 6.7
地方财政收入 亿元 8.35 97.62 3.9
外贸进出口总额 万美元 5621 60315 -4.2
"""


@pytest.mark.parametrize("row", [
    ("规模以上工业增加值", "同比增长", 6.7, "%", "change"),
    ("地方财政收入", "11月", 835000000, "元", None),
    ("地方财政收入", "1—11月", 9762000000, "元", None),
    ("地方财政收入", "同比增长", 3.9, "%", "change"),
    ("外贸进出口总额", "1—11月", 603150000, "美元", None),
    ("外贸进出口总额", "同比增长", -4.2, "%", "change"),
])
def test_a_monthly_table_reads_its_period_and_change_columns(row: tuple) -> None:
    got = _figures(TABLE)
    assert row in got, f"{row} not in {got}"


@pytest.mark.parametrize(("text", "row"), [
    # a change in % after the change of a rate in points is of the indicator again, not of its rate
    ("5月份，全省居民消费价格同比上涨1.6%，涨幅比上月扩大0.4个百分点；环比下降0.3%。",
     ("环比下降", "居民消费价格", 0.3, "%", "change")),
    # an aside in brackets before 分别 (销售额（营业额）) leaves the list's names as they are
    ("限额以上批发和零售业、住宿和餐饮业销售额（营业额）分别增长4.4%和9.1%。",
     ("增长", "住宿和餐饮业销售额", 9.1, "%", "change")),
    ("限额以上批发和零售业、住宿和餐饮业销售额（营业额）分别增长4.4%和9.1%。",
     ("增长", "限额以上批发和零售业", 4.4, "%", "change")),
])
def test_the_indicator_after_a_rate_and_an_aside(text: str, row: tuple) -> None:
    got = _figures(text)
    assert row in got, f"{row} not in {got}"
