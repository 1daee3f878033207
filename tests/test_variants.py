"""Hand-written variant issues (tests/variants/, synthetic fixtures) scored against their gold.

Each ``tests/variants/NAME.txt`` has a hand-written ``NAME.gold.json`` in the seed gold's format.
The text, and a PDF of it drawn by corpora/make_pdf.py when its fonts are installed, must score
1.00 on every table with tests/golden/score.py. A miss we know of and cannot fix yet goes in
KNOWN_MISSES (variant -> reason) and is an xfail, not a silent pass.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest
from score_helpers import extract_as_text_and_pdf

VARIANTS = Path(__file__).resolve().parent / "variants"
GOLDEN = Path(__file__).resolve().parent / "golden"
NAMES = sorted(p.name[: -len(".gold.json")] for p in VARIANTS.glob("*.gold.json"))
KEYS = ["fig_r", "fig_p", "date_r", "date_p", "dept_r", "dept_p", "off_r", "off_p", "ref_r", "doc"]

# variant name -> why it does not score 1.00 yet
KNOWN_MISSES: dict[str, str] = {}


def _scorer():
    spec = importlib.util.spec_from_file_location("score", GOLDEN / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def variants_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bool]:
    """Every variant extracted, as text and (fonts permitting) as an fpdf2 PDF, into one folder."""
    texts = {name: (VARIANTS / f"{name}.txt").read_text(encoding="utf-8") for name in NAMES}
    return extract_as_text_and_pdf(texts, tmp_path_factory, "variants")


def test_there_are_variants() -> None:
    assert len(NAMES) >= 3, NAMES
    for name in NAMES:
        assert (VARIANTS / f"{name}.txt").is_file(), name


@pytest.mark.parametrize("form", [".txt", ".pdf"])
@pytest.mark.parametrize("name", NAMES)
def test_variant_scores_perfectly(variants_out: tuple[Path, bool], name: str, form: str) -> None:
    out, have_pdf = variants_out
    if form == ".pdf" and not have_pdf:
        pytest.skip("corpora/make_pdf.py or its fonts are not installed")
    gold = json.loads((VARIANTS / f"{name}.gold.json").read_text(encoding="utf-8"))
    res = _scorer().score(gold, str(out), name + form)
    perfect = {k: round(res[k], 2) for k in KEYS} == {k: 1.0 for k in KEYS}
    if name in KNOWN_MISSES:  # scored all the same: a fixed miss must leave the list
        assert not perfect, f"{name} now scores 1.00: remove it from KNOWN_MISSES"
        pytest.xfail(KNOWN_MISSES[name])
    assert perfect, {k: res.get(k) for k in res if k.endswith(("missed", "fp", "detail"))}


def _rows(out: Path, table: str, source: str) -> list[dict[str, str]]:
    with open(out / "documents.csv", encoding="utf-8-sig", newline="") as f:
        ids = {d["doc_id"] for d in csv.DictReader(f) if d["source"].endswith(source)}
    with open(out / f"{table}.csv", encoding="utf-8-sig", newline="") as f:
        return [r for r in csv.DictReader(f) if r["doc_id"] in ids]


def test_new_year_issue_dates_its_figures(variants_out: tuple[Path, bool]) -> None:
    """Issue 1 of 2026 (12月29日—1月2日): the week's figures span the two years, the 2025年全年
    totals cover 2025, and 2025年全年 does not make them figures of 2026."""
    out, _ = variants_out
    figs = _rows(out, "figures", "weekly-2026-01.txt")
    week = [f for f in figs if f["scope"] == "week" and f["metric"] in ("受理", "办结")]
    assert week and {(f["period_start"], f["period_end"]) for f in week} == {("2025-12-29", "2026-01-02")}
    ytd = [f for f in figs if f["scope"] == "ytd"]
    assert ytd and {(f["period_start"], f["period_end"]) for f in ytd} == {("2025-01-01", "2025-12-31")}


def test_a_change_does_not_carry_to_the_next_figures(variants_out: tuple[Path, bool]) -> None:
    """出件3226件，较上周减少37件，答复群众咨询两千一百余人次: only 37 is a change."""
    out, _ = variants_out
    figs = {(f["metric"], f["value"]): f["scope"] for f in _rows(out, "figures", "weekly-2024-47.txt")}
    assert figs[("减少", "37")] == "change"
    assert figs[("答复咨询", "2100")] == "week"
    assert figs[("出件", "3226")] == "week"
