"""Quantities -> figures: candidates for the quantities no figure rule read, and the repair of
rows whose metric names nothing.

The figure rules of ``rules/figures.yaml`` stay the reader of the genres they were written for
(a service centre's weekly bulletin: 受理, 办结, 接待咨询 … as the measure of a counted subject).
Every other quantity of the text that no rule, date, reference or claim took is read by the
clause grammar of :mod:`.attribute` and becomes a ``figure.quantity`` candidate; a row a rule
made whose metric is a bare change verb or a fragment (增长 with nothing that grew, 其中, 对,
低于前) takes the grammar's reading instead.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Any

import regex

from ..model import Candidate, CleanText
from ..places import places
from ..segment import Segmenter
from .attribute import QUALIFIER, Lexicon, Reading, lexicon_of, read_quantity, strip_prefixes
from .scan import STATISTIC, Quantity, scan_quantities

RULE_ID = "figure.quantity"
_SENT_END = "。！？!?\n"
_RESULT = ("到", "出", "了", "得")
_COMPARE = frozenset("比较与从由至到")
_MULTIPLIED = regex.compile(r"[万亿]")
_NOUN_POS = ("n", "vn", "l", "j", "eng", "an", "b", "x")


class JiebaWords:
    """:class:`~.attribute.Words` by jieba's part-of-speech tags and the metric verbs list."""

    def __init__(self, seg: Segmenter | None, verbs: tuple[str, ...] = ()) -> None:
        self.seg = seg
        self.verbs = frozenset(verbs)

    def trailing_verb(self, s: str) -> str | None:
        """The verb a string ends with: 南方省份检测到 -> 检测, 南方省份共报告 -> 报告 (a word after an
        adverb is read as a verb whatever its tag)."""
        if self.seg is None or not s:
            return None
        toks = self.seg.tagged(s[-12:])
        out = ""
        for i in range(len(toks) - 1, -1, -1):
            t = toks[i]
            verbish = t.pos.startswith("v") or t.text in self.verbs or (
                i == len(toks) - 1 and i > 0 and toks[i - 1].pos.startswith("d") and len(t.text) >= 2)
            if not verbish or len(out) >= 4:
                break
            out = t.text + out
        while out.endswith(_RESULT) and len(out) > 2:
            out = out[:-1]
        return out or None

    def noun_tail(self, s: str) -> str | None:
        """The nouns ``s`` ends with, back to the first word that is not one (a verb, preposition,
        particle, pronoun): 市政府网站主动公开各类政府信息 -> 政府信息."""
        if self.seg is None:
            return None
        out = ""
        toks = self.seg.tagged(s)
        i = len(toks) - 1
        while i >= 0:
            t = toks[i]
            if t.text in ("）", ")") and out:  # a bracketed qualifier inside the noun: 细颗粒物（PM2.5）年均浓度
                j = max((k for k in range(i) if toks[k].text in ("（", "(")), default=-1)
                if j < 0 or len(out) + t.end - toks[j].start > 24:
                    break
                out = s[toks[j].start : t.end] + out
                i = j - 1
                continue
            if not t.pos.startswith(_NOUN_POS) or len(out) + len(t.text) > 16:
                break
            out = t.text + out
            i -= 1
        return out if len(out) >= 2 else None

    def noun_head(self, s: str) -> str | None:
        """The nouns ``s`` opens with, up to the first word that is not one."""
        if self.seg is None:
            return None
        out = ""
        for t in self.seg.tagged(s):
            if not t.pos.startswith(_NOUN_POS) or len(out) + len(t.text) > 12:
                break
            out += t.text
        return out if len(out) >= 2 else None

    def without_predicate(self, s: str) -> str | None:
        """``s`` up to the predicate that follows its noun (民生实事全部完成 -> 民生实事, 乡镇卫生院配备了
        医疗设备 -> 乡镇卫生院): verbs and adverbs at its end, or a verb with 了/着/过 inside it."""
        if self.seg is None:
            return None
        toks = self.seg.tagged(s)
        for i, t in enumerate(toks[:-1]):  # a verb with an aspect particle is a predicate: 配备了
            if t.start >= 2 and t.pos.startswith("v") and toks[i + 1].text in _ASPECT:
                toks = toks[:i]
                break
        while toks and toks[-1].pos.startswith(("v", "d")) and not toks[-1].pos.startswith("vn"):
            toks.pop()
        out = "".join(t.text for t in toks)
        return out if len(out) >= 2 and out != s else None

    def leading_verb(self, s: str) -> str | None:
        """The verb ``s`` opens with (受益), when jieba tags it one."""
        if self.seg is None:
            return None
        toks = self.seg.tagged(s[:8])
        return toks[0].text if toks and toks[0].pos == "v" and len(toks[0].text) >= 2 else None

    def opens_with_verb(self, s: str) -> bool:
        if self.seg is None or not s:
            return False
        toks = self.seg.tagged(s[:8])
        # a verb tag before a noun is often a noun's modifier (低保|人员): not a verb then
        return bool(toks) and toks[0].pos == "v" and not (len(toks) > 1 and toks[1].pos.startswith("n"))


def read_all(
    clean: CleanText, quantities: list[Quantity], lex: Lexicon, claimed: list[tuple[int, int]],
    seg: Segmenter | None, lex_verbs: tuple[str, ...] = (), skip: list[tuple[int, int]] = (),
) -> dict[int, Reading]:
    """The reading of every quantity, by its value's offset. A clause never reaches back into a
    ``claimed`` span (a date, a document number) or across a sentence end; a quantity inside a
    ``skip`` span (前一周, a code) is no figure and no quantity before another."""
    skip = sorted(skip)
    skip_starts = [s for s, _ in skip]
    text = clean.text
    starts = [s for s, _ in claimed]
    words = JiebaWords(seg, lex_verbs)
    out: dict[int, Reading] = {}
    prev: tuple[Quantity, Reading] | None = None
    for q in quantities:
        if prev is not None and any(ch in _SENT_END for ch in text[prev[0].end : q.start]):
            prev = None
        if is_claimed(skip, skip_starts, q.value_start, q.value_end):
            continue
        i = bisect.bisect_left(starts, q.start)
        # a date inside a comparison (比2002年增长) is part of the clause, not its edge
        floor = max((e for s, e in claimed[max(0, i - 8) : i] if e <= q.start and text[s - 1 : s] not in _COMPARE),
                    default=0)
        r = read_quantity(text, q, lex, prev, floor, words)
        out[q.value_start] = r
        prev = (q, r)
    return out


def is_claimed(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """True when [s, e) overlaps a span of ``spans`` (sorted by start)."""
    i = bisect.bisect_left(starts, e)
    return any(cs < e and s < ce for cs, ce in spans[max(0, i - 16) : i])


def quantity_candidates(
    clean: CleanText,
    quantities: list[Quantity],
    readings: dict[int, Reading],
    taken: Iterable[tuple[int, int]],
    claimed: list[tuple[int, int]],
    order: int,
) -> list[Candidate]:
    """A ``figure.quantity`` candidate for each quantity with a unit that no taken span (a figure
    rule's candidate) or claimed span covers and whose reading names something."""
    text = clean.text
    spans = sorted(set(taken) | set(claimed))
    starts = [s for s, _ in spans]
    out = []
    for q in quantities:
        if is_claimed(spans, starts, q.value_start, q.value_end):
            continue
        r = readings.get(q.value_start)
        if r is None or not (r.metric or r.subject):
            continue
        if not q.unit and not (r.shape in ("count", "change") and _MULTIPLIED.search(text, q.value_start, q.value_end)):
            continue  # a bare number; but 9748万农村人口 counts its noun
        groups: dict[str, tuple[str, int, int]] = {
            "value": (text[q.value_start : q.value_end], q.value_start, q.value_end),
        }
        if q.unit:
            groups["unit"] = (q.unit, q.unit_start, q.unit_start + len(q.unit))
        fields: dict[str, Any] = {"metric": r.metric} if r.metric else {}
        if r.subject:
            fields["subject_text"] = r.subject
        if r.change:
            fields["scope"] = "change"
        if r.basis:
            fields["basis"] = r.basis
        if r.shape == "each":
            fields["metric_from"] = "each"  # the names before 分别, one per value (entities/figures.py)
        out.append(Candidate(RULE_ID, "figure", q.start, q.end, text[q.start : q.end], 0, groups, fields, order))
    return out


# parts of speech a metric never opens with (preposition, conjunction, pronoun) or ends with
# (localizer, particle, preposition)
_OPEN_POS = ("p", "c")
_END_POS = ("f", "u", "p", "r")


def non_metric_test(lists: dict[str, tuple[str, ...]], seg: Segmenter | None) -> Callable[[str | None], bool]:
    """A test for a metric that names nothing: a word of ``gazetteers/non_metrics.txt``, or one that
    opens with a preposition, conjunction or pronoun or ends with a localizer or particle (jieba)."""
    words = frozenset(lists.get("non_metrics", ()))

    def bad(metric: str | None) -> bool:
        if not metric:
            return False
        if metric in words:
            return True
        if _LEAD_PUNCT.match(metric):
            return True  # .属于: a list number's dot and a verb
        rest = _DATE_OPENING.sub("", metric)
        if rest != metric and len(rest) == 1:
            return True  # 2007年中: a date and a stray character
        if metric[-1] in "到至" and _HAN_START.match(metric):
            return True  # 增加到, 提高至, 到 (of 增加到): a verb and its complement, the value is what it rose to
        if seg is None or not _HAN_START.match(metric):
            return False
        toks = seg.tagged(metric)
        # a short metric opening with a preposition or conjunction is a fragment (与前, 对, 除); a
        # longer one may be a term (在园幼儿, 在运维政务新媒体)
        opens = bool(toks) and toks[0].pos.startswith(_OPEN_POS) and not any(
            t.pos.startswith(("n", "v")) for t in toks[1:])
        return bool(toks) and (opens or (len(toks) > 1 and toks[-1].pos.startswith(_END_POS)))

    return bad


_HAN_START = regex.compile(r"\p{Han}")
_ASPECT = frozenset("了着过")
_LEAD_PUNCT = regex.compile(r"^[.．、，,；;：:）)]")
_TRAILING_ADVERB = regex.compile(r"(?<=\p{Han}{2})(?:分别|均|都)$")
_DATE_OPENING = regex.compile(r"^(?:(?:19|20)\d{2}年)?(?:\d{1,2}月(?:份)?)?(?:\d{1,2}日)?")
# a rule's subject that runs into the next item of a list or another number swallowed it
_SWALLOWED = regex.compile(r"\d|[、，,；;和及与]\s*(?:[零一二两三四五六七八九十百千万]+[^\p{Han}]|\d)")
_EXT_POS = ("n", "vn", "j", "l", "an", "b")


def _noun_extension(ext: str, metric: str, seg: Segmenter, venues: tuple[str, ...] = ()) -> bool:
    """True when ``ext`` (the words a reading has before a rule's metric) is only common nouns
    and ``metric`` a noun (社会消费品 + 零售总额), not a verb, a place, a name, a quote or a venue
    (政务服务平台日均访问量: the platform is where, not what)."""
    if not ext or "“" in ext or "”" in ext or any(v in ext for v in venues):
        return False
    toks = seg.tagged(ext + metric)
    if not toks or not toks[-1].pos.startswith(("n", "vn")) or any(
            t.pos.startswith("v") and t.start >= len(ext) for t in toks):
        return False  # 进驻主项: a verb and its object, not a noun phrase
    cut = len(ext)
    head = [t for t in toks if t.start < cut]
    return bool(head) and head[-1].end == cut and all(
        t.pos.startswith(_EXT_POS) and not t.pos.startswith(("nr", "ns", "nt")) for t in head)


# the heads of a measure named by a verb and its noun (登记失业率, 零售额, 受理量)
_MEASURE_HEADS = ("率", "额", "量")


def _measure_extension(ext: str, metric: str, seg: Segmenter, venues: tuple[str, ...] = ()) -> bool:
    """True when ``metric`` is a measure opening with a verb (登记失业率, 零售额) and ``ext`` (the
    words a reading has before it) only common nouns ending where it starts: 城镇 + 登记失业率,
    城镇消费品 + 零售额 (not a place, a name, a venue, a verb or a verbal noun: 受理工作手册|编制完成率
    is the rate of the manual)."""
    if not ext or not metric.endswith(_MEASURE_HEADS) or "“" in ext or "”" in ext or any(v in ext for v in venues):
        return False
    toks = seg.tagged(ext + metric)
    head = [t for t in toks if t.start < len(ext)]
    return bool(head) and head[-1].end == len(ext) and toks[-1].pos.startswith("n") and all(
        (t.pos.startswith(("n", "j", "l", "b")) and not t.pos.startswith(("nr", "ns", "nt", "vn"))) or (
            t.pos == "ns" and places().match(t.text, 0) is None) for t in head)  # 城镇: no place


_BRACKETED = regex.compile(r"[（(][^）)]*[）)]")
_TOPIC_POS = ("n", "vn", "j", "l", "an", "b", "eng", "nz", "ns")
_QUALIFIER_POS = ("n", "vn", "v", "a", "an", "b", "d", "j", "l")


def _in_part(text: str, at: int) -> bool:
    """True when a 其中 before ``at`` in its sentence splits a total into parts (其中，电话渠道受理…；
    网络渠道受理…): the noun before each part's verb names the part."""
    lo = max(text.rfind(ch, 0, at) for ch in _SENT_END) + 1
    return "其中" in text[lo:at]


def _topic(ext: str, seg: Segmenter) -> str | None:
    """The noun phrase a clause opens with before its verb (电话渠道 of 电话渠道受理; 直接, 共 and
    other adverbs after it dropped), or None when ``ext`` is not only nouns (本周, 我市, 对此)."""
    toks = seg.tagged(_BRACKETED.sub("", ext))  # 网络渠道（“浙里办”、网站等）受理
    while toks and toks[-1].pos.startswith(("d", "p", "c", "u")):
        toks.pop()
    out = "".join(t.text for t in toks)
    if len(out) < 2 or toks[-1].pos.startswith(("vn", "nt")) or not toks[-1].pos.startswith((*_TOPIC_POS, "nr")):
        return None  # the phrase ends in a noun (电话渠道; 告知|承诺制, which jieba reads as a name)
    if len(toks) == 1 and toks[0].pos.startswith("nr"):
        return None  # a person alone
    if not all(t.pos.startswith((*_TOPIC_POS, "v", "nr")) and not t.pos.startswith("nt") for t in toks):
        return None
    return out


def _qualifier(ext: str, seg: Segmenter) -> bool:
    """True when ``ext`` is a short qualifier of a rate (不合格 of 不合格发现率, 群众 of 群众满意率):
    at most four characters of content words, no place, person, number or time."""
    if not 1 <= len(ext) <= 4:
        return False
    toks = seg.tagged(ext)
    return bool(toks) and all(t.pos.startswith(_QUALIFIER_POS) and not t.pos.startswith(("nr", "ns", "nt"))
                              for t in toks)


_BASIS_RE = regex.compile(r"(?:比|较|与)(?:\d{4}年度?|上年度?|去年|上月|上周|前一周|年初|上季度|[一二三四]季度|[上下]半年|(?:年初|调整)?预算数?)(?:同期|末|底|预算数?|执行数|决算数)?(?:相比)?")
_SHARES = frozenset(("占比", "比重", "占"))


def widen_units(rows: list[dict[str, Any]], quantities: list[Quantity]) -> None:
    """In place: a row whose unit is the start of its quantity's longer unit takes that unit
    (535亿人公里 is 人公里, not 人: the scanner reads units longest first over both unit lists)."""
    by_start = {q.value_start: q for q in quantities}
    for row in rows:
        q = by_start.get(row.get("_value_start"))  # type: ignore[arg-type]
        unit = row.get("unit")
        if q is not None and q.unit and unit and q.unit != unit and q.unit.startswith(unit):
            row["unit"] = q.unit
            row["char_end"] = max(row["char_end"], q.end)


def repair_rows(rows: list[dict[str, Any]], readings: dict[int, Reading], text: str,
                lists: dict[str, tuple[str, ...]], seg: Segmenter | None = None) -> None:
    """In place: a row whose metric is no metric takes the reading of its quantity; a change with
    no subject takes what changed; every change gets its ``basis``; every row its ``indicator``."""
    if "小时" in text or "百分位" in text:  # 臭氧日最大8小时平均: a rule's value that is a number of a name
        named = [(m.start(), m.end()) for m in STATISTIC.finditer(text)]
        rows[:] = [row for row in rows if row.get("_value_start") is None
                   or not any(a <= row["_value_start"] < b for a, b in named)]
    bad = non_metric_test(lists, seg)
    words = frozenset(lists.get("non_metrics", ()))
    change_verbs = set(lists.get("change_verbs_rate", ()))
    basis_words = tuple(sorted(lists.get("basis_words", ()), key=len, reverse=True))
    basis_set = frozenset(lists.get("basis_words", ()))
    scope_words = frozenset(lists.get("metric_prefixes", ()) + lists.get("scope_words", ()) + ("本月", "本季度"))
    verbs = tuple(v for v in lists.get("metric_verbs", ()) if len(v) >= 2)  # the bulletin's measures
    linking = frozenset(w for w in lists.get("linking_verbs", ()) if len(w) >= 2)  # not 达 of 送达
    last: dict[str, Any] | None = None  # the last level row of the sentence
    for row in rows:
        if last is not None and last["sentence"] != row["sentence"]:
            last = None
        vs = row.pop("_value_start", None)
        if row.get("subject") and len(row["subject"]) > 3:
            row["subject"] = _TRAILING_ADVERB.sub("", row["subject"])  # 园林水果产量分别: 分别 is no part
        r = readings.get(vs) if vs is not None else None
        if r is None and row["rule"] != RULE_ID and bad(row.get("metric")):
            row["metric"] = None  # 对于我们这样, 年末: no metric rather than a fragment
        if r is not None and row["rule"] != RULE_ID:
            metric = row.get("metric")
            is_change = bool(metric) and metric.endswith(tuple(change_verbs)) and bool(row.get("subject"))
            if row.get("subject") and _BASIS_RE.search(row["subject"]) and r.change:
                # 比2024年预算增加120.5万元, 增速比一季度提高: the basis is no subject
                row["subject"] = r.subject
                row["basis"] = row.get("basis") or r.basis
            subject = row.get("subject") or ""
            if (bad(metric) and not is_change) or subject.startswith("的") or subject in words or (
                    subject in basis_set) or bad(subject) or (
                    not metric and not subject and not row.get("department") and r.metric) or (
                    _SWALLOWED.search(subject) and r.shape == "count" and r.subject) or (  # 乡镇卫生院、786所…
                    QUALIFIER.match(subject) and r.subject):  # 按自然口径计算 is how, not what
                if r.metric or r.subject:
                    row["metric"], row["subject"] = r.metric, r.subject
                    if r.change:
                        row["scope"] = "change"
                    elif metric and metric[-1] in "到至" and row.get("scope") == "change":
                        row["scope"] = "other"  # 由6.06张增加到6.47张: 6.47 is the new level, no change
                elif bad(metric):
                    row["metric"] = None  # 有, 对, 除: no metric rather than a fragment
            elif (r.change and metric and metric.endswith(r.change) and not row.get("subject")
                  and len(metric) > len(r.change) and not metric.startswith(("同比", "环比", "年均"))):
                # 衣着比上年上涨0.4%: the change of what the words before it name
                row["metric"], row["subject"], row["scope"] = r.metric, r.subject, "change"
            elif (not row.get("subject") and r.change and r.subject and metric
                  and metric.removeprefix("同比").removeprefix("环比") in change_verbs):
                row["subject"], row["scope"] = r.subject, "change"  # 增产7.5% of what the clause names
            elif row.get("scope") == "change" and not row.get("subject") and (metric or "").endswith(
                    tuple(change_verbs)) and r.change and r.subject:
                row["subject"] = r.subject
            elif (row.get("scope") == "change" and r.change and r.subject and row.get("subject")
                  and r.subject.endswith(row["subject"]) and len(r.subject) > len(row["subject"])):
                row["subject"] = r.subject  # 增加值 -> 规模以上工业增加值: the whole noun phrase
            elif (r.shape == "level" and metric and r.metric and r.metric != metric and r.metric.endswith(metric)
                  and not row.get("subject") and not row.get("department") and seg is not None
                  and ((not metric.startswith(verbs) and not metric.endswith(verbs)
                        and _noun_extension(r.metric[: -len(metric)], metric, seg, lists.get("compound_heads", ())))
                       or _measure_extension(r.metric[: -len(metric)], metric, seg,
                                             lists.get("compound_heads", ())))):
                row["metric"] = r.metric  # 零售总额 -> 社会消费品零售总额: the nouns before it too
            elif (r.shape == "level" and metric and r.metric and r.metric.endswith(metric) and metric.endswith("率")
                  and not row.get("subject") and not row.get("department") and seg is not None
                  and _qualifier(r.metric[: -len(metric)], seg)):
                row["metric"] = r.metric  # 发现率 -> 不合格发现率: the rate's own qualifier
            elif (r.shape == "level" and metric and r.metric and r.metric.endswith(metric) and not row.get("department")
                  and (not row.get("subject") or row["subject"] not in r.metric) and seg is not None
                  and _in_part(text, row["char_start"]) and (topic := _topic(r.metric[: -len(metric)], seg)) is not None):
                row["subject"] = topic  # 其中，电话渠道受理24.91万件: the part of the total it counts
            elif r.shape == "count" and r.subject and not row.get("subject") and row.get("metric"):
                row["subject"] = r.subject  # 共报告14起ILI暴发疫情: what was counted
                if r.metric and r.metric in row["metric"]:
                    row["metric"] = r.metric  # 南方省份检测到 -> 检测
        if r is not None and row["rule"] != RULE_ID:
            _reread(row, r, seg, linking)
        metric = row.get("metric")
        if (r is not None and r.shape == "count" and vs is not None and metric and row.get("unit")
                and text.startswith(metric, row["char_end"] - len(metric))
                and text.endswith(row["unit"], 0, row["char_end"] - len(metric))  # 57件工单, not 38个部门窗口
                and (mod := _modifier_before(text, vs, scope_words)) is not None):
            row["metric"], row["subject"] = mod + metric, None  # 对超期未办结的57件工单: 超期未办结工单
        if row.get("subject") in scope_words:  # 累计上线42个，本月新增6个: 本月 is when, not what
            row["subject"] = _indicator(last, change_verbs, text) if last is not None else None
        if row.get("metric") in _SHARES and not row.get("subject") and r is not None and r.shape == "share" and (
                r.subject and not r.inherited):
            row["subject"] = r.subject  # 其中税收收入占比达到72.4%: the share of what its clause names
        elif row.get("metric") in _SHARES and not row.get("subject") and last is not None:
            row["subject"] = _indicator(last, change_verbs, text)  # 税收收入8.9亿元，占比72.1%
        if r is not None and r.inherited and row.get("scope") == "change" and last is not None and (
                not row.get("subject") or row["subject"] == r.subject or len(row["subject"]) <= 2
                or row["subject"] in basis_set):
            row["subject"] = _indicator(last, change_verbs, text)  # 从54万亿元增加到82.7万亿元，年均增长7.1%
        if (row.get("scope") != "change" or row.get("value_from") is not None) and (
                row.get("metric") or row.get("subject")) and (r is None or r.shape not in ("compare", "ratio")):
            # not a level at a compared time (较上月（5917例）) nor a ratio (为预算的100.8%): a change
            # after it is of the indicator before
            last = row
        if bad(row.get("metric")) and not (row.get("subject") and row["metric"].endswith(tuple(change_verbs))):
            row["metric"] = None  # whatever read it, a fragment is no metric
        if row.get("scope") == "change" and not row.get("basis"):
            row["basis"] = (r.basis if r is not None else None) or _basis_before(
                text, row["char_start"], vs if vs is not None else row["char_end"], basis_words)
        row.setdefault("basis", None)
        row["indicator"] = r.indicator if r is not None and r.shape == "compare" else _indicator(row, change_verbs, text)
        lo = max(0, row["char_start"] - 80)
        row["target"] = bool(_TARGET.search(text, max(lo, text.rfind("。", lo, row["char_start"]) + 1),
                                            row["char_start"] + 1)) or bool(_TARGET_SECTION.search(row.get("section") or ""))


# what a modifier before 的 may open with that is no part of it: a preposition (对超期未办结的…)
_MODIFIER_LEAD = regex.compile(r"^.*?(?:对于|对|将|把|向|给)(?=\p{Han}{2})")
_MODIFIER_MAX = 8


def _modifier_before(text: str, vs: int, scope_words: frozenset[str]) -> str | None:
    """The words before 的 right before a count (对超期未办结的57件工单 -> 超期未办结; 对重复投诉的23件
    工单 -> 重复投诉) that say which of the counted things these are, or None: Han characters only,
    back to the clause's start or a preposition, a time or scope word (本周) left out."""
    if vs < 2 or text[vs - 1] != "的":
        return None
    lo = vs - 1
    while lo > 0 and _HAN_START.match(text[lo - 1]) and vs - 1 - lo < 16:
        lo -= 1
    run = _MODIFIER_LEAD.sub("", text[lo : vs - 1])
    for w in sorted(scope_words, key=len, reverse=True):
        if run.startswith(w):
            run = run[len(w):]
            break
    return run if 2 <= len(run) <= _MODIFIER_MAX else None


def _reread(row: dict[str, Any], r: Reading, seg: Segmenter | None, linking: frozenset[str]) -> None:
    """In place: what a rule's row takes from the clause grammar's reading of its quantity: a
    ratio's base and indicator (为预算的100.8% of 一般公共预算收入), a share's part (税收收入占一般公共
    预算收入的比重为65.2%: subject 税收收入占一般公共预算收入), the nouns before a rule's metric that opens
    with an adverbial (新收政府信息|公开申请: 政府信息公开申请)."""
    metric, subject = row.get("metric"), row.get("subject")
    if (row.get("scope") == "change" and r.change and r.inherited and r.subject and r.metric and subject
            and r.metric.startswith(subject) and r.metric != r.change):
        row["metric"], row["subject"] = r.metric, r.subject  # 拉动全市规上工业增长4.1个百分点: of the one before
    elif (row.get("scope") == "change" and r.change and r.subject and subject and "、" in r.subject
            and r.subject.rsplit("、", 1)[1] in subject):
        row["subject"] = r.subject  # 收入、支出总计各减少: the change of each, not of the last
    elif (row.get("scope") == "change" and r.change and r.subject and subject and r.basis
          and r.basis.endswith(subject) and r.subject != subject):
        row["subject"] = r.subject  # 比上年执行数增长6.8%: 执行数 is the basis's, not what grew
    elif (row.get("scope") == "change" and r.change and r.subject and subject and _EXPECTED.search(subject)
          and r.subject.endswith(_EXPECTED.sub("", subject))):
        row["subject"] = r.subject  # 一般公共预算收入预期增长5%: 预期 is how, not what
    elif (r.shape == "level" and metric and r.metric and len(metric) > len(r.metric) and metric.startswith(r.metric)
          and metric[len(r.metric):] in linking):
        row["metric"] = r.metric  # 八项民生支出完成52.3亿元: the linking verb is no part of the metric
    elif r.shape == "level" and r.subject and not subject and metric == r.metric and not row.get("department"):
        row["subject"] = r.subject  # …支出预算为36.00万元，支出决算为29.45万元: of what the level before names
    elif r.shape == "ratio" and r.subject and row.get("scope") != "change":
        row["metric"], row["subject"] = r.metric, r.subject
    elif r.shape == "share" and r.subject and metric in _SHARES and not subject and not r.inherited:
        row["subject"] = r.subject  # 税收收入占比68.2%: the part is written before 占比
    elif (r.shape == "share" and r.subject and metric in _SHARES and subject
          and r.metric == "占" + subject + "比重" and subject not in r.subject):
        row["subject"] = r.subject + "占" + subject
    elif (r.shape == "level" and metric and not subject and not row.get("department") and seg is not None
          and r.metric and len(r.metric) > len(metric) and r.metric.endswith(metric)):
        row["metric"] = _adverbial_compound(r.metric[: -len(metric)], metric, seg) + metric


def _adverbial_compound(ext: str, metric: str, seg: Segmenter) -> str:
    """The words before a rule's metric that belong to it when an adverbial binds them (政府信息|公开申请,
    政府信息公开|申请数量: 公开 says how, the nouns it follows say of what): the adverbial and the
    nouns before it, else ''."""
    toks = seg.tagged(ext + metric)
    cut = len(ext)
    first = next((t for t in toks if t.start == cut), None)
    if first is None:
        return ""
    if first.pos in ("ad", "d") and first.end < len(ext + metric):
        return _nouns_before(ext, metric, seg)
    last = next((t for t in toks if t.end == cut), None)
    if last is not None and last.pos == "ad" and last.start > 0:
        nouns = _nouns_before(ext[: last.start], ext[last.start:] + metric, seg)
        return nouns + last.text if nouns else ""
    return ""


def _nouns_before(ext: str, metric: str, seg: Segmenter) -> str:
    """The common nouns (of two characters or more) ``ext`` ends with, when ``metric`` opens a
    word of its own: 新收政府信息 + 公开申请 -> 政府信息; '' when there are none."""
    toks = seg.tagged(ext + metric)
    cut = len(ext)
    if not any(t.start == cut for t in toks):
        return ""
    out = ""
    for t in reversed([t for t in toks if t.end <= cut]):
        if len(t.text) < 2 or not t.pos.startswith(_EXT_POS) or t.pos.startswith(("nr", "ns", "nt")):
            break
        out = t.text + out
    return out


_EXPECTED = regex.compile(r"(?:预期|预计)$")
# a plan's expected values: the figures after these words in their sentence are targets
_TARGET = regex.compile(r"预期目标|目标(?:是|为)|力争|预计|(?<!超出|超过|好于|高于|低于|不及|符合|超|于)预期")
# a section of a plan's targets: 二、2025年主要目标, 今年主要预期目标
_TARGET_SECTION = regex.compile(r"目标(?:任务)?$|预期目标")


def _basis_before(text: str, lo: int, hi: int, words: tuple[str, ...]) -> str | None:
    window = text[max(0, lo - 2) : hi]
    best = None
    for w in words:
        i = window.rfind(w)
        if i >= 0 and (best is None or i > best[0]):
            best = (i, w)
    m = None
    for found in _BASIS_RE.finditer(window):
        m = found  # the last one before the value
    if m is not None and (best is None or m.start() > best[0]):
        return m.group()
    return best[1] if best else None


def _indicator(row: dict[str, Any], change_verbs: set[str], text: str | None = None) -> str | None:
    """What the figure measures, the same for a level and its change: a change's subject, else
    the subject and metric together (行政许可事项 + 受理; as the text writes them when its verb
    comes first: 受理群众诉求4.17万件 is 受理群众诉求, not 诉求受理), else either."""
    metric, subject = row.get("metric"), row.get("subject")
    if row.get("scope") == "change" and subject:
        return subject
    if metric in _SHARES and subject and "占" in subject:
        return subject + "比重"  # 税收收入占一般公共预算收入 + 比重
    if metric and subject:
        written = _verb_object(row, metric, subject, text) if text is not None else None
        return written or (subject + metric if not metric.startswith(subject) else metric)
    return metric or subject


_VERB_OBJECT_GAP = regex.compile(r"\p{Han}{0,4}")


def _verb_object(row: dict[str, Any], metric: str, subject: str, text: str) -> str | None:
    """The verb and its object as the clause before the value writes them (受理群众诉求: the verb
    受理, a few words, the object 诉求), or None."""
    lo = max(0, row["char_start"] - 30, text.rfind("，", 0, row["char_end"]) + 1, text.rfind("。", 0, row["char_end"]) + 1)
    hi = row.get("_value_start") or row["char_end"]
    at = text.rfind(metric, lo, hi)
    if at < 0:
        return None
    obj = text.find(subject, at + len(metric), hi)
    if obj < 0 or not _VERB_OBJECT_GAP.fullmatch(text, at + len(metric), obj):
        return None
    return text[at : obj + len(subject)]


def quantities_of(clean: CleanText, lists: dict[str, tuple[str, ...]]) -> tuple[list[Quantity], Lexicon]:
    """Every quantity of the text and the attribution lexicon."""
    units = tuple(dict.fromkeys(lists.get("units", ()) + lists.get("measure_units", ())))
    return scan_quantities(clean.text, units), lexicon_of(lists)


_YEAR_END = regex.compile(r"年末|年底|末")


def year_periods(rows: list[dict[str, Any]], text: str, year: int | None, has_period: bool) -> None:
    """In place: in a report on a whole year that was over when it came out (a 统计公报, a 年报;
    ``year`` None otherwise), a figure with no period of its own covers that year (全年, a change over
    the year), or its last day when its clause says 年末/年底 (a stock at the year's end)."""
    if year is None or has_period:
        return
    from datetime import date

    last = date(year, 12, 31)
    for row in rows:
        if row.get("target") or row.get("scope") == "cumulative":
            continue
        lo = max(0, row["char_start"] - 30)
        cut = max(text.rfind(ch, lo, row["char_start"]) for ch in "。；\n")
        if _YEAR_END.search(text, max(lo, cut + 1), row["char_end"]):
            if row.get("period_start") is None or row.get("period_end") == last:
                row["period_start"] = row["period_end"] = last  # a stock at the year's end
        elif row.get("period_start") is None:
            row["period_start"], row["period_end"] = date(year, 1, 1), last


def pair_each(rows: list[dict[str, Any]], text: str, lex: Lexicon | None = None) -> None:
    """In place: ``A N1，B N2，分别增长x%和y%``: the changes after 分别 are of the levels before it,
    in order, when there are as many of each in the sentence."""
    i = 0
    while i < len(rows):
        row = rows[i]
        at = text.rfind("分别", max(0, row["char_start"] - 12), row["char_end"])
        if at >= 0 and row.get("scope") != "change":
            i += _pair_levels(rows, i, text, at, lex)
            continue
        if row.get("scope") != "change" or at < 0:
            i += 1
            continue
        # the values of this 分别: up to the next 分别 or the next clause of the sentence (；)
        stops = [k for k in (text.find("分别", at + 2), text.find("；", at), text.find(";", at)) if k >= 0]
        until = min(stops, default=len(text))
        run = [r for r in rows[i:] if r["sentence"] == row["sentence"] and r.get("scope") == "change"
               and r["char_end"] > at and r["char_start"] < until][:8]
        # the levels of the list 分别 closes: after the last change before it
        opened = max((r["char_end"] for r in rows[:i] if r["sentence"] == row["sentence"]
                      and r.get("scope") == "change" and r["char_end"] <= at), default=-1)
        levels = [r for r in rows[:i] if r["sentence"] == row["sentence"] and r.get("scope") != "change"
                  and opened <= r["char_start"] and r["char_end"] <= at and (r.get("metric") or r.get("subject"))]
        names = [r.get("indicator") for r in levels[-len(run):]]
        if len(levels) < len(run) and len({r.get("subject") for r in run}) == 1:
            # A、B分别增长x%和y%: the names listed before 分别 (unless a reader told them apart)
            names = _listed_names(text, at, len(run), lex)
            levels = names if len(names) == len(run) else []
        if len(run) >= 2 and len(levels) >= len(run) and len(set(names)) == len(names):
            for r, name in zip(run, names, strict=True):
                r["subject"], r["indicator"] = name, name
        i += max(1, len(run))


def _pair_levels(rows: list[dict[str, Any]], i: int, text: str, at: int, lex: Lexicon | None) -> int:
    """``A、B分别为N和M``: the levels after 分别 are of the names listed before it, in order.
    Returns how many rows it read."""
    row = rows[i]
    run = [r for r in rows[i:] if r["sentence"] == row["sentence"] and r.get("scope") != "change"
           and r["char_start"] > at and r.get("unit") == row.get("unit")][:8]
    names = _listed_names(text, at, len(run), lex)
    if len(run) < 2 or len(names) != len(run) or len(set(names)) != len(names):
        return 1
    # only rows the readers could not tell apart: not per-department counts (省民政厅、省公安厅窗口分别
    # 受理36件、28件: the department column says whose), not 受理、办结量分别达到… (metrics already differ)
    if len({(r.get("metric"), r.get("subject")) for r in run}) > 1 or any(r.get("department") for r in run):
        return 1
    for r, name in zip(run, names, strict=True):
        r["metric"], r["indicator"] = name, name
        if r.get("subject") in names:
            r["subject"] = None
    return len(run)


_CLAUSE_OPEN = regex.compile(r"[，,。；;：:\n（(]")
_NAME_SEP = regex.compile(r"[、和及与]")
_NAME = regex.compile(r"\p{Han}[\p{Han}A-Za-z（）()]{1,15}")


def _listed_names(text: str, at: int, n: int | None = None, lex: Lexicon | None = None) -> list[str]:
    """The names of ``A、B和C分别…`` (the clause before ``at``), or [] when it is no such list.
    With ``n`` (the number of values), a list whose names hold 和 themselves (教育文化和娱乐类、居住类和
    医疗保健类) splits at 、 and at the first conjunction of its last item, when that gives ``n``.
    With ``lex``, scope words opening a name are dropped (全年粮食 -> 粮食)."""
    if at > 0 and text[at - 1] in "）)":  # 销售额（营业额）分别: an aside in brackets before 分别
        opened = max(text.rfind("（", max(0, at - 20), at), text.rfind("(", max(0, at - 20), at))
        at = opened if opened > 0 else at
    start = max((m.end() for m in _CLAUSE_OPEN.finditer(text, max(0, at - 60), at)), default=max(0, at - 60))
    clause = text[start:at]
    parts = [p.strip() for p in _NAME_SEP.split(clause)]
    if n is not None and len(parts) != n:
        items = [p.strip() for p in clause.split("、")]
        last = _NAME_SEP.split(items[-1], 1)
        for cand in (items[:-1] + last, items):
            if len(cand) == n:
                parts = [p.strip() for p in cand]
                break
    if len(parts) < 2 or not all(_NAME.fullmatch(p) for p in parts):
        return []
    return [strip_prefixes(p, lex) or p for p in parts] if lex is not None else parts
