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


@pytest.mark.parametrize("template", ["近日，{}印发《通知》。", "{}二级巡视员王明到省政务服务大厅值守。"])
def test_every_name_and_alias(template: str) -> None:
    missed = []
    for name, canonical in NAMES:
        _, tables, _, _ = parse_text(template.format(name), RULES, {"year": 2023})
        got = {(d["mention"], d["canonical"]) for d in tables["departments"]}
        if (name, canonical) not in got:
            missed.append((name, sorted(got)))
    assert missed == [], missed[:10]


@pytest.mark.parametrize("venue", ["省政务服务大厅", "省交易服务大厅", "成都市政务服务大厅", "全省自然资源系统", "各窗口部门", "省级相关部门"])
def test_venues_and_groups_are_not_departments(venue: str) -> None:
    _, tables, _, _ = parse_text(f"本周，王明到{venue}检查工作。", RULES, {"year": 2023})
    assert tables["departments"] == []
