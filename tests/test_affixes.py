"""Affixes: a word list looked up at a string's end or start, longest word first."""

from __future__ import annotations

import pytest

from reportparse.normalize.numbers import parse_number
from reportparse.quantities.attribute import Affixes

WORDS = Affixes.of(("增长", "同比增长", "达", "达到", ""))


@pytest.mark.parametrize(("text", "shorter", "want"), [
    ("地区生产总值同比增长", False, "同比增长"),
    ("地区生产总值增长", False, "增长"),
    ("收入达到", False, "达到"),
    ("收入达", False, "达"),
    ("达到", False, "达到"),
    ("到达", True, "达"),  # with shorter, only a word shorter than the string
    ("增长", True, None),
    ("地区生产总值", False, None),
    ("", False, None),
])
def test_suffix(text: str, shorter: bool, want: str | None) -> None:
    assert WORDS.suffix(text, shorter=shorter) == want


@pytest.mark.parametrize(("text", "want"), [("同比增长6%", "同比增长"), ("达到", "达到"), ("达", "达"), ("到达", None)])
def test_prefix(text: str, want: str | None) -> None:
    assert WORDS.prefix(text) == want


def test_parse_number_is_cached_and_stays_right() -> None:
    parse_number.cache_clear()
    assert parse_number("4500.2亿").value == 450020000000
    assert parse_number("4500.2亿").value == 450020000000
    assert parse_number.cache_info().hits == 1
    assert parse_number("三千余") .approx and parse_number("三千余").value == 3000
