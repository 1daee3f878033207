"""Coverage: the numbers and date-like strings of a text that no rule claimed.

A number is *claimed* when its span overlaps a span the analysis used: a row of any
table (figures, dates, departments, officials, references), a masthead field, a
section marker, a document number or a ``claim`` rule. Everything else is listed in
the ``coverage`` table, so a reader sees what the rules missed; the share claimed is
the documents table's ``coverage`` column.

Only numbers written with digits are counted: Chinese numerals are words as often
as numbers (一体化, 安全第一, 二级巡视员).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import regex

from .model import CleanText, Sentence

# Date-like strings first (2023年9月8日, 9月8日, 2023-09-08, 8日; 号 only after a month, as
# 28号 is also a document serial), then numbers; a decimal point followed by a month or day
# (1.9月8日: item 1, then 9月8日) does not make a decimal.
_D = r"\d"
DATE_LIKE = (
    rf"{_D}{{4}}\s*[-/.]\s*{_D}{{1,2}}\s*[-/.]\s*{_D}{{1,2}}(?!{_D})"
    rf"|{_D}{{2,4}}\s*年(?:\s*{_D}{{1,2}}\s*月(?:\s*{_D}{{1,2}}\s*[日号])?)?"
    rf"|{_D}{{1,2}}\s*月(?:\s*{_D}{{1,2}}\s*[日号])?"
    rf"|{_D}{{1,2}}\s*日"
)
NUMBER = (
    rf"{_D}+(?:[,，]{_D}{{3}})*(?:\.{_D}+(?![{_D}年月日号]))?(?:\s*[万亿]+)?(?:\s*[%％‰])?"
)
_PATTERN = regex.compile(rf"(?<!{_D})(?:(?P<date>{DATE_LIKE})|(?P<number>{NUMBER}))")

Span = tuple[int, int, str]


def find_numbers(text: str) -> list[tuple[int, int, str]]:
    """Every number and date-like string of ``text``: (start, end, kind), kind ``number`` or ``date-like``."""
    return [(m.start(), m.end(), "date-like" if m.group("date") else "number") for m in _PATTERN.finditer(text)]


def row_spans(tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> list[Span]:
    """(start, end, table) of every row with offsets."""
    out = []
    for name, rows in tables.items():
        for r in rows:
            s, e = r.get("char_start"), r.get("char_end")
            if isinstance(s, int) and isinstance(e, int):
                out.append((s, e, name))
    return out


def _overlaps(reach: list[int], starts: list[int], s: int, e: int) -> bool:
    # spans sorted by start; a claim overlapping [s, e) starts before e and ends after s:
    # reach[i] is the furthest end of spans[:i + 1], so one lookup per number (linear overall)
    i = bisect.bisect_left(starts, e)
    return i > 0 and reach[i - 1] > s


def build_coverage(
    clean: CleanText, sentences: Sequence[Sentence], claimed: Iterable[Span], doc_id: str
) -> tuple[list[dict[str, Any]], float | None]:
    """(coverage rows: the unclaimed numbers, share of numbers claimed; None when there are none)."""
    spans = sorted(claimed)
    starts = [s for s, _, _ in spans]
    reach = list(itertools.accumulate((e for _, e, _ in spans), max))
    sent_starts = [s.start for s in sentences]
    rows: list[dict[str, Any]] = []
    found = find_numbers(clean.text)
    for s, e, kind in found:
        if _overlaps(reach, starts, s, e):
            continue
        i = bisect.bisect_right(sent_starts, s) - 1
        sent = sentences[i] if i >= 0 and sentences[i].end > s else None
        rows.append({
            "doc_id": doc_id, "text": clean.text[s:e], "kind": kind,
            "sentence": sent.text if sent else None, "section": sent.section if sent else None,
            "page": clean.page_at(s), "char_start": s, "char_end": e,
        })
    share = round(1 - len(rows) / len(found), 4) if found else None
    return rows, share


def below(documents: Iterable[Mapping[str, Any]], minimum: float) -> list[tuple[str, float]]:
    """(source, coverage) of every parsed document whose coverage is under ``minimum``."""
    out = []
    for d in documents:
        c = d.get("coverage")
        if isinstance(c, int | float) and c == c and c < minimum:
            out.append((str(d.get("source")), float(c)))
    return out
