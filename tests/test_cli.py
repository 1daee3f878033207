"""The command line, through click's CliRunner."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import click
import pytest

from reportparse.cli import main
from reportparse.tables import CORE_TABLES

ROOT = Path(__file__).resolve().parent.parent

BROKEN_RULE = """rules:
  - id: broken-pattern
    kind: figure
    pattern: "([unclosed"
"""


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    yield prefix, group
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))
        else:
            yield prefix + (name,), cmd


@pytest.mark.parametrize("path", [p for p, _ in _commands(main)], ids=lambda p: " ".join(p) or "main")
def test_every_command_has_help_with_an_example(runner, path):
    result = runner.invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert "reportparse" in result.output.split("Example:")[1]


@pytest.fixture
def broken_rules(tmp_path: Path) -> Path:
    d = tmp_path / "broken-rules"
    d.mkdir()
    (d / "bad.yaml").write_text(BROKEN_RULE, encoding="utf-8")
    return d


def test_extract_writes_every_table(runner, tmp_path, seed_txt):
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", str(seed_txt), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    for table in CORE_TABLES:
        assert (out / f"{table}.csv").exists() and (out / f"{table}.parquet").exists()
    assert len(list((out / "texts").glob("*.txt"))) == 1


def test_extract_prints_a_summary_on_stderr(runner, tmp_path, seed_txt):
    result = runner.invoke(main, ["extract", str(seed_txt), "--out", str(tmp_path / "o"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "figures" in result.stderr and "seconds" in result.stderr
    assert (tmp_path / "o" / "figures.jsonl").exists() and not (tmp_path / "o" / "figures.csv").exists()


def test_extract_exit_1_when_a_file_fails(runner, tmp_path, seed_txt, bad_inputs):
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", str(seed_txt), str(bad_inputs["zero_byte"]), "--out", str(out),
                                  "-q", "--format", "csv"])
    assert result.exit_code == 1, result.output
    assert (out / "errors.csv").read_text(encoding="utf-8-sig").count("\n") == 2


def test_extract_missing_path_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(main, ["extract", str(tmp_path / "missing.pdf"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "missing.pdf" in result.output and "does not exist" in result.output
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(("value", "expect"), [
    ("csv,xml", "'xml'"),
    ("", "no output format"),
])
def test_extract_bad_format_is_a_usage_error(runner, tmp_path, seed_txt, value, expect):
    result = runner.invoke(main, ["extract", str(seed_txt), "--out", str(tmp_path / "o"), "--format", value])
    assert result.exit_code == 2
    assert expect in result.output and "--format" in result.output
    if value == "csv,xml":
        assert "csv, parquet, xlsx, jsonl" in result.output


def test_extract_bad_engine_and_jobs_are_usage_errors(runner, tmp_path, seed_txt):
    args = ["extract", str(seed_txt), "--out", str(tmp_path / "o")]
    assert runner.invoke(main, [*args, "--pdf-engine", "ocr"]).exit_code == 2
    assert runner.invoke(main, [*args, "--jobs", "0"]).exit_code == 2


def test_extract_with_broken_rules_exits_2_listing_problems(runner, tmp_path, seed_txt, broken_rules):
    result = runner.invoke(main, ["extract", str(seed_txt), "--out", str(tmp_path / "o"),
                                  "--rules", str(broken_rules)])
    assert result.exit_code == 2
    assert "bad.yaml:" in result.stderr and "broken-pattern" in result.stderr


def test_rules_check_ok_and_broken(runner, broken_rules):
    ok = runner.invoke(main, ["rules", "check"])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.strip().endswith("rules OK") and int(ok.stdout.split()[0]) > 0
    bad = runner.invoke(main, ["rules", "check", "--rules", str(broken_rules)])
    assert bad.exit_code == 2
    assert "bad.yaml:" in bad.stdout and "broken-pattern" in bad.stdout


def test_rules_test_passes_on_shipped_rules(runner):
    result = runner.invoke(main, ["rules", "test"])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.stdout


def test_rules_test_exits_1_on_a_failing_example(runner, monkeypatch):
    fake = types.ModuleType("reportparse.rulecheck")
    Ex = types.SimpleNamespace
    fake.run_examples = lambda dirs: [
        Ex(rule="r-ok", file="a.yaml", line=3, text="本周 1 件", ok=True, message=""),
        Ex(rule="r-bad", file="a.yaml", line=9, text="本周 2 件", ok=False, message="expected value 2"),
    ]
    monkeypatch.setitem(sys.modules, "reportparse.rulecheck", fake)
    result = runner.invoke(main, ["rules", "test"])
    assert result.exit_code == 1
    assert "r-bad" in result.stdout and "FAIL" in result.stdout and "1 passed, 1 failed" in result.stdout


def test_rules_explain_shows_candidates_and_rows(runner):
    result = runner.invoke(main, ["rules", "explain", "今年以来共受理 13110 件。"])
    assert result.exit_code == 0, result.output
    assert "candidates" in result.stdout and "won" in result.stdout
    assert "13110" in result.stdout and "figures" in result.stdout


def test_python_dash_m_works():
    proc = subprocess.run([sys.executable, "-m", "reportparse", "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and "extract" in proc.stdout and "rules" in proc.stdout


def test_extract_tokens_is_opt_in(runner, tmp_path, seed_txt):
    plain = runner.invoke(main, ["extract", str(seed_txt), "--out", str(tmp_path / "a"), "-q", "--format", "csv"])
    assert plain.exit_code == 0 and not (tmp_path / "a" / "tokens.csv").exists()
    result = runner.invoke(main, ["extract", str(seed_txt), "--out", str(tmp_path / "b"), "-q", "--format", "csv",
                                  "--tokens"])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "b" / "tokens.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "doc_id,sentence_id,token_index,token,pos,char_start" and len(lines) > 100
