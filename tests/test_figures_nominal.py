"""服务 and other verbs of gazetteers/nominal_verbs.txt: the words written right before them name
the service (问答服务, 帮办代办服务); a count noun after them is what is counted."""

from __future__ import annotations

from typing import Any

import pytest
from figure_helpers import columns

WEEK = {"year": 2025, "period_start": "2025-11-17", "period_end": "2025-11-21", "published": "2025-11-25"}


def _figs(text: str) -> list[tuple[Any, ...]]:
    return columns(text, WEEK, "metric", "subject", "value", "scope")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本周智能导办服务1.2万次，今年以来累计服务30万次。",
         [("智能导办服务", None, 12000, "week"), ("服务", None, 300000, "ytd")]),
        ("为企业提供帮办代办服务120次", [("帮办代办服务", None, 120, "other")]),
        ("编制政务服务事项清单六十项", [("事项清单", "政务服务", 60, "other")]),
        # no words before it, or only a filler: the verb alone
        ("本周服务群众3200人次", [("服务", None, 3200, "week")]),
    ],
)
def test_nominal_verbs(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _figs(text) == expected
