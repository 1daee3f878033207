"""Load and validate rule files and gazetteers from ``rules/`` folders.

A rules folder holds rule files (``*.yaml``) and a ``gazetteers/`` folder of
plain lists (``*.txt``, one entry a line) and ``departments.yaml``. Every list
is usable inside a pattern as a ``regex`` named list, ``\\L<name>``; macros
(``macros:`` in any rule file) are spliced in as ``{NAME}``. Loading never
executes code from a file: YAML is read with the safe loader and patterns are
compiled, nothing else. All problems of all files are collected and raised
together as one :class:`RuleFileError`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import regex
import yaml

from .errors import RuleFileError, RuleProblem
from .patterns import LISTREF, compile_lists, guard_alternations
from .prefilter import Gates, required_lists

SHIPPED_RULES = Path(__file__).resolve().parent.parent / "rules"

KINDS = ("figure", "scope", "date", "department", "official", "reference", "masthead", "claim")
RULE_KEYS = {"id", "kind", "pattern", "priority", "set", "description", "examples", "flags"}
EXAMPLE_KEYS = {"text", "rows", "table", "context"}
FILE_KEYS = {"rules", "macros", "description", "version"}
FLAGS = {"IGNORECASE": regex.IGNORECASE, "MULTILINE": regex.MULTILINE, "DOTALL": regex.DOTALL}
_MACRO = regex.compile(r"\{([A-Z][A-Z0-9_]*)\}")


@dataclass(frozen=True)
class Example:
    """An example of a rule: ``text`` must produce exactly ``rows`` in ``table``."""

    text: str
    rows: tuple[dict[str, Any], ...]
    table: str
    context: dict[str, Any]
    line: int


@dataclass(frozen=True)
class Rule:
    """One compiled rule."""

    id: str
    kind: str
    pattern: str
    regex: regex.Pattern[str]
    priority: int
    set: dict[str, Any]
    examples: tuple[Example, ...]
    file: str
    line: int
    order: int
    description: str = ""
    needs: tuple[str, ...] = ()  # named lists every match contains an item of (prefilter.py)


@dataclass
class RuleSet:
    """Every rule and gazetteer loaded from one or more rules folders."""

    rules: tuple[Rule, ...]
    lists: dict[str, tuple[str, ...]]
    departments: Any  # normalize.orgs.Gazetteer (merged over folders)
    files: tuple[Path, ...]
    hash: str
    dirs: tuple[Path, ...] = ()

    @cached_property
    def gates(self) -> Gates:
        """Per-paragraph list tests that let find_candidates skip rules that cannot match."""
        return Gates(self.lists)
    _by_kind: dict[str, tuple[Rule, ...]] = field(default_factory=dict, repr=False)

    def of_kind(self, *kinds: str) -> tuple[Rule, ...]:
        """Rules of the given kinds, in rulebook order."""
        key = ",".join(kinds)
        if key not in self._by_kind:
            self._by_kind[key] = tuple(r for r in self.rules if r.kind in kinds)
        return self._by_kind[key]

    def by_id(self, rule_id: str) -> Rule:
        """The rule with this id (KeyError when there is none)."""
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


def _table_for(kind: str) -> str:
    return {
        "figure": "figures",
        "date": "dates",
        "department": "departments",
        "official": "officials",
        "reference": "references",
        "masthead": "documents",
        "scope": "figures",
        "claim": "figures",
    }[kind]


def _rule_files(d: Path) -> list[Path]:
    return sorted(p for p in d.glob("*.yaml") if p.is_file())


def _list_files(d: Path) -> list[Path]:
    g = d / "gazetteers"
    return sorted(g.glob("*.txt")) if g.is_dir() else []


def _node_lines(node: Any, key: str) -> list[int]:
    """1-based line of each item of the sequence under ``key`` of a mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return []
    for k, v in node.value:
        if getattr(k, "value", None) == key and isinstance(v, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in v.value]
    return []


def _item_lines(node: Any, key: str, index: int, subkey: str) -> list[int]:
    if not isinstance(node, yaml.MappingNode):
        return []
    for k, v in node.value:
        if getattr(k, "value", None) == key and isinstance(v, yaml.SequenceNode) and index < len(v.value):
            return _node_lines(v.value[index], subkey)
    return []


# libyaml's parser when PyYAML was built with it (about 10x faster than the pure-Python one)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path, problems: list[RuleProblem]) -> tuple[Any, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        return yaml.load(text, Loader=_LOADER), yaml.compose(text, Loader=_LOADER)
    except UnicodeDecodeError as e:
        problems.append(RuleProblem(str(path), 1, "", f"not UTF-8: {e.reason}"))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        msg = getattr(e, "problem", None) or str(e).splitlines()[0]
        problems.append(RuleProblem(str(path), line, "", f"bad YAML: {msg}"))
    return None, None


def load_rules(dirs: Sequence[Path | str] = (), *, shipped: bool = True) -> RuleSet:
    """Load the shipped ``rules/`` folder plus ``dirs`` (added on top, in order).

    The compiled rulebook is cached on disk by the files' content (rulecache.py).
    Raises RuleFileError listing every problem found in every file.
    """
    from . import rulecache

    folders = ([SHIPPED_RULES] if shipped else []) + [Path(d) for d in dirs]
    if not all(d.is_dir() for d in folders):
        return _compile_rulebook(folders)  # raises, naming the missing folder
    key = rulecache.key_of(folders, shipped)
    cached = rulecache.load(key)
    if isinstance(cached, RuleSet):
        return cached
    rules = _compile_rulebook(folders)
    rulecache.store(key, rules)
    return rules


def _compile_rulebook(folders: list[Path]) -> RuleSet:
    """Read, validate and compile every rule file and list of ``folders``."""
    from .normalize.orgs import load_departments, load_list

    problems: list[RuleProblem] = []
    for d in folders:
        if not d.is_dir():
            problems.append(RuleProblem(str(d), 0, "", "rules folder not found"))
    folders = [d for d in folders if d.is_dir()]

    lists: dict[str, list[str]] = {}
    gazetteers = []
    files: list[Path] = []
    for d in folders:
        for p in _list_files(d):
            files.append(p)
            try:
                lists.setdefault(p.stem, []).extend(load_list(p))
            except RuleFileError as e:
                problems.extend(e.problems)
        files.extend(p for p in sorted((d / "gazetteers").glob("*.tsv")) if d == SHIPPED_RULES)  # places.py
        dep = d / "gazetteers" / "departments.yaml"
        if dep.is_file():
            files.append(dep)
            try:
                gazetteers.append(load_departments(dep))
            except RuleFileError as e:
                problems.extend(e.problems)
    departments = _merge(gazetteers)
    if departments is not None:
        lists["departments"] = list(departments.names())
    final_lists = {k: tuple(dict.fromkeys(v)) for k, v in lists.items()}

    raw_rules: list[tuple[dict[str, Any], Path, int, list[int]]] = []
    macros: dict[str, str] = {}
    for d in folders:
        for p in _rule_files(d):
            files.append(p)
            data, node = _read_yaml(p, problems)
            if data is None:
                continue
            if not isinstance(data, dict):
                problems.append(RuleProblem(str(p), 1, "", "a rule file must be a mapping with a 'rules:' list"))
                continue
            for k in sorted(set(data) - FILE_KEYS):
                problems.append(RuleProblem(str(p), 1, "", f"unknown top-level key {k!r}; allowed: {sorted(FILE_KEYS)}"))
            for name, body in (data.get("macros") or {}).items():
                if not _MACRO.fullmatch("{" + str(name) + "}") or not isinstance(body, str):
                    problems.append(RuleProblem(str(p), 1, "", f"macro {name!r}: names are UPPER_CASE, bodies strings"))
                else:
                    macros[name] = body
            rules = data.get("rules") or []
            if not isinstance(rules, list):
                problems.append(RuleProblem(str(p), 1, "", "'rules' must be a list"))
                continue
            lines = _node_lines(node, "rules")
            for i, r in enumerate(rules):
                ex_lines = _item_lines(node, "rules", i, "examples")
                raw_rules.append((r, p, lines[i] if i < len(lines) else 1, ex_lines))

    compiled: list[Rule] = []
    seen: dict[str, str] = {}
    for order, (r, p, line, ex_lines) in enumerate(raw_rules):
        rule = _compile_rule(r, p, line, ex_lines, order, macros, final_lists, seen, problems)
        if rule is not None:
            compiled.append(rule)
    if problems:
        raise RuleFileError(problems)

    h = hashlib.sha256()
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    book = RuleSet(
        rules=tuple(compiled),
        lists=final_lists,
        departments=departments,
        files=tuple(files),
        hash=h.hexdigest()[:12],
        dirs=tuple(folders),
    )
    for rule in book.rules:  # the prefilter's list patterns are compiled now, and cached with the rules
        for name in rule.needs:
            book.gates.pattern(name, rule.regex.flags)
    return book


class _MergedGazetteer:
    """Several department gazetteers looked up in order (user folders first)."""

    def __init__(self, parts: list[Any]) -> None:
        self.parts = parts

    def names(self) -> list[str]:
        return [n for g in self.parts for n in g.names()]

    def lookup(self, mention: str, on: Any = None) -> Any:
        for g in reversed(self.parts):
            hit = g.lookup(mention, on)
            if hit is not None:
                return hit
        return None


def _merge(parts: list[Any]) -> Any:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else _MergedGazetteer(parts)


def _expand(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 5:
        raise ValueError("macros nest too deeply")

    def sub(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise ValueError(f"unknown macro {{{name}}}; known: {', '.join(sorted(macros)) or 'none'}")
        return "(?:" + _expand(macros[name], macros, depth + 1) + ")"

    return _MACRO.sub(sub, pattern)


def _compile_rule(
    r: Any,
    path: Path,
    line: int,
    ex_lines: list[int],
    order: int,
    macros: dict[str, str],
    lists: dict[str, tuple[str, ...]],
    seen: dict[str, str],
    problems: list[RuleProblem],
) -> Rule | None:
    f = str(path)
    if not isinstance(r, dict):
        problems.append(RuleProblem(f, line, "", "a rule must be a mapping"))
        return None
    rid = str(r.get("id") or "")
    n_before = len(problems)

    def bad(msg: str, at: int = line) -> None:
        problems.append(RuleProblem(f, at, rid, msg))

    for k in sorted(set(r) - RULE_KEYS):
        bad(f"unknown field {k!r}; allowed: {', '.join(sorted(RULE_KEYS))}")
    if not rid:
        bad("missing 'id'")
    elif rid in seen:
        bad(f"duplicate id (first defined at {seen[rid]})")
    else:
        seen[rid] = f"{f}:{line}"
    kind = r.get("kind")
    if kind not in KINDS:
        bad(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    priority = r.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool):
        bad(f"priority must be an integer, got {priority!r}")
        priority = 0
    sets = r.get("set") or {}
    if not isinstance(sets, dict):
        bad("'set' must be a mapping of column: value")
        sets = {}
    flags = 0
    for fl in r.get("flags") or []:
        if fl not in FLAGS:
            bad(f"unknown flag {fl!r}; allowed: {', '.join(FLAGS)}")
        else:
            flags |= FLAGS[fl]
    pattern = r.get("pattern")
    compiled = None
    needs: frozenset[str] = frozenset()
    if not isinstance(pattern, str) or not pattern:
        bad("missing 'pattern'")
    else:
        try:
            expanded = _expand(pattern, macros)
            used = set(LISTREF.findall(expanded))
            missing = sorted(used - set(lists))
            if missing:
                raise ValueError(f"unknown list(s) {missing}; known: {', '.join(sorted(lists))}")
            needs = frozenset() if flags & regex.X else required_lists(expanded)
            # named lists as tries, word groups behind a first-character check (patterns.py)
            compiled = compile_lists(guard_alternations(expanded), flags | regex.V1, **{n: lists[n] for n in used})
        except ValueError as e:
            bad(str(e))
        except regex.error as e:
            bad(f"pattern does not compile: {e}")
    examples: list[Example] = []
    raw_ex = r.get("examples") or []
    if not isinstance(raw_ex, list):
        bad("'examples' must be a list")
        raw_ex = []
    for i, ex in enumerate(raw_ex):
        at = ex_lines[i] if i < len(ex_lines) else line
        if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
            bad("an example needs 'text' (a string) and 'rows' (a list)", at)
            continue
        for k in sorted(set(ex) - EXAMPLE_KEYS):
            bad(f"unknown example field {k!r}; allowed: {', '.join(sorted(EXAMPLE_KEYS))}", at)
        rows = ex.get("rows") or []
        if not isinstance(rows, list) or not all(isinstance(x, dict) for x in rows):
            bad("example 'rows' must be a list of mappings", at)
            continue
        table = ex.get("table") or (_table_for(kind) if kind in KINDS else "figures")
        examples.append(Example(ex["text"], tuple(rows), table, dict(ex.get("context") or {}), at))
    if len(problems) > n_before or compiled is None:
        return None
    return Rule(
        id=rid,
        kind=str(kind),
        pattern=str(pattern),
        regex=compiled,
        needs=tuple(sorted(needs)),
        priority=priority,
        set=dict(sets),
        examples=tuple(examples),
        file=f,
        line=line,
        order=order,
        description=str(r.get("description") or ""),
    )
