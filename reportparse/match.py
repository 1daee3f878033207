"""Find every candidate of every rule, then resolve overlaps by a named policy.

Finding and deciding are separate (cf. spaCy's ``match`` / ``filter_spans``):
:func:`find_candidates` returns all matches; :func:`resolve_overlaps` keeps a
non-overlapping subset; :class:`ClaimLedger` records spans that numbers of
other kinds may not reuse (a date, a document number, an issue number, a list
marker cannot also be a figure).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from .chunks import PARAGRAPH_LIMIT, split_run
from .model import Candidate, Paragraph
from .prefilter import Gates
from .rulebook import Rule

# The policy, named: higher priority first, then the longer span, then the earlier start,
# then the rule listed first in the rulebook.
POLICY = "priority > longest > earliest > rulebook order"


def policy_key(c: Candidate) -> tuple[int, int, int, int]:
    """Sort key of the overlap policy (smaller sorts first, wins first)."""
    return (-c.priority, -(c.end - c.start), c.start, c.order)


def find_candidates(
    text: str, rules: Iterable[Rule], paragraphs: Sequence[Paragraph] | None = None,
    gates: Gates | None = None,
) -> list[Candidate]:
    """Every match of every rule, paragraph by paragraph (a match never spans two; a paragraph
    longer than ``chunks.PARAGRAPH_LIMIT`` is read in pieces cut at sentence ends, see chunks.py).

    Matches may overlap (``overlapped=True``): a match that starts inside another is still
    a candidate, so the overlap policy, not the scan order, decides between them. With
    ``gates``, a rule is not run on a paragraph that lacks an item of a list it needs
    (same result, less time: see prefilter.py).
    """
    spans = [(p.start, p.end) for p in paragraphs] if paragraphs else [(0, len(text))]
    # a paragraph of megabytes (a page saved as one line) is scanned in bounded pieces
    spans = [piece for s, e in spans for piece in split_run(text, s, e, PARAGRAPH_LIMIT)]
    out: list[Candidate] = []
    gated = [(rule, tuple(gates.pattern(n, rule.regex.flags) for n in rule.needs) if gates else ())
             for rule in rules]
    for start, end in spans:
        chunk = text[start:end]
        seen: dict[int, bool] = {}
        for rule, needs in gated:
            if needs and not gates.open_for(chunk, needs, seen):  # type: ignore[union-attr]
                continue
            for m in rule.regex.finditer(chunk, overlapped=True):
                if m.end() == m.start():
                    continue
                groups = {
                    name: (val, m.start(name) + start, m.end(name) + start)
                    for name, val in m.groupdict().items()
                    if val is not None
                }
                out.append(
                    Candidate(
                        rule=rule.id,
                        kind=rule.kind,
                        start=m.start() + start,
                        end=m.end() + start,
                        text=m.group(),
                        priority=rule.priority,
                        groups=groups,
                        fields=rule.set,
                        order=rule.order,
                    )
                )
    return out


def resolve_overlaps(cands: Iterable[Candidate]) -> tuple[list[Candidate], list[tuple[Candidate, str]]]:
    """Keep a non-overlapping subset by :data:`POLICY`.

    Returns (winners in text order, [(loser, reason)]).
    """
    kept: list[Candidate] = []
    lost: list[tuple[Candidate, str]] = []
    # the winners never overlap, so sorted by start their ends are sorted too: the ones a
    # candidate overlaps are a run found by bisection (n log n, not n² on a long text)
    starts: list[int] = []
    ends: list[int] = []
    rank: list[int] = []  # position in ``kept``: the first kept (policy order) is named
    for c in sorted(cands, key=policy_key):
        i = j = bisect.bisect_right(ends, c.start)
        while j < len(starts) and starts[j] < c.end:
            j += 1
        if j > i:
            clash = kept[min(rank[i:j])]
            lost.append((c, f"overlaps {clash.rule} [{clash.start}:{clash.end}] ({POLICY})"))
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        rank.insert(i, len(kept))
        kept.append(c)
    kept.sort(key=lambda k: (k.start, k.end))
    return kept, lost


class ClaimLedger:
    """Spans claimed by dates, document numbers, issue numbers and list markers."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int, str]] = []
        self._by_start: list[tuple[int, int]] = []  # (start, index in _spans), sorted when asked
        self._sorted = True
        self._longest = 0

    def claim(self, start: int, end: int, rule: str) -> None:
        """Record that ``rule`` owns ``[start, end)``."""
        self._by_start.append((start, len(self._spans)))
        self._sorted = False
        self._spans.append((start, end, rule))
        self._longest = max(self._longest, end - start)

    @property
    def spans(self) -> list[tuple[int, int, str]]:
        """Every claim, (start, end, rule), in the order made."""
        return list(self._spans)

    def owner(self, start: int, end: int) -> str | None:
        """The rule that claimed any part of ``[start, end)`` (the first claim), or None."""
        # a claim overlapping [start, end) starts in (start - longest, end): a bisected window
        if not self._sorted:  # claims come in phases (markers, dates, …): one sort per phase
            self._by_start.sort()
            self._sorted = True
        lo = bisect.bisect_right(self._by_start, (start - self._longest, len(self._spans)))
        hi = bisect.bisect_left(self._by_start, (end, -1))
        hits = [k for _, k in self._by_start[lo:hi] if self._spans[k][1] > start and self._spans[k][0] < end]
        return self._spans[min(hits)][2] if hits else None
