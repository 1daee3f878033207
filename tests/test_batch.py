"""Batch runs: discovery, failure isolation, bad files, determinism, texts/."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from reportparse.api import extract
from reportparse.batch import discover, one_line, run_batch
from reportparse.errors import ReportParseError
from reportparse.settings import Settings
from reportparse.tables import columns


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# -- discovery --------------------------------------------------------------------------------

def test_discover_recurses_sorts_and_dedupes(tmp_path):
    d = tmp_path / "d"
    (d / "sub").mkdir(parents=True)
    for name in ("b.txt", "a.PDF", "sub/c.md", "skip.csv"):
        (d / name).write_text("x", encoding="utf-8")
    sources, errors = discover([d, d / "b.txt", str(d) + "/"])
    assert [Path(s).relative_to(d).as_posix() for s in sources] == ["a.PDF", "b.txt", "sub/c.md"]
    assert errors == []


def test_discover_keeps_relative_sources_relative(tmp_path, monkeypatch):
    (tmp_path / "corp").mkdir()
    (tmp_path / "corp" / "x.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert discover(["corp/"])[0] == ["corp/x.txt"]


def test_discover_skips_the_output_folder(tmp_path, fake_pipeline):
    (tmp_path / "a.txt").write_text("1 件\n", encoding="utf-8")
    extract([tmp_path], out=tmp_path / "out", formats="csv")
    ex = extract([tmp_path], out=tmp_path / "out", formats="csv")
    assert len(ex.documents) == 1 and len(list((tmp_path / "out" / "texts").iterdir())) == 1


def test_discover_folder_without_reports_gives_an_errors_row(tmp_path):
    (tmp_path / "notes.csv").write_text("a", encoding="utf-8")
    sources, errors = discover([tmp_path])
    assert sources == [] and len(errors) == 1
    assert errors[0]["source"] == str(tmp_path) and errors[0]["stage"] == "discover"


def test_discover_missing_path_raises(tmp_path):
    with pytest.raises(ReportParseError, match="no such file"):
        discover([tmp_path / "missing.pdf"])


def test_one_line_keeps_the_first_line_only():
    assert one_line(ValueError("a\nb")) == "ValueError: a"
    assert len(one_line(RuntimeError("x" * 1000))) == 300


# -- isolation (fake pipeline) ----------------------------------------------------------------

def test_an_exception_in_one_file_does_not_stop_the_batch(tmp_path, fake_pipeline):
    (tmp_path / "a.txt").write_text("本周受理 425 件\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("BOOM\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("咨询 3101 人次\n", encoding="utf-8")
    res = run_batch([tmp_path], Settings(quiet=True))
    assert [d["status"] for d in res.documents] == ["ok", "error", "ok"]
    assert len(res.tables["figures"]) == 2
    (err,) = res.errors
    assert err["source"].endswith("b.txt") and err["error"] == "ValueError: fake failure"
    assert err["doc_id"] == hashlib.sha256(b"BOOM\n").hexdigest()[:16]
    assert res.documents[1]["error"] == "ValueError: fake failure"
    assert res.exit_code == 1
    assert all(d["rules_hash"] == "fakehash" for d in res.documents)


def test_jobs_do_not_change_the_output(tmp_path, fake_pipeline):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(5):
        (src / f"r{i}.txt").write_text(f"第{i}行 {i} 件\nBOOM\n" if i == 2 else f"{i} 件\n", encoding="utf-8")
    one = extract([src], out=tmp_path / "o1", formats="csv")
    two = extract([src], out=tmp_path / "o2", formats="csv", jobs=2)
    for name in ("documents", "figures", "errors"):
        assert (tmp_path / "o1" / f"{name}.csv").read_bytes() == (tmp_path / "o2" / f"{name}.csv").read_bytes()
    assert one.exit_code == two.exit_code == 1


# -- real pipeline: bad files -----------------------------------------------------------------

@pytest.fixture
def good_run(tmp_path, seed_txt):
    """Parse the seed report alone, for comparison."""
    return extract([seed_txt], out=tmp_path / "good", formats="csv")


@pytest.mark.parametrize("kind", ["truncated", "encrypted", "zero_byte", "png_as_pdf"])
def test_bad_file_gives_error_rows_and_keeps_good_rows(kind, tmp_path, seed_txt, bad_inputs, good_run):
    bad = bad_inputs[kind]
    out = tmp_path / "out"
    ex = extract([seed_txt, bad], out=out, formats="csv")
    assert ex.exit_code == 1
    docs = _csv(out / "documents.csv")
    assert [d["source"] for d in docs] == [str(seed_txt), str(bad)]
    assert docs[0]["status"] == "ok" and docs[1]["status"] == "error"
    assert docs[1]["error"] and "\n" not in docs[1]["error"]
    errors = _csv(out / "errors.csv")
    assert [e["source"] for e in errors] == [str(bad)]
    assert errors[0]["stage"] and errors[0]["error"]
    for table in ("figures", "dates", "departments", "officials", "references"):
        assert (out / f"{table}.csv").read_bytes() == (tmp_path / "good" / f"{table}.csv").read_bytes(), table
    assert len(good_run.figures) > 0


def test_folder_without_reports_is_an_error_but_the_batch_goes_on(tmp_path, seed_txt, bad_inputs):
    ex = extract([bad_inputs["empty_folder"], seed_txt], out=tmp_path / "out", formats="csv")
    assert ex.exit_code == 1
    assert ex.errors["source"].tolist() == [str(bad_inputs["empty_folder"])]
    assert ex.documents["status"].tolist() == ["ok"]
    assert len(ex.figures) > 0


def test_gb18030_text_parses(tmp_path, seed_txt):
    gb = tmp_path / "gb" / "weekly.gb18030.txt"
    gb.parent.mkdir()
    gb.write_bytes(seed_txt.read_text(encoding="utf-8").encode("gb18030"))
    ex = extract([gb, seed_txt])
    assert ex.exit_code == 0 and ex.documents["status"].tolist() == ["ok", "ok"]
    assert ex.documents["title"][0] == ex.documents["title"][1] == "窗口工作周报"
    utf = ex.figures[ex.figures["doc_id"] == ex.documents["doc_id"][1]]
    gbf = ex.figures[ex.figures["doc_id"] == ex.documents["doc_id"][0]]
    assert gbf["value"].tolist() == utf["value"].tolist() and len(gbf) > 10


def test_two_runs_give_identical_bytes(tmp_path, seed_txt, bad_inputs):
    inputs = [seed_txt.parent, bad_inputs["zero_byte"]]
    extract(inputs, out=tmp_path / "a", formats="csv,parquet,jsonl,xlsx")
    extract(inputs, out=tmp_path / "b", formats="csv,parquet,jsonl,xlsx", jobs=2)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) >= 7 * 3 + 2
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_texts_are_named_by_doc_id(tmp_path, seed_txt):
    copy = shutil.copy(seed_txt, tmp_path / "copy-with-another-name.md")
    ex = extract([seed_txt, copy], out=tmp_path / "out", formats="csv")
    doc_id = hashlib.sha256(seed_txt.read_bytes()).hexdigest()[:16]
    assert ex.documents["doc_id"].tolist() == [doc_id, doc_id]
    assert [p.name for p in (tmp_path / "out" / "texts").iterdir()] == [f"{doc_id}.txt"]
    text = (tmp_path / "out" / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
    assert len(text) == ex.documents["n_chars"][0]
    row = ex.figures.iloc[0]
    assert row["sentence"] is None or text[row["char_start"]:row["char_end"]] in row["sentence"]


def test_documents_carry_rules_hash_and_version(seed_txt):
    ex = extract([seed_txt])
    assert list(ex.documents.columns) == columns("documents")
    assert ex.documents["rules_hash"][0]


def test_notes_beside_a_corpus_are_not_reports(tmp_path) -> None:
    from reportparse.batch import discover

    (tmp_path / "SOURCES.md").write_text("what each file is", encoding="utf-8")
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    (tmp_path / "w1.txt").write_text("本周受理425件", encoding="utf-8")
    sources, errors = discover([tmp_path])
    assert [s.rsplit("/", 1)[-1] for s in sources] == ["w1.txt"] and errors == []
    # named explicitly, a note is parsed like any file
    sources, _ = discover([tmp_path / "README.md"])
    assert len(sources) == 1


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="fork start method")
def test_workers_inherit_the_parents_rules(tmp_path, seed_txt, monkeypatch):
    """With --jobs 2 on Linux, workers are forked from the parent and do not load the rules again."""
    import reportparse.rulebook as rulebook

    rules = rulebook.load_rules()

    def refuse(*a, **k):
        raise AssertionError("a worker loaded the rules again")

    monkeypatch.setattr(rulebook, "load_rules", refuse)
    folder = tmp_path / "two"
    folder.mkdir()
    for i in range(2):
        shutil.copy(seed_txt, folder / f"r{i}.txt")
    out = run_batch([folder], Settings(jobs=2, quiet=True), rules=rules)
    assert [d["status"] for d in out.documents] == ["ok", "ok"]
