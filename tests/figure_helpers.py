"""What the figure and scope tests share: the shipped rules and a snippet's figures.

A snippet is parsed with :func:`reportparse.pipeline.parse_text`; ``ctx`` stands in for the
masthead it lacks (year, the issue's week, the publication date).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()

# issue contexts the period tests read the same text in: the week after Q1, January's first
# issue (its week across New Year), late December
Q1 = {"year": 2025, "period_start": "2025-03-31", "period_end": "2025-04-03", "published": "2025-04-09"}
NEW_YEAR = {"year": 2026, "period_start": "2025-12-29", "period_end": "2026-01-02", "published": "2026-01-06"}
LATE_DEC = {"year": 2025, "period_start": "2025-12-22", "period_end": "2025-12-26", "published": "2025-12-30"}


def figures(text: str, ctx: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The figures rows of ``text``."""
    return parse_text(text, RULES, ctx)[1]["figures"]


def periods(text: str, ctx: dict[str, Any]) -> list[tuple[float, str, date | None, date | None]]:
    """(value, scope, period_start, period_end) of each figure of ``text``."""
    return [(f["value"], f["scope"], f["period_start"], f["period_end"]) for f in figures(text, ctx)]


def columns(text: str, ctx: dict[str, Any] | None, *names: str) -> list[tuple[Any, ...]]:
    """The named columns of each figure of ``text``."""
    return [tuple(f[n] for n in names) for f in figures(text, ctx)]


def figure_tuples(text: str, ctx: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """(metric, subject, value, unit, 'change' or None) of each figure of ``text``: the shape the
    blind rounds' clause tables (tests/test_genre_*.py) compare."""
    return [(r["metric"], r["subject"], r["value"], r["unit"], r["scope"] if r["scope"] == "change" else None)
            for r in figures(text, ctx)]
