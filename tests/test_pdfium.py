"""The PDFium engine: same cleaned text as pdfplumber, fake bold, errors, and the cross-check.

Needs the fonts make_pdf uses (apt: fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming) and,
for the CFF test, fonts-noto-cjk and the fpdf2 package.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportparse.errors import InputError, NoTextLayer, PdfReadError
from reportparse.ingest import READERS, read_document
from reportparse.ingest.pdf import read_pdf
from reportparse.ingest.pdfium import _font_map, read_pdf_pdfium
from reportparse.layout import raw_to_clean
from reportparse.model import RawDocument, RawLine
from reportparse.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEED_TXT = ROOT / "corpora" / "weekly-2023-35.txt"
SEED_PDF = ROOT / "corpora" / "weekly-2023-35.pdf"
PDFIUM = Settings(pdf_engine="pypdfium2")
MAKE_PDF_FONTS = (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
                  Path("/usr/share/fonts/truetype/arphic/ukai.ttc"),
                  Path("/usr/share/fonts/truetype/arphic/uming.ttc"))
NOTO_CFF = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
needs_make_pdf_fonts = pytest.mark.skipif(not all(p.exists() for p in MAKE_PDF_FONTS),
                                          reason="apt-get install fonts-wqy-zenhei fonts-arphic-ukai "
                                                 "fonts-arphic-uming")


def _assert_same_clean(a: RawDocument, b: RawDocument) -> None:
    ca, cb = raw_to_clean(a), raw_to_clean(b)
    assert cb.text == ca.text
    assert cb.paragraphs == ca.paragraphs
    assert cb.page_starts == ca.page_starts
    assert cb.emphasis == ca.emphasis


def _bold_words(doc: RawDocument) -> list[str]:
    words = []
    for page in doc.pages:
        for ln in page.lines:
            assert not ln.bold or len(ln.bold) == len(ln.text)
            run = "".join(c if b else "|" for c, b in zip(ln.text, ln.bold, strict=False))
            words += [w for w in run.split("|") if w]
    return words


@pytest.fixture(scope="module")
def seed_both() -> tuple[RawDocument, RawDocument]:
    return read_pdf(SEED_PDF), read_pdf_pdfium(SEED_PDF)


# --- same text as pdfplumber ------------------------------------------------------------------------

def test_seed_same_clean_text(seed_both) -> None:
    plumber, pdfium = seed_both
    assert pdfium.format == "pdf" and pdfium.extractor == "pypdfium2" and not pdfium.flow
    assert pdfium.n_pages == plumber.n_pages == len(pdfium.pages)
    _assert_same_clean(plumber, pdfium)


def test_seed_same_lines(seed_both) -> None:
    """Line by line: text (up to runs of spaces), geometry, size and bold agree."""
    plumber, pdfium = seed_both
    for pa, pb in zip(plumber.pages, pdfium.pages, strict=True):
        assert (pb.number, pb.width, pb.height) == pytest.approx((pa.number, pa.width, pa.height))
        assert len(pb.lines) == len(pa.lines)
        for la, lb in zip(pa.lines, pb.lines, strict=True):
            assert " ".join(lb.text.split()) == " ".join(la.text.split())
            assert (lb.x0, lb.x1, lb.top, lb.bottom) == pytest.approx((la.x0, la.x1, la.top, la.bottom), abs=0.05)
            assert lb.size == la.size
            assert any(lb.bold) == any(la.bold)
    title = next(ln for ln in pdfium.pages[0].lines if ln.text == "窗口工作周报")
    assert title.size == 30 and "ZenHei" in title.font
    body = next(ln for ln in pdfium.pages[0].lines if ln.text.startswith("本周"))
    assert body.size == 16 and body.font.startswith("STSong")


def test_fake_bold_by_render_mode(seed_both) -> None:
    _, pdfium = seed_both
    assert _bold_words(pdfium) == ["交通运输厅", "省中心", "农业农村厅", "经济和信息化厅", "自然资源厅"]
    line = next(ln for p in pdfium.pages for ln in p.lines if "交通运输厅修订" in ln.text)
    assert line.font.startswith("STSong")  # same font as the body: only the render mode tells
    clean = raw_to_clean(pdfium)
    assert "交通运输厅" in [clean.text[s:e] for s, e in clean.emphasis]


def _variant_texts() -> dict[str, str]:
    seed = SEED_TXT.read_text(encoding="utf-8")
    latin = seed.replace(
        "本周，", "本周（详见 www.sczwfw.gov.cn/report-v2.1 与 PDF 附件 A-3），ratio 56.1% of 3,101 cases，", 1)
    short = ("测试周报\n2024 年第 2 期（总第 470 期）\n"
             "一、综合窗口\n本周，**省中心**共计咨询 12 人次、受理 3 件，办结率 99.5%，"
             "同比增长 1.2 个百分点，网办率 88%。\n"
             "（一）专项工作\n**交通运输厅**完成 Wi-Fi 与 5G 专网改造，涉及防灾减灾、网络\n\n"
             "安全、数据信息等 7 个方面。\n"
             "二、下步工作\n持续推进“一件事”集成服务。\n")
    return {"seed": seed, "latin": latin, "short": short}


@needs_make_pdf_fonts
@pytest.mark.parametrize("backend", ["reportlab", "fpdf2"])  # fpdf2: fonts embedded as in the synthetic corpus
@pytest.mark.parametrize("name", ["seed", "latin", "short", "seed-small"])
def test_rendered_reports_same_clean_text(tmp_path: Path, name: str, backend: str) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "corpora"))
    try:
        from make_pdf import Layout, render_report
    finally:
        sys.path.remove(str(ROOT / "corpora"))
    texts = _variant_texts()
    layout = Layout(size=12, chars_per_line=36, leading=21) if name == "seed-small" else None
    pdf = render_report(texts[name.split("-")[0]], tmp_path / f"{name}.pdf", layout=layout, backend=backend)
    plumber, pdfium = read_pdf(pdf), read_pdf_pdfium(pdf)
    assert plumber.meta["engine_pages"] == {} and plumber.meta["chars_lost"] == 0
    _assert_same_clean(plumber, pdfium)
    if name == "short":
        assert _bold_words(pdfium) == ["省中心", "交通运输厅"]


def test_latin_text_and_hyphens_same(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    p = tmp_path / "latin.pdf"
    c = canvas.Canvas(str(p), pagesize=A4, invariant=1)
    lines = ["Weekly report of the service centre, a well-", "known office; it handled 425 cases and 3,101",
             "inquiries (56.1% online).  Two  spaces here.", "", "Bold heading line", "ends with a hyphen-",
             "ated word."]
    for i, text in enumerate(lines):
        c.setFont("Helvetica-Bold" if text.startswith("Bold") else "Times-Roman", 12)
        c.drawString(72, 780 - 16 * i, text)
    c.save()
    plumber, pdfium = read_pdf(p), read_pdf_pdfium(p)
    _assert_same_clean(plumber, pdfium)
    text = raw_to_clean(pdfium).text
    assert "a well- known" in text and "hyphen-\nated" in text  # PDFium marks these hyphens U+0002
    assert _bold_words(pdfium) == ["Bold heading line"]


# --- dispatch and errors ----------------------------------------------------------------------------

def test_engine_dispatch(tmp_path: Path) -> None:
    assert read_document(SEED_PDF, PDFIUM).extractor == "pypdfium2"
    assert READERS[".pdf"](SEED_PDF, PDFIUM).extractor == "pypdfium2"
    renamed = tmp_path / "report.txt"  # sniffed as PDF: still the chosen engine
    renamed.write_bytes(SEED_PDF.read_bytes())
    assert read_document(renamed, PDFIUM).extractor == "pypdfium2"


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    data = SEED_PDF.read_bytes()
    out = {}
    for name, body in {"empty": b"", "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
                       "truncated": data[: len(data) // 2],
                       "forged-eof": data[: len(data) // 2] + b"\n%%EOF\n",
                       "garbage": b"%PDF-1.4\n" + b"garbage " * 200 + b"\n%%EOF\n"}.items():
        out[name] = tmp_path / f"{name}.pdf"
        out[name].write_bytes(body)
    out["locked"] = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(out["locked"]), pagesize=A4, encrypt="secret")
    c.drawString(72, 720, "locked report")
    c.save()
    out["scan"] = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(out["scan"]), pagesize=A4, invariant=1)
    c.rect(50, 50, 400, 600, fill=1)
    c.showPage()
    c.rect(60, 60, 300, 300, fill=0)
    c.save()
    return out


BAD = {"empty": (InputError, "empty"), "png": (PdfReadError, "PNG"), "truncated": (PdfReadError, "truncated"),
       "forged-eof": (PdfReadError, "cannot read PDF"), "garbage": (PdfReadError, "cannot read PDF"),
       "locked": (PdfReadError, "password"), "scan": (NoTextLayer, "no text layer on any of 2 page")}


def test_bad_files_same_errors(tmp_path: Path) -> None:
    files = _bad_files(tmp_path)
    for name, (kind, words) in BAD.items():
        for settings in (Settings(), PDFIUM):
            with pytest.raises(InputError) as e:
                read_document(files[name], settings)
            msg = str(e.value)
            assert type(e.value) is kind, (name, settings.pdf_engine, msg)
            assert words in msg and "\n" not in msg and "Traceback" not in msg
    with pytest.raises(PdfReadError, match="truncated"):
        read_pdf_pdfium(files["truncated"])


# --- cross-check: pdfminer drops CID-keyed CFF glyphs -----------------------------------------------

HEADINGS = ["窗口工作周报", "一、综合窗口", "二、专项工作"]


def _cff_pdf(path: Path) -> Path:
    fpdf = pytest.importorskip("fpdf")
    if not NOTO_CFF.exists():
        pytest.skip("apt-get install fonts-noto-cjk")
    if not MAKE_PDF_FONTS[0].exists():
        pytest.skip("apt-get install fonts-wqy-zenhei")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_font("NotoCFF", fname=str(NOTO_CFF), collection_font_number=2)  # SC, OTF/CFF outlines
    pdf.add_font("ZenHei", fname=str(MAKE_PDF_FONTS[0]))
    pdf.add_page()
    pdf.set_font("NotoCFF", size=22)
    pdf.cell(0, 14, HEADINGS[0], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("ZenHei", size=14)
    pdf.cell(0, 10, "2023 年第 35 期", align="C", new_x="LMARGIN", new_y="NEXT")
    for heading, body in [(HEADINGS[1], "本周，共计咨询 3101 人次、受理 425 件。"),
                          (HEADINGS[2], "交通运输厅修订受理工作手册，省中心完成培训。")]:
        pdf.set_font("NotoCFF", size=16)
        pdf.cell(0, 12, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("ZenHei", size=14)
        pdf.multi_cell(0, 9, "　　" + body, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()  # a page in the TrueType font only: pdfplumber reads it whole
    pdf.set_font("ZenHei", size=14)
    pdf.multi_cell(0, 9, "　　据省一体化政务服务平台统计，今年以来累计受理 341613 件。", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.output(str(path))
    return path


def test_cross_check_recovers_cff_text(tmp_path: Path) -> None:
    import pdfplumber

    pdf = _cff_pdf(tmp_path / "cff.pdf")
    with pdfplumber.open(pdf) as doc:
        alone = doc.pages[0].extract_text()
    assert "本周" in alone and not any(h in alone for h in HEADINGS)  # silently lost, no error

    raw = read_document(pdf)  # default engine: pdfplumber, with the cross-check
    assert raw.extractor == "pdfplumber"
    assert raw.meta["engine_pages"] == {1: "pypdfium2"}
    assert raw.meta["chars_lost"] == sum(len(h) for h in HEADINGS)
    clean = raw_to_clean(raw)
    paras = {clean.text[p.start:p.end]: p for p in clean.paragraphs}
    for h in HEADINGS:
        assert h in paras and paras[h].heading_cue and paras[h].page == 1
    assert not any(p.heading_cue for t, p in paras.items() if t.startswith(("本周", "据省")))
    assert "累计受理341613件" in clean.text  # page 2 kept from pdfplumber
    _assert_same_clean(raw, read_pdf_pdfium(pdf))


def test_no_loss_no_replacement(seed_both) -> None:
    plumber, _ = seed_both
    assert plumber.meta["engine_pages"] == {} and plumber.meta["chars_lost"] == 0


def test_font_map_votes_by_position() -> None:
    theirs = (RawLine("本周受理", x0=90, x1=300, top=100, bottom=116, font="STSongStd-Light"),
              RawLine("办结", x0=72, x1=104, top=130, bottom=146, font="STSongStd-Light"))
    ours = (RawLine("一、综合窗口", x0=72, x1=170, top=70, bottom=86, font="NotoSansCJKsc"),
            RawLine("本周受理", x0=90, x1=300, top=100.2, bottom=116, font="STSong-Light"),
            RawLine("办结", x0=72, x1=104, top=130, bottom=146, font="STSong-Light"))
    assert _font_map(theirs, ours) == {"STSong-Light": "STSongStd-Light"}


def test_documents_table_flags_pages_read_by_pdfium(tmp_path: Path) -> None:
    """The documents row says which pages PDFium supplied and how many chars pdfplumber lost,
    the same on a cold run and on a run from the text cache (where JSON made the page keys str)."""
    from reportparse.api import extract

    (tmp_path / "in").mkdir()
    pdf = _cff_pdf(tmp_path / "in" / "cff.pdf")
    lost = sum(len(h) for h in HEADINGS)
    for run in ("cold", "cached"):
        docs = extract([pdf], cache_dir=tmp_path / "cache").documents
        assert docs.loc[0, "fallback_pages"] == "1", run
        assert docs.loc[0, "chars_lost"] == lost, run
    txt = tmp_path / "in" / "a.txt"
    txt.write_text("本周受理 425 件。\n", encoding="utf-8")
    docs = extract([txt], cache=False).documents
    assert docs["fallback_pages"].isna().all() and docs["chars_lost"].isna().all()
