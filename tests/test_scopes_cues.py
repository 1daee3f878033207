"""Scope cues that name a period: YYYY年以来 (since 1 January of that year), 今年N月 (that month,
not the year to date), and a month range across years (2023年1月至2024年6月), which is neither a
deadline (claim.target) nor a running total."""

from __future__ import annotations

from datetime import date as D
from typing import Any

import pytest
from figure_helpers import periods

MID = {"year": 2024, "period_start": "2024-07-08", "period_end": "2024-07-12", "published": "2024-07-16"}
DEC = {"year": 2023, "period_start": "2023-12-11", "period_end": "2023-12-15", "published": "2023-12-20"}


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        # the issue's own year + 以来, with a list number glued to it
        ("2.2023年以来，综窗累计受理13,110件、办结1.29万件，接待咨询11.86万人次", DEC,
         [(13110, "ytd", D(2023, 1, 1), D(2023, 12, 15)), (12900, "ytd", D(2023, 1, 1), D(2023, 12, 15)),
          (118600, "ytd", D(2023, 1, 1), D(2023, 12, 15))]),
        ("2024年以来，省本级共办结行政许可事项二十一万件", MID, [(210000, "ytd", D(2024, 1, 1), D(2024, 7, 12))]),
        # an earlier year + 以来: a running total from 1 January of that year up to the as-of date
        ("2022年以来，全省累计建成便民服务站点3.2万个", MID, [(32000, "cumulative", D(2022, 1, 1), D(2024, 7, 12))]),
        ("2023年以来，全省累计办理“一件事”45万件", MID, [(450000, "cumulative", D(2023, 1, 1), D(2024, 7, 12))]),
        # a month (or day) + 以来/起: a running total from that date
        ("自2023年10月起，已累计办理3万件", MID, [(30000, "cumulative", D(2023, 10, 1), D(2024, 7, 12))]),
        ("2024年3月以来，累计受理1.2万件", MID, [(12000, "cumulative", D(2024, 3, 1), D(2024, 7, 12))]),
        ("11月以来，累计受理8600件", MID, [(8600, "cumulative", D(2023, 11, 1), D(2024, 7, 12))]),
        # 近年以来 names no year: no year-to-date
        ("近年以来，累计建成便民服务站点3.2万个", MID, [(32000, "cumulative", None, D(2024, 7, 12))]),
        # 今年N月: that month (like 本年4月份), not the year to date
        ("今年3月，综窗受理1.2万件", MID, [(12000, "other", D(2024, 3, 1), D(2024, 3, 31))]),
        ("今年5月份，全省共办结九千件", MID, [(9000, "other", D(2024, 5, 1), D(2024, 5, 31))]),
        ("今年1月，综窗受理3600件", MID, [(3600, "other", D(2024, 1, 1), D(2024, 1, 31))]),
        ("本年4月份，综窗受理1.1万件", MID, [(11000, "other", D(2024, 4, 1), D(2024, 4, 30))]),
        # 今年 with a range or a quarter, or alone, stays year to date
        ("今年1—6月，综窗受理6.3万件", MID, [(63000, "ytd", D(2024, 1, 1), D(2024, 6, 30))]),
        ("今年一季度，全省共办结八千六百件", MID, [(8600, "ytd", D(2024, 1, 1), D(2024, 3, 31))]),
        ("今年综窗累计受理6.5万件", MID, [(65000, "ytd", D(2024, 1, 1), D(2024, 7, 12))]),
    ],
)
def test_year_cues(text: str, ctx: dict[str, Any], expected: list[tuple[Any, ...]]) -> None:
    assert periods(text, ctx) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a month range across years is a period, not a deadline: its figures stay, with its dates
        ("2023年1月至2024年6月，累计受理12万件", [(120000, "other", D(2023, 1, 1), D(2024, 6, 30))]),
        ("2023年3月到2024年2月，全省共办结“一件事”8.6万件", [(86000, "other", D(2023, 3, 1), D(2024, 2, 29))]),
        ("2024年3月至6月，全省共办结4.2万件", [(42000, "other", D(2024, 3, 1), D(2024, 6, 30))]),
        # deadlines still claim their sentence
        ("到2027年，全省政务服务事项网办率达到95%", []),
        ("明确到2026年底，电子证照应用率达到90%以上", []),
        ("要求2025年底前实现100个事项“免证办”", []),
        ("年底前完成60个窗口的改造", []),
    ],
)
def test_month_range_is_no_deadline(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert periods(text, MID) == expected
