"""Date arithmetic for report text: year inference, ranges, dotted and relative dates.

Pure functions on ``datetime.date``. Parts a sentence leaves out are inherited
(``9月11日至15日``) or inferred from an anchor: the issue's period end or its
publication date. Impossible dates (2月30日) give None, never an exception.
"""

from __future__ import annotations

import calendar
import unicodedata
from datetime import date, timedelta

import regex

RELATIVE_LABELS = (
    "this_week",
    "last_week",
    "recent",
    "ytd",
    "to_date",
    "this_month",
    "last_month",
    "this_year",
)
"""Labels accepted by ``resolve_relative`` (rule files map 本周, 今年以来 ... onto them)."""

TURN_DAYS = 92
"""How far (days) from the issue a year-less date may be put into the previous or next year."""

_DOTTED = regex.compile(r"(\d{4})\s*([./\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})")
_EVENT = regex.compile(
    r"[\"'“”‘’「」『』《》〈〉]*(\d{1,2})\s*[.·•．・]\s*(\d{1,2})[\"'“”‘’「」『』《》〈〉]*"
)


def make_date(year: int | None, month: int | None, day: int | None) -> date | None:
    """``date(year, month, day)`` or None when a part is missing or the date is impossible."""
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int, anchor: date) -> int:
    """The year of a month/day written without one: the anchor's, except at a year's turn.

    A date is the anchor's year's unless the previous or next year puts it within
    ``TURN_DAYS`` of the anchor and closer: ``12月27日`` anchored on 2024-01-05 is 2023,
    ``1月3日`` anchored on 2023-12-29 is 2024, but ``6月5日`` anchored on 2025-12-29
    stays 2025. A date the anchor's year lacks (2月29日) takes the nearest year that has it.
    """
    own = make_date(anchor.year, month, day)
    others = [make_date(y, month, day) for y in (anchor.year - 1, anchor.year + 1)]
    near = [d for d in others if d is not None and abs((d - anchor).days) <= TURN_DAYS]
    if own is not None:
        best = min(near, key=lambda d: abs((d - anchor).days), default=None)
        if best is not None and abs((best - anchor).days) < abs((own - anchor).days):
            return best.year
        return anchor.year
    valid = [d for d in others if d is not None]
    if not valid:
        return anchor.year
    return min(valid, key=lambda d: (abs((d - anchor).days), d)).year


def resolve_range(
    y1: int | None,
    m1: int | None,
    d1: int | None,
    y2: int | None,
    m2: int | None,
    d2: int | None,
    anchor: date | None,
) -> tuple[date, date] | None:
    """Resolve a written range to (start, end), inheriting missing parts.

    The end inherits the start's month (``9月11日至15日``; the next month when its
    day is smaller); a missing year comes
    from the other side or, failing that, from ``anchor`` via the end date; an
    end before the start rolls into the next year (``12月28日—1月3日``).
    Explicit years win. Missing days make a month range (``9月至10月``: the 1st to
    the last day). None when the range is impossible or runs backwards, or has no year and no
    ``anchor``.
    """
    if m2 is None and m1 is not None:
        m2 = m1 if d1 is None or d2 is None or d2 >= d1 else m1 % 12 + 1  # 9月28日至3日
    if m1 is None and m2 is not None and d1 is not None and d2 is not None:
        m1 = m2 if d1 <= d2 else (m2 - 2) % 12 + 1  # 28日至9月3日: the start is in August
    if m1 is None or m2 is None or not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    start_key, end_key = (m1, d1 or 1), (m2, d2 or 31)
    if y1 is None and y2 is None:
        if anchor is None:
            return None  # no year written and none known for the document
        y2 = infer_year(m2, d2 or 15, anchor)
    if y1 is None:
        assert y2 is not None
        y1 = y2 if start_key <= end_key else y2 - 1
    if y2 is None:
        y2 = y1 if end_key >= start_key else y1 + 1
    start = make_date(y1, m1, d1 or 1)
    end = make_date(y2, m2, d2 or _last_day(y2, m2))
    if start is None or end is None or end < start:
        return None
    return start, end


def parse_dotted(text: str) -> date | None:
    """``2023.9.8``, ``2023-09-08``, ``2023/9/8`` (full-width digits too) -> date; else None."""
    m = _DOTTED.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if not m:
        return None
    return make_date(int(m[1]), int(m[3]), int(m[4]))


def month_span(year: int, month: int) -> tuple[date, date] | None:
    """First and last day of a month (``2023年9月``); None for month 13."""
    if not 1 <= month <= 12:
        return None
    return date(year, month, 1), date(year, month, _last_day(year, month))


def event_label(text: str, anchor: date) -> date | None:
    """The date of an event label such as ``“8.21”`` or ``7·20``.

    An event is named after it happened, so the year is the latest one that
    puts the date on or before ``anchor``.
    """
    m = _EVENT.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if not m:
        return None
    month, day = int(m[1]), int(m[2])
    for year in (anchor.year, anchor.year - 1, anchor.year - 2, anchor.year - 3, anchor.year - 4):
        d = make_date(year, month, day)
        if d is not None and d <= anchor:
            return d
    return None


def resolve_relative(
    label: str,
    period_start: date | None,
    period_end: date | None,
    as_of: date | None = None,
) -> tuple[date | None, date | None]:
    """(start, end) of a relative label (see ``RELATIVE_LABELS``) for one issue.

    this_week / recent: the issue's period; last_week: the 7 days before it;
    ytd: 1 January of the as-of year to as-of; to_date: (period end, period end);
    this_month / last_month / this_year: calendar spans around the period end.
    ``as_of`` defaults to ``period_end``; unknown parts stay None.
    Raises ValueError for an unknown label.
    """
    as_of = as_of or period_end
    if label in ("this_week", "recent"):
        return period_start, period_end
    if label == "last_week":
        if period_start is None:
            return None, None
        return period_start - timedelta(days=7), period_start - timedelta(days=1)
    if label == "ytd":
        return (date(as_of.year, 1, 1), as_of) if as_of else (None, None)
    if label == "to_date":
        end = period_end or as_of
        return end, end
    ref = period_end or as_of
    if label in ("this_month", "last_month", "this_year"):
        if ref is None:
            return None, None
        if label == "this_year":
            return date(ref.year, 1, 1), date(ref.year, 12, 31)
        if label == "last_month":
            ref = ref.replace(day=1) - timedelta(days=1)
        span = month_span(ref.year, ref.month)
        assert span is not None
        return span
    raise ValueError(f"unknown relative date label {label!r}; allowed: {', '.join(RELATIVE_LABELS)}")


_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
PERIOD_KINDS = ("year", "year_end", "quarter", "half", "quarters_to", "months_to", "decade", "month_end",
                "month_range")
"""Calendar periods a date rule may name with ``set: {span: ...}``."""


_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_PART = regex.compile(r"[〇零○Ｏ一二三四五六七八九]{4}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]")


def cn_date_part(text: str) -> int | None:
    """A year, month or day written in Chinese numerals (二〇二三, 十二, 二十六, 三十一, 九); else None."""
    if not _CN_PART.fullmatch(text):
        return None
    if len(text) == 4 and "十" not in text:
        return int("".join(str(_CN_DIGIT[ch]) for ch in text))
    if "十" not in text:
        return _CN_DIGIT[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def small_number(text: str | None) -> int | None:
    """1–4 from ``一``…``四``/``两`` or digits (the number of a quarter); else None."""
    if not text:
        return None
    text = unicodedata.normalize("NFKC", text)
    if text.isdigit():
        return int(text)
    return _CN_DIGITS.get(text)


def period_span(kind: str, year: int, a: int | None = None, b: int | None = None) -> tuple[date, date] | None:
    """(first, last day) of a calendar period of ``year``; None when it does not exist.

    quarter ``a`` (一季度: 1), half ``a`` (上半年: 1, 下半年: 2), quarters_to ``a``
    (前三季度: 1 January to the end of quarter 3), decade of month ``a`` (上旬 ``b``=1:
    days 1–10, 中旬 2: 11–20, 下旬 3: 21–end), month_end of month ``a`` (9月底: one
    day), month_range ``a``–``b`` (1—9月: whole months), year (2025年全年), year_end (2024年末:
    one day).
    """
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "year_end":
        return date(year, 12, 31), date(year, 12, 31)
    if a is None:
        return None
    if kind == "quarter" and 1 <= a <= 4:
        return date(year, 3 * a - 2, 1), date(year, 3 * a, _last_day(year, 3 * a))
    if kind == "half" and a in (1, 2):
        return (date(year, 1, 1), date(year, 6, 30)) if a == 1 else (date(year, 7, 1), date(year, 12, 31))
    if kind == "quarters_to" and 1 <= a <= 4:
        return date(year, 1, 1), date(year, 3 * a, _last_day(year, 3 * a))
    if not 1 <= a <= 12:
        return None
    if kind == "decade" and b in (1, 2, 3):
        return date(year, a, 10 * b - 9), date(year, a, 10 * b if b < 3 else _last_day(year, a))
    if kind == "month_end":
        end = date(year, a, _last_day(year, a))
        return end, end
    if kind == "month_range" and b is not None and a <= b <= 12:
        return date(year, a, 1), date(year, b, _last_day(year, b))
    return None


def period_year(kind: str, anchor: date, a: int | None = None, b: int | None = None) -> int:
    """The year of a period written without one (一季度, 1—11月, 12月下旬), read at ``anchor``.

    The anchor's year, except at the turn of a year: a period that in the anchor's year
    would end more than a month after it, while in the previous year it ended within
    the last quarter, is the previous year's (四季度, 1—11月, 12月下旬 in the first
    issue of January); a period of at most a month that is over in the anchor's year
    and begins within 45 days in the next year is the next year's (1月上旬 in late
    December).
    """
    y = anchor.year
    this = period_span(kind, y, a, b)
    if this is None:
        return y
    prev, nxt = period_span(kind, y - 1, a, b), period_span(kind, y + 1, a, b)
    if prev and this[1] > anchor + timedelta(days=31) and prev[1] >= anchor - timedelta(days=92):
        return y - 1
    short = (this[1] - this[0]).days <= 31
    if nxt and short and this[1] < anchor and nxt[0] <= anchor + timedelta(days=45):
        return y + 1
    return y


def iso_week(year: int, week: int) -> tuple[date, date] | None:
    """Monday and Sunday of ISO week ``week`` of ``year`` (2025年第30周: 2025-07-21, 2025-07-27);
    None for a week the year lacks (第53周 of a 52-week year)."""
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return monday, monday + timedelta(days=6)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]
