"""Which department a figure belongs to: the one its clause names as the actor.

Not a partner named after 会同/联合 (the actor is written before that word), not one of several
bodies acting together, not one official's body among officials of several bodies, and never
across a semicolon.
"""

from __future__ import annotations

from typing import Any

from ..model import Candidate
from .context import DocContext, starting_in

_DEPT_TAILS = ("", "窗口")
_DEPT_LEADS = ("", "其中", "包括", "含")


#: Characters around a figure's sentence within which the departments and officials that
#: decide its department are looked for (lists of them never cross a sentence end).
_REACH = 200
def names_department(g: tuple[str, int, int] | None, depts: list[dict[str, Any]], text: str) -> bool:
    """True when a metric's span is a department's name (or its 窗口), after 其中 at most: 省公安厅 in
    省公安厅86件, 其中省人社厅12件."""
    return g is not None and any(
        d["kind"] != "division" and g[1] <= d["char_start"] and d["char_end"] <= g[2]
        and text[g[1] : d["char_start"]] in _DEPT_LEADS
        and text[d["char_end"] : g[2]] in _DEPT_TAILS for d in starting_in(depts, g[1], g[2]))


def figure_department(
    c: Candidate, ctx: DocContext, depts: list[dict[str, Any]], officials: list[dict[str, Any]] | None = None
) -> str | None:
    """The department named nearest before a figure in its sentence; none when that is one of
    several listed (as departments or as officials' organizations)."""
    sent = ctx.sentence_at(c.start)
    lo = sent.start if sent else 0
    best = None
    value_start = c.groups["value"][1]
    depts = starting_in(depts, lo - _REACH, value_start + _REACH)
    for d in depts:
        if d["kind"] != "division" and lo <= d["char_start"] and d["char_end"] <= value_start:
            best = d
    if best is None or any(ch in "；;" for ch in ctx.text[best["char_end"] : value_start]):
        return None  # a clause after a semicolon starts afresh (…；本周两地互办业务2150件)
    actor = _actor_before_partners(best, depts, ctx.text)
    if actor is not None:
        return actor["canonical"] if actor is not best else None
    if any(joined(d, best, ctx.text) or joined(best, d, ctx.text) for d in depts if d is not best):
        return None  # 省教育厅、省退役军人厅共36个办理项: several departments' figure, no one's
    near = starting_in(officials or [], best["char_start"] - _REACH, best["char_end"] + _REACH)
    if len(_officials_listed_with(best, near, ctx.text)) > 1:
        return None  # 省公安厅副厅长甲、省市场监管局二级巡视员乙分别…: officials of several departments
    return best["canonical"]


_PARTNER_WORDS = ("会同", "联合", "协同", "配合", "指导")


def _actor_before_partners(
    dept: dict[str, Any], depts: list[dict[str, Any]], text: str
) -> dict[str, Any] | None:
    """The department written before 会同/联合… when ``dept`` is one of the partners listed
    after it (省中心会同省人社厅、省医保局开设…: the figures are 省中心's); ``dept`` itself when
    they are partners but no department acts (会同省公安厅完成…) or several do (甲、乙联合丙…);
    None when ``dept`` is no partner."""
    first = dept
    while True:
        before = next((d for d in depts if d is not first and d["kind"] != "division" and joined(d, first, text)), None)
        if before is None:
            break
        first = before
    word = next((w for w in _PARTNER_WORDS if text[max(0, first["char_start"] - len(w)) : first["char_start"]] == w), None)
    if word is None:
        return None
    at = first["char_start"] - len(word)
    actor = next((d for d in depts if d["kind"] != "division" and d["char_end"] == at), None)
    if actor is not None and any(joined(d, actor, text) for d in depts if d is not actor):
        return dept  # 省经信厅、省商务厅联合省中心…: several departments act, no one's figure
    return actor or dept


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


def joined(a: dict[str, Any], b: dict[str, Any], text: str) -> bool:
    """True when department ``a`` is listed right before ``b`` (省教育厅、省退役军人厅, 甲和乙)."""
    return a["char_end"] <= b["char_start"] and text[a["char_end"] : b["char_start"]] in ("、", "和", "及", "与", "，")
