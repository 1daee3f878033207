"""Figures of real documents of several genres (../shared/realdocs, next to the repository):
recall of their hand-checked facts, values present, every number accounted for, no fragment metric.

The documents are read by path, never copied into the repository; the tests skip, saying why,
when the folder is absent. Their assertions are the bars of issue 11, not any document's wording.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from score_helpers import load_scorer, read_rows

from reportparse import extract
from reportparse.quantities.rows import non_metric_test
from reportparse.rulebook import load_rules
from reportparse.segment import segmenter_for

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REALDOCS = SHARED / "realdocs"
GOLD = REALDOCS / "gold"
pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason=f"no {GOLD} (the shared real documents beside the repository)")

# text-layer documents whose numbers are mostly in running text or line tables (the budgets and the
# 政府信息公开年报 are ruled tables: issue 13)
COVERAGE_DOCS = (
    "chinacdc_flu_weekly_2025w30_no867.pdf", "guizhou_qiandongnan_2023_tongji_gongbao.pdf",
    "guowuyuan_2008_zhengfu_gongzuo_baogao.gb18030.txt", "guowuyuan_2018_zhengfu_gongzuo_baogao.gb18030.txt",
    "henan_luoyang_2023_tongji_gongbao.txt", "henan_zhoukou_2023_tongji_gongbao.pdf",
    "sichuan_chengdu_2021_tongji_gongbao.pdf", "sichuan_chengdu_2022_tongji_gongbao.pdf",
)


@lru_cache(maxsize=1)
def _out(tmp: str) -> Path:
    out = Path(tmp) / "realdocs-out"
    files = sorted({*(REALDOCS / Path(g.name).name.removesuffix(".gold.json") for g in GOLD.glob("*.gold.json")),
                    *(REALDOCS / n for n in COVERAGE_DOCS)})
    extract([str(f) for f in files], out=str(out), formats=("csv",), jobs=2, cache=False)
    return out


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _out(str(tmp_path_factory.mktemp("realdocs")))


def _scorer() -> Any:
    return load_scorer(SHARED / "tools" / "score.py")


def test_figure_recall_of_hand_checked_facts(out: Path) -> None:
    score = _scorer()
    recalls = {}
    for g in sorted(GOLD.glob("*.gold.json")):
        name = g.name.removesuffix(".gold.json")
        recalls[name] = score.score(json.loads(g.read_text(encoding="utf-8")), str(out), name)["fig_r"]
    assert min(recalls.values()) >= 0.70, recalls
    assert sum(recalls.values()) / len(recalls) >= 0.85, recalls


def test_gold_values_are_present_with_their_unit(out: Path) -> None:
    score = _scorer()
    docs = {d["doc_id"]: d["source"] for d in read_rows(out, "documents")}
    figs = read_rows(out, "figures")
    found = total = 0
    for g in sorted(GOLD.glob("*.gold.json")):
        name = g.name.removesuffix(".gold.json")
        mine = [r for r in figs if name in docs[r["doc_id"]]]
        for f in json.loads(g.read_text(encoding="utf-8"))["figures"]:
            gv, gu = score.base(float(f["value"]), f["unit"])
            total += 1
            found += any(score.close(score.base(score.num(r["value"]), r["unit"])[0], gv)
                         and score.base(0, r["unit"])[1] == gu for r in mine)
    assert found / total >= 0.97, (found, total)


def test_every_number_is_accounted_for(out: Path) -> None:
    cov = {Path(d["source"]).name: float(d["coverage"]) for d in read_rows(out, "documents") if d["coverage"]}
    low = {n: cov.get(n) for n in COVERAGE_DOCS if cov.get(n, 0) < 0.90}
    assert not low, low


def test_no_metric_is_a_bare_verb_or_a_fragment(out: Path) -> None:
    rules = load_rules()
    bad = non_metric_test(rules.lists, segmenter_for(rules))
    changes = tuple(rules.lists["change_verbs_rate"])
    wrong = []
    for r in read_rows(out, "figures"):
        m, subject = r["metric"], r["subject"]
        bare_change = bool(m) and m.removeprefix("同比").removeprefix("环比").removeprefix("比上年") in changes
        if (bare_change and not subject) or (bad(m) and not bare_change):
            wrong.append((m, subject, r["value"], r["sentence"][:40]))
    assert not wrong, wrong[:30]
