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
    """The year that puts month/day closest to ``anchor`` (ties go to the earlier date).

    ``12月27日`` anchored on 2024-01-05 is 2023; ``1月3日`` anchored on 2023-12-29
    is 2024. For a month/day that exists in no year, the anchor's year.
    """
    candidates = [make_date(y, month, day) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    valid = [d for d in candidates if d is not None]
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
    anchor: date,
) -> tuple[date, date] | None:
    """Resolve a written range to (start, end), inheriting missing parts.

    The end inherits the start's month (``9月11日至15日``; the next month when its
    day is smaller); a missing year comes
    from the other side or, failing that, from ``anchor`` via the end date; an
    end before the start rolls into the next year (``12月28日—1月3日``).
    Explicit years win. Missing days make a month range (``9月至10月``: the 1st to
    the last day). None when the range is impossible or runs backwards.
    """
    if m2 is None and m1 is not None:
        m2 = m1 if d1 is None or d2 is None or d2 >= d1 else m1 % 12 + 1  # 9月28日至3日
    if m1 is None and m2 is not None and d1 is not None and d2 is not None:
        m1 = m2 if d1 <= d2 else (m2 - 2) % 12 + 1  # 28日至9月3日: the start is in August
    if m1 is None or m2 is None or not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    start_key, end_key = (m1, d1 or 1), (m2, d2 or 31)
    if y1 is None and y2 is None:
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


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]
