"""What a cue reaches inside its sentence: 新 before a verb of adding (新上线, 新纳入 …) makes a
change of its clause, like 新增; 累计 after another cue (本周，…，累计上线210项，…) reaches its own
clause only, so the earlier cue holds again after it; a bare 累计 still carries through its list."""

from __future__ import annotations

from datetime import date as D
from typing import Any

import pytest
from figure_helpers import periods

CTX = {"year": 2024, "period_start": "2024-07-08", "period_end": "2024-07-12", "published": "2024-07-16"}
W = (D(2024, 7, 8), D(2024, 7, 12))
YTD = (D(2024, 1, 1), D(2024, 7, 12))
CUM = (None, D(2024, 7, 12))


def _figs(text: str) -> list[tuple[float, str, D | None, D | None]]:
    return periods(text, CTX)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本周，省中心新上线“跨省通办”事项九项，累计上线150项，两地互办件三百一十件",
         [(9, "change", *W), (150, "cumulative", *CUM), (310, "week", *W)]),
        ("本周新进驻事项5项，办结320件", [(5, "change", *W), (320, "week", *W)]),
        ("本周受理400件，累计受理1.2万件，网上办理率88.6%", [(400, "week", *W), (12000, "cumulative", *CUM),
                                               (88.6, "week", *W)]),
        # a bare 累计 (no cue before it) still carries through its list
        ("累计受理5.1万件，办结4.9万件", [(51000, "cumulative", *CUM), (49000, "cumulative", *CUM)]),
        # after a year-to-date cue, 累计 and the items after it all stay year to date
        ("今年以来，累计咨询4.9万人次、受理1.3万件，办结1.2万件，按时办结率99.8%",
         [(49000, "ytd", *YTD), (13000, "ytd", *YTD), (12000, "ytd", *YTD), (99.8, "ytd", *YTD)]),
        ("截至目前，累计注册用户520万户，实名认证用户498万户", [(5200000, "cumulative", *CUM),
                                              (4980000, "cumulative", *CUM)]),
        # 新 in a word (创新, 更新) is no change
        ("本周，省中心创新推出“预约办”服务，受理86件", [(86, "week", *W)]),
    ],
)
def test_cue_reach(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _figs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change after year-to-date figures covers their period
        ("2024年以来，综窗累计受理2.9万件、办结2.8万件，受理量较上年同期增长6.1%",
         [(29000, "ytd", *YTD), (28000, "ytd", *YTD), (6.1, "change", *YTD)]),
        ("今年以来，全省共办结“一件事”3.3万件，同比增长百分之十二", [(33000, "ytd", *YTD), (12, "change", *YTD)]),
        # after a week figure (or past a semicolon into one), the week
        ("今年以来，综窗受理2.1万件；本周受理400件，环比下降2.5%",
         [(21000, "ytd", *YTD), (400, "week", *W), (2.5, "change", *W)]),
        ("本周受理400件，较上周增长5.2%", [(400, "week", *W), (5.2, "change", *W)]),
    ],
)
def test_change_period_follows_its_cue(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _figs(text) == expected
