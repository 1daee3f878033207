"""datapackage.json beside the tables, and --format duckdb (tables + view figures_documents)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from reportparse import extract
from reportparse.api import version
from reportparse.cli import main
from reportparse.errors import ReportParseError
from reportparse.tables import CONTRACT_VERSION, CORE_TABLES, TABLES

TYPES = {"string": "string", "Int64": "integer", "Float64": "number", "boolean": "boolean", "date": "date"}


def test_datapackage_describes_every_table(tmp_path: Path, seed_txt: Path) -> None:
    out = tmp_path / "out"
    ex = extract([seed_txt], out=out, formats="csv,parquet", terms=True)
    pkg = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["profile"] == "data-package"
    meta = pkg["x-reportparse"]
    assert meta == {"contract_version": CONTRACT_VERSION, "rules_hashes": [ex.documents["rules_hash"][0]],
                    "reportparse_version": version()}
    res = {r["name"]: r for r in pkg["resources"]}
    assert list(res) == [*CORE_TABLES, "terms"]
    for name, r in res.items():
        assert r["path"] == f"{name}.csv" and (out / r["path"]).exists()
        assert r["format"] == "csv" and r["encoding"] == "utf-8-sig"
        assert r["x-reportparse-other-files"] == [f"{name}.parquet"]
        assert [(f["name"], f["type"], f["description"]) for f in r["schema"]["fields"]] == [
            (c.name, TYPES[c.dtype], c.description) for c in TABLES[name]]
        assert r["x-reportparse-rows"] == len(ex.tables[name])
    assert res["documents"]["schema"]["primaryKey"] == ["doc_id"]
    assert res["figures"]["schema"]["foreignKeys"][0]["reference"] == {"resource": "documents",
                                                                     "fields": ["doc_id"]}


def test_datapackage_is_stable_and_follows_the_formats(tmp_path: Path, seed_txt: Path) -> None:
    extract([seed_txt], out=tmp_path / "a", formats="csv")
    extract([seed_txt], out=tmp_path / "b", formats="csv")
    assert (tmp_path / "a" / "datapackage.json").read_bytes() == (tmp_path / "b" / "datapackage.json").read_bytes()
    extract([seed_txt], out=tmp_path / "x", formats="xlsx")
    pkg = json.loads((tmp_path / "x" / "datapackage.json").read_text(encoding="utf-8"))
    figures = next(r for r in pkg["resources"] if r["name"] == "figures")
    assert figures["path"] == "tables.xlsx" and figures["dialect"] == {"sheet": "figures"}


def test_duckdb_has_typed_tables_and_the_figures_documents_view(tmp_path: Path, seed_txt: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "out"
    ex = extract([seed_txt], out=out, formats="duckdb,parquet")
    con = duckdb.connect(str(out / "reportparse.duckdb"), read_only=True)
    try:
        names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert names == {*CORE_TABLES, "figures_documents"}
        types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                 "WHERE table_name = 'documents'").fetchall())
        assert types["period_start"] == "DATE" and types["year"] == "BIGINT" and types["coverage"] == "DOUBLE"
        n, total = con.execute("SELECT count(*), sum(value) FROM figures").fetchone()
        assert n == len(ex.figures) and total == pytest.approx(float(ex.figures["value"].sum()))
        row = con.execute("SELECT metric, value, unit, title, year, issue_no, doc_period_start, period_end "
                          "FROM figures_documents WHERE value = 13110").fetchone()
        assert row[:6] == ("受理", 13110.0, "件", "窗口工作周报", 2023, 35)
        assert str(row[6]) == "2023-09-04"
        assert con.execute('SELECT count(*) FROM "references"').fetchone()[0] == len(ex.references)
        assert con.execute("SELECT count(*) FROM figures_documents").fetchone()[0] == len(ex.figures)
    finally:
        con.close()
    pkg = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["resources"][0]["path"] == "documents.parquet"
    assert pkg["resources"][0]["x-reportparse-other-files"] == ["reportparse.duckdb"]
    assert not list(out.glob("*.tmp*"))


def test_missing_duckdb_is_a_clear_error(tmp_path: Path, seed_txt: Path, runner, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb now raises ImportError
    with pytest.raises(ReportParseError, match=r"pip install 'reportparse\[duckdb\]'"):
        extract([seed_txt], out=tmp_path / "a", formats="duckdb")
    result = runner.invoke(main, ["extract", str(seed_txt), "--out", str(tmp_path / "b"), "--format", "csv,duckdb"])
    assert result.exit_code == 2 and "reportparse[duckdb]" in result.output
    assert not (tmp_path / "b").exists()
