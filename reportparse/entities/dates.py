"""Rows of the ``dates`` table from date candidates, anchored on the masthead."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import regex

from ..model import Candidate
from ..normalize.dates import (
    cn_date_part,
    infer_year,
    iso_week,
    month_span,
    period_span,
    period_year,
    resolve_range,
    resolve_relative,
    small_number,
)
from .context import DocContext, IssueDates, as_int, group


def _point(y: int | None, m: int | None, d: int | None, anchor: date | None, year: int | None) -> date | None:
    if not (m and d):
        return None
    if y is None:
        y = infer_year(m, d, anchor) if anchor else year
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def read_anchor(issue: IssueDates) -> date | None:
    """The date a year-less date is read against. An annual report (a year, no period) published
    after that year (a 2023 统计公报 out in April 2024) covers the year: its 12月份, 1—6月, 一季度
    are that year's, so the anchor is its 31 December; else the issue's anchor (period end, else
    publication)."""
    if issue.period_end is None and issue.year and issue.published and issue.published.year > issue.year:
        return date(issue.year, 12, 31)
    return issue.anchor()


def resolve_candidate(c: Candidate, ctx: DocContext) -> tuple[date | None, date | None]:
    """(start, end) of a date candidate; (None, None) when it is not a real date."""
    issue = ctx.issue
    anchor = read_anchor(issue)
    kind = c.fields.get("kind", "point")
    y1, m1, d1 = (as_int(group(c, k)) for k in ("y1", "m1", "d1"))
    if kind == "relative":
        label = c.fields.get("relative", "")
        as_of = ctx.asof_near(c.start)
        if label == "since":
            return _since(c, y1, m1, d1, as_of or issue.period_end, anchor)
        start, end = resolve_relative(label, issue.period_start, issue.period_end, as_of or issue.period_end)
        if label == "ytd" and y1 and start is not None and end is not None and y1 <= end.year:
            start = date(y1, 1, 1)  # 2021年以来: since the year written
        return start, end
    if c.fields.get("month_range"):
        y2, m2 = as_int(group(c, "y2")), as_int(group(c, "m2"))
        if y2 and m1 and m2 and 1 <= m1 <= 12 and 1 <= m2 <= 12:
            y1 = y1 or (y2 if m1 <= m2 else y2 - 1)  # 11月至2025年2月: the November before
            if (y1, m1) > (y2, m2):
                return None, None
            return month_span(y1, m1)[0], month_span(y2, m2)[1]  # 2025年1月至2026年4月
        return _period(c, "month_range", m1, m2, y1, ctx)
    span = c.fields.get("span")
    if span == "week":
        return _weeks(y1, as_int(group(c, "w")), as_int(group(c, "w2")), anchor)
    if span == "years":
        return _years(y1, as_int(group(c, "y2")))
    if span:
        a, b = _period_parts(c, span, m1)
        return _period(c, "month_range" if span in ("month", "months_to") else span, a, b, y1, ctx)
    if c.fields.get("month"):
        if y1 and m1 and 1 <= m1 <= 12:
            return month_span(y1, m1)
        return None, None
    if kind == "range" and group(c, "d2"):
        span = resolve_range(
            y1, m1, d1, as_int(group(c, "y2")), as_int(group(c, "m2")), as_int(group(c, "d2")),
            anchor if anchor else (date(issue.year, 7, 1) if issue.year else None),
        )
        return span if span else (None, None)
    d = _point(y1, m1, d1, anchor, issue.year)
    return d, d


def _weeks(
    year: int | None, first: int | None, last: int | None, anchor: date | None
) -> tuple[date | None, date | None]:
    """2025年第30周: its ISO week; 2025年第14-30周: the first's Monday to the last's Sunday.
    Without a year, the week of the year before, of or after the anchor's nearest it (第52周 in an
    issue of early January is last year's)."""
    if not first or (last and last < first):
        return None, None
    if year is None and anchor is not None:
        spans = [s for y in (anchor.year, anchor.year - 1, anchor.year + 1) if (s := iso_week(y, first))]
        span = min(spans, key=lambda s: _distance(s, anchor), default=None)
    else:
        span = iso_week(year, first) if year else None
    if span is None:
        return None, None
    if not last:
        return span
    end = iso_week(span[0].isocalendar()[0], last)
    return (span[0], end[1]) if end else (None, None)


def _years(y1: int | None, y2: int | None) -> tuple[date | None, date | None]:
    """2016—2020年: 1 January of the first year to 31 December of the last (up to a century)."""
    if y1 and y2 and 0 < y2 - y1 <= 100:
        return date(y1, 1, 1), date(y2, 12, 31)
    return None, None


def _since(
    c: Candidate, y: int | None, m: int | None, d: int | None, as_of: date | None, anchor: date | None
) -> tuple[date | None, date | None]:
    """自2024年10月起 / 2025年10月以来: from that month's first (or the day written) to the as-of
    date. Without a year, 以来 looks back (the latest such day not after the issue), 起 takes the
    nearest year; a start after the as-of date (自12月起推行, a plan) stays the whole month."""
    if not m or not 1 <= m <= 12 or as_of is None:
        return None, None
    if y is None:
        ref = anchor or as_of
        y = infer_year(m, d or 1, ref)
        if c.text.endswith("以来") and date(y, m, 1) > ref:
            y -= 1
    start = _point(y, m, d or 1, None, None)
    if start is None:
        return None, None
    return (start, as_of) if start <= as_of else month_span(y, m)


_DECADES = {"上": 1, "中": 2, "下": 3}
_PREV_YEAR = ("去年", "上年", "上一年")


def _period_parts(c: Candidate, span: str, m1: int | None) -> tuple[int | None, int | None]:
    """The numbers ``period_span`` reads for a ``span:`` rule's match."""
    if span in ("quarter", "quarters_to"):
        return small_number(group(c, "q")), None
    if span == "months_to":  # 前8个月: January to the end of month 8
        n = group(c, "n") or ""
        return 1, int(n) if n.isdigit() else cn_date_part(n.replace("两", "二"))
    if span == "half":
        return {"上": 1, "下": 2}.get((group(c, "h") or "")[:1]), None
    if span == "decade":
        return m1, _DECADES.get((group(c, "part") or "")[:1])
    if span == "month":
        return m1, m1
    if span in ("year", "year_end"):
        return 1, None
    return m1, None


def _period(
    c: Candidate, kind: str, a: int | None, b: int | None, y: int | None, ctx: DocContext
) -> tuple[date | None, date | None]:
    """(first, last day) of a calendar period; its year written, relative (去年) or inferred."""
    anchor = read_anchor(ctx.issue)
    if y is None and anchor is not None:
        yrel = group(c, "yrel")
        if yrel:
            y = anchor.year - 1 if yrel in _PREV_YEAR else anchor.year
        elif ctx.issue.period_end is None and ctx.issue.published is None:
            y = anchor.year  # only the year is known (a title's 2024年8月…): its periods are that year's
        else:
            y = period_year(kind, anchor, a, b)
            this = period_span(kind, y, a, b)
            if c.fields.get("asof") and this and this[1] > anchor + timedelta(days=31):
                y -= 1  # an as-of date is past: 截至9月底 in January's first issue is last year's
            elif this and this[1] > anchor and _is_base(ctx, c):
                y -= 1  # a comparison base is over: 比四季度 in an April issue is last year's
    if y is None:
        return None, None
    span = period_span(kind, y, a, b)
    return span if span else (None, None)


def build_dates(cands: list[Candidate], ctx: DocContext) -> tuple[list[dict[str, Any]], list[Candidate]]:
    """Date rows, and the candidates that made a row (their spans are claimed)."""
    rows: list[dict[str, Any]] = []
    used: list[Candidate] = []
    for c in cands:
        if c.fields.get("asof"):
            start, _ = resolve_candidate(c, ctx)
            sent = ctx.sentence_at(c.start)
            if start and sent:
                ctx.asofs.setdefault(sent.id, start)
    for c in cands:
        spans = [s for s in _spans(c, ctx) if s != (None, None)]
        named = _month_named_before(c, rows, ctx) if c.text.startswith("当月") else None
        spans = [named] if named else spans
        kind = c.fields.get("kind", "point")
        for start, end in spans:
            if (kind == "range" or c.fields.get("relative") == "since") and start and end and not _is_base(ctx, c) \
                    and c.fields.get("figure_period", True):
                ctx.periods.append((c.start, c.end, start, end))  # what a scope cue written there covers
            rows.append(
                {
                    **ctx.provenance(c.start, c.end, c.rule),
                    "text": c.text,
                    "start": start,
                    "end": end,
                    "kind": "point" if kind == "asof" else kind,
                    "section": _section(ctx, c.start),
                }
            )
        if spans:
            used.append(c)
    return rows, used


def _month_named_before(c: Candidate, rows: list[dict[str, Any]], ctx: DocContext) -> tuple[date, date] | None:
    """2月份，全省…。受当月工作日较少影响: 当月 is the whole month last named before it in its
    paragraph, if any."""
    for row in reversed(rows):
        start, end = row["start"], row["end"]
        if row["char_end"] > c.start:
            continue
        if "\n" in ctx.text[row["char_start"] : c.start]:
            return None
        if row["kind"] == "range" and start and end and (start.year, start.month) == (end.year, end.month) and (
                start, end) == month_span(end.year, end.month):
            return start, end
    return None


_QUARTER_ITEM = regex.compile(r"第?([一二三四1-4１-４])\s*([、，,和及与]|至|到|[—–\-~～])?")


def _spans(c: Candidate, ctx: DocContext) -> list[tuple[date | None, date | None]]:
    """The (start, end) rows of a date candidate: one, except for a list of quarters, one row per
    run of consecutive quarters (三、四季度: July–December; 一、三季度: two rows); a range of
    quarters (二至四季度) is one row."""
    span = resolve_candidate(c, ctx)
    head = group(c, "ql")
    last = small_number(group(c, "q"))
    if not head or span[1] is None or last is None:
        return [span]
    items = [(small_number(n), j) for n, j in _QUARTER_ITEM.findall(head)]
    if any(n is None for n, _ in items):
        return [span]
    nums = sorted({n for n, _ in items if n} | {last})
    year = span[1].year
    anchor = read_anchor(ctx.issue)
    if not (group(c, "y1") or group(c, "yrel")) and anchor is not None:
        year = min((anchor.year, anchor.year - 1), key=lambda y: _distance(_quarters(y, nums[0], nums[-1]), anchor))
    if any(j and j not in "、，,和及与" for _, j in items):  # 二至四季度: from the first to the last
        first = items[0][0]
        return [_quarters(year, first, last)] if first and first < last else []
    runs: list[list[int]] = []
    for n in nums:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return [_quarters(year, r[0], r[-1]) for r in runs]


def _distance(span: tuple[date, date], day: date) -> int:
    """Days from ``day`` to a span (0 inside it): which year a list of quarters is nearest in."""
    return max((span[0] - day).days, (day - span[1]).days, 0)


def _quarters(year: int, first: int, last: int) -> tuple[date, date]:
    """First day of quarter ``first`` to the last day of quarter ``last`` of ``year``."""
    a, b = period_span("quarter", year, first), period_span("quarter", year, last)
    assert a is not None and b is not None
    return a[0], b[1]


_BASE_BEFORE = regex.compile(r"(?:较|比|与|同|相[比较]于?|对比|[高低多少]于)\s*$")


def _is_base(ctx: DocContext, c: Candidate) -> bool:
    """True for a period written as a comparison base (较二季度增长6.3%, 比3月份提高, 与上半年相比,
    高于上半年):
    a row of its own, but not the period of the figures after it."""
    return bool(_BASE_BEFORE.search(ctx.text[max(0, c.start - 4) : c.start]))


def _section(ctx: DocContext, offset: int) -> str:
    s = ctx.sentence_at(offset)
    return s.section if s else ""
