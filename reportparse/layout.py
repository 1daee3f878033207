"""CJK-aware cleanup: RawDocument -> CleanText.

Stages, in order: drop running heads and page numbers from page margins
(``strip_margins``), group lines into paragraphs (``lines_to_paragraphs`` from
geometry for paged input, ``flow_to_paragraphs`` for text), then normalise
each paragraph's characters (``clean_chars``: fold full-width digits and
letters, drop whitespace next to CJK) and assemble offsets, pages and
emphasis (``paragraphs_to_clean``). Characters travel with their bold flag
and page so every offset maps back.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from .chunks import LAYOUT_LIMIT, split_chars
from .model import CleanText, Paragraph, RawDocument, RawLine, RawPage
from .settings import Settings

FOLD = {**{c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}, **{c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)},
        **{c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)}, 0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20,
        0x2003: 0x20, 0x2009: 0x20, 0x0009: 0x20, 0xFF05: 0x25}  # ％ -> %
INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD}
_FOLD_TABLE = {**dict.fromkeys(INVISIBLE), **FOLD}  # for str.translate
# Han and CJK punctuation/forms: whitespace next to one of these is layout, not text
CJK = regex.compile(r"[\p{Han}\u3000-\u303F\uFF00-\uFFEF\u2014\u2015\u2018-\u201D\u2026\u00B7\u2E3A\u2E3B"
                    r"\u3200-\u33FF\uFE30-\uFE4F]")
PAGE_NUMBER = regex.compile(
    r"""^(?:[-—–－~～_·•\s]*\d+[-—–－~～_·•\s]*
        |第\s*[\d一二三四五六七八九十百]+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?
        |共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页
        |\d+\s*/\s*\d+
        |(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?)$""",
    regex.X | regex.I,
)
CONTINUATION_END = tuple("、，；：（《“‘〔【—")
LIST_START = regex.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、是]|（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\)"
    r"|\d+[.．、]|[①-⑳]|第[一二三四五六七八九十]+[章节条部分])"
)
SENTENCE_PUNCT = regex.compile(r"[。；！？]")
# a note call inside running text: [2] or ② right after a word, before more text (生产总值[2]1329.65亿元);
# at a paragraph's start it opens the note itself (or a list item) and stays
NOTE_CALL = regex.compile(r"(?<=[\p{Han}）)”’%])(?:\[\d{1,2}\]|[\u2460-\u2473])(?=[\p{Han}\d，。；、：（(]|$)")

Char = tuple[str, bool, "int | None"]  # (character, bold, page)


@dataclass
class _Para:
    chars: list[Char] = field(default_factory=list)
    lines: list[RawLine] = field(default_factory=list)
    cell: tuple[int, int] | None = None  # (table, cell) index of a ruled table's cell


def fold(text: str) -> str:
    """Fold full-width digits/letters to ASCII and odd spaces to U+0020; drop invisible chars."""
    return text.translate(_FOLD_TABLE)


def margin_key(text: str) -> str:
    """Key under which running heads repeat: no whitespace, digit runs as '#'."""
    return regex.sub(r"\d+", "#", regex.sub(r"\s+", "", fold(text)))


def is_page_number(text: str) -> bool:
    """``— 2 —``, ``- 2 -``, ``第 2 页``, ``2/5``, bare ``2`` ..."""
    return bool(PAGE_NUMBER.match(fold(text).strip()))


def strip_margins(pages: tuple[RawPage, ...], settings: Settings) -> list[list[RawLine]]:
    """Per page, the lines left after dropping page numbers and repeated running heads/footers.

    A running head or foot is a line of a page's top or bottom band, or its first or last line
    (a head printed on the first body line), whose text, digits aside (a page or issue number
    changes), repeats on 40 % of the pages, or of the odd or the even pages (books and bulletins
    print another head on facing pages); or a line after the first page that repeats the first
    page's masthead (title, issue line).
    """

    def in_margin(page: RawPage, line: RawLine) -> bool:
        if page.height <= 0:
            return False
        return line.bottom <= page.height * settings.margin_top or line.top >= page.height * (
            1 - settings.margin_bottom
        )

    def at_edge(page: RawPage, line: RawLine) -> bool:
        # or the first or last line when short, no sentence and narrower than the text block
        if in_margin(page, line):
            return True
        if line not in (page.lines[0], page.lines[-1]) or not _furniture_like(line.text) or "，" in line.text:
            return False
        block = max(ln.x1 for ln in page.lines) - min(ln.x0 for ln in page.lines)
        return line.x1 - line.x0 < 0.75 * block

    def decorated_folio(page: RawPage, line: RawLine) -> bool:
        # "— 1 —" printed just above the bottom margin (GB/T 9704 puts it ~7 mm below the text block):
        # accepted within twice the margin when it is the page's first or last line and not a bare number
        if page.height <= 0 or line not in (page.lines[0], page.lines[-1]):
            return False
        near = line.bottom <= page.height * 2 * settings.margin_top or line.top >= page.height * (
            1 - 2 * settings.margin_bottom
        )
        return near and is_page_number(line.text) and not fold(line.text).strip().isdigit()

    seen: Counter[str] = Counter()
    by_parity: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
    for i, page in enumerate(pages):
        keys = {margin_key(ln.text) for ln in page.lines if at_edge(page, ln)}
        seen.update(keys)
        by_parity[(page.number or i + 1) % 2].update(keys)
    need = max(2, math.ceil(0.4 * len(pages)))
    n_even = sum(1 for i, p in enumerate(pages) if (p.number or i + 1) % 2 == 0)
    need_parity = (max(2, math.ceil(0.4 * n_even)), max(2, math.ceil(0.4 * (len(pages) - n_even))))
    # A running head on later pages repeats the masthead (title, issue line) of the first page,
    # so it is recognised even in a two-page issue where it is printed once.
    masthead = sorted({k for ln in (pages[0].lines[:8] if pages else ()) if len(k := margin_key(ln.text)) >= 4},
                      key=len, reverse=True)

    def running_head(i: int, page: RawPage, ln: RawLine) -> bool:
        key = margin_key(ln.text)
        parity = (page.number or i + 1) % 2
        if seen[key] >= need or by_parity[parity][key] >= need_parity[parity]:
            return True
        if i == 0 or not masthead:
            return False
        if in_margin(page, ln):
            return any(m in key for m in masthead)
        rest = key
        for m in masthead:  # on a body line: only masthead parts and a few characters more
            rest = rest.replace(m, "")
        return rest != key and len(rest) <= 6

    kept = []
    for i, page in enumerate(pages):
        kept.append([
            ln for ln in page.lines
            if not (at_edge(page, ln) and (is_page_number(ln.text) or running_head(i, page, ln)))
            and not decorated_folio(page, ln)
        ])
    return kept


def _furniture_like(text: str) -> bool:
    """Short enough for a running head or foot, and no sentence (no 。；！？ inside)."""
    text = fold(text).strip()
    return 0 < len(text) <= 40 and not SENTENCE_PUNCT.search(text)


def _line_chars(line: RawLine, page: int | None) -> list[Char]:
    bold = line.bold or (False,) * len(line.text)
    return [(c, b, page) for c, b in zip(line.text, bold, strict=False)]


def _join(para: _Para, line: RawLine, page: int | None) -> None:
    new = _line_chars(line, page)
    if para.chars and new:
        a, b = para.chars[-1][0], new[0][0]
        head = "".join(c for c, _, _ in new[:2])
        if not (a.isspace() or b.isspace() or CJK.match(a) or CJK.match(b) or _wrapped_number(para, head)):
            para.chars.append((" ", False, page))  # a wrapped line of Latin text
    para.chars.extend(new)
    para.lines.append(line)


def _wrapped_number(para: _Para, head: str) -> bool:
    """True when a number runs on across the line break (no space between): 1,|806, 13|110 or
    1|,063.9 (``head``: the next line's first two characters)."""
    tail = "".join(c for c, _, _ in para.chars[-2:])
    if head[:1].isdigit():
        return tail[-1:].isdigit() or (len(tail) == 2 and tail[0].isdigit() and tail[1] in ",.")
    return tail[-1:].isdigit() and len(head) == 2 and head[0] in ",." and head[1].isdigit()


def _edge(values: list[float], fallback: float, largest: bool) -> float:
    """The second most extreme value (one stray line does not move the edge); the extreme if few."""
    if len(values) < 3:
        return fallback
    ordered = sorted(values, reverse=largest)
    return ordered[1] if len(values) >= 8 else ordered[0]


def _line_gap(kept: list[list[RawLine]], body: float) -> float:
    """The usual white space between two body lines in a row (median; 0 when too few): 1.5 or
    double line spacing leaves more room between the lines of one paragraph."""
    gaps: list[float] = []
    for lines in kept:
        bl = sorted((ln for ln in lines if abs(ln.size - body) <= 0.5), key=lambda x: x.top)
        gaps.extend(b.top - a.bottom for a, b in zip(bl, bl[1:], strict=False) if b.top >= a.bottom)
    return sorted(gaps)[len(gaps) // 2] if len(gaps) >= 5 else 0.0


def _block_rights(ordered: list[RawLine], body: float, left: float, right: float,
                  spacing: float) -> dict[int, float]:
    """Right edge of each body line's block when the block is a little narrower than the page's
    text (a boxed summary, a second text frame): runs of body lines with no paragraph-sized gap, of
    three lines or more, where at least two lines reach the edge (are not short by its measure)
    and the edge is past three quarters of the text width (ragged short lines are no block), unless
    the lines are centred lines of several widths (a masthead: title, issue, publisher, date), not
    a block's lines flush with its left edge."""
    out: dict[int, float] = {}
    run: list[RawLine] = []
    mid = (left + right) / 2

    def close() -> None:
        if len(run) >= 3:
            edge = max(ln.x1 for ln in run)
            wide = left + 0.75 * (right - left) <= edge < right
            start = min(ln.x0 for ln in run)
            centred = all(abs((ln.x0 + ln.x1) / 2 - mid) <= body for ln in run) and 2 * sum(
                ln.x0 <= start + 0.5 * body for ln in run) <= len(run)
            if wide and not centred and sum(ln.x1 >= edge - 1.5 * body for ln in run) >= 2:
                out.update((id(ln), edge) for ln in run)
        run.clear()

    for ln in ordered:
        if abs(ln.size - body) > 0.5:
            close()
            continue
        if run and ln.top - run[-1].bottom > max(1.6 * body, spacing + 0.6 * body):
            close()
        run.append(ln)
    close()
    return out


def lines_to_paragraphs(pages: tuple[RawPage, ...], kept: list[list[RawLine]],
                        tables: list[dict[str, Any]] | None = None) -> list[_Para]:
    """Paragraphs of paged input from indent, line length, font size and vertical gaps.

    A ruled table's cells (``RawPage.tables``) come where the table stands, one paragraph each,
    never joined to a line before or after; the tables, copied with a ``table_id``, are appended
    to ``tables``."""
    all_lines = [ln for lines in kept for ln in lines]
    if not all_lines and not any(p.tables for p in pages):
        return []
    if not all_lines:
        all_lines = [RawLine("", size=1.0)]
    sizes: Counter[float] = Counter()
    for ln in all_lines:
        sizes[ln.size] += len(ln.text.strip())
    body = sizes.most_common(1)[0][0]

    def body_lines(lines: list[RawLine]) -> list[RawLine]:
        return [ln for ln in lines if abs(ln.size - body) <= 0.5]

    doc_left = _edge([ln.x0 for ln in body_lines(all_lines)], min(ln.x0 for ln in all_lines), False)
    # too few lines to see the right edge: assume margins as wide as the left one
    width = max((p.width for p in pages), default=0.0)
    doc_right = _edge([ln.x1 for ln in body_lines(all_lines)],
                      max(max(ln.x1 for ln in all_lines), width - doc_left), True)
    spacing = _line_gap(kept, body)
    paras: list[_Para] = []
    prev: RawLine | None = None
    prev_page: int | None = None
    prev_end = 0.0  # the right edge of the text block of ``prev``
    for page, lines in zip(pages, kept, strict=True):
        bl = body_lines(lines)
        page_left = left = _edge([ln.x0 for ln in bl], doc_left, False) if len(bl) >= 4 else doc_left
        page_right = right = _edge([ln.x1 for ln in bl], doc_right, True) if len(bl) >= 4 else doc_right
        ordered, columns = _reading_order(lines, body)
        # (a column's lines are measured by the column: no narrower box of their own)
        rights = _block_rights([ln for ln in ordered if id(ln) not in columns], body, left, right, spacing)
        grids = sorted(page.tables, key=lambda t: t["bbox"][1])
        for ln in [*ordered, None]:
            while grids and (ln is None or grids[0]["bbox"][1] <= ln.top):
                _table_paras(paras, grids.pop(0), page.number, tables)
                prev = None
            if ln is None:
                break
            em = ln.size or body
            # a line of a column: that column's edges are the text block's
            left, right = columns.get(id(ln), (page_left, page_right))
            # a text box narrower than the page: align with the previous continuation line
            aligned = prev is not None and (
                (len(paras[-1].lines) > 1 and abs(ln.x0 - prev.x0) <= 0.5 * em)
                or (len(paras[-1].lines) == 1 and ln.x0 < prev.x0 - 0.5 * em)
            )
            if prev is not None and prev_page == page.number and _display_continues(prev, ln, body, left, right):
                _join(paras[-1], ln, page.number)
                prev, prev_end = ln, rights.get(id(ln), right)
                continue
            starts = (
                prev is None
                or prev.x1 < prev_end - 1.5 * (prev.size or body)  # previous line ended short (by its own
                # page's or column's measure: mirrored margins move the text block from page to page)
                or (ln.x0 > left + 0.5 * em and not aligned)  # first-line indent, centred line
                or abs(ln.size - prev.size) > max(0.5, 0.05 * em)  # font size changes
                or (prev_page == page.number and ln.top - prev.bottom > max(1.6 * em, spacing + 0.6 * em))
            )
            if starts:
                paras.append(_Para())
            _join(paras[-1], ln, page.number)
            prev, prev_page, prev_end = ln, page.number, rights.get(id(ln), right)
    return paras


def _reading_order(lines: list[RawLine], body: float) -> tuple[list[RawLine], dict[int, tuple[float, float]]]:
    """A page's lines in reading order, and the (left, right) edges of each line set in a column.

    Lines go top to bottom, except where the page is set in two columns: a gutter (just left of
    where a body line starts, in the middle third of the text) that no line of a stretch runs
    across, with three lines or more on each side and one on each side five ems wide, makes the
    stretch two columns, read left column first (``glyphs.page_lines`` has cut the rows that
    faced each other). The gutter that puts the most lines in columns is taken. A column's lines
    take its own edges."""
    ordered = sorted(lines, key=lambda x: (x.top, x.x0))
    side = [ln for ln in ordered if abs(ln.size - body) <= 0.5 and ln.text.strip()]
    if len(side) < 6:
        return ordered, {}
    lo, hi = min(ln.x0 for ln in side), max(ln.x1 for ln in side)
    best: tuple[int, list[tuple[list[RawLine], bool]], float] | None = None
    for x in sorted({ln.x0 for ln in side if lo + (hi - lo) / 3 <= ln.x0 <= hi - (hi - lo) / 3}):
        ends = [ln.x1 for ln in side if ln.x1 <= x]
        if not ends:
            continue
        gutter = (max(ends) + x) / 2 if x - max(ends) <= 4 * body else x - body
        bands = _column_bands(ordered, body, gutter)
        count = sum(len(band) for band, split in bands if split)
        if count and (best is None or count > best[0]):
            best = (count, bands, gutter)
    if best is None:
        return ordered, {}
    _, bands, gutter = best
    out: list[RawLine] = []
    edges: dict[int, tuple[float, float]] = {}
    for band, split in bands:
        if not split:
            out.extend(band)
            continue
        left = [ln for ln in band if ln.x1 <= gutter]
        right = [ln for ln in band if ln.x0 >= gutter]
        for col in (left, right):
            bl = [ln for ln in col if abs(ln.size - body) <= 0.5] or col
            edge = (min(ln.x0 for ln in bl), max(ln.x1 for ln in bl))
            edges.update((id(ln), edge) for ln in col)
            out.extend(col)
    return out, edges


def _column_bands(ordered: list[RawLine], body: float, gutter: float) -> list[tuple[list[RawLine], bool]]:
    """``ordered`` cut at the lines across ``gutter``, each stretch with whether it is two columns."""
    out: list[tuple[list[RawLine], bool]] = []
    band: list[RawLine] = []

    def close() -> None:
        if band:
            left = [ln for ln in band if ln.x1 <= gutter and abs(ln.size - body) <= 0.5]
            right = [ln for ln in band if ln.x0 >= gutter and abs(ln.size - body) <= 0.5]
            wide = all(any(ln.x1 - ln.x0 >= 5 * body for ln in col) for col in (left, right))
            out.append((list(band), len(left) >= 3 and len(right) >= 3 and wide))
            band.clear()

    for ln in ordered:
        if ln.x0 < gutter < ln.x1:
            close()
            out.append(([ln], False))
        else:
            band.append(ln)
    close()
    return out


def _table_paras(paras: list[_Para], table: dict[str, Any], page: int | None,
                 tables: list[dict[str, Any]] | None) -> None:
    """One paragraph per non-empty cell of ``table``, in reading order (row, then column)."""
    copy = {**table, "table_id": (len(tables) if tables is not None else 0) + 1,
            "cells": [dict(c) for c in table["cells"]]}
    if tables is not None:
        tables.append(copy)
    for k, cell in enumerate(copy["cells"]):
        if cell["text"].strip():
            paras.append(_Para(chars=[(c, False, page) for c in cell["text"]], cell=(copy["table_id"] - 1, k)))


def _display_continues(prev: RawLine, ln: RawLine, body: float, left: float, right: float) -> bool:
    """``ln`` goes on a centred display line (a masthead title set over two lines): both larger
    than the body, same size and font, centred on the text block, close together."""
    em = prev.size
    if not (em > body + 0.5 and abs(ln.size - em) <= 0.5 and ln.font == prev.font):
        return False
    mid = (left + right) / 2
    c1, c2 = (prev.x0 + prev.x1) / 2, (ln.x0 + ln.x1) / 2
    centred = abs(c1 - c2) <= em and abs(c1 - mid) <= 2 * em
    return centred and 0 <= ln.top - prev.bottom <= em and not SENTENCE_PUNCT.search(prev.text[-1:])


def _looks_like_heading(text: str) -> bool:
    return bool(LIST_START.match(text)) and len(text) <= 30 and not SENTENCE_PUNCT.search(text)


def flow_lines(pages: tuple[RawPage, ...]) -> list[RawLine]:
    """Text input's non-blank lines without page furniture copied from a printed page: decorated
    page numbers (``— 2 —``, ``第 3 页 共 9 页``; a bare number may be data) and a short line
    repeated three times or more (a running head; kept where it opens the document)."""
    lines = [ln for page in pages for ln in page.lines if ln.text.strip()]
    keys = [margin_key(ln.text) for ln in lines]

    def furniture_like(text: str) -> bool:
        text = fold(text).strip()
        return 4 <= len(text) <= 40 and not SENTENCE_PUNCT.search(text) and not LIST_START.match(text)

    counts = Counter(k for k, ln in zip(keys, lines, strict=True) if furniture_like(ln.text))
    out = []
    for i, (key, ln) in enumerate(zip(keys, lines, strict=True)):
        if is_page_number(ln.text) and not fold(ln.text).strip().isdigit():
            continue
        if counts[key] >= 3 and furniture_like(ln.text) and (i >= 5 or keys.index(key) != i):
            continue
        out.append(ln)
    return out


def flow_to_paragraphs(pages: tuple[RawPage, ...], hard_breaks: bool = False) -> list[_Para]:
    """Text input: each non-blank line is a paragraph, unless it ends with a continuation mark
    (a hard-wrapped .txt line; never with ``hard_breaks``: DOCX and HTML paragraphs are real)."""
    lines = flow_lines(pages)
    paras: list[_Para] = []
    joining = False
    indent = 0
    for ln in lines:
        text = fold(ln.text).strip()
        # a line indented deeper than the one before starts a paragraph (or a row of a table set
        # with spaces) even after a continuation mark: 如下：/　　思明区税务局　　112436
        deeper = _indent(ln.text) > indent
        if not (joining and not deeper and not LIST_START.match(text)) or len(paras[-1].chars) > LAYOUT_LIMIT:
            paras.append(_Para())
        _join(paras[-1], ln, None)
        joining = not hard_breaks and text.endswith(CONTINUATION_END) and not _looks_like_heading(text)
        indent = _indent(ln.text)
    return paras


def _indent(line: str) -> int:
    """Width of a line's leading whitespace, in half-width spaces (a full-width space is two)."""
    width = 0
    for ch in line:
        if ch == "\u3000":
            width += 2
        elif ch == "\t":
            width += 4
        elif ch.isspace():
            width += 1
        else:
            break
    return width


def clean_chars(chars: list[Char]) -> list[Char]:
    """Fold full-width forms (a full-width ``．`` between digits is a decimal point: １２．５ -> 12.5);
    drop whitespace next to CJK, collapse the rest, strip the ends."""
    flat: list[Char] = [(c, b, p) for s, b, p in chars for c in s.translate(_FOLD_TABLE)]
    for i in range(1, len(flat) - 1):
        if flat[i][0] == "．" and flat[i - 1][0].isascii() and flat[i - 1][0].isdigit() and (
                flat[i + 1][0].isascii() and flat[i + 1][0].isdigit()):
            flat[i] = (".", flat[i][1], flat[i][2])
    out: list[Char] = []
    i = 0
    while i < len(flat):
        if not flat[i][0].isspace():
            out.append(flat[i])
            i += 1
            continue
        j = i
        while j < len(flat) and flat[j][0].isspace():
            j += 1
        before = out[-1][0] if out else None
        after = flat[j][0] if j < len(flat) else None
        if before is not None and after is not None and not (CJK.match(before) or CJK.match(after)):
            out.append((" ", bool(out[-1][1] and flat[j][1]), flat[i][2]))
        i = j
    return out


def drop_note_calls(chars: list[Char]) -> list[Char]:
    """Drop footnote calls (``[2]``, ``②``) from running text: left in, they glue to the next number."""
    text = "".join(c for c, _, _ in chars)
    spans = [m.span() for m in NOTE_CALL.finditer(text)]
    if not spans:
        return chars
    drop = {i for a, b in spans for i in range(a, b)}
    return [ch for i, ch in enumerate(chars) if i not in drop]


def _heading_cue(para: _Para, chars: list[Char], body_font: str, body_size: float) -> bool:
    visible = [b for c, b, _ in chars if not c.isspace()]
    if visible and all(visible):
        return True
    if not para.lines or body_size <= 0:
        return False
    fonts: Counter[str] = Counter()
    for ln in para.lines:
        fonts[ln.font] += len(ln.text.strip())
    font = fonts.most_common(1)[0][0]
    size = max(ln.size for ln in para.lines)
    # smaller print (tables, notes) is never a heading
    return size > body_size + 0.5 or (font != body_font and size >= body_size - 0.5)


def _bounded(paras: list[_Para]) -> Iterator[tuple[_Para, list[Char]]]:
    """Each paragraph's cleaned characters; a paragraph longer than ``chunks.LAYOUT_LIMIT`` (a
    document saved as one line) as several, cut at sentence ends (see chunks.py)."""
    for para in paras:
        chars = drop_note_calls(clean_chars(para.chars))
        if len(chars) <= LAYOUT_LIMIT:
            if chars:
                yield para, chars
            continue
        yield from ((para, list(piece)) for piece in split_chars(chars, "".join(c for c, _, _ in chars)))


def paragraphs_to_clean(paras: list[_Para], paged: bool, tables: list[dict[str, Any]] | None = None) -> CleanText:
    """Assemble the cleaned text, paragraph offsets, page map and emphasis spans; the cells of
    ``tables`` get the offsets (``char_start``, ``char_end``) and cleaned text of their paragraph."""
    fonts: Counter[str] = Counter()
    sizes: Counter[float] = Counter()
    for para in paras:
        for ln in para.lines:
            fonts[ln.font] += len(ln.text.strip())
            sizes[ln.size] += len(ln.text.strip())
    body_font = fonts.most_common(1)[0][0] if fonts else ""
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    text: list[str] = []
    bold: list[bool] = []
    out_paras: list[Paragraph] = []
    page_starts: list[tuple[int, int]] = []
    for para, chars in _bounded(paras):
        if text:
            text.append("\n")
            bold.append(False)
        start = len(text)
        for c, b, p in chars:
            if paged and p is not None and (not page_starts or page_starts[-1][1] != p):
                page_starts.append((len(text), p))
            text.append(c)
            bold.append(b)
        if para.cell is not None and tables is not None:
            cell = tables[para.cell[0]]["cells"][para.cell[1]]
            cell.update(text="".join(text[start:]), char_start=start, char_end=len(text))
            out_paras.append(Paragraph(start, len(text), chars[0][2], False, table=True))
            continue
        cue = _heading_cue(para, chars, body_font, body_size) if paged else all(b for c, b, _ in chars if not c.isspace())
        size = max((ln.size for ln in para.lines), default=0.0) if paged else 0.0
        out_paras.append(Paragraph(start, len(text), chars[0][2] if paged else None, cue, size))
    emphasis: list[tuple[int, int]] = []
    for i, b in enumerate(bold):
        if b and (i == 0 or not bold[i - 1]):
            emphasis.append((i, i + 1))
        elif b:
            emphasis[-1] = (emphasis[-1][0], i + 1)
    return CleanText("".join(text), tuple(out_paras), tuple(page_starts), tuple(emphasis), tables=tuple(tables or ()))


def raw_to_clean(raw: RawDocument, settings: Settings | None = None) -> CleanText:
    """Clean a RawDocument (text or PDF) into one string with paragraphs, pages and emphasis."""
    settings = Settings.resolve(settings)
    if raw.flow:
        return paragraphs_to_clean(flow_to_paragraphs(raw.pages, raw.hard_breaks), paged=False)
    kept = strip_margins(raw.pages, settings)
    tables: list[dict[str, Any]] = []
    clean = paragraphs_to_clean(lines_to_paragraphs(raw.pages, kept, tables), paged=True, tables=tables)
    return replace(clean, furniture=furniture(raw.pages, kept))


def furniture(pages: tuple[RawPage, ...], kept: list[list[RawLine]]) -> tuple[str, ...]:
    """The running heads and feet the margins lost (page numbers aside), each text once, in page order."""
    out: dict[str, None] = {}
    for page, lines in zip(pages, kept, strict=True):
        left = {id(ln) for ln in lines}
        for ln in page.lines:
            text = fold(ln.text).strip()
            if id(ln) not in left and text and not is_page_number(text):
                out.setdefault(" ".join(text.split()), None)
    return tuple(out)
