"""A figure's period_start/period_end from the range date row its scope cue stands on (一季度,
1—11月, 前三季度, 上半年, 2024年全年), from a range that opens its clause (12月份，…), or from an
as-of date (截至9月底, 截至2024年末); read in issues of different dates (mid-year, January's
first issue, late December)."""

from __future__ import annotations

from datetime import date as D
from typing import Any

import pytest
from figure_helpers import LATE_DEC, NEW_YEAR, Q1, periods

MID = {"year": 2025, "period_start": "2025-07-07", "period_end": "2025-07-11", "published": "2025-07-15"}
OCT = {"year": 2024, "period_start": "2024-10-14", "period_end": "2024-10-18", "published": "2024-10-22"}


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        # 1—11月 in January's first issue: the year just ended
        ("1—11月，全省累计受理政务服务事项3562.7万件，办结3548.1万件", NEW_YEAR,
         [(35627000, "ytd", D(2025, 1, 1), D(2025, 11, 30)), (35481000, "ytd", D(2025, 1, 1), D(2025, 11, 30))]),
        ("1—6月，综窗共接待咨询4.6万人次", MID, [(46000, "ytd", D(2025, 1, 1), D(2025, 6, 30))]),
        # 一季度 ends on 31 March, not on the issue's last day
        ("一季度，累计受理行政许可事项3.2万件", Q1, [(32000, "ytd", D(2025, 1, 1), D(2025, 3, 31))]),
        ("今年一季度，全省共办结八千六百件", MID, [(8600, "ytd", D(2025, 1, 1), D(2025, 3, 31))]),
        # 前三季度 and 上半年
        ("前三季度，综窗累计咨询8.6万人次、收件1.2万件", OCT,
         [(86000, "ytd", D(2024, 1, 1), D(2024, 9, 30)), (12000, "ytd", D(2024, 1, 1), D(2024, 9, 30))]),
        ("前三季度，省本级共受理12.4万件", LATE_DEC, [(124000, "ytd", D(2025, 1, 1), D(2025, 9, 30))]),
        ("上半年，全省政务服务事项受理120万件，办结率99.2%", MID,
         [(1200000, "ytd", D(2025, 1, 1), D(2025, 6, 30)), (99.2, "ytd", D(2025, 1, 1), D(2025, 6, 30))]),
        # a whole year named: that year, in any issue
        ("2024年全年，综窗累计受理2.13万件", MID, [(21300, "ytd", D(2024, 1, 1), D(2024, 12, 31))]),
        ("2024年全年，综窗累计受理2.13万件", NEW_YEAR, [(21300, "ytd", D(2024, 1, 1), D(2024, 12, 31))]),
        # 今年以来 stays 1 January .. the issue's as-of date
        ("今年以来，累计咨询49713人次", MID, [(49713, "ytd", D(2025, 1, 1), D(2025, 7, 11))]),
        ("今年以来，综窗累计受理317件", NEW_YEAR, [(317, "ytd", D(2026, 1, 1), D(2026, 1, 2))]),
    ],
)
def test_ytd_cue_on_a_range_takes_its_dates(text: str, ctx: dict[str, Any], expected: list) -> None:
    assert periods(text, ctx) == expected


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        # a period that does not start on 1 January bounds the figures after it (a total over it)
        ("四季度，综窗累计办结2100件", NEW_YEAR, [(2100, "other", D(2025, 10, 1), D(2025, 12, 31))]),
        ("12月份，综窗共受理1320件，办结1288件", LATE_DEC,
         [(1320, "other", D(2025, 12, 1), D(2025, 12, 31)), (1288, "other", D(2025, 12, 1), D(2025, 12, 31))]),
        ("12月份，综窗共受理1320件", NEW_YEAR, [(1320, "other", D(2025, 12, 1), D(2025, 12, 31))]),
        ("6月份，全省新增经营主体2.3万户", MID, [(23000, "change", D(2025, 6, 1), D(2025, 6, 30))]),
        ("7月上旬，省中心开展窗口培训3场", MID, [(3, "other", D(2025, 7, 1), D(2025, 7, 10))]),
        ("3—5月，综窗累计收件5210件", MID, [(5210, "other", D(2025, 3, 1), D(2025, 5, 31))]),
        # a week word between the range and the figure: the week holds
        ("12月份，省中心持续优化服务，本周受理286件", LATE_DEC, [(286, "week", D(2025, 12, 22), D(2025, 12, 26))]),
        # a semicolon starts a clause the range does not reach
        ("12月份工作已部署；综窗受理286件", LATE_DEC, [(286, "other", None, None)]),
    ],
)
def test_range_opening_the_clause_bounds_the_figure(text: str, ctx: dict[str, Any], expected: list) -> None:
    assert periods(text, ctx) == expected


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        ("截至9月底，全省共有经营主体912万户", OCT, [(9120000, "cumulative", None, D(2024, 9, 30))]),
        # an as-of date is past: in January's first issue 截至9月底 is last year's
        ("截至9月底，全省共有经营主体912万户", NEW_YEAR, [(9120000, "cumulative", None, D(2025, 9, 30))]),
        ("截至11月末，累计发放电子营业执照320万张", NEW_YEAR, [(3200000, "cumulative", None, D(2025, 11, 30))]),
        ("截至2024年末，全省实有经营主体九百一十二万户", MID, [(9120000, "cumulative", None, D(2024, 12, 31))]),
        ("截止2024年底，全省实有经营主体912万户", NEW_YEAR, [(9120000, "cumulative", None, D(2024, 12, 31))]),
        ("截至去年末，累计注册用户5130万户", Q1, [(51300000, "cumulative", None, D(2024, 12, 31))]),
        ("截至3月底，今年综窗累计受理4852件", Q1, [(4852, "ytd", D(2025, 1, 1), D(2025, 3, 31))]),
    ],
)
def test_asof_ends_the_period(text: str, ctx: dict[str, Any], expected: list) -> None:
    assert periods(text, ctx) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 累计 alone: a running total with no year bound, up to the issue's last day
        ("累计上线“川渝通办”事项三百二十项", [(320, "cumulative", None, D(2025, 7, 11))]),
        ("本周发放电子证照410张，累计发放5.6万张",
         [(410, "week", D(2025, 7, 7), D(2025, 7, 11)), (56000, "cumulative", None, D(2025, 7, 11))]),
        ("新增互认电子证照12类，累计达到140类", [(12, "change", D(2025, 7, 7), D(2025, 7, 11)),
                                              (140, "cumulative", None, D(2025, 7, 11))]),
        # a year-to-date cue before it in the sentence, or opening its paragraph: ytd
        ("今年以来，累计上线320项", [(320, "ytd", D(2025, 1, 1), D(2025, 7, 11))]),
        ("1—6月，综窗累计收件9120件", [(9120, "ytd", D(2025, 1, 1), D(2025, 6, 30))]),
        ("今年以来，综窗运行平稳。累计受理办件2.1万件",
         [(21000, "ytd", D(2025, 1, 1), D(2025, 7, 11))]),
        # …but not one in another paragraph
        ("今年以来，综窗运行平稳。\n累计受理办件2.1万件", [(21000, "cumulative", None, D(2025, 7, 11))]),
        # an as-of cue keeps it cumulative
        ("截至目前，累计完成办理项1203个", [(1203, "cumulative", None, D(2025, 7, 11))]),
    ],
)
def test_running_total_scope(text: str, expected: list) -> None:
    assert periods(text, MID) == expected


def test_ytd_in_a_years_last_issue_running_into_january() -> None:
    last = {"year": 2024, "period_start": "2024-12-30", "period_end": "2025-01-03", "published": "2025-01-07"}
    assert periods("本周受理296件（全年累计1.96万件）", last) == [
        (296, "week", D(2024, 12, 30), D(2025, 1, 3)), (19600, "ytd", D(2024, 1, 1), D(2024, 12, 31))]
    # the first issue of the new year keeps its own year
    assert periods("今年以来，综窗累计受理317件", NEW_YEAR) == [(317, "ytd", D(2026, 1, 1), D(2026, 1, 2))]
