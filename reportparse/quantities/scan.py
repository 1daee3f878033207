"""The quantity scanner: every number of a cleaned text, once, with its unit.

A number is digits (separators, decimals, a 万/亿/千 multiplier), Chinese numerals, a percentage
in words (百分之九十), or a range of them (3-5, 3至5万). Around it: an approximation (约, 近, 超过,
余, 多, 左右) and a sign (-0.57‰). Its unit comes from the unit lexicon (``gazetteers/units.txt``,
longest first); the multiplier stays with the number (4500.2亿 + 元), so the unit is the base unit.
Pure: text in, spans out; one compiled pattern per unit list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..normalize.numbers import parse_number, parse_range
from ..patterns import compile_lists

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万亿|亿|千万|万|千(?![米瓦克伏帕]))?(?!分之)"
_CN = (
    r"(?<![第零〇一二两三四五六七八九十百千万亿统进唯同单其之逐专])"
    r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*(?:点[零〇一二三四五六七八九]+[万亿]?)?(?!分之)"
)
_PCT_WORDS = r"百分之(?:" + _NUM + r"|[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)"
_DASH = r"(?:[—–\-~～]+|至|到)"
_BEFORE = r"(?:将近|接近|大约|超过|约|近|逾|超)"
_AFTER = r"(?:左右|上下)"


_DATE_AFTER = regex.compile(r"\s*(?:年|月|日|号|时|点|周岁|岁)")
# the statistic an air quality figure is of, whose numbers name it and count nothing: 臭氧日最大8小时
# 平均第90百分位浓度, 一氧化碳日均值第95百分位浓度
STATISTIC = regex.compile(r"日最大\d{1,2}小时(?:滑动)?平均值?|第\d{1,2}百分位数?")
_DECIMAL_DAYS = regex.compile(r"(?<=\d\.\d+)日")  # 9.3日 is a number of days, never a date


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit. Offsets index the cleaned text; ``start``/``end`` cover the
    approximation words, the number and the unit; ``value_start``/``value_end`` the number only."""

    start: int
    end: int
    value_start: int
    value_end: int
    value: int | float
    unit: str | None
    unit_start: int
    value_low: int | float | None = None  # a range's low end (value is the high end)
    approx: bool = False
    arabic: bool = True


@lru_cache(maxsize=8)
def _pattern(units: tuple[str, ...]) -> regex.Pattern[str]:
    """The scanner's pattern for one unit lexicon (cached: the lexicon is the rulebook's tuple)."""
    num = rf"(?:-(?=\d))?(?:{_NUM})"
    one = rf"(?:{num}|{_CN})"
    return compile_lists(
        rf"(?P<before>{_BEFORE})?"
        rf"(?:(?P<pct>{_PCT_WORDS})"
        rf"|(?<![\d.,A-Za-z/])(?P<num>{one}(?:{_DASH}{one})?(?:[余多](?:万亿|亿|千万|万))?)(?![\d]))"
        rf"(?P<a1>[余多])?\s*(?P<unit>\L<units>)?(?P<after>{_AFTER})?",
        regex.V1,
        units=sorted(units, key=len, reverse=True),
    )


def scan_quantities(text: str, units: tuple[str, ...]) -> list[Quantity]:
    """Every quantity of ``text`` in order. Chinese numerals count only before a unit (一体化,
    安全第一 are words); a number of digits counts with or without one."""
    out: list[Quantity] = []
    named = [(m.start(), m.end()) for m in STATISTIC.finditer(text)] if "小时" in text or "百分位" in text else []
    for m in _pattern(units).finditer(text):
        if named and any(a <= m.start() < b for a, b in named):
            continue  # 第90百分位: a number of the name, not a quantity
        raw = m.group("pct") or m.group("num")
        arabic = raw.lstrip("-")[:1].isdigit()
        unit = m.group("unit")
        end, unit_start = m.end(), m.start("unit") if unit else m.end("num")
        if not unit and arabic and m.group("num") and _DECIMAL_DAYS.match(text, m.end()):
            unit, unit_start, end = "日", m.end(), m.end() + 1  # 平均住院日为9.3日: no date is 9.3日
        if not unit and not m.group("pct") and (not arabic or _DATE_AFTER.match(text, m.end())):
            continue  # 一体化 is a word; 2002年, 9月, 8日 are dates
        low = None
        parsed = parse_number(raw)
        if parsed is None:
            rng = parse_range(raw)
            if rng is None:
                continue
            low, value = rng
        else:
            value = parsed.value
        if m.group("pct"):
            unit = unit or "%"
        vs = m.start("pct") if m.group("pct") else m.start("num")
        ve = m.end("pct") if m.group("pct") else m.end("num")
        approx = bool(m.group("before") or m.group("a1") or m.group("after") or (parsed and parsed.approx))
        out.append(Quantity(
            start=m.start(), end=end, value_start=vs, value_end=ve, value=value, unit=unit,
            unit_start=unit_start if unit else ve, value_low=low,
            approx=approx, arabic=arabic,
        ))
    return out
