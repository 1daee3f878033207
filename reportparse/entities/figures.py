"""Rows of the ``figures`` table: value, unit, metric, subject, scope, period, department.

Scope comes from the rule (``set: {scope: change}``) or from the nearest scope cue
before the figure in its sentence, so a cue shared by a list carries to every item
(本周，共计咨询 3101 人次、受理 425 件…). A subject shared by a list of verbs carries
too (行政许可事项受理 341613 件，办结 337026 件).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import regex

from ..model import Candidate, Sentence
from ..normalize.dates import month_span
from ..normalize.numbers import parse_number
from ..segment import Segmenter
from .context import DocContext, as_int, group, longest_first

_APPROX_BEFORE = ("约", "近", "超过", "逾", "超", "达近")
# Units of a rate: a subject carries to a rate of the same things (受理…事项…件，办结率98.9%) but
# not to a count in another unit (接听咨询电话1264通，转办4106件: 转办 is not of 咨询电话).
_RATE_UNITS = ("%", "％", "‰", "个百分点", "百分点")


def _strip_subject(subject: str | None, start: int, ctx: DocContext) -> str | None:
    if not subject:
        return None
    units = ctx.rules.lists.get("units", ())
    if start > 0 and ctx.text[start - 1].isdigit():
        for u in longest_first(units):
            if subject.startswith(u) and len(subject) > len(u):
                subject = subject[len(u) :]
                break
    return _strip_prefixes(subject, ctx.rules.lists) or None


def _object(
    metric: str | None, obj: str | None, lists: dict[str, tuple[str, ...]], seg: Segmenter | None = None
) -> tuple[str | None, str | None]:
    """(metric, subject) of a verb and the object written after it: generic words are dropped
    (受理群众办件 -> 受理, no subject) and an object that is itself a metric verb, or a short
    object ending in one, joins the metric (接待群众咨询 -> 接待咨询, 接待现场咨询 -> 接待现场咨询).
    With ``seg``, an object opening with a second verb that jieba reads as a word of its own
    joins it to the metric (受理办结行政许可事项 -> 受理办结, 行政许可事项)."""
    generic = lists.get("generic_objects", ())
    if obj:
        for g in longest_first(generic):
            if obj.startswith(g):
                obj = obj[len(g) :]
                break
    if not obj or obj in generic:
        return metric, None
    verbs = lists.get("metric_verbs", ())
    if metric and (obj in verbs or (len(obj) <= 4 and any(len(v) >= 2 and obj.endswith(v) for v in verbs))):
        return metric + obj, None
    lead = _leading_verb(obj, verbs, seg) if metric else None
    rest = _strip_prefixes(obj[len(lead) :], lists) if lead else ""
    heads = lists.get("subject_heads", ()) + lists.get("count_nouns", ())
    if metric and lead and lead != metric and rest not in heads:
        # two verbs in a row: both are the metric, the words after them the object; not a verb
        # that only qualifies a bare noun (受理审批事项, 办理备案业务)
        return _object(metric + lead, rest, lists, seg)
    return metric, obj


def _leading_verb(obj: str, verbs: tuple[str, ...], seg: Segmenter | None) -> str | None:
    """The metric verb an object opens with, when jieba reads it as a word (办结|行政许可事项,
    not 咨询电话)."""
    if seg is None:
        return None
    lead = next((v for v in longest_first(verbs) if len(v) >= 2 and obj.startswith(v) and len(obj) > len(v)), None)
    toks = seg.tagged(obj) if lead else []
    return lead if toks and toks[0].text == lead else None


def _strip_prefixes(subject: str, lists: dict[str, tuple[str, ...]]) -> str:
    """Drop leading words of gazetteers/subject_strip.txt: 今年省本级行政许可事项 -> 行政许可事项."""
    strip = longest_first(lists.get("subject_strip", ()))
    while True:
        p = next((p for p in strip if subject.startswith(p) and len(subject) > len(p)), None)
        if p is None:
            return subject
        subject = subject[len(p) :]


# Parts of speech of leading words that are never part of a metric: 其中 (r), 并 (c), 均 (d), 的 (u).
_LEAD_POS = ("r", "c", "d", "u")


def _trim_metric(metric: str | None, seg: Segmenter | None, lead_words: tuple[str, ...]) -> str | None:
    """Drop leading function words from a metric: 其中主项 -> 主项, 包括设备 -> 设备."""
    if not metric or seg is None:
        return metric
    toks = seg.tagged(metric)
    i = 0
    while i < len(toks) - 1 and (toks[i].pos.startswith(_LEAD_POS) or toks[i].text in lead_words):
        i += 1
    return "".join(t.text for t in toks[i:])


def _qualified_rate(metric: str | None, c: Candidate, ctx: DocContext) -> str | None:
    """A rate with the word before it that names which rate it is (gazetteers/rate_qualifiers.txt):
    网上办理率, not 办理率; 全程网办率; 现场办结率."""
    g = c.groups.get("metric") or c.groups.get("term")
    if not metric or not metric.endswith("率") or g is None or not g[0].endswith(metric):
        return metric
    pos = g[2] - len(metric)
    for q in longest_first(ctx.rules.lists.get("rate_qualifiers", ())):
        if ctx.text[max(0, pos - len(q)) : pos] == q and not metric.startswith(q):
            return q + metric
    return metric


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


def _scope(c: Candidate, cues: list[Candidate], ctx: DocContext) -> tuple[str, Candidate | None]:
    """The figure's scope, and the cue it came from (None for a rule's own scope or none;
    the latest cue of that scope naming a year, if any)."""
    if "scope" in c.fields:
        return str(c.fields["scope"]), None
    if "intro" in c.fields:  # a row of a table-like list: the scope its intro ends with
        lo, hi = _intro_sentence(c, ctx)
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
        if row is not None and (row[0].month, row[0].day) != (1, 1):
            return "other", None
    if not seen:
        return _scope_carried(sent, cues, ctx) if sent is not None else ("other", None)
    # 2025年全年，综窗累计… / 一季度，综窗累计…: the year or period of an earlier cue of the
    # same scope still holds
    dated = [q for s, q in seen if s == scope and (q.groups.get("year") or ctx.period_at(q.start, q.end))]
    return scope, dated[-1] if dated else cue


def _cues_before(ctx: DocContext, cues: list[Candidate], lo: int, value_start: int) -> list[tuple[str, Candidate]]:
    """(scope, cue) of the scope cues that reach a number at ``value_start`` from ``lo`` (its
    sentence's start), in text order."""
    seen: list[tuple[str, Candidate]] = []
    text = ctx.text
    for q in cues:
        if lo <= q.start and q.end <= value_start:
            inside = text.count("（", lo, q.start) + text.count("(", lo, q.start) > text.count(
                "）", lo, q.start) + text.count(")", lo, q.start)
            if inside and any(b in text[q.end:value_start] for b in "）)"):
                continue  # a cue inside brackets does not carry out of them
            if q.fields.get("clause") and _clause_break(text, q.end, value_start):
                continue  # a clause cue (新增, 减少) reaches only the figures of its own clause
            scope = str(q.fields.get("scope", "other"))
            # a cue that yields (累计) keeps the cue before it when that is of the scope it yields
            # to (截至目前，累计… stays cumulative; 截至2月10日，今年…累计… is ytd)
            yields = q.fields.get("yields_to")
            seen.append((yields, q) if seen and seen[-1][0] == yields else (scope, q))
    return seen


_LIST_MARK = regex.compile(r"^\s*(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)])?\s*")


def _opens_with(sent: Sentence, words: tuple[str, ...]) -> bool:
    """True when a sentence (past its list marker: 2.其中…) opens with one of ``words``."""
    return sent.text[_LIST_MARK.match(sent.text).end() :].startswith(words)


_CARRY_WORDS = ("其中",)


def _scope_carried(sent: Sentence, cues: list[Candidate], ctx: DocContext) -> tuple[str, Candidate | None]:
    """The scope a sentence with no cue of its own takes from the sentence before it, when it
    opens with 其中 (本周，…受理1856件。其中，网上办理1342件: week): the scope that sentence
    ended with (a 其中 sentence before it passes its own on). ``other`` when there is none."""
    i = sent.id
    while i > 0 and _opens_with(ctx.sentences[i], _CARRY_WORDS):
        prev = ctx.sentences[i - 1]
        if prev.section != sent.section:
            break
        seen = _cues_before(ctx, cues, prev.start, prev.end)
        if seen:
            scope, cue = seen[-1]
            dated = [q for s, q in seen if s == scope and (q.groups.get("year") or ctx.period_at(q.start, q.end))]
            return scope, dated[-1] if dated else cue
        i -= 1
    return "other", None


def _paragraph_opens_ytd(ctx: DocContext, lo: int, cues: list[Candidate]) -> bool:
    """True when the paragraph holding offset ``lo`` opens (in its first sentence, before another
    cue) with a year-to-date cue: 今年以来，综窗运行平稳。累计受理…"""
    para = ctx.text.rfind("\n", 0, lo) + 1
    first = ctx.sentence_at(para)
    if first is None or first.start >= lo:
        return False
    q = next((q for q in cues if first.start <= q.start < first.end), None)
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
    for q in cues:
        if not (c.end <= q.start and q.end <= sent.end):
            continue
        span = _bracket_around(text, q, sent.end) or _summary_clause(text, c.end, q, sent.end)
        if span is None:
            continue
        opening, close = span
        inner = text[opening + 1 : close]
        if regex.search(r"[\d零〇一二两三四五六七八九十百千万]", inner):
            return None
        before = text[c.end : opening]
        if text[opening] in "（(" and not before.strip():
            return q
        if (any(w in inner for w in _ALL_WORDS) and not regex.search(r"[；;。]", before)
                and not any(c.end <= o.start < opening for o in cues)):
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
    m = regex.compile(r"[，,；;。]").search(text, q.end, end)
    return comma, m.start() if m else end


_CUE_MONTHS = regex.compile(r"[—–\-~～至到]\s*(\d{1,2})月")
_PUNCT_SPACE = regex.compile(r"[\p{P}\s]+")
_HAN_TAIL = regex.compile(r"\p{Han}+$")


def _period(scope: str, ctx: DocContext, c: Candidate, cue: Candidate | None = None) -> tuple[date | None, date | None]:
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
        return (None, span[1]) if scope == "cumulative" else span
    if scope == "change":
        return ps, pe
    # the as-of date of the figure's sentence, else of the sentence its cue stands in (其中…)
    as_of = ctx.asof_near(c.start) or (ctx.asof_near(cue.start) if cue is not None else None) or pe
    year = as_int(group(cue, "year")) if cue is not None else None
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
    best: tuple[int, date, date] | None = None
    for s, e, a, b in ctx.periods:
        if lo <= s and e <= value_start and (best is None or e > best[0]):
            best = (e, a, b)
    if best is None:
        return None
    gap = ctx.text[best[0] : value_start]
    if regex.search(r"[；;]", gap) or any(w in gap for w in _WEEK_WORDS):
        return None
    return best[1], best[2]


def _words_between(text: str, start: int, end: int, lead_words: tuple[str, ...]) -> bool:
    """True when words other than punctuation and fillers (累计, 省本级 …) stand between a figure
    and the next verb: in 办理医保关系转移接续862件、异地就医备案1040件 备案 has its own object."""
    gap = _PUNCT_SPACE.sub("", text[start:end])
    for w in longest_first(lead_words):
        gap = gap.replace(w, "")
    return bool(gap)


# Parts of speech that end the words read before a change verb (prepositions, conjunctions,
# particles, adverbs, pronouns, numerals, measure words, time words, punctuation).
_NOT_SUBJECT_POS = ("p", "c", "u", "d", "r", "m", "q", "t", "f", "x", "w")


def _words_before(text: str, end: int, seg: Segmenter, stop: tuple[str, ...], limit: int = 4) -> str | None:
    """What a change verb changes when no punctuation sets it off: the last jieba words before
    it, at most ``limit`` characters (全省一体化平台注册用户新增 -> 注册用户)."""
    lo = max(0, end - 12)
    window = text[lo:end]
    m = _HAN_TAIL.search(window)
    if not m:
        return None
    toks = seg.tagged(m.group())
    out = ""
    for tok in reversed(toks):
        if tok.pos.startswith(_NOT_SUBJECT_POS) or tok.text in stop or len(out) + len(tok.text) > limit:
            break
        out = tok.text + out
    return out or None


def _list_ends(text: str, start: int, end: int) -> bool:
    """True when a carried subject stops before ``end``: at a semicolon (…转办4106件；1—7月，
    综窗累计接件… starts a new list). A scope cue stops it only where the scope changes (the
    caller checks): 行权事项受理3762件，累计办结3677件 (both ytd) is one list; 本周…办结300件，
    今年以来办结率99.2% is two."""
    return "；" in text[start:end] or ";" in text[start:end]


def _is_cue(c: Candidate, metric: str | None, cues: list[Candidate]) -> bool:
    """True when the figure's metric is all a scope cue (其中本周1560人次: 本周 is no metric)."""
    g = c.groups.get("metric")
    return bool(metric) and g is not None and any(
        g[1] <= q.start and q.end <= g[2] and q.text == metric for q in cues)


def _table_row(
    c: Candidate, name: str | None, ctx: DocContext, depts: list[dict[str, Any]], seg: Segmenter | None
) -> tuple[str | None, str | None]:
    """(metric, subject) of a row of a table-like list (省公安厅　86 件 under 本周受理量居前的部门窗口如下：):
    the metric is the intro's first metric verb (受理量 -> 受理), else the row's NAME; a NAME that
    opens with a department is no metric and no subject (the row's department says it). A
    department's row with no intro has no metric."""
    g = c.groups.get("subject")
    is_dept = g is not None and any(d["char_start"] == g[1] and d["kind"] != "division" for d in depts)
    verb = None
    if "intro" in c.fields:
        lo, hi = _intro_sentence(c, ctx)
        verb = _first_verb(ctx.text[lo:hi], ctx.rules.lists.get("metric_verbs", ()), seg)
    if verb:
        return verb, None if is_dept else name
    return (None, None) if is_dept else (name, None)


def _intro_sentence(c: Candidate, ctx: DocContext) -> tuple[int, int]:
    """The span of the last sentence of a table row's intro (…。其中： -> 其中：)."""
    lo, hi = c.fields["intro"]
    last = ctx.sentence_at(max(lo, hi - 1))
    return (max(lo, last.start), hi) if last is not None else (lo, hi)


_MEASURE_TAIL = ("总量", "量", "总数", "数")


def _first_verb(text: str, verbs: tuple[str, ...], seg: Segmenter | None) -> str | None:
    """The first word of ``text`` that is a metric verb, or one with a measure (受理量 -> 受理)."""
    if seg is None:
        return None
    vs = set(verbs)
    for tok in seg.tagged(text):
        word = tok.text
        for t in _MEASURE_TAIL:
            if word.endswith(t) and word[: -len(t)] in vs:
                word = word[: -len(t)]
                break
        if word in vs:
            return word
    return None


_DEPT_TAILS = ("", "窗口")


def _names_department(g: tuple[str, int, int] | None, depts: list[dict[str, Any]], text: str) -> bool:
    """True when a metric's span is a department's name (or its 窗口): 省公安厅 in 省公安厅86件."""
    return g is not None and any(
        d["kind"] != "division" and d["char_start"] == g[1] and d["char_end"] <= g[2]
        and text[d["char_end"] : g[2]] in _DEPT_TAILS for d in depts)


def _department(
    c: Candidate, ctx: DocContext, depts: list[dict[str, Any]], officials: list[dict[str, Any]] | None = None
) -> str | None:
    """The department named nearest before a figure in its sentence; none when that is one of
    several listed (as departments or as officials' organizations)."""
    sent = ctx.sentence_at(c.start)
    lo = sent.start if sent else 0
    best = None
    value_start = c.groups["value"][1]
    for d in depts:
        if d["kind"] != "division" and lo <= d["char_start"] and d["char_end"] <= value_start:
            best = d
    if best is None or regex.search(r"[；;]", ctx.text[best["char_end"] : value_start]):
        return None  # a clause after a semicolon starts afresh (…；本周两地互办业务2150件)
    if any(_joined(d, best, ctx.text) or _joined(best, d, ctx.text) for d in depts if d is not best):
        return None  # 省教育厅、省退役军人厅共36个办理项: several departments' figure, no one's
    if len(_officials_listed_with(best, officials or [], ctx.text)) > 1:
        return None  # 省公安厅副厅长甲、省市场监管局二级巡视员乙分别…: officials of several departments
    return best["canonical"]


_LIST_SEPS = ("、", "和", "及", "与", "，", ",")


def _officials_listed_with(dept: dict[str, Any], officials: list[dict[str, Any]], text: str) -> set[str]:
    """The organizations of the officials listed (甲、乙 / 甲，乙 / 甲和乙) with the official whose
    chain names ``dept``; empty when no official's chain names it."""
    offs = sorted(officials, key=lambda o: o["char_start"])
    i = next((k for k, o in enumerate(offs)
              if o["char_start"] < dept["char_end"] and dept["char_start"] < o["char_end"]), None)
    if i is None:
        return set()
    def listed(a: dict[str, Any], b: dict[str, Any]) -> bool:
        # a separator, and at most one character the chain left out (和省医保局… read from 医保局)
        gap = text[a["char_end"] : b["char_start"]]
        return 0 < len(gap) <= 2 and gap[0] in _LIST_SEPS and gap[1:] not in ("。", "；", ";")

    lo = hi = i
    while lo > 0 and listed(offs[lo - 1], offs[lo]):
        lo -= 1
    while hi + 1 < len(offs) and listed(offs[hi], offs[hi + 1]):
        hi += 1
    return {o["organization"] or o.get("organization_mention") or "" for o in offs[lo : hi + 1]}


def _joined(a: dict[str, Any], b: dict[str, Any], text: str) -> bool:
    """True when department ``a`` is listed right before ``b`` (省教育厅、省退役军人厅, 甲和乙)."""
    return a["char_end"] <= b["char_start"] and text[a["char_end"] : b["char_start"]] in ("、", "和", "及", "与", "，")


def build_figures(
    cands: list[Candidate],
    cues: list[Candidate],
    ctx: DocContext,
    depts: list[dict[str, Any]],
    seg: Segmenter | None = None,
    officials: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """One row per figure candidate that survived the overlap policy and the claim ledger."""
    lists = ctx.rules.lists
    lead_words = lists.get("fillers", ()) + lists.get("subject_strip", ()) + lists.get("metric_lead_words", ())
    totals = set(lists.get("fillers", ()))
    rows: list[dict[str, Any]] = []
    # (sentence id, end, subject, unit, scope) of an object shared by a list of verbs
    carried: tuple[int, int, str | None, str | None, str] | None = None
    for c in cands:
        vtext, vs, _ = c.groups["value"]
        num = parse_number(vtext)
        if num is None:
            continue
        sent = ctx.sentence_at(c.start)
        subject = group(c, "subject") or group(c, "object")
        sgroup = c.groups.get("subject") or c.groups.get("object")
        subject = _strip_subject(subject, sgroup[1] if sgroup else 0, ctx)
        # a `term` group is a metric taken as written (the pipeline checks only `metric` against jieba)
        metric = _trim_metric(group(c, "metric") or group(c, "term") or c.fields.get("metric"), seg, lead_words)
        if not c.groups.get("subject") and c.groups.get("object"):
            metric, subject = _object(metric, subject, lists, seg)
        metric = _qualified_rate(metric, c, ctx)
        if c.groups.get("term") and not sgroup and seg is not None:
            subject = _words_before(ctx.text, c.start, seg, lead_words)  # 注册用户新增12.6万户
        if c.fields.get("metric_from") == "intro":
            metric, subject = _table_row(c, subject, ctx, depts, seg)
        elif _names_department(c.groups.get("metric") or c.groups.get("term"), depts, ctx.text):
            metric = None  # 省公安厅86件: the department is the row's department, not what it counts
        scope, cue = _scope(c, cues, ctx)
        if c.rule == "figure.verb" and sent is not None:
            unit = group(c, "unit")
            if sgroup is not None:  # a subject or object of its own: it carries to the next verbs
                carried = (sent.id, c.end, subject, unit, scope)
            elif (carried and carried[0] == sent.id and not _list_ends(ctx.text, carried[1], vs)
                  and (unit == carried[3] or unit in _RATE_UNITS) and scope == carried[4]
                  and not _words_between(ctx.text, carried[1], c.start, lead_words)):
                subject = carried[2]
                carried = (sent.id, c.end, subject, carried[3], scope)  # the list goes on from here
            else:
                carried = None
        vfrom = parse_number(group(c, "value_from") or "") if group(c, "value_from") else None
        same_sentence = bool(rows) and sent is not None and rows[-1]["sentence"] == sent.text
        if c.fields.get("metric_from") == "previous" and same_sentence:
            metric, subject = rows[-1]["metric"], subject or rows[-1]["subject"]
        elif metric in totals or _is_cue(c, metric, cues):
            # 新增互认电子证照23类，累计达到156类 / 累计咨询12.3万人次，其中本周1560人次: a bare
            # running total or period counts what the figure before it counts; with none before
            # it in the unit, it names no metric (…等事项，约300件: not 约)
            carry = same_sentence and rows[-1]["unit"] == group(c, "unit")
            metric, subject = (rows[-1]["metric"], subject or rows[-1]["subject"]) if carry else (None, subject)
        approx = bool(num.approx or group(c, "approx")) or ctx.text[max(0, vs - 2) : vs].endswith(_APPROX_BEFORE)
        start, end = _period(scope, ctx, c, cue)
        rows.append(
            {
                **ctx.provenance(c.start, c.end, c.rule),
                "section": sent.section if sent else "",
                "subject": subject,
                "metric": metric,
                "value": num.value,
                "value_from": vfrom.value if vfrom else None,
                "unit": group(c, "unit") or ("%" if num.percent else None),  # 百分之十: %
                "scope": scope,
                "period_start": start,
                "period_end": end,
                "department": _department(c, ctx, depts, officials),
                "sentence": sent.text if sent else "",
                "value_text": vtext,
                "approx": approx,
            }
        )
    _join_listed_objects(rows, ctx)
    return rows


def _join_listed_objects(rows: list[dict[str, Any]], ctx: DocContext) -> None:
    """进驻主项741项、办理项1620项: a verb's object that is a count noun, listed beside a count
    noun of its own (办理项), is a metric like it: 进驻主项, not 进驻 of 主项."""
    nouns = set(ctx.rules.lists.get("count_nouns", ()))
    for row, nxt in zip(rows, rows[1:], strict=False):
        if (row["rule"] == "figure.verb" and row["subject"] in nouns and nxt["metric"] in nouns
                and nxt["sentence"] == row["sentence"] and nxt["unit"] == row["unit"]
                and ctx.text[row["char_end"] : nxt["char_start"]].strip() in ("、", "，", ",")):
            row["metric"], row["subject"] = f'{row["metric"] or ""}{row["subject"]}', None
