"""Attribution: the clause around a quantity -> what the quantity is said of.

The shapes read, in any genre (each with a test table in tests/test_quantities.py):

- level, the noun phrase before the number: ``X为/达/达到/实现/共/累计 N``, ``X N`` -> metric X;
- change: ``X(比上年)增长 N%`` -> metric 增长, subject X, basis 比上年; with no X in the clause
  (``4500.2亿元，比上年增长4.8%``) the indicator of the quantity before it in the sentence;
- count before the noun: ``检测到N份X``, ``新增N个X`` -> subject X, metric the verb before N;
- ``N份为X`` / ``N%为…的X`` -> metric X;
- a value in brackets right after another (``149株（63.7%）``, ``164(1.6%)``) and a value that
  follows another with only spaces between (a table line) -> the indicator of the one before.

Scope and place words (全年, 全市, 年末, 其中 ...: ``metric_prefixes``) and linking verbs (为, 达,
共: ``linking_verbs``) are never part of the metric. The word lists live in ``rules/gazetteers``;
the shapes are the grammar.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Protocol

import regex

from .scan import STATISTIC, Quantity

# a clause ends at these (a list item at 、)
_DELIMS = "，,；;。！？!?：:\n、"
_OPEN = "（("
_CLOSE = "）)"
_HAN = regex.compile(r"\p{Han}")
_DIGIT = regex.compile(r"\d")
_NOUN_START = regex.compile(r"[\p{Han}A-Za-z]")
# what a noun phrase may end with that is no part of it: a year or span (由2002年, 支出五年), a
# preposition opening the value (由, 从, 按), a conjunction
_TAIL_TIME = regex.compile(
    r"(?:(?:由|从|自|按|和|及|与|或|、)?(?:\d{4}年(?:底|末)?的?|(?:去年|上年|前年|今年|年初)(?:底|末)?的?"
    r"|[一二两三四五六七八九十\d]+年(?:来|间)?)|由|从|自|和|及|与|或)+$")
_ADVERB_TAIL = regex.compile(r"(?:分别|均|都|也|各|又|再|还|仍|已|一直|继续|始终|仍然|已经|基本|拟|预期|预计)+$")
# what may stand between two values of one table line: spaces and brackets
_BETWEEN_CELLS = regex.compile(r"[\s（()）]*")
# between two values of one list (分别增加12件和8件, 0.2个百分点及0.5个百分点)
_LIST_GAP = regex.compile(r"\s*(?:、|和|及|与|或)\s*")
_YEAR_BASIS = regex.compile(
    r"(?:比|较|与)(?:\d{4}年度?(?:预算|同期)?|上年度?|去年|上月|上周|前一周|年初|上季度|[一二三四]季度|[上下]半年|前[二三]季度"
    r"|[前上](?:[一二两三四五六七八九十]|\d{1,2})个?(?:年|月|季度|周|五年)"
    r"|\d{1,2}月份?|1[-—–－~～]\d{1,2}月份?|同期|(?:年初|调整)?预算数?|计划数?)(?:同期|末|底)?(?:预算数?|计划|执行数|决算数)?(?:相比)?$")
# words right after a quantity that do not start a counted noun (比上年, 增长, 以上 ...)
_NOT_NOUN_AFTER = regex.compile(
    r"^(?:比|同比|环比|较|与|增长|下降|提高|降低|增加|减少|上升|以上|以下|以内|左右|上下|占|的|为|是|和|及|或|等|"
    r"次|后|前|内|中|时|以|分别|其中|同期|对|至|到|多|余|之|每|/|以来|期间|左|也|均|都|已|了|即|则|且|并|共|合计)"
)
_LONG = 14
# a Latin abbreviation or formula in brackets after a name: 细颗粒物（PM2.5）, 臭氧（O3）, 化学需氧量（COD）
# and the statistic it is of (scan.STATISTIC: 日最大8小时平均, 第90百分位): neither counts in a name's length
_ABBREVIATION = regex.compile(r"[（(][A-Za-z][A-Za-z0-9.₀-₉ ]{0,9}[）)]|" + STATISTIC.pattern)
_WRAPPED = regex.compile(r"(?:^|[，,；;：:。！？\n])(?P<np>\p{Han}{2,14})$")
_LEAD_DATE = regex.compile(r"(?:\d{4}年(?:末|底|度)?|\d{1,2}月份?|[一二三四]季度|[上下]半年|前[二三]季度|1-\d{1,2}月)")
PCT_PAREN = regex.compile(r"[（(]%[）)]$")
# a condition of the measurement, not what is measured: 按可比价格计算, 扣除留抵退税因素后, 按自然口径计算
QUALIFIER = regex.compile(
    r"^(?:按照?|扣除|剔除|不含|若|以)\p{Han}{0,12}?(?:计算|后|计|口径|因素影响|因素)$|^(?:可比价格|可比口径|同口径)$")
_WIDE_END = regex.compile(r"[，,；;。！？!?：:\n]|[、和及与](?=\s*(?:\d|[一二两三四五六七八九十百千万]+[个家所项件名人]))")
_SENTENCE_PARTS = "，,；;。！？!?：:\n（()）"
_LOCALIZER = regex.compile(r"(?<=\p{Han}{2})[中里内]$")
_FROM = regex.compile(r"^\s*(?:将|已|也|还|均)?(?:从|由|自)")
# the words before a bracketed value that compare it: 低于前一周水平（3.8%）, 高于2022年同期水平（2.3%）
_COMPARED = regex.compile(r"(?:低于|高于|略低于|略高于|与|接近|持平于)(?P<what>[^，,；;。（(]{1,30})$")
# a change to a new level: 增加到, 提高至, 下降到 (the value after it is a level of what changed)
_TO_VERB = regex.compile(r"(?:增加|增长|提高|提升|下降|降低|减少|上升|扩大|缩小|缩短|延长|调整|调高|调增)(?:到|至|为)(?:\d{4}年(?:底|末)?的?)?$")
# a rate's denominator written between the verb and the number: 提高到每人每月320元, 调整为每月2490元
_PER_UNIT = regex.compile(r"(?:每[人户月年日天周亩吨]){1,2}$")
_COMPARED_INLINE = regex.compile(r"(?:低于|高于|略低于|略高于|对比|相比)(?P<what>[^，,；;。（(]{1,12}?)的?$")
# a ratio to a plan or a base: 为预算的100.8%, 完成年初预算的104.54%, 为上年的102.3% (of the indicator
# the clause or the sentence names before it)
_RATIO = regex.compile(r"(?:完成|为|是|达到?|相当于)(?P<base>[^，,；;。！？!?：:\n的占]{1,8}?)的$"
                       r"|完成(?P<base>(?:年初|调整后?|全年)?(?:预算|计划)数?)$")
_PLAN = regex.compile(r"(?:预算|计划|目标|任务)数?$")
_SHARE = regex.compile(r"占(?P<whole>[^，,；;。占]{0,16}?)(?:的)?(?:比重|比例)?(?:为|达|达到)?$")
_COMPARATIVE = regex.compile(r"(?P<basis>(?:比|较)[^，,；;。比较]{1,10}?)(?P<verb>[高低多少快慢])了?$")
_IS_AFTER = regex.compile(r"^(?:[（(][^）)]{0,20}[）)])?\s*(?:为|是|对)(?P<what>[^，,；;。！？!?：:\n、]{1,40})")
_TRAILING_PAREN = regex.compile(r"(?<![A-Za-z0-9])[（(][^）)]*[）)]?$")
# a frame that places or aims the clause, never its metric: 在…中(有), 对…, 从…
_FUNCTION_WORDS = frozenset(("在", "对", "从", "由", "有", "除", "和", "与", "及", "其中", "共有", "将", "并"))
_FRAME = regex.compile(r"^(?:在?[^，,；;。]{1,30}?[中里内](?:有|共有)?|在[^，,；;。]{1,30}?[中里内上]|对[^，,；;。]{1,30}?(?:进行|开展)[^，,；;。]*)$")
# what a noun phrase never opens with: spaces, a list's dashes and bullets (——地区生产总值), stray
# separators; not a quote or bracket, which open a name (“小巨人”企业)
_LEADING_JUNK = regex.compile(r"^[\s\p{Pd}●•·、，,：:；;.．]+")
# an aside in brackets that lists examples (（“浙里办”、微信公众号、网站等）) is no part of a noun phrase
_ASIDE = regex.compile(r"（[^（）]*(?:、|等)[^（）]*）(?=.)")
# values for each of the names listed before: …分别为, 分别是, 分别达到
_EACH = regex.compile(r"分别(?:为|是|达到|达)?$")
# a name with its value in brackets, in a list (市住房和城乡建设局（8214件）、市公安局（5438件）): the
# name runs back to the list's separator
_LABEL = regex.compile(r"(?:^|[、，,；;：:]|[）)](?:以及|和|及|与))(?P<name>[\p{Han}“”]{2,20})$")
# what a ranked list counts, in the words that open it: 受理量居前五位的依次为：…, 投诉量排名前三的是…
_RANKED = regex.compile(
    r"(?P<what>\p{Han}{2,12}?)(?:居|位居|排名|排在|位列|排)(?:前|第)[\p{Han}\d]{1,3}(?:位|名)?的?"
    r"(?:\p{Han}{1,6}?)?(?:依次|分别)?(?:为|是|有)[：:]?")
# a superlative clause whose value follows in the next one: 鄞州区受理量最多，为5.36万件
# a rate noun with no indicator (增速比1—8月回落0.4个百分点): the rate of the indicator before it
_RATE_WORDS = r"(?:增速|增幅|涨幅|降幅|跌幅|增长速度|增长幅度|上涨幅度|下降幅度)"
_RATE_NOUN = regex.compile(rf"^{_RATE_WORDS}$")
_RATE_TAIL = regex.compile(rf"(?<=\p{{Han}}{{2}}){_RATE_WORDS}$")
# a contribution to a total (拉动全市规上工业增长4.1个百分点, 影响居民消费价格总水平下降约0.27个百分点): a
# change of the total that the indicator before it makes
_CONTRIBUTION = regex.compile(r"^(?:拉动|带动|影响|下拉|推动|拉低|拉高)[\p{Han}A-Za-z]")
_SUPERLATIVE = regex.compile(r"(?P<what>\p{Han}{2,16}?)(?:最多|最高|最大|最少|最低|最快|居首|居第一|位居第一|排名第一)$")


@dataclass(frozen=True, slots=True)
class Reading:
    """What one quantity is said of. ``metric_start`` indexes the cleaned text (None when the
    metric is inherited or not written next to the quantity)."""

    metric: str | None
    subject: str | None = None
    change: str | None = None  # the change verb, for a change (增长, 下降 ...)
    basis: str | None = None  # what the change is against (比上年, 同比 ...)
    shape: str = "level"  # level, change, count, is, inherit
    metric_start: int | None = None
    inherited: bool = False  # the subject is the indicator of the quantity before

    @property
    def indicator(self) -> str | None:
        """The indicator the quantity measures: a change's subject, else the metric (with the
        counted subject when there is one)."""
        if self.change:
            return self.subject or None
        if self.shape == "compare":
            return self.metric
        if self.shape == "ratio":
            return self.subject or self.metric
        if self.subject and self.metric:
            return self.subject + self.metric if self.shape != "count" else self.subject
        return self.metric or self.subject


class Words(Protocol):
    """Word-level reading attribution needs (jieba parts of speech; see rows.JiebaWords)."""

    def trailing_verb(self, s: str) -> str | None:
        """The verb ``s`` ends with (南方省份共报告 -> 报告), or None."""

    def opens_with_verb(self, s: str) -> bool:
        """True when ``s`` opens with a verb (安排, 完成), not a noun."""

    def noun_tail(self, s: str) -> str | None:
        """The noun phrase ``s`` ends with (市政府网站主动公开各类政府信息 -> 政府信息), or None."""

    def noun_head(self, s: str) -> str | None:
        """The noun phrase ``s`` opens with (煤电机组实现超低排放 -> 煤电机组), or None."""

    def leading_verb(self, s: str) -> str | None:
        """The verb ``s`` opens with (受益, 纳入), or None."""

    def without_predicate(self, s: str) -> str | None:
        """``s`` without the verbs and adverbs it ends with (民生实事全部完成 -> 民生实事), or None."""


@dataclass(frozen=True)
class Affixes:
    """A word list looked up at a string's end or start, longest word first: one set lookup
    per word length instead of a test per word."""

    words: frozenset[str]
    lengths: tuple[int, ...]  # longest first

    @classmethod
    def of(cls, words: tuple[str, ...]) -> Affixes:
        """The lookup of ``words`` (empty words are ignored)."""
        kept = frozenset(w for w in words if w)
        return cls(kept, tuple(sorted({len(w) for w in kept}, reverse=True)))

    def suffix(self, s: str, shorter: bool = False) -> str | None:
        """The longest word ``s`` ends with (``shorter``: only a word shorter than ``s``)."""
        n = len(s)
        for k in self.lengths:
            if k < n or (k == n and not shorter):
                w = s[n - k:]
                if w in self.words:
                    return w
        return None

    def prefix(self, s: str) -> str | None:
        """The longest word ``s`` starts with."""
        for k in self.lengths:
            if k <= len(s) and s[:k] in self.words:
                return s[:k]
        return None


@dataclass(frozen=True)
class Lexicon:
    """The word lists attribution reads, longest first, and their affix lookups."""

    linking: tuple[str, ...]
    change: tuple[str, ...]
    basis: tuple[str, ...]
    prefixes: tuple[str, ...]

    @cached_property
    def linking_at(self) -> Affixes:
        """Linking verbs, looked up at a noun phrase's end."""
        return Affixes.of(self.linking)

    @cached_property
    def change_at(self) -> Affixes:
        """Change verbs, looked up at a clause's end."""
        return Affixes.of(self.change)

    @cached_property
    def basis_at(self) -> Affixes:
        """Comparison bases, looked up at a clause's end."""
        return Affixes.of(self.basis)

    @cached_property
    def prefixes_at(self) -> Affixes:
        """Scope and place words, looked up at a noun phrase's start."""
        return Affixes.of(self.prefixes)


@lru_cache(maxsize=8)
def _lexicon(linking: tuple[str, ...], change: tuple[str, ...], basis: tuple[str, ...],
             prefixes: tuple[str, ...]) -> Lexicon:
    def lf(words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(set(words), key=len, reverse=True))

    return Lexicon(lf(linking), lf(change), lf(basis), lf(prefixes))


def lexicon_of(lists: Mapping[str, tuple[str, ...]]) -> Lexicon:
    """The lexicon from a rulebook's lists (cached per list contents)."""
    return _lexicon(lists.get("linking_verbs", ()), lists.get("change_verbs_rate", ()),
                    lists.get("basis_words", ()), lists.get("metric_prefixes", ()))


def clause_start(text: str, q: Quantity, floor: int) -> int:
    """Where the clause holding ``q`` starts: after the last delimiter (or an opening bracket
    the quantity sits in) before it, and never before ``floor``."""
    i = q.start - 1
    depth = 0
    while i >= floor:
        ch = text[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                return i + 1
            depth -= 1
        elif ch in _DELIMS and depth == 0:
            return i + 1
        i -= 1
    return max(floor, 0)


def _clause_end(text: str, start: int) -> int:
    n = len(text)
    i = start
    while i < n and text[i] not in _DELIMS:
        i += 1
    return i


def strip_prefixes(np: str, lex: Lexicon) -> str:
    """Drop the scope, place and discourse words a noun phrase opens with (全年全市地区生产总值 ->
    地区生产总值) and a year or date left in front (2023年, 12月份)."""
    while True:
        np = _LEADING_JUNK.sub("", np)
        m = _LEAD_DATE.match(np)
        if m and m.end() < len(np):
            np = np[m.end():]
            continue
        p = lex.prefixes_at.prefix(np)
        if p is None:
            return np
        np = np[len(p):]


def _strip_linking(np: str, lex: Lexicon) -> str:
    """Drop linking verbs at the end (地区生产总值达到 -> 地区生产总值) and keep what follows the last
    total word inside (实验室共检测标本 -> 检测标本)."""
    while np:
        w = lex.linking_at.suffix(np, shorter=True)
        if w is None:
            break
        np = np[: -len(w)]
    np = _ADVERB_TAIL.sub("", np)
    np = _TAIL_TIME.sub("", np)
    for w in ("共计", "总计", "合计", "累计"):
        i = np.rfind(w)
        if 0 < i and len(np) - i - len(w) >= 2:
            return np[i + len(w):]
    return np


def _basis(head: str, lex: Lexicon) -> tuple[str, str | None]:
    """(the words before, the basis) of a change's words before its verb: 比上年, 同比, 比2022年."""
    b = lex.basis_at.suffix(head)
    if b is None:
        m = _YEAR_BASIS.search(head)
        b = m.group() if m else None
    return (head[: -len(b)], b) if b else (head, None)


def _tail(np: str) -> str:
    """The last ``_LONG`` characters of a long noun phrase, back to the opening quote of a quoted
    name it would cut (“三公”经费…)."""
    tail = np[-_LONG:]
    if "”" in tail and "“" not in tail.split("”")[0]:
        i = np.rfind("“", 0, len(np) - len(tail) + 1)
        if i >= 0:
            return np[i:]
    return tail


def _after_de(np: str) -> str:
    """The head after the last 的 of a noun phrase (哨点医院报告的ILI% -> ILI%), when it is
    at least two characters."""
    i = np.rfind("的")
    return np[i + 1:] if i >= 0 and len(np) - i - 1 >= 2 else np


def _clean(np: str) -> str:
    np = np.strip()
    while np.endswith("的") and len(np) > 2:
        np = np[:-1]
    np = _TRAILING_PAREN.sub("", np.strip()) if not np.endswith(("%)", "%）")) else np.strip()
    np = PCT_PAREN.sub("", np).strip()
    np = np.strip(" \t　\"'")
    if np.startswith("“") and "”" not in np:
        np = np[1:]
    if np.endswith("”") and "“" not in np:
        np = np[:-1]
    return np


def _bracket_label(text: str, q: Quantity, floor: int, lex: Lexicon) -> Reading | None:
    """``NAME（N件）`` in a list: the value alone in brackets right after a name is that name's
    (市住房和城乡建设局（8214件）); what it measures is what the list opens with (受理量居前五位的依次为：).
    None when the brackets hold more than the value or no name stands before them."""
    close = q.end
    while close < len(text) and text[close] in " \t":
        close += 1
    if close >= len(text) or text[close] not in _CLOSE:
        return None
    open_at = q.start - 1
    sent = max(text.rfind(ch, 0, open_at) for ch in "。！？!?\n") + 1
    ranked = list(_RANKED.finditer(text, sent, open_at))
    metric = _clean(strip_prefixes(ranked[-1].group("what"), lex)) or None if ranked else None
    if ranked and not _WIDE_END.search(text, ranked[-1].end(), open_at) and "、" not in text[ranked[-1].end():open_at]:
        name = text[ranked[-1].end() : open_at]  # the first of the list: …依次为病毒性肝炎（6518例）
    else:
        m = _LABEL.search(text, max(sent, open_at - 21), open_at)
        if m is None or m.start("name") < floor:
            return None
        name = m.group("name")
    name = _clean(name)
    if len(name) < 2 or _DIGIT.search(name) or name.startswith(("比", "较", "与", "同比", "环比")) or _basis(name, lex)[1]:
        return None  # 比上年（1100件）: the compared value, no name
    return Reading(metric, name, None, None, "label", None)


def _listed(text: str, cs: int, floor: int, np: str, lex: Lexicon) -> str:
    """The nouns a 、 list names before a clause whose predicate is distributed by 各/均/分别
    (收入、支出总计各减少: 收入、支出总计), when no number stands in the list."""
    lo = cs - 1
    while lo > floor and text[lo - 1] not in _SENTENCE_PARTS and not _DIGIT.match(text[lo - 1]):
        lo -= 1
    items = text[lo : cs - 1]
    if (lo > floor and _DIGIT.match(text[lo - 1])) or not items or len(items) > _LONG:
        return np
    return _clean(strip_prefixes(items, lex)) + "、" + np


def read_quantity(
    text: str,
    q: Quantity,
    lex: Lexicon,
    prev: tuple[Quantity, Reading] | None = None,
    floor: int = 0,
    words: Words | None = None,
) -> Reading:
    """The reading of ``q``. ``prev`` is the quantity before it in the same sentence with its
    reading; ``floor`` the end of the last span the clause may not reach into (a date, a
    claimed span); ``words`` reads words by part of speech (jieba), or None."""
    floor0 = floor  # the floor before the quantity before: a change reaches back over a value in brackets
    if prev is not None:
        pq, pr = prev
        gap = text[pq.end : q.start]
        if (pr.metric or pr.subject) and (_BETWEEN_CELLS.fullmatch(gap) or (
                _LIST_GAP.fullmatch(gap) and q.unit == pq.unit)):
            shape = "each" if pr.shape == "each" and _LIST_GAP.fullmatch(gap) else "inherit"
            return Reading(pr.metric, pr.subject, pr.change, pr.basis, shape, None)
        if pq.arabic or pr.metric or pr.subject or pr.shape != "level":
            floor = max(floor, pq.end)  # not 十项民生支出: a numeral that names, not counts, is in the noun
    cs = clause_start(text, q, floor)
    pre = text[cs : q.start]
    core = _PER_UNIT.sub("", pre) or pre  # the clause before the number without its 每人每月
    post_end = _clause_end(text, q.end)
    post = text[q.end : post_end]
    # change: … (比上年) 增长 N
    v = lex.change_at.suffix(pre)
    le = 0
    if v is None and pre.endswith("了"):
        v, le = lex.change_at.suffix(pre[:-1]), 1
    if v is not None:
        head = pre[: len(pre) - len(v) - le]
        if head.lstrip(" \t%").startswith(tuple(_CLOSE)) and floor0 < floor:
            # 较上月（5917例）上升: the value in brackets before is an aside of this clause
            wide = text[clause_start(text, q, floor0) : q.start]
            head = wide[: len(wide) - (len(pre) - len(head))]
        head = _TRAILING_PAREN.sub("", head)  # the compared level in brackets
        head, basis = _basis(head, lex)
        if basis is None:
            head, basis = _basis(_ADVERB_TAIL.sub("", head), lex)
        np = _clean(strip_prefixes(_strip_linking(head.strip(), lex), lex))
        if QUALIFIER.match(np):
            np = ""  # 扣除留抵退税因素后增长5.8%: the change of the indicator before
        if np and cs > floor and text[cs - 1] == "、" and "分别" not in pre:
            # 收入、支出总计各减少 (what changed is the list); 计算机、通信和其他电子设备制造业增长: one name
            # (not 第一、二、三产业增加值分别增长: one value each, told apart after)
            np = _listed(text, cs, floor, np, lex)
        metric = v
        if basis in ("同比", "环比", "年均"):
            metric = basis + v
        if prev is not None and prev[1].indicator and prev[1].change:
            if _RATE_NOUN.match(np):  # 增速比1—8月回落0.4个百分点: the rate of the indicator before
                return Reading(metric, prev[1].indicator + np, v, basis, "change", q.start - len(v), True)
            if _CONTRIBUTION.match(np):  # 拉动…增长4.1个百分点: the contribution of the indicator before
                return Reading(np + v, prev[1].indicator, v, basis, "change", q.start - len(v), True)
        inherited = not np and prev is not None
        if inherited:
            # 涨幅比上月回落0.2个百分点；环比上涨0.8%: the change is of the indicator, not of its rate
            np = prev[1].indicator or ""
            if "百分点" in (prev[0].unit or "") and "百分点" not in (q.unit or ""):
                np = _RATE_TAIL.sub("", np) or np
        return Reading(metric, np or None, v, basis, "change", q.start - len(v), inherited)
    # a value compared: 低于上周的4.8‰, 高于4.94%的基线水平 is the indicator at another time
    m = _COMPARED_INLINE.search(pre)
    if m and prev is not None and prev[1].indicator:
        return Reading(prev[1].indicator, _clean(m.group("what")) or None, None, None, "compare", None)
    # a ratio to a plan or a base: 为预算的100.8%, 完成年初预算的104.54% (a rate of what the clause
    # or the quantity before it names)
    m = _RATIO.search(pre) if q.unit in ("%", "％") else None
    if m:
        base = m.group("base")
        np = _clean(strip_prefixes(_strip_linking(pre[: m.start()].strip(), lex), lex))
        if not np and prev is not None:
            np = prev[1].indicator or ""
        if np:
            metric = "完成" + base if _PLAN.search(base) else base
            return Reading(metric, np, None, None, "ratio", None)
    # a share: 占全省的87.1%, 占规模以上工业比重21.9%
    m = _SHARE.search(pre)
    if m:
        whole = _clean(m.group("whole"))
        np = _clean(strip_prefixes(_strip_linking(pre[: m.start()].strip(), lex), lex))
        inherited = not np and prev is not None
        if inherited and prev[1].shape != "count":  # not 完成1362个办理项的…，占全部办理项的77.8%
            np = prev[1].indicator or ""
        return Reading("占" + whole + "比重" if whole else "占比", np or None, None, None, "share", None, inherited)
    # a comparative after its basis: 比去年预算低0.4个百分点, 较上年多12家
    m = _COMPARATIVE.search(pre)
    if m:
        np = _clean(strip_prefixes(_strip_linking(pre[: m.start()].strip(), lex), lex))
        inherited = not np and prev is not None
        if inherited:
            np = prev[1].indicator or ""
        return Reading(m.group("verb"), np or None, m.group("verb"), m.group("basis"), "change", q.start - 1,
                       inherited)
    # N为X / N%（a/b）为…的X
    m = _IS_AFTER.match(post if not post.startswith(("（", "(")) else text[q.end : post_end + 40])
    np_before = _clean(_after_de(strip_prefixes(_strip_linking(core.strip(), lex), lex)))
    if _FRAME.match(np_before) or np_before in _FUNCTION_WORDS:
        np_before = ""
    if m and not np_before:
        what = _after_de(m.group("what").strip())
        what = _clean(what)
        if what:
            return Reading(what, None, None, None, "is", q.end + m.start("what"))
    # count before the noun: 检测到N份X (not 6类行权事项受理26240件: a count that qualifies the
    # subject of the next number)
    noun_after = bool(post) and bool(_NOUN_START.match(post)) and not _NOT_NOUN_AFTER.match(post)
    if noun_after and words is not None and words.opens_with_verb(post):
        noun_after = False  # 拟按2.6%安排: a verb after the number, not a counted noun
    if noun_after and _DIGIT.search(post):
        return Reading(None)
    if noun_after:
        # a list of modifiers runs on across 、 (38个国控、省控地表水监测断面中): to the clause's real end
        wide = _WIDE_END.split(text[q.end : q.end + 40], 1)[0]
        noun = _clean(_after_de(_LOCALIZER.sub("", wide[:24])))
        if words is not None and len(noun) > 4:
            noun = words.without_predicate(noun) or noun  # 十件民生实事全部完成 -> 民生实事
        verb = words.trailing_verb(pre) if words is not None else None
        if verb in lex.linking_at.words:
            verb = None  # 有15部法律草案: what is counted is the noun
        if noun and len(noun) >= 2:
            return Reading(verb or None, noun, None, None, "count", q.end)
    if not np_before and q.start > 0 and text[q.start - 1] in _OPEN:
        lead = _COMPARED.search(text, max(0, q.start - 30), q.start - 1)
        if lead and prev is not None:  # 低于前一周水平（3.8%）: the indicator, at the compared time
            return Reading(prev[1].indicator, lead.group("what") or None, None, None, "compare", None)
        head, basis = _basis(text[cs : q.start - 1] if cs < q.start - 1 else text[clause_start(
            text, Quantity(q.start - 1, q.start - 1, q.start - 1, q.start - 1, 0, None, q.start - 1), floor) : q.start - 1], lex)
        if basis:  # 报告发病数较上月（5917例）: the indicator's level at the compared time
            what = _clean(strip_prefixes(_strip_linking(head.strip(), lex), lex))
            if not what and prev is not None:
                what = prev[1].indicator or ""
            return Reading(what or None, basis, None, None, "compare", None)
        label = _bracket_label(text, q, floor, lex)
        if label is not None:
            return label
        if prev is not None:
            pr = prev[1]
            return Reading(pr.metric, pr.subject, pr.change, pr.basis, "inherit", None)
    if (to := _TO_VERB.search(core)) is not None:
        # 最低工资标准调整为每月2490元: the new level of what the clause names before the verb
        what = _clean(strip_prefixes(_strip_linking(core[: to.start()].strip(), lex), lex))
        if what and not _FRAME.match(what) and what not in _FUNCTION_WORDS:
            return Reading(what, None, None, None, "level", None)
        # 从2002年1288亿元增加到2007年的3664亿元: the value after the change is of what changed
        if prev is None or not prev[1].metric:
            return Reading(None)
        pr = prev[1]
        return Reading(pr.metric, pr.subject, None, None, "inherit", None)
    if not np_before and _FROM.match(pre) and cs >= 2 and text[cs - 1] in "，,":
        # 全社会研发经费，从2002年1288亿元增加到…: what changed is named in the clause before
        before = text[clause_start(text, Quantity(cs - 1, cs, cs, cs, 0, None, cs), floor) : cs - 1]
        np_before = _clean(strip_prefixes(_strip_linking(before.strip(), lex), lex))
        if len(np_before) > _LONG and words is not None:
            np_before = words.noun_tail(np_before) or ""
    if ((not np_before or np_before in lex.linking_at.words) and prev is None and words is not None and cs >= 2 and text[cs - 1] in "，,"
            and pre.strip() in lex.linking_at.words):
        # 全省森林覆盖率继续保持全国首位，达到66.8%: what reached it opens the clause before
        before = text[clause_start(text, Quantity(cs - 1, cs, cs, cs, 0, None, cs), floor) : cs - 1].strip()
        head = words.noun_head(strip_prefixes(before, lex))
        if head and len(head) < len(before):
            np_before = _clean(head)
    if not np_before and cs > 0 and text[cs - 1] == "\n":
        # 商品房销售面积⏎（含预售）3644.1万平方米: a noun phrase left on the line before, unended
        m = _WRAPPED.search(text, max(0, cs - 16), cs - 1)
        if m:
            np_before = _clean(strip_prefixes(_strip_linking(m.group("np"), lex), lex))
    if not np_before and post.startswith("的") and len(post) > 2:
        # 71%的煤电机组实现超低排放, 6.5%左右的增速: what the share or value is of
        what = _clean(post[1:13])
        if words is not None:
            what = words.noun_head(what) or what
        return Reading(what, None, None, None, "is", q.end + 1)
    if not np_before and words is not None and post:
        verb = words.leading_verb(post)
        if verb and verb not in lex.change_at.words:  # 4.3亿人次受益: the verb after a subjectless count
            return Reading(verb, None, None, None, "level", q.end)
    if cs >= 2 and text[cs - 1] in "，," and pre.strip() in lex.linking_at.words:
        # 鄞州区受理量最多，为5.36万件: the value of the superlative in the clause before
        before = text[clause_start(text, Quantity(cs - 1, cs, cs, cs, 0, None, cs), floor) : cs - 1]
        m = _SUPERLATIVE.search(before.strip())
        if m:
            what = _clean(strip_prefixes(m.group("what"), lex))
            if what:
                return Reading(what, None, None, None, "level", None)
    if np_before and _EACH.search(pre):
        # 济南市、青岛市报告发病率分别为41.2/10万、38.7/10万: one value for each name before 分别
        return Reading(_clean(_EACH.sub("", np_before)) or None, None, None, None, "each", None)
    if np_before and len(_ABBREVIATION.sub("", np_before)) > _LONG:
        np_before = _ASIDE.sub("", np_before)  # 网络渠道（“浙里办”、微信公众号等）受理: an aside lists examples
    if np_before and len(_ABBREVIATION.sub("", np_before)) > _LONG and words is not None:
        np_before = words.noun_tail(np_before) or _tail(np_before)
    if np_before:
        return Reading(np_before, _elided_head(np_before, prev), None, None, "level", q.start - len(np_before))
    return Reading(None)


def _elided_head(np: str, prev: tuple[Quantity, Reading] | None) -> str | None:
    """What a short facet leaves out that the level before it in the sentence wrote: in
    “三公”经费支出预算为36.00万元，支出决算为29.45万元 the 支出决算 is of “三公”经费 (the words of the
    metric before it ahead of the same stem), else None."""
    if prev is None or prev[1].shape != "level" or not prev[1].metric or prev[1].subject or len(np) > 6:
        return None
    before = prev[1].metric
    k = before.find(np[:2])
    if k < 2 or before[k:] == np or before.endswith(np):
        return None
    return before[:k]
