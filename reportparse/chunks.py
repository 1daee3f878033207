"""Bound the length of the runs of text the later stages scan.

A text with little sentence punctuation (a table dump, OCR output, a page saved as one line)
would be one sentence and one paragraph of megabytes; every pass that reads a figure's
sentence would then read the whole document per figure. :func:`split_run` cuts such a run
into pieces of at most ``limit`` characters, each cut after the last break of the best kind
in the second half of the window: a sentence end, then a semicolon or colon, then
whitespace, then a comma or enumeration comma; with none, at the limit itself (moved back
off a run of digits or letters, so a number is not cut). Runs within the limit are left
whole, so ordinary sentences and paragraphs never change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import regex

T = TypeVar("T")

#: Longest sentence (characters) the sentence splitter keeps whole; longer runs are cut.
SENTENCE_LIMIT = 1000
#: Longest stretch of a paragraph one rule scan reads (find_candidates).
PARAGRAPH_LIMIT = 3000
#: Longest paragraph of the cleaned text (layout): a longer run of text (a document saved as one
#: line) becomes several paragraphs, so no pass that reads a paragraph reads megabytes. The
#: longest paragraph of the real reports seen so far has about 2,400 characters.
LAYOUT_LIMIT = 5000

# break classes, best first; (?r) searches backwards: the last break of a window
_BREAKS = tuple(
    regex.compile(p)
    for p in (r"(?r)[。！？!?]+[”’」』）)]*", r"(?r)[；;：:]", r"(?r)\s+", r"(?r)[，,、]")
)
_WORD_CHAR = regex.compile(r"[\p{Nd}\p{Latin}.,%]")


def split_run(text: str, start: int, end: int, limit: int = SENTENCE_LIMIT) -> list[tuple[int, int]]:
    """``text[start:end]`` as consecutive (start, end) pieces of at most ``limit`` characters."""
    out: list[tuple[int, int]] = []
    while end - start > limit:
        cut = _cut(text, start, start + limit)
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _cut(text: str, start: int, hi: int) -> int:
    """Where to cut the window ``text[start:hi]``: after its last break of the best kind."""
    lo = start + (hi - start) // 2
    for pat in _BREAKS:
        m = pat.search(text, lo, hi)
        if m:
            return m.end()
    cut = hi
    while cut > lo and _WORD_CHAR.match(text, cut - 1) and _WORD_CHAR.match(text, cut):
        cut -= 1
    return cut if cut > lo else hi


def split_chars(chars: Sequence[T], text: str, limit: int = LAYOUT_LIMIT) -> list[Sequence[T]]:
    """``chars`` (one item per character of ``text``) as pieces of at most ``limit``, cut as
    :func:`split_run` cuts, whitespace at a cut dropped; one piece when within the limit."""
    if len(text) <= limit:
        return [chars]
    pieces = []
    for s, e in split_run(text, 0, len(text), limit):
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            pieces.append(chars[s:e])
    return pieces
