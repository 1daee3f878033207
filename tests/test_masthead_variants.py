"""Mastheads worded differently: no issue total, a period with its year, Chinese-numeral dates, 编."""

from __future__ import annotations

from datetime import date as D

import pytest

from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()
PUB = "四川省政府政务服务和公共资源交易服务中心"
BODY = "\n\n本周，综窗共受理120件。"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("2024年第5期（总第425期）\n\n窗口工作周报\n\n（1月29日至2月2日）\n\n" + PUB + "\n\n2024年2月6日",
         (2024, 5, 425, D(2024, 1, 29), D(2024, 2, 2), D(2024, 2, 6), PUB)),
        ("第 5 期\n\n窗口工作周报\n\n（2024 年 1 月 29 日—2 月 2 日）\n\n" + PUB + "    2024 年 2 月 6 日",
         (2024, 5, None, D(2024, 1, 29), D(2024, 2, 2), D(2024, 2, 6), PUB)),
        ("2026年第1期（总第540期）\n\n窗口工作周报\n\n（2025年12月29日—2026年1月2日）\n\n" + PUB + "\n\n二〇二六年一月六日",
         (2026, 1, 540, D(2025, 12, 29), D(2026, 1, 2), D(2026, 1, 6), PUB)),
        ("2024年第十二期（总第四百三十二期）\n\n窗口工作周报\n\n（3月18日-22日）\n\n" + PUB + " 编\n\n2024年3月26日",
         (2024, 12, 432, D(2024, 3, 18), D(2024, 3, 22), D(2024, 3, 26), PUB)),
        ("2023年第52期（总第472期）\n\n窗口工作周报\n\n（12月25日—12月29日）\n\n" + PUB + "\n\n二〇二四年一月三日",
         (2023, 52, 472, D(2023, 12, 25), D(2023, 12, 29), D(2024, 1, 3), PUB)),
    ],
)
def test_masthead(head: str, expected: tuple) -> None:
    fields, tables, _, _ = parse_text(head + BODY, RULES)
    keys = ("year", "issue_no", "issue_total", "period_start", "period_end", "published", "publisher")
    assert tuple(fields.get(k) for k in keys) == expected


def test_chinese_numeral_publication_date_is_a_date_row() -> None:
    _, tables, _, _ = parse_text("窗口工作周报\n\n" + PUB + "\n\n二〇二六年一月六日" + BODY, RULES)
    assert [(r["start"], r["kind"]) for r in tables["dates"]] == [(D(2026, 1, 6), "point")]
