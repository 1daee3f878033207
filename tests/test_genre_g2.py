"""Periodicals of other places (g2 blind round: county and city 政务服务 weeklies and monthlies,
12345 hotline reports, notifiable-disease monthlies, a bureau's 工作简报): the grammar shapes
their documents needed, with sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from reportparse.pipeline import analyse, text_to_clean
from reportparse.rulebook import load_rules

RULES = load_rules()


def _tables(text: str) -> dict[str, list[dict[str, Any]]]:
    _, tables, _ = analyse(text_to_clean(text), RULES, "t")
    return tables


# ------------------------------------------------------------------ departments of a district

@pytest.mark.parametrize(("text", "mention", "canonical"), [
    # a district of a prefecture-level city: its bodies' official names carry the city
    ("佛山市南海区政务服务数据管理局\n\n政务服务窗口工作周报\n\n一、概况\n\n区市场监督管理局受理12件。",
     "区市场监督管理局", "佛山市南海区市场监督管理局"),
    ("南海区2024年国民经济和社会发展统计公报\n\n一、综合\n\n数据来自区统计局。", "区统计局", "佛山市南海区统计局"),
    ("淮安市洪泽区人民政府办公室\n\n工作简报\n\n一、动态\n\n淮安市洪泽区财政局开展培训。",
     "淮安市洪泽区财政局", "淮安市洪泽区财政局"),
    # a municipality's district, as before
    ("上海市普陀区财政局2024年度部门决算\n\n一、概况\n\n区财政局负责预算。", "区财政局", "上海市普陀区财政局"),
    # a county-level city and a county keep their own name alone
    ("寿光市行政审批服务局\n工作月报\n\n一、概况\n\n市医疗保障局办理业务9件。", "市医疗保障局", "寿光市医疗保障局"),
    ("睢宁县2023年国民经济和社会发展统计公报\n\n一、综合\n\n数据来自县统计局。", "县统计局", "睢宁县统计局"),
])
def test_district_bodies_carry_their_city(text: str, mention: str, canonical: str) -> None:
    rows = [(r["mention"], r["canonical"]) for r in _tables(text)["departments"]]
    assert (mention, canonical) in rows, rows


@pytest.mark.parametrize("text", [
    "4月29日，区委常委、常务副区长梁振邦到区行政服务中心检查值班安排。",
    "市委常委、秘书长王某出席会议。",
])
def test_a_standing_committee_member_is_a_post_not_a_body(text: str) -> None:
    mentions = [r["mention"] for r in _tables(text)["departments"]]
    assert not any(m.endswith("常委") for m in mentions), mentions


def test_a_district_head_without_a_place_is_of_the_districts_full_government() -> None:
    text = "佛山市南海区政务服务数据管理局\n\n窗口工作周报\n\n一、动态\n\n4月29日，副区长梁振邦到中心检查工作。"
    orgs = {(r["name"], r["organization"]) for r in _tables(text)["officials"]}
    assert ("梁振邦", "佛山市南海区人民政府") in orgs, orgs
