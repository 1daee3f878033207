"""Departments and officials of any Chinese jurisdiction: the divisions gazetteer (places.py)
and the department grammar (entities/bodies.py), resolved against the document's own place."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from reportparse import extract
from reportparse.pipeline import analyse, text_to_clean
from reportparse.places import places
from reportparse.rulebook import load_rules

RULES = load_rules()

# A city bulletin of another province than the shipped gazetteer's (Sichuan).
ZHENGZHOU = """郑州市2024年国民经济和社会发展统计公报

郑州市统计局

一、综合

全年全市地区生产总值增长5.1%。

二、说明

本公报数据来源于市统计局、国家统计局郑州调查队、中国人民银行郑州中心支行、郑州海关和市财政局。\
3月5日，郑州市人民政府副市长张三到市卫生健康委调研，市财政局局长李四、郑州市公安局副局长王五陪同。\
省卫生健康委、省统计局联合郑州市市场监督管理局开展检查。城市管理局举办培训，企业开办专区启用，\
省级以上工程技术研究中心12家。
"""


def _tables(text: str) -> dict:
    _, tables, _ = analyse(text_to_clean(text), RULES, "t")
    return tables


def test_divisions_load_fast_and_know_short_forms() -> None:
    spent = []
    for _ in range(3):  # CPU time, best of three: the machine is shared
        places.cache_clear()
        t0 = time.process_time()
        index = places()
        spent.append(time.process_time() - t0)
    assert min(spent) < 0.15, spent  # ~15 ms
    assert len(index) > 3000
    henan = index.named("河南省")
    for form, code in [("四川省", "510000"), ("四川", "510000"), ("周口市", "411600"), ("周口", "411600"),
                       ("黔东南苗族侗族自治州", "522600"), ("黔东南州", "522600"), ("黔东南", "522600"),
                       ("洪泽区", "320813"), ("襄樊市", "420600")]:  # 襄樊市: 襄阳市 since 2010
        place = index.named(form, henan)
        assert place is not None and place.code == code, form
    assert index.named("鼓楼区") is None  # several: unsure without a place to be near
    assert index.named("鼓楼区", henan).code == "410204"


def test_city_bulletin_of_another_province() -> None:
    tables = _tables(ZHENGZHOU)
    rows = {(r["mention"], r["canonical"], r["jurisdiction"], r["level"]) for r in tables["departments"]}
    for row in [
        ("市统计局", "郑州市统计局", "郑州市", "prefecture"),
        ("国家统计局郑州调查队", "国家统计局郑州调查队", "郑州市", "prefecture"),
        ("中国人民银行郑州中心支行", "中国人民银行郑州中心支行", "郑州市", "prefecture"),
        ("郑州海关", "郑州海关", "郑州市", "prefecture"),
        ("郑州市公安局", "郑州市公安局", "郑州市", "prefecture"),
        ("郑州市人民政府", "郑州市人民政府", "郑州市", "prefecture"),
        ("省卫生健康委", "河南省卫生健康委员会", "河南省", "province"),  # its full name
    ]:
        assert row in rows, (row, sorted(rows))
    assert not any(c.startswith("四川") for _, c, _, _ in rows), rows
    assert not {m for m, *_ in rows} & {"城市管理局", "举办", "企业开办", "省级以上工程技术研究中心"}
    assert all(r["division_code"] for r in tables["departments"])
    officials = {(r["name"], r["organization"]) for r in tables["officials"]}
    assert {("张三", "郑州市人民政府"), ("李四", "郑州市财政局"), ("王五", "郑州市公安局")} <= officials


def test_provincial_posts_name_the_documents_own_province() -> None:
    tables = _tables("郑州市2024年统计公报\n\n一、综合\n\n副省长张三、省政府副秘书长李四、卫生健康委主任王五到郑州调研。")
    orgs = {(r["name"], r["organization"]) for r in tables["officials"]}
    assert {("张三", "河南省人民政府"), ("李四", "河南省人民政府")} <= orgs
    assert not any(o and o.startswith("四川") for _, o in orgs), orgs


def test_a_body_named_with_another_place_keeps_it() -> None:
    tables = _tables("绵阳市医疗保障局党组成员、副局长钟明国出席会议。")
    assert [r["canonical"] for r in tables["departments"]] == ["绵阳市医疗保障局"]
    assert [(r["name"], r["organization"]) for r in tables["officials"]] == [("钟明国", "绵阳市医疗保障局")]


@pytest.mark.parametrize(("text", "mention", "canonical", "level"), [
    ("洪泽区人民政府2023年政府信息公开工作年度报告\n\n一、总体情况\n\n区政府办牵头开展工作。",
     "区政府办", "淮安市洪泽区人民政府办公室", "county"),
    ("黔东南州2023年国民经济和社会发展统计公报\n\n一、综合\n\n数据来自州统计局。",
     "州统计局", "黔东南州统计局", "prefecture"),
    ("四川省2023年统计公报\n\n一、综合\n\n省卫生健康委新增床位。", "省卫生健康委", "四川省卫生健康委员会", "province"),
    ("上海市普陀区财政局2024年度部门决算\n\n一、概况\n\n区财政局负责预算。",
     "区财政局", "上海市普陀区财政局", "county"),
    ("上海市普陀区财政局2024年度部门决算\n\n一、概况\n\n市财政局下达预算。", "市财政局", "上海市财政局", "province"),
    ("广西壮族自治区2023年国民经济和社会发展统计公报\n\n一、综合\n\n数据来自自治区统计局。",
     "自治区统计局", "广西壮族自治区统计局", "province"),
    ("当阳市2023年国民经济和社会发展统计公报\n\n一、综合\n\n数据来自市统计局。", "市统计局", "当阳市统计局", "county"),
    ("准格尔旗2023年国民经济和社会发展统计公报\n\n一、综合\n\n数据来自旗统计局。", "旗统计局", "准格尔旗统计局", "county"),
])
def test_elided_places_resolve_to_the_documents_own(text: str, mention: str, canonical: str, level: str) -> None:
    rows = [(r["mention"], r["canonical"], r["level"]) for r in _tables(text)["departments"]]
    assert (mention, canonical, level) in rows, rows


def test_national_bodies_and_branches() -> None:
    text = "国务院常务会议审议通过。国家流感中心和世界动物卫生组织发布。河南省地方经济社会调查队周口分队负责。"
    rows = {(r["canonical"], r["level"]) for r in _tables(text)["departments"]}
    assert ("国家流感中心", "national") in rows
    assert ("世界动物卫生组织", None) in rows
    assert ("河南省地方经济社会调查队周口分队", "prefecture") in rows
    assert "国务院" not in {c for c, _ in rows}  # a meeting of it, not the body


# ------------------------------------------------ the hand-checked real documents (../shared)

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
GOLDS = sorted((REALDOCS / "gold").glob("*.gold.json")) if (REALDOCS / "gold").is_dir() else []


@pytest.mark.skipif(not GOLDS, reason="no ../shared/realdocs/gold")
@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.split(".")[0])
def test_realdocs_departments_recall_and_precision(gold_path: Path, tmp_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    if not gold.get("departments"):
        pytest.skip("no departments list")
    source = REALDOCS / gold_path.name.removesuffix(".gold.json")
    ex = extract([str(source)], jobs=1, cache_dir=str(tmp_path))
    rows = ex.departments
    found = set(rows["canonical"].dropna())
    wanted = [g["canonical"] for g in gold["departments"] if not g.get("optional")]
    recall = sum(c in found for c in wanted) / len(wanted)
    bad = [m for m in rows["mention"].dropna() if any(n in m for n in gold.get("departments_not", []))]
    assert recall >= 0.85, sorted(set(wanted) - found)
    assert not len(rows) or 1 - len(bad) / len(rows) >= 0.90, bad
