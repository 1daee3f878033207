"""Negation and limits around a figure, a post-pass over finished figure rows.

``尚未审结37件`` is not a plain 审结 37: the row gets ``negated`` true. ``不足10件`` is less than
10: ``bound`` ``lt`` (``le``, ``gt``, ``ge``; empty for an exact number). The words are data,
``rules/gazetteers/bounds.txt`` (``WORD=neg``, ``WORD=KIND`` before the number,
``after:WORD=KIND`` after the number and its unit). A limit must touch the number (or its
unit), and a limit before the number is none when 的 follows the unit (低于4.94%的基线水平
compares with the baseline's own value); a negation must be a word of its own (jieba: not the 未 of 未来 or 未成年人) in the
number's clause before it, with no 的 between (未发生事故的乡镇12个 counts towns: not negated).
The pass reads only the rows and the text around each one: linear in the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .context import longest_first

#: Characters that end a clause: a negation before one does not reach the number.
CLAUSE_BREAKS = "，,。；;：:！？!?、\n（()）"
#: How far before the number a negation is looked for (characters).
REACH = 16


@dataclass(frozen=True)
class BoundWords:
    """The lexicon: negation words, limit words before the number, after the unit."""

    negations: frozenset[str]
    before: tuple[tuple[str, str], ...]  # (word, kind), longest first
    after: tuple[tuple[str, str], ...]

    @classmethod
    def from_lines(cls, lines: tuple[str, ...]) -> BoundWords:
        """Parse ``bounds.txt`` lines (``WORD=neg``, ``WORD=KIND``, ``after:WORD=KIND``)."""
        neg: set[str] = set()
        before: dict[str, str] = {}
        after: dict[str, str] = {}
        for line in lines:
            word, _, kind = line.partition("=")
            word, kind = word.strip(), kind.strip()
            if not word or kind not in ("neg", "lt", "le", "gt", "ge"):
                continue
            if kind == "neg":
                neg.add(word)
            elif word.startswith("after:"):
                after[word[6:]] = kind
            else:
                before[word] = kind
        order = longest_first
        return cls(frozenset(neg), tuple((w, before[w]) for w in order(tuple(before))),
                   tuple((w, after[w]) for w in order(tuple(after))))


def mark_bounds(rows: list[dict[str, Any]], text: str, lines: tuple[str, ...], seg: Any) -> list[dict[str, Any]]:
    """Set ``negated`` and ``bound`` on every figure row (in place; the rows are returned)."""
    words = BoundWords.from_lines(tuple(lines))
    for row in rows:
        row["negated"], row["bound"] = False, None
        span = _value_span(row, text)
        if span is None:
            continue
        vs, ve = span
        row["bound"] = _bound(text, vs, _unit_end(row, text, ve), words)
        row["negated"] = _negated(text, vs, words, seg)
    return rows


def _value_span(row: dict[str, Any], text: str) -> tuple[int, int] | None:
    """Where the number is written: the last occurrence of ``value_text`` in the row's span."""
    vt, s, e = row.get("value_text"), row.get("char_start"), row.get("char_end")
    if not vt or not isinstance(s, int) or not isinstance(e, int):
        return None
    i = text.rfind(str(vt), s, e)
    return (i, i + len(str(vt))) if i >= 0 else None


def _unit_end(row: dict[str, Any], text: str, ve: int) -> int:
    """Where the unit after the number ends (the number's end when no unit is written there)."""
    unit = row.get("unit") or ""
    while ve < len(text) and text[ve] == " ":
        ve += 1
    return ve + len(unit) if unit and text.startswith(unit, ve) else ve


def _bound(text: str, vs: int, ue: int, words: BoundWords) -> str | None:
    tail = text[ue : ue + 6].lstrip(" ")
    head = text[max(0, vs - 6) : vs].rstrip(" ")
    for word, kind in words.before:
        if head.endswith(word):
            # 低于4.94%的基线水平: the number is the noun's own value, compared with, not a limit
            return None if tail.startswith("的") else kind
    for word, kind in words.after:
        if tail.startswith(word):
            return kind
    return None


def _negated(text: str, vs: int, words: BoundWords, seg: Any) -> bool:
    lo = max(0, vs - REACH)
    clause = text[lo:vs]
    cut = max(clause.rfind(ch) for ch in CLAUSE_BREAKS)
    clause = clause[cut + 1 :]
    if not clause or not any(w in clause for w in words.negations):
        return False  # no negation word at all: the segmenter is not asked
    tokens = [t.text for t in seg.tokens(clause)]
    for i, tok in enumerate(tokens):
        if tok in words.negations:
            rest = tokens[i + 1 :]
            return bool(rest) and "的" not in rest and not any(t[:1].isdigit() for t in rest)
    return False
