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
