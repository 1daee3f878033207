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


def figures(text: str, ctx: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The figures rows of ``text``."""
    return parse_text(text, RULES, ctx)[1]["figures"]


def periods(text: str, ctx: dict[str, Any]) -> list[tuple[float, str, date | None, date | None]]:
    """(value, scope, period_start, period_end) of each figure of ``text``."""
    return [(f["value"], f["scope"], f["period_start"], f["period_end"]) for f in figures(text, ctx)]


def columns(text: str, ctx: dict[str, Any] | None, *names: str) -> list[tuple[Any, ...]]:
    """The named columns of each figure of ``text``."""
    return [tuple(f[n] for n in names) for f in figures(text, ctx)]
