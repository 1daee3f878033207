"""Running heads and feet found by repetition: odd/even pages, a head on the first body line,
page numbers in every common form (issue 13, item 1). The generator's layouts of the same cases
(head-on-body-line, odd-even-heads, cn-folio, dot-folio, slash-folio) are scored in test_make_pdf."""

from __future__ import annotations

import pytest

from reportparse.layout import is_page_number, raw_to_clean
from reportparse.model import RawDocument, RawLine, RawPage

W, H = 595.0, 842.0
LEFT, RIGHT, EM = 74.0, 522.0, 16.0


def line(text: str, top: float, x0: float = LEFT, x1: float = RIGHT, size: float = EM) -> RawLine:
    return RawLine(text, x0, x1, top, top + size, size, "Song")


def page_body(n: int, top: float = 100) -> list[RawLine]:
    return [line(f"第{n}段正文开始，这是一段很长的正文，写满一整行的文字", top, LEFT + 2 * EM),
            line("这一段到此结束。", top + 28, LEFT, RIGHT - 200)]


def paras(pages: list[list[RawLine]]) -> list[str]:
    raw = RawDocument("pdf", "test", tuple(RawPage(i + 1, tuple(p), W, H) for i, p in enumerate(pages)),
                      flow=False, n_pages=len(pages))
    clean = raw_to_clean(raw)
    return [clean.text[p.start : p.end] for p in clean.paragraphs]


@pytest.mark.parametrize("folio", ["- {n} -", "第{n}页", "{n}/7", "·{n}·", "—{n}—", "第 {n} 页 共 7 页"])
def test_page_numbers_in_every_form_dropped(folio: str) -> None:
    assert is_page_number(folio.format(n=3))
    out = paras([page_body(n) + [line(folio.format(n=n), 800, 270, 330, 10.5)] for n in range(1, 8)])
    assert len(out) == 7 and all(p.endswith("这一段到此结束。") for p in out), out


def test_odd_and_even_pages_carry_different_heads() -> None:
    pages = []
    for n in range(1, 8):
        head = [] if n == 1 else [line("政务服务信息" if n % 2 else "某某市统计局编", 40, 250, 350, 10.5)]
        pages.append(head + page_body(n))
    out = paras(pages)
    assert not any("政务服务信息" in p or "统计局编" in p for p in out), out
    assert len(out) == 7


def test_head_on_the_first_body_line_with_the_issue_number() -> None:
    first = [line("2023年第35期（总第455期）", 120, 200, 400), line("窗口工作周报", 160, 220, 380, 30),
             *page_body(1, 220)]
    later = [[line("窗口工作周报2023年第35期", 100, 200, 400), *page_body(n, 128)] for n in range(2, 5)]
    out = paras([first, *later])
    assert not any("窗口工作周报2023" in p for p in out), out
    assert out[1] == "窗口工作周报" and len(out) == 6


def test_head_on_the_body_line_splitting_a_paragraph_is_dropped_and_the_paragraph_joined() -> None:
    pages = [[line("（一）引言", 100, LEFT, 200), line("正文从这里开始，这是很长的一行文字，一直写到行末为止", 128, LEFT + 2 * EM)]]
    for _ in range(2, 5):
        pages.append([line("内部资料 注意保存", 100, 230, 370), line("接着上一页写下去，这是很长的一行文字，写到行末", 128),
                      line("为止的文字", 156, LEFT, RIGHT - 200)])
    out = paras(pages)
    assert not any("内部资料" in p for p in out), out


def test_a_sentence_naming_the_title_on_a_first_line_stays() -> None:
    first = [line("窗口工作周报", 120, 220, 380, 30), *page_body(1, 200)]
    second = [line("本周窗口工作周报共收到反馈意见。", 100, LEFT + 2 * EM, 400), *page_body(2, 128)]
    out = paras([first, second])
    assert "本周窗口工作周报共收到反馈意见。" in out
