"""Typed records passed between the pipeline's stages.

ingest -> RawDocument (lines with geometry and font cues)
layout -> CleanText (one cleaned string, paragraphs, page map, emphasis)
sections -> Section / Sentence (heading tree, section path per sentence)
rules -> Candidate (every match of every rule, before the overlap policy)
tables -> rows (plain dicts whose columns are declared in ``tables.py`` and written by ``output.py``)
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class RawLine:
    """One line of text as an engine gave it.

    ``bold`` holds one flag per character of ``text`` (render mode 2, a bold
    face, or ``**…**`` in text input); empty means no emphasis anywhere.
    Geometry is in PDF points (top-left origin); zero for text input.
    """

    text: str
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    font: str = ""
    bold: tuple[bool, ...] = ()


@dataclass(frozen=True, slots=True)
class RawPage:
    """A page of lines; ``number`` is 1-based, None for unpaged (text) input."""

    number: int | None
    lines: tuple[RawLine, ...]
    width: float = 0.0
    height: float = 0.0
    #: ruled tables found on the page (``ingest/ruled.py``), their chars not in ``lines``
    tables: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What an ingest module returns.

    ``flow`` is True for text input, where every non-blank line is a paragraph;
    False for paged input, where layout decides paragraphs from geometry.
    ``hard_breaks`` (flow input only) says line ends are the author's paragraph ends (DOCX,
    HTML): a line ending in ：or 、 is not joined to the next as a hard-wrapped .txt line is.
    """

    format: str
    extractor: str
    pages: tuple[RawPage, ...]
    flow: bool = False
    n_pages: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    hard_breaks: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the cleaned text: ``text[start:end]``."""

    start: int
    end: int
    page: int | None
    heading_cue: bool = False  # set in a font or size unlike the body, or all bold
    size: float = 0.0  # largest font size of its lines (0 for text input)
    table: bool = False  # a cell of a ruled table (never a heading, never joined to the running text)


@dataclass(frozen=True, slots=True)
class CleanText:
    """The cleaned text of a document and the maps back to its pages.

    ``page_starts`` is a sorted tuple of (char offset, page number): the page
    of offset ``i`` is that of the last entry whose offset is <= i.
    Paragraphs are separated by a single newline in ``text``.
    """

    text: str
    paragraphs: tuple[Paragraph, ...]
    page_starts: tuple[tuple[int, int], ...] = ()
    emphasis: tuple[tuple[int, int], ...] = ()
    #: running heads and feet dropped from the page margins (text, first seen first): the title or
    #: issue number of a periodical whose first page is a picture is printed only there
    furniture: tuple[str, ...] = ()
    #: ruled tables (``ingest/ruled.py``'s dicts), each cell with ``char_start``/``char_end`` of its
    #: paragraph in ``text`` (None for an empty cell); read by ``entities/cells.py``
    tables: tuple[dict[str, Any], ...] = ()
    _page_offsets: tuple[int, ...] = field(init=False, repr=False, compare=False, default=())

    def __post_init__(self) -> None:
        # made once: page_at is asked for every row and sentence (a 1,000-page PDF has many)
        object.__setattr__(self, "_page_offsets", tuple(o for o, _ in self.page_starts))

    def page_at(self, offset: int) -> int | None:
        """Page number (1-based) holding character ``offset``; None for text input."""
        if not self.page_starts:
            return None
        i = bisect.bisect_right(self._page_offsets, offset) - 1
        return self.page_starts[max(i, 0)][1]


@dataclass(frozen=True, slots=True)
class Section:
    """A node of the heading tree: ``一、`` level 1, ``（一）`` 2, ``1.`` 3, ``（1）`` 4."""

    level: int
    marker: str
    title: str
    path: str
    start: int  # offset of the heading in the cleaned text
    end: int  # offset where the section's content ends


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the cleaned text with its section path."""

    id: int
    start: int
    end: int
    text: str
    section: str
    page: int | None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One match of one rule, before the overlap policy.

    ``groups`` maps each named group that matched to (text, start, end) in
    the cleaned text; ``fields`` are the rule's constant ``set:`` values.
    """

    rule: str
    kind: str
    start: int
    end: int
    text: str
    priority: int
    groups: dict[str, tuple[str, int, int]]
    fields: dict[str, Any]
    order: int = 0  # rule's position in the rulebook, the last tie-breaker


@dataclass(slots=True)
class DocumentResult:
    """Everything ``parse_document`` learns about one input file.

    ``document`` is the file's row of the ``documents`` table; ``tables``
    maps every other table name (figures, dates, ...) to its rows; ``text``
    is the cleaned text written to ``texts/<doc_id>.txt``; ``errors`` are
    rows of the ``errors`` table (source, stage, error).
    """

    document: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    text: str = ""
    errors: list[dict[str, Any]] = field(default_factory=list)
