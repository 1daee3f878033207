"""The heading tree of official documents and the sentences under it.

Levels follow GB/T 9704 usage: ``一、`` (1), ``（一）`` (2), ``1.`` (3),
``（1）`` (4). A heading is only ever at the start of a paragraph, so a decimal
such as ``56.1%`` inside a sentence is never one; ``1.9月8日`` is item 1
followed by the date 9月8日, while ``2.5万件…`` opening a paragraph is a number.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from .chunks import split_run
from .model import CleanText, Section, Sentence

_CN = "[一二三四五六七八九十]{1,3}"
MARKERS: tuple[tuple[int, regex.Pattern[str]], ...] = (
    (1, regex.compile(rf"^{_CN}[、．.]")),
    (2, regex.compile(rf"^[（(]{_CN}[）)]")),
    (3, regex.compile(r"^\d{1,2}(?:[、]|[.．](?!\d)|[.．](?=\d{1,2}月|\d{4}年|\d{1,2}日))")),
    (4, regex.compile(r"^[（(]\d{1,2}[）)]")),
)
_SENT_END = regex.compile(r"[。！？!?]+[”’」』）)]*")
_HEADING_MAX = 40
# a table row flattened into a line ends in two or more number cells (四、住房保障支出21,800 21,800)
_TABLE_ROW = regex.compile(r"\d(?:[\d,]*\.?\d*%?)(?:\s+[-+]?\d[\d,]*(?:\.\d+)?%?)+\s*$")


@dataclass(frozen=True, slots=True)
class Marker:
    """A list or heading marker at the start of a paragraph."""

    level: int
    start: int
    end: int
    text: str


def paragraph_marker(text: str, offset: int = 0) -> Marker | None:
    """The heading/list marker opening ``text``, if any."""
    for level, pat in MARKERS:
        m = pat.match(text)
        if m:
            return Marker(level, offset, offset + m.end(), m.group())
    return None


def is_heading_line(text: str) -> bool:
    """A paragraph that is all heading: short and with no sentence punctuation."""
    return len(text) <= _HEADING_MAX and not any(ch in "。；！？，" for ch in text)


def is_table_row(text: str) -> bool:
    """A line of a flattened table: it ends in two or more number cells separated by spaces."""
    return bool(_TABLE_ROW.search(text))


def clean_to_sections(clean: CleanText) -> tuple[list[Section], list[Marker]]:
    """Heading tree of the cleaned text, and every marker found (to be claimed)."""
    text = clean.text
    sections: list[Section] = []
    markers: list[Marker] = []
    stack: list[tuple[int, str, int]] = []  # (level, title, index in sections)
    for para in clean.paragraphs:
        if para.table:  # a table cell (一、财政拨款收入) is no heading
            continue
        ptext = text[para.start : para.end]
        mk = paragraph_marker(ptext, para.start)
        if mk is None:
            continue
        markers.append(mk)
        if is_table_row(ptext):
            continue
        title = ptext if is_heading_line(ptext) else mk.text.rstrip("、．.")
        while stack and stack[-1][0] >= mk.level:
            _close(sections, stack.pop()[2], para.start)
        path = " > ".join([t for _, t, _ in stack] + [title])
        sections.append(Section(mk.level, mk.text, title, path, para.start, len(text)))
        stack.append((mk.level, title, len(sections) - 1))
    return sections, markers


def _close(sections: list[Section], i: int, end: int) -> None:
    s = sections[i]
    sections[i] = Section(s.level, s.marker, s.title, s.path, s.start, max(end - 1, s.start))


def section_at(sections: list[Section], offset: int) -> str:
    """Path of the innermost section holding ``offset`` ('' before the first heading)."""
    return SectionFinder(sections)(offset)


class SectionFinder:
    """``section_at`` for many offsets in O(log n) each: the last section starting at or
    before the offset, else its nearest enclosing one that still holds it."""

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self.starts = [s.start for s in sections]
        self.parent: list[int] = []
        stack: list[int] = []
        for i, s in enumerate(sections):
            while stack and not (sections[stack[-1]].start <= s.start <= sections[stack[-1]].end):
                stack.pop()
            self.parent.append(stack[-1] if stack else -1)
            stack.append(i)

    def __call__(self, offset: int) -> str:
        i = bisect.bisect_right(self.starts, offset) - 1
        while i >= 0 and not (self.sections[i].start <= offset <= self.sections[i].end):
            i = self.parent[i]
        return self.sections[i].path if i >= 0 else ""


def clean_to_sentences(clean: CleanText, sections: list[Section]) -> list[Sentence]:
    """Split every paragraph into sentences (。！？ keep their closing quotes); a sentence longer
    than ``chunks.SENTENCE_LIMIT`` is cut into pieces (see chunks.py)."""
    out: list[Sentence] = []
    find = SectionFinder(sections)
    text = clean.text
    for para in clean.paragraphs:
        pos = para.start
        chunk = text[para.start : para.end]
        bounds = [m.end() + para.start for m in _SENT_END.finditer(chunk)]
        if not bounds or bounds[-1] < para.end:
            bounds.append(para.end)
        for end in bounds:
            s, e = pos, end
            while s < e and text[s].isspace():
                s += 1
            if e > s:
                for a, b in split_run(text, s, e):  # a run with no sentence end is cut at a limit
                    out.append(Sentence(len(out), a, b, text[a:b], find(a), clean.page_at(a)))
            pos = end
    return out
