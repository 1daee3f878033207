"""A document that never says its year (no masthead, no dated line) still parses: dates that
need a year give no row, they never raise (a raise would lose every row of the file)."""

from __future__ import annotations

import pytest

from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()

SNIPPETS = [
    "4月1日至3日，开展检查3次。", "9月8日，受理425件。", "1—9月累计受理1.2万件。", "一季度受理3000件。",
    "9月上旬完成部署。", "9月底前完成。", "截至目前，共完成933个。", "今年以来累计咨询49713人次。",
    "上周受理512件。", "较去年同期增长3.2%。", "9月份受理2100件。", "12月28日—1月3日，受理300件。",
    "二季度重点任务。", "上半年受理1.1万件。", "本周受理425件，办结418件。", "截至9月底，累计办结2.1万件。",
    "4月下旬至5月中旬，受理300件。", "5月12日至14日，开展检查3次。", "截至11月30日，累计受理1.2万件。",
]


@pytest.mark.parametrize("text", SNIPPETS)
def test_no_year_never_raises(text: str) -> None:
    _, tables, _, _ = parse_text(text, RULES)
    for row in tables["dates"]:
        assert row["start"] is None or row["start"].year >= 1900


@pytest.mark.parametrize(("title", "text", "expected"), [
    ("2024年8月全市经济运行简况", "截至8月底，全市金融机构存款余额2345.6亿元。", ("2024-08-31", "2024-08-31")),
    ("2024年1—8月全县财政收支情况", "截至11月底，累计完成3.2亿元。", ("2024-11-30", "2024-11-30")),
    ("2023年全市统计工作年报", "12月份，全市受理1.2万件。", ("2023-12-01", "2023-12-31")),
])
def test_a_year_alone_is_the_year_of_its_periods(title: str, text: str, expected: tuple[str, str]) -> None:
    """A document that prints only its year (in the title, no publication date): a period without a
    year is in that year, an as-of month end too (none is "past" against an unknown issue date)."""
    fields, tables, _, _ = parse_text(f"{title}\n一、总体情况\n{text}", RULES)
    assert fields["title"] == title
    dated = [r for r in tables["dates"] if r["char_start"] > len(title)]
    assert [(str(r["start"]), str(r["end"])) for r in dated] == [expected]
