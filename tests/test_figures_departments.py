"""A figure's department: none when the department named before it is one of several listed,
as departments (甲、乙) or as the organizations of officials listed together (甲厅副厅长某、乙局
二级巡视员某分别…)."""

from __future__ import annotations

import pytest

from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()


def _depts(text: str) -> list[str | None]:
    _, tables, _, _ = parse_text(text, RULES)
    return [f["department"] for f in tables["figures"]]


@pytest.mark.parametrize(
    "text",
    [
        "本周，省公安厅副厅长王建国、省市场监管局二级巡视员李红分别到省政务服务大厅窗口值守，现场解答群众咨询63人次，协调解决问题9个。",
        "本周，省司法厅党委委员、副厅长张明，省统计局二级巡视员刘芳，国家税务总局四川省税务局副局长陈强分别到大厅窗口值守，现场帮办事项21件。",
        "省民政厅副厅长赵磊和省医保局副局长孙丽到窗口值守，帮助群众解决问题5个。",
    ],
)
def test_officials_of_several_departments_give_no_department(text: str) -> None:
    assert set(_depts(text)) == {None}


@pytest.mark.parametrize(
    ("text", "dept"),
    [
        # one official, or two of the same department: that department
        ("本周，省公安厅副厅长王建国到省政务服务大厅窗口值守，现场解答群众咨询40人次。", "四川省公安厅"),
        ("本周，省公安厅副厅长王建国、省公安厅二级巡视员周涛到窗口值守，解答群众咨询52人次。", "四川省公安厅"),
        # departments each with their own figure stay theirs
        ("省市场监管局窗口办理企业登记215件；省公安厅窗口办理出入境证件4600余件", None),
    ],
)
def test_one_department_keeps_it(text: str, dept: str | None) -> None:
    got = _depts(text)
    if dept is None:
        assert got == ["四川省市场监督管理局", "四川省公安厅"]
    else:
        assert set(got) == {dept}
