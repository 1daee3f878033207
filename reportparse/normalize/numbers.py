"""Numbers as written in reports -> plain values in base units.

``parse_number("17.11万")`` gives 171100, ``"3.5亿"`` 350000000, ``"二十三"`` 23,
``"56.1%"`` 56.1 with ``percent`` set, ``"300余"`` 300 with ``approx`` set.
Arithmetic goes through ``Decimal`` so that 887.3万 is exactly 8873000; an
integral result is an ``int``. Functions are pure and never touch the source text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

# --- regex sources for rule files (no named groups) -------------------------
_D = "[0-9０-９]"
NUMBER_PATTERN = (
    rf"(?:{_D}{{1,3}}(?:,{_D}{{3}})+|{_D}+)(?:[.．]{_D}+(?![0-9０-９月日]))?"
    r"(?:[余多]?(?:万亿|[十百千]?[万亿]|千(?![米瓦克伏帕])))?"
)
"""Arabic number with optional thousands commas, decimals and a 万/亿/千 multiplier.

A list marker before a date (``1.9月8日``) is not read as the decimal 1.9.
"""

_CN_DIGITS = "零〇一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
_CN_UNITS = "十拾百佰千仟万萬亿億"
CN_NUMBER_PATTERN = (
    rf"(?<![第统唯逐之{_CN_DIGITS}{_CN_UNITS}])"
    rf"[{_CN_DIGITS}十拾][{_CN_DIGITS}{_CN_UNITS}]*(?:点[{_CN_DIGITS}]+[万萬亿億]?)?(?!件事)"
)
"""Chinese numeral, meant to be used right before a unit (not after 第/统/唯, not 一件事)."""

# --- numeral tables (language mechanics, not domain data) -------------------
_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
_DIGIT.update({"〇": 0, "两": 2, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5})
_DIGIT.update({"陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9})
_DIGIT.update({str(i): i for i in range(10)})
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_MULT = {**_SMALL, **_BIG}

_APPROX_BEFORE = ("超过", "将近", "接近", "大约", "约", "近", "逾", "超")
_APPROX_AFTER = ("左右", "以上", "上下", "余", "多", "许")

_ARABIC = regex.compile(
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<a1>[余多])?(?P<mult>[十百千万亿]{1,3})?(?P<a2>[余多])?"
)
_MULT_RUN = regex.compile(r"[十拾百佰千仟]?(?:[万萬][亿億]|[万萬亿億])?")
_RANGE = regex.compile(r"(?P<low>.+?)(?:-|－|—+|–|~|～|至|到)(?P<high>.+)")


_SPACE = regex.compile(r"\s+")
_MULT_TAIL = regex.compile(r"[万萬亿億]+$")


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A parsed quantity: ``value`` already includes ``multiplier`` (万 = 10000)."""

    value: int | float
    approx: bool = False
    multiplier: int = 1
    percent: bool = False


@lru_cache(maxsize=8192)
def parse_number(text: str) -> ParsedNumber | None:
    """Parse one number as written (Arabic or Chinese numerals); None if it is not one.
    (Cached: a report writes the same numbers again and again; the result is immutable.)"""
    s = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    if s[:1] in ("-", "−") and s[1:2].isdigit():  # a signed cell of a table: -2.3
        p = parse_number(s[1:])
        return None if p is None else ParsedNumber(-p.value, p.approx, p.multiplier, p.percent)
    approx, percent = False, False
    for word in _APPROX_BEFORE:
        if s.startswith(word):
            s, approx = s[len(word) :], True
            break
    if s.startswith("百分之"):
        s, percent = s[3:], True
    if s.endswith("%"):
        s, percent = s[:-1], True
    for word in _APPROX_AFTER:
        if s.endswith(word) and len(s) > len(word):
            s, approx = s[: -len(word)], True
            break
    if not s:
        return None
    m = _ARABIC.fullmatch(s)
    if m:
        multiplier = _product(m["mult"] or "")
        if multiplier is None:
            return None
        value = Decimal(m["num"].replace(",", "")) * multiplier
        approx = approx or bool(m["a1"] or m["a2"])
        return ParsedNumber(_plain(value), approx, multiplier, percent)
    parsed = _parse_cn(s)
    if parsed is None:
        return None
    value, multiplier = parsed
    return ParsedNumber(_plain(value), approx, multiplier, percent)


def parse_range(text: str) -> tuple[int | float, int | float] | None:
    """Parse ``3-5``, ``3至5``, ``三到五``, ``3-5万`` (the multiplier is shared) into (low, high)."""
    s = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    m = _RANGE.fullmatch(s)
    if not m:
        return None
    low, high = parse_number(m["low"]), parse_number(m["high"])
    if low is None or high is None:
        return None
    low_value = low.value
    if low.multiplier == 1 and high.multiplier > 1:
        low_value = _plain(Decimal(str(low.value)) * high.multiplier)
    if low_value > high.value:
        return None
    return low_value, high.value


def cn_to_int(text: str) -> int | None:
    """Integer value of a Chinese numeral (二十三, 一百零五, 二〇二三, 叁仟); None if malformed."""
    parsed = _parse_cn(text)
    if parsed is None or parsed[0] != parsed[0].to_integral_value():
        return None
    return int(parsed[0])


# --- internals ---------------------------------------------------------------


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _product(units: str) -> int | None:
    """Multiplier of a run like 万, 千万, 万亿; None for runs that are not multipliers."""
    if not _MULT_RUN.fullmatch(units):
        return None
    result = 1
    for ch in units:
        result *= _MULT[ch]
    return result


def _parse_cn(s: str) -> tuple[Decimal, int] | None:
    """(value, multiplier) of a Chinese numeral, with an optional 点 fraction."""
    if not s or any(ch not in _DIGIT and ch not in _MULT and ch != "点" for ch in s):
        return None
    multiplier = 1
    if "点" in s:
        whole, _, frac = s.partition("点")
        tail = _MULT_TAIL.search(frac)
        if tail:
            multiplier = _product(tail.group()) or 1
            frac = frac[: tail.start()]
        if not frac or any(ch not in _DIGIT for ch in frac):
            return None
        integer = _cn_int(whole)
        if integer is None:
            return None
        value = Decimal(f"{integer}.{''.join(str(_DIGIT[c]) for c in frac)}") * multiplier
        return value, multiplier
    integer = _cn_int(s)
    if integer is None:
        return None
    tail = _MULT_TAIL.search(s)
    if tail:
        multiplier = _product(tail.group()) or 1
    return Decimal(integer), multiplier


def _cn_int(s: str) -> int | None:
    if not s:
        return None
    if all(ch in _DIGIT for ch in s):  # 二〇二三, 7, 一
        return int("".join(str(_DIGIT[ch]) for ch in s))
    total = section = 0
    number: int | None = None
    last_unit = 0
    zero_since_unit = False
    for ch in s:
        if ch in _DIGIT:
            if number not in (None, 0) and _DIGIT[ch] != 0:
                return None  # two digits in a row: 五五百
            if _DIGIT[ch] == 0:
                zero_since_unit = True
            number = _DIGIT[ch]
        elif ch in _SMALL:
            unit = _SMALL[ch]
            section += (1 if number is None else number) * unit
            number, last_unit, zero_since_unit = None, unit, False
        else:
            unit = _BIG[ch]
            if number is None and section == 0 and (total == 0 or last_unit >= unit):
                return None  # 万 alone, 三万万
            section += number or 0
            total = (total + section) * unit if unit == 10**8 else total + section * unit
            section, number, last_unit, zero_since_unit = 0, None, unit, False
    if number:
        # 三千五 = 3500, 一万二 = 12000: a bare digit right after a unit is one place lower
        section += number * (last_unit // 10) if last_unit >= 100 and not zero_since_unit else number
    return total + section
