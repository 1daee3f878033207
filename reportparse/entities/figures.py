"""Rows of the ``figures`` table: value, unit, metric, subject, scope, period, department.

Metric, subject and object come from the rule's groups, trimmed to word boundaries; a
subject shared by a list of verbs carries too (行政许可事项受理 341613 件，办结 337026 件).
Scope and period are scopes.py's; the department is the one the figure's clause names.
"""

from __future__ import annotations

from typing import Any

import regex

from ..model import Candidate
from ..normalize.numbers import parse_number
from ..places import places
from ..segment import Segmenter
from .attribution import figure_department, names_department
from .context import DocContext, group, longest_first, starting_in
from .figure_lists import ZONE, read_together
from .scopes import figure_period, figure_scope, intro_sentence

_APPROX_BEFORE = ("约", "近", "超过", "逾", "超", "达近")
# Units of a rate: a subject carries to a rate of the same things (受理…事项…件，办结率98.9%) but
# not to a count in another unit (接听咨询电话1264通，转办4106件: 转办 is not of 咨询电话).
_HAN_TAIL = regex.compile(r"\p{Han}+$")
_PUNCT_SPACE = regex.compile(r"[\p{P}\s]+")
_RATE_UNITS = ("%", "％", "‰", "个百分点", "百分点")


# a time a subject may open with when no scope cue says it (二季度全省不动产登记事项, 上半年…)
# the head of a running total written after its increment: the total of what the increment counts
_TOTAL_HEADS = frozenset(("总数", "总量", "总规模"))
# a list's bullet (——, ●, ·) a line of a plan's targets opens with: no part of what it names
_BULLET = regex.compile(r"[—―\-－●•·\s]+")
_LEAD_TIME = regex.compile(r"(?:\d{4}年)?(?:第?[一二三四1-4]季度|[上下]半年|前[二两三]个?季度)")


def _strip_subject(subject: str | None, start: int, ctx: DocContext, cues: list[Candidate] = ()) -> str | None:
    """The subject without a unit read into it, a scope cue it opens with (一季度省本级行政许可事项
    -> 行政许可事项) and the words of gazetteers/subject_strip.txt."""
    if not subject:
        return None
    cut = max((q.end for q in starting_in(cues, start, start + 2) if q.end < start + len(subject)), default=start)
    subject = subject[cut - start :]
    start = cut
    if (bullet := _BULLET.match(subject)) is not None and bullet.end() < len(subject):
        subject, start = subject[bullet.end() :], start + bullet.end()  # ——地区生产总值增长7%左右
    lead = _LEAD_TIME.match(subject)
    if lead and lead.end() < len(subject):
        subject, start = subject[lead.end() :], start + lead.end()
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
    if metric and lead and lead != metric and rest not in heads and not _names_thing(rest, lists):
        # two verbs in a row: both are the metric, the words after them the object; not a verb
        # that only qualifies a bare noun (受理审批事项, 办理备案业务)
        return _object(metric + lead, rest, lists, seg)
    return metric, obj


def _names_thing(rest: str, lists: dict[str, tuple[str, ...]]) -> bool:
    """True when the words after an object's leading verb make that verb part of a noun: a head of
    gazetteers/compound_heads.txt (核查评价器: 评价|器) or a second verb (受理帮办代办事项: 帮办|代办事项)."""
    return rest.startswith(lists.get("compound_heads", ())) or any(
        len(v) >= 2 and rest.startswith(v) and len(rest) > len(v) for v in lists.get("metric_verbs", ()))


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
        if toks[i].text in _QUOTES and _QUOTES[toks[i].text] in metric[toks[i].end:]:
            break  # “三公”经费: a quoted name opens the metric
        i += 1
    return "".join(t.text for t in toks[i:])


_QUOTES = {"“": "”", "「": "」", "《": "》", "\"": "\""}


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


def _nominal(
    metric: str | None, subject: str | None, c: Candidate, ctx: DocContext, seg: Segmenter | None,
    lead_words: tuple[str, ...],
) -> tuple[str | None, str | None]:
    """(metric, subject) of a verb of gazetteers/nominal_verbs.txt written right after the words
    naming it: AI问答服务3.62万次 -> 问答服务; with a count noun after it, that noun is counted
    (政务服务事项清单43项 -> 事项清单, subject 政务服务)."""
    g = c.groups.get("metric") or c.groups.get("term")
    if seg is None or g is None or metric != g[0] or metric not in ctx.rules.lists.get("nominal_verbs", ()):
        return metric, subject
    counted = bool(subject) and subject in ctx.rules.lists.get("count_nouns", ())
    # before a count noun the verb and the word before it qualify that noun (政务服务事项清单):
    # one word only, so a verb before them (编制政务服务…) stays out
    before = _words_before(ctx.text, g[1], seg, lead_words, limit=2 if counted else 4)
    if not before:
        return metric, subject
    return (subject, before + metric) if counted else (before + metric, subject)


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
        q.end <= g[2] and q.text == metric for q in starting_in(cues, g[1], g[2]))


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
        lo, hi = intro_sentence(c, ctx)
        verb = _first_verb(ctx.text[lo:hi], ctx.rules.lists.get("metric_verbs", ()), seg)
    if verb:
        return verb, None if is_dept else name
    return (None, None) if is_dept else (name, None)


def _grid_label(c: Candidate, depts: list[dict[str, Any]], totals: set[str]) -> str | None:
    """The subject of a line table's cell: its row's label, unless the label is a department
    (the row's department says it) or a total (合计, 总计)."""
    if "subject" not in c.groups:
        return None
    label, start, _ = c.groups["subject"]
    if label in totals or label.replace(" ", "").replace("　", "") in ("合计", "总计", "小计"):
        return None
    return None if any(d["char_start"] == start and d["kind"] != "division" for d in depts) else label


_MEASURE_TAIL = ("总量", "量", "总数", "数")


def _bare_verb(metric: str | None, lists: dict[str, tuple[str, ...]]) -> str | None:
    """A metric verb without the measure after it (受理量 -> 受理), for a figure whose subject
    says what is counted, as 行政许可事项受理1200件 does."""
    for t in _MEASURE_TAIL:
        if metric and metric.endswith(t) and metric[: -len(t)] in lists.get("metric_verbs", ()):
            return metric[: -len(t)]
    return metric


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


_EACH_SEPS = regex.compile(r"、|和|及|与")
_EACH_START = regex.compile(r"[，,。；;：:！？]")
# the words that open a list a later clause's 分别 goes through: 依次为, 分别是, 包括, 主要为
_LIST_OPENER = regex.compile(r"(?:依次|分别|主要|先后)?(?:为|是)|包括")


def _each_names(c: Candidate, ctx: DocContext) -> tuple[list[tuple[str, int, int]], str | None]:
    """The names listed before 分别 for a ``metric_from: each`` figure, as (name, start, end),
    and the metric verb written after 分别 (咨询、受理、办结分别为…: names 咨询 受理 办结, no verb;
    省公安厅、省民政厅窗口分别受理…: two names, verb 受理)."""
    vs = c.groups["value"][1]
    at = ctx.text.rfind("分别", 0, vs)
    if at < 0:
        return [], None
    sent = ctx.sentence_at(c.start)
    lo = sent.start if sent else 0
    cut = max((m.end() for m in _EACH_START.finditer(ctx.text, lo, at)), default=lo)
    if cut == at and cut > lo:
        # 依次为艾滋病、肺结核和病毒性肝炎，分别死亡17人、6人和4人: the list ends the clause before
        prev = max((m.end() for m in _EACH_START.finditer(ctx.text, lo, cut - 1)), default=lo)
        opener = next(iter(reversed(list(_LIST_OPENER.finditer(ctx.text, prev, cut - 1)))), None)
        if opener is not None:
            cut, at = opener.end(), cut - 1
    names, pos = [], cut
    for m in [*_EACH_SEPS.finditer(ctx.text, cut, at), None]:
        end = m.start() if m else at
        names.append((ctx.text[pos:end], pos, end))
        pos = m.end() if m else at
    after = ctx.text[ctx.text.rfind("分别", 0, vs) + 2 : vs]
    verbs = ctx.rules.lists.get("metric_verbs", ())
    verb = next((v for v in longest_first(verbs) if after.startswith(v)), None)
    return names, verb


def _shared_tail(names: list[tuple[str, int, int]], depts: list[dict[str, Any]], text: str) -> str | None:
    """The measure written once after the last of a list of places or departments before 分别
    (宁海县、象山县|群众满意率): every name but the last is a place or body alone and the last one
    opens with one; None otherwise."""
    def named(ns: int, ne: int) -> int | None:
        end = max((d["char_end"] for d in depts if d["char_start"] == ns and d["char_end"] <= ne), default=None)
        hit = places().match(text, ns, short=False)
        if end is None and hit is None and (zone := ZONE.match(text, ns, ne)) is not None:
            return zone.end()  # 郑东新区、高新区: zones and townships the divisions do not list
        return hit[1] if end is None and hit is not None and hit[1] <= ne else end

    last, ns, ne = names[-1]
    if "的" in last and not any("的" in n for n, _, _ in names[:-1]):
        tail = last[last.rindex("的") + 1 :].strip()  # 手足口病、流行性腮腺炎的报告发病率
        return tail if len(tail) >= 2 and _HAN_TAIL.fullmatch(tail) else None
    if any(named(ns, ne) != ne for _, ns, ne in names[:-1]):
        return None
    end = named(ns, ne)
    tail = text[end:ne].strip() if end is not None and end < ne else ""
    return tail if len(tail) >= 2 and _HAN_TAIL.fullmatch(tail) else None


def _each(
    c: Candidate, i: int, ctx: DocContext, depts: list[dict[str, Any]], lead_words: tuple[str, ...]
) -> tuple[str | None, ...] | None:
    """(metric, department[, subject]) of the ``i``-th value written after 分别: the ``i``-th name
    before it (with a measure written once after the last name, that name is the subject). A name that holds a department gives the department (the metric is the verb after 分别);
    another name is the metric (受理、办结量分别达到…: 受理, 办结). None when the names and the
    values do not pair up."""
    names, verb = _each_names(c, ctx)
    if len(names) < 2 or i >= len(names):
        return None
    name, ns, ne = names[i]
    if not ctx.text.startswith("分别", names[-1][2]):
        # the list closed the clause before (依次为艾滋病、肺结核和病毒性肝炎，分别死亡17人): each name is
        # what the value is of, the word after 分别 what is measured
        vs = c.groups["value"][1]
        after = ctx.text[ctx.text.rfind("分别", 0, vs) + 2 : vs]
        word = verb or (after if _HAN_TAIL.fullmatch(after) and len(after) <= 4 and after not in ("为", "是") else None)
        dept = next((d for d in depts if d["kind"] != "division" and ns <= d["char_start"] and d["char_end"] <= ne), None)
        return word, dept["canonical"] if dept else None, name.strip() or None
    shared = _shared_tail(names, depts, ctx.text)
    if shared is not None and not verb:
        # 宁海县、象山县群众满意率分别为…: the words after the last place are every place's measure
        dept = next((d for d in depts if d["kind"] != "division" and d["char_start"] == ns), None)
        own = name.strip().removesuffix(shared).removesuffix("的") or None
        return shared, dept["canonical"] if dept else None, own
    dept = next((d for d in depts if d["kind"] != "division" and ns <= d["char_start"] and d["char_end"] <= ne), None)
    if dept is not None:
        return verb, dept["canonical"]
    name = _strip_prefixes(name, {"subject_strip": lead_words})
    for t in _MEASURE_TAIL:
        if name.endswith(t) and len(name) > len(t):
            name = name[: -len(t)]
            break
    return (name or verb), None


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
    each_seen: dict[tuple[int, int], int] = {}  # (分别's offset, sentence) -> values read after it
    for c in cands:
        vtext, vs, _ = c.groups["value"]
        num = parse_number(vtext)
        if num is None:
            continue
        sent = ctx.sentence_at(c.start)
        subject = group(c, "subject") or group(c, "object") or c.fields.get("subject_text")
        sgroup = c.groups.get("subject") or c.groups.get("object")
        subject = _strip_subject(subject, sgroup[1] if sgroup else 0, ctx, cues if sgroup else [])
        # a `term` group is a metric taken as written (the pipeline checks only `metric` against jieba)
        metric = _trim_metric(group(c, "metric") or group(c, "term") or c.fields.get("metric"), seg, lead_words)
        if not c.groups.get("subject") and c.groups.get("object"):
            metric, subject = _object(metric, subject, lists, seg)
        metric = _qualified_rate(metric, c, ctx)
        metric, subject = _nominal(metric, subject, c, ctx, seg, lead_words)
        if c.groups.get("term") and c.groups["term"][1] >= c.start and not sgroup and seg is not None:
            # 注册用户新增12.6万户; not a later value of 分别增长8件、7件 (its verb is in the lookbehind)
            subject = _words_before(ctx.text, c.start, seg, lead_words)
        each = None
        if c.fields.get("metric_from") == "each":
            key = (ctx.text.rfind("分别", 0, vs), sent.id if sent else -1)
            each_seen[key] = each_seen.get(key, -1) + 1
            each = _each(c, each_seen[key], ctx, depts, lead_words)
            if each is not None:
                metric, subject = each[0], (each[2] if len(each) > 2 else None)
        if c.fields.get("metric_from") == "intro":
            metric, subject = _table_row(c, subject, ctx, depts, seg)
        elif c.fields.get("metric_from") == "grid":
            metric, subject = group(c, "metric"), _grid_label(c, depts, totals)
            num = parse_number(vtext + str(c.fields.get("scale", ""))) or num  # a column in 万元
        elif names_department(c.groups.get("metric") or c.groups.get("term"), depts, ctx.text):
            metric = None  # 省公安厅86件: the department is the row's department, not what it counts
        scope, cue = figure_scope(c, cues, ctx)
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
            if subject and (c.groups.get("subject") or subject == (carried or (0, 0, None))[2]):
                metric = _bare_verb(metric, lists)  # 行政许可事项受理量为…，办结量计…: 受理, 办结 of 行政许可事项
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
        mg = c.groups.get("metric") or c.groups.get("term")
        if (metric in _TOTAL_HEADS and not subject and same_sentence and mg is not None and mg[1] > 0
                and ctx.text[mg[1] - 1] in "，,；;" and rows[-1]["unit"] == group(c, "unit")):
            # 新增经营主体28.6万户，总数达到213.4万户 (not 其中电信业务总量: a noun of its own)
            subject = rows[-1]["subject"] or rows[-1]["metric"]
        approx = bool(num.approx or group(c, "approx")) or ctx.text[max(0, vs - 2) : vs].endswith(_APPROX_BEFORE)
        start, end = figure_period(scope, ctx, c, cue)
        rows.append(
            {
                **ctx.provenance(c.start, c.end, c.rule),
                "section": sent.section if sent else "",
                "subject": subject,
                "metric": metric,
                "value": num.value,
                "value_from": vfrom.value if vfrom else None,
                "unit": group(c, "unit") or c.fields.get("unit_text") or ("%" if num.percent else None),  # 百分之十: %
                "scope": scope,
                "period_start": start,
                "period_end": end,
                "department": each[1] if each and each[1] else figure_department(c, ctx, depts, officials),
                "sentence": sent.text if sent else "",
                "value_text": vtext,
                "approx": approx,
                "basis": c.fields.get("basis"),
                "_value_start": vs,
            }
        )
    read_together(rows, ctx, depts)
    return rows
