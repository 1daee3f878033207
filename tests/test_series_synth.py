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
    assert check(out).violations == []
    p = panel(out)
    assert len(p.frame) == 30
    assert list(p.frame.columns[: len(ID_COLUMNS)]) == list(ID_COLUMNS)
    aliases = load_metric_aliases()
    figures = pd.read_csv(out / "figures.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    expected: dict[tuple[str, str], float] = {}
    for r in figures.itertuples():
        metric = aliases.get(r.metric, r.metric)
        name = f"{r.subject}·{metric}" if r.subject else metric
        col = "|".join([name, r.scope] + ([r.department] if r.department else []))
        expected.setdefault((r.doc_id, col), float(r.value))
    assert {col for _, col in expected} == set(p.value_columns)  # one column per metric x scope
    by_doc = p.frame.set_index("doc_id")
    for (doc_id, col), value in expected.items():
        assert by_doc.loc[doc_id, col] == value
