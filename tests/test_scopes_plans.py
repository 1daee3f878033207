"""Numbers under a heading of planned work (四、下周工作安排, 下一步工作, 下步工作计划, 下阶段工作打算:
gazetteers/plan_headings.txt) are plans, not measured figures: no figure row comes from them."""

from __future__ import annotations

import pytest

from reportparse.entities.scopes import in_plan_section
from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()
PLANS = RULES.lists["plan_headings"]
CTX = {"year": 2024, "period_start": "2024-07-08", "period_end": "2024-07-12", "published": "2024-07-16"}


@pytest.mark.parametrize(
    ("section", "plan"),
    [
        ("四、下周工作安排 > 1", True),
        ("五、下一步工作", True),
        ("二、窗口运行 > （三）下步工作计划 > 2", True),
        ("六、下阶段工作打算", True),
        ("三、下周重点工作", True),
        ("一、综窗办件情况 > （一）本周办件", False),
        ("三、大厅工作动态 > 2", False),
        ("二、上周工作安排落实情况", False),
        ("", False),
    ],
)
def test_plan_headings(section: str, plan: bool) -> None:
    assert in_plan_section(section, PLANS) is plan


def test_plan_sections_give_no_figures() -> None:
    text = ("一、综窗办件情况\n\n本周，综窗受理512件，办结498件。\n\n二、下周工作安排\n\n"
            "1.计划对45个窗口开展作风督查。\n\n2.组织业务培训3期。\n\n三、下一步工作\n\n推进二十个事项“免证办”。")
    _, tables, _, _ = parse_text(text, RULES, CTX)
    assert [(f["value"], f["scope"]) for f in tables["figures"]] == [(512, "week"), (498, "week")]
    # the dates there are still dates
    text = "一、下阶段工作打算\n\n7月15日前完成60个窗口的标准化改造。"
    _, tables, _, _ = parse_text(text, RULES, CTX)
    assert tables["figures"] == [] and tables["dates"]
