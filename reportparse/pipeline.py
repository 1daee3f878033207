"""``parse_document``: one file in, every table's rows out. Pure: path + rules + settings.

The stages, in order:
ingest -> layout -> sections -> rules (find candidates) -> overlap policy + claim ledger
-> masthead -> dates -> references -> departments -> officials -> figures -> rows.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import regex

from .coverage import build_coverage, row_spans
from .entities.bounds import mark_bounds
from .entities.cells import build_cells, with_caption_scope, with_departments
from .entities.context import DocContext
from .entities.dates import build_dates
from .entities.departments import build_departments
from .entities.figures import build_figures
from .entities.grids import grid_candidates
from .entities.masthead import build_masthead
from .entities.officials import build_officials
from .entities.references import build_references
from .entities.scopes import in_plan_section
from .errors import InputError
from .match import ClaimLedger, find_candidates, resolve_overlaps
from .model import Candidate, CleanText, DocumentResult, RawDocument, RawLine, RawPage
from .notices import warning_rows
from .quantities.lines import line_table_candidates
from .quantities.rows import (
    pair_each,
    quantities_of,
    quantity_candidates,
    read_all,
    repair_rows,
    widen_units,
    year_periods,
)
from .rulebook import RuleSet
from .sections import clean_to_sections, clean_to_sentences
from .segment import build_terms, segmenter_for
from .settings import Settings, format_of

TABLE_NAMES = ("figures", "dates", "departments", "officials", "references", "cells")


@dataclass
class Trace:
    """What the rules did on one text: every candidate, whether it won, and why not."""

    decisions: list[tuple[Candidate, bool, str]] = field(default_factory=list)
    #: Spans the analysis used, (start, end, owner): rows of every table, masthead fields,
    #: section markers, document numbers, claim rules. Numbers outside them are ``coverage`` rows.
    claimed: list[tuple[int, int, str]] = field(default_factory=list)

    def add(self, won: list[Candidate], lost: list[tuple[Candidate, str]]) -> None:
        self.decisions += [(c, True, "") for c in won] + [(c, False, r) for c, r in lost]


_HAN = regex.compile(r"\p{Han}")


def doc_id_of(data: bytes) -> tuple[str, str]:
    """(doc_id, sha256) of a file's bytes."""
    sha = hashlib.sha256(data).hexdigest()
    return sha[:16], sha


def parse_document(path: Path, rules: RuleSet, settings: Settings, source: str | None = None) -> DocumentResult:
    """Parse one file. Never raises for bad input: the result then has status ``error``."""
    source = source if source is not None else str(path)
    doc: dict[str, Any] = {"source": source, "rules_hash": rules.hash}
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        return _failed(doc, source, "ingest", f"cannot read file: {e.strerror or e}")
    doc["doc_id"], doc["sha256"] = doc_id_of(data)
    doc["format"] = format_of(path)
    cache, tkey, hit = None, "", None
    if settings.cache_dir is not None:  # see cache.py: a hit returns what a miss computes
        from .cache import Cache, text_key

        cache = Cache(settings.cache_dir)
        tkey = text_key(doc["sha256"], b"%PDF" in data[:1024], settings)
        hit = cache.get_text(tkey)
    if hit is not None:
        raw_fields, clean = hit
    else:
        from .ingest import read_document  # not imported at all when every text is cached
        from .layout import raw_to_clean

        try:
            raw = read_document(Path(path), settings)
        except InputError as e:
            return _failed(doc, source, e.stage, e.message)
        raw_fields = {"format": raw.format, "extractor": raw.extractor, "n_pages": raw.n_pages, "meta": raw.meta}
        clean = raw_to_clean(raw, settings)
        if cache is not None:
            cache.put_text(tkey, raw, clean)
    doc.update(format=raw_fields["format"], extractor=raw_fields["extractor"], pages=raw_fields["n_pages"])
    doc.update(_page_fields(raw_fields.get("meta") or {}))
    warnings = warning_rows(raw_fields.get("meta") or {}, doc["doc_id"])  # what the readers reported
    doc["warnings"] = len(warnings)
    doc["n_chars"] = len(clean.text)
    if not clean.text.strip():
        doc["status"] = "empty"
        return DocumentResult(document=doc, tables={**{t: [] for t in TABLE_NAMES}, "warnings": warnings},
                              text=clean.text)
    rows = None
    if cache is not None:
        from .cache import rows_key

        rkey = rows_key(tkey, rules.hash, settings.tokens, settings.terms_top if settings.terms else 0)
        rows = cache.get_rows(rkey)
    if rows is not None:
        fields, tables = rows
    else:
        fields, tables, _ = analyse(clean, rules, doc["doc_id"], tokens=settings.tokens,
                                    terms=settings.terms_top if settings.terms else 0)
        if cache is not None:
            cache.put_rows(rkey, fields, tables)
    doc.update(fields)
    doc["status"] = "ok"
    return DocumentResult(document=doc, tables={**tables, "warnings": warnings}, text=clean.text)


def _page_fields(meta: dict[str, Any]) -> dict[str, Any]:
    """documents' page columns from the reader's meta: ``pages_without_text`` (PDF pages with no
    text layer: scanned or image-only, '1;20'), ``fallback_pages`` / ``chars_lost`` (pages whose
    text PDFium supplied because pdfplumber lost characters there, and how many it lost),
    ``ocr_pages`` / ``ocr_confidence`` (pages read by OCR, their mean confidence)."""
    out: dict[str, Any] = {}
    if "pages_without_text" in meta:
        out["pages_without_text"] = ";".join(str(int(p)) for p in meta["pages_without_text"]) or None
    if "chars_lost" in meta:
        pages = sorted(int(p) for p in meta.get("engine_pages") or {})  # JSON (the cache) makes keys str
        out.update(fallback_pages=";".join(map(str, pages)) or None, chars_lost=int(meta["chars_lost"] or 0))
    ocr = {int(p): c for p, c in (meta.get("ocr_pages") or {}).items()}  # c: None on a blank page
    if ocr:
        out["ocr_pages"] = ";".join(map(str, sorted(ocr)))
        found = [float(c) for c in ocr.values() if c is not None]
        out["ocr_confidence"] = round(sum(found) / len(found), 4) if found else None
    return out


def _failed(doc: dict[str, Any], source: str, stage: str, message: str) -> DocumentResult:
    message = " ".join(str(message).split())
    doc.update(status="error", error=message)
    return DocumentResult(
        document=doc,
        tables={t: [] for t in TABLE_NAMES},
        errors=[{"source": source, "stage": stage, "error": message, "doc_id": doc.get("doc_id")}],
    )


def analyse(
    clean: CleanText,
    rules: RuleSet,
    doc_id: str,
    *,
    defaults: dict[str, Any] | None = None,
    tokens: bool = False,
    terms: int = 0,
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]], Trace]:
    """Run the rules over cleaned text: (documents-row fields, table rows, trace).

    Always makes the ``coverage`` table (and field); ``tokens`` and ``terms`` (top-K keywords,
    0: none) add the opt-in tables."""
    trace = Trace()
    sections, markers = clean_to_sections(clean)
    sentences = clean_to_sentences(clean, sections)
    cands = find_candidates(clean.text, rules.rules, clean.paragraphs, rules.gates)
    cands += grid_candidates(clean, rules.lists.get("units", ()), rules.lists.get("grid_row_heads", ()))
    by_kind: dict[str, list[Candidate]] = {}
    for c in cands:
        by_kind.setdefault(c.kind, []).append(c)

    def winners(kind: str) -> list[Candidate]:
        won, lost = resolve_overlaps(by_kind.get(kind, []))
        trace.add(won, lost)
        return won

    ctx = DocContext(doc_id, clean, sentences, sections, rules)
    header_end = sections[0].start if sections else len(clean.text)
    fields, ctx.issue, mast_used = build_masthead(by_kind.get("masthead", []), header_end, defaults, clean,
                                                  rules.of_kind("masthead"))
    trace.add(mast_used, [(c, "not in the masthead, or its field was already filled")
                          for c in by_kind.get("masthead", []) if c not in mast_used])

    ledger = ClaimLedger()
    for m in markers:
        ledger.claim(m.start, m.end, "section.marker")
    cell_rows, cell_figures, captions = build_cells(clean, sections, doc_id)  # ruled tables: own figures
    for f in cell_figures:
        ledger.claim(f["char_start"], f["char_end"], f["rule"])
    for s, e in captions:
        ledger.claim(s, e, "table.caption")
    doc_numbers = [c for c in by_kind.get("reference", []) if c.fields.get("kind") == "doc_number"]
    titles = [c for c in by_kind.get("reference", []) if c.fields.get("kind") != "doc_number"]
    doc_won, doc_lost = resolve_overlaps(doc_numbers)
    trace.add(doc_won + titles, doc_lost)
    for c in doc_won:
        ledger.claim(c.start, c.end, c.rule)
    date_cands = []
    for c in by_kind.get("date", []):
        owner = ledger.owner(c.start, c.end)
        if owner:
            trace.add([], [(c, f"span claimed by {owner}")])
        else:
            date_cands.append(c)
    date_won, date_lost = resolve_overlaps(date_cands)
    trace.add(date_won, date_lost)
    date_rows, date_used = build_dates(date_won, ctx)
    for c in date_used:
        if c.fields.get("kind") != "relative":
            ledger.claim(c.start, c.end, c.rule)
    for c in winners("claim") + mast_used:
        ledger.claim(c.start, c.end, c.rule)

    ref_rows = build_references(sorted(doc_won + titles, key=lambda c: (c.start, c.end)), ctx)
    seg = segmenter_for(rules)
    dept_rows = build_departments(winners("department"), ctx, seg)
    off_rows = build_officials(winners("official"), ctx, seg, date_rows, dept_rows)
    fig_cands = []
    cuts = SentenceCuts(seg, clean.text, ctx)
    for c in by_kind.get("figure", []):
        _, vs, ve = c.groups["value"]
        owner = ledger.owner(vs, ve)
        if owner:
            trace.add([], [(c, f"number claimed by {owner}")])
        else:
            aligned = _align_metric(c, clean.text, cuts, rules.lists)
            if aligned is None:
                trace.add([], [(c, "metric does not end on a word boundary (jieba)")])
            else:
                fig_cands.append(aligned)
    fig_cands = _table_rows(fig_cands, clean, trace, dept_rows)
    fig_won, fig_lost = resolve_overlaps(fig_cands)
    trace.add(fig_won, fig_lost)
    cues = winners("scope")
    fig_rows = build_figures(fig_won, cues, ctx, dept_rows, seg, off_rows)
    fig_rows = _quantity_rows(clean, ctx, rules, seg, ledger, fig_won, fig_rows, cues, dept_rows, off_rows, trace)
    # planned work (四、下周工作安排 > 1: 计划检查窗口60个) is no measured figure
    plans = rules.lists.get("plan_headings", ())
    cell_figures = with_caption_scope(with_departments(cell_figures, dept_rows), captions, cues, ctx)
    fig_rows = [r for r in fig_rows if not in_plan_section(r["section"], plans)] + cell_figures
    # 尚未审结37件 is negated, 不足10件 a limit (lt): columns negated and bound
    fig_rows = mark_bounds(fig_rows, clean.text, rules.lists.get("bounds", ()), seg)
    tables = {
        "figures": fig_rows,
        "dates": date_rows,
        "departments": dept_rows,
        "officials": off_rows,
        "references": ref_rows,
        "cells": cell_rows,
    }
    trace.claimed = ledger.spans + row_spans(tables)
    tables["coverage"], fields["coverage"] = build_coverage(clean, sentences, trace.claimed, doc_id)
    if tokens:
        tables["tokens"] = _tokens(sentences, seg, dept_rows, off_rows, clean.text, doc_id)
    if terms:
        tables["terms"] = build_terms(clean.text, seg, rules.lists.get("stopwords", ()), doc_id, terms)
    return fields, tables, trace


_IN_PHRASE = ("claim.code", "claim.quoted", "claim.idiom", "claim.hotline", "claim.size-class")


def _quantity_rows(clean: CleanText, ctx: DocContext, rules: RuleSet, seg: Any, ledger: ClaimLedger,
                   won: list[Candidate], rows: list[dict[str, Any]], cues: list[Candidate],
                   depts: list[dict[str, Any]], officials: list[dict[str, Any]], trace: Trace) -> list[dict[str, Any]]:
    """The figures of the quantities no figure rule read (quantities/), merged in reading order,
    and every row's metric checked against the grammar's reading of its quantity."""
    quantities, lex = quantities_of(clean, rules.lists)
    claimed = sorted((s, e) for s, e, _ in ledger.spans)
    # a clause never reaches back over a date, a document number or a heading; a code or a quoted
    # name inside it (A(H1N1)pdm09, “一网通办”) is part of its noun phrase
    floors = sorted((s, e) for s, e, owner in ledger.spans if not owner.startswith(_IN_PHRASE))
    readings = read_all(clean, quantities, lex, floors, seg, rules.lists.get("metric_verbs", ()), claimed)
    order = len(rules.rules)
    taken = [(c.start, c.end) for c in won]
    units = tuple(dict.fromkeys(rules.lists.get("units", ()) + rules.lists.get("measure_units", ())))
    line_cands = line_table_candidates(clean, units, taken, order)
    q_cands = quantity_candidates(clean, quantities, readings, taken + [(c.start, c.end) for c in line_cands],
                                  claimed, order)
    q_cands += line_cands
    q_cands.sort(key=lambda c: c.start)
    trace.add(q_cands, [])
    rows = sorted(rows + build_figures(q_cands, cues, ctx, depts, seg, officials), key=lambda r: r["char_start"])
    widen_units(rows, quantities)
    repair_rows(rows, readings, clean.text, rules.lists, seg)
    pair_each(rows, clean.text, lex)
    issue = ctx.issue
    # a report on a year that was over when it came out (a 统计公报 of 2023 published in 2024)
    closed = issue.year is not None and issue.published is not None and issue.published.year > issue.year
    year_periods(rows, clean.text, issue.year if closed else None, issue.period_start is not None)
    return rows


def _tokens(sentences: list[Any], seg: Any, depts: list[dict[str, Any]], officials: list[dict[str, Any]],
            text: str, doc_id: str) -> list[dict[str, Any]]:
    """The opt-in tokens table; extracted names and departments are single tokens."""
    keep = [(d["char_start"], d["char_end"], "nt") for d in depts]
    for o in officials:
        s = text.find(o["name"], o["char_start"], o["char_end"])
        if s >= 0:
            keep.append((s, s + len(o["name"]), "nr"))
    return [
        {"doc_id": doc_id, "sentence_id": s.id, "token_index": i, "token": t.text, "pos": t.pos,
         "char_start": t.start}
        for s in sentences
        for i, t in enumerate(seg.tagged_keeping(s.text, s.start, keep))
    ]


def _table_rows(cands: list[Candidate], clean: CleanText, trace: Trace, depts: list[dict[str, Any]]) -> list[Candidate]:
    """Keep a row of a table-like list (``metric_from: intro``: a paragraph that is only NAME
    NUMBER UNIT) only under an intro paragraph ending in ：, other rows standing between (the
    first row may run into the intro: …如下：省公安厅86件); the intro's span goes in the row's
    fields (``intro``). A row with no intro is dropped, so the other rules read that paragraph
    (本周受理425件 alone in its paragraph), unless its NAME is a department or its window
    (四川省市场监督管理局：61件; not 省公安厅窗口办结32件, a sentence of its own)."""
    rows = [c for c in cands if c.fields.get("metric_from") == "intro"]
    if not rows:
        return cands
    starts = [p.start for p in clean.paragraphs]
    whole: set[int] = set()
    inline: dict[int, int] = {}  # paragraph -> start of the row run into its intro
    for c in rows:
        i = bisect.bisect_right(starts, c.start) - 1
        if c.start == starts[i]:
            whole.add(i)
        else:
            inline[i] = c.start
    out: list[Candidate] = []
    for c in cands:
        if c.fields.get("metric_from") != "intro":
            out.append(c)
            continue
        i = bisect.bisect_right(starts, c.start) - 1
        intro: tuple[int, int] | None = None
        if c.start > starts[i]:
            intro = (starts[i], c.start) if i + 1 in whole else None
        else:
            while i - 1 in whole:
                i -= 1
            if i - 1 in inline:
                intro = (starts[i - 1], inline[i - 1])
            elif i > 0:
                intro = (starts[i - 1], clean.paragraphs[i - 1].end)
        _, name, name_end = c.groups["subject"]
        if intro is not None and clean.text[intro[0] : intro[1]].rstrip().endswith(("：", ":")):
            out.append(replace(c, fields={**c.fields, "intro": intro}))
        elif any(d["char_start"] == name and clean.text[d["char_end"] : name_end] in ("", "窗口")
                 and d["kind"] != "division" for d in depts):
            out.append(c)
        else:
            trace.add([], [(c, "a NAME NUMBER UNIT paragraph with no intro ending in ：")])
    return out


class SentenceCuts:
    """jieba's word boundaries (absolute offsets, sorted), one cut per sentence: every figure
    candidate of a sentence reads the same cut."""

    def __init__(self, seg: Any, text: str, ctx: DocContext) -> None:
        self.seg, self.text, self.ctx = seg, text, ctx
        self._cuts: dict[int, list[int]] = {}  # sentence start -> its word boundaries

    def around(self, s: int, e: int) -> list[int]:
        """The boundaries of the sentence holding ``text[s:e]`` (of a window around it when it
        spans sentences)."""
        sent = self.ctx.sentence_at(s)
        if sent is None or e > sent.end:
            lo, hi = max(0, s - 12), min(len(self.text), e + 12)
            return sorted(b + lo for b in self.seg.boundaries(self.text[lo:hi]))
        cut = self._cuts.get(sent.start)
        if cut is None:
            tokens = self.ctx.sentence_cut(self.seg, sent)
            cut = self._cuts[sent.start] = sorted({sent.start, sent.end, *(t.start for t in tokens),
                                                   *(t.end for t in tokens)})
        return cut


def _align_metric(c: Candidate, text: str, cuts: SentenceCuts, lists: dict[str, tuple[str, ...]] | None = None) -> Candidate | None:
    """Make the metric a whole word (jieba): None when it ends inside a word (办理 in 办理项);
    a metric that starts inside a word is moved to the next word (…保障厅办理项 -> 办理项), or,
    when it ends that word, widened to the whole word (设立登记一百九十三件 -> 设立登记).
    A verb (or verb and measure) with only a filler between it and its number ends where the
    filler starts, whatever jieba reads there (办结为284.1万件: 结为; 办结量计498件: 量计)."""
    g = c.groups.get("metric")
    if g is None:
        return c
    _, s, e = g
    if _edge(text, s - 1) and _edge(text, e):
        return c  # a Han word next to a digit, punctuation or the paragraph's edge: no need to ask jieba
    bounds = cuts.around(s, e)
    if e not in bounds and not _verb_before_filler(c, text, lists or {}):
        return None
    # where the number, or its unit, ends is a boundary the rule itself drew: 21个|市（州）
    if s in bounds or any(c.groups[k][2] == s for k in ("value", "approx", "unit") if k in c.groups):
        return c
    new_s = next((b for b in bounds if s < b < e), None)
    if new_s is None:
        return _widen_metric(c, text, max(b for b in bounds if b < s), s, e)
    return replace(c, groups={**c.groups, "metric": (text[new_s:e], new_s, e)})


_MEASURES = ("", "量", "总量", "数", "总数", "额", "金额", "率")


def _verb_before_filler(c: Candidate, text: str, lists: dict[str, tuple[str, ...]]) -> bool:
    """True when the metric is a metric verb (or one with its measure: 办结量) and only a filler
    of gazetteers/fillers.txt stands between it and the number."""
    metric, _, e = c.groups["metric"]
    verbs = lists.get("metric_verbs", ())
    if not any(metric.endswith(v + m) for v in verbs for m in _MEASURES):
        return False
    gap = text[e : c.groups["value"][1]].strip()
    return gap in lists.get("fillers", ())


def _widen_metric(c: Candidate, text: str, word_start: int, s: int, e: int) -> Candidate | None:
    """The candidate with its metric widened to the word it ends (设立登记, 变更登记: a verb jieba
    reads with the words before it), when those are up to four Han characters no other group of
    the candidate holds; None otherwise."""
    lead = text[word_start:s]
    if not 0 < len(lead) <= 4 or not _HAN_WORD.fullmatch(lead):
        return None
    groups = dict(c.groups)
    subj = groups.get("subject")
    if subj is not None and subj[2] == s and c.rule != "figure.verb":
        # a modifier jieba reads with the noun (87家中小企业: 中小|企业 is 中小企业): the word is counted
        groups["subject"] = (text[subj[1] : word_start], subj[1], word_start) if subj[1] < word_start else None
    if any(k != "metric" and g[2] > word_start and g[1] < s for k, g in groups.items() if g is not None):
        return None
    groups["metric"] = (text[word_start:e], word_start, e)
    start = min(c.start, word_start)
    return replace(c, start=start, text=text[start : c.end], groups=groups)


_HAN_WORD = regex.compile(r"\p{Han}+")


def _edge(text: str, i: int) -> bool:
    """True when text[i] cannot be part of a jieba word (a word is Han or ASCII letters, or both)."""
    if i < 0 or i >= len(text):
        return True
    ch = text[i]
    return not (ch.isascii() and ch.isalpha()) and not _HAN.match(ch)


def text_to_clean(text: str) -> CleanText:
    """Clean a string as if it were a text file (for examples and ``rules explain``)."""
    from .layout import raw_to_clean

    lines = tuple(RawLine(line) for line in text.splitlines())
    raw = RawDocument(format="txt", extractor="text", pages=(RawPage(None, lines),), flow=True)
    return raw_to_clean(raw, Settings())


def parse_text(
    text: str, rules: RuleSet, context: dict[str, Any] | None = None
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]], Trace, CleanText]:
    """Run the rules over a snippet; ``context`` supplies masthead fields it lacks
    (year, period_start, period_end, published)."""
    clean = text_to_clean(text)
    fields, tables, trace = analyse(clean, rules, "snippet", defaults=_dates_of(context or {}))
    return fields, tables, trace, clean


def _dates_of(context: dict[str, Any]) -> dict[str, Any]:
    from datetime import date

    out: dict[str, Any] = {}
    for k, v in context.items():
        out[k] = date.fromisoformat(v) if isinstance(v, str) and k != "title" else v
    return out
