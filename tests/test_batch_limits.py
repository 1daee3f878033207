"""A file over the time limit, a worker that dies, and the console naming failed files.

Slow and dying workers are made by the test hook ``REPORTPARSE_TEST_HOOK`` (batch.py), which
only worker processes read: ``sleep:NAME:SECONDS``, ``exit:NAME``, ``kill:NAME``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportparse.api import extract
from reportparse.batch import TEST_HOOK_ENV, BatchResult, failure_lines
from reportparse.cli import main

SEED = Path(__file__).resolve().parents[1] / "corpora" / "weekly-2023-35.txt"


@pytest.fixture
def three(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for i, name in enumerate(("a.txt", "b.txt", "c.txt")):
        (d / name).write_bytes(SEED.read_bytes() + f"\n附：第{i}份\n".encode())
    return d


def _by_source(ex) -> dict[str, dict]:
    return {Path(d["source"]).name: d for d in ex.documents.to_dict("records")}


def test_a_file_over_the_timeout_is_an_error_row_and_the_batch_goes_on(three, monkeypatch):
    monkeypatch.setenv(TEST_HOOK_ENV, "sleep:b.txt:60")
    ex = extract([three], jobs=1, timeout=2, cache=False)
    docs = _by_source(ex)
    assert docs["b.txt"]["status"] == "error" and docs["b.txt"]["error"] == "timed out after 2 s"
    assert docs["a.txt"]["status"] == docs["c.txt"]["status"] == "ok"
    err = ex.errors.to_dict("records")
    assert [(Path(e["source"]).name, e["stage"]) for e in err] == [("b.txt", "worker")]
    assert ex.exit_code == 1 and len(ex.figures) > 0


@pytest.mark.parametrize("action", ["kill", "exit"])
def test_a_worker_that_dies_gives_an_error_row_and_is_replaced(three, monkeypatch, action):
    monkeypatch.setenv(TEST_HOOK_ENV, f"{action}:a.txt")
    ex = extract([three], jobs=2, cache=False)
    docs = _by_source(ex)
    assert docs["a.txt"]["status"] == "error"
    assert docs["a.txt"]["error"].startswith("worker process died: ")
    assert ("SIGKILL" in docs["a.txt"]["error"]) == (action == "kill")
    assert docs["b.txt"]["status"] == docs["c.txt"]["status"] == "ok"


def test_cli_timeout_option_and_summary_name_the_failed_file(runner, three, tmp_path, monkeypatch):
    monkeypatch.setenv(TEST_HOOK_ENV, "sleep:c.txt:60")
    r = runner.invoke(main, ["extract", str(three), "--out", str(tmp_path / "o"), "--timeout", "2",
                             "-j", "1", "--no-cache"])
    assert r.exit_code == 1
    line = next(ln for ln in r.stderr.splitlines() if "c.txt" in ln)
    assert "failed" in line and line.rstrip().endswith("c.txt: timed out after 2 s")


def test_summary_lists_the_first_ten_failures_then_a_count():
    errors = [{"source": f"f{i}.pdf", "error": f"bad {i}"} for i in range(13)]
    docs = [{"status": "error"}] * 13 + [{"status": "ok"}]
    lines = failure_lines(errors, docs)
    assert lines[0] == "f0.pdf: bad 0" and lines[9] == "f9.pdf: bad 9"
    assert lines[10] == "… and 3 more (see errors.csv)" and len(lines) == 11


def test_an_input_with_no_readable_file_says_so_and_names_it(runner, tmp_path):
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    (empty / "data.csv").write_text("a,b\n", encoding="utf-8")
    r = runner.invoke(main, ["extract", str(empty), "--out", str(tmp_path / "o")])
    assert r.exit_code == 1
    assert f"no readable input file in: {empty}" in r.stderr
    assert f"{empty}: no readable file in folder" in r.stderr


def test_timeout_zero_and_one_job_parse_in_process(three, monkeypatch):
    # no worker, so the hook (read in workers only) never fires
    monkeypatch.setenv(TEST_HOOK_ENV, "exit:a.txt")
    ex = extract([three], jobs=1, timeout=0, cache=False)
    assert set(ex.documents["status"]) == {"ok"}


def test_failure_lines_for_an_empty_batch():
    assert failure_lines(BatchResult().errors, []) == []
