"""The output tables: columns declared once, rows to frames, frames to files.

Every table of ``output-contract.md`` is declared in ``TABLES`` with its
columns in contract order, followed by reportparse's extra columns. Dtypes
are pandas nullable ones (``Int64``, ``Float64``, ``boolean``, ``string``);
``date`` columns hold ISO ``YYYY-MM-DD`` strings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import ReportParseError
from .settings import FORMATS

if TYPE_CHECKING:
    import pandas as pd


class Column(NamedTuple):
    """One column of an output table."""

    name: str
    dtype: str  # string, Int64, Float64, boolean, date
    description: str


def _cols(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in specs)


_PROVENANCE = (
    ("page", "Int64", "1-based page; empty for plain text"),
    ("char_start", "Int64", "offset in the cleaned text (texts/<doc_id>.txt)"),
    ("char_end", "Int64", "end offset in the cleaned text, exclusive"),
    ("rule", "string", "id of the rule that produced the row"),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "documents": _cols(
        ("doc_id", "string", "first 16 hex chars of the file's sha256"),
        ("source", "string", "path as given on the command line"),
        ("sha256", "string", "sha256 of the file bytes"),
        ("format", "string", "pdf, txt, md, ..."),
        ("pages", "Int64", "page count; empty for text formats"),
        ("extractor", "string", "pdfplumber, pypdfium2, text, ..."),
        ("status", "string", "ok, empty, error"),
        ("error", "string", "one-line message when status is error"),
        ("title", "string", "report title, e.g. 窗口工作周报"),
        ("publisher", "string", "issuing body"),
        ("year", "Int64", "year of the issue"),
        ("issue_no", "Int64", "issue number within the year"),
        ("issue_total", "Int64", "running issue number (总第 N 期)"),
        ("period_start", "date", "first day of the period the issue covers"),
        ("period_end", "date", "last day of the period the issue covers"),
        ("published", "date", "date printed on the issue"),
        ("copies_printed", "Int64", "from （共印N份）"),
        ("n_chars", "Int64", "length of the cleaned text"),
        ("rules_hash", "string", "short hash of the rule files used"),
        ("reportparse_version", "string", "version of reportparse that wrote the row"),
        ("coverage", "Float64", "share (0-1) of the text's numbers and dates some rule claimed"),
        ("fallback_pages", "string", "PDF pages read by PDFium because pdfplumber lost characters there, '2;5'"),
        ("chars_lost", "Int64", "characters pdfplumber lost that PDFium found (0: none; empty: not checked)"),
    ),
    "figures": _cols(
        ("doc_id", "string", "document id"),
        ("section", "string", "section path, headings joined by ' > '"),
        ("subject", "string", "what is counted, when the sentence says"),
        ("metric", "string", "the action or measure (咨询, 受理, 占比 ...)"),
        ("value", "Float64", "normalized number in base units"),
        ("value_from", "Float64", "previous value of a change (从 747 调整为 750: 747)"),
        ("unit", "string", "unit as written, brackets kept"),
        ("scope", "string", "week, ytd, cumulative, change, other"),
        ("period_start", "date", "first day the value covers"),
        ("period_end", "date", "last day the value covers"),
        ("department", "string", "canonical department the figure belongs to"),
        ("sentence", "string", "the sentence holding the figure"),
        *_PROVENANCE,
        ("value_text", "string", "the number as written"),
        ("approx", "boolean", "the text qualifies the number (约, 近, 超 ...)"),
    ),
    "dates": _cols(
        ("doc_id", "string", "document id"),
        ("text", "string", "the date expression as written"),
        ("start", "date", "first day"),
        ("end", "date", "last day (equal to start for a point)"),
        ("kind", "string", "point, range, relative"),
        *_PROVENANCE,
        ("section", "string", "section path of the sentence"),
    ),
    "departments": _cols(
        ("doc_id", "string", "document id"),
        ("mention", "string", "as written"),
        ("canonical", "string", "full official name"),
        *_PROVENANCE,
        ("known", "boolean", "the mention is in the department gazetteer"),
        ("kind", "string", "kind of body (department, bureau, commission ...)"),
        ("parent", "string", "canonical name of the parent body"),
    ),
    "officials": _cols(
        ("doc_id", "string", "document id"),
        ("name", "string", "person's name"),
        ("title", "string", "post as written, e.g. 党委书记、主任"),
        ("organization", "string", "canonical organization"),
        ("date", "date", "date of the event in the sentence"),
        ("sentence", "string", "the sentence naming the person"),
        *_PROVENANCE,
        ("organization_mention", "string", "organization as written"),
    ),
    "references": _cols(
        ("doc_id", "string", "document id"),
        ("kind", "string", "doc_number or title"),
        ("text", "string", "the reference as written (inside 《》 for titles)"),
        ("issuer", "string", "issuer code of a document number, e.g. 川政公"),
        ("year", "Int64", "year of a document number"),
        ("number", "Int64", "serial of a document number"),
        *_PROVENANCE,
    ),
    "errors": _cols(
        ("source", "string", "input path as given"),
        ("stage", "string", "ingest, layout, rules, write, ..."),
        ("error", "string", "one-line message"),
        ("doc_id", "string", "document id, when the file could be read"),
    ),
    "tokens": _cols(
        ("doc_id", "string", "document id"),
        ("sentence_id", "Int64", "sentence number within the document"),
        ("token_index", "Int64", "token number within the sentence"),
        ("token", "string", "the token"),
        ("pos", "string", "part-of-speech tag"),
        ("char_start", "Int64", "offset in the cleaned text"),
    ),
    "coverage": _cols(
        ("doc_id", "string", "document id"),
        ("text", "string", "a number or date-like string no rule claimed, as written"),
        ("kind", "string", "number or date-like"),
        ("sentence", "string", "the sentence holding it"),
        ("section", "string", "section path of the sentence"),
        *_PROVENANCE[:3],
    ),
    "terms": _cols(
        ("doc_id", "string", "document id"),
        ("rank", "Int64", "1 for the heaviest keyword"),
        ("term", "string", "keyword (jieba token)"),
        ("weight", "Float64", "TF-IDF weight (jieba's IDF table)"),
    ),
}

#: Tables written by every run, in output order; ``tokens`` is opt-in.
CORE_TABLES: tuple[str, ...] = (
    "documents", "figures", "dates", "departments", "officials", "references", "errors", "coverage",
)
#: Version of docs/output-contract.md the tables follow.
CONTRACT_VERSION = "1"
XLSX_NAME = "tables.xlsx"
_PANDAS_DTYPE = {"string": "string", "date": "string", "Int64": "Int64", "Float64": "Float64",
                 "boolean": "boolean"}
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def columns(table: str) -> list[str]:
    """Column names of ``table`` in output order."""
    return [c.name for c in _table(table)]


def _table(table: str) -> tuple[Column, ...]:
    try:
        return TABLES[table]
    except KeyError:
        raise ReportParseError(f"unknown table {table!r}; allowed: {', '.join(TABLES)}") from None


# -- rows to frames ---------------------------------------------------------------------------

def _is_null(v: Any) -> bool:
    if v is None or (isinstance(v, str) and not v.strip()):
        return True
    if isinstance(v, float):
        return math.isnan(v)
    return type(v).__name__ in ("NAType", "NaTType")


def _to_int(v: Any) -> int | None:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    try:
        f = float(str(v).replace(",", "").strip()) if isinstance(v, str) else float(v)
    except (TypeError, ValueError):
        return None
    return int(f) if math.isfinite(f) and f == int(f) else None


def _to_float(v: Any) -> float | None:
    try:
        f = float(v.replace(",", "").strip()) if isinstance(v, str) else float(v)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(f):
        return None
    return float(f"{f:.15g}")  # drop binary noise: 0.561*100 -> 56.1


def _to_bool(v: Any) -> bool | None:
    if isinstance(v, str):
        s = v.strip().lower()
        return True if s in ("true", "1", "yes") else False if s in ("false", "0", "no") else None
    return bool(v)


def _to_date(v: Any) -> str:
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


_CONVERT = {"Int64": _to_int, "Float64": _to_float, "boolean": _to_bool, "date": _to_date, "string": str}


def rows_to_frame(table: str, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """A DataFrame of ``table`` with its declared columns, in order, with nullable dtypes.

    Keys a row lacks become nulls; keys no column declares are dropped.
    """
    import pandas as pd

    cols = _table(table)
    rows = list(rows)
    data = {}
    for col in cols:
        conv = _CONVERT[col.dtype]
        values = []
        for row in rows:
            v = row.get(col.name)
            values.append(None if _is_null(v) else conv(v))
        data[col.name] = pd.array(values, dtype=_PANDAS_DTYPE[col.dtype])
    return pd.DataFrame(data, columns=[c.name for c in cols])


def empty_frame(table: str) -> pd.DataFrame:
    """A typed DataFrame of ``table`` with no rows."""
    return rows_to_frame(table, [])


# -- frames to files --------------------------------------------------------------------------

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


def _write_csv(name: str, frame: pd.DataFrame, out_dir: Path) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(list(frame.columns))
    for rec in _records(frame):
        w.writerow([_text_cell(v) for v in rec])
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
