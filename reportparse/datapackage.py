"""Describe and bundle an extract folder: ``datapackage.json`` and ``reportparse.duckdb``.

``datapackage.json`` follows the Frictionless Data Package layout: one resource per
table (path, format, schema fields with name, type and description from
``tables.TABLES``), plus the output contract version, the rules hash(es) and the
reportparse version. ``reportparse.duckdb`` holds every table with typed columns
and a view ``figures_documents`` (each figure with its document's fields).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ReportParseError
from .output import XLSX_NAME
from .tables import CONTRACT_VERSION, TABLES

if TYPE_CHECKING:
    import pandas as pd

DATAPACKAGE_NAME = "datapackage.json"
DUCKDB_NAME = "reportparse.duckdb"
_FRICTIONLESS = {"string": "string", "Int64": "integer", "Float64": "number", "boolean": "boolean",
                 "date": "date"}
_SQL = {"string": "VARCHAR", "Int64": "BIGINT", "Float64": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}
# Preferred file of a table in the package: the first of these formats that was written.
_RESOURCE_FORMATS = ("csv", "parquet", "jsonl", "xlsx", "duckdb")
_MEDIA = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "jsonl": "application/jsonl",
          "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "duckdb": "application/vnd.duckdb"}


def require_duckdb() -> None:
    """Raise ReportParseError with the pip command when duckdb is not installed."""
    try:
        import duckdb  # noqa: F401
    except ImportError:
        raise ReportParseError("format 'duckdb' needs the duckdb package: pip install 'reportparse[duckdb]'") from None


def _files(name: str, fmt: str) -> str:
    return {"xlsx": XLSX_NAME, "duckdb": DUCKDB_NAME}.get(fmt, f"{name}.{fmt}")


def _resource(name: str, fmts: Sequence[str], rows: int) -> dict[str, Any]:
    fmt = next(f for f in _RESOURCE_FORMATS if f in fmts)
    res: dict[str, Any] = {"name": name, "path": _files(name, fmt), "format": fmt, "mediatype": _MEDIA[fmt]}
    if fmt == "csv":
        res["encoding"] = "utf-8-sig"
    elif fmt == "jsonl":
        res["encoding"] = "utf-8"
    elif fmt == "xlsx":
        res["dialect"] = {"sheet": name[:31]}
    elif fmt == "duckdb":
        res["dialect"] = {"table": name}
    others = [_files(name, f) for f in _RESOURCE_FORMATS if f in fmts and f != fmt]
    if others:
        res["x-reportparse-other-files"] = others
    schema: dict[str, Any] = {"fields": [
        {"name": c.name, "type": _FRICTIONLESS[c.dtype], "description": c.description} for c in TABLES[name]
    ]}
    if name == "documents":
        schema["primaryKey"] = ["doc_id"]
    elif name not in ("errors",):
        schema["foreignKeys"] = [{"fields": ["doc_id"], "reference": {"resource": "documents",
                                                                        "fields": ["doc_id"]}}]
    res["schema"] = schema
    res["x-reportparse-rows"] = rows
    return res


def datapackage(frames: Mapping[str, pd.DataFrame], formats: Sequence[str], version: str = "") -> dict[str, Any]:
    """The ``datapackage.json`` descriptor of ``frames`` written in ``formats``."""
    docs = frames.get("documents")
    hashes: list[str] = []
    if docs is not None and "rules_hash" in docs:
        hashes = sorted({str(h) for h in docs["rules_hash"].dropna().tolist()})
    return {
        "profile": "data-package",
        "name": "reportparse-extract",
        "title": "Tables extracted by reportparse",
        "description": "One row per document, figure, date, department, official, cited document, error "
                       "and unclaimed number; tables join on doc_id. Offsets index texts/<doc_id>.txt.",
        "x-reportparse": {"contract_version": CONTRACT_VERSION, "rules_hashes": hashes,
                          "reportparse_version": version},
        "resources": [_resource(n, formats, len(f)) for n, f in frames.items() if n in TABLES],
    }


def write_datapackage(frames: Mapping[str, pd.DataFrame], out_dir: str | Path, formats: Sequence[str],
                      version: str = "") -> Path:
    """Write ``out_dir/datapackage.json`` (stable bytes: sorted hashes, no timestamps)."""
    path = Path(out_dir) / DATAPACKAGE_NAME
    text = json.dumps(datapackage(frames, formats, version), ensure_ascii=False, indent=2) + "\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write_duckdb(frames: Mapping[str, pd.DataFrame], out_dir: str | Path) -> Path:
    """Write every frame as a typed table of ``out_dir/reportparse.duckdb`` plus the view
    ``figures_documents``; the file is replaced whole."""
    require_duckdb()
    import duckdb

    path = Path(out_dir) / DUCKDB_NAME
    tmp = path.with_name(path.name + ".tmp")
    for p in (tmp, tmp.with_name(tmp.name + ".wal")):
        p.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        for name, frame in frames.items():
            cols = TABLES.get(name)
            if cols is None:
                continue
            con.execute(f"CREATE TABLE {_q(name)} ("
                        + ", ".join(f"{_q(c.name)} {_SQL[c.dtype]}" for c in cols) + ")")
            if len(frame):
                con.register("_frame", frame)
                select = ", ".join(f"CAST({_q(c.name)} AS {_SQL[c.dtype]})" for c in cols)
                con.execute(f"INSERT INTO {_q(name)} SELECT {select} FROM _frame")
                con.unregister("_frame")
        if "figures" in frames and "documents" in frames:
            con.execute(_view_sql())
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, path)
    return path


def _view_sql() -> str:
    """``figures_documents``: every figures column, then the documents columns (doc_ prefix on clashes)."""
    fig = [c.name for c in TABLES["figures"]]
    doc_cols = [c.name for c in TABLES["documents"] if c.name != "doc_id"]
    parts = [f"f.{_q(c)}" for c in fig]
    parts += [f"d.{_q(c)} AS {_q('doc_' + c if c in fig else c)}" for c in doc_cols]
    return ("CREATE VIEW figures_documents AS SELECT " + ", ".join(parts)
            + " FROM figures AS f LEFT JOIN documents AS d ON f.doc_id = d.doc_id")
