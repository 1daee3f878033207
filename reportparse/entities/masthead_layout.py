"""Where a document's header fields sit when no masthead rule finds them on a line of its own.

The masthead rules read one paragraph at a time. This module finds their input elsewhere, by the
layout: a field split over two lines (``四川省政府政务服务和`` / ``公共资源交易服务中心``), the title set
in the largest font of the first page, the first heading-like line of a text file, the 落款 (the
issuing body and date signed at the end), and the running heads of a periodical whose cover is a
picture (``流感监测周报``, ``第867期``). Nothing here guesses: each reads what the document prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import regex

from ..match import find_candidates
from ..model import Candidate, CleanText, Paragraph
from ..rulebook import Rule
from .context import group

_STOPS = regex.compile(r"[。；！？：:，,]")
_HAN = regex.compile(r"\p{Han}")
# display lines that are no title: a table of contents, a classification mark
_NOT_TITLE = regex.compile(r"^(?:目\s*录|内部资料|注意保存|内部资料\s*注意保存|秘密|机密|绝密|CONTENTS?)$", regex.I)
# a line under the title in its size that is no part of it: a date line, an issue line
_SUBTITLE = regex.compile(r"^[—－\-（(]|\d{1,2}\s*月\s*\d{1,2}\s*日|第\s*\d+\s*期")
# a line that is only a place's name (a title's first line: 黔东南苗族侗族自治州)
_PLACE_LINE = regex.compile(r"\p{Han}{2,12}(?:自治州|自治区|自治县|省|市|县|区|州|盟|旗)")
_TITLE_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|(?=\p{Han}))")
_PLACE_CHAR = regex.compile(r"[省市县区州]")
_DIGIT = regex.compile(r"\d")
# an annual report's opening sentence names the year it covers: 2023年，面对…
_INTRO_YEAR = regex.compile(r"^((?:19|20)\d{2})年(?:[，,、]|以来|是|全年|我|全)")


def _mapped(c: Candidate, cut: int, a: Paragraph, b: Paragraph) -> Candidate:
    """A candidate found in the join of paragraphs ``a`` and ``b`` (``cut`` = len of a's text),
    with its offsets moved back into the cleaned text."""

    def at(pos: int, end: bool = False) -> int:
        if pos < cut or (end and pos == cut):
            return a.start + pos
        return b.start + pos - cut

    groups = {k: (v, at(s), at(e, True)) for k, (v, s, e) in c.groups.items()}
    return Candidate(c.rule, c.kind, at(c.start), at(c.end, True), c.text, c.priority, groups, c.fields, c.order)


def _same_size(a: Paragraph, b: Paragraph) -> bool:
    return not (a.size and b.size) or abs(a.size - b.size) <= 0.5


def join_fragments(cands: list[Candidate], clean: CleanText, header_end: int,
                   rules: Sequence[Rule]) -> list[Candidate]:
    """The candidates, with a field split over two header lines read as one: a short line no rule
    matched, followed by a line in the same size, is re-read joined to it; a match across the
    join replaces the matches inside the second line that it covers."""
    paras = [p for p in clean.paragraphs if p.start < header_end]
    out = list(cands)
    for a, b in zip(paras, paras[1:], strict=False):
        text_a = clean.text[a.start : a.end]
        if (len(text_a) > 24 or _STOPS.search(text_a) or a.page != b.page or not _same_size(a, b)
                or _NOT_TITLE.match(text_a.strip("（()）【】[] ")) or any(c.start < a.end and a.start < c.end for c in out)):
            continue
        joined = text_a + clean.text[b.start : b.end]
        across = [_mapped(c, len(text_a), a, b) for c in find_candidates(joined, rules)
                  if c.start < len(text_a) < c.end]
        if not across:
            continue
        out = [c for c in out if not any(c.start < x.end and x.start < c.end for x in across)] + across
    return out


def furniture_candidates(clean: CleanText, rules: Sequence[Rule]) -> list[Candidate]:
    """Masthead matches in the running heads and feet (not in the text: their offsets are -1)."""
    out = []
    for text in clean.furniture:
        for c in find_candidates(text, rules):
            out.append(Candidate(c.rule, c.kind, -1, -1, c.text, c.priority,
                                 {k: (v, -1, -1) for k, (v, _, _) in c.groups.items()}, c.fields, c.order))
    return out


def heading_like(text: str, limit: int = 60) -> bool:
    """A line that can be a title: short, no sentence or clause punctuation, some Han, no TOC mark."""
    return (0 < len(text) <= limit and not _STOPS.search(text) and len(_HAN.findall(text)) >= 4
            and not _NOT_TITLE.match(text))


def display_title(clean: CleanText, header_end: int) -> tuple[int, int, str] | None:
    """(start, end, text) of the title set in the first page's largest font, larger than the body:
    the first run of header paragraphs in that size (a title over two lines is one title)."""
    paras = [p for p in clean.paragraphs if p.size > 0]
    if not paras:
        return None
    sizes: Counter[float] = Counter()
    for p in clean.paragraphs:
        sizes[p.size] += p.end - p.start
    body = sizes.most_common(1)[0][0]
    first = [p for p in paras if p.page == paras[0].page and p.start < header_end]
    if not first:
        return None
    top = max(p.size for p in first)
    if top <= body + 0.5:
        return None
    run: list[Paragraph] = []
    for p in first:
        if abs(p.size - top) <= 0.5 and not (run and _SUBTITLE.search(clean.text[p.start : p.end])):
            run.append(p)
        elif run:
            break
    text = "".join(clean.text[p.start : p.end] for p in run[:3])
    return (run[0].start, run[min(len(run), 3) - 1].end, text) if heading_like(text) else None


def two_line_title(title: Candidate, cands: list[Candidate], clean: CleanText) -> str | None:
    """The title with the issuing body or place printed on the line above it (淮安市人民政府 / 2024年政府信息
    公开工作年度报告, 黔东南苗族侗族自治州 / 2023年…统计公报): a title that opens with its year and names
    no place, right under a line that is only a body or a place."""
    return line_above_title(group(title, "title") or "", title.start, cands, clean)


def line_above_title(text: str, start: int, cands: list[Candidate], clean: CleanText) -> str | None:
    """``text`` (a title starting at ``start``) with the body or place on the line above it, or None."""
    year = _TITLE_YEAR.match(text)
    if not year or _PLACE_CHAR.search(text[year.end() :]):
        return None  # no year first, or the title names its own place (2023年某某市…公报)
    i = next((i for i, p in enumerate(clean.paragraphs) if p.start == start), 0)
    if i == 0:
        return None
    prev = clean.paragraphs[i - 1]
    body = next((c for c in cands if c.start == prev.start and c.end == prev.end and set(c.groups) == {"publisher"}),
                None)
    place = _PLACE_LINE.fullmatch(clean.text[prev.start : prev.end])  # 黔东南苗族侗族自治州 / 2023年…公报
    return clean.text[prev.start : prev.end] + text if body or place else None


def first_line_title(clean: CleanText, header_end: int, cands: list[Candidate]) -> tuple[int, int, str] | None:
    """The document's first paragraph as its title, when it is heading-like, no masthead rule read it,
    it has no number but a year, and more text follows (a text file's title line)."""
    if len(clean.paragraphs) < 2:
        return None
    p = clean.paragraphs[0]
    text = clean.text[p.start : p.end]
    if p.start >= header_end or not heading_like(text, 40) or any(c.start < p.end for c in cands if c.start >= 0):
        return None
    if _DIGIT.search(_TITLE_YEAR.sub("", text)):
        return None
    return p.start, p.end, text


def title_year(title: str) -> int | None:
    """The year a title names (2023年…统计公报, 上海市2025年…预算, 2018政府工作报告)."""
    m = _TITLE_YEAR.search(title)
    return int(m.group(1)) if m else None


def intro_year(clean: CleanText, header_end: int) -> int | None:
    """The year an annual report's opening sentence names (2023年，面对…), before the first heading."""
    for p in clean.paragraphs:
        if p.start >= header_end:
            break
        m = _INTRO_YEAR.match(clean.text[p.start : p.end])
        if m:
            return int(m.group(1))
    return None


def tail_candidates(cands: list[Candidate], clean: CleanText) -> list[Candidate]:
    """The 落款: the date signed at the end (in the last four paragraphs, with at most two short
    lines after it: copies, distribution) and the issuing body on its line or the line before."""
    paras = clean.paragraphs[-4:]
    if len(clean.paragraphs) < 3:
        return []
    dated = [c for c in cands if "y" in c.groups and any(p.start <= c.start < p.end for p in paras)]
    if not dated:
        return []
    date_c = max(dated, key=lambda c: c.start)
    i = next(i for i, p in enumerate(clean.paragraphs) if p.start <= date_c.start < p.end)
    after = clean.paragraphs[i + 1 :]
    if len(after) > 2 or any(p.end - p.start > 60 for p in after):
        return []
    out = [date_c]
    if "publisher" not in date_c.groups and i > 0:
        prev = clean.paragraphs[i - 1]
        out += [c for c in cands if "publisher" in c.groups and prev.start <= c.start < prev.end
                and c.end <= prev.end and "y" not in c.groups][:1]
    return out
