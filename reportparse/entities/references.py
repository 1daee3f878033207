"""Rows of the ``references`` table: document numbers and 《titles》."""

from __future__ import annotations

from typing import Any

from ..model import Candidate
from .context import DocContext, as_int, group, longest_first


def _trim_issuer(issuer: str, lead_words: tuple[str, ...]) -> tuple[str, int]:
    """Drop words such as 根据/印发 written before the issuer; returns (issuer, chars cut).
    A one-character word (以, 按) is dropped only where the issuer starts with it: inside a code
    it may be part of it."""
    cut = 0
    changed = True
    while changed:
        changed = False
        for w in longest_first(lead_words):
            i = issuer.find(w) if len(w) > 1 else (0 if issuer.startswith(w) else -1)
            if i >= 0 and len(issuer) - (i + len(w)) >= 1:
                cut += i + len(w)
                issuer = issuer[i + len(w) :]
                changed = True
                break
    return issuer, cut


def _trim_body(issuer: str, bodies: tuple[str, ...]) -> tuple[str, int]:
    """Drop the name of the issuing body written before its code, and anything before that
    (省政府办公厅川办函 -> 川办函, 据省发展改革委川发改政务 -> 川发改政务);
    a code that only starts like a body (国办发: 国办 + 发) is kept whole."""
    for name in longest_first(bodies):
        i = issuer.find(name)
        if i >= 0 and len(issuer) - (i + len(name)) >= 2:
            return issuer[i + len(name) :], i + len(name)
    return issuer, 0


def build_references(cands: list[Candidate], ctx: DocContext) -> list[dict[str, Any]]:
    """One row per cited document number or title."""
    rows: list[dict[str, Any]] = []
    lead = ctx.rules.lists.get("reference_lead_words", ())
    official = tuple(line.split("=", 1)[0] for line in ctx.rules.lists.get("official_orgs", ()) if "=" in line)
    bodies = tuple(ctx.rules.lists.get("departments", ())) + official
    seen: set[tuple[int, int]] = set()
    for c in cands:
        kind = c.fields.get("kind", "title")
        if kind == "doc_number":
            issuer, cut = _trim_issuer(group(c, "issuer") or "", lead)
            issuer, body = _trim_body(issuer, bodies)
            issuer, again = _trim_issuer(issuer, lead)  # 省中心以川政公函: the body, then 以
            cut += body + again
            start = c.start + cut
            row = {
                **ctx.provenance(start, c.end, c.rule),
                "kind": "doc_number",
                "text": ctx.text[start : c.end],
                "issuer": issuer,
                "year": as_int(group(c, "year")),
                "number": as_int(group(c, "number")),
            }
        else:
            _, s, e = c.groups["title"]
            row = {**ctx.provenance(s, e, c.rule), "kind": "title", "text": group(c, "title")}
            start = s
        key = (row["char_start"], row["char_end"])
        if key in seen:
            continue
        seen.add(key)
        rows.append(row)
    return rows
