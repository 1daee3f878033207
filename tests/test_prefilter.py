"""prefilter: the lists a rule's every match needs, and gating that changes no candidate."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportparse.match import find_candidates
from reportparse.pipeline import text_to_clean
from reportparse.prefilter import required_lists
from reportparse.rulebook import load_rules

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("pattern", "needs"), [
    (r"\L<a>\d+", {"a"}),
    (r"(?P<x>\L<a>(?:量|数)?)\L<b>", {"a", "b"}),
    (r"(?:\L<a>)?\L<b>", {"b"}),
    (r"\L<a>?", set()),  # the quantifier applies to the list item
    (r"(?:\L<a>)*x", set()),
    (r"(?:\L<a>){0,2}x", set()),
    (r"(?:\L<a>){1,2}x", {"a"}),
    (r"\L<a>|\L<b>", set()),
    (r"(?:\L<a>\L<c>|\L<b>\L<c>)", {"c"}),
    (r"(?<!\L<a>)\L<b>", {"b"}),  # a lookaround needs nothing of the match
    (r"(?=\L<a>)\L<b>", {"b"}),
    (r"[\p{Han}&&[^\L]]\L<a>", {"a"}),  # nested V1 set, escapes inside it
    (r"[]\L<x>]\L<a>", {"a"}),  # a literal ] first in a class
    (r"\p{Han}{2,14}?\L<a>", {"a"}),
    (r"(?i)\L<a>", set()),  # inline flags: not modelled, so nothing is gated
    (r"(?P<n>x)(?P=n)\L<a>", set()),
    (r"(\L<a>", set()),  # malformed: nothing gated
])
def test_required_lists(pattern: str, needs: set[str]) -> None:
    assert required_lists(pattern) == needs


def test_shipped_rules_are_gated() -> None:
    rules = {r.id: r for r in load_rules().rules}
    assert set(rules["official.org-title-name"].needs) == {"titles", "surnames"}
    assert "metric_verbs" in rules["figure.verb"].needs


def test_gating_changes_no_candidate(tmp_path: Path) -> None:
    """On the seed and synthetic issues, the candidates are the same with and without gates."""
    rules = load_rules()
    texts = [(ROOT / "corpora" / "weekly-2023-35.txt").read_text(encoding="utf-8")]
    if (ROOT / "corpora" / "synth.py").is_file():
        import sys

        sys.path.insert(0, str(ROOT / "corpora"))
        import synth

        texts += [p.read_text(encoding="utf-8") for p in synth.generate(tmp_path, 3, "2023-06-05", 4, "txt")
                  if p.suffix == ".txt"]
    for text in texts:
        clean = text_to_clean(text)
        plain = find_candidates(clean.text, rules.rules, clean.paragraphs)
        gated = find_candidates(clean.text, rules.rules, clean.paragraphs, rules.gates)
        assert gated == plain
        assert len(plain) > 100
