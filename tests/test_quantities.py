"""Quantity-first figures (reportparse/quantities): the scanner, the clause grammar, line tables.

Tables of text -> expected values or rows; the sentences are written for these tests in the
styles of statistical bulletins, work reports, CDC weeklies and 年报, not copied from a document.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from reportparse.pipeline import parse_text
from reportparse.quantities import scan_quantities
from reportparse.rulebook import RuleSet, load_rules


@lru_cache(maxsize=1)
def _rules() -> RuleSet:
    return load_rules()


def _units() -> tuple[str, ...]:
    lists = _rules().lists
    return lists["units"] + lists["measure_units"]


SCAN = [
    ("地区生产总值4500.2亿元", [(450020000000, "元", False)]),
    ("自然增长率为-0.57‰", [(-0.57, "‰", False)]),
    ("约300余件", [(300, "件", True)]),
    ("好评率百分之九十五", [(95, "%", False)]),
    ("新增两万人次", [(20000, "人次", False)]),
    ("投资2800多亿元", [(280000000000, "元", True)]),
    ("3-5个", [(5, "个", False)]),
    ("一体化平台，安全第一", []),
    ("2023年9月8日", []),
    ("PM2.5浓度46微克/立方米", [(46, "微克/立方米", False)]),
    ("粮食产量1.2万亿斤", [(1200000000000, "斤", False)]),
]


@pytest.mark.parametrize(("text", "expected"), SCAN)
def test_scanner_finds_every_number_once_with_its_base_unit(text: str, expected: list[tuple]) -> None:
    got = [(q.value, q.unit, q.approx) for q in scan_quantities(text, _units())]
    got = [g for g in got if g[1] is not None or expected == []]
    assert [g for g in got if g[1]] == expected


# (text, [(metric, subject, value, unit, scope), ...]) for the rows that hold the values listed
ROWS = [
    # a level and its change: the change is of the level's indicator, with its basis
    ("全年全市地区生产总值4500.2亿元，比上年增长4.8%。",
     [("地区生产总值", None, 450020000000, "元", None), ("增长", "地区生产总值", 4.8, "%", "change")]),
    ("全年规模以上工业增加值比上年增长4.7%。", [("增长", "规模以上工业增加值", 4.7, "%", "change")]),
    ("居民消费价格比上年同期下降0.2%。", [("下降", "居民消费价格", 0.2, "%", "change")]),
    ("常住人口城镇化率为67.42%，比上年末提高0.94个百分点。",
     [("常住人口城镇化率", None, 67.42, "%", None), ("提高", "常住人口城镇化率", 0.94, "个百分点", "change")]),
    ("今年赤字率拟按2.6%安排，比去年预算低0.4个百分点。",
     [("赤字率", None, 2.6, "%", None), ("低", "赤字率", 0.4, "个百分点", "change")]),
    # count before the noun
    ("本周南方省份检测到164份流感病毒阳性标本。", [("检测", "流感病毒阳性标本", 164, "份", None)]),
    ("2025年第14-30周，北方省份共报告26起ILI暴发疫情。", [("报告", "ILI暴发疫情", 26, "起", None)]),
    # N为X
    ("其中26份为A(H1N1)pdm09，116份为A(H3N2)。",
     [("A(H1N1)pdm09", None, 26, "份", None), ("A(H3N2)", None, 116, "份", None)]),
    # linking frames and time spans are no part of a metric
    ("财政赤字率一直控制在3%以内。", [("财政赤字率", None, 3, "%", None)]),
    ("财政用于教育支出五年累计2.43万亿元。", [("财政用于教育支出", None, 2430000000000, "元", None)]),
    ("城镇居民人均可支配收入由2002年7703元增加到2007年13786元。",
     [("城镇居民人均可支配收入", None, 7703, "元", None), ("城镇居民人均可支配收入", None, 13786, "元", None)]),
    # a bracketed value compared with an earlier time is the same indicator
    ("南方省份哨点医院报告的ILI%为3.6%，低于前一周水平（3.8%）。",
     [("ILI%", None, 3.6, "%", None), ("ILI%", "前一周水平", 3.8, "%", None)]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_the_clause_grammar_names_what_a_quantity_measures(text: str, expected: list[tuple]) -> None:
    _, tables, _, _ = parse_text(text, _rules())
    got = [(r["metric"], r["subject"], r["value"], r["unit"], r["scope"] if r["scope"] == "change" else None)
           for r in tables["figures"]]
    for e in expected:
        assert e in got, f"{e} not in {got}"


def test_a_change_carries_its_basis_and_shares_the_indicator_of_its_level() -> None:
    _, tables, _, _ = parse_text("国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%。", _rules())
    rate = next(r for r in tables["figures"] if r["value"] == 7.1)
    level = next(r for r in tables["figures"] if r["value"] == 82700000000000)
    assert rate["scope"] == "change" and rate["basis"] == "年均"
    assert rate["indicator"] == level["indicator"] == "国内生产总值"


def test_targets_of_a_plan_are_rows_marked_target() -> None:
    _, tables, _, _ = parse_text("今年发展主要预期目标是：国内生产总值增长6.5%左右；城镇调查失业率5.5%以内。", _rules())
    rows = {r["value"]: r for r in tables["figures"]}
    assert rows[6.5]["target"] and rows[6.5]["subject"] == "国内生产总值" and rows[6.5]["scope"] == "change"
    _, tables, _, _ = parse_text("本周受理425件。", _rules())
    assert tables["figures"][0]["target"] is False


LINE_TABLE = """表3 2023年主要农产品产量
指标名称产量（万吨）比上年增长（%）
粮食133.77 -2.3
#夏粮16.38 -1.7
表5 主要工业产品产量
产品名称单位产量比上年增长（%）汽车万辆62.6 15.1电子计算机整机万台9735.8 30.8
信息内容本年收费金额（单位：万元）
行政事业性收费96171.6
"""


def test_tables_written_as_lines_give_a_figure_per_cell() -> None:
    _, tables, _, _ = parse_text(LINE_TABLE, _rules())
    got = {(r["metric"], r["value"], r["unit"], r["scope"]) for r in tables["figures"]}
    assert ("粮食", 1337700, "吨", "other") in got
    assert ("粮食", -2.3, "%", "change") in got
    assert ("夏粮", 163800, "吨", "other") in got
    assert ("汽车", 626000, "辆", "other") in got and ("汽车", 15.1, "%", "change") in got
    assert ("电子计算机整机", 97358000, "台", "other") in got
    assert ("行政事业性收费", 961716000, "元", "other") in got


NOT_FIGURES = [
    "为A/Victoria/4897/2022的类似株",
    "三次产业结构为3.9:39.0:57.1。",
    "邮政编码223001，联系电话0517-83606200。",
    "其中：0-15岁（含不满16周岁）人口",
    "ILI%低于前一周水平。",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_named_non_figures_give_no_row_and_leave_nothing_unexplained(text: str) -> None:
    fields, tables, _, _ = parse_text(text, _rules())
    assert tables["figures"] == []
    assert [c["text"] for c in tables["coverage"] if c["kind"] == "number"] == []


def test_figures_of_a_closed_year_cover_it_and_year_end_stocks_are_its_last_day() -> None:
    text = "全年全市地区生产总值4500.2亿元，比上年增长4.8%。年末常住人口707.9万人。"
    _, tables, _, _ = parse_text(text, _rules(), {"year": 2023, "published": "2024-04-30"})
    rows = {r["value"]: r for r in tables["figures"]}
    assert (str(rows[450020000000]["period_start"]), str(rows[450020000000]["period_end"])) == ("2023-01-01", "2023-12-31")
    assert str(rows[4.8]["period_start"]) == "2023-01-01"
    assert str(rows[7079000]["period_start"]) == str(rows[7079000]["period_end"]) == "2023-12-31"
    # a work report delivered in its own year leaves them open
    _, tables, _, _ = parse_text(text, _rules(), {"year": 2023, "published": "2023-03-05"})
    assert all(r["period_start"] is None for r in tables["figures"] if r["scope"] != "ytd")


def test_a_scope_word_is_no_subject_and_a_local_head_without_a_place_is_the_documents() -> None:
    _, tables, _, _ = parse_text("累计上线主题服务42个，本月新增6个。", _rules())
    new = next(r for r in tables["figures"] if r["value"] == 6)
    assert new["subject"] == "上线主题服务"
    text = "政务服务工作简报\n第12期\n郑州市政务服务和数据管理局办公室 2025年6月20日\n一、工作情况\n6月18日，副市长李明到市民之家调研。"
    _, tables, _, _ = parse_text(text, _rules())
    assert [(o["name"], o["organization"]) for o in tables["officials"]] == [("李明", "郑州市人民政府")]
