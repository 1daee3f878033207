"""Rows of the ``figures`` table: value, unit, metric, subject, scope, period, department.

Scope comes from the rule (``set: {scope: change}``) or from the nearest scope cue
before the figure in its sentence, so a cue shared by a list carries to every item
(本周，共计咨询 3101 人次、受理 425 件…). A subject shared by a list of verbs carries
too (行政许可事项受理 341613 件，办结 337026 件).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import Candidate
from ..normalize.numbers import parse_number
from ..segment import Segmenter
from .context import DocContext, group, longest_first

_APPROX_BEFORE = ("约", "近", "超过", "逾", "超", "达近")


def _strip_subject(subject: str | None, start: int, ctx: DocContext) -> str | None:
    if not subject:
        return None
    units = ctx.rules.lists.get("units", ())
    if start > 0 and ctx.text[start - 1].isdigit():
        for u in longest_first(units):
            if subject.startswith(u) and len(subject) > len(u):
                subject = subject[len(u) :]
                break
    for p in longest_first(ctx.rules.lists.get("subject_strip", ())):
        if subject.startswith(p) and len(subject) > len(p):
            subject = subject[len(p) :]
    return subject or None


def _object(metric: str | None, obj: str | None, lists: dict[str, tuple[str, ...]]) -> tuple[str | None, str | None]:
    """(metric, subject) of a verb and the object written after it: generic words are dropped
    (受理群众办件 -> 受理, no subject) and an object that is itself a metric verb joins the
    metric (接待群众咨询 -> 接待咨询)."""
    generic = lists.get("generic_objects", ())
    if obj:
        for g in longest_first(generic):
            if obj.startswith(g):
                obj = obj[len(g) :]
                break
    if not obj or obj in generic:
        return metric, None
    if metric and obj in lists.get("metric_verbs", ()):
        return metric + obj, None
    return metric, obj


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


def _scope(c: Candidate, cues: list[Candidate], ctx: DocContext) -> str:
    if "scope" in c.fields:
        return str(c.fields["scope"])
    sent = ctx.sentence_at(c.start)
    lo = sent.start if sent else 0
    value_start = c.groups["value"][1]
    seen: list[str] = []
    text = ctx.text
    for q in cues:
        if lo <= q.start and q.end <= value_start:
            inside = text.count("（", lo, q.start) + text.count("(", lo, q.start) > text.count(
                "）", lo, q.start) + text.count(")", lo, q.start)
            if inside and any(b in text[q.end:value_start] for b in "）)"):
                continue  # a cue inside brackets does not carry out of them
            scope = str(q.fields.get("scope", "other"))
            # a cue that yields (累计) keeps an earlier cue of the scope it yields to (截至目前)
            yields = q.fields.get("yields_to")
            seen.append(yields if yields in seen else scope)
    return seen[-1] if seen else "other"


def _period(scope: str, ctx: DocContext, offset: int) -> tuple[date | None, date | None]:
    ps, pe = ctx.issue.period_start, ctx.issue.period_end
    if scope in ("week", "change"):
        return ps, pe
    as_of = ctx.asof_near(offset) or pe
    if scope == "ytd" and as_of:
        return date(as_of.year, 1, 1), as_of
    if scope == "cumulative":
        return None, as_of
    return None, None


def _department(c: Candidate, ctx: DocContext, depts: list[dict[str, Any]]) -> str | None:
    sent = ctx.sentence_at(c.start)
    lo = sent.start if sent else 0
    best = None
    value_start = c.groups["value"][1]
    for d in depts:
        if d["kind"] != "division" and lo <= d["char_start"] and d["char_end"] <= value_start:
            best = d
    return best["canonical"] if best else None


def build_figures(
    cands: list[Candidate],
    cues: list[Candidate],
    ctx: DocContext,
    depts: list[dict[str, Any]],
    seg: Segmenter | None = None,
) -> list[dict[str, Any]]:
    """One row per figure candidate that survived the overlap policy and the claim ledger."""
    lists = ctx.rules.lists
    lead_words = lists.get("fillers", ()) + lists.get("subject_strip", ()) + lists.get("metric_lead_words", ())
    rows: list[dict[str, Any]] = []
    carried: tuple[int, str] | None = None  # (sentence id, subject) shared by a list of verbs
    for c in cands:
        vtext, vs, _ = c.groups["value"]
        num = parse_number(vtext)
        if num is None:
            continue
        sent = ctx.sentence_at(c.start)
        subject = group(c, "subject") or group(c, "object")
        sgroup = c.groups.get("subject") or c.groups.get("object")
        subject = _strip_subject(subject, sgroup[1] if sgroup else 0, ctx)
        metric = _trim_metric(group(c, "metric") or c.fields.get("metric"), seg, lead_words)
        if not c.groups.get("subject") and c.groups.get("object"):
            metric, subject = _object(metric, subject, lists)
        if c.rule == "figure.verb" and sent is not None:
            if sgroup is not None:  # a subject or object of its own: it carries to the next verbs
                carried = (sent.id, subject)
            elif carried and carried[0] == sent.id:
                subject = carried[1]
        vfrom = parse_number(group(c, "value_from") or "") if group(c, "value_from") else None
        if c.fields.get("metric_from") == "previous" and rows and sent is not None and rows[-1]["sentence"] == sent.text:
            metric, subject = rows[-1]["metric"], subject or rows[-1]["subject"]
        approx = bool(num.approx or group(c, "approx")) or ctx.text[max(0, vs - 2) : vs].endswith(_APPROX_BEFORE)
        scope = _scope(c, cues, ctx)
        start, end = _period(scope, ctx, c.start)
        rows.append(
            {
                **ctx.provenance(c.start, c.end, c.rule),
                "section": sent.section if sent else "",
                "subject": subject,
                "metric": metric,
                "value": num.value,
                "value_from": vfrom.value if vfrom else None,
                "unit": group(c, "unit"),
                "scope": scope,
                "period_start": start,
                "period_end": end,
                "department": _department(c, ctx, depts),
                "sentence": sent.text if sent else "",
                "value_text": vtext,
                "approx": approx,
            }
        )
    return rows
