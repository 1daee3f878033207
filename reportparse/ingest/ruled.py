"""Ruled tables of a PDF page: pdfplumber's table finder gives the grid, the engine's chars the text.

Only pages that draw enough paths (ruling lines, cell rectangles) are searched, so a page of
prose costs nothing more. The engine records the page's axis-aligned path segments while it
reads the text (``pdf._CharDevice``, ``pdfium.page_edges``) and hands them to pdfplumber's
``TableFinder`` as explicit lines (``explicit_vertical_lines`` / ``explicit_horizontal_lines``:
the same grid as its ``lines`` strategy, without parsing the page a second time). Where the rules
stop short of the text (a table with no outer verticals, a 三线表's side columns), the grid is
widened to the extent of its horizontal rules with a rule added at each end; a grid row whose
columns each stack several text lines with numbers (a statistical table ruled only around its
header) is split into one row per line.

A table is a plain dict (JSON-ready, so the cache keeps it)::

    {"page": 3, "bbox": [x0, top, x1, bottom], "unit": "万元",
     "cells": [{"row": 0, "col": 0, "text": "项目", "bbox": [...]}, ...]}

A ``title`` (its caption line, 表…) is set too. Its chars are taken out of the page's running text (``split_chars``); ``layout`` sets each cell
as a paragraph of its own and ``entities/cells.py`` reads the grid.
"""

from __future__ import annotations

from typing import Any

import regex

from .glyphs import chars_to_lines

MIN_RULES = 3  # axis-aligned rule segments a page must draw before the table finder is asked
MAX_RULES = 4000  # more: a vector drawing (chart, map), not a table; the finder is not asked
MIN_LENGTH = 2.0  # shorter segments are no rules (hatching, glyph-like marks)
UNIT_LINE = regex.compile(r"(?<!编制|填报|报送)单位\s*[:：]\s*(?P<unit>[^\s，,；;）)]{1,6})")
NUMERIC = regex.compile(r"[-+−]?\d[\d,，]*(?:\.\d+)?%?")

Box = tuple[float, float, float, float]


def edge(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    """An axis-aligned rule as pdfplumber's table finder takes an edge (top-left origin, points)."""
    return {"object_type": "line_edge", "x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0,
            "height": bottom - top, "orientation": "h" if bottom - top <= x1 - x0 else "v"}


class _Bounds:
    """What pdfplumber's ``TableFinder`` needs of a page with explicit edges only: its bbox."""

    def __init__(self, bbox: Box) -> None:
        self.bbox = bbox


def _finder_tables(bbox: Box, edges: list[dict[str, Any]]) -> list[Any]:
    """pdfplumber's table finder on these edges (its ``explicit`` strategies: no page parsed again)."""
    from pdfplumber.table import TableFinder

    v = [e for e in edges if e["orientation"] == "v"]
    h = [e for e in edges if e["orientation"] == "h"]
    if len(v) < 2 or len(h) < 2:
        return []
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": v, "explicit_horizontal_lines": h}
    try:
        return TableFinder(_Bounds(bbox), settings).tables  # type: ignore[arg-type]
    except (ValueError, KeyError, TypeError, ZeroDivisionError):
        return []


def find_grids(edges: list[dict[str, Any]], bbox: Box) -> list[tuple[Box, list[list[Box | None]]]]:
    """(bbox, rows of cell boxes; None where a merged cell spans) of each ruled table drawn by
    ``edges`` on a page of ``bbox``, widened to its horizontal rules where they run past its
    outer verticals; tables with no outer verticals at all found from their stacked full rules.
    A page with fewer than ``MIN_RULES`` or more than ``MAX_RULES`` segments has none (the cost
    stays linear in the page's size)."""
    edges = [e for e in edges if max(e["width"], e["height"]) >= MIN_LENGTH]
    if not MIN_RULES <= len(edges) <= MAX_RULES:
        return []
    edges += _page_break_rules(edges)
    tables = _finder_tables(bbox, edges)
    h_edges = [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 20]
    v_edges = [e for e in edges if e["orientation"] == "v"]
    found = [t.bbox for t in tables]
    for region in _open_sided(h_edges, v_edges):
        if not any(_overlap(region, b) for b in found):
            wide = _widened(edges, region)
            if wide is not None:
                tables.append(wide)
    out = []
    for t in tables:
        x0, top, x1, bottom = t.bbox
        lo, hi = _rule_extent(h_edges, t.bbox)
        if lo < x0 - 10 or hi > x1 + 10:
            wide = _widened(edges, (lo, top, hi, bottom))
            if wide is not None:
                t = wide
        rows = [list(r.cells) for r in t.rows]
        if len(rows) >= 1 and max((sum(c is not None for c in r) for r in rows), default=0) >= 2:
            out.append((tuple(t.bbox), rows))
    return out


def _page_break_rules(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rules a table broken by the page would have: where two or more verticals run on past the
    last horizontal rule they cross (the table goes on on the next page), or start above the first
    (it came from the previous page), a horizontal rule at their end, as wide as the rules they cross."""
    h = [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 20]
    v = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 8]
    out: list[dict[str, Any]] = []
    for end in ("bottom", "top"):
        ends: dict[int, list[dict[str, Any]]] = {}
        for e in v:
            ends.setdefault(round(e[end] / 3), []).append(e)
        for group in ends.values():
            y = group[0][end]
            if len(group) < 2 or any(abs(r["top"] - y) <= 3 for r in h if r["x0"] <= group[0]["x0"] <= r["x1"]):
                continue
            crossed = [r for r in h if any(r["x0"] - 1 <= e["x0"] <= r["x1"] + 1 and e["top"] - 1 <= r["top"] <= e["bottom"] + 1
                                           for e in group)]
            # only past every rule of the table (below its last, above its first): a break, not a header's inner end
            below = [r for r in h if r["x0"] - 1 <= group[0]["x0"] <= r["x1"] + 1]
            beyond = all(r["top"] < y - 8 for r in below) if end == "bottom" else all(r["top"] > y + 8 for r in below)
            if crossed and beyond:
                out.append(edge(min(r["x0"] for r in crossed), y, max(r["x1"] for r in crossed), y))
    return out


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _open_sided(h_edges: list[dict[str, Any]], v_edges: list[dict[str, Any]]) -> list[Box]:
    """Regions of tables ruled with no outer verticals: full rules of one extent (±3 pt) stacked,
    consecutive ones joined where an inner vertical rule runs between them (else it is a gap)."""
    rules = sorted((e for e in h_edges if e["x1"] - e["x0"] >= 100), key=lambda e: (e["top"], e["x0"]))
    groups: list[list[dict[str, Any]]] = []
    for e in rules:
        g = next((g for g in groups if abs(g[0]["x0"] - e["x0"]) <= 3 and abs(g[0]["x1"] - e["x1"]) <= 3), None)
        if g is None:
            groups.append([e])
        elif e["top"] - g[-1]["top"] > 2:
            g.append(e)
    out: list[Box] = []
    for g in groups:
        x0, x1 = g[0]["x0"], g[0]["x1"]
        start = None
        for a, b in zip(g, g[1:], strict=False):
            ruled = any(x0 + 3 < v["x0"] < x1 - 3 and v["top"] <= a["top"] + 3 and v["bottom"] >= b["top"] - 3
                        for v in v_edges)
            if ruled and start is None:
                start = a["top"]
            if not ruled and start is not None:
                out.append((x0, start, x1, a["top"]))
                start = None
        if start is not None:
            out.append((x0, start, x1, g[-1]["top"]))
    return out


def _rule_extent(edges: list[dict[str, Any]], box: Box) -> tuple[float, float]:
    """How far left and right the horizontal rules of ``box``'s height run, segments that touch chained."""
    lo, hi = box[0], box[2]
    rules = [e for e in edges if box[1] - 2 <= e["top"] <= box[3] + 2]
    grown = True
    while grown:
        grown = False
        for e in rules:
            if e["x1"] >= lo - 3 and e["x0"] <= hi + 3 and (e["x0"] < lo or e["x1"] > hi):
                lo, hi, grown = min(lo, e["x0"]), max(hi, e["x1"]), True
    return lo, hi


def _widened(edges: list[dict[str, Any]], box: Box) -> Any:
    """The table of ``box`` with vertical rules added at its left and right ends."""
    x0, top, x1, bottom = box
    inside = [e for e in edges if e["x0"] >= x0 - 1 and e["x1"] <= x1 + 1 and e["top"] >= top - 1
              and e["bottom"] <= bottom + 1]
    found = _finder_tables(box, [*inside, edge(x0, top, x0, bottom), edge(x1, top, x1, bottom)])
    return max(found, key=lambda t: (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]), default=None)


def _inside(c: dict[str, Any], box: Box) -> bool:
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def split_chars(chars: list[dict[str, Any]], grids: list[tuple[Box, list[list[Box | None]]]], page_no: int,
                x_tolerance: float) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(chars outside every table, the tables with their cells' text) of one page."""
    if not grids:
        return chars, []
    rest = list(chars)
    tables = []
    for box, rows in grids:
        mine = [c for c in rest if _inside(c, box)]
        if not mine:
            continue
        cells = _cells(rows, mine, x_tolerance, chars_to_lines)
        if not _tabular(cells):
            continue  # its text stays running text
        ids = {id(c) for c in mine}
        rest = [c for c in rest if id(c) not in ids]
        tables.append({"page": page_no, "bbox": [round(v, 2) for v in box], "unit": "", "cells": cells})
    return rest, tables


def _tabular(cells: list[dict[str, Any]]) -> bool:
    """A grid that holds a table: two rows with text (a ruled header alone is no table: its rows
    stay lines of text, read as a line table by ``entities/grids.py``), a number cell or three
    columns with text (an empty budget table), and sentences in under a third of its cells (a
    framed page or a two-column layout is no table)."""
    full = [c["text"] for c in cells if c["text"]]
    if len({c["row"] for c in cells if c["text"]}) < 2:
        return False
    if not any(NUMERIC.fullmatch(t) for t in full) and len({c["col"] for c in cells if c["text"]}) < 3:
        return False
    return sum(t.endswith(("。", "；")) for t in full) * 3 < len(full)


def _cells(rows: list[list[Box | None]], chars: list[dict[str, Any]], x_tolerance: float,
           to_lines: Any) -> list[dict[str, Any]]:
    """The grid's cells with text. A grid row where two or more columns hold several text lines
    at the same heights, numbers among them (one item a line, only the header ruled), is split
    into one row per line, its text cut at the grid's column edges even where no cell is drawn."""
    lefts = [min((r[j][0] for r in rows if j < len(r) and r[j] is not None), default=None)
             for j in range(max(len(r) for r in rows))]
    right = max(b[2] for r in rows for b in r if b is not None)
    edges = [x for x in lefts if x is not None] + [right]
    spans = [(edges[k], edges[k + 1]) for k in range(len(edges) - 1)]
    out: list[dict[str, Any]] = []
    r = 0
    for row in rows:
        boxes = [b for b in row if b is not None]
        top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
        band = [c for c in chars if top <= (c["top"] + c["bottom"]) / 2 <= bottom]
        by_col = [to_lines([c for c in band if lo <= (c["x0"] + c["x1"]) / 2 < hi], x_tolerance) for lo, hi in spans]
        stacked = [lines for lines in by_col if len(lines) >= 2]
        if len(stacked) >= 2 and any(sum(bool(NUMERIC.fullmatch(ln.text.strip())) for ln in lines) >= 2
                                     for lines in stacked):
            groups: list[list[float]] = []
            for y in sorted((ln.top + ln.bottom) / 2 for lines in by_col for ln in lines):
                if groups and y - groups[-1][-1] <= 3:
                    groups[-1].append(y)
                else:
                    groups.append([y])
            for g in groups:
                for col, ((lo, hi), lines) in enumerate(zip(spans, by_col, strict=True)):
                    part = [ln for ln in lines if g[0] - 3 <= (ln.top + ln.bottom) / 2 <= g[-1] + 3]
                    out.append(_cell(r, col, part, (lo, part[0].top if part else top, hi,
                                                    part[-1].bottom if part else bottom)))
                r += 1
            continue
        for col, b in enumerate(row):
            if b is not None:
                out.append(_cell(r, col, to_lines([c for c in band if _inside(c, b)], x_tolerance), b))
        r += 1
    return out


def _cell(row: int, col: int, lines: list[Any], box: Box) -> dict[str, Any]:
    text = "".join(ln.text.strip() for ln in lines)  # a wrapped cell reads on (事业单位|经营收入)
    return {"row": row, "col": col, "text": text, "bbox": [round(v, 2) for v in box]}


def table_context(tables: list[dict[str, Any]], lines: list[Any]) -> None:
    """Set each table's ``unit`` from a ``单位：万元`` line and its ``title`` from a caption with 表
    (表5 …产量及增速, 2024年…收支预算总表) among the lines just above it (within 80 pt)."""
    for t in tables:
        top = t["bbox"][1]
        above = sorted((ln for ln in lines if top - 80 <= ln.bottom <= top + 2), key=lambda x: -x.top)
        t.setdefault("title", "")
        for ln in above:
            text = ln.text.replace(" ", "")
            m = UNIT_LINE.search(text)
            if m and not t["unit"]:
                t["unit"] = m["unit"]
            elif not m and "表" in text and len(text) <= 60 and not t["title"] and "编制单位" not in text:
                t["title"] = ln.text.strip()
