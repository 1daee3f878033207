"""A sentence with no scope cue before its figure takes the scope (and period) the sentence before
it in the same paragraph ended with, when that is the week or a running total: 本周，…办结率98.1%。
对已办结工单回访3200件 is the week's (a level after year-to-date statistics is not). The first sentence of a paragraph keeps no scope (other); a cue of the sentence's own, or a date range
before the figure (今年3月，…), wins; a clause-only cue (新增, 累计 after 本周) does not carry on."""

from __future__ import annotations

from datetime import date as D
from typing import Any

import pytest
from figure_helpers import periods

CTX = {"year": 2024, "period_start": "2024-07-08", "period_end": "2024-07-12", "published": "2024-07-16"}
W = (D(2024, 7, 8), D(2024, 7, 12))
YTD = (D(2024, 1, 1), D(2024, 7, 12))
NONE = (None, None)


def _figs(text: str) -> list[tuple[float, str, D | None, D | None]]:
    return periods(text, CTX)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本周，热线共受理工单二万三千件，办结率97.6%。对已办结工单回访四千一百件，回访率17.8%。",
         [(23000, "week", *W), (97.6, "week", *W), (4100, "week", *W), (17.8, "week", *W)]),
        # a chain of cue-less sentences passes the scope on
        ("本周共收到评价6.1万条，好评率99.8%。收到差评九条，已整改八条。整改率88.9%。",
         [(61000, "week", *W), (99.8, "week", *W), (9, "week", *W), (8, "week", *W), (88.9, "week", *W)]),
        # a running total's levels
        ("截至目前，全省累计注册用户520万户。实名认证用户498万户。",
         [(5200000, "cumulative", None, D(2024, 7, 12)), (4980000, "cumulative", None, D(2024, 7, 12))]),
        # after year-to-date statistics a sentence states a level of its own
        ("今年以来，省本级受理行政许可事项12.6万件。全省网上可办率98.7%。",
         [(126000, "ytd", *YTD), (98.7, "other", *NONE)]),
        # 调整后, a level after a change
        ("本周新增进驻事项3项。调整后，综窗进驻主项775项。",
         [(3, "change", *W), (775, "cumulative", None, D(2024, 7, 12))]),
        # a new paragraph: no carry
        ("本周受理300件。\n对12个窗口开展抽查。", [(300, "week", *W), (12, "other", *NONE)]),
        # a cue of its own wins
        ("本周受理300件。今年累计受理1.1万件。", [(300, "week", *W), (11000, "ytd", *YTD)]),
        # a date range before the figure: that period, no carry
        ("本周受理300件。今年3月，综窗受理1.2万件。", [(300, "week", *W), (12000, "other", D(2024, 3, 1), D(2024, 3, 31))]),
        # 新增 reaches its clause only, so the sentence ends with the week
        ("本周受理300件，新增进驻事项4项。办结290件。", [(300, "week", *W), (4, "change", *W), (290, "week", *W)]),
        # 累计 after 本周 reaches its clause only
        ("本周受理300件，累计受理1.2万件。办结290件。",
         [(300, "week", *W), (12000, "cumulative", None, D(2024, 7, 12)), (290, "week", *W)]),
    ],
)
def test_paragraph_carry(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _figs(text) == expected


def test_first_sentence_of_a_list_item_takes_nothing() -> None:
    text = "（一）办件情况\n1.本周受理300件。\n2.省中心对21个窗口开展检查，发现问题5个。"
    assert _figs(text) == [(300, "week", *W), (21, "other", *NONE), (5, "other", *NONE)]
