"""Every example of every shipped rule, one test each (what `reportparse rules test` runs)."""

from __future__ import annotations

import pytest

from reportparse.rulebook import load_rules
from reportparse.rulecheck import run_example

RULES = load_rules()
CASES = [(rule, ex) for rule in RULES.rules for ex in rule.examples]


@pytest.mark.parametrize(("rule", "ex"), CASES, ids=[f"{r.id}:{e.line}" for r, e in CASES])
def test_rule_example(rule, ex) -> None:
    result = run_example(rule, ex, RULES)
    assert result.ok, result.message


def test_figure_rules_have_three_examples_each() -> None:
    for rule in RULES.of_kind("figure"):
        assert len(rule.examples) >= 3, rule.id


def test_every_rule_has_an_example() -> None:
    assert [r.id for r in RULES.rules if not r.examples] == []
