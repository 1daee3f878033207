"""Coverage: numbers and date-like strings no rule claimed, the documents' share, --min-coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportparse.cli import main
from reportparse.coverage import below, find_numbers
from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

SECTION_2 = "二、省级政务服务事项受理办理情况"


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.mark.parametrize(("text", "found"), [
    ("1.9月8日，省中心", [("1", "number"), ("9月8日", "date-like")]),
    ("川政公〔2023〕28号", [("2023", "number"), ("28", "number")]),
    ("设备17.11万台（套），占比56.1%", [("17.11万", "number"), ("56.1%", "number")]),
    ("2023年9月15日；2023-09-08；8日", [("2023年9月15日", "date-like"), ("2023-09-08", "date-like"),
                                      ("8日", "date-like")]),
    ("共 1,234 件", [("1,234", "number")]),
    ("安全第一、二级巡视员", []),
])
def test_find_numbers(text: str, found: list[tuple[str, str]]) -> None:
    assert [(text[s:e], k) for s, e, k in find_numbers(text)] == found


def test_claimed_numbers_are_not_listed(rules) -> None:
    text = "1.本周受理 425 件，拨打 110 报警。\n2.9月8日，印发川政公〔2023〕28号。"
    fields, tables, trace, clean = parse_text(text, rules, {"year": 2023})
    assert [(r["text"], r["kind"], r["sentence"]) for r in tables["coverage"]] == [
        ("110", "number", "1.本周受理425件，拨打110报警。")]
    assert fields["coverage"] == round(1 - 1 / 7, 4)  # 1, 425, 110, 2, 9月8日, 2023, 28
    owners = {o for _, _, o in trace.claimed}
    assert {"section.marker", "figures", "dates", "references"} <= owners


def test_seed_unclaimed_numbers(tmp_path: Path, runner, seed_txt) -> None:
    """On the seed only 其它6类行权事项's 6 is unclaimed: it qualifies the subject, it is not a figure."""
    from reportparse import extract

    ex = extract([seed_txt], out=tmp_path / "out", formats="csv")
    cov = ex.coverage.drop(columns="doc_id").to_dict("records")
    assert [{k: r[k] for k in ("text", "kind", "section", "char_start", "char_end")} for r in cov] == [
        {"text": "6", "kind": "number", "section": SECTION_2, "char_start": 808, "char_end": 809}]
    assert "其它6类行权事项" in cov[0]["sentence"]
    doc = ex.documents.iloc[0]
    assert doc["coverage"] == 0.9831  # 58 of 59 numbers and dates
    assert (tmp_path / "out" / "coverage.csv").exists()


def test_min_coverage_exit_code(runner, tmp_path: Path, seed_txt) -> None:
    args = ["extract", str(seed_txt), "--format", "csv"]
    ok = runner.invoke(main, [*args, "--out", str(tmp_path / "a"), "--min-coverage", "0.9"])
    assert ok.exit_code == 0, ok.output
    assert "claimed" in ok.stderr and "98.3%" in ok.stderr
    low = runner.invoke(main, [*args, "--out", str(tmp_path / "b"), "-q", "--min-coverage", "0.99"])
    assert low.exit_code == 1
    assert "coverage 98.3% < 99.0%" in low.stderr and "weekly-2023-35.txt" in low.stderr
    bad = runner.invoke(main, [*args, "--out", str(tmp_path / "c"), "--min-coverage", "2"])
    assert bad.exit_code == 2


def test_below_ignores_documents_without_numbers() -> None:
    docs = [{"source": "a", "coverage": 0.5}, {"source": "b", "coverage": None}, {"source": "c"},
            {"source": "d", "coverage": 0.95}, {"source": "e", "coverage": float("nan")}]
    assert below(docs, 0.9) == [("a", 0.5)]
