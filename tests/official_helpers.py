"""What the officials tests share: the shipped rules and a snippet's officials rows.

A snippet is parsed with :func:`reportparse.pipeline.parse_text`; ``ctx`` stands in for the
masthead it lacks (year, the issue's week, the publication date).
"""

from __future__ import annotations

from typing import Any

from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()
CENTRE = "四川省政府政务服务和公共资源交易服务中心"


def officials(text: str, ctx: dict[str, Any] | None = None) -> list[tuple[str, str, str | None]]:
    """(name, title, organization) of each officials row of ``text``."""
    return [(o["name"], o["title"], o["organization"]) for o in parse_text(text, RULES, ctx)[1]["officials"]]
