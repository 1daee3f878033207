"""The masthead: title, publisher, issue numbers, the week covered, date, copies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import regex

from ..model import Candidate, CleanText
from ..normalize.dates import resolve_range
from ..normalize.numbers import parse_number
from ..rulebook import Rule
from .context import IssueDates, as_int, group
from .masthead_layout import (
    display_title,
    first_line_title,
    furniture_candidates,
    intro_year,
    join_fragments,
    line_above_title,
    tail_candidates,
    title_year,
    two_line_title,
)


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


def _month_period(y: int | None, month: str | None, quarter: str | None) -> tuple[date, date] | None:
    """The days of a month (3月) or quarter (二季度) of year ``y``."""
    if y is None:
        return None
    if month:
        m1 = m2 = int(month)
    else:
        q = "一二三四".find(quarter) + 1 if quarter and not quarter.isdigit() else int(quarter or 0)
        m1, m2 = 3 * q - 2, 3 * q
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    end = date(y + (m2 == 12), m2 % 12 + 1, 1) - timedelta(days=1)
    return date(y, m1, 1), end


_MONTHLY = regex.compile(r"月报|月刊")
_PERIODICAL = regex.compile(r"周报|月报|旬报|日报|简报|快报|专报|要情|动态|信息|通讯|季报|要报")
# genres named by the year they cover, printed the year after (a 工作报告 is named by its session)
_ANNUAL = regex.compile(r"公报|年报|年度报告|预算|决算|年鉴|白皮书|规划|纲要")


def _fill(fields: dict[str, Any], c: Candidate, names: tuple[str, ...]) -> bool:
    """Fill the empty ``names`` fields from ``c``'s groups; True when one was filled."""
    got = False
    for name in names:
        value = group(c, name)
        if value is not None and name not in fields:
            fields[name] = _to_int(value) if name in _INT_FIELDS else value
            got = True
    return got


def build_masthead(
    cands: list[Candidate], header_end: int, defaults: dict[str, Any] | None = None,
    clean: CleanText | None = None, rules: Sequence[Rule] = (),
) -> tuple[dict[str, Any], MastheadIssue, list[Candidate]]:
    """Fill the documents-row fields from masthead candidates (first match of each field wins).

    Only candidates before ``header_end`` count, except copies printed and a rule marked
    ``anywhere`` (a weekly's week in its first pages, when the masthead gives none). With the
    cleaned text and the masthead ``rules``, also: fields split over two lines, the title in the
    first page's largest font or on the first line, the 落款 at the end, the running heads (see
    masthead_layout.py). Returns the fields, the issue's dates, and the candidates used (their
    spans are claimed).
    """
    if clean is not None and rules:
        cands = join_fragments(cands, clean, header_end, rules)
    fields: dict[str, Any] = {}
    used: list[Candidate] = []
    period: Candidate | None = None
    month: Candidate | None = None
    late: list[Candidate] = []
    monthly: list[Candidate] = []  # YYYY年M月 lines: the period of a 月报 only
    session = False  # the publication date is the day a report was delivered at a session
    # a rule marked weak (成文日期) fills only what the others leave empty
    for c in sorted(cands, key=lambda c: (bool(c.fields.get("weak")), c.start)):
        if c.start >= header_end:
            if _fill(fields, c, tuple(_ANYWHERE)):
                used.append(c)
            elif c.fields.get("anywhere") and group(c, "d1"):
                late.append(c)
            continue
        got = _fill(fields, c, _TEXT_FIELDS + _INT_FIELDS)
        if group(c, "wy") and "year" not in fields:
            fields["year"], got = int(group(c, "wy") or 0), True
        if group(c, "y") and _date_field(fields, c):
            got, session = True, bool(c.fields.get("names_year"))
        if group(c, "d1") and period is None:
            period, got = c, True
        if (group(c, "pm") or group(c, "pq")) and period is None and month is None and not c.fields.get("monthly"):
            month, got = c, True
        elif c.fields.get("monthly"):
            monthly.append(c)
        if got:
            used.append(c)
    if clean is not None:
        _from_layout(fields, used, cands, clean, header_end, rules)
    for k, v in (defaults or {}).items():
        fields.setdefault(k, v)
    title = fields.get("title") or ""
    if period is None and month is None and monthly and _MONTHLY.search(title):
        month = monthly[0]
        used.append(month)
    periodical = bool(fields.get("issue_no") or fields.get("issue_total") or period or month
                      or _PERIODICAL.search(title))
    if period is None and month is None and late and periodical:
        period = late[0]
        used.append(period)
        if "year" not in fields and group(period, "wy"):
            fields["year"] = int(group(period, "wy") or 0)
    if "year" not in fields and title and title_year(title):
        fields["year"] = title_year(title)
    issue = MastheadIssue(year=fields.get("year"), published=fields.get("published"),
                          publisher=fields.get("publisher") or None)
    span = None
    if period is not None:
        span = resolve_range(
            as_int(group(period, "y1")), as_int(group(period, "m1")), as_int(group(period, "d1")),
            as_int(group(period, "y2")), as_int(group(period, "m2")), as_int(group(period, "d2")),
            _anchor(issue, fields.get("issue_no")),
        )
    elif month is not None:
        y = as_int(group(month, "py")) or issue.year or (issue.published.year if issue.published else None)
        span = _month_period(y, group(month, "pm"), group(month, "pq"))
    if span:
        issue.period_start, issue.period_end = span
    for k in ("period_start", "period_end"):
        if k in fields and isinstance(fields[k], date):
            setattr(issue, k, fields[k])
    fields["period_start"], fields["period_end"] = issue.period_start, issue.period_end
    if issue.year is None:
        issue.year = _covered_year(issue, fields.get("issue_no"), periodical or session or not _ANNUAL.search(title),
                                   intro_year(clean, header_end) if clean is not None else None)
        if issue.year is not None:
            fields["year"] = issue.year
    return fields, issue, used


def _covered_year(issue: IssueDates, issue_no: int | None, dated_by_issue: bool, intro: int | None) -> int | None:
    """The year of a document whose title and issue line name none: its period's (a late issue
    number keeps the year the period starts in: 第52期, 12月30日—1月3日), else the year its opening
    sentence names (2023年，…), else, for a periodical, the year it was published in."""
    if issue.period_end and issue.period_start:
        late = issue_no is not None and issue_no > 26
        return issue.period_start.year if late else issue.period_end.year
    if intro is not None and (issue.published is None or intro <= issue.published.year):
        return intro
    if issue.published and dated_by_issue:
        return issue.published.year
    return None


def _from_layout(fields: dict[str, Any], used: list[Candidate], cands: list[Candidate], clean: CleanText,
                 header_end: int, rules: Sequence[Rule]) -> None:
    """Fields the header lines did not give, read where the layout puts them (masthead_layout.py)."""
    shown = display_title(clean, header_end)
    ruled = next((c for c in used if "title" in c.groups), None)
    if shown and (ruled is None or shown[0] <= ruled.start < shown[1]):
        fields["title"] = line_above_title(shown[2], shown[0], cands, clean) or shown[2]
    elif ruled is not None and fields.get("title") == group(ruled, "title"):
        fields["title"] = two_line_title(ruled, cands, clean) or fields["title"]
    if "publisher" not in fields or "published" not in fields:
        for c in tail_candidates(cands, clean):
            if _fill(fields, c, ("publisher",)) | _date_field(fields, c):
                used.append(c)
    for c in furniture_candidates(clean, rules):
        _fill(fields, c, ("title", "issue_no", "issue_total", "year"))
    if "title" not in fields:
        first = first_line_title(clean, header_end, cands)
        if first:
            fields["title"] = first[2]


def _date_field(fields: dict[str, Any], c: Candidate) -> bool:
    """Fill ``published`` from ``c``'s y/m/d groups when it is empty; True when it was filled."""
    if "published" in fields:
        return False
    pub = _safe_date(as_int(group(c, "y")), as_int(group(c, "m")), as_int(group(c, "d")))
    if pub:
        fields["published"] = pub
    return pub is not None
