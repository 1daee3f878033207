"""Departments of any Chinese jurisdiction read by grammar: PLACE + CORE + SUFFIX.

A body is a place (周口市, 黔东南州; ``reportparse.places``), an elided place (省/市/县/区/州: the
document's own, 市统计局 in 周口's bulletin is 周口市统计局) or a national body (国家统计局 …, with
its local branches: 国家统计局周口调查队), then a core of words (统计, 卫生健康), then a suffix
(局, 委员会, 中心支行 …). The suffixes, national bodies, break words and abbreviations are rule
files under ``rules/gazetteers`` (body_suffixes, national_bodies, body_breaks, body_abbreviations);
``not_bodies.txt`` (venues, hospitals, companies …) is applied by ``departments.py``. jieba says
where words are: its dictionary words bind (市场, 省级), its guesses at unknown words do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from ..patterns import compile_lists
from ..places import Place, places
from .context import DocContext

_ELIDED = "省市州县区盟旗"
_ELIDED_AT = regex.compile(r"自治区|[省市州县区盟旗]")
_SOFT = ("和", "与", "及")
_LIST_JOINS = "、和与及"  # between places that share one body's name (西安市、宝鸡市公共资源交易中心)  # breaks that may stand inside a name: 人力资源和社会保障局
_LEADS = "和与及由于在对向从经据会同"  # before an elided place even when jieba reads a word over it (和县)
_MAX_CORE = 12
_WINDOW = 30
_NATIONAL = "中华人民共和国"
_HAN = regex.compile(r"\p{Han}")
# a service hotline's number inside a body's name (郑州市12345政务服务便民热线管理中心, 某市12345热线办公室):
# five digits 12xxx between Han characters, read as one character of the name
_HOTLINE = regex.compile(r"(?<=\p{Han})12\d{3}(?=\p{Han})")
_DIGITS = regex.compile(r"\d+")
_INTERNATIONAL = ("世界", "联合国", "国际")
_TOWNSHIP = regex.compile(r"\p{Han}{2,4}?(?:街道|镇|乡)")
# Characters after a one-character suffix that make it part of another word (办理, 局长, 委员):
# what jieba would say, known before asking it.
_NOT_AFTER = {"办": "理件事结率法", "局": "长面势", "委": "员书", "厅": "长", "所": "有以在得属长", "站": "长点",
              "队": "长伍员", "中心": "城", "人大": "代"}
# Suffixes that make a body with a place alone (周口市人民政府, 洛阳海关, 国家统计局周口调查队);
# the others need a core (not 周口市中心, 市办公室).
_BARE_OK = frozenset(("人民政府", "政府", "海关", "人民法院", "法院", "人民检察院", "检察院", "调查队", "调查总队",
                      "分局", "监管分局", "支行", "分行", "中心支行", "分队", "支队", "大队", "人大常委会",
                      "人民代表大会", "人大", "政协", "办事处", "委员会", "总工会", "红十字会",
                      "科学技术协会", "妇联", "残联", "科协", "工商联"))
# Parts of speech (jieba) no body's name holds: pronouns, adverbs, prepositions, particles.
_NOT_IN_NAME = frozenset(("r", "d", "ad", "p", "u", "y", "e", "uj", "ul", "uz", "ug", "uv", "ud"))
# a party's or the league's name before a place (中共永康市委组织部, 共青团永康市委员会)
_PARTY = ("中共", "共青团")
# the suffixes of an office inside a national body (国务院办公厅政府信息与政务公开办公室)
_OFFICE_SUFFIXES = frozenset(("办公室", "司", "中心"))
# a term of office before an assembly's name (第十五届人民代表大会): no part of the body's name
_TERM = regex.compile(r"^第?[〇零一二三四五六七八九十百\d]+届")
_NOT_TOWN = ("城乡", "乡镇", "各", "全", "本", "该", "城镇", "村镇", "特色", "重点", "中心")


@dataclass(frozen=True, slots=True)
class Body:
    """A department found by grammar, with its place."""

    start: int
    end: int
    mention: str
    canonical: str
    jurisdiction: str | None
    level: str | None
    division_code: str | None


def home_place(ctx: DocContext) -> Place | None:
    """The document's own jurisdiction: the place its masthead's publisher or title names, else
    the place most named in its first lines (None for a national document). Only full names
    count (周口市, 黔东南州, not 台湾 of 台湾工作办公室)."""
    index = places()
    for written in (getattr(ctx.issue, "publisher", None), getattr(ctx.issue, "title", None)):
        if written:
            found = index.most_named(written, short=False)
            if found is not None:
                return found
    head = ctx.text[: ctx.sections[0].start] if ctx.sections and ctx.sections[0].start > 20 else ""
    return index.most_named(head or ctx.text[:200], short=False)


def place_columns(place: Place | None, national: bool = False) -> dict[str, Any]:
    """The ``jurisdiction``, ``level`` and ``division_code`` of a row for ``place``."""
    if place is None:
        return {"jurisdiction": _NATIONAL if national else None, "level": "national" if national else None,
                "division_code": None}
    return {"jurisdiction": place.name, "level": place.level, "division_code": place.code}


@lru_cache(maxsize=8)
def _suffix_pattern(suffixes: tuple[str, ...]) -> regex.Pattern[str]:
    return compile_lists(r"\L<s>", s=suffixes or ("\uffff",))


@lru_cache(maxsize=8)
def _words_pattern(words: tuple[str, ...]) -> regex.Pattern[str] | None:
    return compile_lists(r"\L<w>", w=words) if words else None


def _abbreviations(lines: tuple[str, ...]) -> dict[str, str]:
    return dict(kv for kv in (line.split("=", 1) for line in lines if "=" in line) if len(kv) == 2)


@lru_cache(maxsize=4)
def _templates(gazetteer: Any) -> dict[str, str]:
    """The gazetteer's short forms of a province's bodies as full-name templates for any place
    (卫健委 -> {}卫生健康委员会, 政协 -> 中国人民政治协商会议{}委员会); none without a gazetteer."""
    return gazetteer.short_forms() if gazetteer is not None else {}


# A session's ordinal in a congress's name (第十七届人民代表大会, 省十三届人大): the body is the congress.
_SESSION = regex.compile(r"第?[一二三四五六七八九十百零〇\d]{1,4}届")


class _Reader:
    """The grammar over one document."""

    def __init__(self, ctx: DocContext, seg: Any, home: Place | None, known: dict[int, int]) -> None:
        lists = ctx.rules.lists
        self.known = known  # end -> start of the rows the gazetteer made
        self.ctx, self.seg, self.home, self.index = ctx, seg, home, places()
        self.text = ctx.text
        self.suffixes = _suffix_pattern(tuple(lists.get("body_suffixes", ())))
        self.suffix_words = tuple(lists.get("body_suffixes", ())) or ("\uffff",)
        self.nationals = _words_pattern(tuple(lists.get("national_bodies", ())))
        self.breaks = _words_pattern(tuple(lists.get("body_breaks", ())))
        self.abbrev = _abbreviations(lists.get("body_abbreviations", ()))
        self.templates = _templates(ctx.rules.departments)
        self.titles = _words_pattern(tuple(lists.get("titles", ())) + tuple(lists.get("leader_titles", ())))
        self._cuts: dict[int, list[tuple[int, int, bool]]] = {}  # sentence start -> its tokens
        self.hotline = {i for m in _HOTLINE.finditer(self.text) for i in range(m.start(), m.end())}

    def cut_before(self, i: int) -> bool:
        """True when a word starts at ``i``, or the character before is not Han. jieba's
        dictionary words bind (市场, 城市, 省级); its guesses at unknown words do not (局在, 由市)."""
        if i == 0 or not _HAN.match(self.text[i - 1]):
            return True
        if self.seg is None:
            return False
        return self._word_at(i) is None

    def _tokens(self, i: int) -> list[tuple[int, int, bool]]:
        """jieba's tokens (start, end, a dictionary word) of the sentence holding ``i``."""
        sent = self.ctx.sentence_at(i)
        lo = sent.start if sent is not None else max(0, i - 20)
        if lo not in self._cuts:
            hi = sent.end if sent is not None else min(len(self.text), i + 20)
            cut = self.ctx.sentence_cut(self.seg, sent) if sent is not None else self.seg.tokens(self.text[lo:hi], lo)
            self._cuts[lo] = [(t.start, t.end, self.seg.in_dictionary(t.text)) for t in cut]
        return self._cuts[lo]

    def _word_at(self, i: int) -> tuple[int, int] | None:
        """The dictionary word (start, end) that ``i`` falls strictly inside, or None."""
        return next(((s, e) for s, e, known in self._tokens(i) if known and s < i < e), None)

    def _alone(self, s: int, e: int) -> bool:
        """True when jieba reads ``text[s:e]`` as a token of its own (经 of 经由, not of 县经信局)."""
        return self.seg is None or any(a == s and b == e for a, b, _ in self._tokens(s))

    def run_start(self, end: int) -> int:
        """Where a name ending at ``end`` may start: after the last non-Han character or break word."""
        lo = max(0, end - _WINDOW)
        sent = self.ctx.sentence_at(end - 1)
        if sent is not None:
            lo = max(lo, sent.start)
        start = lo
        for i in range(end - 1, lo - 1, -1):
            if not _HAN.match(self.text[i]) and i not in self.hotline:
                start = i + 1
                break
        if self.breaks is not None:
            for m in self.breaks.finditer(self.text, start, end, overlapped=True):
                if len(m.group()) == 1 and not self._alone(m.start(), m.end()):
                    continue  # 经 of 经济, 全 of 全面: a break only as a word of its own
                if m.group() in _SOFT:
                    continue  # 人力资源和社会保障局: read in _parse
                if self.nationals is None or not self._inside_national(m.start(), m.end()):
                    start = max(start, m.end())
        return start

    def _inside_national(self, s: int, e: int) -> bool:
        lo = max(0, s - 14)
        return any(m.start() <= s and e <= m.end() for m in self.nationals.finditer(self.text, lo, e + 14))

    def nationals_in(self) -> list[Body]:
        """Every national body written alone (国务院, 国家统计局), not as the head of a branch."""
        if self.nationals is None:
            return []
        out = []
        for m in self.nationals.finditer(self.text):
            intl = m.group().startswith(_INTERNATIONAL)
            out.append(Body(m.start(), m.end(), m.group(), m.group(), **place_columns(None, not intl)))
        return out

    def body_at(self, s_start: int, s_end: int) -> Body | None:
        """The body whose suffix is ``text[s_start:s_end]``, or None."""
        suffix = self.text[s_start:s_end]
        after = self.text[s_end : s_end + 1]
        if (after and after in _NOT_AFTER.get(suffix, "")) or not self._may_start(s_start):
            return None
        known = self.known.get(s_end)
        if known is not None and not self._longer_than(known):
            return None  # a gazetteer row already: the grammar could only read it again
        if s_end < len(self.text) and _HAN.match(self.text[s_end]) and not self.cut_before(s_end):
            return None
        lo = self.run_start(s_start)
        body = next((b for i in range(lo, s_start) if (b := self._parse(i, s_start, s_end, suffix))), None)
        return body if body is not None and self._suffix_is_noun(s_start, s_end) else None

    def _longer_than(self, start: int) -> bool:
        """True when a place, an elided place or a national body ends right before ``start`` (绵阳市|
        医疗保障局): a longer body than the gazetteer row starting there."""
        if start > 0 and self.text[start - 1] in _ELIDED:
            return True
        lo = max(0, start - _WINDOW)
        if self.nationals is not None and any(m.end() == start for m in self.nationals.finditer(
                self.text, lo, start, overlapped=True)):
            return True
        text, index = self.text, self.index
        return any(index.is_form(text[i:start]) and (hit := index.match(text, i, self.home)) is not None
                   and hit[1] == start for i in range(max(0, start - index.longest), start - 1))

    def _may_start(self, s_start: int) -> bool:
        """A quick test before jieba: some name may start in the Han run before the suffix (an
        elided place, a township, a national body or a place)."""
        lo = s_start
        while lo > max(0, s_start - _WINDOW) and (_HAN.match(self.text[lo - 1]) or lo - 1 in self.hotline):
            lo -= 1
        run = self.text[lo:s_start]
        if any(c in _ELIDED or c in "镇乡道" for c in run):
            return True
        if self.nationals is not None and self.nationals.search(self.text, lo, s_start):
            return True
        return any(self.index.match(self.text, i, self.home) for i in range(lo, s_start - 1))

    def _suffix_is_noun(self, s_start: int, s_end: int) -> bool:
        """False when jieba reads the suffix as the tail of a verb or phrase (举办, 开办, 无政府),
        not of a name (统计局, 发改委, 市政府办)."""
        if self.seg is None:
            return True
        lo = max(0, s_start - 4)
        for tok in self.seg.tagged(self.text[lo:s_end], lo):
            if tok.start < s_start < tok.start + len(tok.text):  # a guess (信局 of 县经信局) says nothing
                return tok.pos.startswith(("n", "j", "l")) or not self.seg.in_dictionary(tok.text)
        return True

    def _parse(self, i: int, s_start: int, s_end: int, suffix: str) -> Body | None:
        text = self.text
        national = None
        if self.nationals is not None:
            m = self.nationals.match(text, i, s_start)
            national = m.group() if m else None
        place: Place | None = None
        written = ""
        j = i
        if national:
            j = i + len(national)
            hit = self.index.match(text, j, self.home)
            if hit is None:  # a national body's branch names its place: 国家统计局周口调查队
                return self._office_of(national, i, j, s_start, s_end, suffix)
            place, j = hit
            if j > s_start:
                return None
        else:
            k = next((i + len(w) for w in _PARTY if text.startswith(w, i)), i)
            hit = self.index.match(text, k, self.home)
            if hit is not None and hit[1] <= s_start:
                pstart = k
                place, j = hit
                while (more := self.index.match(text, j, place, short=False)) is not None and more[1] <= s_start:
                    pstart, (place, j) = j, more  # 河南省周口市统计局: the last place names the body
                written = self._in_city(place, text[pstart:j])
                if written == place.short and not self._short_ok(place, text[j:s_start], suffix) and not (
                        place.level != "county" and text[:pstart].endswith(self.suffix_words)):
                    return None  # but 湖北省生态环境厅|宜昌生态环境监测中心: a body's branch in a city
                written = text[i:k] + written  # 中共周口市委员会
            elif (kind := _ELIDED_AT.match(text, i, s_start)) and self.home is not None and self._elided_ok(
                    i, kind.end(), s_start):
                place = self._elided(kind.group())
                if place is None:
                    return None
                written, j = self._in_city(place, place.written(kind.group())), kind.end()
            elif (town := self._township(i, s_start)) is not None:
                written, j = town, i + len(town)
            else:
                return None
        core = text[j:s_start]
        if len(_DIGITS.sub("1", core)) > _MAX_CORE or (not core and suffix not in _BARE_OK) or self._joins_two(j, core):
            return None
        if self._body_then_verb(core):
            return None  # 省交通运输厅深入贯彻落实省委: a body, then its predicate
        if self.titles is not None and any(not self._in_suffix_word(core, m.start(), m.end())
                                           for m in self.titles.finditer(core, overlapped=True)):
            return None  # 德阳市副市长樊立群带队: a post and a person, no body (委员 of 减灾委员会办公室 is none)
        if len(core) > 3 and self.seg is not None and any(
                t.pos in _NOT_IN_NAME for t in self.seg.tagged(core)):
            return None  # 市政府网站主动公开各类|政府: an adverb, a pronoun … is in no name
        if (not core and suffix == "委") or (core.startswith("委") and text.startswith(text[i:j], j + 1)):
            return None  # 市委: the party committee, named so only with 中共; 市委市政府: two bodies
        while place is not None and (town := self._township(j, s_start)) is not None:
            written, j, core = town, j + len(town), text[j + len(town):s_start]  # 洪泽区岔河镇人民政府
            place = None
        place = self._branch_place(j, s_start, place)
        if (session := _SESSION.match(core)) is not None and suffix in ("人民代表大会", "人大", "委员会"):
            core = core[session.end():]  # 合肥市第十七届人民代表大会: the congress of every session
        body = _TERM.sub("", core) + suffix  # 第十七届人民代表大会常务委员会: a term, not the body
        # the Sichuan gazetteer's short forms as templates, unless body_abbreviations lists the form
        template = self.templates.get(body) if place is not None and not national and body not in self.abbrev else None
        if place is None or not place.name.endswith("特别行政区"):  # 澳门特别行政区政府 stays
            body = self.abbrev.get(body, body)
        mention = text[i:s_end]
        if core.startswith("委") and not written.startswith(_PARTY) and place is not None:
            written = "中共" + written  # 市委组织部: an organ of the party committee, 中共永康市委组织部
        canonical = mention if national else (
            body.replace("{place}", written.removeprefix("中共")) if "{place}" in body else written + body)
        if template is not None and "{place}" not in body:
            # 市卫生健康委 -> 宜昌市卫生健康委员会 (the gazetteer's short forms as templates)
            canonical = template.format(written.removeprefix("中共") if template.startswith("中共") else written)
        if (suffix == "分局" and core and not national and place is not None and written.endswith(place.name)
                and (city := self.index.city_of(place)) is not None):
            canonical = city.name + core + "局" + place.name + suffix  # 区公安分局: 宜昌市公安局夷陵区分局
        if body == "税务局" and not national and place is not None and not canonical.startswith("国家税务总局"):
            canonical = "国家税务总局" + canonical  # 市税务局: a branch of the national administration
        if place is None:  # a township: not in the divisions data
            return Body(i, s_end, mention, canonical, written, "township", None)
        return Body(i, s_end, mention, canonical, **place_columns(place))

    def _in_suffix_word(self, core: str, s: int, e: int) -> bool:
        """True when ``core[s:e]`` lies inside a suffix word written in the core (委员 of 委员会)."""
        return any(k <= s and e <= k + len(w) for w in self.suffix_words if len(w) > 1
                   for k in (m.start() for m in regex.finditer(regex.escape(w), core)))

    def _body_then_verb(self, core: str) -> bool:
        """True when the core holds a body's name (jieba: nt) and a verb after it."""
        if self.seg is None or len(core) < 4:
            return False
        toks = self.seg.tagged(core)
        first = next((k for k, t in enumerate(toks) if t.pos == "nt"), None)
        return first is not None and any(t.pos.startswith(("v", "i", "d")) for t in toks[first + 1:])

    def _office_of(self, national: str, i: int, j: int, s_start: int, s_end: int, suffix: str) -> Body | None:
        """An office inside a national body, named after it with no place (国务院办公厅|政府信息与政务
        公开|办公室), or None: a core of nouns (与/和 may join two), no verb, adverb or pronoun."""
        core = self.text[j:s_start]
        if suffix not in _OFFICE_SUFFIXES or not 2 <= len(core) <= _MAX_CORE or self.seg is None:
            return None
        toks = self.seg.tagged(core)
        if any(t.pos.startswith(("v", "d", "r", "u", "m", "q", "t", "f")) or (t.pos == "p" and t.text not in _SOFT)
               or t.pos == "nt" for t in toks):
            return None
        return Body(i, s_end, self.text[i:s_end], self.text[i:s_end], **place_columns(None, True))

    def _joins_two(self, j: int, core: str) -> bool:
        """True when a 和/与/及 in the core joins two bodies (统计局和市财政, 委和市政) rather than two
        words of one name (人力资源和社会保障, 发展和改革), or a place follows a body (纪委市监委)."""
        for k, ch in enumerate(core):
            if ch in _ELIDED and k and (core[:k].endswith(self.suffix_words) or core[k - 1] == "驻"):
                return True  # 市纪委|市监委|驻|市生态环境局: bodies one after another
            if ch not in _SOFT:
                continue
            left, right = core[:k], core[k + 1 :]
            if not left or left.endswith(self.suffix_words) or right[:1] in _ELIDED:
                return True
            if self.index.match(self.text, j + k + 1, self.home) is not None:
                return True
        return False

    def _branch_place(self, j: int, s_start: int, place: Place | None) -> Place | None:
        """The place of a branch written in the core right before its suffix (…调查队周口|分队),
        else ``place``."""
        for k in range(j + 1, s_start - 1):
            hit = self.index.match(self.text, k, place or self.home)
            if hit is not None and hit[1] == s_start:
                return hit[0]
        return place

    def _township(self, i: int, s_start: int) -> str | None:
        """A township's name written at ``i`` (岔河镇, 高良涧街道), a word of its own, or None."""
        m = _TOWNSHIP.match(self.text, i, s_start)
        if m is None or not self.cut_before(i) or not self.cut_before(m.end()):
            return None
        name = m.group()
        if name.startswith(_NOT_TOWN) or name.endswith(("城乡", "城镇", "乡镇")) or any(c in name for c in _SOFT):
            return None  # 住房和城乡|建设局, 城乡居民: no township
        return name

    def _in_city(self, place: Place, written: str) -> str:
        """A place as its bodies' official names write it: with its city (``Places.city_of``:
        上海市普陀区, 佛山市南海区); others as written (寿光市)."""
        city = self.index.city_of(place)
        return city.name + written if city is not None and not written.startswith(city.name) else written

    def _elided_ok(self, i: int, end: int, s_start: int) -> bool:
        """An elided place (市 of 市统计局) is a word of its own, or starts one that runs into the
        suffix (市政府, 省卫生健康委): not 城市管理局, 省级以上…中心, 市场监管局."""
        if not self.cut_before(i) and self.text[i - 1] not in _LEADS:  # 和|县财政局, not 和县
            return False
        if self.seg is None or not self.seg.in_dictionary(self.text[i : end + 1]):
            return True  # 市|统计局, 省|卫生健康委, 县|经信局
        # a word opens with the place's character (市场, 市民, 省级, 市政, 县城, 市委): still a place
        # when a word starts right after it (市|政务服务…, 县|城乡建设局, 市|政府) or it is 市委 (市委组织部)
        return self.text[end] == "委" or any(self.seg.in_dictionary(self.text[end : end + n]) for n in (2, 3, 4))

    @staticmethod
    def _short_ok(place: Place, core: str, suffix: str) -> bool:
        """A place written in its short form (周口, 洛阳) starts a body only with a short core
        (洛阳海关, 周口分队; not 中原股权交易中心, 周口中心港); a county's short form never does."""
        if place.level == "county" or len(core) > 4:
            return False
        return bool(core) or (len(suffix) >= 2 and suffix != "中心")

    def _elided(self, kind: str) -> Place | None:
        """The document's own place an elided 省/市/州/县/区/盟/旗/自治区 names: the nearest above
        (or at) the document's place of that kind (市 is 淮安市 in 洪泽区's report, 当阳市 in 当阳市's,
        上海市 in 普陀区's; 区 is a district, never an autonomous region)."""
        for place in self.index.chain(self.home) if self.home is not None else ():
            if kind == "自治区" and place.name.endswith("自治区"):
                return place
            if kind == "区" and place.level == "province":
                return None
            if place.name.endswith(kind) and not place.name.endswith("自治区"):
                return place
            if kind in "州县旗" and place.kind_char == kind:
                return place
        return None

    def bodies(self) -> list[Body]:
        out = self.nationals_in()
        taken = [(b.start, b.end) for b in out]
        for m in self.suffixes.finditer(self.text):
            body = self.body_at(m.start(), m.end())
            if body is None:
                continue
            taken_by = [t for t in taken if t[0] < body.end and body.start < t[1]]
            if any(not (body.start <= s and e <= body.end) for s, e in taken_by):
                continue
            out = [b for b in out if not (body.start <= b.start and b.end <= body.end)]
            taken = [t for t in taken if t not in taken_by] + [(body.start, body.end)]
            head = next((b for b in out if b.end == body.start), None)
            if head is not None and body.canonical.endswith(body.mention):  # …调查队|周口分队: a branch of it
                out.remove(head)
                body = Body(head.start, body.end, head.mention + body.mention, head.canonical + body.mention,
                            body.jurisdiction, body.level, body.division_code)
            out.append(body)
            out += self._shared_name(body)
        return sorted(out, key=lambda b: (b.start, b.end))

    def _shared_name(self, body: Body) -> list[Body]:
        """The bodies of places listed before ``body``'s own that share its name (西安市、宝鸡市、
        咸阳市公共资源交易中心: three centres). Each place is written in full, of the level of the body's
        place, and joined by 、/和/及/与; its row's mention is the place as written."""
        hit = self.index.match(self.text, body.start, self.home, short=False)
        if hit is None or body.level in (None, "national", "township"):
            return []
        place, end = hit
        written = self._in_city(place, self.text[body.start:end])
        if not body.canonical.startswith(written) or end >= body.end:
            return []
        tail = body.canonical[len(written):]
        out: list[Body] = []
        at = body.start
        while at > 0 and self.text[at - 1] in _LIST_JOINS:
            sep = at - 1
            prev = next(((i, h[0]) for i in range(max(0, sep - self.index.longest), sep - 1)
                         if (h := self.index.match(self.text, i, self.home, short=False)) is not None
                         and h[1] == sep and h[0].level == place.level), None)
            if prev is None:
                break
            i, other = prev
            name = self.text[i:sep]
            out.insert(0, Body(i, sep, name, self._in_city(other, name) + tail, **place_columns(other)))
            at = i
        return out


def find_bodies(ctx: DocContext, seg: Any, home: Place | None, known: dict[int, int] | None = None) -> list[Body]:
    """Every department the grammar reads in the document, in reading order; ``known`` (end ->
    start of rows already made from the gazetteer) spares reading those again."""
    return _Reader(ctx, seg, home, known or {}).bodies()

