"""Rows of the ``officials`` table: one per person and post.

The rule matches ORG TITLE(、TITLE)* NAME chains; this module splits the chain
into posts (a new organization starts a new post) and decides where the name
ends with jieba's token boundaries: 吕芙蓉到… is cut after 吕芙蓉.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex

from ..model import Candidate
from ..patterns import compile_lists
from ..places import Place, places
from ..segment import Segmenter
from .bodies import home_place
from .context import DocContext, group
from .departments import BODY_RULE, entry_place, foreign_entry, resolve_department


@lru_cache(maxsize=8)
def _post_pattern(departments: tuple[str, ...], titles: tuple[str, ...]) -> regex.Pattern[str]:
    return compile_lists(r"(?P<org>\L<d>)?(?P<title>\L<t>)", d=departments or ("\uffff",), t=titles)


_BRACKETED = regex.compile(r"[（(][^（()）]*[）)]")


def split_chain(chain: str, departments: tuple[str, ...], titles: tuple[str, ...]) -> list[tuple[str | None, list[str]]]:
    """``交通运输厅二级巡视员、四川省交通物流发展中心主任`` -> [(交通运输厅, [二级巡视员]), (…中心, [主任])].

    Bracketed asides are skipped: a rank (副主任（正厅级）) or a second name of the same
    body or post (省农业农村厅（省乡村振兴局）副厅长（副局长）).
    """
    posts: list[tuple[str | None, list[str]]] = []
    for m in _post_pattern(departments, titles).finditer(_BRACKETED.sub("", chain)):
        org, title = m.group("org"), m.group("title")
        if org or not posts:
            posts.append((org, [title]))
        else:
            posts[-1][1].append(title)
    return posts


# Parts of speech of the token right after a name: verbs, prepositions, adverbs, conjunctions,
# particles, numerals, measure words, pronouns, locatives, time words, punctuation.
_STOP_POS = ("v", "p", "d", "c", "u", "m", "q", "r", "f", "t", "x", "w")
_HAN = regex.compile(r"\p{Han}")


def _stop_at(text: str, end: int, stops: tuple[str, ...], given: int) -> bool:
    """True when a stop word starts at ``end``; a one-character one (的, 到, 等) only after a given
    name of 1–2 characters, as after three it more often follows a verb (李某组织的, 李某整理到)."""
    return any(text.startswith(s, end) for s in stops if len(s) > 1 or given <= 2)


def name_end(seg: Segmenter, text: str, start: int, max_end: int, stops: tuple[str, ...] = (),
             surname: int = 1) -> int | None:
    """Where a name starting at ``start`` ends (2–4 chars).

    First the text itself: the shortest name after which the text goes on with punctuation
    or a stop word (a one-character one only after a given name of 1–2 characters: ``surname``
    is the surname's length, 2 for 欧阳) (同志, 一行, 分别, 到 …), so 朱涛明分别 keeps 朱涛明 even where jieba reads
    明 as a word of its own. Else jieba: the shortest token boundary after which the text goes
    on with a token that cannot continue a name (a verb, preposition, adverb …).
    """
    last = min(start + 4, max_end)
    for end in range(start + 2, last + 1):
        if end >= len(text) or not _HAN.match(text[end]) or _stop_at(text, end, stops, end - start - surname):
            return end
    window = text[start : min(start + 10, len(text))]
    toks = seg.tagged(window, start)
    for i, tok in enumerate(toks):
        end = tok.end
        if end - start < 2:
            continue
        if end - start > 4 or end > max_end:
            break
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None or not _HAN.match(nxt.text):
            return end
        if nxt.text.startswith(stops) or nxt.pos.startswith(_STOP_POS):
            return end
    return None


# A name is no single word of these kinds: 主任强调, 副主任查阅了 (强 and 查 are surnames).
_WORD_POS = ("v", "p", "c", "u", "d")


def is_word(seg: Segmenter, name: str, stops: tuple[str, ...] = ()) -> bool:
    """True when ``name`` is a word, not a name: a stop word (强调, 汇报) or one token jieba reads
    as a verb, preposition, conjunction, particle or adverb (查阅). 夏天 or 文明 stay names."""
    if name in stops:
        return True
    toks = seg.tagged(name)
    return len(toks) == 1 and toks[0].pos.startswith(_WORD_POS)


def surname_length(text: str, start: int, surnames: tuple[str, ...]) -> int:
    """The length of the longest surname of the list written at ``start`` (欧阳某某: 2), 1 if none."""
    return max((len(s) for s in surnames if len(s) > 1 and text.startswith(s, start)), default=1)


def _more_names(text: str, end: int, seg: Segmenter, stops: tuple[str, ...], surnames: tuple[str, ...],
                departments: tuple[str, ...], titles: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """Names after the first that share its posts: 省中心党委委员、副主任李明、张华到… gives 张华 too.
    Each is a surname and a name that ends as a name does (``name_end``), and none starts a new
    chain (、应急管理厅二级巡视员… is the next official's organization, not a name)."""
    out: list[tuple[str, int, int]] = []
    post = _post_pattern(departments, titles)
    while end < len(text) and text[end] == "、":
        start = end + 1
        if post.match(text, start) or not text.startswith(surnames, start):
            break
        e = name_end(seg, text, start, min(start + 4, len(text)), stops, surname_length(text, start, surnames))
        if e is None or (post.match(text, e) and not text.startswith(stops, e)):
            break
        out.append((text[start:e], start, e))
        end = e
    return out


def pairs(lines: tuple[str, ...]) -> dict[str, str]:
    """A ``KEY=VALUE`` list (gazetteers/official_orgs.txt, implied_orgs.txt) as a dict; values
    with a ``*`` (templates of local governments) are left to ``templates``."""
    return dict(kv for kv in (line.split("=", 1) for line in lines if "=" in line) if "*" not in kv[1])


def templates(lines: tuple[str, ...]) -> dict[str, str]:
    """The ``TITLE=…*…`` lines of gazetteers/implied_orgs.txt: 副市长 -> ``*市人民政府``."""
    return dict(kv for kv in (line.split("=", 1) for line in lines if "=" in line) if "*" in kv[1])


# Where a place written before a local head's title starts: after a punctuation mark or the
# sentence's start, or after a preposition or conjunction (在德阳市副市长…的陪同下, 和绵阳市副市长).
_PLACE_LEAD = r"(?:(?<!\p{Han})|(?<=[在和与及由同]))"


def local_org(text: str, start: int, lo: int, titles: list[str], tmpl: dict[str, str]) -> str | None:
    """The government or party committee a local head's title names, from the place written
    right before it (``text[lo:start]``): 德阳市副市长 -> 德阳市人民政府, 德阳市委书记 -> 中共德阳市委员会.
    None when no title is a local head's or no place is written."""
    form = next((tmpl[t] for t in titles if t in tmpl), None)
    if form is None:
        return None
    kind = form[form.index("*") + 1]  # 市, 州, 县, 区
    own = next(t for t in titles if t in tmpl).startswith(kind + "委")  # 市委书记 carries the place's 市
    found = list(_place_pattern(kind, own).finditer(text, lo, start, overlapped=True))
    if not found:
        return None
    place = found[-1].group("place").removesuffix(kind)  # the shortest (和|绵阳市); 南充市|市委书记
    return form.replace("*", place) if len(place) >= 2 else None


def home_org(titles: list[str], tmpl: dict[str, str], home: Place | None) -> str | None:
    """The government or committee a local head's title names when no place is written before it:
    the document's own place's, when it is of the title's kind (副市长李明 in a 郑州 bulletin ->
    郑州市人民政府); None otherwise."""
    form = next((tmpl[t] for t in titles if t in tmpl), None)
    if form is None or home is None:
        return None
    kind = form[form.index("*") + 1]
    if not home.name.endswith(kind) or home.name.endswith(("自治区", "特别行政区")):
        return None
    city = places().city_of(home)
    return form.replace("*" + kind, (city.name if city is not None else "") + home.name)


@lru_cache(maxsize=16)
def _place_pattern(kind: str, own: bool) -> regex.Pattern[str]:
    """A place ending in ``kind`` right at the end of the searched span (``kind`` optional when
    the title carries it): 德阳市|副市长, 德阳|市委书记, 阿坝藏族羌族自治州|副州长."""
    tail = regex.escape(kind) + ("?" if own else "")
    return regex.compile(rf"{_PLACE_LEAD}(?P<place>[\p{{Han}}--[省市州县区的各全本该]]\p{{Han}}{{1,8}}){tail}$", regex.V1)


_LOCAL_GOV = regex.compile(r"^(?P<place>\p{Han}+[市州县区])政府$")


def canonical_unlisted(org: str | None, other_orgs: dict[str, str]) -> str | None:
    """An unlisted body as written, a local government under its full name: 成都市政府 ->
    成都市人民政府, 阿坝州人民政府 -> 阿坝藏族羌族自治州人民政府 (gazetteers/official_orgs.txt)."""
    if org is None:
        return None
    org = _LOCAL_GOV.sub(r"\g<place>人民政府", org)
    return other_orgs.get(org, org)


def implied_org(titles: list[str], implied: dict[str, str]) -> str | None:
    """The organization a title names by itself (副省长 -> 四川省人民政府, from
    gazetteers/implied_orgs.txt); None when no title does."""
    return next((implied[t] for t in titles if t in implied), None)


def split_by_implied(organization: str | None, titles: list[str], implied: dict[str, str]) -> list[tuple[str | None, list[str]]]:
    """One post per organization: 省委常委、副省长 -> [(中共四川省委, [省委常委]), (四川省人民政府, [副省长])].

    A title that names its organization (gazetteers/implied_orgs.txt) gives the post one
    when none is written; one naming another organization starts a new post; other titles
    stay in the post before them (党委书记、主任 and 省委常委、秘书长 stay one post).
    """
    out: list[tuple[str | None, list[str]]] = []
    org, cur = organization, []  # type: ignore[var-annotated]
    for t in titles:
        own = implied.get(t)
        if own and org is None:
            org = own
        elif own and own != org and cur:
            out.append((org, cur))
            org, cur = own, []
        cur.append(t)
    out.append((org, cur))
    return out


# A head title fits only bodies of its kind: a 副主任 after 省商务厅副厅长甲， is of another body.
_HEADS = {"主任": ("中心", "委员会", "委", "办公室", "办"), "厅长": ("厅",), "局长": ("局",), "处长": ("处",),
          "院长": ("院",), "所长": ("所",), "站长": ("站",), "科长": ("科",)}


def _fits(org: str, titles: list[str]) -> bool:
    """False when the post's head title (厅长, 主任 …) names another kind of body than ``org``."""
    head = next((h for h in _HEADS if titles and titles[-1].endswith(h)), None)
    return head is None or org.endswith(_HEADS[head])


# A body no gazetteer lists, written right before a chain that names none: 成都市政务服务管理和网络理政办公室主任.
_UNLISTED_ORG = regex.compile(
    r"(?<!\p{Han})(?P<org>\p{Han}{1,22}(?:办公室|管理局|委员会|中心|政府|研究院|局|厅|委|院|办))$")


def _unlisted_org_before(text: str, start: int, sent: Any) -> str | None:
    """The organization, as written, that ends right where a chain starts and begins at a
    punctuation mark or the sentence's start; None when there is none."""
    lo = max(sent.start if sent is not None else 0, start - 24)
    m = _UNLISTED_ORG.search(text, lo, start)
    if m is None or _BARE_HEAD.fullmatch(m.group("org")):  # 该厅副厅长: a body named before (_referred_body)
        return None
    return m.group("org") if m.start() > lo or lo == (sent.start if sent is not None else 0) else None


@lru_cache(maxsize=8)
def _division_pattern(departments: tuple[str, ...]) -> regex.Pattern[str]:
    return compile_lists(r"(?P<org>\L<d>)(?P<division>\p{Han}{2,10}?[处科室])$", d=departments or ("\uffff",))


def _division_before(text: str, start: int, sent: Any, departments: tuple[str, ...]) -> tuple[str, str] | None:
    """(organization, division) of a division of a listed body written right before a chain that
    names none: 四川省自然资源厅行政审批处处长甲 -> (四川省自然资源厅, 行政审批处); None otherwise."""
    lo = max(sent.start if sent is not None else 0, start - 32)
    m = _division_pattern(departments).search(text, lo, start)
    return (m.group("org"), m.group("division")) if m else None


# A bare head word before a title refers back to the body of that kind named just before:
# …到省中心调研，中心主任甲陪同 / 省人社厅…，该厅副厅长乙.
_BARE_HEAD = regex.compile(r"(?:(?<!\p{Han})|(?<=[在和与及由同]))(?:该|本)?(?P<head>中心|厅|局|委|办|院)$")


@lru_cache(maxsize=8)
def _bodies_pattern(departments: tuple[str, ...]) -> regex.Pattern[str]:
    return compile_lists(r"\L<d>", d=departments or ("\uffff",))


def _referred_body(ctx: DocContext, start: int, sent: Any, departments: tuple[str, ...],
                   other_orgs: dict[str, str]) -> str | None:
    """The canonical name of the body a bare 中心 / 厅 / 局 … before a title (``start``) refers
    back to: the body named last before it, in the sentence or the one before in the same
    paragraph, when it is of that kind and no other body of that kind is named there."""
    lo = sent.start if sent is not None else 0
    bare = _BARE_HEAD.search(ctx.text, lo, start)
    if bare is None:
        return None
    prev = ctx.sentence_at(lo - 1) if lo > 0 else None
    if prev is not None and "\n" not in ctx.text[prev.end : lo]:
        lo = prev.start
    names: list[str] = []
    for m in _bodies_pattern(departments).finditer(ctx.text, lo, bare.start()):
        hit = resolve_department(ctx, m.group())
        names.append(hit.canonical if hit else other_orgs.get(m.group(), m.group()))
    head = bare.group("head")
    same = {n for n in names if n.endswith(head) or (head == "委" and n.endswith("委员会"))}
    return names[-1] if names and len(same) == 1 and names[-1] in same else None


def _inherited_org(c: Candidate, text: str, rows: list[dict[str, Any]], titles: list[str]) -> str | None:
    """The organization of the official listed just before, when this chain continues
    that list with a title alone that fits it (省自然资源厅一级巡视员甲、二级巡视员乙 / 省中心主任甲，
    副主任乙、丙: 乙 and 丙 are of the same body; not 省商务厅副厅长甲，副主任乙)."""
    if not rows:
        return None
    last = rows[-1]
    org = last["organization"]
    between = text[last["name_end"]:c.start]  # 、 / ， / 同志，
    return org if between.removeprefix("同志") in ("、", "，", ",") and org and _fits(org, titles) else None


def _ends_a_phrase(seg: Segmenter, text: str, end: int, stops: tuple[str, ...]) -> bool:
    """True when the text after a NAME TITLE (``end``) goes on as after a person: punctuation,
    a stop word (一行, 同志, 的, 强调 …) or a verb, preposition, adverb … (吕芙蓉主任察看了)."""
    if end >= len(text) or not _HAN.match(text[end]) or text.startswith(stops, end):
        return True
    toks = seg.tagged(text[end : end + 6], end)
    return bool(toks) and toks[0].pos.startswith(_STOP_POS)


def _same_person(row: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A row of the same name, written ORG TITLE NAME, with an organization: the one holding
    the post written after the name (吕芙蓉主任: 党委书记、主任 of 省中心) first, else one whose body
    that title fits (王某局长: a 局)."""
    title = row["title"]
    same = [r for r in rows if r["name"] == row["name"] and r["organization"] and not r.get("_name_title")]
    exact = [r for r in same if any(t == title or (t.endswith(title) and not t.endswith("副" + title))
                                    for t in r["title"].split("、"))]
    return next(iter(exact), None) or next((r for r in same if _fits(r["organization"], [title])), None)


def _settle_name_titles(rows: list[dict[str, Any]], seg: Segmenter, stops: tuple[str, ...]) -> list[dict[str, Any]]:
    """NAME TITLE rows (吕芙蓉主任强调) take the organization of the same person written ORG TITLE
    NAME in the document; one whose name is nobody's there and reads as a word (夏天, 常务) goes."""
    out = []
    for r in rows:
        if r.get("_name_title"):
            known = any(o["name"] == r["name"] and not o.get("_name_title") for o in rows)
            if not known and (is_word(seg, r["name"], stops) or _unlike_a_name(seg, r["name"])):
                continue
            other = _same_person(r, rows)
            if r["organization"] is None and other is not None:
                r["organization"] = other["organization"]
        out.append(r)
    return out


def _unlike_a_name(seg: Segmenter, name: str) -> bool:
    """True when jieba reads ``name`` as one word that is no person's name (夏天, 中心, 常务), or
    as a phrase opened by a preposition or conjunction (由中心) or closed by one or by a verb
    (王某为, 王某任): a NAME TITLE needs the document's ORG TITLE NAME to be read so."""
    toks = seg.tagged(name)
    if len(toks) == 1:
        return not toks[0].pos.startswith("nr")
    first, last = toks[0], toks[-1]
    return (len(first.text) == 1 and first.pos.startswith(("p", "c"))) or (
        len(last.text) == 1 and last.pos.startswith(("p", "c", "u", "v")))


def _preposition_phrase(seg: Segmenter, name: str) -> bool:
    """True when a "name" after a title is a preposition and a time or pronoun (副主任于近日,
    局长向大家): 于 and 向 are surnames too, 于某某 stays a name."""
    toks = seg.tagged(name)
    return (len(toks) == 2 and len(toks[0].text) == 1 and toks[0].pos.startswith("p")
            and toks[1].pos.startswith(("t", "r")) and "某" not in toks[1].text)


def localized(orgs: dict[str, str], home: Place | None) -> dict[str, str]:
    """``KEY=ORG`` pairs (implied_orgs.txt, official_orgs.txt) read in a document of ``home``: an
    organization of the lists' province that the key does not name (副省长 -> 四川省人民政府) is
    the document's own province's (河南省人民政府) when the document is of another province."""
    index = places()
    mine = index.of_level(home, "province")
    if mine is None:
        return orgs
    out = dict(orgs)
    for key, org in orgs.items():
        own = entry_place(org)
        if own is None or own.level != "province" or own == mine or index.most_named(key) == own:
            continue
        out[key] = org.replace(own.name, mine.name).replace(own.short, mine.short)
    return out


def _body_ending(depts: list[dict[str, Any]], start: int, end: int) -> dict[str, Any] | None:
    """The department row the grammar read (place + body: 绵阳市医疗保障局) that ends at ``end``
    and starts at or before ``start``, or None."""
    return next((r for r in depts if r["rule"] == BODY_RULE and r["char_end"] == end and r["char_start"] <= start),
                None)


# a bulletin's word for its own body before an official's titles: 局党组书记, 中心主任, 市局副局长
_OWN_WORD = regex.compile(r"[省市县区州]?局|中心|厅")
_OWN_BEFORE = regex.compile(r"(?:^|[^\p{Han}])(?P<own>[省市县区州]?局|中心|厅)$")


def _publisher_body(ctx: DocContext, word: str) -> str | None:
    """The body of the masthead's publisher that ``word`` (局, 市局, 中心, 厅) names: the publisher up
    to the last such word (广东省政务服务数据管理局办公室 -> 广东省政务服务数据管理局), or None when it
    has none (or, for 市局, no 市 before it)."""
    pub = getattr(ctx.issue, "publisher", None)
    kind = word[1:] if word[0] in "省市县区州" and len(word) > 1 else word
    k = pub.rfind(kind) if pub else -1
    if k < 0 or (kind != word and word[0] not in pub[:k]):
        return None
    name = pub[: k + len(kind)]
    hit = resolve_department(ctx, name)
    return hit.canonical if hit is not None else name


def build_officials(
    cands: list[Candidate], ctx: DocContext, seg: Segmenter, dates: list[dict[str, Any]],
    depts: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> list[dict[str, Any]]:
    """Official rows; ``date`` is the first point date in the same sentence. An organization
    the department grammar read with its place (``depts``: 绵阳市医疗保障局, 市统计局 of 周口) is
    taken from there."""
    deps = ctx.rules.lists.get("departments", ())
    titles = ctx.rules.lists.get("titles", ()) + ctx.rules.lists.get("leader_titles", ())
    home = home_place(ctx)
    implied = localized(pairs(ctx.rules.lists.get("implied_orgs", ())), home)
    local = templates(ctx.rules.lists.get("implied_orgs", ()))
    other_orgs = localized(pairs(ctx.rules.lists.get("official_orgs", ())), home)
    deps = tuple(deps) + tuple(other_orgs)
    stops = ctx.rules.lists.get("name_stops", ())
    surnames = ctx.rules.lists.get("surnames", ())
    leaders = set(ctx.rules.lists.get("leaders", ()))
    rows: list[dict[str, Any]] = []
    for c in cands:
        name, ns, ne = c.groups["name"]
        names = [(name, ns, ne)]
        if c.groups["name"][1] > c.groups["chain"][1]:  # ORG TITLE NAME
            end = name_end(seg, ctx.text, ns, ne, stops, surname_length(ctx.text, ns, surnames))
            if end is None or is_word(seg, ctx.text[ns:end], stops) or _preposition_phrase(seg, ctx.text[ns:end]):
                continue
            names = [(ctx.text[ns:end], ns, end)] + _more_names(ctx.text, end, seg, stops, surnames, deps, titles)
        elif name not in leaders and not _ends_a_phrase(seg, ctx.text, c.groups["chain"][2], stops):
            continue  # NAME TITLE: 吕芙蓉主任强调, not 王某主任科员
        posts = split_chain(group(c, "chain") or "", deps, titles)
        sent = ctx.sentence_at(c.start)
        when = None
        if sent is not None:
            when = next((d["start"] for d in dates if sent.start <= d["char_start"] < sent.end
                         and d["kind"] in ("point", "range")), None)
        resolved: list[tuple[str | None, str | None, list[str]]] = []
        chain_start = c.groups["chain"][1]
        for org, post_titles in posts:
            hit = resolve_department(ctx, org) if org else None  # 省中心: the publisher as the masthead prints it
            if hit is not None and foreign_entry(hit, org or "", home):
                hit = None  # 卫生健康委主任 in a Henan report: not Sichuan's
            # 省政府副秘书长邝海涛: an organization that is no department
            written = hit.canonical if hit else other_orgs.get(org or "", org)
            if hit is None and org and _OWN_WORD.fullmatch(org) and (own := _publisher_body(ctx, org)) is not None:
                written = own  # 市局党委书记、局长李振宇 in the 国家税务总局厦门市税务局's bulletin
            body = _body_ending(depts, chain_start, chain_start + len(org)) if org and not resolved else None
            if body is not None and ctx.text.startswith(org, chain_start):
                hit, org = None, body["mention"]
                written = other_orgs.get(body["canonical"], body["canonical"])
            for organization, ts in split_by_implied(written, post_titles, implied):
                # 副省长宁志远: no organization written, the title names it; 、二级巡视员乙: the one before
                if organization is None and not resolved and org is None:
                    division = _division_before(ctx.text, c.start, sent, deps)
                    if division is not None:  # 省自然资源厅行政审批处处长甲: the body, the division in the title
                        org, ts = division[0], [division[1] + ts[0], *ts[1:]]
                        hit = resolve_department(ctx, org)
                        hit = None if hit is not None and foreign_entry(hit, org, home) else hit
                        organization = written = hit.canonical if hit else other_orgs.get(org, org)
                    else:
                        org = _unlisted_org_before(ctx.text, c.start, sent)
                        body = _body_ending(depts, c.start, c.start)
                        own = _OWN_BEFORE.search(ctx.text, max(0, chain_start - 4), chain_start)
                        if body is None and org in (None, own and own.group("own")) and own is not None and (
                                pub := _publisher_body(ctx, own.group("own"))) is not None:
                            org, organization = own.group("own"), pub  # 局党组书记、局长韩雪松: the publisher
                            written = pub
                        elif body is not None:
                            org = body["mention"]
                            organization = written = other_orgs.get(body["canonical"], body["canonical"])
                        elif org is None:  # 德阳市副市长: the government the title names, of the place before it
                            lo = max(sent.start if sent is not None else 0, c.start - 16)
                            organization = written = canonical_unlisted(
                                local_org(ctx.text, c.start, lo, ts, local) or home_org(ts, local, home),
                                other_orgs) or _referred_body(ctx, c.start, sent, deps, other_orgs)  # …到省中心调研，中心主任甲
                        else:
                            organization = written = canonical_unlisted(org, other_orgs)
                inherited = None if organization else _inherited_org(c, ctx.text, rows, ts)
                resolved.append((organization or inherited, org if organization == written else None, ts))
        for (name, ns, ne), (organization, mention, post_titles) in ((n, p) for n in names for p in resolved):
            rows.append(
                {
                    **ctx.provenance(min(c.start, ns), max(ne, c.groups["chain"][2]), c.rule),
                    "name": name,
                    "title": "、".join(post_titles),
                    "organization": organization,
                    "organization_mention": mention,
                    "date": when,
                    "sentence": sent.text if sent else "",
                    "name_end": max(ne, c.groups["chain"][2]),
                    "_name_title": ns < c.groups["chain"][1] and name not in leaders,
                }
            )
    rows = _settle_name_titles(rows, seg, stops)
    for r in rows:
        r.pop("name_end", None)
        r.pop("_name_title", None)
    return rows
