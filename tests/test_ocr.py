"""Offline OCR (reportparse[ocr]): scanned PDF pages and image files, and behaviour without the extra.

The end-to-end test renders the seed with the project's generator (fpdf2: every font embedded),
rasterizes it at 150 dpi, blurs it and wraps the images back into a PDF without a text layer;
the extraction must still find the seed's figures and dates.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from reportparse import settings as settings_mod
from reportparse.cache import text_key
from reportparse.errors import InputError, NoTextLayer, ReportParseError
from reportparse.ingest import read_document
from reportparse.ingest.ocr import _merge_rows, to_raw_lines, usable
from reportparse.ingest.ocr_fixes import ocr_normalize
from reportparse.layout import raw_to_clean
from reportparse.model import RawLine, RawPage
from reportparse.pipeline import parse_document
from reportparse.rulebook import load_rules
from reportparse.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
REALDOCS = ROOT.parent / "shared" / "realdocs"
needs_ocr = pytest.mark.skipif(not settings_mod.ocr_installed(), reason="pip install 'reportparse[ocr]'")
needs_realdocs = pytest.mark.skipif(not REALDOCS.is_dir(), reason="no ../shared/realdocs")


# ---------------------------------------------------------------- post-OCR normalization


@pytest.mark.parametrize(("read", "fixed"), [
    ("共计咨询3101人次丶受理425件", "共计咨询3101人次、受理425件"),
    ("占比56.1%°", "占比56.1%。"),
    ("工作手册编制.", "工作手册编制。"),
    ("印发方案（川政公【2023】28号）", "印发方案（川政公〔2023〕28号）"),
    ("国办发[2025] 3号", "国办发〔2025〕 3号"),
    ("受理425件,办结400件;其中:新增3件", "受理425件，办结400件；其中：新增3件"),
    ("会议(扩大)召开", "会议（扩大）召开"),
    ("累计2O23件", "累计2023件"),
    ("川政公[2023〕28号", "川政公〔2023〕28号"),
    ("一2一", "— 2 —"),
    ("一 13", "— 13 —"),
    # right as read: numbers, times, Latin text, a year range in brackets
    ("1,806.5万元", "1,806.5万元"),
    ("上午9:30开会", "上午9:30开会"),
    ("PM2.5 (ug/m3)", "PM2.5 (ug/m3)"),
    ("[2021-2023年]", "[2021-2023年]"),
    ("30°C", "30°C"),
    ("一2月", "一2月"),  # not a page number alone on its line: left as read
])
def test_ocr_normalize_repairs_systematic_misreads(read: str, fixed: str) -> None:
    assert ocr_normalize(read) == fixed


def test_boxes_on_one_line_merge_and_sizes_snap_to_the_body() -> None:
    # pixels at 150 dpi: two boxes of one line, then a line a little taller (same font), then a title
    lines = [("2023年第35期", 100, 300, 100, 134, 0.99), ("（总第455期）", 320, 500, 101, 135, 0.97),
             ("本周共受理425件。", 100, 600, 160, 196, 0.99), ("窗口工作周报", 200, 500, 220, 290, 1.0)]
    merged = _merge_rows(lines)
    assert [m[0] for m in merged] == ["2023年第35期 （总第455期）", "本周共受理425件。", "窗口工作周报"]
    raw = to_raw_lines(lines, 150 / 72, body=16.0)
    assert [ln.size for ln in raw[:2]] == [16.0, 16.0] and raw[2].size > 20
    assert raw[0].x0 == pytest.approx(100 / (150 / 72)) and raw[0].font == "ocr"
    assert raw[1].x1 > 600 / (150 / 72)  # the closing 。 fills only half its cell


def test_a_page_of_replacement_chars_is_not_usable() -> None:
    assert not usable(RawPage(1, ()))
    assert not usable(RawPage(1, (RawLine("\ufffd\ufffd\ufffd 3"),)))
    assert usable(RawPage(1, (RawLine("本周共受理425件。"),)))


# ---------------------------------------------------------------- settings and the extra


def test_ocr_mode_is_validated() -> None:
    with pytest.raises(ReportParseError, match="unknown ocr mode"):
        Settings(ocr="sometimes")
    with pytest.raises(ReportParseError, match="ocr_dpi"):
        Settings(ocr_dpi=5)


def test_without_the_extra_pages_stay_without_text_and_say_how(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    monkeypatch.setattr(settings_mod, "ocr_installed", lambda: False)
    with pytest.raises(ReportParseError, match=r"reportparse\[ocr\]"):
        Settings(ocr="always")
    png = tmp_path / "scan.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(InputError, match=r"image file \(scanned\? OCR reads it: pip install 'reportparse\[ocr\]'\)"):
        read_document(png)
    pdf = _blank_pdf(tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayer, match=r"reportparse\[ocr\]"):
        read_document(pdf)


def test_text_cache_key_has_the_ocr_mode() -> None:
    keys = {text_key("ab" * 32, True, Settings(ocr=m)) for m in ("auto", "never")}
    assert len(keys) == 2


def _blank_pdf(path: Path, pages: int = 2) -> Path:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(595, 842)
    doc.save(path)
    doc.close()
    return path


# ---------------------------------------------------------------- OCR end to end


@pytest.fixture(scope="module")
def scanned_seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    sys.path.insert(0, str(ROOT / "corpora"))
    import make_pdf
    from scan_pdf import scan_pdf

    if not all(p.exists() for p, _ in make_pdf.FONT_FILES.values()):
        pytest.skip(f"apt-get install {make_pdf.FONT_PACKAGES}")
    d = tmp_path_factory.mktemp("scan")
    pdf = make_pdf.render_report((ROOT / "corpora" / "weekly-2023-35.txt").read_text(encoding="utf-8"),
                                 d / "typeset.pdf", backend="fpdf2")
    (d / "in").mkdir()
    images = scan_pdf(pdf, d / "in" / "weekly-2023-35.pdf", dpi=150, blur=0.8)
    return d / "in" / "weekly-2023-35.pdf", images


def _scorer():
    spec = importlib.util.spec_from_file_location("score", GOLDEN / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@needs_ocr
@pytest.mark.slow
def test_image_only_seed_is_read_by_ocr(scanned_seed: tuple[Path, list], tmp_path: Path) -> None:
    from reportparse import extract

    path, _ = scanned_seed
    # no per-file time limit: four pages of OCR on a busy 2-core machine may take minutes
    ex = extract([path], out=tmp_path / "out", formats=("csv",), cache=False, timeout=0)
    doc = ex.documents.iloc[0]
    assert (doc["status"], doc["extractor"], doc["ocr_pages"]) == ("ok", "ocr", "1;2;3;4")
    assert doc["ocr_confidence"] > 0.9 and pd.isna(doc["pages_without_text"])
    gold = json.loads((GOLDEN / "weekly-2023-35.gold.json").read_text(encoding="utf-8"))
    res = _scorer().score(gold, str(tmp_path / "out"), ".pdf")
    assert res["fig_r"] >= 0.9 and res["date_r"] >= 0.9, {k: res.get(k) for k in res if k.endswith("missed")}
    assert res["fig_p"] >= 0.9 and res["date_p"] >= 0.9


@needs_ocr
@pytest.mark.slow
def test_image_file_is_read_like_a_scanned_page(scanned_seed: tuple[Path, list], tmp_path: Path) -> None:
    _, images = scanned_seed
    png = tmp_path / "page1.png"
    images[0].save(png, dpi=(150, 150))
    raw = read_document(png)
    assert (raw.format, raw.extractor, raw.n_pages) == ("image", "ocr", 1)
    assert raw.pages[0].width == pytest.approx(595, abs=2)  # points, from the image's dpi
    text = raw_to_clean(raw).text
    assert "本周，共计咨询3101人次、受理425件、颁发3955件、流转4831件；" in text


@needs_ocr
@needs_realdocs
@pytest.mark.slow
def test_flu_weekly_image_pages_give_text() -> None:
    path = REALDOCS / "chinacdc_flu_weekly_2025w30_no867.pdf"
    result = parse_document(path, load_rules(), Settings())
    doc = result.document
    assert doc["status"] == "ok" and doc["ocr_pages"] == "1;20" and doc["pages_without_text"] is None
    assert doc["extractor"] == "pdfplumber" and doc["ocr_confidence"] > 0.8
    assert "编发日期：2025年7月30日" in result.text  # the back page (20) is only an image
    assert "总第867期" in result.text  # the cover (1) too


@needs_ocr
def test_a_blank_scanned_page_is_read_not_listed(tmp_path: Path) -> None:
    pdf = _blank_pdf(tmp_path / "blank.pdf", pages=1)
    with pytest.raises(NoTextLayer, match="OCR found no text"):
        read_document(pdf)


@needs_ocr
@pytest.mark.slow
def test_a_scan_with_only_a_page_number_as_text_is_read(scanned_seed: tuple[Path, list], tmp_path: Path) -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    _, images = scanned_seed
    pdf = tmp_path / "numbered-scan.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(595, 842), invariant=1)
    c.drawImage(ImageReader(images[3]), 0, 0, 595, 842)
    c.drawString(290, 30, "4")  # a text layer of the folio only
    c.showPage()
    c.save()
    raw = read_document(pdf)
    assert raw.meta["ocr_pages"].keys() == {1} and "四、厅（局）长进大厅" in raw_to_clean(raw).text


def test_summary_says_how_to_read_pages_without_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from click.testing import CliRunner
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from reportparse.cli import main as cli_main

    monkeypatch.setattr(settings_mod, "ocr_installed", lambda: False)
    monkeypatch.setenv("COLUMNS", "200")
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = tmp_path / "half-scanned.pdf"
    c = canvas.Canvas(str(pdf), invariant=1)
    c.setFont("STSong-Light", 14)
    c.drawString(72, 760, "本周共受理425件。")
    c.showPage()
    c.showPage()  # a page with nothing on it
    c.save()
    # in this process (--timeout 0), so the patch above holds
    res = CliRunner().invoke(cli_main, ["extract", str(pdf), "--out", str(tmp_path / "out"), "--no-cache",
                                        "--format", "csv", "-j", "1", "--timeout", "0"])
    assert res.exit_code == 0, res.output
    text = " ".join(res.output.split())
    assert "1 pages in 1 files have no text layer (scans?); OCR reads them: pip install 'reportparse[ocr]'" in text


@needs_ocr
def test_a_worker_pool_after_ocr_in_this_process_does_not_hang(tmp_path: Path) -> None:
    """ONNX Runtime's at-fork handler hangs a forked child: after OCR the pool spawns its workers."""
    import subprocess

    for i in (1, 2):
        (tmp_path / f"r{i}.txt").write_text("一、综合\n本周共受理425件。\n", encoding="utf-8")
    script = (
        "import numpy, sys\n"
        "from reportparse.ingest.ocr import recognize\n"
        "from reportparse import extract\n"
        "recognize(numpy.full((64, 64), 255, numpy.uint8))\n"
        f"ex = extract([{str(tmp_path)!r}], jobs=2, cache=False)\n"
        "sys.exit(0 if list(ex.documents['status']) == ['ok', 'ok'] else 3)\n"
    )
    res = subprocess.run([sys.executable, "-c", script], timeout=240, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-2000:]
