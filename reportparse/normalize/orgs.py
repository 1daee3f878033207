"""Gazetteers: the departments YAML and the plain-text lists under ``rules/gazetteers``.

``load_departments(path)`` returns a :class:`Gazetteer` that maps a mention
(省卫生健康委, 经济和信息化厅, 省中心 ...) to its canonical entry. A body retired by a
reform (省工商局, 2018) is an entry of its own whose ``successor`` is today's body.
A name resolves only within its validity period: the entry's (``valid_from`` /
``valid_to``, the body's life) or, for an ``old_aliases`` name, its own. ``load_list(path)`` reads the
one-entry-per-line lists (titles, surnames, units, not_departments).
Every problem in a file is reported at once in a ``RuleFileError``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import regex
import yaml

from ..errors import RuleFileError, RuleProblem

KINDS = ("department", "central", "publisher", "division", "other")
LEVELS = ("province", "central", "city")
ENTRY_KEYS = (
    "canonical", "aliases", "kind", "level", "parent", "successor", "valid_from", "valid_to", "old_aliases", "note",
)
OLD_ALIAS_KEYS = ("name", "valid_from", "valid_to")
REGEX_PREFIX = "re:"
_SPACE = regex.compile(r"\s+")

_Report = Callable[..., None]  # problem(node, message, rule="")


@dataclass(frozen=True, slots=True)
class DeptEntry:
    """A gazetteer entry as a lookup returns it.

    ``known`` is True when the mention is listed verbatim in the gazetteer and
    False when it was resolved through a prefix variant (四川省X <-> 省X);
    ``historic`` is True when it was resolved through an ``old_aliases`` name.
    ``successor`` is the canonical name of the body that carries on a retired one
    today (the end of the file's ``successor`` chain); None for a current body.
    ``valid_from`` / ``valid_to`` are the dates the body existed under its name, when known.
    """

    canonical: str
    kind: str
    level: str = "province"
    parent: str | None = None
    known: bool = True
    historic: bool = False
    successor: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    @property
    def current(self) -> str:
        """Canonical name of the body as it is today: the successor, else the entry itself."""
        return self.successor or self.canonical


@dataclass(frozen=True, slots=True)
class _Name:
    entry: DeptEntry
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, on: date | None) -> bool:
        if on is None:
            return True
        if self.valid_from is not None and on < self.valid_from:
            return False
        return self.valid_to is None or on <= self.valid_to


class Gazetteer:
    """Names of departments mapped to their entries."""

    def __init__(self, entries: Iterable[DeptEntry], names: dict[str, _Name]) -> None:
        self.entries: tuple[DeptEntry, ...] = tuple(entries)
        self._names = names

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, mention: object) -> bool:
        return isinstance(mention, str) and _SPACE.sub("", mention) in self._names

    def names(self) -> list[str]:
        """Every canonical name, alias and old alias, longest first (for alternations).

        Names listing several bodies (中共中央办公厅、国务院办公厅) are left out so that
        text matching finds each body; ``lookup`` still resolves them. The prefix variants
        ``lookup`` resolves (四川省X for 省X, 省X for 四川省X, 四川省委X for 省委X) are names too,
        so that text matching finds 四川省住房城乡建设厅 whole, not only its tail.
        """
        found = {n for n in self._names if "、" not in n}
        found |= {v for n in tuple(found) for v in _variants(n) if v not in self._names}
        return sorted(found, key=lambda n: (-len(n), n))

    def short_forms(self, province: str = "四川省") -> dict[str, str]:
        """Short forms of a province's bodies as templates of their full names for any place:
        省卫健委 = 四川省卫生健康委员会 gives 卫健委 -> {}卫生健康委员会, 省政协 gives 政协 ->
        中国人民政治协商会议{}委员会, 省纪委 gives 纪委 -> 中共{}纪律检查委员会; a 厅's short form
        also gives the 局 of a city or county (人社厅 -> {}人力资源和社会保障厅, 人社局 -> {}人力资源和社会保障局).
        Names that are their full name's tail (教育厅) and the publisher's are left out."""
        out: dict[str, str] = {}
        for name, nm in self._names.items():
            e = nm.entry
            if not name.startswith("省") or e.kind == "publisher" or e.level != "province" or \
                    e.canonical.count(province) != 1 or "、" in name:
                continue
            short, full = name[1:], e.canonical.replace(province, "{}")
            if full.endswith(short) and full.startswith("{}"):
                continue
            out.setdefault(short, full)
            if short.endswith("厅") and full.endswith("厅"):
                out.setdefault(short[:-1] + "局", full[:-1] + "局")
        return out

    def lookup(self, mention: str, on: date | None = None) -> DeptEntry | None:
        """The entry a mention names on date ``on`` (any date when None), or None.

        Whitespace inside the mention is ignored. A name resolves only within its
        validity period (its entry's, or its own for an old alias). When the exact name is unknown, the
        variants 四川省X / 省X / 中共四川省委X / 省委X are tried (``known`` False).
        """
        name = _SPACE.sub("", mention)
        hit = self._names.get(name)
        if hit is not None:
            return hit.entry if hit.valid_on(on) else None
        for variant in _variants(name):
            hit = self._names.get(variant)
            if hit is not None and hit.valid_on(on):
                return replace(hit.entry, known=False)
        return None


def as_in_masthead(mention: str, hit: DeptEntry | None, masthead: DeptEntry | None) -> DeptEntry | None:
    """``hit`` (what ``mention`` resolves to) as the document's masthead names its publisher.

    When the masthead names a publisher of the same line of bodies as ``hit`` under another
    name (a 2018 masthead prints the centre's name of then), a short or loose name of that
    publisher (省中心, 省政务服务中心) means the body the masthead names; the current body's
    canonical name written out in full keeps meaning the current body. Otherwise ``hit``.
    """
    if hit is None or masthead is None or hit.canonical == masthead.canonical:
        return hit
    if hit.kind != "publisher" or masthead.kind != "publisher" or hit.current != masthead.current:
        return hit
    if _SPACE.sub("", mention) == hit.canonical:
        return hit
    return replace(masthead, known=hit.known, historic=hit.historic)


def _variants(name: str) -> list[str]:
    pairs = (("中共四川省委", "省委"), ("四川省委", "省委"), ("四川省", "省"), ("省", "四川省"))
    return [new + name[len(old) :] for old, new in pairs if name.startswith(old) and len(name) > len(old) + 1]


# ----------------------------------------------------------------- plain lists


def load_list(path: str | Path) -> list[str]:
    """Entries of a plain-text list: one per line, ``#`` comments, blanks ignored.

    Lines starting with ``re:`` are kept as written after checking that the
    pattern compiles. Duplicates and bad patterns raise ``RuleFileError``.
    """
    path = Path(path)
    problems: list[RuleProblem] = []
    seen: dict[str, int] = {}
    out: list[str] = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        entry = raw.split("#", 1)[0].strip().lstrip("\ufeff")
        if not entry:
            continue
        if entry in seen:
            problems.append(
                RuleProblem(str(path), lineno, "", f"duplicate entry {entry!r} (first on line {seen[entry]})")
            )
            continue
        if entry.startswith(REGEX_PREFIX):
            try:
                regex.compile(entry[len(REGEX_PREFIX) :])
            except regex.error as exc:
                problems.append(RuleProblem(str(path), lineno, "", f"pattern does not compile: {exc}"))
                continue
        seen[entry] = lineno
        out.append(entry)
    if problems:
        raise RuleFileError(problems)
    return out


class NameList:
    """A list of exact names and ``re:`` patterns; ``name in names`` tests a whole mention."""

    def __init__(self, entries: Iterable[str]) -> None:
        entries = list(entries)
        self.exact = frozenset(e for e in entries if not e.startswith(REGEX_PREFIX))
        self.patterns = tuple(
            regex.compile(e[len(REGEX_PREFIX) :]) for e in entries if e.startswith(REGEX_PREFIX)
        )

    def __contains__(self, mention: object) -> bool:
        if not isinstance(mention, str):
            return False
        name = _SPACE.sub("", mention)
        return name in self.exact or any(p.fullmatch(name) for p in self.patterns)


def load_name_list(path: str | Path) -> NameList:
    """``load_list`` wrapped as a :class:`NameList` (for not_departments.txt)."""
    return NameList(load_list(path))


# ------------------------------------------------------------- departments


def load_departments(path: str | Path) -> Gazetteer:
    """Read and validate ``departments.yaml``; every problem is reported at once."""
    path = Path(path)
    file = str(path)
    problems: list[RuleProblem] = []

    def problem(node: yaml.Node, message: str, rule: str = "") -> None:
        problems.append(RuleProblem(file, node.start_mark.line + 1, rule, message))

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RuleFileError(
            [RuleProblem(file, mark.line + 1 if mark else 0, "", f"not valid YAML: {exc}")]
        ) from None
    if root is None:
        raise RuleFileError([RuleProblem(file, 0, "", "file is empty; expected a list of entries")])
    if not isinstance(root, yaml.SequenceNode):
        raise RuleFileError([RuleProblem(file, root.start_mark.line + 1, "", "expected a list of entries")])

    entries: list[DeptEntry] = []
    names: dict[str, _Name] = {}
    first_line: dict[str, int] = {}
    parents: list[tuple[yaml.Node, str, str]] = []
    successors: dict[str, tuple[yaml.Node, str]] = {}  # canonical -> (node, successor as written)

    def add(name: str, node: yaml.Node, rec: _Name) -> None:
        name = _SPACE.sub("", name)
        if name in names:
            problem(node, f"duplicate name {name!r} (first on line {first_line[name]})", rec.entry.canonical)
            return
        names[name] = rec
        first_line[name] = node.start_mark.line + 1

    for item in root.value:
        if not isinstance(item, yaml.MappingNode):
            problem(item, "entry must be a mapping with at least 'canonical' and 'kind'")
            continue
        fields: dict[str, yaml.Node] = {}
        for key_node, value_node in item.value:
            key = key_node.value
            if key not in ENTRY_KEYS:
                problem(key_node, f"unknown key {key!r}; allowed: {', '.join(ENTRY_KEYS)}")
            else:
                fields[key] = value_node
        canonical = _scalar(fields.get("canonical"))
        if not canonical:
            problem(item, "missing 'canonical'")
            continue
        kind = _scalar(fields.get("kind"))
        if kind not in KINDS:
            problem(fields.get("kind", item), f"kind {kind!r} not one of {', '.join(KINDS)}", canonical)
            continue
        level = _scalar(fields.get("level")) or "province"
        if level not in LEVELS:
            problem(fields["level"], f"level {level!r} not one of {', '.join(LEVELS)}", canonical)
        parent = _scalar(fields.get("parent")) or None
        if kind == "division" and parent is None:
            problem(item, "a division needs a 'parent'", canonical)
        if parent is not None:
            parents.append((fields["parent"], parent, canonical))
        successor = _scalar(fields.get("successor")) or None
        if successor is not None:
            successors[canonical] = (fields["successor"], successor)
        bounds = _bounds(fields, canonical, problem) or {}
        entry = DeptEntry(canonical, kind, level, parent, **bounds)
        entries.append(entry)
        own = _Name(entry, entry.valid_from, entry.valid_to)  # a body's names live as long as it
        add(canonical, fields["canonical"], own)
        for node in _sequence(fields.get("aliases"), "aliases", canonical, problem):
            if not _scalar(node):
                problem(node, "alias must be a non-empty string", canonical)
            else:
                add(_scalar(node), node, own)
        historic = replace(entry, historic=True)
        for node in _sequence(fields.get("old_aliases"), "old_aliases", canonical, problem):
            rec = _old_alias(node, historic, canonical, problem)
            if rec is not None:
                add(rec[0], node, rec[1])

    canonicals = {e.canonical for e in entries}
    for node, parent, canonical in parents:
        if parent not in canonicals:
            problem(node, f"parent {parent!r} is not the canonical name of any entry", canonical)
    current = _current_bodies(successors, canonicals, problem)
    if problems:
        raise RuleFileError(problems)
    if current:
        entries = [replace(e, successor=current.get(e.canonical)) for e in entries]
        names = {n: replace(r, entry=replace(r.entry, successor=current.get(r.entry.canonical)))
                 for n, r in names.items()}
    return Gazetteer(entries, names)


def _current_bodies(
    successors: dict[str, tuple[yaml.Node, str]], canonicals: set[str], problem: _Report
) -> dict[str, str]:
    """Each retired body's canonical -> today's body (the end of its ``successor`` chain).

    A successor that names no entry, the entry itself, or leads back round is a problem."""
    out: dict[str, str] = {}
    for canonical, (node, successor) in successors.items():
        if successor not in canonicals:
            problem(node, f"successor {successor!r} is not the canonical name of any entry", canonical)
            continue
        seen = [canonical]
        while successor in successors and successor not in seen:
            seen.append(successor)
            successor = successors[successor][1]
        if successor in seen:
            problem(node, f"successor chain goes round: {' -> '.join([*seen, successor])}", canonical)
        elif successor in canonicals:
            out[canonical] = successor
    return out


def _scalar(node: yaml.Node | None) -> str:
    if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
        return str(node.value).strip()
    return ""


def _sequence(node: yaml.Node | None, key: str, canonical: str, problem: _Report) -> list[yaml.Node]:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        return []
    if not isinstance(node, yaml.SequenceNode):
        problem(node, f"'{key}' must be a list", canonical)
        return []
    return list(node.value)


def _old_alias(
    node: yaml.Node, entry: DeptEntry, canonical: str, problem: _Report
) -> tuple[str, _Name] | None:
    if not isinstance(node, yaml.MappingNode):
        problem(node, "old alias must be a mapping {name: ..., valid_to: YYYY-MM-DD}", canonical)
        return None
    values: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if key_node.value not in OLD_ALIAS_KEYS:
            problem(
                key_node, f"unknown key {key_node.value!r}; allowed: {', '.join(OLD_ALIAS_KEYS)}", canonical
            )
        else:
            values[key_node.value] = value_node
    name = _scalar(values.get("name"))
    if not name:
        problem(node, "old alias without 'name'", canonical)
        return None
    bounds = _bounds(values, canonical, problem)
    if bounds is not None and bounds["valid_from"] is None and bounds["valid_to"] is None:
        problem(node, f"old alias {name!r} needs valid_to or valid_from", canonical)
        bounds = None
    return (name, _Name(entry, bounds["valid_from"], bounds["valid_to"])) if bounds is not None else None


def _bounds(values: dict[str, yaml.Node], canonical: str, problem: _Report) -> dict[str, date | None] | None:
    """``valid_from`` / ``valid_to`` of a mapping as dates (None when absent); None on a bad date."""
    bounds: dict[str, date | None] = {"valid_from": None, "valid_to": None}
    ok = True
    for key in bounds:
        text = _scalar(values.get(key))
        if not text:
            continue
        try:
            bounds[key] = date.fromisoformat(text)
        except ValueError:
            problem(values[key], f"{key} {text!r} is not a date YYYY-MM-DD", canonical)
            ok = False
    start, end = bounds["valid_from"], bounds["valid_to"]
    if start is not None and end is not None and end < start:
        problem(values["valid_to"], f"valid_to {end} is before valid_from {start}", canonical)
        ok = False
    return bounds if ok else None
