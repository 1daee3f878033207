"""Output tables: declared columns, dtypes, and the csv/parquet/xlsx/jsonl writers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reportparse.errors import ReportParseError
from reportparse.output import XLSX_NAME, parse_formats, write_tables
from reportparse.tables import CORE_TABLES, TABLES, columns, rows_to_frame

CONTRACT = {
    "documents": ["doc_id", "source", "sha256", "format", "pages", "extractor", "status", "error", "title",
                  "publisher", "year", "issue_no", "issue_total", "period_start", "period_end", "published",
                  "copies_printed", "n_chars"],
    "figures": ["doc_id", "section", "subject", "metric", "value", "value_from", "unit", "scope",
                "period_start", "period_end", "department", "sentence", "page", "char_start", "char_end",
                "rule"],
    "dates": ["doc_id", "text", "start", "end", "kind", "page", "char_start", "char_end", "rule"],
    "departments": ["doc_id", "mention", "canonical", "page", "char_start", "char_end", "rule"],
    "officials": ["doc_id", "name", "title", "organization", "date", "sentence", "page", "char_start",
                  "char_end", "rule"],
    "references": ["doc_id", "kind", "text", "issuer", "year", "number", "page", "char_start", "char_end",
                   "rule"],
    "errors": ["source", "stage", "error"],
}
EXTRA = {
    "documents": ["rules_hash", "reportparse_version", "coverage", "pages_without_text", "fallback_pages", "chars_lost",
                  "warnings", "ocr_pages", "ocr_confidence"],
    "figures": ["value_text", "approx", "basis", "indicator", "target", "negated", "bound"],
    "dates": ["section"],
    "departments": ["known", "kind", "parent", "successor", "jurisdiction", "level", "division_code"],
    "officials": ["organization_mention"],
    "references": [],
    "errors": ["doc_id"],
}

FIGURES = [
    {"doc_id": "abc", "metric": "占比", "value": 0.561 * 100, "unit": "%", "page": None, "approx": False,
     "period_start": dt.date(2023, 9, 4), "sentence": "占比56.1%", "char_start": 3, "ignored": "x"},
    {"doc_id": "abc", "metric": "设备", "value": 17.11 * 10000, "unit": "台（套）", "value_text": "17.11万"},
    {"doc_id": "abc", "metric": "受理", "value": 425, "value_from": None, "unit": "件", "page": 2},
]


@pytest.mark.parametrize("table", list(CONTRACT))
def test_contract_columns_in_order_then_extras(table):
    assert columns(table) == CONTRACT[table] + EXTRA[table]


def test_tokens_table_is_declared_but_not_core():
    assert columns("tokens") == ["doc_id", "sentence_id", "token_index", "token", "pos", "char_start"]
    assert "tokens" not in CORE_TABLES and set(CORE_TABLES) <= set(TABLES)


def test_every_column_has_a_known_dtype_and_description():
    for cols in TABLES.values():
        for col in cols:
            assert col.dtype in {"string", "Int64", "Float64", "boolean", "date"}
            assert col.description


def test_rows_to_frame_dtypes_and_values():
    df = rows_to_frame("figures", FIGURES)
    assert list(df.columns) == columns("figures")
    assert str(df["value"].dtype) == "Float64" and str(df["page"].dtype) == "Int64"
    assert str(df["approx"].dtype) == "boolean" and str(df["period_start"].dtype) == "string"
    assert df["value"].tolist() == [56.1, 171100.0, 425.0]
    assert df["period_start"][0] == "2023-09-04"
    assert df["page"].isna().tolist() == [True, True, False]


def test_empty_frame_keeps_typed_columns():
    df = rows_to_frame("officials", [])
    assert list(df.columns) == columns("officials") and len(df) == 0
    assert str(df["page"].dtype) == "Int64"


def test_unknown_table_and_format_name_the_allowed_values():
    with pytest.raises(ReportParseError, match="allowed"):
        rows_to_frame("nope", [])
    with pytest.raises(ReportParseError, match=r"'xml'.*allowed: csv, parquet, xlsx, jsonl"):
        parse_formats("csv,xml")
    assert parse_formats(" CSV, parquet,csv ") == ("csv", "parquet")


def _write(out: Path, formats: str = "csv,parquet,xlsx,jsonl") -> list[Path]:
    frames = {
        "figures": rows_to_frame("figures", FIGURES),
        "errors": rows_to_frame("errors", [{"source": "x.pdf", "stage": "ingest", "error": "bad"}]),
        "dates": rows_to_frame("dates", []),
    }
    return write_tables(frames, out, formats)


def test_csv_has_bom_no_nan_and_plain_numbers(tmp_path):
    _write(tmp_path, "csv")
    raw = (tmp_path / "figures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    for bad in ("nan", "None", "<NA>", "NaN", "425.0", "171100.0", "56.10000"):
        assert bad not in text
    lines = text.splitlines()
    assert lines[0] == ",".join(columns("figures"))
    assert ",56.1,,%," in lines[1] and ",171100,," in lines[2] and ",425,,件," in lines[3]
    assert (tmp_path / "dates.csv").read_bytes().decode("utf-8-sig").splitlines() == [",".join(columns("dates"))]


def test_parquet_keeps_nulls_as_nulls(tmp_path):
    import pyarrow.parquet as pq

    _write(tmp_path, "parquet")
    t = pq.read_table(tmp_path / "figures.parquet")
    assert t.column_names == columns("figures")
    assert t.column("page").to_pylist() == [None, None, 2]
    assert t.column("value").to_pylist() == [56.1, 171100.0, 425.0]
    assert t.column("approx").to_pylist() == [False, None, None]
    assert str(t.schema.field("char_start").type) == "int64"


def test_xlsx_opens_with_a_sheet_per_table(tmp_path):
    import openpyxl

    _write(tmp_path, "xlsx")
    wb = openpyxl.load_workbook(tmp_path / XLSX_NAME)
    assert wb.sheetnames == ["figures", "errors", "dates"]
    rows = list(wb["figures"].values)
    assert list(rows[0]) == columns("figures")
    assert rows[3][columns("figures").index("value")] == 425


def test_jsonl_parses_with_nulls(tmp_path):
    _write(tmp_path, "jsonl")
    rows = [json.loads(line) for line in (tmp_path / "figures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3 and list(rows[0]) == columns("figures")
    assert rows[0]["page"] is None and rows[0]["value"] == 56.1 and rows[2]["value"] == 425
    assert "台（套）" in (tmp_path / "figures.jsonl").read_text(encoding="utf-8")


def test_rerun_gives_identical_bytes(tmp_path):
    first = {p.name: p.read_bytes() for p in _write(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in _write(tmp_path / "b")}
    assert first.keys() == second.keys() and XLSX_NAME in first
    for name in first:
        assert first[name] == second[name], name
