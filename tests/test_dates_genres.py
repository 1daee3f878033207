"""Dates in any genre: whole years, year ends, ISO weeks, ranges and year-less periods of annual
reports (统计公报, 政府工作报告, 政府信息公开年报, 疾控周报). A table of text -> every date row."""

from __future__ import annotations

from datetime import date as D
from typing import Any

import pytest

from reportparse.normalize.dates import iso_week
from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()

# a 2023 annual report published in April 2024 (documents.year 2023, no period)
ANNUAL = {"year": 2023, "published": "2024-04-30"}
# a weekly issue of January 2026
WEEKLY = {"year": 2026, "period_start": "2026-01-05", "period_end": "2026-01-09"}
Y2023 = (D(2023, 1, 1), D(2023, 12, 31))


def _rows(text: str, ctx: dict[str, Any]) -> list[tuple[str, D, D]]:
    _, tables, _, _ = parse_text(text, RULES, ctx)
    return sorted((r["text"], r["start"], r["end"]) for r in tables["dates"])


CASES = [
    # a year written alone names the whole year
    ("2023年，面对严峻复杂的国内外环境，全市经济稳中向好。", {}, [("2023年", *Y2023)]),
    ("刚刚过去的2017年，经济社会发展主要预期目标较好完成。", {}, [("2017年", D(2017, 1, 1), D(2017, 12, 31))]),
    ("二、2018年经济社会发展总体要求和政策取向", {}, [("2018年", D(2018, 1, 1), D(2018, 12, 31))]),
    ("2024 年，全市共受理政府信息公开申请312件。", {}, [("2024年", D(2024, 1, 1), D(2024, 12, 31))]),
    ("2023年度，本部门决算收入合计1.2亿元。", {}, [("2023年度", *Y2023)]),
    ("全市生产总值比2022年增长5.1%。", ANNUAL, [("2022年", D(2022, 1, 1), D(2022, 12, 31))]),
    ("由2002年7703元增加到2007年13786元", {},
     [("2002年", D(2002, 1, 1), D(2002, 12, 31)), ("2007年", D(2007, 1, 1), D(2007, 12, 31))]),
    # ... but not where it is no whole year
    ("ILI%为3.6%，低于2022年、2023年和2024年同期水平（4.4%、4.4%和4.9%）。", {}, []),
    ("依据国家统计局2018年修订的《三次产业划分规定》", {}, []),
    ("印发《四川省营商环境提升行动计划（2024年版）》（川府发〔2023〕5号）", {}, []),
    ("2023年洛阳市国民经济和社会发展统计公报", ANNUAL, []),
    ("到2035年基本实现社会主义现代化。", {}, []),
    ("自2022年试运行以来累计办件12万件。", {}, []),
    # a year's end is a point; 截至 stays an as-of point
    ("2023年末全市常住人口705.7万人。", ANNUAL, [("2023年末", D(2023, 12, 31), D(2023, 12, 31))]),
    ("表1 2023年年末户籍人口及其构成", ANNUAL, [("2023年年末", D(2023, 12, 31), D(2023, 12, 31))]),
    ("截至2023年底，全市有效专利2.1万件。", ANNUAL, [("截至2023年底", D(2023, 12, 31), D(2023, 12, 31))]),
    ("力争到2025年底全部完成。", ANNUAL, []),
    # ranges of years and of days
    ("2019-2022年地区生产总值及行业增加值数据为最终核实数", {}, [("2019-2022年", D(2019, 1, 1), D(2022, 12, 31))]),
    ("对2006－2020年的科技发展作出全面部署", {}, [("2006－2020年", D(2006, 1, 1), D(2020, 12, 31))]),
    ("图2：2018―2022年一般公共预算收入及其增长速度", {}, [("2018―2022年", D(2018, 1, 1), D(2022, 12, 31))]),
    ("对2024年10月1日－2025年7月27日期间收检的毒株进行抗原性分析", {},
     [("2024年10月1日－2025年7月27日", D(2024, 10, 1), D(2025, 7, 27))]),
    ("香港（2025年7月20-26日）", {}, [("2025年7月20-26日", D(2025, 7, 20), D(2025, 7, 26))]),
    ("报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。", ANNUAL,
     [("2023年1月1日起至2023年12月31日", *Y2023)]),
    ("2021、2022、2023年连续三年获评全省先进", {},
     [("2021", D(2021, 1, 1), D(2021, 12, 31)), ("2022", D(2022, 1, 1), D(2022, 12, 31)), ("2023年", *Y2023)]),
    ("2022/2023年度流行季", {}, []),
    # ISO weeks
    ("2025年第30周（2025年7月21日－2025年7月27日），南方省份ILI%为3.6%。", {},
     [("2025年7月21日－2025年7月27日", D(2025, 7, 21), D(2025, 7, 27)),
      ("2025年第30周", D(2025, 7, 21), D(2025, 7, 27))]),
    ("2025 年第 30 周，全国未报告暴发疫情。", {}, [("2025年第30周", D(2025, 7, 21), D(2025, 7, 27))]),
    ("2020年第53周", {}, [("2020年第53周", D(2020, 12, 28), D(2021, 1, 3))]),
    ("2025年第14-30周，南方省份共报告14起ILI暴发疫情", {}, [("2025年第14-30周", D(2025, 3, 31), D(2025, 7, 27))]),
    ("第52周，南方省份流感活动继续上升", {"year": 2026, "published": "2026-01-06"},
     [("第52周", D(2025, 12, 22), D(2025, 12, 28))]),
    ("低于前一周水平（3.8%）", {"year": 2025, "published": "2025-08-01"}, []),
    # year-less periods of an annual report are in the year it covers, not the publication's
    ("12月份，居民消费价格同比上涨0.3%。", ANNUAL, [("12月份", D(2023, 12, 1), D(2023, 12, 31))]),
    ("1—6月，全市规模以上工业增加值增长5.2%。", ANNUAL, [("1—6月", D(2023, 1, 1), D(2023, 6, 30))]),
    ("1-11月，全市固定资产投资增长3.1%。", ANNUAL, [("1-11月", D(2023, 1, 1), D(2023, 11, 30))]),
    ("上半年，全市居民人均可支配收入增长6.0%。", ANNUAL, [("上半年", D(2023, 1, 1), D(2023, 6, 30))]),
    ("一季度，全市地区生产总值增长4.5%。", ANNUAL, [("一季度", D(2023, 1, 1), D(2023, 3, 31))]),
    ("前三季度，全市社会消费品零售总额增长6.2%。", ANNUAL, [("前三季度", D(2023, 1, 1), D(2023, 9, 30))]),
    # ... while a weekly issue of January still reads 12月份 as the month just ended
    ("12月份，综窗共受理8120件。", WEEKLY, [("12月份", D(2025, 12, 1), D(2025, 12, 31))]),
]


@pytest.mark.parametrize(("text", "ctx", "expected"), CASES)
def test_date_rows(text: str, ctx: dict[str, Any], expected: list[tuple[str, D, D]]) -> None:
    assert _rows(text, ctx) == sorted(expected)


@pytest.mark.parametrize(
    ("year", "week", "expected"),
    [
        (2025, 30, (D(2025, 7, 21), D(2025, 7, 27))),
        (2025, 1, (D(2024, 12, 30), D(2025, 1, 5))),
        (2020, 53, (D(2020, 12, 28), D(2021, 1, 3))),
        (2025, 53, None),
        (2025, 0, None),
    ],
)
def test_iso_week(year: int, week: int, expected: tuple[D, D] | None) -> None:
    assert iso_week(year, week) == expected
