"""The output tables: columns declared once, rows to typed frames (files: output.py).

Every table of ``output-contract.md`` is declared in ``TABLES`` with its
columns in contract order, followed by reportparse's extra columns. Dtypes
are pandas nullable ones (``Int64``, ``Float64``, ``boolean``, ``string``);
``date`` columns hold ISO ``YYYY-MM-DD`` strings.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import ReportParseError

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
        ("format", "string", "pdf, txt, md, docx, html, image"),
        ("pages", "Int64", "page count; empty for text formats"),
        ("extractor", "string", "pdfplumber, pypdfium2, text, ocr (every page read by OCR), ..."),
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
        ("pages_without_text", "string", "PDF pages with no text layer that OCR did not read (not installed, off, or no text found), '1;20'"),
        ("fallback_pages", "string", "PDF pages read by PDFium because pdfplumber lost characters there, '2;5'"),
        ("chars_lost", "Int64", "characters pdfplumber lost that PDFium found (0: none; empty: not checked)"),
        ("warnings", "Int64", "rows of the warnings table for this document (damage the readers reported)"),
        ("ocr_pages", "string", "pages read by OCR (no usable text layer, or --ocr always), '1;20'"),
        ("ocr_confidence", "Float64", "OCR confidence (0-1) of the characters of those pages, mean of the pages'"),
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
        ("basis", "string", "what a change is measured against, as written (比上年, 同比, 较上周 ...)"),
        ("indicator", "string", "what the figure measures, the same for a level and its change (地区生产总值)"),
        ("target", "boolean", "a target or forecast, not a measured value (预期目标, 左右 in a plan)"),
        ("negated", "boolean", "a negation governs the number (尚未审结37件: 37 not concluded)"),
        ("bound", "string", "the number is a limit: lt (不足10件), le (不超过, 以内, 以下), gt (超过), "
                            "ge (不少于, 以上); empty when exact"),
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
        ("successor", "string", "today's canonical name of a body a reform retired or renamed (省工商局, 2018: "
                                "四川省市场监督管理局); empty for a current body"),
        ("jurisdiction", "string", "canonical name of the body's place (周口市; 中华人民共和国 for a national body)"),
        ("level", "string", "national, province, prefecture, county or township"),
        ("division_code", "string", "GB/T 2260 code of the jurisdiction (411600), where known"),
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
    "cells": _cols(
        ("doc_id", "string", "document id"),
        ("table_id", "Int64", "ruled table's number within the document (1, 2 ...)"),
        ("table_title", "string", "the table's caption (a line with 表 just above it), when there is one"),
        ("page", "Int64", "1-based page of the table"),
        ("row", "Int64", "0-based row of the grid (header rows first)"),
        ("col", "Int64", "0-based column of the grid"),
        ("row_label", "string", "a number cell's row label: the nearest text cell to its left"),
        ("col_header", "string", "the header cells above the column, joined by '·'"),
        ("text", "string", "the cell's text as in the cleaned text"),
        ("value", "Float64", "a number cell's value in base units (万元 -> 元)"),
        ("unit", "string", "a number cell's unit: 单位 column, header bracket, %, or the 单位： line"),
        ("bbox", "string", "the cell's box on the page in points, 'x0,top,x1,bottom'"),
        ("char_start", "Int64", "offset of the cell's paragraph in the cleaned text; empty for an empty cell"),
        ("char_end", "Int64", "end offset in the cleaned text, exclusive"),
    ),
    "warnings": _cols(
        ("doc_id", "string", "document id"),
        ("page", "Int64", "1-based page; empty for the whole file or plain text"),
        ("stage", "string", "ingest, layout, ..."),
        ("message", "string", "what a reader or library reported: corrupted data, a lost page, "
                              "replaced characters, a page read by PDFium"),
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
    "documents", "figures", "dates", "departments", "officials", "references", "errors", "coverage", "cells",
    "warnings",
)
#: Version of docs/output-contract.md the tables follow.
CONTRACT_VERSION = "1"
_PANDAS_DTYPE = {"string": "string", "date": "string", "Int64": "Int64", "Float64": "Float64",
                 "boolean": "boolean"}


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
    """None, a blank string, NaN, pandas' NA/NaT (the plain types first: this runs per cell)."""
    if v is None:
        return True
    kind = type(v)
    if kind is str:
        return not v.strip()
    if kind is int or kind is bool:
        return False
    if kind is float:
        return v != v
    if isinstance(v, str):
        return not v.strip()
    if isinstance(v, float):
        return math.isnan(v)
    return kind.__name__ in ("NAType", "NaTType")


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
    is_null = _is_null
    for col in cols:
        conv, name = _CONVERT[col.dtype], col.name
        if col.dtype == "string":  # most cells: already a non-blank str, kept as it is
            values = [v if type(v) is str and v.strip() else None if is_null(v) else str(v)
                      for v in (row.get(name) for row in rows)]
        else:
            values = [None if is_null(v) else conv(v) for v in (row.get(name) for row in rows)]
        data[name] = pd.array(values, dtype=_PANDAS_DTYPE[col.dtype])
    return pd.DataFrame(data, columns=[c.name for c in cols])


def empty_frame(table: str) -> pd.DataFrame:
    """A typed DataFrame of ``table`` with no rows."""
    return rows_to_frame(table, [])
