"""Readers: encodings, emphasis, PDF lines and fonts, and every kind of bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_docs import REALDOCS, SKIP_REASON

from reportparse.errors import InputError, NoTextLayer, PdfReadError
from reportparse.ingest import read_document
from reportparse.ingest.pdf import read_pdf
from reportparse.ingest.text import read_text
from reportparse.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEED_TXT = ROOT / "corpora" / "weekly-2023-35.txt"
SEED_PDF = ROOT / "corpora" / "weekly-2023-35.pdf"
SAMPLE = "2023 年第 35 期\n\n本周，**交通运输厅**受理 425 件。\n"


@pytest.fixture(scope="module")
def seed_pdf():
    return read_document(SEED_PDF, Settings())


def _one_line_error(exc_info: pytest.ExceptionInfo, *words: str) -> str:
    msg = str(exc_info.value)
    assert "\n" not in msg and "Traceback" not in msg
    for w in words:
        assert w in msg
    return msg


# --- text -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
     ("utf-16", "utf-16")],
)
def test_text_encodings(tmp_path: Path, encoding: str, expected: str) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(SAMPLE.encode(encoding))
    doc = read_document(p)
    assert doc.meta["encoding"] == expected
    assert doc.format == "txt" and doc.extractor == "text" and doc.flow and doc.n_pages is None
    assert [ln.text for ln in doc.pages[0].lines][:3] == ["2023 年第 35 期", "", "本周，交通运输厅受理 425 件。"]
    assert doc.pages[0].number is None


def test_text_emphasis_flags() -> None:
    doc = read_text(SEED_TXT)
    line = next(ln for ln in doc.pages[0].lines if ln.text.startswith("3.近日"))
    assert "**" not in line.text
    bold = "".join(c if b else "|" for c, b in zip(line.text, line.bold, strict=True))
    assert [w for w in bold.split("|") if w] == ["交通运输厅", "省中心", "农业农村厅"]


def test_unpaired_stars_stay_text(tmp_path: Path) -> None:
    p = tmp_path / "r.md"
    p.write_text("# 标题\n5 ** 2 是乘方\n", encoding="utf-8")
    doc = read_document(p)
    assert doc.format == "md"
    assert [ln.text for ln in doc.pages[0].lines][:2] == ["标题", "5 ** 2 是乘方"]


def test_undecodable_text(tmp_path: Path) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes("周报".encode("gb18030") + b"\x81\x30\xff\xfe\x80")
    with pytest.raises(InputError) as e:
        read_document(p)
    _one_line_error(e, "encoding")


def test_binary_text(tmp_path: Path) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(b"abc\x00\x00\x01def")
    with pytest.raises(InputError) as e:
        read_document(p)
    _one_line_error(e, "binary")


# --- bad files ------------------------------------------------------------------------------------

def test_zero_byte(tmp_path: Path) -> None:
    for name in ("empty.pdf", "empty.txt"):
        p = tmp_path / name
        p.write_bytes(b"")
        with pytest.raises(InputError) as e:
            read_document(p)
        _one_line_error(e, "empty", name)


def test_png_renamed_pdf(tmp_path: Path) -> None:
    p = tmp_path / "scan.pdf"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(PdfReadError) as e:
        read_document(p)
    _one_line_error(e, "not a PDF", "PNG")


def test_truncated_pdf(tmp_path: Path) -> None:
    data = SEED_PDF.read_bytes()
    p = tmp_path / "half.pdf"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(PdfReadError) as e:
        read_document(p)
    _one_line_error(e, "truncated")
    # a cut file with a forged end marker still fails, as a parse error
    p.write_bytes(data[: len(data) // 2] + b"\n%%EOF\n")
    with pytest.raises(PdfReadError) as e:
        read_document(p)
    _one_line_error(e, "cannot read PDF")


def test_password_protected_pdf(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    p = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(p), pagesize=A4, encrypt="secret")
    c.drawString(72, 720, "locked report")
    c.save()
    with pytest.raises(PdfReadError) as e:
        read_document(p)
    _one_line_error(e, "password")


def test_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p), pagesize=A4, invariant=1)
    c.rect(50, 50, 400, 600, fill=1)
    c.showPage()
    c.rect(60, 60, 300, 300, fill=0)
    c.save()
    with pytest.raises(NoTextLayer) as e:
        read_document(p)
    _one_line_error(e, "no text layer", "2 page")


def test_unknown_suffix(tmp_path: Path) -> None:
    p = tmp_path / "r.odt"
    p.write_bytes(b"plain words")
    with pytest.raises(InputError) as e:
        read_document(p)
    _one_line_error(e, "unsupported", ".odt")


def test_pdf_sniffed_before_suffix(tmp_path: Path) -> None:
    p = tmp_path / "report.txt"
    p.write_bytes(SEED_PDF.read_bytes())
    assert read_document(p).format == "pdf"


# --- PDF lines ------------------------------------------------------------------------------------

def test_pdf_pages_and_lines(seed_pdf) -> None:
    assert seed_pdf.format == "pdf" and seed_pdf.extractor == "pdfplumber" and not seed_pdf.flow
    assert seed_pdf.n_pages == len(seed_pdf.pages) >= 3
    first = seed_pdf.pages[0]
    assert first.number == 1 and first.width == pytest.approx(595.28, abs=0.1)
    title = next(ln for ln in first.lines if ln.text == "窗口工作周报")
    assert title.size == 30 and "ZenHei" in title.font
    body = next(ln for ln in first.lines if ln.text.startswith("本周"))
    assert body.size == 16 and body.font.startswith("STSong") and body.x1 > body.x0 > 0
    assert body.bottom > body.top > 0


def test_pdf_fake_bold_by_render_mode(seed_pdf) -> None:
    bold_words = []
    for page in seed_pdf.pages:
        for ln in page.lines:
            assert not ln.bold or len(ln.bold) == len(ln.text)
            run = "".join(c if b else "|" for c, b in zip(ln.text, ln.bold, strict=False))
            bold_words += [w for w in run.split("|") if w]
    assert bold_words == ["交通运输厅", "省中心", "农业农村厅", "经济和信息化厅", "自然资源厅"]
    # the bold chars use the body font itself: only the render mode tells them apart
    line = next(ln for p in seed_pdf.pages for ln in p.lines if "交通运输厅修订" in ln.text)
    assert line.font.startswith("STSong")


def test_read_pdf_uses_x_tolerance() -> None:
    def first_body_line(tol: float) -> str:
        doc = read_pdf(SEED_PDF, Settings(x_tolerance=tol))
        return next(ln.text for ln in doc.pages[0].lines if "共计咨询" in ln.text.replace(" ", ""))

    assert first_body_line(3.0).startswith("本周，共计咨询 3101 人次")
    assert first_body_line(0.0).startswith("本 周")  # justification gaps read as spaces


# three real PDFs from ../shared/realdocs beside the repository; a skipped case says so when it is absent
_REAL_PDFS = sorted(REALDOCS.glob("*.pdf"))[:3] or [pytest.param(REALDOCS / "absent.pdf", marks=pytest.mark.skip(
    reason=SKIP_REASON))]


@pytest.mark.parametrize("pdf_path", [SEED_PDF, *_REAL_PDFS], ids=lambda p: p.name)
def test_lean_chars_equal_pdfplumbers(pdf_path: Path) -> None:
    """page_chars gives pdfplumber's page.chars (same order, text, font, geometry) plus render_mode."""
    import pdfplumber

    from reportparse.ingest.pdf import page_chars

    keys = ("text", "fontname", "size", "x0", "x1", "top", "bottom", "doctop", "upright")
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages[:3]:
            mine = page_chars(page)
            theirs = page.chars
            assert [{k: c[k] for k in keys} for c in mine] == [{k: c[k] for k in keys} for c in theirs]
            assert {c["render_mode"] for c in mine} <= {0, 1, 2, 3, 4, 5, 6, 7}


def test_pdfminer_debug_calls_are_skipped_only_while_reading() -> None:
    """During a read, pdfminer's per-token debug calls go to a stub; its loggers come back after,
    and nothing is swapped when a user turned pdfminer's debug logging on."""
    import logging

    import pdfminer.psparser as psparser

    from reportparse.ingest.pdf import _quiet_pdfminer

    before = psparser.log
    with _quiet_pdfminer():
        assert psparser.log is not before
        psparser.log.debug("dropped %s", 1)
        assert psparser.log.name == before.name  # the rest is forwarded
    assert psparser.log is before
    logging.getLogger("pdfminer").setLevel(logging.DEBUG)
    try:
        with _quiet_pdfminer():
            assert psparser.log is before
    finally:
        logging.getLogger("pdfminer").setLevel(logging.NOTSET)


def test_unmapped_glyphs_are_lost_text_read_by_pdfium(tmp_path: Path) -> None:
    """An owner-password PDF (printable, no user password: common for published reports) whose CID
    font pdfminer cannot map gives '(cid:4162)' glyphs: never in the text, and the page is read by
    PDFium instead, so the figures still come out."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from reportparse.layout import raw_to_clean

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "owner-only.pdf"
    enc = pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=1, canCopy=0, strength=128)
    c = canvas.Canvas(str(path), encrypt=enc, invariant=1)
    c.setFont("STSong-Light", 14)
    c.drawString(72, 760, "一、综合")
    c.drawString(72, 730, "本周共受理425件。")
    c.save()
    raw = read_document(path)
    text = raw_to_clean(raw).text
    assert "(cid:" not in text and "本周共受理425件。" in text
    assert raw.meta["engine_pages"] and raw.meta["chars_lost"] > 0
