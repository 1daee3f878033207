"""Cheap tests that tell a rule cannot match a paragraph, derived from its pattern.

A rule whose every match must contain an item of a named list (``\\L<titles>``
outside any optional or alternative branch) cannot match a paragraph holding no
item of that list. :func:`required_lists` finds such lists by walking the
pattern; :class:`Gates` answers, once per paragraph and list, whether an item
occurs. A rule matches within one paragraph, so skipping it there changes no
result: only time (official rules, for example, run on the tenth of paragraphs
that name a title). Anything the walker does not understand (conditionals,
scoped flags) gates nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

from .patterns import compile_lists

_QUANT = regex.compile(r"(?:[?*+]|\{(\d*)(?:,\d*)?\})[?+]?")
_LIST = regex.compile(r"\\L<(\w+)>")


class _Unknown(Exception):
    """A construct the walker does not model: gate nothing."""


def required_lists(pattern: str) -> frozenset[str]:
    """Names of the named lists that every match of ``pattern`` contains an item of."""
    try:
        alts, end = _alternatives(pattern, 0)
    except (_Unknown, IndexError):
        return frozenset()
    if end != len(pattern):
        return frozenset()
    return _intersect(alts)


def _intersect(alts: list[set[str]]) -> frozenset[str]:
    out = set(alts[0])
    for a in alts[1:]:
        out &= a
    return frozenset(out)


def _alternatives(p: str, i: int) -> tuple[list[set[str]], int]:
    """Parse a sequence of branches from ``i`` up to an unmatched ``)`` or the end."""
    alts: list[set[str]] = [set()]
    while i < len(p) and p[i] != ")":
        if p[i] == "|":
            alts.append(set())
            i += 1
            continue
        needs, i = _atom(p, i)
        q = _QUANT.match(p, i)
        if q:
            i = q.end()
            if q.group()[0] in "?*" or (q.group()[0] == "{" and q.group(1) in ("", "0")):
                needs = set()
        alts[-1] |= needs
    return alts, i


def _atom(p: str, i: int) -> tuple[set[str], int]:
    c = p[i]
    if c == "\\":
        m = _LIST.match(p, i)
        if m:
            return {m.group(1)}, m.end()
        if p[i + 1] in "pPN" and i + 2 < len(p) and p[i + 2] == "{":
            return set(), p.index("}", i) + 1
        return set(), i + 2
    if c == "[":
        return set(), _class_end(p, i)
    if c == "(":
        return _group(p, i)
    return set(), i + 1


def _class_end(p: str, i: int) -> int:
    """Index after the character class opening at ``i`` (V1 sets nest: ``[\\p{Han}&&[^与]]``)."""
    depth, i = 0, i
    while True:
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
            i += 1
            if p[i] == "^":
                i += 1
            if p[i] == "]":  # a literal ] first in a class
                i += 1
            continue
        if c == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1


def _group(p: str, i: int) -> tuple[set[str], int]:
    if p.startswith("(?", i):
        head = regex.match(r"\(\?(?::|>|P<\w+>|<\w+>|=|!|<=|<!)", p[i:])
        if head is None:
            raise _Unknown(p[i:i + 6])  # inline flags, conditionals, comments ...
        kind, start = head.group(), i + head.end()
    else:
        kind, start = "(", i + 1
    alts, end = _alternatives(p, start)
    if p[end] != ")":
        raise _Unknown("unclosed group")
    if kind in ("(?=", "(?!", "(?<=", "(?<!"):
        return set(), end + 1  # lookarounds consume nothing of the match
    return set(_intersect(alts)), end + 1


class Gates:
    """Per paragraph: does it hold an item of named list X? Each list is searched once."""

    def __init__(self, lists: dict[str, Sequence[str]]) -> None:
        self._lists = lists
        self._compiled: dict[tuple[str, int], regex.Pattern[str]] = {}

    def pattern(self, name: str, flags: int) -> regex.Pattern[str]:
        """``\\L<name>`` compiled with a rule's flags (case-folding must agree with the rule's)."""
        key = (name, flags)
        if key not in self._compiled:
            # the trie finds what \L finds, several times faster (patterns.py)
            self._compiled[key] = compile_lists(r"\L<items>", flags, items=tuple(self._lists.get(name, ())))
        return self._compiled[key]

    def open_for(self, chunk: str, needs: Iterable[regex.Pattern[str]], seen: dict[int, bool]) -> bool:
        """False when ``chunk`` lacks an item of one of the ``needs`` lists (``seen`` caches per chunk)."""
        for gate in needs:
            hit = seen.get(id(gate))
            if hit is None:
                hit = seen[id(gate)] = gate.search(chunk) is not None
            if not hit:
                return False
        return True
