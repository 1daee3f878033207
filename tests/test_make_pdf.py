"""corpora/make_pdf.py: the seed PDF is reproducible; the fpdf2 backend embeds every face as Word does.

Needs the fonts make_pdf uses (apt: fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import regex as re

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "corpora"))

import make_pdf  # noqa: E402

SEED_TXT = ROOT / "corpora" / "weekly-2023-35.txt"
SEED_PDF = ROOT / "corpora" / "weekly-2023-35.pdf"
pytestmark = pytest.mark.skipif(not all(p.exists() for p, _ in make_pdf.FONT_FILES.values()),
                                reason=f"apt-get install {make_pdf.FONT_PACKAGES}")
# CJK only: both backends' fonts give every character the same width (1 em), so the layouts agree exactly
CJK_ONLY = ("测试周报\n第二期\n一、综合窗口\n本周，**省中心**共计咨询人次、受理件，办结率同比增长，网办率稳中有升，"
            "各窗口部门对照清单逐项梳理，确保事项办理规范高效。\n（一）专项工作\n**交通运输厅**完成专网改造，"
            "涉及防灾减灾、网络安全、\n\n数据信息等方面。\n二、下步工作\n持续推进“一件事”集成服务。\n")


def _fonts(pdf: Path) -> list[dict[str, object]]:
    """Every font resource of the document: base font, subtype, encoding, descendant, embedded file."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    def name(v: object) -> str:
        return getattr(resolve1(v), "name", str(resolve1(v)))

    out: dict[int, dict[str, object]] = {}
    with pdf.open("rb") as fh:
        doc = PDFDocument(PDFParser(fh))
        for page in PDFPage.create_pages(doc):
            for ref in resolve1(page.resources.get("Font", {})).values():
                font = resolve1(ref)
                desc = [resolve1(d) for d in resolve1(font.get("DescendantFonts", []))]
                fd = resolve1((desc[0] if desc else font).get("FontDescriptor", {})) or {}
                out[ref.objid] = {"base": name(font["BaseFont"]), "subtype": name(font["Subtype"]),
                                  "encoding": name(font.get("Encoding", "")),
                                  "descendant": name(desc[0]["Subtype"]) if desc else None,
                                  "embedded": any(k in fd for k in ("FontFile", "FontFile2", "FontFile3")),
                                  "tounicode": "ToUnicode" in font}
    return list(out.values())


def _page_texts(pdf: Path) -> dict[str, list[str]]:
    import pdfplumber
    import pypdfium2

    with pdfplumber.open(pdf) as doc:
        plumber = [p.extract_text() for p in doc.pages]
    doc = pypdfium2.PdfDocument(str(pdf))
    pdfium = []
    for page in doc:
        tp = page.get_textpage()
        pdfium.append(tp.get_text_range())
        tp.close()
        page.close()
    doc.close()
    return {"pdfplumber": plumber, "pypdfium2": pdfium}


def _body(pages: list[str], head: str) -> str:
    """The pages' text without whitespace, page numbers and running heads (PDFium reads those last)."""
    squash = re.compile(r"\s+")
    keep = [ln for i, page in enumerate(pages) for ln in page.splitlines()
            if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", ln) and not (i and squash.sub("", ln) == head)]
    return squash.sub("", "".join(keep))


def _origins(pdf: Path) -> list[tuple[int, str, float, float]]:
    """(page, char, x, baseline) of the characters between the running head and the page number."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [(p.page_number, c["text"], round(c["matrix"][4], 2), round(c["matrix"][5], 2))
                for p in doc.pages for c in p.chars if 60 < p.height - c["matrix"][5] < 790]


def test_reportlab_reproduces_the_seed_pdf(tmp_path: Path) -> None:
    """The seed PDF is reportlab's rendering of the seed text, byte for byte (the default backend)."""
    out = make_pdf.render_report(SEED_TXT.read_text(encoding="utf-8"), tmp_path / "seed.pdf")
    assert out.read_bytes() == SEED_PDF.read_bytes()


def test_fpdf2_embeds_one_cid_subset_per_face(tmp_path: Path) -> None:
    pdf = make_pdf.render_report(SEED_TXT.read_text(encoding="utf-8"), tmp_path / "seed.pdf", backend="fpdf2")
    fonts = _fonts(pdf)
    assert sorted(re.sub(r"^[A-Z]{6}\+", "", f["base"]) for f in fonts) == [
        "ARPLUKaiCNBook", "ARPLUMingCNLight", "WenQuanYiZenHei"]
    for f in fonts:
        assert re.match(r"^[A-Z]{6}\+", f["base"])  # a subset
        assert (f["subtype"], f["encoding"], f["descendant"]) == ("Type0", "Identity-H", "CIDFontType2")
        assert f["embedded"] and f["tounicode"]
    # the reportlab rendering: body font not embedded, headings in simple TrueType subsets
    old = {f["base"]: f for f in _fonts(SEED_PDF)}
    assert not old["STSong-Light"]["embedded"]
    assert {f["subtype"] for f in old.values() if f["embedded"]} == {"TrueType"}


def test_fpdf2_same_bytes_and_every_character_read_back(tmp_path: Path) -> None:
    text = SEED_TXT.read_text(encoding="utf-8")
    a = make_pdf.render_report(text, tmp_path / "a.pdf", backend="fpdf2")
    b = make_pdf.render_report(text, tmp_path / "b.pdf", backend="fpdf2")
    assert a.read_bytes() == b.read_bytes()
    want = re.sub(r"\s+", "", text.replace("**", ""))
    for engine, pages in _page_texts(a).items():
        assert 3 <= len(pages) <= 4, engine  # UMing's digits are wider than STSong-Light's: 4 pages, not 3
        assert "(cid:" not in "".join(pages) and "\ufffd" not in "".join(pages), engine
        assert _body(pages, "窗口工作周报2023年第35期（总第455期）") == want, engine


def test_backends_share_the_layout(tmp_path: Path) -> None:
    """Same line breaks, justification, page break, bold and positions: only the fonts differ."""
    rl = make_pdf.render_report(CJK_ONLY, tmp_path / "rl.pdf")
    f2 = make_pdf.render_report(CJK_ONLY, tmp_path / "f2.pdf", backend="fpdf2")
    a, b = _origins(rl), _origins(f2)
    assert len({p for p, *_ in a}) == 2  # the forced page break after 网络安全、
    assert [(p, c) for p, c, *_ in b] == [(p, c) for p, c, *_ in a]
    for (_, c, xa, ya), (_, _, xb, yb) in zip(a, b, strict=True):
        assert (xb, yb) == pytest.approx((xa, ya), abs=0.01), c


@pytest.mark.parametrize("backend", ["reportlab", "fpdf2", "fpdf2-no-tj"])
def test_fake_bold_is_render_mode_2(tmp_path: Path, backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportparse.ingest.pdf import read_pdf
    from reportparse.ingest.pdfium import read_pdf_pdfium

    monkeypatch.setattr(make_pdf, "TJ_LINES", not backend.endswith("no-tj"))
    pdf = make_pdf.render_report(CJK_ONLY, tmp_path / "x.pdf", backend=backend.removesuffix("-no-tj"))
    for read in (read_pdf, read_pdf_pdfium):
        bold = ["".join(c for c, b in zip(ln.text, ln.bold, strict=False) if b)
                for p in read(pdf).pages for ln in p.lines]
        assert [w for w in bold if w] == ["省中心", "交通运输厅"], read.__name__


def test_fpdf2_skips_unused_faces_and_rejects_missing_glyphs(tmp_path: Path) -> None:
    pdf = make_pdf.render_report("周报\n一、标题\n正文一段。\n", tmp_path / "x.pdf", backend="fpdf2")
    assert len(_fonts(pdf)) == 2  # no （一） heading: AR PL UKai not embedded
    with pytest.raises(ValueError, match="no glyph"):
        make_pdf.render_report("周报\n一、标题\n正文 \U0001f600。\n", tmp_path / "y.pdf", backend="fpdf2")
    with pytest.raises(ValueError, match="backend"):
        make_pdf.render_report("周报\n", tmp_path / "z.pdf", backend="word")


def test_fpdf2_without_tj_lines_same_layout_and_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback (a text object a token, for an fpdf2 without the internals the TJ lines use)."""
    tj = make_pdf.render_report(CJK_ONLY, tmp_path / "tj.pdf", backend="fpdf2")
    monkeypatch.setattr(make_pdf, "TJ_LINES", False)
    tok = make_pdf.render_report(CJK_ONLY, tmp_path / "tok.pdf", backend="fpdf2")
    assert tok.read_bytes() != tj.read_bytes()
    for (_, c, xa, ya), (_, d, xb, yb) in zip(_origins(tj), _origins(tok), strict=True):
        assert c == d and (xb, yb) == pytest.approx((xa, ya), abs=0.01)
    assert _page_texts(tok) == _page_texts(tj)


# ---- other print layouts of the same bulletin: the seed still reads back as its text form and scores 1.00

def _scorer():
    from score_helpers import load_scorer

    return load_scorer()


@pytest.fixture(scope="module")
def layouts_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed drawn in every named layout (fpdf2, reportlab for every other one), extracted at once."""
    from click.testing import CliRunner

    from reportparse.cli import main as cli_main

    src = tmp_path_factory.mktemp("layouts")
    text = SEED_TXT.read_text(encoding="utf-8")
    for i, (name, lay) in enumerate(sorted(make_pdf.LAYOUTS.items())):
        make_pdf.render_report(text, src / f"{name}.pdf", layout=lay, backend=("fpdf2", "reportlab")[i % 2])
    out = src / "out"
    res = CliRunner().invoke(cli_main, ["extract", str(src), "--out", str(out), "--quiet", "--format", "csv"])
    assert res.exit_code == 0, res.output
    return out


@pytest.mark.parametrize("name", sorted(make_pdf.LAYOUTS))
def test_seed_in_every_layout_reads_as_the_text_and_scores_1(layouts_out: Path, name: str) -> None:
    import csv
    import json

    from reportparse.ingest import read_document
    from reportparse.layout import raw_to_clean

    with open(layouts_out / "documents.csv", encoding="utf-8-sig", newline="") as f:
        doc = next(d for d in csv.DictReader(f) if Path(d["source"]).name == f"{name}.pdf")
    want = raw_to_clean(read_document(SEED_TXT)).text
    got = (layouts_out / "texts" / f"{doc['doc_id']}.txt").read_text(encoding="utf-8")
    assert got.split("\n") == want.split("\n")  # paragraph for paragraph
    gold = json.loads((ROOT / "tests" / "golden" / "weekly-2023-35.gold.json").read_text(encoding="utf-8"))
    res = _scorer().score(gold, str(layouts_out), f"{name}.pdf")
    keys = ["fig_r", "fig_p", "date_r", "date_p", "dept_r", "dept_p", "off_r", "off_p", "ref_r", "doc"]
    assert {k: round(res[k], 2) for k in keys} == dict.fromkeys(keys, 1.0)


def test_layout_options_draw_what_they_say(tmp_path: Path) -> None:
    """Page size, folio format with the page total, no running head, two title lines in red."""
    import pdfplumber

    lay = make_pdf.Layout(page=make_pdf.LETTER, folio="第 {n} 页 共 {total} 页", running_head=False,
                          title_lines=2, title_color=make_pdf.RED, last_baseline=400)
    pdf = make_pdf.render_report(SEED_TXT.read_text(encoding="utf-8"), tmp_path / "x.pdf", layout=lay)
    with pdfplumber.open(pdf) as doc:
        n = len(doc.pages)
        assert n >= 3 and (doc.pages[0].width, doc.pages[0].height) == make_pdf.LETTER
        lines = [p.extract_text().splitlines() for p in doc.pages]
        red = {c["text"] for c in doc.pages[0].chars if c.get("non_stroking_color") not in (None, 0, (0,), [0])}
    assert [ln[-1].replace(" ", "") for ln in lines] == [f"第{i}页共{n}页" for i in range(1, n + 1)]
    assert not any("窗口工作周报" in "".join(ln[:1]).replace(" ", "") for ln in lines[1:])  # no running head
    assert "窗口工" in lines[0][1].replace(" ", "") and "作周报" in lines[0][2].replace(" ", "")
    assert set("窗口工作周报") <= red
    with pytest.raises(ValueError, match="heading_style"):
        make_pdf.render_report("周报\n", tmp_path / "y.pdf", layout=make_pdf.Layout(heading_style="italic"))
