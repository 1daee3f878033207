"""Real and realistic documents: page furniture, note calls, odd encodings, text frames, tables.

The first half builds its inputs in code (always runs). The second reads the public documents in
``../shared/realdocs`` beside the repository root (never copied into the repo, see shared_docs.py) and
skips, saying why, when that folder is absent;
its assertions are about the genre (no page number survives, no number is cut from its unit ...),
not about any document's wording.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
import regex
from shared_docs import REALDOCS, needs_realdocs

from reportparse import settings as settings_mod
from reportparse.ingest import read_document
from reportparse.ingest.pdf import chars_to_lines
from reportparse.ingest.text import text_to_raw
from reportparse.layout import is_page_number, lines_to_paragraphs, paragraphs_to_clean, raw_to_clean
from reportparse.model import RawLine, RawPage
from reportparse.pipeline import parse_document
from reportparse.rulebook import load_rules
from reportparse.sections import clean_to_sections
from reportparse.settings import Settings


def _paras(text: str) -> list[str]:
    return text.split("\n")


def _clean_text(text: str, fmt: str = "txt") -> str:
    return raw_to_clean(text_to_raw(text, fmt)).text


# ---------------------------------------------------------------- built in code


def test_note_calls_leave_running_text_but_notes_and_lists_stay() -> None:
    text = _clean_text("全年全县地区生产总值[3]876.5亿元，比上年增长5.2%。\n规模以上工业增加值④增长6.1%。\n"
                       "主要措施：①优化流程；②压缩时限。\n[3]地区生产总值按现价计算。\n④规模以上工业统计口径。\n")
    paras = _paras(text)
    assert paras[0] == "全年全县地区生产总值876.5亿元，比上年增长5.2%。"
    assert paras[1] == "规模以上工业增加值增长6.1%。"
    assert paras[2] == "主要措施：①优化流程；②压缩时限。"  # a list after a colon is no note call
    assert paras[3].startswith("[3]") and paras[4].startswith("④")  # the notes themselves


def test_text_copied_from_pages_loses_folios_and_running_heads() -> None:
    head = "某市2024年国民经济和社会发展统计公报"
    lines = [head, "某市统计局", "一、综合", "全年实现生产总值100亿元，", "— 1 —", head,
             "比上年增长5%。", "- 2 -", head, "二、农业", "第 3 页 共 9 页", head, "粮食产量12万吨。", "12"]
    paras = _paras(_clean_text("\n".join(lines)))
    assert paras[0] == head and paras.count(head) == 1  # the title stays, its repeats go
    assert not any(is_page_number(p) and not p.isdigit() for p in paras)
    assert "全年实现生产总值100亿元，比上年增长5%。" in paras  # a paragraph split at a page break
    assert paras[-1] == "12"  # a bare number may be data


def test_spaced_heading_is_a_section() -> None:
    clean = raw_to_clean(text_to_raw("统计公报\n一、综　合\n全年生产总值100亿元。\n（一）农　业\n粮食增产。\n"))
    sections, _ = clean_to_sections(clean)
    assert [s.path for s in sections] == ["一、综合", "一、综合 > （一）农业"]


def test_gb18030_text_decodes_folds_digits_and_gives_sections(tmp_path: Path) -> None:
    src = tmp_path / "report.txt"
    src.write_bytes("政府工作报告\n一、过去一年回顾\n２０２３年全年新增就业１２０万人。\n二、今年主要任务\n".encode("gb18030"))
    raw = read_document(src)
    assert raw.meta["encoding"] == "gb18030"
    clean = raw_to_clean(raw)
    assert "2023年全年新增就业120万人。" in clean.text
    assert [s.title for s in clean_to_sections(clean)[0]] == ["一、过去一年回顾", "二、今年主要任务"]


def test_markdown_html_from_ocr_becomes_plain_lines() -> None:
    md = ("## 二、农业\n全年粮食产量为120万吨，<!-- Page 3 -->\n\n增长2%。\n"
          "<table><tr><td>指标</td><td>产量</td></tr><tr><td>粮食</td><td>120</td></tr></table>\n"
          "<center>图2：粮食产量</center>\n")
    paras = _paras(_clean_text(md, "md"))
    assert "<" not in "".join(paras) and "Page" not in "".join(paras)
    assert paras[:2] == ["二、农业", "全年粮食产量为120万吨，增长2%。"]
    assert "粮食120" in paras and "图2：粮食产量" in paras


def test_flattened_table_row_is_no_section() -> None:
    clean = raw_to_clean(text_to_raw("一、收入情况\n本年收入合计500万元。\n二、其他收入12.50 13.75\n三、支出情况\n"))
    assert [s.title for s in clean_to_sections(clean)[0]] == ["一、收入情况", "三、支出情况"]


def _char(text: str, x0: float, top: float, size: float = 12.0, font: str = "FangSong") -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size,
            "fontname": font, "upright": True}


def test_quotes_set_lower_in_a_latin_font_stay_on_their_line() -> None:
    chars = [_char(c, 100 + 12 * i, 400.0) for i, c in enumerate("财政拨款")]
    chars += [_char("“", 148, 404.8, font="Times"), _char("三", 154, 400.0), _char("公", 166, 400.0),
              _char("”", 178, 404.8, font="Times"), _char("经", 184, 400.0), _char("费", 196, 400.0)]
    chars += [_char(c, 100 + 12 * i, 414.5) for i, c in enumerate("下一行")]  # tight leading: a line of its own
    assert [ln.text for ln in chars_to_lines(chars, 3.0)] == ["财政拨款“三公”经费", "下一行"]


def _line(text: str, x0: float, x1: float, top: float, size: float = 10.0) -> RawLine:
    return RawLine(text=text, x0=x0, x1=x1, top=top, bottom=top + size, size=size, font="Song")


def test_a_narrower_text_frame_keeps_its_paragraphs_whole() -> None:
    """A boxed summary as wide as the page's text, then a frame 15 pt narrower, justified to its edge."""
    box = [_line("甲" * 40, 81, 545, 100 + 16 * i) for i in range(6)] + [_line("完。", 81, 130, 196)]
    frame = [_line("本周共检测样本一万二千份，阳性率为", 93, 529, 260), _line("百分之一点六，较上周下降。", 71, 499, 276),
             _line("其中南方省份检测样本一万份，高于", 93, 523, 292), _line("上年同期。", 71, 400, 308)]
    page = RawPage(1, tuple(box + frame), 595, 842)
    text = paragraphs_to_clean(lines_to_paragraphs((page,), [list(page.lines)]), paged=True).text
    assert _paras(text)[-2:] == ["本周共检测样本一万二千份，阳性率为百分之一点六，较上周下降。",
                                 "其中南方省份检测样本一万份，高于上年同期。"]


def test_image_only_pages_are_counted_not_fatal(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.rect(100, 100, 300, 500, fill=1)  # a cover drawn as a picture: no text
    c.showPage()
    c.setFont("STSong-Light", 14)
    c.drawString(72, 760, "一、综合")
    c.drawString(72, 730, "本周共受理425件。")
    c.showPage()
    c.rect(100, 100, 300, 500, fill=1)
    c.showPage()
    c.save()
    raw = read_document(path, Settings(ocr="never"))
    assert raw.n_pages == 3 and raw.meta["pages_without_text"] == [1, 3]
    assert "本周共受理425件。" in raw_to_clean(raw).text
    for engine in ("pdfplumber", "pypdfium2"):  # and the documents row says which pages
        doc = parse_document(path, load_rules(), Settings(pdf_engine=engine, ocr="never")).document
        assert doc["status"] == "ok" and doc["pages_without_text"] == "1;3", engine
        assert "ocr_pages" not in doc


# ---------------------------------------------------------------- the real documents


def _real(name: str) -> Path:
    path = REALDOCS / name
    if not path.exists():
        pytest.skip(f"{path} missing")
    return path


def _running_paras(clean) -> list[str]:
    """The paragraphs that are not cells of a ruled table (a cell is a paragraph of its own)."""
    return [clean.text[p.start : p.end] for p in clean.paragraphs if not p.table]


def _body_paras(path: Path) -> list[str]:
    return _paras(raw_to_clean(read_document(path)).text)


NUMBER_CUT_FROM_UNIT = regex.compile(r"\d$")
UNIT_START = regex.compile(r"^[年月日个件人万亿元%]")


def _cuts(paras: list[str]) -> list[tuple[str, str]]:
    """Consecutive paragraphs where a number was cut from the unit after it (…2022 | 年同期…)."""
    return [(a[-20:], b[:20]) for a, b in zip(paras, paras[1:], strict=False)
            if NUMBER_CUT_FROM_UNIT.search(a) and UNIT_START.match(b)]


@needs_realdocs
def test_statistics_bulletin_pdf_no_folios_no_note_calls_spaced_headings() -> None:
    clean = raw_to_clean(read_document(_real("guizhou_qiandongnan_2023_tongji_gongbao.pdf")))
    paras = _paras(clean.text)
    assert not [p for p in _running_paras(clean) if is_page_number(p)]  # a number cell is no folio
    inline_calls = [p for p in paras if regex.search(r"(?<=\p{Han})\[\d{1,2}\]", p)]
    assert not inline_calls
    level1 = [s.title for s in clean_to_sections(clean)[0] if s.level == 1]
    assert len(level1) >= 10 and all(" " not in t for t in level1)  # 一、综 合 is 一、综合


@needs_realdocs
def test_flu_weekly_image_pages_reported_and_frames_whole() -> None:
    raw = read_document(_real("chinacdc_flu_weekly_2025w30_no867.pdf"), Settings(ocr="never"))
    assert raw.n_pages == 20 and raw.meta["pages_without_text"] == [1, 20]
    clean = raw_to_clean(raw)
    paras = _paras(clean.text)
    assert not _cuts(paras)
    assert not [p for p in _running_paras(clean) if is_page_number(p)]  # a number cell is no folio


@needs_realdocs
@pytest.mark.parametrize("name", ["guowuyuan_2008_zhengfu_gongzuo_baogao.gb18030.txt",
                                  "guowuyuan_2018_zhengfu_gongzuo_baogao.gb18030.txt"])
def test_gb18030_reports_decode_and_give_sections(name: str) -> None:
    raw = read_document(_real(name))
    assert raw.meta["encoding"] == "gb18030"
    clean = raw_to_clean(raw)
    assert not regex.search(r"[\uFF10-\uFF19]", clean.text)  # full-width digits folded
    sections, _ = clean_to_sections(clean)
    assert sum(s.level == 1 for s in sections) >= 2 and sum(s.level == 2 for s in sections) >= 5


@needs_realdocs
def test_web_text_running_heads_and_note_calls_gone() -> None:
    paras = _body_paras(_real("henan_luoyang_2023_tongji_gongbao.txt"))
    short = [p for p in paras if len(p) <= 40]
    assert max(short.count(p) for p in short) == 1  # no repeated running head
    assert not [p for p in paras if regex.search(r"(?<=\p{Han})[\u2460-\u2473](?=[\p{Han}\d])", p)]


@needs_realdocs
def test_ocr_markdown_has_no_html_and_matches_the_pdf_sections() -> None:
    md = raw_to_clean(read_document(_real("sichuan_chengdu_2021_tongji_gongbao.ocr_deepseek.md")))
    assert not regex.search(r"<[a-z!/]|-->", md.text)
    pdf = raw_to_clean(read_document(_real("sichuan_chengdu_2021_tongji_gongbao.pdf")))
    md_titles = [s.title for s in clean_to_sections(md)[0] if s.level <= 2]
    pdf_titles = [s.title for s in clean_to_sections(pdf)[0] if s.level <= 2]
    assert len(md_titles) >= 15 and md_titles == pdf_titles


@needs_realdocs
def test_budget_tables_no_stray_quote_lines_and_no_table_row_sections() -> None:
    clean = raw_to_clean(read_document(_real("shanghai_putuo_caizhengju_2024_bumen_juesuan.pdf")))
    assert not [p for p in _paras(clean.text) if p and not regex.search(r"[\p{Han}\w]", p)]
    assert not [s.title for s in clean_to_sections(clean)[0] if regex.search(r"\d\s+\d[\d,.]*$", s.title)]


@needs_realdocs
@pytest.mark.slow
def test_every_realdoc_extracts_ok_in_bounded_time(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from reportparse.cli import main as cli_main

    t0 = time.monotonic()
    res = CliRunner().invoke(cli_main, ["extract", str(REALDOCS), "--out", str(tmp_path), "--quiet",
                                        "--format", "csv"])
    assert res.exit_code == 0, res.output
    with open(tmp_path / "documents.csv", encoding="utf-8-sig", newline="") as f:
        docs = list(csv.DictReader(f))
    ocr_pages = sum(len(d["ocr_pages"].split(";")) for d in docs if d["ocr_pages"])
    assert time.monotonic() - t0 < 120 + 15 * ocr_pages  # an OCR page takes seconds, a text page ms
    if settings_mod.ocr_installed():  # the flu weeklies' image pages and a blank page: all read
        assert not [(d["source"], d["pages_without_text"]) for d in docs if d["pages_without_text"]]
    want = [p for p in REALDOCS.iterdir() if p.suffix in (".pdf", ".txt", ".md")]
    assert len(docs) == len(want)
    assert {d["status"] for d in docs} == {"ok"}, [(d["source"], d["error"]) for d in docs if d["status"] != "ok"]
    with open(tmp_path / "cells.csv", encoding="utf-8-sig", newline="") as f:
        cells = {(c["doc_id"], c["text"]) for c in csv.DictReader(f)}
    for d in docs:
        assert int(d["n_chars"]) > 1000, d["source"]
        text = (tmp_path / "texts" / f"{d['doc_id']}.txt").read_text(encoding="utf-8")
        # a table's number cell (-1) is a paragraph of its own, not a folio
        assert not [p for p in _paras(text) if is_page_number(p) and not p.strip().isdigit()
                    and (d["doc_id"], p) not in cells], d["source"]
