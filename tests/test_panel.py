"""reportparse panel: figures pivoted into one row per issue, one column per metric x scope."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from series_fixtures import DEPT, find, issue_rows, write_out

from reportparse.cli import main
from reportparse.errors import ReportParseError, RuleFileError
from reportparse.output import write_tables
from reportparse.panel import ID_COLUMNS, panel
from reportparse.series import load_metric_aliases
from reportparse.tables import rows_to_frame

COLUMNS = ["咨询|week", "受理|week", "咨询|ytd", "受理|ytd", f"主项|change|{DEPT}"]


def test_panel_rows_columns_and_values(tmp_path: Path) -> None:
    docs, figs = issue_rows(30)
    out = write_out(tmp_path / "out", docs, figs)
    p = panel(out)
    assert len(p.frame) == 30
    assert list(p.frame.columns[: len(ID_COLUMNS)]) == list(ID_COLUMNS)
    assert sorted(p.value_columns) == sorted(COLUMNS)
    assert p.frame["doc_id"].tolist() == [d["doc_id"] for d in docs]
    by_doc = p.frame.set_index("doc_id")
    for f in figs:
        col = f"{f['metric']}|{f['scope']}" + (f"|{f['department']}" if f.get("department") else "")
        assert by_doc.loc[f["doc_id"], col] == f["value"]
    assert p.warnings == []
    assert p.units["咨询|week"] == "人次"
    assert [path.name for path in p.paths] == ["panel.csv", "panel.parquet"]
    with open(out / "panel.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 30 and rows[0]["受理|ytd"] == str(find(figs, "d001", "受理", "ytd")["value"])


def test_aliases_merge_drifting_wording(tmp_path: Path) -> None:
    docs, figs = issue_rows(4)
    find(figs, "d002", "咨询", "week")["metric"] = "接待咨询"
    find(figs, "d003", "咨询", "week")["metric"] = "咨询量"
    find(figs, "d004", "受理", "ytd")["metric"] = "受理群众办件"
    p = panel(write_out(tmp_path / "out", docs, figs))
    assert sorted(p.value_columns) == sorted(COLUMNS)
    assert p.frame["咨询|week"].notna().all() and p.frame["受理|ytd"].notna().all()


def test_first_value_wins_with_a_warning(tmp_path: Path) -> None:
    docs, figs = issue_rows(2)
    figs.append(dict(find(figs, "d002", "受理", "week"), value=1, value_text="1"))
    p = panel(write_out(tmp_path / "out", docs, figs), write=False)
    assert p.frame.set_index("doc_id").loc["d002", "受理|week"] == find(figs, "d002", "受理", "week")["value"]
    assert len(p.warnings) == 1 and "d002" in p.warnings[0] and "dropped 1" in p.warnings[0]


def test_subject_and_unit_make_columns_apart(tmp_path: Path) -> None:
    docs, figs = issue_rows(2)
    figs.append(dict(find(figs, "d001", "受理", "ytd"), subject="行政许可事项", value=7))
    figs.append(dict(find(figs, "d002", "受理", "week"), unit="人次", value=8))
    p = panel(write_out(tmp_path / "out", docs, figs), write=False)
    assert "行政许可事项·受理|ytd" in p.value_columns
    assert {"受理 (件)|week", "受理 (人次)|week"} <= set(p.value_columns)


def test_terms_pivot_and_absent_terms(tmp_path: Path) -> None:
    docs, figs = issue_rows(3)
    out = write_out(tmp_path / "out", docs, figs)
    p = panel(out, terms=True, write=False)
    assert p.warnings and "terms" in p.warnings[0]
    assert sorted(p.value_columns) == sorted(COLUMNS)
    import pandas as pd

    terms = pd.DataFrame({"doc_id": ["d001", "d001", "d003"], "rank": [1, 2, 1],
                          "term": ["营商环境", "一网通办", "营商环境"], "weight": [0.5, 0.25, 0.75]})
    write_tables({"terms": terms}, out, ("csv",))
    p = panel(out, terms=True, write=False)
    assert p.warnings == []
    assert p.value_columns[-2:] == ["营商环境|term", "一网通办|term"]
    assert p.frame["营商环境|term"].tolist()[0] == 0.5 and p.frame["营商环境|term"].isna().tolist()[1]


def test_plot_writes_a_png_per_metric(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from reportparse.plots import cjk_font

    out = write_out(tmp_path / "out", *issue_rows(6))
    p = panel(out, plot=tmp_path / "plots", write=False)
    assert sorted(path.name for path in p.plots) == ["主项.png", "受理.png", "咨询.png"]
    for path in p.plots:
        assert path.read_bytes().startswith(b"\x89PNG")
    if cjk_font() is None:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")


def test_plot_of_a_single_issue_prints_no_matplotlib_warnings(tmp_path: Path) -> None:
    """One issue (one x value) makes matplotlib's date locator and layout complain; the
    researcher should not see those notes."""
    pytest.importorskip("matplotlib")
    import warnings

    out = write_out(tmp_path / "out", *issue_rows(1))
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        p = panel(out, plot=tmp_path / "plots", write=False)
    assert p.plots


def test_alias_file_problems(tmp_path: Path) -> None:
    (tmp_path / "gazetteers").mkdir()
    (tmp_path / "gazetteers" / "metric_aliases.yaml").write_text(
        "- canonical: 办理\n  aliases: [受理量]\n  colour: red\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as exc:
        load_metric_aliases([tmp_path])
    text = str(exc.value)
    assert "'受理量' is already an alias of '受理'" in text and "unknown key 'colour'" in text
    assert load_metric_aliases()["接待咨询"] == "咨询"


def test_cli_panel(runner, tmp_path: Path) -> None:
    out = write_out(tmp_path / "out", *issue_rows(5))
    res = runner.invoke(main, ["panel", str(out)])
    assert res.exit_code == 0, res.output
    assert (out / "panel.csv").is_file() and (out / "panel.parquet").is_file()
    assert "5 issues x 5 columns" in res.output
    frame = rows_to_frame("documents", [])
    write_tables({"documents": frame}, tmp_path / "nofigs", ("csv",))
    assert runner.invoke(main, ["panel", str(tmp_path / "nofigs")]).exit_code == 2


@pytest.mark.parametrize("fmt", ["xlsx", "duckdb"])
def test_panel_and_check_read_an_extract_written_only_as_xlsx_or_duckdb(tmp_path: Path, fmt: str) -> None:
    pytest.importorskip("openpyxl" if fmt == "xlsx" else "duckdb")
    from reportparse.checks import check

    docs, figs = issue_rows(30)
    csv_out = write_out(tmp_path / "csv", docs, figs)
    out = write_out(tmp_path / fmt, docs, figs, (fmt,))
    assert not list(out.glob("*.csv")) and not list(out.glob("*.parquet"))
    p, expected = panel(out, write=False), panel(csv_out, write=False)
    assert p.frame.equals(expected.frame) and sorted(p.value_columns) == sorted(COLUMNS)
    assert check(out, write=False).frame.equals(check(csv_out, write=False).frame)


def test_panel_on_an_empty_folder_names_every_format(tmp_path: Path) -> None:
    with pytest.raises(ReportParseError, match=r"no documents table.*tables\.xlsx.*reportparse\.duckdb"):
        panel(tmp_path)
