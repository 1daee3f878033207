"""The content-addressed cache: hits skip ingest (and analysis), results never change."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from reportparse import cache as cache_mod
from reportparse.api import extract
from reportparse.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED_PDF = ROOT / "corpora" / "weekly-2023-35.pdf"


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _no_ingest(monkeypatch: pytest.MonkeyPatch) -> None:
    import reportparse.ingest as ingest

    def boom(*a, **k):
        raise AssertionError("ingest called on a cache hit")

    monkeypatch.setattr(ingest, "read_document", boom)


def _no_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    import reportparse.pipeline as pipeline

    def boom(*a, **k):
        raise AssertionError("analyse called on a cache hit")

    monkeypatch.setattr(pipeline, "analyse", boom)


@pytest.fixture
def pdf_in(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    shutil.copy(SEED_PDF, d / "a.pdf")
    return d


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_second_run_hits_the_cache_and_gives_identical_output(tmp_path, pdf_in, seed_txt, monkeypatch):
    cdir = tmp_path / "cache"
    extract([pdf_in, seed_txt], out=tmp_path / "cold", cache_dir=cdir)
    assert cache_mod.Cache(cdir).info()["text"] == 2
    _no_ingest(monkeypatch)
    _no_analysis(monkeypatch)
    extract([pdf_in, seed_txt], out=tmp_path / "warm", cache_dir=cdir)
    assert _files(tmp_path / "cold") == _files(tmp_path / "warm")


def test_no_cache_never_reads_or_writes(tmp_path, pdf_in):
    cdir = tmp_path / "cache"
    extract([pdf_in], cache=False, cache_dir=cdir)
    assert not cdir.exists()


def test_rule_edit_reruns_only_the_rules(tmp_path, pdf_in, monkeypatch):
    cdir = tmp_path / "cache"
    first = extract([pdf_in], cache_dir=cdir)
    extra = tmp_path / "rules"
    extra.mkdir()
    (extra / "more.yaml").write_text(
        "rules:\n  - id: claim-test-h6\n    kind: claim\n    pattern: '不存在的短语'\n", encoding="utf-8")
    _no_ingest(monkeypatch)
    second = extract([pdf_in], rules=[extra], cache_dir=cdir)
    a, b = first.documents.iloc[0], second.documents.iloc[0]
    assert a["rules_hash"] != b["rules_hash"]
    assert a["n_chars"] == b["n_chars"] and first.texts == second.texts
    assert cache_mod.Cache(cdir).info() | {"bytes": 0} == {"path": str(cdir), "text": 1, "rows": 2, "bytes": 0}


def test_corrupt_entry_is_ignored_and_rewritten(tmp_path, pdf_in):
    cdir = tmp_path / "cache"
    good = extract([pdf_in], cache_dir=cdir)
    entries = list((cdir).rglob("*.json"))
    assert len(entries) == 2
    for e in entries:
        e.write_bytes(e.read_bytes()[:50])
    again = extract([pdf_in], cache_dir=cdir)
    assert good.figures.equals(again.figures) and good.documents.equals(again.documents)
    third = extract([pdf_in], cache_dir=cdir)  # rewritten entries are good again
    assert third.figures.equals(good.figures)
    assert all(e.read_bytes().endswith(b"}") for e in entries)


def test_cache_defaults_to_the_env_var_and_cli_clear(tmp_path, pdf_in, runner, monkeypatch):
    cdir = tmp_path / "envcache"
    monkeypatch.setenv("REPORTPARSE_CACHE_DIR", str(cdir))
    assert cache_mod.default_cache_dir() == cdir
    res = runner.invoke(main, ["extract", str(pdf_in), "--out", str(tmp_path / "o"), "-q", "-j", "1"])
    assert res.exit_code == 0, res.output
    assert cache_mod.Cache(cdir).info()["text"] == 1
    res = runner.invoke(main, ["cache", "info"])
    assert res.exit_code == 0 and "texts  1" in res.output
    res = runner.invoke(main, ["cache", "clear"])
    assert res.exit_code == 0 and "removed 2" in res.output
    assert cache_mod.Cache(cdir).info()["text"] == 0


def test_failures_are_not_cached(tmp_path, bad_inputs):
    cdir = tmp_path / "cache"
    extract([bad_inputs["truncated"], bad_inputs["encrypted"]], cache_dir=cdir)
    assert not list(cdir.rglob("*.json"))


def test_engine_and_settings_are_part_of_the_key():
    from reportparse.settings import Settings

    k = cache_mod.text_key("ab" * 32, True, Settings())
    assert k != cache_mod.text_key("ab" * 32, True, Settings(x_tolerance=2.0))
    assert k != cache_mod.text_key("ab" * 32, True, Settings(pdf_engine="pypdfium2"))
    assert cache_mod.text_key("ab" * 32, False, Settings()) == cache_mod.text_key(
        "ab" * 32, False, Settings(pdf_engine="pypdfium2"))


def test_rows_packed_in_chunks_give_the_same_files(tmp_path, seed_txt, pdf_in, monkeypatch):
    import reportparse.batch as batch

    extract([pdf_in, seed_txt], out=tmp_path / "one", cache=False, formats="csv,parquet")
    monkeypatch.setattr(batch, "CHUNK_ROWS", 7)
    ex = extract([pdf_in, seed_txt], out=tmp_path / "many", cache=False, formats="csv,parquet")
    assert _files(tmp_path / "one") == _files(tmp_path / "many")
    assert ex.figures.index.tolist() == list(range(len(ex.figures)))


def test_pdfplumber_key_includes_pypdfium2() -> None:
    """The pdfplumber engine takes PDFium's text where pdfminer lost characters: a new pypdfium2
    may change its output, so its version is part of the text key."""
    from reportparse.cache import engine_version

    assert "pypdfium2=" in engine_version("pdfplumber") and "pdfminer.six=" in engine_version("pdfplumber")
    assert engine_version("text") == "text"
