"""A provincial body's bare name after a city, prefecture, county or district names that place's
own body (洛阳市统计局, 州医保局): no provincial department row for it."""

from __future__ import annotations

import pytest

from reportparse.pipeline import analyse, text_to_clean
from reportparse.rulebook import load_rules

RULES = load_rules()


def _depts(text: str) -> list[tuple[str, str]]:
    _, tables, _ = analyse(text_to_clean(text), RULES, "t")
    return [(r["mention"], r["canonical"]) for r in tables["departments"]]


@pytest.mark.parametrize("text", [
    "其他数据均来自州统计局。",
    "洛阳市统计局、国家统计局洛阳调查队",
    "成都市市场监管局窗口受理12件。",
    "绵阳市涪城区医保局开展培训。",
    "某区人民政府外事办公室",
])
def test_local_bodies_are_not_provincial_departments(text: str) -> None:
    assert not any(canon.startswith("四川省") for _, canon in _depts(text)), _depts(text)


@pytest.mark.parametrize(("text", "rows"), [
    ("省市场监管局窗口受理12件。", [("省市场监管局", "四川省市场监督管理局")]),
    ("会同人社厅、医保局开展检查。", [("人社厅", "四川省人力资源和社会保障厅"), ("医保局", "四川省医疗保障局")]),
    ("市医保局和省医保局联合开展检查。", [("省医保局", "四川省医疗保障局")]),
    ("四川省统计局发布数据。", [("四川省统计局", "四川省统计局")]),
])
def test_provincial_mentions_stay(text: str, rows: list) -> None:
    assert _depts(text) == rows
