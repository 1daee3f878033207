"""The seed report, text and PDF form, scored against its gold extraction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from score_helpers import load_scorer

from reportparse.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"


def _scorer():
    return load_scorer(GOLDEN / "score.py")


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("seed") / "out"
    res = CliRunner().invoke(cli_main, ["extract", str(ROOT / "corpora"), "--out", str(out), "--quiet"])
    assert res.exit_code == 0, res.output
    return out


@pytest.mark.parametrize("form", [".txt", ".pdf"])
def test_seed_scores_perfectly(seed_out: Path, form: str) -> None:
    gold = json.loads((GOLDEN / "weekly-2023-35.gold.json").read_text(encoding="utf-8"))
    res = _scorer().score(gold, str(seed_out), form)
    keys = ["fig_r", "fig_p", "date_r", "date_p", "dept_r", "dept_p", "off_r", "off_p", "ref_r", "doc"]
    assert {k: round(res[k], 2) for k in keys} == {k: 1.0 for k in keys}, {
        k: res.get(k) for k in res if k.endswith(("missed", "fp", "detail"))
    }


def _rows(out: Path, table: str) -> list[dict[str, str]]:
    import csv

    with open(out / f"{table}.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("needle", ["1.9月8日", "川政公〔2023〕28号", "2023年第35期（总第455期）", "（共印91份）", "“8.21”"])
def test_numbers_in_dates_doc_numbers_issue_numbers_never_figures(seed_out: Path, needle: str) -> None:
    docs = {d["doc_id"]: d for d in _rows(seed_out, "documents") if "weekly-2023-35" in d["source"]}
    assert len(docs) == 2
    for doc_id in docs:
        text = (seed_out / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
        start = text.find(needle)
        assert start >= 0, needle
        end = start + len(needle)
        clash = [
            f for f in _rows(seed_out, "figures")
            if f["doc_id"] == doc_id and int(f["char_start"]) < end and start < int(f["char_end"])
        ]
        assert clash == [], clash


def test_every_row_carries_provenance(seed_out: Path) -> None:
    for table in ("figures", "dates", "departments", "officials", "references"):
        rows = _rows(seed_out, table)
        assert rows, table
        for r in rows:
            assert r["doc_id"] and r["rule"] and r["char_start"] and r["char_end"], (table, r)
    pdf_doc = next(d["doc_id"] for d in _rows(seed_out, "documents") if d["source"].endswith(".pdf"))
    pages = {r["page"] for r in _rows(seed_out, "figures") if r["doc_id"] == pdf_doc}
    assert pages >= {"1", "2"}


def test_offsets_point_at_the_text(seed_out: Path) -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (seed_out / "texts").glob("*.txt")}
    for r in _rows(seed_out, "dates"):
        assert texts[r["doc_id"]][int(r["char_start"]) : int(r["char_end"])] == r["text"]
    for r in _rows(seed_out, "departments"):
        assert texts[r["doc_id"]][int(r["char_start"]) : int(r["char_end"])] == r["mention"]
