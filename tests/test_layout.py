"""Layout cleanup: margins, paragraphs, CJK spacing, folding, emphasis and the page map."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportparse.ingest import read_document
from reportparse.ingest.text import text_to_raw
from reportparse.layout import clean_chars, is_page_number, raw_to_clean
from reportparse.model import RawDocument, RawLine, RawPage
from reportparse.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEED_TXT = ROOT / "corpora" / "weekly-2023-35.txt"
SEED_PDF = ROOT / "corpora" / "weekly-2023-35.pdf"
W, H = 595.0, 842.0
LEFT, RIGHT, EM = 74.0, 522.0, 16.0


def paras(clean) -> list[str]:
    return [clean.text[p.start : p.end] for p in clean.paragraphs]


def line(text: str, top: float, x0: float = LEFT, x1: float = RIGHT, size: float = EM, font: str = "Song",
         bold: tuple[bool, ...] = ()) -> RawLine:
    return RawLine(text, x0, x1, top, top + size, size, font, bold)


def body(top: float, text: str, first: bool = False, last: bool = False) -> RawLine:
    return line(text, top, LEFT + 2 * EM if first else LEFT, RIGHT - 200 if last else RIGHT)


def paged(*pages: list[RawLine]) -> RawDocument:
    return RawDocument("pdf", "test", tuple(RawPage(i + 1, tuple(p), W, H) for i, p in enumerate(pages)),
                       flow=False, n_pages=len(pages))


def clean_text(text: str) -> str:
    return raw_to_clean(text_to_raw(text), Settings()).text


@pytest.fixture(scope="module")
def seed_pair():
    settings = Settings()
    txt = raw_to_clean(read_document(SEED_TXT, settings), settings)
    pdf = raw_to_clean(read_document(SEED_PDF, settings), settings)
    return txt, pdf


# --- the seed in both forms -----------------------------------------------------------------------

def test_pdf_and_text_forms_clean_to_the_same_paragraphs(seed_pair) -> None:
    txt, pdf = seed_pair
    assert paras(pdf) == paras(txt)
    assert pdf.text == txt.text
    assert pdf.emphasis == txt.emphasis
    crossing = next(p for p in paras(pdf) if "网络安全、数据信息" in p)
    assert crossing.startswith("1.9月8日，省中心党委书记") and crossing.endswith("安全生产防线。")


def test_seed_cleaned_text_details(seed_pair) -> None:
    txt, _ = seed_pair
    ps = paras(txt)
    assert ps[:5] == ["2023年第35期（总第455期）", "窗口工作周报", "（9月4日—9月8日）",
                      "四川省政府政务服务和公共资源交易服务中心", "2023年9月15日"]
    assert "共计咨询3101人次、受理425件" in ps[7]
    assert not any("—" in p and p.strip("— 0123456789") == "" for p in ps)  # no page numbers
    assert "\n\n" not in txt.text and txt.text == txt.text.strip()


def test_seed_pdf_page_map(seed_pair) -> None:
    _, pdf = seed_pair
    assert pdf.page_at(0) == 1
    assert pdf.page_at(pdf.text.index("本周，共计咨询")) == 1
    assert pdf.page_at(pdf.text.index("〔2023〕28号")) == 2
    assert pdf.page_at(pdf.text.index("网络安全、")) == 2
    assert pdf.page_at(pdf.text.index("数据信息以及")) == 3
    crossing = next(p for p in pdf.paragraphs if "数据信息以及" in pdf.text[p.start : p.end])
    assert crossing.page == 2
    assert [pg for _, pg in pdf.page_starts] == [1, 2, 3, 4]
    txt, _ = seed_pair
    assert txt.page_at(100) is None and txt.paragraphs[0].page is None


def test_seed_pdf_heading_cues(seed_pair) -> None:
    _, pdf = seed_pair
    cued = [pdf.text[p.start : p.end] for p in pdf.paragraphs if p.heading_cue]
    assert "窗口工作周报" in cued
    assert "一、综窗改革攻坚行动" in cued and "（一）省本级综窗办件情况" in cued and "五、政务资讯" in cued
    assert not any(c.startswith(("本周", "1.", "2023年")) for c in cued)


def test_seed_emphasis_spans(seed_pair) -> None:
    txt, _ = seed_pair
    words = [txt.text[s:e] for s, e in txt.emphasis]
    assert words == ["交通运输厅", "省中心", "农业农村厅", "经济和信息化厅", "自然资源厅"]
    s, e = txt.emphasis[0]
    assert txt.text[s - 3 : s] == "近日，" and txt.text[e : e + 2] == "修订"


# --- margins --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["— 2 —", "- 2 -", "第 2 页", "第2页 共5页", "2/5", "2", "－２－", "Page 2 of 5"])
def test_page_number_forms(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2023年9月15日", "一、综合", "表2", "100.5"])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def test_running_heads_and_footers_dropped() -> None:
    pages = []
    for n in range(1, 4):
        lines = [] if n == 1 else [line("窗口工作周报 2023 年第 35 期", 40, 200, 400, 10.5)]
        lines += [body(100, f"第{n}页正文开始，这是一段很长的正文", first=True),
                  body(128, "这一段到此结束。", last=True),
                  line("3", 160, LEFT, LEFT + 8),  # a bare number in the body stays
                  line(f"— {n} —", 800, 280, 320, 14)]
        pages.append(lines)
    pages[0].append(line("印发：2023 年 9 月 15 日", 790, 300, 520, 12))  # footer text seen once stays
    out = paras(raw_to_clean(paged(*pages)))
    assert out.count("3") == 3
    assert not any("窗口工作周报" in p or "—" in p for p in out)
    assert "印发：2023年9月15日" in out
    assert out[0] == "第1页正文开始，这是一段很长的正文这一段到此结束。"


def test_running_head_printed_once_in_a_two_page_issue() -> None:
    first = [line("2023 年第 35 期（总第 455 期）", 120, 200, 400, 16), line("窗口工作周报", 160, 220, 380, 30),
             body(200, "本周，共计咨询 3101 人次、受理 425 件，这是一段很长的正文", first=True),
             body(228, "到此结束。", last=True)]
    second = [line("窗口工作周报  2023年第35期（总第455期）", 40, 150, 450, 10.5),
              body(100, "二、第二页的正文开始，这是一段很长的正文", first=True), body(128, "结束。", last=True)]
    out = paras(raw_to_clean(paged(first, second)))
    assert not any("窗口工作周报2023" in p for p in out), out
    assert out[1] == "窗口工作周报"


# --- paragraphs from geometry ---------------------------------------------------------------------

def test_geometry_paragraphs() -> None:
    doc = paged([
        line("窗口工作周报", 100, 200, 390, 30, "Hei"),  # centred masthead line
        line("2023 年 9 月 15 日", 150, 240, 355),
        line("一、综合", 200, LEFT + 32, 160, EM, "Hei"),
        body(228, "本周共计咨询 3101 人次、受理 425 件、颁发 3955 件、流", first=True),
        body(256, "转 4831 件。"),  # continues (previous reached the right edge), ends short
        body(284, "下一段紧跟在短行之后，并且首行缩进两个字符宽度的", first=True),
        body(312, "正文。", last=True),
        line("另起一段但没有缩进，仍在短行之后。", 340, LEFT, 300),
        body(368, "A long English sentence that wraps at the", first=True),
        body(396, "right edge of the block.", last=True),
        body(480, "与上一行隔着很大的空白，因此是新段落，", first=False),
        body(508, "结束。", last=True),
    ])
    out = paras(raw_to_clean(doc))
    assert out == [
        "窗口工作周报",
        "2023年9月15日",
        "一、综合",
        "本周共计咨询3101人次、受理425件、颁发3955件、流转4831件。",
        "下一段紧跟在短行之后，并且首行缩进两个字符宽度的正文。",
        "另起一段但没有缩进，仍在短行之后。",
        "A long English sentence that wraps at the right edge of the block.",
        "与上一行隔着很大的空白，因此是新段落，结束。",
    ]


@pytest.mark.parametrize(("first", "second", "joined"), [
    ("综窗进驻主项792项、办理项1,", "806项，受理工作手册累计完成。", "综窗进驻主项792项、办理项1,806项，受理工作手册累计完成。"),
    ("本周共受理政务服务事项13", "110件，同比增长。", "本周共受理政务服务事项13110件，同比增长。"),
    ("交易金额3.", "5亿元，节约资金。", "交易金额3.5亿元，节约资金。"),
    ("公共服务事项累计办结1", ",063.9万件，同比增长。", "公共服务事项累计办结1,063.9万件，同比增长。"),
    ("年内受理量达12", ".5万件，创历史新高。", "年内受理量达12.5万件，创历史新高。"),
    ("see section 1,", "then 2.", "see section 1, then 2."),  # a comma after a word: a space
])
def test_a_number_wrapped_across_lines_stays_one_number(first: str, second: str, joined: str) -> None:
    doc = paged([body(100, first, first=True), body(128, second, last=True)])
    assert paras(raw_to_clean(doc)) == [joined]


def test_font_size_change_starts_paragraph() -> None:
    doc = paged([body(100, "正文一直写到右边界为止的一行字", first=True),
                 line("小字注释也从左边开始", 128, LEFT, RIGHT, 12)])
    assert len(raw_to_clean(doc).paragraphs) == 2


def test_page_break_join_and_page_map() -> None:
    doc = paged(
        [body(100, "第一页的段落写满了整行并且一直", first=True), body(128, "写到页面底部的网络安全、"),
         line("— 1 —", 800, 280, 320, 14)],
        [line("窗口工作周报", 40, 250, 350, 10.5), body(100, "数据信息以及其他。", last=True),
         body(128, "第二段。", first=True, last=True), line("— 2 —", 800, 280, 320, 14)],
        [line("窗口工作周报", 40, 250, 350, 10.5), body(100, "第三页另起一段。", first=True, last=True)],
    )
    clean = raw_to_clean(doc)
    assert paras(clean) == ["第一页的段落写满了整行并且一直写到页面底部的网络安全、数据信息以及其他。",
                            "第二段。", "第三页另起一段。"]
    assert clean.page_starts == ((0, 1), (clean.text.index("数据"), 2), (clean.text.index("第三页"), 3))
    assert clean.page_at(3) == 1 and clean.page_at(clean.text.index("第二段")) == 2
    assert [p.page for p in clean.paragraphs] == [1, 2, 3]


def test_short_last_line_of_page_does_not_continue() -> None:
    doc = paged([body(100, "一段在本页结束。", first=True, last=True)],
                [body(100, "下一页的正文顶格开始。", last=True)])
    assert len(raw_to_clean(doc).paragraphs) == 2


def test_heading_cue_by_font_and_bold() -> None:
    doc = paged([
        body(72, "正文第一段写满一整行。" * 2, first=True),
        body(100, "正文第一段的第二行。", last=True),
        line("二、黑体标题", 128, LEFT + 32, 200, EM, "Hei"),
        line("加粗的小标题", 156, LEFT + 32, 200, bold=(True,) * 6),
        line("表 1 小字号的表格行", 184, LEFT, 300, 10.5, "Hei"),
        body(212, "正文第二段。", first=True, last=True),
    ])
    assert [p.heading_cue for p in raw_to_clean(doc).paragraphs] == [False, True, True, False, False]


# --- flow input -----------------------------------------------------------------------------------

def test_flow_continuation_marks() -> None:
    text = "甲、乙、\n\n丙和丁。\n现将情况报告如下：\n一、总体情况\n第一项；\n（2）第二项。\n"
    assert clean_text(text).split("\n") == ["甲、乙、丙和丁。", "现将情况报告如下：", "一、总体情况",
                                            "第一项；", "（2）第二项。"]


def test_flow_heading_with_colon_not_joined() -> None:
    assert clean_text("（一）主要做法：\n正文。").split("\n") == ["（一）主要做法：", "正文。"]


# --- characters -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("咨询 3101 人次", "咨询3101人次"),
        ("2023 年第 35 期", "2023年第35期"),
        ("9 月 4 日—9 月 8 日", "9月4日—9月8日"),
        ("一、综 合", "一、综合"),
        ("12  34 件", "12 34件"),
        ("Hello   world", "Hello world"),
        ("ＧＤＰ增长８．６％，共１２３４５件", "GDP增长8.6%，共12345件"),  # ． between digits, ％: folded
        ("（一）\u3000省本级", "（一）省本级"),
        ("\u3000\u3000本周 ", "本周"),
        ("《通知》 （川政公〔2023〕28号）", "《通知》（川政公〔2023〕28号）"),
        ("占比 56.1% 。", "占比56.1%。"),
        ("A/Victoria 株", "A/Victoria株"),
    ],
)
def test_cjk_spacing_and_folding(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_clean_chars_keeps_flags_and_pages() -> None:
    chars = [(c, c in "交通", 1) for c in "近日， 交通 厅"]
    out = clean_chars(chars)
    assert "".join(c for c, _, _ in out) == "近日，交通厅"
    assert [b for _, b, _ in out] == [False, False, False, True, True, False]


def test_emphasis_offsets_after_cleaning() -> None:
    clean = raw_to_clean(text_to_raw("第一段。\n本周 **交通运输厅** 与 **省 中心** 座谈。"))
    assert [clean.text[s:e] for s, e in clean.emphasis] == ["交通运输厅", "省中心"]
    assert clean.emphasis[0] == (clean.text.index("交通"), clean.text.index("交通") + 5)
    assert not clean.paragraphs[1].heading_cue
    whole = raw_to_clean(text_to_raw("**一、加粗标题**\n正文"))
    assert [p.heading_cue for p in whole.paragraphs] == [True, False]


@pytest.mark.parametrize(("text", "paragraphs"), [
    # a line indented deeper than the one before opens a paragraph, even after a colon
    ("各区办件量如下（单位：件）：\n　　甲区税务局　　　112436\n　　乙区税务局　　　86215",
     ["各区办件量如下（单位：件）：", "甲区税务局112436", "乙区税务局86215"]),
    ("主要做法如下：\n    一是加强统筹。", ["主要做法如下：", "一是加强统筹。"]),
    # a hard-wrapped line goes on where the next is not indented deeper (the first line may be)
    ("　　本周共受理事项，\n办结事项412件。", ["本周共受理事项，办结事项412件。"]),
    ("  本周共受理事项，\n  办结事项412件。", ["本周共受理事项，办结事项412件。"]),
])
def test_text_paragraphs_follow_indentation(text: str, paragraphs: list[str]) -> None:
    clean = raw_to_clean(text_to_raw(text), Settings())
    assert [clean.text[p.start:p.end] for p in clean.paragraphs] == paragraphs
