"""What every entity builder shares about one document: text, sentences, the issue's dates."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

import regex

from ..model import Candidate, CleanText, Section, Sentence
from ..normalize.dates import cn_date_part
from ..rulebook import RuleSet

T = TypeVar("T")


@dataclass
class IssueDates:
    """The masthead's dates that anchor relative and year-less dates."""

    year: int | None = None
    period_start: date | None = None
    period_end: date | None = None
    published: date | None = None

    def anchor(self) -> date | None:
        """The date a year-less date is read against (period end, else publication)."""
        return self.period_end or self.published or (date(self.year, 7, 1) if self.year else None)


@dataclass
class DocContext:
    """The state the entity builders read (and the provenance of every row)."""

    doc_id: str
    clean: CleanText
    sentences: list[Sentence]
    sections: list[Section]
    rules: RuleSet
    issue: IssueDates = field(default_factory=IssueDates)
    asofs: dict[int, date] = field(default_factory=dict)  # sentence id -> 截至 date in it
    periods: list[tuple[int, int, date, date]] = field(default_factory=list)  # range date rows: span, dates
    _sent_starts: list[int] = field(default_factory=list, repr=False)
    _cuts: dict[int, list[Any]] = field(default_factory=dict, repr=False)  # sentence start -> jieba tokens

    def __post_init__(self) -> None:
        self._sent_starts = [s.start for s in self.sentences]

    @property
    def text(self) -> str:
        return self.clean.text

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding ``offset``."""
        i = bisect.bisect_right(self._sent_starts, offset) - 1
        if 0 <= i < len(self.sentences) and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def sentence_cut(self, seg: Any, sent: Sentence) -> list[Any]:
        """jieba's tokens (``segment.Token``, absolute offsets) of a sentence, cut once per document."""
        cut = self._cuts.get(sent.start)
        if cut is None:
            cut = self._cuts[sent.start] = seg.tokens(self.text[sent.start:sent.end], sent.start)
        return cut

    def asof_near(self, offset: int) -> date | None:
        """The as-of date (截至…) written in the sentence holding ``offset``."""
        s = self.sentence_at(offset)
        return self.asofs.get(s.id) if s else None

    def period_at(self, start: int, end: int) -> tuple[date, date] | None:
        """The dates of a range date row (一季度, 1—11月, 2025年全年) overlapping ``start``..``end``:
        what a scope cue written there covers, its year already settled."""
        # a range row overlapping [start, end) starts within a few hundred characters before it
        return next(((a, b) for s, e, a, b in starting_in(self.periods, start - 200, end) if s < end and start < e),
                    None)

    def provenance(self, start: int, end: int, rule: str) -> dict[str, Any]:
        """The provenance columns every row carries."""
        return {
            "doc_id": self.doc_id,
            "page": self.clean.page_at(start),
            "char_start": start,
            "char_end": end,
            "rule": rule,
        }


@lru_cache(maxsize=64)
def longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    """A word list sorted longest first (cached: lists are fixed per rule set)."""
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=64)
def alternation(items: tuple[str, ...]) -> regex.Pattern[str] | None:
    """One pattern for a list whose ``re:`` lines are patterns and other lines literals."""
    parts = [i[3:] if i.startswith("re:") else regex.escape(i) for i in items]
    return regex.compile("|".join(parts)) if parts else None


def group(c: Candidate, name: str) -> str | None:
    """Text of a named group of a candidate, or None."""
    g = c.groups.get(name)
    return g[0] if g else None


def as_int(value: str | None) -> int | None:
    """An int from a group's digits (or a date part in Chinese numerals: 二〇二三, 十二), or None."""
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return cn_date_part(value) if value else None


_INDEX: dict[int, tuple[Sequence[Any], list[int], list[int]]] = {}


def _start_of(item: Any) -> int:
    if isinstance(item, dict):
        return item["char_start"]
    return item[0] if isinstance(item, tuple) else item.start


def starting_in(items: Sequence[T], lo: int, hi: int) -> list[T]:
    """The items (rows by ``char_start``, candidates by ``start``, ``(start, end, …)`` tuples)
    that start in [lo, hi), in list order. Found by bisection over an index built once per list
    (rebuilt when it grew), so a pass that reads what is near each figure stays linear on a
    long document instead of scanning the whole list per figure."""
    entry = _INDEX.get(id(items))
    if entry is None or entry[0] is not items or len(entry[2]) != len(items):
        order = sorted(range(len(items)), key=lambda i: _start_of(items[i]))
        entry = (items, [_start_of(items[i]) for i in order], order)
        if len(_INDEX) >= 16:
            _INDEX.pop(next(iter(_INDEX)))
        _INDEX[id(items)] = entry
    _, starts, order = entry
    picked = order[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
    return [items[i] for i in sorted(picked)]
