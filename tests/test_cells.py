"""Ruled tables in PDFs (issue 13, item 3): the cells table, cell figures, and running text kept clean.

The first half draws its PDFs in code (reportlab's built-in CID font: no system font needed). The
second reads the Shanghai budget disclosures of ``../shared/realdocs`` (located from the repository
root, never copied) and skips when that folder is absent.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from reportparse.ingest import read_document
from reportparse.layout import raw_to_clean
from reportparse.pipeline import parse_document
from reportparse.rulebook import load_rules
from reportparse.sections import clean_to_sections
from reportparse.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
REALDOCS = ROOT.parent / "shared" / "realdocs"
needs_realdocs = pytest.mark.skipif(not REALDOCS.is_dir(), reason="no ../shared/realdocs beside the repository")
ENGINES = ("pdfplumber", "pypdfium2")


def _canvas(path: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    return c, A4[1]


def _grid(c, h: float, top: float, cols: list[float], rows: list[list[str]], row_h: float = 22,
          inner_rules: bool = True) -> float:
    """Draw a table: a rule under every row (or only the header's), a vertical rule at every column edge."""
    bottom = top + row_h * len(rows)
    c.setLineWidth(0.5)
    for i in range(len(rows) + 1):
        if inner_rules or i in (0, 1, len(rows)):
            c.line(cols[0], h - (top + i * row_h), cols[-1], h - (top + i * row_h))
    for x in cols:
        c.line(x, h - top, x, h - bottom)
    c.setFont("STSong-Light", 10.5)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            if text:
                c.drawString(cols[j] + 4, h - (top + i * row_h + 15), text)
    return bottom


def make_budget_pdf(path: Path, inner_rules: bool = True) -> Path:
    c, h = _canvas(path)
    c.setFont("STSong-Light", 14)
    c.drawString(72, h - 80, "一、收支预算总体情况")
    c.drawString(100, h - 104, "本单位收入预算3,000.50万元，比上年增长2.5%。")
    c.drawString(72, h - 140, "表1 2024年收支预算总表")
    c.setFont("STSong-Light", 10.5)
    c.drawString(420, h - 160, "单位：万元")
    rows = [["项目", "预算数", "比上年增长（%）"],
            ["一、财政拨款收入", "2,940.05", "3.1"],
            ["二、事业收入", "60.45", "-12.0"],
            ["合计", "3,000.50", "2.5"]]
    bottom = _grid(c, h, 170, [72, 260, 380, 520], rows, inner_rules=inner_rules)
    c.setFont("STSong-Light", 14)
    c.drawString(100, h - (bottom + 30), "二、支出预算情况说明如下，支出预算与收入预算相等。")
    c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def budget_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_budget_pdf(tmp_path_factory.mktemp("cells") / "budget.pdf")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_ruled_table_gives_cells_and_stays_out_of_the_sentences(budget_pdf: Path, engine: str) -> None:
    settings = Settings(pdf_engine=engine)
    clean = raw_to_clean(read_document(budget_pdf, settings), settings)
    assert len(clean.tables) == 1
    table = clean.tables[0]
    assert table["unit"] == "万元" and table["title"] == "表1 2024年收支预算总表"
    texts = [(c["row"], c["col"], c["text"]) for c in table["cells"]]
    assert (1, 0, "一、财政拨款收入") in texts and (3, 1, "3,000.50") in texts
    paras = clean.text.split("\n")
    assert "本单位收入预算3,000.50万元，比上年增长2.5%。" in paras
    assert "二、支出预算情况说明如下，支出预算与收入预算相等。" in paras
    assert "一、财政拨款收入" in paras  # a cell is a paragraph of its own
    for c in table["cells"]:
        assert clean.text[c["char_start"] : c["char_end"]] == c["text"]
    sections, _ = clean_to_sections(clean)
    assert [s.title for s in sections if s.level == 1] == ["一、收支预算总体情况", "二、支出预算情况说明如下，支出预算与收入预算相等。"[:2]] \
        or all("财政拨款" not in s.title for s in sections)


@pytest.mark.parametrize("engine", ENGINES)
def test_number_cells_become_figures_in_base_units(budget_pdf: Path, engine: str) -> None:
    res = parse_document(budget_pdf, load_rules(), Settings(pdf_engine=engine, cache_dir=None))
    assert res.document["status"] == "ok"
    cells = {(c["row_label"], c["col_header"]): c for c in res.tables["cells"] if c["value"] is not None}
    cell = cells[("一、财政拨款收入", "预算数")]
    assert (cell["value"], cell["unit"], cell["page"], cell["table_id"]) == (29400500, "元", 1, 1)
    assert cells[("二、事业收入", "比上年增长（%）")]["value"] == -12.0
    assert cells[("二、事业收入", "比上年增长（%）")]["unit"] == "%"
    figs = [f for f in res.tables["figures"] if f["rule"] == "figure.cell"]
    assert len(figs) == 6
    total = next(f for f in figs if f["metric"] == "合计" and f["subject"] == "预算数")
    assert (total["value"], total["unit"], total["scope"]) == (30005000, "元", "other")
    assert res.text[total["char_start"] : total["char_end"]] == "3,000.50"
    growth = next(f for f in figs if f["metric"] == "合计" and f["unit"] == "%")
    assert growth["scope"] == "change"
    # the sentence's own figure is still read by the rules, once
    prose = [f for f in res.tables["figures"] if f["rule"] != "figure.cell" and f["value"] == 30005000]
    assert len(prose) == 1
    assert res.document["coverage"] >= 0.9


STAT_FULL = (["产品名称", "单位", "产量", "比上年增长（%）"],
             [["钢材", "万吨", "521.5", "-8.6"], ["水泥", "万吨", "1236.3", "-8.8"], ["汽车", "万辆", "62.1", "7.1"]])
STAT_TWO = (["类别", "", "指数（上年=100）", ""], [["居民消费价格", "", "100.2", ""], ["食品烟酒", "", "99.1", ""],
                                                  ["衣着", "", "101.3", ""]])


@pytest.mark.parametrize(("verticals", "table"), [((1, 2, 3), STAT_FULL), ((2,), STAT_TWO)])
def test_a_table_ruled_only_around_its_header_is_split_into_one_row_a_line(
        tmp_path: Path, verticals: tuple[int, ...], table: tuple[list[str], list[list[str]]]) -> None:
    """A statistical table: three full rules, no outer border, the items stacked in one tall cell
    a column; with one inner vertical only, pdfplumber's lines strategy finds no cell at all."""
    c, h = _canvas(tmp_path / "stat.pdf")
    c.setFont("STSong-Light", 14)
    c.drawString(72, h - 80, "表2 主要指标")
    c.setLineWidth(0.5)
    cols = [72, 220, 300, 420, 520]
    for y in (100, 122, 210):
        c.line(cols[0], h - y, cols[-1], h - y)
    for k in verticals:
        c.line(cols[k], h - 100, cols[k], h - 210)
    c.setFont("STSong-Light", 10.5)
    head, items = table
    for j, t in enumerate(head):
        c.drawString(cols[j] + 4, h - 115, t)
    for i, row in enumerate(items):
        for j, t in enumerate(row):
            c.drawString(cols[j] + 4, h - (140 + 22 * i), t)
    c.drawString(72, h - 240, "全年规模以上工业增加值增长5.0%。")
    c.showPage()
    c.save()
    res = parse_document(tmp_path / "stat.pdf", load_rules(), Settings(cache_dir=None))
    got = {(c["row_label"], c["col_header"]): (c["value"], c["unit"]) for c in res.tables["cells"] if c["value"] is not None}
    if table is STAT_FULL:
        assert got == {("钢材", "产量"): (5215000, "吨"), ("钢材", "比上年增长（%）"): (-8.6, "%"),
                       ("水泥", "产量"): (12363000, "吨"), ("水泥", "比上年增长（%）"): (-8.8, "%"),
                       ("汽车", "产量"): (621000, "辆"), ("汽车", "比上年增长（%）"): (7.1, "%")}
    else:
        head = "指数（上年=100）"  # a base in brackets is no unit
        assert got == {("居民消费价格", head): (100.2, None), ("食品烟酒", head): (99.1, None), ("衣着", head): (101.3, None)}
    assert "全年规模以上工业增加值增长5.0%。" in res.text.split("\n")


# ---------------------------------------------------------------- the Shanghai budget disclosures

SHANGHAI = ("shanghai_caizhengju_2025_danwei_yusuan.pdf", "shanghai_putuo_caizhengju_2024_bumen_juesuan.pdf",
            "shanghai_putuo_shehui_fuliyuan_2024_danwei_yusuan.pdf", "shanghai_putuo_zfbgs_2025_bumen_yusuan.pdf")
# (file, page, row label, column header, value in base units, unit), picked by hand from the PDFs
PICKED = (
    (SHANGHAI[0], 7, "一、财政拨款收入", "本年收入·预算数", 171915169, "元"),
    (SHANGHAI[0], 7, "二、社会保障和就业支出", "本年支出·预算数·基本支出·人员经费", 15714000, "元"),
    (SHANGHAI[0], 8, "行政运行", "收入预算·合计", 84861719, "元"),
    (SHANGHAI[0], 17, "办公费", "一般公共预算基本支出·公用经费", 1000000, "元"),
    (SHANGHAI[0], 20, None, "机关运行经费预算数", 25177800, "元"),
    (SHANGHAI[1], 6, "一、一般公共预算财政拨款收入", "收入·决算数", 29400500, "元"),
    (SHANGHAI[1], 8, "信息化建设", "财政拨款收入", 1352500, "元"),
    (SHANGHAI[1], 9, "购房补贴", "财政拨款收入", 2585000, "元"),
    (SHANGHAI[1], 12, "九、卫生健康支出", "支出·一般公共预算财政拨款", 609900, "元"),
    (SHANGHAI[1], 15, "合计", "基本支出", 23369100, "元"),
)


@pytest.fixture(scope="module")
def shanghai_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from reportparse.cli import main as cli_main

    out = tmp_path_factory.mktemp("shanghai") / "out"
    res = CliRunner().invoke(cli_main, ["extract", *[str(REALDOCS / f) for f in SHANGHAI], "--out", str(out),
                                        "--quiet", "--format", "csv"])
    assert res.exit_code == 0, res.output
    return out


def _rows(out: Path, table: str) -> list[dict[str, str]]:
    with open(out / f"{table}.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@needs_realdocs
def test_ten_hand_picked_cells_of_two_budgets(shanghai_out: Path) -> None:
    docs = {Path(d["source"]).name: d["doc_id"] for d in _rows(shanghai_out, "documents")}
    cells = _rows(shanghai_out, "cells")
    for name, page, label, header, value, unit in PICKED:
        hits = [c for c in cells if c["doc_id"] == docs[name] and int(c["page"]) == page
                and (c["row_label"] or None) == label and c["col_header"] == header]
        assert any(c["value"] and float(c["value"]) == value and c["unit"] == unit for c in hits), (name, page, label, header, hits)


@needs_realdocs
def test_budget_coverage_is_at_least_085(shanghai_out: Path) -> None:
    for d in _rows(shanghai_out, "documents"):
        assert d["status"] == "ok" and float(d["coverage"]) >= 0.85, (d["source"], d["coverage"])
    figs = [f for f in _rows(shanghai_out, "figures") if f["rule"] == "figure.cell"]
    assert len(figs) > 800 and all(f["metric"] for f in figs)


@needs_realdocs
@pytest.mark.parametrize("name", [SHANGHAI[0], "henan_zhoukou_2023_tongji_gongbao.pdf"])
def test_both_engines_read_the_same_cells(name: str) -> None:
    got = {}
    for engine in ENGINES:
        settings = Settings(pdf_engine=engine)
        clean = raw_to_clean(read_document(REALDOCS / name, settings), settings)
        got[engine] = [(t["page"], c["row"], c["col"], c["text"]) for t in clean.tables for c in t["cells"]]
    assert len(got["pdfplumber"]) > 100 and got["pdfplumber"] == got["pypdfium2"]


def test_a_page_drawing_only_a_frame_or_a_rule_has_no_table(tmp_path: Path) -> None:
    """A boxed note, a rule under a head, a two-column divider: no grid of two rows and columns with text."""
    c, h = _canvas(tmp_path / "frame.pdf")
    c.setLineWidth(0.5)
    c.rect(60, h - 400, 470, 300)  # a frame around the text
    c.line(60, h - 130, 530, h - 130)  # a rule under the head
    c.line(295, h - 130, 295, h - 400)  # a column divider
    c.setFont("STSong-Light", 12)
    c.drawString(80, h - 120, "窗口工作周报")
    for i in range(6):
        c.drawString(80, h - (160 + 24 * i), f"左栏第{i + 1}行文字，共受理{i + 3}件。")
        c.drawString(310, h - (160 + 24 * i), f"右栏第{i + 1}行文字，办结{i + 2}件。")
    c.showPage()
    c.save()
    clean = raw_to_clean(read_document(tmp_path / "frame.pdf"))
    assert clean.tables == ()
    assert "左栏第1行文字，共受理3件。" in clean.text


def test_a_table_broken_by_the_page_is_read_on_both_pages(tmp_path: Path) -> None:
    """The page ends inside the table (its verticals run to the page's end, no closing rule) and
    it goes on at the top of the next page with no header: both parts are read, the second with
    the first's column headers and unit."""
    c, h = _canvas(tmp_path / "broken.pdf")
    cols = [72, 260, 380, 520]
    c.setFont("STSong-Light", 14)
    c.drawString(72, h - 620, "表3 主要指标")
    c.setFont("STSong-Light", 10.5)
    c.drawString(440, h - 640, "单位：亿元")
    c.setLineWidth(0.5)
    for y in (650, 672):
        c.line(cols[0], h - y, cols[-1], h - y)
    for x in cols:
        c.line(x, h - 650, x, h - 672)
    for x in cols[1:-1]:
        c.line(x, h - 672, x, h - 760)
    for j, t in enumerate(["指标名称", "绝对数", "比上年增长（%）"]):
        c.drawString(cols[j] + 4, h - 665, t)
    for i, row in enumerate([["地区生产总值", "1329.65", "4.0"], ["第一产业", "290.41", "4.2"]]):
        for j, t in enumerate(row):
            c.drawString(cols[j] + 4, h - (690 + 22 * i), t)
    c.showPage()
    c.setLineWidth(0.5)
    for x in cols[1:-1]:
        c.line(x, h - 72, x, h - 140)
    c.line(cols[0], h - 140, cols[-1], h - 140)
    c.setFont("STSong-Light", 10.5)
    for i, row in enumerate([["第二产业", "282.41", "3.8"], ["第三产业", "756.83", "3.9"]]):
        for j, t in enumerate(row):
            c.drawString(cols[j] + 4, h - (90 + 22 * i), t)
    c.setFont("STSong-Light", 14)
    c.drawString(72, h - 180, "二、农业生产稳中有进。")
    c.showPage()
    c.save()
    res = parse_document(tmp_path / "broken.pdf", load_rules(), Settings(cache_dir=None))
    got = {(c["page"], c["row_label"], c["col_header"]): (c["value"], c["unit"])
           for c in res.tables["cells"] if c["value"] is not None}
    assert got[(1, "地区生产总值", "绝对数")] == (132965000000, "元")
    assert got[(2, "第三产业", "绝对数")] == (75683000000, "元")
    assert got[(2, "第二产业", "比上年增长（%）")] == (3.8, "%")
    assert {c["table_title"] for c in res.tables["cells"]} == {"表3主要指标"}  # as in the cleaned text


def test_a_header_keeps_only_its_label_lines() -> None:
    """A grid without its top rule takes the prose and the heading above it as header rows: the
    column header is the label lines under them."""
    from reportparse.entities.cells import _header_parts

    prose = ["级审核、先审后发”程序，落实“三审三校”制度，从严从实把", "确保公开信息及时准确规范。",
             "二、主动公开政府信息情况"]
    assert _header_parts([*prose, "第二十条第（一）项", "本年制发件数"]) == ["第二十条第（一）项", "本年制发件数"]
    assert _header_parts(["申请人情况", "法人或其他组织", "商业企业"]) == ["申请人情况", "法人或其他组织", "商业企业"]


def test_a_row_labelled_by_a_department_names_it_and_the_column_is_the_metric() -> None:
    from reportparse.entities.cells import with_departments

    row = "省市场监管局 86 84"
    figures = [
        {"metric": "省市场监管局", "subject": "受理（件）", "char_start": 110, "sentence": row, "department": None},
        {"metric": "省市场监管局", "subject": "办结（件）", "char_start": 113, "sentence": row, "department": None},
        {"metric": "合计", "subject": "受理（件）", "char_start": 130, "sentence": "合计 295", "department": None},
        {"metric": "省市场监管局", "subject": "受理（件）", "char_start": 400, "sentence": row, "department": None},
    ]
    depts = [{"mention": "省市场监管局", "canonical": "四川省市场监督管理局", "char_start": 103, "char_end": 109}]
    got = [(f["metric"], f["subject"], f["department"]) for f in with_departments(figures, depts)]
    assert got == [("受理", None, "四川省市场监督管理局"), ("办结", None, "四川省市场监督管理局"),
                   ("合计", "受理（件）", None),
                   ("省市场监管局", "受理（件）", None)]  # a department named far before is another row's


def test_cell_figures_take_the_scope_of_their_caption() -> None:
    """A ruled table under 表1　本周部分进驻部门办件情况: its cells are the week's, as a line table's rows."""
    from reportparse.entities.cells import with_caption_scope
    from reportparse.entities.context import DocContext, IssueDates
    from reportparse.match import find_candidates, resolve_overlaps
    from reportparse.pipeline import text_to_clean
    from reportparse.rulebook import load_rules
    from reportparse.sections import clean_to_sections, clean_to_sentences

    rules = load_rules()
    clean = text_to_clean("表1 本周部分进驻部门办件情况\n省市场监管局\n86")
    sections, _ = clean_to_sections(clean)
    ctx = DocContext("d", clean, clean_to_sentences(clean, sections), sections, rules)
    ctx.issue = IssueDates(2023, date(2023, 4, 3), date(2023, 4, 7))
    cues, _ = resolve_overlaps([c for c in find_candidates(clean.text, rules.of_kind("scope")) if c.kind == "scope"])
    at = clean.text.index("86")
    fig = {"metric": "受理", "scope": "other", "char_start": at, "_caption": clean.text[:clean.text.index("\n")]}
    caption = (0, clean.text.index("\n"))
    [got] = with_caption_scope([dict(fig)], [caption], cues, ctx)
    assert (got["scope"], got["period_start"], got["period_end"]) == ("week", date(2023, 4, 3), date(2023, 4, 7))
    assert "_caption" not in got
    [plain] = with_caption_scope([{**fig, "_caption": "表2各部门办件情况"}], [caption], cues, ctx)
    assert plain["scope"] == "other"
