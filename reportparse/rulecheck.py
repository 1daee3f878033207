"""``reportparse rules check | test | explain``: validate rules, run their examples, trace a text."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .errors import RuleFileError, RuleProblem
from .model import Candidate
from .rulebook import Example, Rule, RuleSet, load_rules


@dataclass(frozen=True)
class ExampleResult:
    """The outcome of one rule example."""

    rule: str
    file: str
    line: int
    text: str
    ok: bool
    message: str = ""


@dataclass(frozen=True)
class Explanation:
    """Every candidate on a text (won or lost, and why) and the rows produced."""

    candidates: list[tuple[Candidate, bool, str]]
    rows: dict[str, list[dict[str, Any]]]


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, bool) or isinstance(got, bool):
        return bool(expected) == bool(got) and got is not None
    if isinstance(expected, int | float) and isinstance(got, int | float):
        return math.isclose(float(expected), float(got), rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(expected, date) or isinstance(got, date):
        return str(expected) == str(got)
    return expected == got


def _row_matches(expected: dict[str, Any], row: dict[str, Any]) -> bool:
    return all(_same(v, row.get(k)) for k, v in expected.items())


def compare_rows(expected: Sequence[dict[str, Any]], got: Sequence[dict[str, Any]]) -> str:
    """'' when every expected row matches a distinct produced row and none is left over."""
    left = list(got)
    for exp in expected:
        hit = next((r for r in left if _row_matches(exp, r)), None)
        if hit is None:
            shown = [{k: r.get(k) for k in exp} for r in left] or "no rows"
            return f"expected {exp}, got {shown}"
        left.remove(hit)
    if left:
        keys = list(expected[0]) if expected else ["metric", "value", "unit", "text", "mention", "name", "start"]
        extra = [{k: r.get(k) for k in keys if r.get(k) is not None} for r in left]
        return f"unexpected extra row(s): {extra}"
    return ""


def rows_for(text: str, rules: RuleSet, table: str, context: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of ``table`` that ``text`` produces (the documents row for masthead rules)."""
    from .pipeline import parse_text

    fields, tables, _, _ = parse_text(text, rules, context)
    if table == "documents":
        found = {k: v for k, v in fields.items() if v is not None and k not in context and k != "coverage"}
        return [fields] if found else []
    return tables.get(table, [])


def run_example(rule: Rule, ex: Example, rules: RuleSet) -> ExampleResult:
    """Run one example of a rule."""
    try:
        got = rows_for(ex.text, rules, ex.table, ex.context)
        message = compare_rows(ex.rows, got)
    except Exception as e:  # an example must never crash the runner
        message = f"{type(e).__name__}: {e}"
    return ExampleResult(rule.id, rule.file, ex.line, ex.text, not message, message)


def run_examples(dirs: Sequence[Path | str] = ()) -> list[ExampleResult]:
    """Run every example of every loaded rule (raises RuleFileError on broken files)."""
    rules = load_rules(dirs)
    return [run_example(rule, ex, rules) for rule in rules.rules for ex in rule.examples]


def check(dirs: Sequence[Path | str] = ()) -> list[RuleProblem]:
    """Every problem in the rule files, failing examples included."""
    try:
        results = run_examples(dirs)
    except RuleFileError as e:
        return list(e.problems)
    return [RuleProblem(r.file, r.line, r.rule, f"example fails: {r.message}") for r in results if not r.ok]


def explain(text: str, dirs: Sequence[Path | str] = (), context: dict[str, Any] | None = None) -> Explanation:
    """Which rules matched ``text``, which won, and the rows produced."""
    from .pipeline import parse_text

    rules = load_rules(dirs)
    fields, tables, trace, _ = parse_text(text, rules, context)
    decisions = sorted(trace.decisions, key=lambda d: (d[0].start, -d[0].end, not d[1]))
    rows = {"documents": [fields], **tables}
    return Explanation(decisions, rows)
