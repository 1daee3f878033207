"""An official's organization is resolved as the departments table resolves it: as of the
issue's date, and the publisher's short forms (省中心) as the masthead prints the publisher;
a division of a listed body before the title gives that body."""

from __future__ import annotations

from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()

DOC_2018 = """2018年第20期（总第185期）

窗口工作周报

（5月14日—5月18日）

四川省政务服务和资源交易服务中心　　　　2018年5月22日

一、工作动态

（1）5月15日，省中心党组书记、主任邱某某到大厅检查，省国土资源厅地籍管理处处长韩某陪同。
"""


def _officials(text: str) -> list[tuple[str, str, str]]:
    return [(o["name"], o["title"], o["organization"]) for o in parse_text(text, RULES)[1]["officials"]]


def test_publisher_short_name_follows_the_masthead_and_old_bodies_keep_their_names() -> None:
    assert _officials(DOC_2018) == [
        ("邱某某", "党组书记、主任", "四川省政务服务和资源交易服务中心"),
        ("韩某", "地籍管理处处长", "四川省国土资源厅"),
    ]


def test_division_before_title_in_a_current_issue() -> None:
    rows = _officials("省自然资源厅耕地保护监督处副处长韩某某，省公安厅治安管理处处长秦某到窗口调研")
    assert rows == [("韩某某", "耕地保护监督处副处长", "四川省自然资源厅"), ("秦某", "治安管理处处长", "四川省公安厅")]
