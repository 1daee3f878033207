"""A figure's scope and period: the cue that sets them, and what a cue reaches.

Scope comes from the rule (``set: {scope: change}``), from a cue right after the figure
(a bracket or a clause summing up its list: （均为今年以来累计）), or from the nearest scope
cue before it in its sentence, so a cue shared by a list carries to every item (本周，共计咨询
3101 人次、受理 425 件…). A clause cue (新增, 新上线; 累计 after another cue) reaches its clause
only. A sentence opening with 其中 or 同期 carries the scope the sentence before it ended with; so does any
later sentence of a paragraph, for a week or running-total scope. The period is the issue's week,
1 January (of the cue's year: 2022年以来) to the as-of date, or the range date row (一季度, 1—11月,
2025年全年) that the cue sits on; a change after a year-to-date cue covers that cue's period.
Figures under a heading of planned work (下周工作安排) are dropped (``in_plan_section``).
"""

from __future__ import annotations

from datetime import date

import regex

from ..model import Candidate, Sentence
from ..normalize.dates import month_span
from .context import DocContext, alternation, as_int, group, starting_in


def _clause_break(text: str, start: int, end: int) -> bool:
    """True when a comma or semicolon outside brackets lies in ``text[start:end]``."""
    depth = 0
    for ch in text[start:end]:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "，,；;":
            return True
    return False


def figure_scope(c: Candidate, cues: list[Candidate], ctx: DocContext) -> tuple[str, Candidate | None]:
    """The figure's scope, and the cue it came from (None for a rule's own scope or none;
    the latest cue of that scope naming a year, if any). A year before the issue's with 以来
    (2021年以来 in a 2026 issue) is a running total since that year (cumulative), not a year to date."""
    scope, cue = _figure_scope(c, cues, ctx)
    if scope == "ytd" and _since_earlier_year(cue, ctx):
        return "cumulative", cue
    return scope, cue


def _bounds_total(row: tuple[date, date]) -> bool:
    """A range written before a figure makes it a total over that range: a period not from
    1 January (四季度, 12月份) or across years, but not a run of whole years (2016—2020年, a plan
    period: 累计 there is the running total of those years)."""
    start, end = row
    if (start.month, start.day) != (1, 1):
        return True
    return start.year != end.year and (end.month, end.day) != (12, 31)


def _since_earlier_year(cue: Candidate | None, ctx: DocContext) -> bool:
    """True for a cue YYYY年以来 whose year is before the issue's (its year, else its week's end)."""
    year = as_int(group(cue, "year")) if cue is not None else None
    ref = ctx.issue.year or (ctx.issue.period_end.year if ctx.issue.period_end else None)
    return bool(cue is not None and year and ref and year < ref and cue.text.endswith("以来"))


def _figure_scope(c: Candidate, cues: list[Candidate], ctx: DocContext) -> tuple[str, Candidate | None]:
    """figure_scope before a past year's 以来 is told from a year to date."""
    if "scope" in c.fields:
        scope = str(c.fields["scope"])
        return scope, _ytd_cue(c, cues, ctx) if scope == "change" else None
    if "intro" in c.fields:  # a row of a table-like list: the scope its intro ends with
        lo, hi = intro_sentence(c, ctx)
        seen = _cues_before(ctx, cues, lo, hi)
        head = ctx.sentence_at(lo)
        return seen[-1] if seen else _scope_carried(head, cues, ctx) if head else ("other", None)
    post = _cue_after(c, cues, ctx)
    if post is not None:
        return str(post.fields.get("scope", "other")), post
    sent = ctx.sentence_at(c.start)
    lo = sent.start if sent else 0
    seen = _cues_before(ctx, cues, lo, c.groups["value"][1])
    scope, cue = seen[-1] if seen else ("other", None)
    if cue is not None and cue.fields.get("yields_to") == "ytd" and scope != "ytd" and len(seen) == 1:
        # 累计 alone in its sentence: year-to-date when its paragraph opens with a ytd cue
        if _paragraph_opens_ytd(ctx, lo, cues):
            return "ytd", cue
    if scope != "change" and (cue is None or cue.fields.get("yields_to")):
        # 四季度，综窗累计办结… / 12月份，综窗受理…: a period not from 1 January, written before
        # the figure and read by no cue, bounds it (a total over that period, not a running one)
        after = max((q.end for _, q in seen if not q.fields.get("yields_to")), default=lo)
        row = _range_before(ctx, c, after)
        if row is not None and _bounds_total(row):
            return "other", None
    if not seen and sent is not None and c.fields.get("lines"):
        intro = _lines_intro(sent, ctx)
        if intro is not None:
            got = _cues_before(ctx, cues, intro[0].start, intro[1])
            return got[-1] if got else _scope_carried(intro[0], cues, ctx)
    if not seen:
        return _scope_carried(sent, cues, ctx, c) if sent is not None else ("other", None)
    # 2025年全年，综窗累计… / 一季度，综窗累计…: the year or period of an earlier cue of the
    # same scope still holds
    dated = [q for s, q in seen if s == scope and (q.groups.get("year") or ctx.period_at(q.start, q.end))]
    return scope, dated[-1] if dated else cue


def caption_scope(ctx: DocContext, cues: list[Candidate], span: tuple[int, int]) -> tuple[str, Candidate | None]:
    """(scope, cue) of the last scope cue written in a table's caption ``span``; ("other", None)."""
    seen = _cues_before(ctx, cues, span[0], span[1])
    return seen[-1] if seen else ("other", None)


def _ytd_cue(c: Candidate, cues: list[Candidate], ctx: DocContext) -> Candidate | None:
    """The year-to-date cue a change figure follows in its sentence (2023年以来，综窗累计受理13110件，
    受理量较上年同期增长7.4%): the change covers that cue's period. None when the nearest cue is
    of another scope (…；本周受理400件，环比下降2%)."""
    sent = ctx.sentence_at(c.start)
    if sent is None:
        return None
    seen = _cues_before(ctx, cues, sent.start, c.groups["value"][1])
    if not seen:
        return _ytd_before(sent, c, cues, ctx)
    if seen[-1][0] != "ytd":
        return None
    dated = [q for s, q in seen if s == "ytd" and (q.groups.get("year") or ctx.period_at(q.start, q.end))]
    return dated[-1] if dated else seen[-1][1]


_YEAR_ON_YEAR = ("同期", "同比")


def _ytd_before(sent: Sentence, c: Candidate, cues: list[Candidate], ctx: DocContext) -> Candidate | None:
    """The year-to-date cue of the sentence before, in the same paragraph, for a change with no
    cue of its own that opens with 同期 or compares with the same period (1—2月，…受理4.86万件。
    受理量较去年同期下降27.5%: over January–February); None otherwise."""
    if sent.id == 0 or not (_opens_with(sent, _CARRY_WORDS)
                            or any(w in ctx.text[sent.start : c.end] for w in _YEAR_ON_YEAR)):
        return None
    prev = ctx.sentences[sent.id - 1]
    if prev.section != sent.section or "\n" in ctx.text[prev.start : sent.start]:
        return None
    seen = _cues_before(ctx, cues, prev.start, prev.end)
    if not seen or seen[-1][0] != "ytd":
        return None
    dated = [q for s, q in seen if s == "ytd" and (q.groups.get("year") or ctx.period_at(q.start, q.end))]
    return dated[-1] if dated else seen[-1][1]


def _cues_before(ctx: DocContext, cues: list[Candidate], lo: int, value_start: int) -> list[tuple[str, Candidate]]:
    """(scope, cue) of the scope cues that reach a number at ``value_start`` from ``lo`` (its
    sentence's start), in text order."""
    seen: list[tuple[str, Candidate]] = []
    text = ctx.text
    for q in starting_in(cues, lo, value_start):
        if q.end <= value_start:
            inside = text.count("（", lo, q.start) + text.count("(", lo, q.start) > text.count(
                "）", lo, q.start) + text.count(")", lo, q.start)
            if inside and any(b in text[q.end:value_start] for b in "）)"):
                continue  # a cue inside brackets does not carry out of them
            if _clause_only(q, bool(seen)) and _clause_break(text, q.end, value_start):
                continue  # a clause cue (新增, 减少) reaches only the figures of its own clause
            scope = str(q.fields.get("scope", "other"))
            # a cue that yields (累计) keeps the cue before it when that is of the scope it yields
            # to (截至目前，累计… stays cumulative; 截至2月10日，今年…累计… is ytd)
            yields = q.fields.get("yields_to")
            keeps = seen and seen[-1][0] == yields and not _new_subject(text, seen[-1][1].end, q.start)
            if yields and seen and seen[-1][0] == "week" and _WEEK_TOTAL.fullmatch(text, seen[-1][1].end, q.start):
                seen.append(("week", q))  # 本周累计…, 本周综窗累计…: the week's total, no running one
            else:
                seen.append((yields, q) if keeps else (scope, q))
    return seen


# what may stand between a week cue and 累计 for the total to be the week's: a few Han characters
# (本周累计, 本期综窗累计), no punctuation (本周，…，累计上线210项 is a running total)
_WEEK_TOTAL = regex.compile(r"\p{Han}{0,6}")


_SUBJECT_AFTER_SEMICOLON = regex.compile(r"[；;]\s*(?:其中)?[，,]?\s*(?P<subject>\p{Han}{2,})\s*$")


def _new_subject(text: str, start: int, cue_start: int) -> bool:
    """True when a new subject stands between a semicolon and a running-total cue after an
    earlier cue (今年以来调用31万余次；全省电子证照库累计调用1.24亿次: the library's running
    total, not this year's); a bare 累计 after the semicolon (今年以来，…；累计办结…) goes on with
    the earlier cue."""
    return _SUBJECT_AFTER_SEMICOLON.search(text, start, cue_start) is not None


def _clause_only(q: Candidate, after_cue: bool) -> bool:
    """True when a cue reaches only its own clause: 新增 always (``clause: true``), 累计 when
    another cue of its sentence comes before it (``clause: after-cue``)."""
    clause = q.fields.get("clause")
    return clause == "after-cue" and after_cue if isinstance(clause, str) else bool(clause)


_LIST_MARK = regex.compile(r"^\s*(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)])?\s*")


def _opens_with(sent: Sentence, words: tuple[str, ...]) -> bool:
    """True when a sentence (past its list marker: 2.其中…) opens with one of ``words``."""
    return sent.text[_LIST_MARK.match(sent.text).end() :].startswith(words)


# a sentence opening with one of these goes on with the period of the sentence before it
# (…受理1856件。其中，网上办理1342件 / 1—4月，…。同期，交易平台成交金额…)
_CARRY_WORDS = ("其中", "同期", "同一时期")
_CLAUSE_BREAK = regex.compile(r"[，,；;]")
# a sentence opening with one of these sums up the list above it (上述5个窗口合计受理188件): it
# goes on with the scope that list stands under, back across the list's lines to its intro
_SUMMARY_WORDS = ("上述", "以上")
# the scopes a paragraph carries to its next sentences: the week's work goes on (对已办结工单回访…),
# a running total's levels too; after year-to-date statistics a sentence states a level of its own
# (全省网上可办率98.6%), no total since 1 January
_PARAGRAPH_SCOPES = ("week", "cumulative")


def _scope_carried(sent: Sentence, cues: list[Candidate], ctx: DocContext,
                   c: Candidate | None = None) -> tuple[str, Candidate | None]:
    """The scope a sentence with no cue of its own takes from the sentence before it: the scope
    that sentence ended with, when it opens with 其中 (本周，…受理1856件。其中，网上办理1342件:
    week) or stands in the same paragraph (本周，…办结率98.1%。对已办结工单回访3200件: week; only a
    week or running-total scope carries so, see ``_PARAGRAPH_SCOPES``). A
    cue that reaches only its clause (新增, 累计 after 本周) does not carry past its sentence; a
    sentence that passes no scope on (a cue-less one, or 新增… alone) hands on the one before it.
    A sentence opening with 上述/以上 sums up the list above it and takes its scope across
    paragraphs (the list's lines, up to its intro: 本周受理量居前的窗口如下：… 上述5个窗口合计…).
    The first sentence of a paragraph, and a figure after a date range of its own sentence
    (今年3月，…), take none: ``other``."""
    qizhong = _opens_with(sent, _CARRY_WORDS)
    if not qizhong and c is not None and _range_before(ctx, c) is not None:
        return "other", None
    summary = _opens_with(sent, _SUMMARY_WORDS)
    i = sent.id
    while i > 0:
        cur, prev = ctx.sentences[i], ctx.sentences[i - 1]
        if prev.section != sent.section:
            break
        chained = summary or _opens_with(cur, _CARRY_WORDS)
        if not chained and "\n" in ctx.text[prev.start : cur.start]:
            break  # the first sentence of its paragraph
        seen = _cues_before(ctx, cues, prev.start, prev.end)
        if chained:  # a change after the level its sentence opens with (…2401.17万人，比上年末减少4.83万人。
            # 其中，城镇人口…): the parts are of the level; a sentence that opens with its change (新增…) passes it on
            seen = [(s, q) for s, q in seen if not (_clause_only(q, True) and _CLAUSE_BREAK.search(
                ctx.text, prev.start, q.start))]
        if not chained:
            seen = [(s, q) for s, q in seen if not _clause_only(q, True)]
            if seen and seen[-1][0] not in _PARAGRAPH_SCOPES:
                return "other", None
        if seen:
            scope, cue = seen[-1]
            dated = [q for s, q in seen if s == scope and (q.groups.get("year") or ctx.period_at(q.start, q.end))]
            return scope, dated[-1] if dated else cue
        i -= 1
    return "other", None


_LINE_HEAD = r"\p{Han}{1,10}\s*[：:]\s*[\d零〇一二两三四五六七八九十百千万]"
_FIGURE_LINE = regex.compile(r"\s*" + _LINE_HEAD)
# an intro's end: the end of its line, or the first figure line run into it (…如下：咨询：2918人次)
_INTRO_END = regex.compile(r"(?:[：:]|如下[。.]?)\s*(?:$|(?=" + _LINE_HEAD + "))")


def _lines_intro(sent: Sentence, ctx: DocContext) -> tuple[Sentence, int] | None:
    """The last sentence, and the end, of the intro paragraph (本周主要数据如下。 / …如下：) above a paragraph of
    figure lines (咨询：2918人次 / 受理：438件), the lines between skipped; None when ``sent``
    does not open its paragraph or no such intro stands above it."""
    text = ctx.text
    para = text.rfind("\n", 0, sent.start) + 1
    if text[para : sent.start].strip():
        return None
    while para > 0:
        prev = text.rfind("\n", 0, para - 1) + 1
        line = text[prev : para - 1]
        if not line.strip():
            para = prev
            continue
        if _FIGURE_LINE.match(line):
            para = prev
            continue
        end = _INTRO_END.search(line)
        if end is None:
            return None
        hi = prev + end.end()
        last = ctx.sentence_at(max(prev, hi - 1))
        return (last, hi) if last is not None and last.section == sent.section else None
    return None


def _paragraph_opens_ytd(ctx: DocContext, lo: int, cues: list[Candidate]) -> bool:
    """True when the paragraph holding offset ``lo`` opens (in its first sentence, before another
    cue) with a year-to-date cue: 今年以来，综窗运行平稳。累计受理…"""
    para = ctx.text.rfind("\n", 0, lo) + 1
    first = ctx.sentence_at(para)
    if first is None or first.start >= lo:
        return False
    q = next(iter(starting_in(cues, first.start, first.end)), None)
    return q is not None and q.fields.get("scope") == "ytd" and not q.fields.get("yields_to")


_ALL_WORDS = ("均", "都", "以上", "上述", "全部")


def _cue_after(c: Candidate, cues: list[Candidate], ctx: DocContext) -> Candidate | None:
    """A scope cue written in brackets after the figure: right after its unit (受理1.2万件（今年累计）),
    or after a list when the bracket says it covers all of it (…办结29.87万件，按期办结率99.1%
    （均为今年以来累计数据）), back to the last semicolon or cue. A bracket holding a number is a
    figure of its own (（今年累计2.03万件）: figure.bracket-total), not a cue for this one."""
    sent = ctx.sentence_at(c.start)
    if sent is None:
        return None
    text = ctx.text
    for q in starting_in(cues, c.end, sent.end):
        if q.end > sent.end:
            continue
        span = _bracket_around(text, q, sent.end) or _summary_clause(text, c.end, q, sent.end)
        if span is None:
            continue
        opening, close = span
        inner = text[opening + 1 : close]
        if _NUMERAL.search(inner):
            return None
        before = text[c.end : opening]
        if text[opening] in "（(" and not before.strip():
            return q
        if (any(w in inner for w in _ALL_WORDS) and not any(ch in "；;。" for ch in before)
                and not starting_in(cues, c.end, opening)):
            return q
        return None
    return None


def _bracket_around(text: str, q: Candidate, end: int) -> tuple[int, int] | None:
    """(opening, closing) of the brackets a cue stands in, when it does."""
    lo = text.rfind("\n", 0, q.start) + 1
    opening = max(text.rfind("（", lo, q.start), text.rfind("(", lo, q.start))
    if opening < 0 or any(ch in text[opening + 1 : q.start] for ch in "（）()"):
        return None
    close = min((i for i in (text.find("）", q.end, end), text.find(")", q.end, end)) if i >= 0), default=-1)
    return (opening, close) if close >= 0 else None


def _summary_clause(text: str, start: int, q: Candidate, end: int) -> tuple[int, int] | None:
    """(comma, clause end) of a clause that sums up the list before it: …，均为今年以来累计。"""
    comma = max(text.rfind("，", start, q.start), text.rfind(",", start, q.start))
    if comma < 0 or not text[comma + 1 : q.start].startswith(_ALL_WORDS):
        return None
    m = _CLAUSE_END.search(text, q.end, end)
    return comma, m.start() if m else end


_NUMERAL = regex.compile(r"[\d零〇一二两三四五六七八九十百千万]")
_CLAUSE_END = regex.compile(r"[，,；;。]")
_CUE_MONTHS = regex.compile(r"[—–\-~～至到]\s*(\d{1,2})月")


def figure_period(scope: str, ctx: DocContext, c: Candidate, cue: Candidate | None = None) -> tuple[date | None, date | None]:
    """The dates a figure covers: the issue's week, a range date row its cue stands on (一季度,
    1—11月, 2025年全年) or that opens its clause (12月份，…), since 1 January to the as-of date
    (ytd), or up to it (cumulative)."""
    ps, pe = ctx.issue.period_start, ctx.issue.period_end
    if scope == "week":
        return ps, pe
    span = ctx.period_at(cue.start, cue.end) if cue is not None else None
    if scope in ("other", "change") and span is None:
        span = _range_before(ctx, c)
    if span is not None:
        # a running total since a date (2025年10月以来): from that date; else up to the range's end
        since = cue is not None and cue.fields.get("since")
        return (None, span[1]) if scope == "cumulative" and not since else span
    if scope == "change":
        # after a year-to-date cue (2023年以来，…，较上年同期增长7.4%): that cue's period
        after_ytd = cue is not None and cue.fields.get("scope") != "change"
        return figure_period("ytd", ctx, c, cue) if after_ytd else (ps, pe)
    # the as-of date of the figure's sentence, else of the sentence its cue stands in (其中…)
    as_of = ctx.asof_near(c.start) or (ctx.asof_near(cue.start) if cue is not None else None) or pe
    year = as_int(group(cue, "year")) if cue is not None else None
    if scope == "ytd" and year and as_of and year < as_of.year and cue is not None and cue.text.endswith("以来"):
        # 2021年以来 in a 2023 issue: since 1 January of that year, up to the as-of date
        return date(year, 1, 1), as_of
    if scope == "ytd" and year and (as_of is None or year < as_of.year):
        # an earlier year named in the cue (2025年全年 in the first issue of 2026): that year
        m = _CUE_MONTHS.search(cue.text) if cue is not None else None
        months = month_span(year, int(m.group(1))) if m else None
        return date(year, 1, 1), months[1] if months else date(year, 12, 31)
    issue_year = ctx.issue.year
    if scope == "ytd" and as_of == pe and as_of and issue_year and issue_year < as_of.year:
        # the last issue of a year, its week running into January (2024年第52期, 12月30日—1月3日):
        # its year-to-date figures are that year's
        return date(issue_year, 1, 1), date(issue_year, 12, 31)
    if scope == "ytd" and as_of:
        return date(as_of.year, 1, 1), as_of
    if scope == "cumulative" and _since_earlier_year(cue, ctx) and as_of:
        return date(as_int(group(cue, "year")), 1, 1), as_of  # 2021年以来: since 1 January 2021
    if scope == "cumulative":
        return None, as_of
    return None, None


_WEEK_WORDS = ("本周", "本期", "当周")


def _range_before(ctx: DocContext, c: Candidate, lo: int | None = None) -> tuple[date, date] | None:
    """The dates of the range date row nearest before a figure in its sentence (from ``lo``):
    12月份，综窗共受理…; 3月中旬，开展培训3场. None when a semicolon or a week word (本周新增…)
    stands between."""
    sent = ctx.sentence_at(c.start)
    if sent is None:
        return None
    lo = sent.start if lo is None else max(lo, sent.start)
    value_start = c.groups["value"][1]
    best: tuple[int, int, date, date] | None = None
    for s, e, a, b in starting_in(ctx.periods, lo, value_start):
        if e <= value_start and (best is None or e > best[1]):
            best = (s, e, a, b)
    if best is None:
        return None
    gap = ctx.text[best[1] : value_start]
    if any(ch in "；;" for ch in gap) or any(w in gap for w in _WEEK_WORDS):
        return None
    # 2023年1月至2024年6月: two month rows joined by 至 are one range, from the first's start
    first = next((a for s, e, a, _ in starting_in(ctx.periods, lo, best[0])
                  if _RANGE_JOIN.fullmatch(ctx.text[e : best[0]]) and a <= best[2]), None)
    return (first or best[2]), best[3]


_RANGE_JOIN = regex.compile(r"\s*(?:至|到|[—–\-~～]+)\s*")


def intro_sentence(c: Candidate, ctx: DocContext) -> tuple[int, int]:
    """The span of the last sentence of a table row's intro (…。其中： -> 其中：)."""
    lo, hi = c.fields["intro"]
    last = ctx.sentence_at(max(lo, hi - 1))
    return (max(lo, last.start), hi) if last is not None else (lo, hi)


_HEADING_MARK = regex.compile(r"^\s*(?:[一二三四五六七八九十百\d]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)])?\s*")


def in_plan_section(section: str, plan_headings: tuple[str, ...]) -> bool:
    """True when a section path (一、… > （二）…) has a heading of planned work (四、下周工作安排,
    下一步工作; gazetteers/plan_headings.txt): its numbers are plans, not measured figures."""
    pattern = alternation(tuple(plan_headings))
    if pattern is None or not section:
        return False
    return any(pattern.match(part, _HEADING_MARK.match(part).end()) for part in section.split(" > "))
