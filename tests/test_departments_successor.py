"""Bodies a reform retired keep their names of then as canonical; `successor` links them to
today's body; the publisher's short forms follow the masthead. Sentences are invented."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from gazetteer_helpers import department_problems

from reportparse.normalize.orgs import DeptEntry, as_in_masthead, load_departments
from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()
NOW = "四川省政府政务服务和公共资源交易服务中心"
THEN = "四川省政务服务和资源交易服务中心"


def _issue(masthead_publisher: str | None, year: int, body: str) -> str:
    head = f"{year}年第12期\n\n窗口工作周报\n\n"
    if masthead_publisher:
        head += f"{masthead_publisher}　　　　{year}年3月20日\n\n"
    return head + "一、窗口动态\n\n" + body + "\n"


def _run(text: str, context: dict[str, object] | None = None) -> dict[str, list[dict[str, object]]]:
    _, tables, _, _ = parse_text(text, RULES, context or {})
    return tables


@pytest.mark.parametrize(
    ("sentence", "mention", "canonical", "successor"),
    [
        ("（1）省质监局窗口本周办理工业产品许可23件。", "省质监局", "四川省质量技术监督局", "四川省市场监督管理局"),
        ("（1）四川省食品药品监督管理局发布药品抽检结果。", "四川省食品药品监督管理局",
         "四川省食品药品监督管理局", "四川省市场监督管理局"),
        ("（1）省林业厅窗口办理林木采伐许可9件。", "省林业厅", "四川省林业厅", "四川省林业和草原局"),
        ("（1）省新闻出版广电局派员到窗口指导。", "省新闻出版广电局", "四川省新闻出版广电局", "四川省广播电视局"),
        ("（1）省旅发委召开假日旅游工作会。", "省旅发委", "四川省旅游发展委员会", "四川省文化和旅游厅"),
        ("（1）省粮食局窗口办结收购许可6件。", "省粮食局", "四川省粮食局", "四川省粮食和物资储备局"),
        ("（1）省政府法制办审核规范性文件4件。", "省政府法制办", "四川省人民政府法制办公室", "四川省司法厅"),
        ("（1）省教育厅窗口办理资格认定15件。", "省教育厅", "四川省教育厅", None),
    ],
)
def test_retired_body_keeps_its_name_with_todays_successor(
    sentence: str, mention: str, canonical: str, successor: str | None
) -> None:
    rows = _run(_issue(THEN, 2017, sentence))["departments"]
    got = [(d["canonical"], d["successor"]) for d in rows if d["mention"] == mention]
    assert got == [(canonical, successor)], rows


def test_retired_names_after_the_reform_name_no_body() -> None:
    rows = _run("（1）省质监局窗口办理许可8件。", {"year": 2023, "period_end": "2023-05-12"})["departments"]
    assert [d for d in rows if d["known"]] == []


def test_figures_and_officials_use_the_name_of_then() -> None:
    text = _issue(THEN, 2017, "（1）3月16日，省安监局副局长韩立平到窗口检查，本周省安监局窗口办结许可件17件。")
    tables = _run(text)
    assert [(o["name"], o["organization"]) for o in tables["officials"]] == [("韩立平", "四川省安全生产监督管理局")]
    deps = {f["department"] for f in tables["figures"] if f["value"] == 17}
    assert deps == {"四川省安全生产监督管理局"}


@pytest.mark.parametrize(
    ("masthead", "year", "expected"),
    [
        (THEN, 2018, THEN),  # a masthead of then: the short forms are the centre of then
        (NOW, 2023, NOW),
        ("四川省人民政府政务服务和公共资源交易服务中心", 2021, NOW),  # a current name: the current body
        (None, 2018, NOW),  # no publisher in the masthead: the current body
    ],
)
def test_publisher_short_forms_follow_the_masthead(masthead: str | None, year: int, expected: str) -> None:
    text = _issue(masthead, year, "（1）省中心召开窗口首席代表会，省政务服务中心综合处通报考核情况。")
    rows = _run(text)["departments"]
    short = {d["canonical"] for d in rows if d["mention"] in ("省中心", "省政务服务中心")}
    assert short == {expected}
    divisions = {d["parent"] for d in rows if d["kind"] == "division"}
    assert divisions <= {expected}
    if masthead:
        tables_pub = {d["canonical"] for d in rows if d["mention"] == masthead}
        assert tables_pub == {expected}


def test_publisher_official_follows_the_masthead() -> None:
    text = _issue(THEN, 2018, "（1）3月15日，省中心副主任李文涛带队到窗口督导。")
    assert [o["organization"] for o in _run(text)["officials"]] == [THEN]


# --------------------------------------------------------------- as_in_masthead

def _e(canonical: str, kind: str = "publisher", successor: str | None = None) -> DeptEntry:
    return DeptEntry(canonical, kind, successor=successor)


@pytest.mark.parametrize(
    ("mention", "hit", "masthead", "expected"),
    [
        ("省中心", _e("甲中心"), _e("旧甲中心", successor="甲中心"), "旧甲中心"),
        ("甲中心", _e("甲中心"), _e("旧甲中心", successor="甲中心"), "甲中心"),  # current name written out
        ("省中心", _e("甲中心"), _e("乙中心"), "甲中心"),  # another line of bodies
        ("省中心", _e("甲中心"), None, "甲中心"),
        ("省甲厅", _e("甲厅", "department"), _e("旧甲厅", "department", "甲厅"), "甲厅"),  # publishers only
    ],
)
def test_as_in_masthead(mention: str, hit: DeptEntry, masthead: DeptEntry | None, expected: str) -> None:
    got = as_in_masthead(mention, hit, masthead)
    assert got is not None and got.canonical == expected


# --------------------------------------------------------------- loader

BAD_SUCCESSORS = """\
- canonical: 四川省甲厅
  kind: department
  aliases: [省甲厅]
- canonical: 四川省旧甲局
  kind: department
  successor: 四川省不存在厅
  aliases: [省旧甲局]
- canonical: 四川省乙厅
  kind: department
  successor: 四川省丙厅
- canonical: 四川省丙厅
  kind: department
  successor: 四川省乙厅
- canonical: 四川省丁局
  kind: department
  successor: 四川省甲厅
  valid_from: 2019-01-01
  valid_to: 2018-10-31
"""


def test_bad_successor_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path, error, found = department_problems(tmp_path, BAD_SUCCESSORS)
    assert found == {(6, "successor"), (10, "successor"), (13, "successor"), (18, "valid_to")}
    assert f"{path}:6: 四川省旧甲局: successor '四川省不存在厅' is not the canonical name" in str(error)


def test_successor_chain_ends_at_todays_body(tmp_path: Path) -> None:
    path = tmp_path / "departments.yaml"
    path.write_text(
        "- canonical: 四川省新局\n  kind: department\n"
        "- canonical: 四川省中局\n  kind: department\n  successor: 四川省新局\n  valid_to: 2024-01-31\n"
        "  aliases: [省中局]\n"
        "- canonical: 四川省老局\n  kind: department\n  successor: 四川省中局\n  valid_to: 2018-10-31\n"
        "  aliases: [省老局]\n",
        encoding="utf-8",
    )
    gaz = load_departments(path)
    old = gaz.lookup("省老局", date(2018, 10, 31))
    assert old is not None and (old.canonical, old.successor) == ("四川省老局", "四川省新局")
    assert gaz.lookup("省老局", date(2018, 11, 1)) is None
    mid = gaz.lookup("四川省中局")
    assert mid is not None and mid.successor == "四川省新局" and mid.valid_to == date(2024, 1, 31)
    new = gaz.lookup("四川省新局")
    assert new is not None and new.successor is None and new.current == "四川省新局"
