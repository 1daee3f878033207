"""Rows of the ``departments`` table: mentions resolved to canonical names."""

from __future__ import annotations

import functools
from typing import Any

import regex

from ..model import Candidate
from ..normalize.orgs import DeptEntry, as_in_masthead
from ..places import Place, places
from .bodies import Body, find_bodies, home_place, place_columns
from .context import DocContext, alternation


def resolve_department(ctx: DocContext, mention: str) -> DeptEntry | None:
    """The gazetteer entry ``mention`` names in this document, or None.

    Names are read as of the issue's date (a retired body's names give that body, its
    ``successor`` today's); the publisher's short forms (省中心) give the publisher as the
    masthead prints it when the masthead names one of its bodies."""
    gaz = ctx.rules.departments
    if gaz is None or not mention:
        return None
    on = ctx.issue.period_end or ctx.issue.published
    hit = gaz.lookup(mention, on)
    printed = getattr(ctx.issue, "publisher", None)  # MastheadIssue (entities/masthead.py)
    if hit is None or hit.kind != "publisher" or not printed:
        return hit
    return as_in_masthead(mention, hit, gaz.lookup(printed, on))


def _is_excluded(ctx: DocContext, start: int, end: int, pat: regex.Pattern[str] | None) -> bool:
    """True when a venue or generic group (省政务服务大厅, 全省自然资源系统) starting at (or just
    before) the mention covers it."""
    if pat is None:
        return False
    lo, hi = max(0, start - 12), min(len(ctx.text), end + 12)
    return any(start - 2 <= m.start() <= start and end <= m.end()
               for m in pat.finditer(ctx.text, lo, hi, overlapped=True))


# The rest of a document number after its issuer's first characters: 国办|发〔2025〕3号.
_DOC_NUMBER_REST = regex.compile(r"\p{Han}{1,4}\s*[〔\[【［(（]\s*(?:19|20)\d{2}\s*[〕\]】］)）]\s*(?:第\s*)?\d{1,5}\s*号")


def _in_doc_number(ctx: DocContext, end: int) -> bool:
    """True when a mention is the head of a document number's issuer code (国办 in 国办发〔2025〕3号):
    an abbreviation inside a number, not a mention of the body."""
    return _DOC_NUMBER_REST.match(ctx.text, end) is not None


# A bare provincial name right after a city, prefecture, county or district (洛阳市统计局, 州医保局,
# 成都市市场监管局, 某区人民政府外事办) names that place's own body, not the province's.
_LOCAL_BEFORE = regex.compile(r"(?:[市州县区旗盟]|[市州县区](?:人民)?政府)$")
_PROVINCIAL_PREFIXES = ("省", "四川", "中共四川", "川")


def _local_body(ctx: DocContext, mention: str, start: int, level: str) -> bool:
    """True when ``mention`` resolved to a provincial body but is written as a local one's tail."""
    if level != "province" or mention.startswith(_PROVINCIAL_PREFIXES):
        return False
    return _LOCAL_BEFORE.search(ctx.text, max(0, start - 6), start) is not None


_SHORT = 2  # a mention this short (中办, 国办, 两办) must be a word of its own, not inside one


def _inside_word(ctx: DocContext, seg: Any, start: int, end: int) -> bool:
    """True when jieba reads both ends of the short mention at [start, end) as parts of other
    words (集中办理: 集中|办理 holds no 中办; 联合国办、 keeps 国办, one end being free)."""
    if seg is None or end - start > _SHORT:
        return False
    sent = ctx.sentence_at(start)
    lo, hi = (sent.start, sent.end) if sent is not None else (max(0, start - 8), min(len(ctx.text), end + 8))
    cuts = seg.boundaries(ctx.text[lo:hi])
    return start - lo not in cuts and end - lo not in cuts


@functools.lru_cache(maxsize=4096)
def entry_place(canonical: str) -> Place | None:
    """The division a gazetteer entry's canonical name names (四川省卫生健康委员会 -> 四川省)."""
    return places().most_named(canonical)


def foreign_entry(hit: DeptEntry, mention: str, home: Place | None) -> bool:
    """True when ``hit`` is another province's body that ``mention`` does not name by its place:
    a gazetteer of Sichuan's bodies must not read 省通信管理局 in a Guizhou bulletin as Sichuan's."""
    own = entry_place(hit.canonical)
    if home is None or own is None or hit.level == "central":
        return False
    index = places()
    if index.of_level(home, "province") == index.of_level(own, "province"):
        return False
    return index.most_named(mention) != own


def _row(ctx: DocContext, c: Candidate, mention: str, s: int, e: int, known: bool,
         canonical: str, kind: str, parent: str | None, successor: str | None = None,
         level: str | None = None) -> dict[str, Any]:
    place = entry_place(canonical) if kind != "division" else None
    return {
        **ctx.provenance(s, e, c.rule),
        "mention": mention,
        "canonical": canonical,
        "known": known,
        "kind": kind,
        "parent": parent,
        "successor": successor,
        **place_columns(place, level == "central"),
    }


def _body_row(ctx: DocContext, b: Body) -> dict[str, Any]:
    return {
        **ctx.provenance(b.start, b.end, BODY_RULE),
        "mention": b.mention,
        "canonical": b.canonical,
        "known": False,
        "kind": "central" if b.level == "national" else "department",
        "parent": None,
        "successor": None,
        "jurisdiction": b.jurisdiction,
        "level": b.level,
        "division_code": b.division_code,
    }


BODY_RULE = "department.grammar"
# department.pattern reads the shipped gazetteer's province's unlisted bodies (省X局): Sichuan's.
_PATTERN_ENTRY = DeptEntry("四川省", "department")


def _holds_excluded(ctx: DocContext, b: Body, pat: regex.Pattern[str] | None) -> bool:
    """True when a venue or group (省政务服务大厅) is written inside the body's name: 省政务服务大厅发改委
    is the 发改委's window in the hall, not a body of its own. A bare leading body with only a suffix
    after it (贵州省人民政府|办公厅) is the body whose office this is, not one inside it."""
    if pat is None:
        return False
    suffixes = tuple(ctx.rules.lists.get("body_suffixes", ()))
    return any(m.end() < b.end and ctx.text[m.end():b.end] not in suffixes
               for m in pat.finditer(ctx.text, b.start, b.end))


def _add_bodies(ctx: DocContext, rows: list[dict[str, Any]], bodies: list[Body],
                excluded: regex.Pattern[str] | None) -> list[dict[str, Any]]:
    """``rows`` with the grammar's bodies added: a body that ends as a gazetteer row and starts
    before it (绵阳市 + 医疗保障局) replaces it; one overlapping a row otherwise is left out."""
    heads = set(ctx.rules.lists.get("national_bodies", ()))  # 国家统计局|周口调查队: the branch's head
    not_bodies = alternation(ctx.rules.lists.get("not_bodies", ()))
    for b in bodies:
        if (_is_excluded(ctx, b.start, b.end, excluded) or _is_excluded(ctx, b.start, b.end, not_bodies)
                or _in_doc_number(ctx, b.end) or _holds_excluded(ctx, b, excluded)):
            continue
        over = [r for r in rows if r["char_start"] < b.end and b.start < r["char_end"]]
        if any(r["kind"] == "division" or not ((b.start < r["char_start"] and r["char_end"] == b.end)
               or (b.start == r["char_start"] and r["char_end"] < b.end and r["mention"] in heads)) for r in over):
            continue  # 国家税务总局四川省税务局|驻厅: the listed body and a word after it
        rows = [r for r in rows if r not in over] + [_body_row(ctx, b)]
    return sorted(rows, key=lambda r: (r["char_start"], r["char_end"]))


def build_departments(cands: list[Candidate], ctx: DocContext, seg: Any = None) -> list[dict[str, Any]]:
    """One row per department mention (divisions carry their parent); with ``seg`` (the
    segmenter), a two-character mention inside other words (集中办理) is none."""
    excluded = alternation(ctx.rules.lists.get("not_departments", ()))
    home = home_place(ctx)
    rows: list[dict[str, Any]] = []
    for c in cands:
        if c.fields.get("kind") == "division":
            ptext, ps, pe = c.groups["parent"]
            parent = resolve_department(ctx, ptext)
            pcanon = parent.canonical if parent else ptext
            rows.append(_row(ctx, c, ptext, ps, pe, parent is not None, pcanon,
                             parent.kind if parent else "department", parent.parent if parent else None,
                             parent.successor if parent else None))
            dtext, ds, _ = c.groups["division"]
            pos = ds
            for part in dtext.split("、"):
                rows.append(_row(ctx, c, part, pos, pos + len(part), False, part, "division", pcanon))
                pos += len(part) + 1
            continue
        mention, s, e = c.groups.get("dept", (c.text, c.start, c.end))
        if _is_excluded(ctx, s, e, excluded) or _in_doc_number(ctx, e) or _inside_word(ctx, seg, s, e):
            continue
        hit = resolve_department(ctx, mention)
        if hit is not None and (_local_body(ctx, mention, s, hit.level) or foreign_entry(hit, mention, home)):
            continue
        if hit is not None:
            rows.append(_row(ctx, c, mention, s, e, True, hit.canonical, hit.kind, hit.parent, hit.successor,
                             hit.level))
        elif c.fields.get("known") is False and not foreign_entry(_PATTERN_ENTRY, mention, home):
            rows.append(_row(ctx, c, mention, s, e, False, mention, "department", None))
    known = {r["char_end"]: r["char_start"] for r in rows}
    return _add_bodies(ctx, rows, find_bodies(ctx, seg, home, known), excluded)
