"""Negation and limits around a figure: the figures columns negated and bound (entities/bounds.py)."""

from __future__ import annotations

import pytest

from reportparse.entities.bounds import BoundWords
from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules(())


def _figures(rules, text: str) -> dict[float, tuple[bool, str | None]]:
    _, tables, _, _ = parse_text(text, rules)
    return {r["value"]: (r["negated"], r["bound"]) for r in tables["figures"]}


@pytest.mark.parametrize("text, expected", [
    ("本院尚未审结37件，已审结120件。", {37: (True, None), 120: (False, None)}),
    ("未办结案件12件，没有受理5件。", {12: (True, None), 5: (True, None)}),
    ("受理不足10件，办结超过200件。", {10: (False, "lt"), 200: (False, "gt")}),
    ("接待群众不少于3000人次，投诉量不超过20件。", {3000: (False, "ge"), 20: (False, "le")}),
    ("办理时限压缩在3个工作日以内。", {3: (False, "le")}),
    ("城镇新增就业1100万人以上。", {11_000_000: (False, "ge")}),
    ("累计受理各类办件逾1,240万件。", {12_400_000: (False, "gt")}),
])
def test_negations_and_limits_are_kept(rules, text, expected):
    found = _figures(rules, text)
    for value, marks in expected.items():
        assert found[value] == marks, (text, found)


@pytest.mark.parametrize("text, value", [
    ("未成年人案件37件。", 37),          # 未 inside a word (jieba): no negation
    ("未来三年新建学校12所。", 12),
    ("未发生事故的乡镇12个。", 12),      # the negation is inside a modifier ending in 的
    ("全市尚有12个乡镇未通公交。", 12),   # after the number: it counts towns, it is not negated
    ("本周未发生安全事故，受理425件。", 425),  # another clause
])
def test_a_negation_elsewhere_does_not_negate(rules, text, value):
    assert _figures(rules, text)[value] == (False, None)


def test_a_comparison_with_a_nouns_value_is_no_limit(rules):
    found = _figures(rules, "流感病毒阳性率为2.61%，低于4.94%的基线水平。")
    assert all(bound is None for _, bound in found.values())


def test_the_lexicon_is_data():
    words = BoundWords.from_lines(("尚未=neg", "不足=lt", "不=lt", "after:以上=ge", "# comment", "坏=xx"))
    assert words.negations == {"尚未"}
    assert words.before == (("不足", "lt"), ("不", "lt"))  # longest first
    assert words.after == (("以上", "ge"),)
