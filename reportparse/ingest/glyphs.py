"""Characters to visual lines: shared by both PDF engines (pdf.py, pdfium.py) and OCR.

No PDF library is imported here, so a run that reads no PDF never loads one.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from operator import itemgetter
from typing import Any

import regex

from ..model import RawLine

BOLD_FONT = regex.compile(r"(?i)bold|heavy|black|粗")
FAKE_BOLD_MODES = frozenset({2, 6})  # fill+stroke (6: and clip)
SUBSET_PREFIX = regex.compile(r"^[A-Z]{6}\+")


def dedupe_chars(chars: list[dict[str, Any]], tolerance: float = 1) -> list[dict[str, Any]]:
    """pdfplumber's ``dedupe_chars``, same result, a fifth of the time it took here.

    Chars sharing upright, text, font and size are clustered by ``doctop`` then by
    ``x0`` (values chained within ``tolerance``, as ``cluster_list`` does); each cluster
    keeps its top-left char. pdfplumber restores input order with ``list.index``
    (quadratic); this uses a position map.
    """
    key = itemgetter("upright", "text", "fontname", "size")
    pos_key = itemgetter("doctop", "x0")
    groups: dict[Any, list[dict[str, Any]]] = {}
    for c in chars:
        groups.setdefault(key(c), []).append(c)
    kept: list[dict[str, Any]] = []
    for grp in groups.values():
        if len(grp) == 1:
            kept.extend(grp)
            continue
        for y_cluster in _chains(grp, "doctop", tolerance):
            if len(y_cluster) == 1:
                kept.extend(y_cluster)
                continue
            kept.extend(min(x, key=pos_key) for x in _chains(y_cluster, "x0", tolerance))
    if len(kept) == len(chars):
        return list(chars)
    order = {id(c): i for i, c in enumerate(chars)}
    kept.sort(key=lambda c: order[id(c)])
    return kept


def _chains(objs: list[dict[str, Any]], attr: str, tolerance: float) -> list[list[dict[str, Any]]]:
    """Objects sorted by ``attr`` and split where the gap to the previous exceeds ``tolerance``."""
    objs = sorted(objs, key=itemgetter(attr))
    out = [[objs[0]]]
    for prev, c in zip(objs, objs[1:], strict=False):
        if c[attr] <= prev[attr] + tolerance:
            out[-1].append(c)
        else:
            out.append([c])
    return out


@lru_cache(maxsize=1024)
def font_name(name: str) -> str:
    """Font name without the subset prefix (``ABCDEF+``)."""
    return SUBSET_PREFIX.sub("", name or "")


@lru_cache(maxsize=1024)
def _bold_name(name: str) -> bool:
    return bool(BOLD_FONT.search(name))


def is_bold(char: dict[str, Any]) -> bool:
    """Bold face by name, or fake bold by render mode 2 (fill+stroke)."""
    return _bold_name(char.get("fontname") or "") or char.get("render_mode", 0) in FAKE_BOLD_MODES


def chars_to_lines(chars: list[dict[str, Any]], x_tolerance: float) -> list[RawLine]:
    """Group chars into visual lines (by vertical centre), left to right, with bold flags."""
    return [ln for _, ln in _grouped_lines(chars, x_tolerance)]


def _grouped_lines(chars: list[dict[str, Any]], x_tolerance: float) -> list[tuple[list[dict[str, Any]], RawLine]]:
    """``chars_to_lines``' lines, each with its chars (left to right)."""
    keyed = [((c["top"] + c["bottom"]) / 2, c["x0"], i, c) for i, c in enumerate(chars)
             if c.get("upright", True) and c.get("text")]
    keyed.sort(key=_MID_X)
    groups: list[list[dict[str, Any]]] = []
    group: list[dict[str, Any]] = []
    centre = height = 0.0
    for mid, _, _, c in keyed:
        top, bottom = c["top"], c["bottom"]
        tol = max(2.0, 0.4 * float(c.get("size") or 10))
        # or: the char overlaps the line's band by half its height (quotes and digits of a Latin
        # font sit lower than the CJK glyphs beside them)
        h = bottom - top
        overlap = min(bottom, centre + height / 2) - max(top, centre - height / 2)
        if groups and (abs(mid - centre) <= tol or overlap >= 0.5 * min(h, height) > 0):
            group.append(c)
            centre += (mid - centre) / len(group)
        else:
            group = [c]
            groups.append(group)
            centre, height = mid, h
    bold_of: dict[tuple[str, int], bool] = {}
    pairs = [(row, _group_to_line(row, x_tolerance, bold_of)) for row in (sorted(g, key=_X0) for g in groups)]
    return [(row, ln) for row, ln in pairs if ln.text.strip()]


_MID_X = itemgetter(0, 1, 2)
_X0 = itemgetter("x0")


def _group_to_line(group: list[dict[str, Any]], x_tolerance: float,
                   bold_of: dict[tuple[str, int], bool] | None = None) -> RawLine:
    bold_of = {} if bold_of is None else bold_of
    text: list[str] = []
    bold: list[bool] = []
    fonts: dict[str, int] = {}
    sizes: dict[float, int] = {}
    prev: dict[str, Any] | None = None
    prev_t, prev_b, prev_x1 = "", False, 0.0
    for c in group:
        t = c["text"]
        key = (c.get("fontname") or "", c.get("render_mode", 0))
        b = bold_of.get(key)
        if b is None:
            b = bold_of[key] = is_bold(c)
        # Latin words are set tighter than CJK: scale the tolerance down with the font size there
        latin = prev is not None and t.isascii() and prev_t.isascii()
        tol = min(x_tolerance, 0.15 * float(c.get("size") or 20)) if latin else x_tolerance
        if prev is not None and c["x0"] - prev_x1 > tol and not t.isspace() and not prev_t.isspace():
            text.append(" ")
            bold.append(b and prev_b)
        text.append(t)
        if len(t) == 1:
            bold.append(b)
        else:
            bold.extend([b] * len(t))
        if not t.isspace():
            # CJK characters decide the line's font: digits are often set in a Latin font
            weight = 1 if t.isascii() else 100
            f = font_name(c.get("fontname", ""))
            fonts[f] = fonts.get(f, 0) + weight
            z = round(float(c.get("size") or 0), 1)
            sizes[z] = sizes.get(z, 0) + weight
        prev, prev_t, prev_b, prev_x1 = c, t, b, c["x1"]
    return RawLine(
        text="".join(text),
        x0=min(c["x0"] for c in group),
        x1=max(c["x1"] for c in group),
        top=min(c["top"] for c in group),
        bottom=max(c["bottom"] for c in group),
        size=max(sizes.items(), key=_COUNT)[0] if sizes else 0.0,
        font=max(fonts.items(), key=_COUNT)[0] if fonts else "",
        bold=tuple(bold) if any(bold) else (),
    )


_COUNT = itemgetter(1)


# --- columns -----------------------------------------------------------------------------------------
COLUMN_ROWS = 3  # rows with text on each side of one gutter before a stretch is read as two columns
COLUMN_GAP = 1.2  # the least gap between glyphs that may be a gutter, in the body's font size
COLUMN_SIDE = 5.0  # a column's widest line on each side spans this much at least, in the body's font size

Segment = tuple[float, float, float]  # (x0, x1, font size) of a run of glyphs with no gutter-wide gap


def page_lines(chars: list[dict[str, Any]], x_tolerance: float) -> list[RawLine]:
    """The page's visual lines in reading order: ``chars_to_lines``, except that a stretch set in two
    columns (a 简讯 page) is read column by column, the left column's lines, then the right's;
    full-width lines above, between and below (titles, heads, footers) keep their place.

    Each row (a line of ``chars_to_lines``, in the body's font size) is cut into segments at gaps of
    ``COLUMN_GAP`` ems. A gutter is an x in the middle third of the text where a segment starts;
    a stretch of rows none of which runs across it is two columns when ``COLUMN_ROWS`` rows or more
    have text on each side and a line on each side spans ``COLUMN_SIDE`` ems: a table set with
    spaces (its figures' column is narrow), a masthead line split left and right, a right-aligned
    date are no columns. The columns' lines need not face each other (a heading with space before
    it moves one column's lines off the other's)."""
    pairs = _grouped_lines(chars, x_tolerance)
    lines = [ln for _, ln in pairs]
    if len(lines) < 2 * COLUMN_ROWS:
        return lines
    rows = [row for row, _ in pairs]
    sizes = Counter(round(float(c.get("size") or 0)) for row in rows for c in row)
    body = sizes.most_common(1)[0][0] if sizes else 0
    segs = [_segments([c for c in row if abs(float(c.get("size") or 0) - body) <= 1]) for row in rows]
    found = _gutter(segs, rows)
    if found is None:
        return lines
    gutter, stretches = found
    out: list[RawLine] = []
    for i0, i1, split in stretches:
        if not split:
            out.extend(lines[i0:i1])
            continue
        run = range(i0, i1)
        left = [c for i in run for c in rows[i] if (c["x0"] + c["x1"]) / 2 < gutter]
        right = [c for i in run for c in rows[i] if (c["x0"] + c["x1"]) / 2 >= gutter]
        out.extend(chars_to_lines(left, x_tolerance))
        out.extend(chars_to_lines(right, x_tolerance))
    return out


def _segments(row: list[dict[str, Any]]) -> list[Segment]:
    """The row's glyphs (left to right, as ``_grouped_lines`` sorts them) cut at gaps of
    ``COLUMN_GAP`` ems or more."""
    ink = [c for c in row if not c["text"].isspace()]
    if not ink:
        return []
    size = max(float(c.get("size") or 0) for c in ink) or 10.0
    out: list[Segment] = []
    start, reach = ink[0]["x0"], ink[0]["x1"]
    for c in ink[1:]:
        if c["x0"] - reach >= COLUMN_GAP * size:
            out.append((start, reach, size))
            start = c["x0"]
        reach = max(reach, c["x1"])
    out.append((start, reach, size))
    return out


def _gutter(segs: list[list[Segment]], rows: list[list[dict[str, Any]]]) -> tuple[float, list[tuple[int, int, bool]]] | None:
    """(the gutter's x, the stretches of rows [i0, i1) between rows across it, each with whether it
    is set in two columns) for the candidate gutter that puts the most rows in columns; None when
    none does (see ``page_lines``)."""
    flat = [s for row in segs for s in row]
    if len(flat) < 2 * COLUMN_ROWS:
        return None
    lo, hi = min(s[0] for s in flat), max(s[1] for s in flat)
    starts = sorted({s[0] for s in flat if lo + (hi - lo) / 3 <= s[0] <= hi - (hi - lo) / 3})
    if not starts:
        return None
    spans = [_segments(row) for row in rows]  # in any size: a smaller folio or head runs across too
    best: tuple[int, float, list[tuple[int, int, bool]]] | None = None
    for x in starts:
        # the gutter: just left of a segment's start, right of every segment ending before it
        ends = [s[1] for s in flat if s[1] <= x]
        if not ends:
            continue
        gutter = (max(ends) + x) / 2 if x - max(ends) <= 4 * flat[0][2] else x - flat[0][2]
        stretches = _stretches(segs, spans, gutter)
        count = sum(i1 - i0 for i0, i1, split in stretches if split)
        if count and (best is None or count > best[0]):
            best = (count, gutter, stretches)
    return (best[1], best[2]) if best is not None else None


def _stretches(segs: list[list[Segment]], spans: list[list[Segment]], gutter: float) -> list[tuple[int, int, bool]]:
    """Rows [i0, i1) between rows running across ``gutter`` (``spans``: each row's segments in any
    size), each with whether it is two columns (``segs``: the body-size segments)."""
    out: list[tuple[int, int, bool]] = []
    i0 = 0

    def close(i1: int) -> None:
        if i1 <= i0:
            return
        run = [s for row in segs[i0:i1] for s in row]
        left = sum(1 for row in segs[i0:i1] if any(s[1] <= gutter for s in row))
        right = sum(1 for row in segs[i0:i1] if any(s[0] >= gutter for s in row))
        wide_l = any(s[1] <= gutter and s[1] - s[0] >= COLUMN_SIDE * s[2] for s in run)
        wide_r = any(s[0] >= gutter and s[1] - s[0] >= COLUMN_SIDE * s[2] for s in run)
        out.append((i0, i1, left >= COLUMN_ROWS and right >= COLUMN_ROWS and wide_l and wide_r))

    for i, row in enumerate(spans):
        if any(s[0] < gutter < s[1] for s in row):  # across the gutter: a full-width row
            close(i)
            out.append((i, i + 1, False))
            i0 = i + 1
    close(len(segs))
    return out


# --- turned text -------------------------------------------------------------------------------------


def quarter_turn(chars: list[dict[str, Any]]) -> int:
    """The quarter turn (90 or 270, clockwise) that sets a page's text upright when most of its
    glyphs are not (a table printed sideways on a portrait page), else 0. Read from the order the
    glyphs are drawn in: along a line turned 90 they climb the page, turned 270 they go down it."""
    ink = [c for c in chars if c.get("text") and not c["text"].isspace()]
    turned = [c for c in ink if not c.get("upright", True)]
    if not ink or 2 * len(turned) <= len(ink):
        return 0
    votes = 0
    for a, b in zip(turned, turned[1:], strict=False):
        if abs((a["x0"] + a["x1"]) / 2 - (b["x0"] + b["x1"]) / 2) < 0.3 * (a["x1"] - a["x0"]):
            votes += 1 if b["top"] < a["top"] else -1 if b["top"] > a["top"] else 0
    return 90 if votes > 0 else 270 if votes < 0 else 0


def turn_chars(chars: list[dict[str, Any]], turn: int, width: float, height: float) -> list[dict[str, Any]]:
    """``chars`` (top-left origin, on a page ``width`` x ``height``) in the page turned clockwise by
    ``turn`` (90 or 270): boxes turned with it, the size the turned box's height, upright again."""
    out = []
    for c in chars:
        x0, x1, top, bottom = c["x0"], c["x1"], c["top"], c["bottom"]
        if turn == 90:
            box = (height - bottom, height - top, x0, x1)
        else:
            box = (top, bottom, width - x1, width - x0)
        out.append({**c, "x0": box[0], "x1": box[1], "top": box[2], "bottom": box[3],
                    "size": box[3] - box[2], "upright": not c.get("upright", True)})
    return out


def turn_edges(edges: list[dict[str, Any]], turn: int, width: float, height: float,
               edge: Any) -> list[dict[str, Any]]:
    """Rule edges (``ruled.edge`` dicts) in the page turned as ``turn_chars`` turns its chars."""
    out = []
    for e in edges:
        t = turn_chars([{**e, "upright": True}], turn, width, height)[0]
        out.append(edge(t["x0"], t["top"], t["x1"], t["bottom"]))
    return out
