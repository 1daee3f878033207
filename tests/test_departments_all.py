"""Every department of the gazetteer, under its full name and every short form, is recognized
in running text and resolved to its canonical name (venues never are)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()
GAZ = Path(__file__).resolve().parent.parent / "rules" / "gazetteers" / "departments.yaml"
ENTRIES = [e for e in yaml.safe_load(GAZ.read_text(encoding="utf-8")) if e.get("kind") != "division"]
# Joint names (中共中央办公厅、国务院办公厅) are reported as their two bodies, by design.
NAMES = [(n, e["canonical"]) for e in ENTRIES for n in [e["canonical"], *(e.get("aliases") or [])] if "、" not in n]


TEMPLATES = [
    "近日，{}印发《通知》。",
    "{}二级巡视员王明到省政务服务大厅值守。",
    "2.{}新增政务服务事项3项。",  # at the start of a list item
    "（二）{}窗口本周受理120件。",
    "省中心会同{}开展专项督查。",
    "省中心联合{}、省公安厅召开推进会。",
    "协调{}解决群众反映的问题。",
    "由{}牵头，省中心配合，共梳理事项12项。",
    "本周，{}、省中心共同印发《方案》。",
    "省中心会同省公安厅、{}在省政务服务大厅开设专窗。",  # a venue after 在 is no part of it
]


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_name_and_alias(template: str) -> None:
    missed = []
    for name, canonical in NAMES:
        _, tables, _, _ = parse_text(template.format(name), RULES, {"year": 2025})
        got = {(d["mention"], d["canonical"]) for d in tables["departments"]}
        if (name, canonical) not in got:
            missed.append((name, sorted(got)))
    assert missed == [], missed[:10]


# Full names written with the province's name where the gazetteer lists the 省 short form,
# and bodies of the 2023-2024 reforms beside the names they replaced.
@pytest.mark.parametrize(
    ("mention", "canonical"),
    [
        ("四川省住房城乡建设厅", "四川省住房和城乡建设厅"),
        ("四川省人力资源社会保障厅", "四川省人力资源和社会保障厅"),
        ("四川省退役军人厅", "四川省退役军人事务厅"),
        ("四川省委编办", "中共四川省委机构编制委员会办公室"),
        ("四川省广电局", "四川省广播电视局"),
        ("省数据局", "四川省数据局"),
        ("省乡村振兴局", "四川省乡村振兴局"),
        ("省地方金融管理局", "四川省地方金融管理局"),
        ("省地方金融监管局", "四川省地方金融监督管理局"),
        ("省知识产权局", "四川省知识产权局"),
        ("国家知识产权局", "国家知识产权局"),
        ("省委金融办", "中共四川省委金融委员会办公室"),
        ("省委外办", "四川省人民政府外事办公室"),
        ("省直机关工委", "中共四川省直属机关工作委员会"),
    ],
)
def test_full_forms_and_reformed_bodies(mention: str, canonical: str) -> None:
    for template in TEMPLATES[:2]:
        _, tables, _, _ = parse_text(template.format(mention), RULES, {"year": 2025})
        assert [(d["mention"], d["canonical"]) for d in tables["departments"]] == [(mention, canonical)]


def test_old_names_resolve_in_their_years_only() -> None:
    _, old, _, _ = parse_text("省金融办印发《通知》", RULES, {"year": 2017, "period_end": "2017-06-09"})
    assert [(d["canonical"], d["successor"]) for d in old["departments"]] == [
        ("四川省人民政府金融工作办公室", "四川省地方金融管理局")
    ]
    _, new, _, _ = parse_text("省金融办印发《通知》", RULES, {"year": 2025, "period_end": "2025-06-06"})
    assert [d["canonical"] for d in new["departments"] if d["known"]] == []


@pytest.mark.parametrize("venue", ["省政务服务大厅", "省交易服务大厅", "成都市政务服务大厅", "全省自然资源系统", "各窗口部门", "省级相关部门"])
def test_venues_and_groups_are_not_departments(venue: str) -> None:
    _, tables, _, _ = parse_text(f"本周，王明到{venue}检查工作。", RULES, {"year": 2023})
    assert tables["departments"] == []
