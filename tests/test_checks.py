"""reportparse check: cross-issue consistency over an extract output folder."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from series_fixtures import find, issue_rows, plant, write_out

from reportparse.checks import CheckSettings, check, find_violations, rounding
from reportparse.cli import main
from reportparse.errors import ReportParseError
from reportparse.tables import rows_to_frame


def _violations(docs, figs, **settings):
    return find_violations(rows_to_frame("documents", docs), rows_to_frame("figures", figs),
                           CheckSettings(**settings), {"接待咨询": "咨询", "咨询": "咨询"})


def test_clean_series_has_no_violation() -> None:
    docs, figs = issue_rows()
    assert _violations(docs, figs) == []


def test_exactly_the_three_planted_faults(tmp_path: Path) -> None:
    out = write_out(tmp_path / "out", *plant(*issue_rows()))
    res = check(out)
    got = sorted((v.kind, v.metric, v.issue_nos) for v in res.violations)
    assert got == [
        ("missing_issue", "", ("2023/19", "2023/21")),
        ("period_overlap", "", ("2023/24", "2023/25")),
        ("ytd_mismatch", "受理 (件)", ("2023/10",)),
    ]
    wrong = next(v for v in res.violations if v.kind == "ytd_mismatch")
    assert float(wrong.found) - float(wrong.expected) == 1000
    assert next(v for v in res.violations if v.kind == "missing_issue").expected == "2023/20"
    assert res.exit_code == 1


def test_checks_csv(tmp_path: Path) -> None:
    out = write_out(tmp_path / "out", *plant(*issue_rows()), formats=("parquet",))
    res = check(out)
    assert res.path == out / "checks.csv"
    raw = res.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert list(rows[0]) == ["kind", "metric", "doc_ids", "issue_nos", "expected", "found", "detail"]
    assert {r["kind"] for r in rows} == {"missing_issue", "period_overlap", "ytd_mismatch"}
    assert next(r for r in rows if r["kind"] == "period_overlap")["doc_ids"] == "d024;d025"


def test_wan_rounding_is_not_a_violation() -> None:
    docs, figs = issue_rows(3)
    y1, w2, y2 = find(figs, "d001", "受理", "ytd"), find(figs, "d002", "受理", "week"), find(figs, "d002", "受理", "ytd")
    # printed as 886.9万 and 887.3万: a difference of 4000 ± 1000 against a week of 4321
    y1.update(value=8869000, value_text="886.9万")
    w2.update(value=4321, value_text="4321")
    y2.update(value=8873000, value_text="887.3万")
    find(figs, "d003", "受理", "ytd").update(value=8873000 + find(figs, "d003", "受理", "week")["value"],
                                             value_text="")
    assert _violations(docs, figs, jump_factor=100) == []
    y1["value_text"], y2["value_text"] = "8869000", "8873000"  # printed exactly: now 321 short
    assert [(v.kind, v.expected, v.found) for v in _violations(docs, figs, jump_factor=100)] == [
        ("ytd_mismatch", "8873321", "8873000")]


@pytest.mark.parametrize("written, slack", [
    ("887.3万", 500), ("887万", 5000), ("1.25亿", 500000), ("17.11万", 50), ("56.1", 0.05), ("425", 0),
    ("3,101", 0), ("", 0), ("三", 0),
])
def test_rounding(written: str, slack: float) -> None:
    assert rounding(written) == pytest.approx(slack)


def test_tolerance_absorbs_small_differences() -> None:
    docs, figs = issue_rows(5)
    find(figs, "d003", "咨询", "week")["value"] += 2  # the week figure is off by 2: one pair disagrees
    assert [(v.kind, v.issue_nos) for v in _violations(docs, figs)] == [
        ("ytd_mismatch", ("2023/2", "2023/3"))]
    assert _violations(docs, figs, tolerance=2) == []


def test_aliases_join_series() -> None:
    docs, figs = issue_rows(6)
    for f in figs:
        if f["doc_id"] == "d004" and f["metric"] == "咨询":
            f["metric"] = "接待咨询"
    assert _violations(docs, figs) == []


def test_duplicates_totals_and_holes() -> None:
    docs, figs = issue_rows(8)
    copy = dict(docs[2], doc_id="d003pdf", format="pdf")
    docs.append(copy)
    docs[5]["issue_total"] = 999                      # 总第 jumps
    docs[6]["issue_total"] = docs[4]["issue_total"]   # ... and repeats
    for d in docs[7:8]:                               # a two-week hole before issue 8
        d["period_start"] = (dt.date.fromisoformat(d["period_start"]) + dt.timedelta(days=7)).isoformat()
        d["period_end"] = (dt.date.fromisoformat(d["period_end"]) + dt.timedelta(days=7)).isoformat()
    kinds = [(v.kind, v.issue_nos) for v in _violations(docs, figs)]
    assert ("duplicate_issue", ("2023/3", "2023/3")) in kinds
    assert ("duplicate_total", ("2023/5", "2023/7")) in kinds
    assert ("issue_total", ("2023/5", "2023/6")) in kinds
    assert ("period_hole", ("2023/7", "2023/8")) in kinds
    assert not any(k == "period_hole" for k, _ in kinds if _ != ("2023/7", "2023/8"))
    assert ("period_hole", ("2023/7", "2023/8")) not in [
        (v.kind, v.issue_nos) for v in _violations(docs, figs, max_gap_days=10)]


def test_missing_issue_across_years_from_totals() -> None:
    a, fa = issue_rows(3, year=2023, first_total=100, start=dt.date(2023, 12, 11))
    b, fb = issue_rows(3, year=2024, first_total=104, start=dt.date(2024, 1, 8))
    for d in b:
        d["doc_id"] = "y" + d["doc_id"]
    for f in fb:
        f["doc_id"] = "y" + f["doc_id"]
    kinds = [(v.kind, v.issue_nos, v.expected) for v in _violations(a + b, fa + fb)]
    assert kinds == [("missing_issue", ("2023/3", "2024/1"), "总103")]


def test_jump_and_spike() -> None:
    docs, figs = issue_rows(8)
    find(figs, "d004", "受理", "week")["value"] *= 20          # a one-issue spike: one row
    for d in ("d007", "d008"):                                  # a level shift: one row
        find(figs, d, "咨询", "week")["value"] *= 50
    jumps = [(v.metric, v.issue_nos) for v in _violations(docs, figs) if v.kind == "jump"]
    assert jumps == [("受理 (件)", ("2023/4",)), ("咨询 (人次)", ("2023/6", "2023/7"))]
    assert not [v for v in _violations(docs, figs, jump_factor=100) if v.kind == "jump"]


def test_bad_settings_and_missing_tables(tmp_path: Path) -> None:
    with pytest.raises(ReportParseError, match="jump factor"):
        CheckSettings(jump_factor=1)
    with pytest.raises(ReportParseError, match="no documents table"):
        check(tmp_path)


def test_cli_exit_codes(runner, tmp_path: Path) -> None:
    bad = write_out(tmp_path / "bad", *plant(*issue_rows()))
    res = runner.invoke(main, ["check", str(bad)])
    assert res.exit_code == 1, res.output
    assert "missing_issue" in res.output and "checks.csv" in res.output
    good = write_out(tmp_path / "good", *issue_rows())
    res = runner.invoke(main, ["check", str(good), "--tolerance", "0", "--jump-factor", "4", "--max-gap", "3"])
    assert res.exit_code == 0, res.output
    assert (good / "checks.csv").read_text(encoding="utf-8-sig").strip() == \
        "kind,metric,doc_ids,issue_nos,expected,found,detail"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert runner.invoke(main, ["check", str(empty)]).exit_code == 2
    assert runner.invoke(main, ["check", str(good), "--jump-factor", "0.5"]).exit_code == 2
