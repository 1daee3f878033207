"""Output: typed frames to files (csv with BOM, parquet, jsonl, xlsx, duckdb), byte-stable.

The last stage of the pipeline. Each writer writes to a temporary name and renames, so a
crash never leaves a half-written table; reruns on the same input give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ReportParseError
from .settings import FORMATS
from .tables import _is_null

if TYPE_CHECKING:
    import pandas as pd

XLSX_NAME = "tables.xlsx"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def parse_formats(value: str | Sequence[str]) -> tuple[str, ...]:
    """``"csv,parquet"`` or a sequence -> a tuple of known formats, duplicates dropped.

    Raises ReportParseError naming the bad value and the allowed ones.
    """
    items = value.split(",") if isinstance(value, str) else list(value)
    out: list[str] = []
    for item in items:
        f = str(item).strip().lower()
        if not f:
            continue
        if f not in FORMATS:
            raise ReportParseError(f"unknown format {item!r}; allowed: {', '.join(FORMATS)}")
        if f not in out:
            out.append(f)
    if not out:
        raise ReportParseError(f"no output format given; allowed: {', '.join(FORMATS)}")
    return tuple(out)


def _cell(v: Any) -> Any:
    """A frame cell as a plain Python value; None for nulls."""
    if _is_null(v):
        return None
    if hasattr(v, "item"):  # numpy scalar
        v = v.item()
    return v


def _text_cell(v: Any) -> str:
    v = _cell(v)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return _fmt_float(v)
    return str(v)


def _fmt_float(v: float) -> str:
    if v == int(v) and abs(v) < 1e16:
        return str(int(v))
    return repr(float(f"{v:.15g}"))


def _json_cell(v: Any) -> Any:
    v = _cell(v)
    if isinstance(v, float) and v == int(v) and abs(v) < 1e16:
        return int(v)
    return v


def _records(frame: pd.DataFrame) -> Iterable[list[Any]]:
    cols = [frame[c].tolist() for c in frame.columns]
    return zip(*cols, strict=True) if cols else iter(())


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _text_column(values: list[Any], dtype: str) -> list[str]:
    """A column's cells as CSV text, as :func:`_text_cell` writes them, by dtype (fast: per cell)."""
    if dtype == "string":
        return [v if type(v) is str and v.strip() else _text_cell(v) for v in values]
    if dtype == "Int64":
        return [str(v) if type(v) is int else _text_cell(v) for v in values]
    if dtype == "Float64":
        return [_fmt_float(v) if type(v) is float and v == v else _text_cell(v) for v in values]
    return [_text_cell(v) for v in values]


def _write_csv(name: str, frame: pd.DataFrame, out_dir: Path) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(list(frame.columns))
    cols = [_text_column(frame[c].tolist(), str(frame[c].dtype)) for c in frame.columns]
    w.writerows(zip(*cols, strict=True))
    path = out_dir / f"{name}.csv"
    _atomic_write(path, buf.getvalue().encode("utf-8-sig"))
    return path


def _write_jsonl(name: str, frame: pd.DataFrame, out_dir: Path) -> Path:
    cols = list(frame.columns)
    lines = [
        json.dumps(dict(zip(cols, (_json_cell(v) for v in rec), strict=True)), ensure_ascii=False)
        for rec in _records(frame)
    ]
    path = out_dir / f"{name}.jsonl"
    _atomic_write(path, "".join(line + "\n" for line in lines).encode("utf-8"))
    return path


def _write_parquet(name: str, frame: pd.DataFrame, out_dir: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    buf = pa.BufferOutputStream()
    pq.write_table(table, buf)
    path = out_dir / f"{name}.parquet"
    _atomic_write(path, buf.getvalue().to_pybytes())
    return path


def _write_xlsx(frames: Mapping[str, pd.DataFrame], out_dir: Path) -> Path:
    try:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    except ImportError:
        raise ReportParseError("xlsx output needs openpyxl: pip install 'reportparse[xlsx]'") from None

    wb = Workbook()
    wb.remove(wb.active)
    fixed = dt.datetime(2000, 1, 1)
    wb.properties.created = wb.properties.modified = fixed
    for name, frame in frames.items():
        ws = wb.create_sheet(title=name[:31])
        ws.append(list(frame.columns))
        for rec in _records(frame):
            row = []
            for v in rec:
                v = _json_cell(v)
                if isinstance(v, str):
                    v = ILLEGAL_CHARACTERS_RE.sub("", v)
                row.append(v)
            ws.append(row)
    raw = io.BytesIO()
    wb.save(raw)
    path = out_dir / XLSX_NAME
    _atomic_write(path, _fixed_zip(raw.getvalue(), fixed))
    return path


def _fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a zip with fixed entry times so reruns give identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" with now()
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + when.isoformat().encode() + b"Z",
                              body)
            zi = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, body)
    return out.getvalue()


def write_tables(
    frames: Mapping[str, pd.DataFrame], out_dir: str | Path, formats: str | Sequence[str] = ("csv", "parquet")
) -> list[Path]:
    """Write each frame as ``out_dir/<table>.<ext>`` per format (xlsx: one workbook, a sheet a table).

    Returns the written paths. Raises ReportParseError for an unknown or unsupported format
    or a folder that cannot be written.
    """
    fmts = parse_formats(formats)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for fmt in fmts:
            if fmt == "xlsx":
                written.append(_write_xlsx(frames, out))
                continue
            if fmt == "duckdb":
                from .datapackage import write_duckdb

                written.append(write_duckdb(frames, out))
                continue
            writer = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}[fmt]
            written.extend(writer(name, frame, out) for name, frame in frames.items())
    except OSError as exc:
        raise ReportParseError(f"cannot write to {out}: {exc.strerror or exc}") from exc
    return written
