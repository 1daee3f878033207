"""Issue 11 item 6: no shipped pattern is longer than 200 characters, as written in its rule file.

A long pattern is split into named macros ({NAME}, `macros:` of a rule file or rules/macros.yaml);
the macro bodies are held to the same bound. Macros are global across files, so a name is
defined once.
"""

from __future__ import annotations

import yaml

from reportparse.rulebook import SHIPPED_RULES, load_rules

MAX_CHARS = 200


def _macros() -> list[tuple[str, str, str]]:
    """(file, name, body) of every macro of the shipped rule files."""
    out = []
    for p in sorted(SHIPPED_RULES.glob("*.yaml")):
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        for name, body in (data.get("macros") or {}).items():
            out.append((p.name, str(name), str(body)))
    return out


def test_no_shipped_pattern_is_longer_than_200_characters():
    long = [
        f"{len(r.pattern)} {r.id} ({r.file.rsplit('/', 1)[-1]})"
        for r in load_rules().rules
        if len(r.pattern) > MAX_CHARS
    ]
    assert not long, "patterns over 200 characters (split them into named macros):\n" + "\n".join(long)


def test_no_macro_body_is_longer_than_200_characters():
    macros = _macros()
    assert macros
    long = [f"{len(body)} {name} ({f})" for f, name, body in macros if len(body) > MAX_CHARS]
    assert not long, "macro bodies over 200 characters:\n" + "\n".join(long)


def test_a_macro_name_is_defined_once():
    seen: dict[str, str] = {}
    twice = []
    for f, name, _ in _macros():
        if name in seen:
            twice.append(f"{name}: {seen[name]} and {f}")
        seen[name] = f
    assert not twice, "macros are global: a later definition silently replaces an earlier one\n" + "\n".join(twice)
