"""Rows of the ``dates`` table from date candidates, anchored on the masthead."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import Candidate
from ..normalize.dates import infer_year, month_span, resolve_range, resolve_relative
from .context import DocContext, as_int, group


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


def resolve_candidate(c: Candidate, ctx: DocContext) -> tuple[date | None, date | None]:
    """(start, end) of a date candidate; (None, None) when it is not a real date."""
    issue = ctx.issue
    anchor = issue.anchor()
    kind = c.fields.get("kind", "point")
    y1, m1, d1 = (as_int(group(c, k)) for k in ("y1", "m1", "d1"))
    if kind == "relative":
        label = c.fields.get("relative", "")
        as_of = ctx.asof_near(c.start)
        return resolve_relative(label, issue.period_start, issue.period_end, as_of or issue.period_end)
    if c.fields.get("month_range"):
        m2 = as_int(group(c, "m2"))
        y = y1 or (anchor.year if anchor else issue.year)
        if y and m1 and m2 and m1 <= m2:
            return month_span(y, m1)[0], month_span(y, m2)[1]
        return None, None
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
        start, end = resolve_candidate(c, ctx)
        if start is None and end is None:
            continue
        kind = c.fields.get("kind", "point")
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
        used.append(c)
    return rows, used


def _section(ctx: DocContext, offset: int) -> str:
    s = ctx.sentence_at(offset)
    return s.section if s else ""
