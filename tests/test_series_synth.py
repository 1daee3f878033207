"""check and panel end to end: a generated 30-issue corpus (corpora/synth.py) through extract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reportparse.api import extract
from reportparse.checks import check
from reportparse.panel import ID_COLUMNS, panel
from reportparse.series import load_metric_aliases

SYNTH = Path(__file__).resolve().parents[1] / "corpora" / "synth.py"
pytestmark = pytest.mark.skipif(not SYNTH.is_file(), reason="corpora/synth.py not there yet")


def _corpus(tmp_path: Path, plant: str | None) -> tuple[Path, Path]:
    src = tmp_path / "src"
    args = [sys.executable, str(SYNTH), str(src), "--n", "30", "--seed", "1", "--format", "txt"]
    subprocess.run(args + (["--plant", plant] if plant else []), check=True, capture_output=True)
    out = tmp_path / "out"
    extract([src], out=out, formats=("csv",), jobs=1)
    return src, out


def _truth_tables(src: Path, out: Path) -> Path:
    """documents + figures straight from the generator's truth JSON (no extraction)."""
    from reportparse.output import write_tables
    from reportparse.tables import rows_to_frame

    docs, figs = [], []
    for path in sorted(src.glob("*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        doc_id = path.name.split(".")[0]
        docs.append({**truth["document"], "doc_id": doc_id, "status": "ok"})
        text = (src / f"{doc_id}.txt").read_text(encoding="utf-8")
        for f in truth["figures"]:  # the truth has no value_text: 4.69万 is only exact to ±50
            wan = f"{f['value'] / 1e4:g}万"
            figs.append({**f, "doc_id": doc_id, "value_text": wan if wan in text else str(f["value"])})
    write_tables({"documents": rows_to_frame("documents", docs), "figures": rows_to_frame("figures", figs)},
                 out, ("csv",))
    return out


def test_check_on_truth_finds_exactly_the_planted_faults(tmp_path: Path) -> None:
    src = tmp_path / "src"
    subprocess.run([sys.executable, str(SYNTH), str(src), "--n", "30", "--seed", "1", "--format", "txt",
                    "--plant", "ytd,missing,overlap"], check=True, capture_output=True)
    res = check(_truth_tables(src, tmp_path / "out"))
    planted = json.loads((src / "planted.json").read_text(encoding="utf-8"))["planted"]
    assert sorted((v.kind, v.issue_nos[-1]) for v in res.violations) == sorted(
        (p["expect"], p["issue"] if p["kind"] != "missing" else _next(p["issue"])) for p in planted)


def _next(label: str) -> str:
    year, no = label.split("/")
    return f"{year}/{int(no) + 1}"


def test_check_finds_exactly_the_planted_faults(tmp_path: Path) -> None:
    src, out = _corpus(tmp_path, "ytd,missing,overlap")
    res = check(out)
    kinds = sorted(v.kind for v in res.violations)
    assert kinds == ["missing_issue", "period_overlap", "ytd_mismatch"], [v.row() for v in res.violations]
    assert res.exit_code == 1
    planted = json.loads((src / "planted.json").read_text(encoding="utf-8"))
    assert len(planted if isinstance(planted, list) else planted.get("planted", planted)) == 3


def test_panel_on_the_clean_corpus(tmp_path: Path) -> None:
    import pandas as pd

    _, out = _corpus(tmp_path, None)
    p = panel(out)
    assert len(p.frame) == 30
    assert list(p.frame.columns[: len(ID_COLUMNS)]) == list(ID_COLUMNS)
    aliases = load_metric_aliases()
    figures = pd.read_csv(out / "figures.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    units: dict[tuple[str, str, str, str], set[str]] = {}
    for r in figures.itertuples():
        units.setdefault((aliases.get(r.metric, r.metric), r.subject, r.scope, r.department), set()).add(r.unit)
    expected: dict[tuple[str, str], float] = {}
    for r in figures.itertuples():
        metric = aliases.get(r.metric, r.metric)
        name = f"{r.subject}·{metric}" if r.subject else metric
        if len(units[(metric, r.subject, r.scope, r.department)]) > 1:
            name += f" ({r.unit})"
        col = "|".join([name, r.scope] + ([r.department] if r.department else []))
        expected.setdefault((r.doc_id, col), float(r.value))
    assert {col for _, col in expected} == set(p.value_columns)  # one column per metric x scope
    by_doc = p.frame.set_index("doc_id")
    for (doc_id, col), value in expected.items():
        assert by_doc.loc[doc_id, col] == value
