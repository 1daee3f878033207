"""The masthead: title, publisher, issue numbers, the week covered, date, copies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..model import Candidate
from ..normalize.dates import resolve_range
from ..normalize.numbers import parse_number
from .context import IssueDates, as_int, group


@dataclass
class MastheadIssue(IssueDates):
    """The issue's dates plus the publisher its masthead prints (as written), which names the
    publisher's short forms in the text (省中心 in a 2018 issue is the centre of 2018)."""

    publisher: str | None = None


# Fields a masthead rule may fill, and the group names that carry them.
_TEXT_FIELDS = ("title", "publisher")
_INT_FIELDS = ("year", "issue_no", "issue_total", "copies_printed")
_ANYWHERE = {"copies_printed"}


def _safe_date(y: int | None, m: int | None, d: int | None) -> date | None:
    try:
        return date(y, m, d) if y and m and d else None
    except ValueError:
        return None


def _to_int(value: str) -> int | None:
    """Digits or Chinese numerals (第五十二期) as an int."""
    n = as_int(value)
    if n is None:
        parsed = parse_number(value)
        n = int(parsed.value) if parsed is not None and float(parsed.value).is_integer() else None
    return n


def _anchor(issue: IssueDates, issue_no: int | None) -> date | None:
    """Where the covered week should lie: the publication date, else an estimate from
    the year and a weekly issue number (issue 1 is early January), else mid-year."""
    if issue.published:
        return issue.published
    if issue.year and issue_no and 1 <= issue_no <= 53:
        return date(issue.year, 1, 1) + timedelta(days=7 * (issue_no - 1) + 3)
    return date(issue.year, 7, 1) if issue.year else None


def build_masthead(
    cands: list[Candidate], header_end: int, defaults: dict[str, Any] | None = None
) -> tuple[dict[str, Any], MastheadIssue, list[Candidate]]:
    """Fill the documents-row fields from masthead candidates (first match of each field wins).

    Only candidates before ``header_end`` count, except copies printed. Returns the fields,
    the issue's dates, and the candidates used (their spans are claimed).
    """
    fields: dict[str, Any] = {}
    used: list[Candidate] = []
    period: Candidate | None = None
    for c in sorted(cands, key=lambda c: c.start):
        got = False
        for name in _TEXT_FIELDS + _INT_FIELDS:
            value = group(c, name)
            if value is None or name in fields:
                continue
            if c.start >= header_end and name not in _ANYWHERE:
                continue
            fields[name] = _to_int(value) if name in _INT_FIELDS else value
            got = True
        if c.start < header_end and group(c, "y") and "published" not in fields:
            pub = _safe_date(as_int(group(c, "y")), as_int(group(c, "m")), as_int(group(c, "d")))
            if pub:
                fields["published"] = pub
                got = True
        if c.start < header_end and group(c, "d1") and period is None:
            period, got = c, True
        if got:
            used.append(c)
    for k, v in (defaults or {}).items():
        fields.setdefault(k, v)
    issue = MastheadIssue(year=fields.get("year"), published=fields.get("published"),
                          publisher=fields.get("publisher") or None)
    if issue.year is None and issue.published:
        issue.year = issue.published.year  # the bulletin's year is its publication year
        fields["year"] = issue.year
    if period is not None:
        span = resolve_range(
            as_int(group(period, "y1")), as_int(group(period, "m1")), as_int(group(period, "d1")),
            as_int(group(period, "y2")), as_int(group(period, "m2")), as_int(group(period, "d2")),
            _anchor(issue, fields.get("issue_no")),
        )
        if span:
            issue.period_start, issue.period_end = span
    for k in ("period_start", "period_end"):
        if k in fields and isinstance(fields[k], date):
            setattr(issue, k, fields[k])
    fields["period_start"], fields["period_end"] = issue.period_start, issue.period_end
    if issue.year is None and issue.period_end:
        issue.year = issue.period_end.year
    return fields, issue, used

