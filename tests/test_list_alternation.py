"""A named list compiled as a trie (rulebook.list_alternation) matches exactly what ``\\L<name>``
matches, in the same order of trial (longest item first, shorter ones on backtracking)."""

from __future__ import annotations

import random

import pytest
import regex

from reportparse.patterns import list_alternation
from reportparse.rulebook import load_rules

CASES = [
    (("省", "省政府", "省政府办公厅", "市"), "省政府办公厅副主任、市政府秘书长"),
    (("a", "ab", "abc", "b", ""), "xabcabx"),
    (("1.5", "(x)", "[y]", "a|b", "*"), "1.5 (x) [y] a|b * 125"),
    (("受理", "受理量", "办结", "办结率"), "本周受理量302件，办结率98%，受理12件"),
    ((), "nothing can match"),
]
# patterns around the list, so that backtracking into it matters
AROUND = [r"{L}", r"{L}\d", r"(?:{L})+率", r"\p{{Han}}{{0,3}}?{L}(?=[，。])", r"(?P<a>{L})(?P<b>{L})?"]


def _both(items: tuple[str, ...], around: str, flags: int = 0) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    named = regex.compile(around.format(L=r"\L<x>"), flags | regex.V1, x=list(items))
    trie = regex.compile(around.format(L=list_alternation(items)), flags | regex.V1)
    return named, trie


def _matches(p: regex.Pattern[str], text: str) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in p.finditer(text, overlapped=True)]


@pytest.mark.parametrize("around", AROUND)
@pytest.mark.parametrize(("items", "text"), CASES)
def test_trie_matches_like_a_named_list(items: tuple[str, ...], text: str, around: str) -> None:
    named, trie = _both(items, around)
    assert _matches(trie, text) == _matches(named, text)


def test_verbose_patterns_keep_spaces_literal() -> None:
    named, trie = _both(("a b", "a"), "{L}c", regex.X)
    assert _matches(trie, "a bc ac") == _matches(named, "a bc ac") != []


def test_random_lists_and_texts() -> None:
    rng = random.Random(11)
    alphabet = "省市县厅局委办主任副"
    for _ in range(300):
        items = tuple({"".join(rng.choices(alphabet, k=rng.randint(1, 4))) for _ in range(rng.randint(1, 12))})
        text = "".join(rng.choices(alphabet + "，", k=40))
        for around in AROUND:
            named, trie = _both(items, around)
            assert _matches(trie, text) == _matches(named, text), (items, text, around)


def test_the_shipped_lists_compile_as_tries() -> None:
    rules = load_rules()
    for name in ("departments", "titles", "surnames", "units"):
        items = rules.lists[name]
        named, trie = _both(items, "{L}")
        sample = "".join(items[:: max(1, len(items) // 40)])
        assert _matches(trie, sample) == _matches(named, sample)


GROUPS = [
    (r"(?:增加|增长|提高)\d", "增长5提高6增加"),
    (r"(?:共计|共有|共|合计)\s*\d+", "共计3 共有4 共5 合计 6"),
    (r"\p{Han}{0,2}?(?:年初以来|年初|今年)", "自年初以来，今年"),
    (r"\\(?:共|合计|达)", r"\共 (:共"),  # an escaped bracket is no group: left as it is
]


@pytest.mark.parametrize(("pattern", "text"), GROUPS)
def test_guarded_word_groups_match_the_same(pattern: str, text: str) -> None:
    from reportparse.patterns import guard_alternations

    plain, guarded = regex.compile(pattern, regex.V1), regex.compile(guard_alternations(pattern), regex.V1)
    assert _matches(guarded, text) == _matches(plain, text)


def test_only_groups_of_three_or_more_han_words_are_guarded() -> None:
    from reportparse.patterns import guard_alternations

    assert guard_alternations("(?:较|比)(?:a|b|c)") == "(?:较|比)(?:a|b|c)"
    assert guard_alternations("(?:增加|增长|提高)") == "(?:(?=[增提])(?:增加|增长|提高))"


def test_a_list_with_a_very_long_item_stays_a_named_list() -> None:
    """A trie nests a group per character: a list holding an item longer than 200 characters is
    compiled as ``\\L`` (no recursion or nesting limit), with the same matches."""
    from reportparse.patterns import compile_lists

    items = ("甲" * 300, "甲乙", "丙")
    mixed = compile_lists(r"\L<x>\L<y>?", 0, x=items, y=("乙", "丙丁"))
    named = regex.compile(r"\L<x>\L<y>?", x=list(items), y=["乙", "丙丁"])
    text = "甲乙丙丁" + "甲" * 300 + "丙"
    assert _matches(mixed, text) == _matches(named, text) != []
    assert "\\L<y>" not in mixed.pattern and "\\L<x>" in mixed.pattern
