"""--engine dask: a LocalCluster of 2 workers gives the rows of the local run, plus year partitions."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from reportparse.api import extract
from reportparse.errors import ReportParseError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def corpus(tmp_path: Path, bad_inputs) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(ROOT / "corpora" / "weekly-2023-35.pdf", d / "a.pdf")
    shutil.copy(ROOT / "corpora" / "weekly-2023-35.txt", d / "b.txt")
    shutil.copy(bad_inputs["truncated"], d / "c.pdf")
    return d


def test_dask_local_cluster_gives_the_local_rows(tmp_path, corpus):
    pytest.importorskip("dask.distributed")
    import pandas as pd

    local = extract([corpus], out=tmp_path / "local", jobs=1, cache=False)
    dask = extract([corpus], out=tmp_path / "dask", jobs=2, cache=False, engine="dask")
    for name, frame in local.tables.items():
        pd.testing.assert_frame_equal(frame, dask.tables[name], obj=name)
    assert dask.exit_code == local.exit_code == 1
    for f in ("figures.csv", "documents.parquet"):
        assert (tmp_path / "local" / f).read_bytes() == (tmp_path / "dask" / f).read_bytes()
    parts = sorted(p.relative_to(tmp_path / "dask").as_posix() for p in (tmp_path / "dask").rglob("year=*"))
    assert "figures/year=2023" in parts and "documents/year=__HIVE_DEFAULT_PARTITION__" in parts
    back = pd.read_parquet(tmp_path / "dask" / "figures")
    assert len(back) == len(local.figures) and set(back["year"].astype(str)) == {"2023"}


def test_missing_dask_names_the_extra(tmp_path, corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(ReportParseError, match=r"pip install 'reportparse\[dask\]'"):
        extract([corpus], jobs=2, cache=False, engine="dask")
