"""Number normalizer: Arabic, 万/亿, Chinese numerals, percent, approximations, ranges."""

from __future__ import annotations

import pytest
import regex

from reportparse.normalize.numbers import (
    CN_NUMBER_PATTERN,
    NUMBER_PATTERN,
    ParsedNumber,
    cn_to_int,
    parse_number,
    parse_range,
)


@pytest.mark.parametrize(
    ("text", "value", "multiplier"),
    [
        ("3101", 3101, 1),
        ("13,110", 13110, 1),
        ("1,234.5", 1234.5, 1),
        ("17.11", 17.11, 1),
        ("１３１１０", 13110, 1),
        ("１７．１１万", 171100, 10_000),
        ("17.11万", 171100, 10_000),
        ("3.5亿", 350_000_000, 10**8),
        ("887.3万", 8_873_000, 10_000),
        ("0.1万", 1000, 10_000),
        ("1.5万亿", 1_500_000_000_000, 10**12),
        ("3千", 3000, 1000),
        ("2千万", 20_000_000, 10**7),
        ("12 345", 12345, 1),
    ],
)
def test_arabic(text: str, value: int | float, multiplier: int) -> None:
    got = parse_number(text)
    assert got == ParsedNumber(value, False, multiplier, False)
    assert type(got.value) is type(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十三", 23),
        ("一百零五", 105),
        ("一千零一十", 1010),
        ("〇", 0),
        ("零", 0),
        ("三千五百", 3500),
        ("三千五", 3500),
        ("一万二千", 12000),
        ("一万二", 12000),
        ("两万", 20000),
        ("二十三万五千", 235000),
        ("三千五百万", 35_000_000),
        ("三亿五千万", 350_000_000),
        ("二〇二三", 2023),
        ("壹佰贰拾叁", 123),
        ("叁仟肆佰伍拾陆", 3456),
        ("玖拾", 90),
        ("三点五亿", 350_000_000),
        ("三点五", 3.5),
    ],
)
def test_chinese_numerals(text: str, value: int | float) -> None:
    got = parse_number(text)
    assert got is not None and got.value == value and not got.approx and not got.percent
    assert type(got.value) is type(value)


@pytest.mark.parametrize(
    ("text", "value", "percent", "approx"),
    [
        ("56.1%", 56.1, True, False),
        ("56.1％", 56.1, True, False),
        ("百分之五十六", 56, True, False),
        ("约56%", 56, True, True),
        ("300余", 300, False, True),
        ("300多", 300, False, True),
        ("近300", 300, False, True),
        ("约5万", 50000, False, True),
        ("10万左右", 100000, False, True),
        ("超过100", 100, False, True),
        ("逾千", 1000, False, True),
        ("100多万", 1_000_000, False, True),
        ("17万余", 170000, False, True),
        ("二十余", 20, False, True),
    ],
)
def test_percent_and_approx(text: str, value: int | float, percent: bool, approx: bool) -> None:
    got = parse_number(text)
    assert got is not None
    assert (got.value, got.percent, got.approx) == (value, percent, approx)


@pytest.mark.parametrize("text", ["", "abc", "万", "1,23", "12,3456", "约", "省中心", "1.2.3", "三万万"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"), [("二十三", 23), ("二〇二三", 2023), ("三点五", None), ("abc", None)]
)
def test_cn_to_int(text: str, value: int | None) -> None:
    assert cn_to_int(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3-5", (3, 5)),
        ("3—5", (3, 5)),
        ("3～5", (3, 5)),
        ("3至5", (3, 5)),
        ("三到五", (3, 5)),
        ("3-5万", (30000, 50000)),
        ("3万-5万", (30000, 50000)),
        ("1.5至2.5", (1.5, 2.5)),
        ("3%-5%", (3, 5)),
        ("5-3", None),
        ("3", None),
        ("a-b", None),
    ],
)
def test_parse_range(text: str, expected: tuple[int | float, int | float] | None) -> None:
    assert parse_range(text) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("设备17.11万台（套）", ["17.11万"]),
        ("受理 13,110 件", ["13,110"]),
        ("占比 56.1%", ["56.1"]),
        ("1650 项", ["1650"]),
        ("3千米", ["3"]),
        ("30千瓦", ["30"]),
        ("100多万人次", ["100多万"]),
        ("２０件", ["２０"]),
        ("1.9月8日", ["1", "9", "8"]),
        ("2.省中心", ["2"]),
    ],
)
def test_number_pattern(text: str, found: list[str]) -> None:
    assert regex.findall(NUMBER_PATTERN, text) == found
    for item in found:
        assert parse_number(item) is not None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("新增二十三个事项", ["二十三"]),
        ("完成两项", ["两"]),
        ("三千五百万元", ["三千五百万"]),
        ("“一件事”", []),
        ("第一批", []),
        ("统一受理", []),
        ("三点五亿元", ["三点五亿"]),
    ],
)
def test_cn_number_pattern(text: str, found: list[str]) -> None:
    assert regex.findall(CN_NUMBER_PATTERN, text) == found
    for item in found:
        assert parse_number(item) is not None


def test_patterns_have_no_groups() -> None:
    assert regex.compile(NUMBER_PATTERN).groups == 0
    assert regex.compile(CN_NUMBER_PATTERN).groups == 0
