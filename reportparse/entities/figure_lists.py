"""Passes over a document's finished figure rows that read several figures together.

A list of values after 分别 takes its departments and its unit from the list they pair with
(省公安厅、省民政厅分别提高1.8分、1.5分; 0.06个和0.11个百分点); a total broken down after 其中 or a
colon lends its metric to its parts; a bare repeated verb takes the object of the figure before
it (累计完成1,204个); objects listed before one verb are joined. build_figures (figures.py) makes
the rows; these passes only fill what a row could not know alone.
"""

from __future__ import annotations

from typing import Any

import regex

from .attribution import joined
from .context import DocContext


def read_together(rows: list[dict[str, Any]], ctx: DocContext, depts: list[dict[str, Any]]) -> None:
    """Run every pass over ``rows`` (in place), in the order each relies on."""
    _join_listed_objects(rows, ctx)
    _break_down(rows, ctx)
    _ranked(rows, ctx)
    _each_departments(rows, ctx, depts)
    _each_ordinals(rows, ctx)
    _each_units(rows, ctx)
    _elided_objects(rows, ctx)


_CLAUSE_END = regex.compile(r"\s*(?:[，,。；;！？）)]|$)")


def _elided_objects(rows: list[dict[str, Any]], ctx: DocContext) -> None:
    """本周完成23个办理项的受理工作手册编制，累计完成1,204个: a bare VERB NUMBER UNIT ending its clause,
    whose verb is the one written before the figure before it in the sentence (same unit), counts
    what that figure counts (its count noun, or its object: 新上线事项9项，累计上线150项); the
    counted noun becomes its subject."""
    nouns = set(ctx.rules.lists.get("count_nouns", ()))
    for prev, row in zip(rows, rows[1:], strict=False):
        verb = row["metric"]
        if (not verb or len(verb) < 2 or row["subject"] or row["unit"] != prev["unit"]
                or row["sentence"] != prev["sentence"] or not _CLAUSE_END.match(ctx.text, row["char_end"])):
            continue
        if prev["metric"] == verb and prev["subject"]:
            row["subject"] = prev["subject"]
            continue
        at = ctx.text.find(prev["value_text"], prev["char_start"], prev["char_end"])
        if prev["metric"] in nouns and at >= 0 and ctx.text[max(0, at - len(verb)) : at] == verb:
            row["subject"] = prev["metric"]


_LIST_GAP = ("", "、", "和", "及", "与", "，", ",")
_CLAUSE_PUNCT = regex.compile(r"[，,。；;：:！？]")


def _each_departments(rows: list[dict[str, Any]], ctx: DocContext, depts: list[dict[str, Any]]) -> None:
    """省林草局、省自然资源厅、省住建厅窗口进步明显，得分较3月份分别提高1.8分、1.5分、1.2分: values
    listed after 分别 whose own clause names no departments pair, in order, with a list of as many
    departments named earlier in the sentence."""
    i = 0
    while i < len(rows):
        run = _each_run(rows, i, ctx)
        if len(run) >= 2 and all(r["department"] is None for r in run):
            at = ctx.text.rfind("分别", 0, run[0]["char_end"])
            chain = _last_dept_chain(depts, ctx, run[0]["char_start"], at)
            if len(chain) == len(run):
                for r, d in zip(run, chain, strict=True):
                    r["department"] = d["canonical"]
        i += max(1, len(run))


# parallel words listed with their noun written once before 分别: 第一、二、三产业增加值 (ordinals after
# one 第), 城镇、农村居民人均可支配收入, 网上、现场办理量 (words of one length, the last running on)
_ORDINAL_LIST = regex.compile(
    r"(?P<lead>第?)(?P<ords>[一二三四五六七八九十](?:、[一二三四五六七八九十])+)(?P<tail>\p{Han}[^，,。；;：:、]*)$")
_WORD_LIST = regex.compile(r"(?P<ords>\p{Han}{2,3}(?:、\p{Han}{2,3})*)、(?P<last>\p{Han}{4,24})$")


def _shared_noun(text: str, lo: int, at: int) -> list[str]:
    """The names of a list written with its noun once, in full, read between ``lo`` and its 分别 at
    ``at`` (第一、二、三产业增加值 -> 第一产业增加值 …; 城镇、农村居民人均可支配收入 -> 城镇居民人均可支配收入,
    农村居民人均可支配收入); [] for any other list."""
    m = _ORDINAL_LIST.search(text, lo, at)
    if m is not None:
        return [m.group("lead") + o + m.group("tail") for o in m.group("ords").split("、")]
    m = _WORD_LIST.match(text, lo, at)  # the list opens the clause (not 省公安厅、省民政厅窗口)
    if m is None:
        return []
    words = m.group("ords").split("、")
    n = len(words[0])
    if any(len(w) != n for w in words) or len(m.group("last")) < n + 2:
        return []
    if all(_whole_place(w) or ZONE.fullmatch(w) for w in words):
        return []  # 宁海县、象山县群众满意率: places, each the subject of one measure, not part of its name
    tail = m.group("last")[n:]
    return [w + tail for w in words] + [m.group("last")]


def _whole_place(word: str) -> bool:
    """True when ``word`` is a place name and nothing else (宁海县, 济南市)."""
    from ..places import places

    hit = places().match(word, 0, short=False)
    return hit is not None and hit[1] == len(word)


def _each_ordinals(rows: list[dict[str, Any]], ctx: DocContext) -> None:
    """第一、二、三产业增加值分别增长3.9%、5.2%和6.3%: values after 分别 whose clause lists parallel
    words sharing one noun are each of its own (第一产业增加值, 第二产业增加值, 第三产业增加值): the
    subject of a change, the metric of a level."""
    i = 0
    while i < len(rows):
        run = _each_run(rows, i, ctx)
        if len(run) >= 2:
            at = ctx.text.rfind("分别", 0, run[0]["char_end"])
            sent = ctx.sentence_at(at)
            lo = max((m.end() for m in _CLAUSE_PUNCT.finditer(ctx.text, sent.start if sent else 0, at)),
                     default=sent.start if sent else 0)
            names = _shared_noun(ctx.text, lo, at)
            run = [r for r in run if ctx.text.find("分别", at + 2, r["char_end"]) < 0]  # to the next 分别
            if len(names) == len(run):
                for r, name in zip(run, names, strict=True):
                    r["subject" if r["scope"] == "change" else "metric"] = name
        i += max(1, len(run))


def _each_units(rows: list[dict[str, Any]], ctx: DocContext) -> None:
    """分别提高0.06个和0.11个百分点: a unit written whole only after the last value of a 分别 list
    (个 … 个百分点, 3个和5个工作日) is the unit of the earlier values whose unit begins it."""
    i = 0
    while i < len(rows):
        run = _each_run(rows, i, ctx)
        last = run[-1]["unit"] if len(run) >= 2 else None
        for r in run[:-1] if last else ():
            if r["unit"] and r["unit"] != last and last.startswith(r["unit"]):
                r["unit"] = last
        i += max(1, len(run))


def _each_run(rows: list[dict[str, Any]], i: int, ctx: DocContext) -> list[dict[str, Any]]:
    """The rows from ``i`` on that are values listed right after a 分别 of their clause."""
    first = rows[i]
    sent = ctx.sentence_at(first["char_start"])
    lo = sent.start if sent else 0
    at = ctx.text.rfind("分别", lo, first["char_end"])
    if at < 0 or _CLAUSE_PUNCT.search(ctx.text, at, first["char_end"]):
        return []
    run = [first]
    for nxt in rows[i + 1 :]:
        if ctx.text[run[-1]["char_end"] : nxt["char_start"]].strip() not in _LIST_GAP or nxt["sentence"] != first["sentence"]:
            break
        run.append(nxt)
    return run


def _last_dept_chain(depts: list[dict[str, Any]], ctx: DocContext, pos: int, at: int) -> list[dict[str, Any]]:
    """The last list of departments (甲、乙、丙) that ends before ``at`` in the sentence at ``pos``."""
    sent = ctx.sentence_at(pos)
    lo = sent.start if sent else 0
    found = sorted((d for d in depts if d["kind"] != "division" and lo <= d["char_start"] and d["char_end"] <= at),
                   key=lambda d: d["char_start"])
    chain: list[dict[str, Any]] = []
    for d in reversed(found):
        if chain and not joined(d, chain[0], ctx.text):
            break
        chain.insert(0, d)
    return chain


# a zone or township named like a place (郑东新区, 高新区, 经开区, 航空港区, 经济技术开发区, 岔河镇), not in
# the divisions data
ZONE = regex.compile(r"\p{Han}{1,8}?(?:新区|开发区|开区|港区|园区|保税区|自贸区|示范区|实验区|试验区|合作区)"
                   r"|\p{Han}{2,8}?(?:街道|镇|乡)")  # not 城镇, 乡镇: a township has a name of two or more
# the words a total's noun opens with when it counts every place of a kind (各区县（市）工单, 全市各乡镇)
_ENUMERATED = regex.compile(r"^(?:各|全)(?:[区县市州镇乡]|街道|乡镇|镇街)+(?:[（(](?:[区县市州镇乡]|街道)+[）)])?")


def _place_item(row: dict[str, Any]) -> str | None:
    """The place a list item is the value of, written as its metric with nothing else (其中金水区2214件,
    郑东新区95.3%): a division or a zone alone; None for any other row."""
    name = row["metric"]
    if not name or row["subject"] or row["department"]:
        return None
    return name if _whole_place(name) or ZONE.fullmatch(name) else None


_BREAKDOWN_GAP = regex.compile(r"\s*(?:[：:]|[，,]\s*其中\s*[：:，,]?)\s*")
_BREAKDOWN_SEP = regex.compile(r"[\s；;、，,]*")


def _break_down(rows: list[dict[str, Any]], ctx: DocContext) -> None:
    """新增进驻事项4项：省林草局1项；省交通运输厅3项 / 容缺受理33件，其中省人社厅12件、省住建厅9件:
    rows after a colon or 其中 that break a total down by department (a department, no metric of their own, the total's unit) count what the total
    counts, in its scope and period."""
    total: dict[str, Any] | None = None
    prev: dict[str, Any] | None = None
    for row in rows:
        if prev is not None and _BREAKDOWN_GAP.match(ctx.text, prev["char_end"]) and prev["metric"]:
            total = prev  # the row right before a colon may be a total
        place = _place_item(row)
        part = (total is not None and prev is not None and (row["metric"] is None and row["department"] or place)
                and row["unit"] == total["unit"] and "。" not in ctx.text[total["char_end"] : row["char_start"]]
                and (prev is total or _BREAKDOWN_SEP.fullmatch(ctx.text, prev["char_end"], row["char_start"])))
        if part and place:
            # 转办各区县（市）工单1.05万件，其中金水区2214件: the place's share of what the total counts
            noun = _ENUMERATED.sub("", total["subject"] or "")
            row["metric"], row["subject"] = total["metric"], place + noun if noun else place
        elif part:
            row["metric"], row["subject"] = total["metric"], row["subject"] or total["subject"]
        if part:
            row["scope"], row["period_start"], row["period_end"] = total["scope"], total["period_start"], total["period_end"]
        elif total is not prev:
            total = None
        prev = row


def _join_listed_objects(rows: list[dict[str, Any]], ctx: DocContext) -> None:
    """进驻主项741项、办理项1620项: a verb's object that is a count noun, listed beside a count
    noun of its own (办理项), is a metric like it: 进驻主项, not 进驻 of 主项."""
    nouns = set(ctx.rules.lists.get("count_nouns", ()))
    for row, nxt in zip(rows, rows[1:], strict=False):
        if (row["rule"] == "figure.verb" and row["subject"] in nouns and nxt["metric"] in nouns
                and nxt["sentence"] == row["sentence"] and nxt["unit"] == row["unit"]
                and ctx.text[row["char_end"] : nxt["char_start"]].strip() in ("、", "，", ",")):
            row["metric"], row["subject"] = f'{row["metric"] or ""}{row["subject"]}', None


# the words that open a ranked list of departments or places after a colon: 工单量较多的单位是：,
# 受理量居前五位的依次为：, 投诉量排名前三的区县是：
_RANKED_OPEN = regex.compile(
    r"(?P<what>\p{Han}{2,12}?)(?:较多|最多|较高|最高|较大|最大|靠前|(?:居|位居|排名|排在|位列|排)(?:前|第)[\p{Han}\d]{1,3}(?:位|名)?)的?"
    r"\p{Han}{0,6}?(?:依次|分别)?(?:为|是|有)\s*[：:]$")
_OPENING_PUNCT = regex.compile(r"[，,。；;]")
_LIST_BREAK = regex.compile(r"[。；;]")


def _ranked(rows: list[dict[str, Any]], ctx: DocContext) -> None:
    """工单量较多的单位是：市住建局1532件、市城管局1196件: the items of a ranked list of departments
    or places with no metric of their own count what the list opens with (工单量); a place item
    keeps its place as the subject."""
    for row in rows:
        place = _place_item(row)
        if not place and (row["metric"] is not None or not row["department"]):
            continue
        sent = ctx.sentence_at(row["char_start"])
        lo = sent.start if sent else 0
        colon = max(ctx.text.rfind("：", lo, row["char_start"]), ctx.text.rfind(":", lo, row["char_start"]))
        if colon < 0 or _LIST_BREAK.search(ctx.text, colon, row["char_start"]):
            continue
        start = max((m.end() for m in _OPENING_PUNCT.finditer(ctx.text, lo, colon)), default=lo)
        m = _RANKED_OPEN.search(ctx.text, start, colon + 1)
        if m is None:
            continue
        row["metric"] = m.group("what")
        if place:
            row["subject"] = place
