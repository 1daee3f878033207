"""Calendar periods (quarters, halves, 旬, month ends) and the year of a date written without one."""

from __future__ import annotations

from datetime import date as D
from typing import Any

import pytest
from figure_helpers import LATE_DEC, NEW_YEAR, Q1

from reportparse.normalize.dates import period_span, period_year, small_number
from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()


@pytest.mark.parametrize(
    ("kind", "year", "a", "b", "expected"),
    [
        ("quarter", 2025, 1, None, (D(2025, 1, 1), D(2025, 3, 31))),
        ("quarter", 2024, 4, None, (D(2024, 10, 1), D(2024, 12, 31))),
        ("quarter", 2024, 5, None, None),
        ("half", 2024, 1, None, (D(2024, 1, 1), D(2024, 6, 30))),
        ("half", 2024, 2, None, (D(2024, 7, 1), D(2024, 12, 31))),
        ("quarters_to", 2023, 3, None, (D(2023, 1, 1), D(2023, 9, 30))),
        ("decade", 2024, 2, 3, (D(2024, 2, 21), D(2024, 2, 29))),
        ("decade", 2023, 9, 2, (D(2023, 9, 11), D(2023, 9, 20))),
        ("decade", 2023, 9, 4, None),
        ("month_end", 2023, 2, None, (D(2023, 2, 28), D(2023, 2, 28))),
        ("month_range", 2023, 1, 9, (D(2023, 1, 1), D(2023, 9, 30))),
        ("month_range", 2023, 9, 1, None),
        ("year", 2025, None, None, (D(2025, 1, 1), D(2025, 12, 31))),
        ("year_end", 2024, None, None, (D(2024, 12, 31), D(2024, 12, 31))),
        ("quarter", 2025, None, None, None),
    ],
)
def test_period_span(kind: str, year: int, a: int | None, b: int | None, expected: Any) -> None:
    assert period_span(kind, year, a, b) == expected


@pytest.mark.parametrize(
    ("kind", "a", "b", "anchor", "year"),
    [
        ("quarter", 1, None, D(2025, 4, 3), 2025),
        ("quarter", 4, None, D(2026, 1, 2), 2025),  # the quarter just ended, in January's first issue
        ("quarter", 4, None, D(2025, 10, 10), 2025),
        ("half", 2, None, D(2025, 6, 20), 2025),  # a plan for the coming half stays in its year
        ("half", 1, None, D(2025, 12, 26), 2025),  # a year's summary in December
        ("quarters_to", 3, None, D(2025, 10, 10), 2025),
        ("month_range", 1, 11, D(2026, 1, 2), 2025),
        ("month_range", 1, 3, D(2025, 3, 28), 2025),
        ("decade", 12, 3, D(2026, 1, 2), 2025),
        ("decade", 1, 1, D(2025, 12, 26), 2026),  # 1月上旬 announced in late December
        ("month_end", 12, None, D(2026, 1, 9), 2025),
        ("month_end", 1, None, D(2025, 12, 29), 2026),
        ("month_end", 6, None, D(2025, 12, 29), 2025),
    ],
)
def test_period_year(kind: str, a: int, b: int | None, anchor: D, year: int) -> None:
    assert period_year(kind, anchor, a, b) == year


@pytest.mark.parametrize(("text", "n"), [("一", 1), ("四", 4), ("两", 2), ("3", 3), ("３", 3), ("五", None), (None, None)])
def test_small_number(text: str | None, n: int | None) -> None:
    assert small_number(text) == n


def _dates(text: str, ctx: dict[str, Any]) -> list[tuple[str, D, D, str]]:
    _, tables, _, _ = parse_text(text, RULES, ctx)
    return [(r["text"], r["start"], r["end"], r["kind"]) for r in tables["dates"]]


OCT = {"year": 2025, "period_start": "2025-10-13", "period_end": "2025-10-17", "published": "2025-10-21"}


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        ("一季度，省本级累计受理8152件", Q1, [("一季度", D(2025, 1, 1), D(2025, 3, 31), "range")]),
        ("今年一季度全省共受理", Q1, [("今年一季度", D(2025, 1, 1), D(2025, 3, 31), "range")]),
        ("第一季度累计办结7890件", Q1, [("第一季度", D(2025, 1, 1), D(2025, 3, 31), "range")]),
        ("上半年，全省政务服务事项受理", {"year": 2024, "period_end": "2024-07-05"},
         [("上半年", D(2024, 1, 1), D(2024, 6, 30), "range")]),
        ("前三季度，综窗累计咨询", {"year": 2023, "period_end": "2023-10-13"},
         [("前三季度", D(2023, 1, 1), D(2023, 9, 30), "range")]),
        ("四季度，综窗累计办结2100件", NEW_YEAR, [("四季度", D(2025, 10, 1), D(2025, 12, 31), "range")]),
        ("省中心召开第一季度窗口工作讲评会", Q1, []),
        ("印发《2025年上半年窗口考核办法》", Q1, []),
        # a quarter names a period wherever it stands: a comparison base, a heading, a plan, the
        # work a meeting is about, the period of an assessment
        ("办结4697件，比四季度减少3.2%", Q1, [("四季度", D(2024, 10, 1), D(2024, 12, 31), "range")]),
        ("与下半年相比，受理量增长", Q1, [("下半年", D(2024, 7, 1), D(2024, 12, 31), "range")]),
        ("网办率较第一季度提高2.4个百分点", OCT, [("第一季度", D(2025, 1, 1), D(2025, 3, 31), "range")]),
        ("同上半年相比，咨询量有所回落", OCT, [("上半年", D(2025, 1, 1), D(2025, 6, 30), "range")]),
        ("三、前三季度全省政务服务运行分析", OCT, [("前三季度", D(2025, 1, 1), D(2025, 9, 30), "range")]),
        ("（二）四季度重点工作", OCT, [("四季度", D(2025, 10, 1), D(2025, 12, 31), "range")]),
        ("四季度，力争完成剩余办理项编制", OCT, [("四季度", D(2025, 10, 1), D(2025, 12, 31), "range")]),
        ("省中心召开窗口作风建设暨四季度攻坚任务推进会", OCT,
         [("四季度", D(2025, 10, 1), D(2025, 12, 31), "range")]),
        ("会上通报了前三季度各窗口“好差评”情况", OCT, [("前三季度", D(2025, 1, 1), D(2025, 9, 30), "range")]),
        # a period in an evaluation's name or a title, or counted from the issue, is no date
        ("10月15日，省中心举行第三季度“红旗窗口”授牌暨讲评会", OCT, [("10月15日", D(2025, 10, 15), D(2025, 10, 15), "point")]),
        ("组织开展前三季度窗口工作评比", OCT, []),
        ("下发《关于开展2025年下半年窗口服务质量评估的通知》", OCT, []),
        ("受理量较上一季度增长", OCT, []),
    ],
)
def test_quarters_and_halves(text: str, ctx: dict[str, Any], expected: list) -> None:
    assert _dates(text, ctx) == expected


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        # weeks across a month end and a year end
        ("12月29日—1月2日，综窗共受理", NEW_YEAR, [(D(2025, 12, 29), D(2026, 1, 2))]),
        ("12月29日至1月2日", LATE_DEC, [(D(2025, 12, 29), D(2026, 1, 2))]),
        ("2025年12月29日至2026年1月2日", NEW_YEAR, [(D(2025, 12, 29), D(2026, 1, 2))]),
        ("7月29日—8月2日", {"year": 2024, "period_end": "2024-08-02"}, [(D(2024, 7, 29), D(2024, 8, 2))]),
        ("4月28日至5月2日", {"year": 2025}, [(D(2025, 4, 28), D(2025, 5, 2))]),
        # bare dates near the turn of the year
        ("9月8日，省中心印发", {"year": 2023, "period_end": "2023-09-08"}, [(D(2023, 9, 8), D(2023, 9, 8))]),
        ("12月31日，省中心召开", NEW_YEAR, [(D(2025, 12, 31), D(2025, 12, 31))]),
        ("1月6日，省中心将召开", LATE_DEC, [(D(2026, 1, 6), D(2026, 1, 6))]),
        ("6月5日上线以来", LATE_DEC, [(D(2025, 6, 5), D(2025, 6, 5))]),
        # months, their parts and ends
        ("截至3月底，全省累计受理", Q1, [(D(2025, 3, 31), D(2025, 3, 31))]),
        ("截至11月末，累计受理", NEW_YEAR, [(D(2025, 11, 30), D(2025, 11, 30))]),
        ("截至9月底，累计受理", NEW_YEAR, [(D(2025, 9, 30), D(2025, 9, 30))]),  # an as-of date is past
        ("截至12月底，预计累计受理", LATE_DEC, [(D(2025, 12, 31), D(2025, 12, 31))]),
        ("截至2024年末，全省实有", Q1, [(D(2024, 12, 31), D(2024, 12, 31))]),
        ("截止去年底，全省实有", NEW_YEAR, [(D(2025, 12, 31), D(2025, 12, 31))]),
        ("到2025年底全部完成", Q1, []),
        ("3月中旬，省中心开展", Q1, [(D(2025, 3, 11), D(2025, 3, 20))]),
        ("12月下旬，综窗开展", NEW_YEAR, [(D(2025, 12, 21), D(2025, 12, 31))]),
        ("本月，综窗共受理", {"year": 2024, "period_start": "2024-07-22", "period_end": "2024-07-26"},
         [(D(2024, 7, 1), D(2024, 7, 31))]),
        ("上周，综窗共受理", Q1, [(D(2025, 3, 24), D(2025, 3, 30))]),
        ("上周，综窗共受理", NEW_YEAR, [(D(2025, 12, 22), D(2025, 12, 28))]),
        ("1—11月，全省累计受理", NEW_YEAR, [(D(2025, 1, 1), D(2025, 11, 30))]),
        ("1月至3月，全省累计受理", Q1, [(D(2025, 1, 1), D(2025, 3, 31))]),
        ("2月份，综窗共受理", Q1, [(D(2025, 2, 1), D(2025, 2, 28))]),
    ],
)
def test_spans(text: str, ctx: dict[str, Any], expected: list) -> None:
    assert [(s, e) for _, s, e, _ in _dates(text, ctx)] == expected


@pytest.mark.parametrize(
    ("text", "ctx", "period"),
    [
        # a comparison base is a date row, not the period of the change after it
        ("三季度，综窗办结6120件，较二季度增长4.6%", OCT, (D(2025, 7, 1), D(2025, 9, 30))),
        ("下半年累计受理2.3万件，比上半年增加1800件", LATE_DEC, (D(2025, 7, 1), D(2025, 12, 31))),
        ("10月份受理1950件，与9月份相比增长3.3%", OCT, (D(2025, 10, 1), D(2025, 10, 31))),
    ],
)
def test_comparison_base_is_not_the_change_period(text: str, ctx: dict[str, Any], period: tuple[D, D]) -> None:
    _, tables, _, _ = parse_text(text, RULES, ctx)
    changes = [f for f in tables["figures"] if f["scope"] == "change"]
    assert [(f["period_start"], f["period_end"]) for f in changes] == [period]


SEP = {"year": 2024, "period_start": "2024-09-23", "period_end": "2024-09-29", "published": "2024-10-08"}


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        # a year written, this year, last year
        ("2024年第四季度，省中心将新增集成服务", SEP, [("2024年第四季度", D(2024, 10, 1), D(2024, 12, 31))]),
        ("今年三季度综窗办结5120件", SEP, [("今年三季度", D(2024, 7, 1), D(2024, 9, 30))]),
        ("办结量较去年四季度增长9.1%", SEP, [("去年四季度", D(2023, 10, 1), D(2023, 12, 31))]),
        ("上年第二季度全省共办结", SEP, [("上年第二季度", D(2023, 4, 1), D(2023, 6, 30))]),
        # lists and ranges of quarters
        ("预计三、四季度办件量持续增长", SEP, [("三、四季度", D(2024, 7, 1), D(2024, 12, 31))]),
        ("今年第一、二季度累计受理9860件", SEP, [("今年第一、二季度", D(2024, 1, 1), D(2024, 6, 30))]),
        ("全省一、二、三季度累计受理", SEP, [("一、二、三季度", D(2024, 1, 1), D(2024, 9, 30))]),
        ("二季度和三季度，综窗受理量稳定", SEP, [("二季度", D(2024, 4, 1), D(2024, 6, 30)),
                                            ("三季度", D(2024, 7, 1), D(2024, 9, 30))]),
        ("受理量在第二、四季度较为集中", SEP, [("第二、四季度", D(2024, 4, 1), D(2024, 6, 30)),
                                           ("第二、四季度", D(2024, 10, 1), D(2024, 12, 31))]),
        ("一二季度受理量相对平稳", SEP, [("一二季度", D(2024, 1, 1), D(2024, 6, 30))]),
        ("第二至第四季度，分三批推出", Q1, [("第二至第四季度", D(2025, 4, 1), D(2025, 12, 31))]),
        ("全年来看，三、四季度办件量明显高于上半年", NEW_YEAR,
         [("三、四季度", D(2025, 7, 1), D(2025, 12, 31)), ("上半年", D(2025, 1, 1), D(2025, 6, 30))]),
        ("三、四季度重点工作", SEP, [("四季度", D(2024, 10, 1), D(2024, 12, 31))]),  # 三、 is a heading number
    ],
)
def test_quarter_years_and_lists(text: str, ctx: dict[str, Any], expected: list) -> None:
    assert [(t, s, e) for t, s, e, _ in _dates(text, ctx)] == expected


def test_asof_month_end_ends_a_ytd_period() -> None:
    _, tables, _, _ = parse_text("截至3月底，今年综窗累计受理4852件", RULES, Q1)
    figs = tables["figures"]
    assert [(f["value"], f["scope"], f["period_end"]) for f in figs] == [(4852, "ytd", D(2025, 3, 31))]


@pytest.mark.parametrize(
    ("text", "n"),
    [("二〇二三", 2023), ("二零二六", 2026), ("十", 10), ("十二", 12), ("二十六", 26), ("三十一", 31), ("九", 9),
     ("123", None), ("十十", None), ("", None)],
)
def test_cn_date_part(text: str, n: int | None) -> None:
    from reportparse.normalize.dates import cn_date_part

    assert cn_date_part(text) == n


def test_period_at_finds_the_range_row_over_a_span() -> None:
    from reportparse.entities.context import DocContext

    _, _, _, clean = parse_text("1—11月，全省累计受理", RULES, NEW_YEAR)
    ctx = DocContext("x", clean, [], [], RULES)
    ctx.periods.append((0, 5, D(2025, 1, 1), D(2025, 11, 30)))
    assert ctx.period_at(0, 5) == (D(2025, 1, 1), D(2025, 11, 30))
    assert ctx.period_at(3, 8) == (D(2025, 1, 1), D(2025, 11, 30))
    assert ctx.period_at(6, 9) is None


@pytest.mark.parametrize(("text", "context", "span"), [
    ("前8个月，全市规模以上工业增加值1234.5亿元。", {"year": 2024, "published": "2024-09-20"}, ("2024-01-01", "2024-08-31")),
    ("2023年前十一个月累计办结1.2万件。", {}, ("2023-01-01", "2023-11-30")),
    ("前两个月，全省累计受理3.4万件。", {"year": 2024, "published": "2024-03-08"}, ("2024-01-01", "2024-02-29")),
])
def test_first_months_of_a_year_are_a_period(text: str, context: dict, span: tuple[str, str]) -> None:
    from reportparse.pipeline import parse_text
    from reportparse.rulebook import load_rules

    _, tables, _, _ = parse_text(text, load_rules(), context)
    fig = tables["figures"][0]
    assert (str(fig["period_start"]), str(fig["period_end"]), fig["scope"]) == (*span, "ytd")
