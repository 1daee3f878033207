"""Shared fixtures: a CLI runner, the seed report, and bad input files made from code."""

from __future__ import annotations

import hashlib
import shutil
import struct
import sys
import types
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "weekly-2023-35.txt"


@pytest.fixture(scope="session")
def _rulebooks(tmp_path_factory):
    """One compiled-rulebook cache for the session (rulecache.py: keyed by the rule files' content)."""
    return tmp_path_factory.mktemp("rulebooks")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch, _rulebooks):
    """Every test gets its own cache folder: tests never touch the user's cache. The compiled
    rulebook is shared by the session's tests (a test of the rulebook cache sets its own)."""
    monkeypatch.setenv("REPORTPARSE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("REPORTPARSE_RULE_CACHE", str(_rulebooks))


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture
def seed_txt(tmp_path: Path) -> Path:
    """A copy of the seed report in its own folder."""
    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    return Path(shutil.copy(SEED, d / "weekly-2023-35.txt"))


def make_pdf(path: Path, lines: list[str], encrypt: str | None = None) -> Path:
    """A small CJK text PDF written with reportlab (a password-protected one with ``encrypt``)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=1)
    c.setFont("STSong-Light", 14)
    y = 800
    for line in lines:
        c.drawString(60, y, line)
        y -= 24
    c.showPage()
    c.save()
    return path


def png_bytes() -> bytes:
    """A valid 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(
        b"IEND", b"")


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    """One of each bad input: truncated, encrypted, zero-byte, PNG-as-PDF, folder with no reports."""
    d = tmp_path / "bad"
    d.mkdir()
    lines = ["窗口工作周报", "本周共受理 425 件。"]
    whole = make_pdf(d / "whole.pdf", lines).read_bytes()
    (d / "whole.pdf").unlink()
    (d / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    make_pdf(d / "locked.pdf", lines, encrypt="secret")
    (d / "empty.txt").write_bytes(b"")
    (d / "image.pdf").write_bytes(png_bytes())
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return {
        "truncated": d / "truncated.pdf",
        "encrypted": d / "locked.pdf",
        "zero_byte": d / "empty.txt",
        "png_as_pdf": d / "image.pdf",
        "empty_folder": nothing,
    }


def _fake_parse_document(path, rules, settings, source=None):
    """A stand-in for pipeline.parse_document: one figure row per line with a digit."""
    from reportparse.model import DocumentResult

    data = Path(path).read_bytes()
    if b"BOOM" in data:
        raise ValueError("fake failure\nsecond line")
    digest = hashlib.sha256(data).hexdigest()
    doc = {"doc_id": digest[:16], "source": source or str(path), "sha256": digest, "format": "txt",
           "extractor": "text", "status": "ok"}
    text = data.decode("utf-8")
    rows = [{"doc_id": digest[:16], "metric": "n", "value": float(i), "sentence": line, "rule": "fake"}
            for i, line in enumerate(text.splitlines()) if any(ch.isdigit() for ch in line)]
    doc["n_chars"] = len(text)
    return DocumentResult(document=doc, tables={"figures": rows}, text=text)


@pytest.fixture
def fake_pipeline(monkeypatch):
    """Replace the pipeline and rule loading with small fakes (tests of batch mechanics only)."""
    mod = types.ModuleType("reportparse.pipeline")
    mod.parse_document = _fake_parse_document
    monkeypatch.setitem(sys.modules, "reportparse.pipeline", mod)
    rulebook = types.ModuleType("reportparse.rulebook")
    rulebook.load_rules = lambda dirs=(): types.SimpleNamespace(hash="fakehash", rules=())
    monkeypatch.setitem(sys.modules, "reportparse.rulebook", rulebook)
    return mod


# Test files that load ONNX Runtime (OCR). Once a process has loaded it, reportparse spawns its
# worker pools instead of forking them (ONNX Runtime's fork handler hangs children), and a test
# that patches the pipeline and then runs a pool needs fork. Under ``pytest -n 2 --dist
# loadgroup`` (make test) these files run in one worker and every other file in the other.
OCR_FILES = frozenset({"test_doc_fields.py", "test_ingest.py", "test_ingest_office.py", "test_ocr.py",
                       "test_pdfium.py", "test_realdocs.py", "test_scans.py"})


def pytest_collection_modifyitems(config, items):
    if getattr(config.option, "dist", "no") != "loadgroup":
        return
    for item in items:
        group = "ocr" if Path(str(item.fspath)).name in OCR_FILES else "rest"
        item.add_marker(pytest.mark.xdist_group(group))
