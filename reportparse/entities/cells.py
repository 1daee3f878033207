"""Ruled tables (``CleanText.tables``) -> ``cells`` rows, and a figure for each number cell.

Header rows are the rows above the first row where a number stands right of a text cell (its
row label); a table continued on the next page with no header of its own takes the previous
table's when the columns agree. A number cell gives a figure (rule ``figure.cell``): metric =
its row label (the nearest text cell to its left), subject = its column header (the header
cells above it, joined with ``·``), unit from the header (``（亿元）``, ``%``), the row's ``单位``
column or the table's ``单位：万元`` line; 万/亿 in the unit go into the value (亿元 -> 元, as
the contract's base units). A header that says 增长/增减/比上年 makes the scope ``change``.
Codes (科目编码 201, 06) and serials stand left of every text cell: no label, no figure.
"""

from __future__ import annotations

import bisect
from typing import Any

import regex

from ..model import Candidate, CleanText, Section
from ..normalize.numbers import parse_number
from ..quantities.lines import SUB_ITEM  # the marks of a sub-item before a row label (#城镇, 其中：男性)
from ..sections import section_at
from .context import DocContext
from .scopes import caption_scope, figure_period

RULE = "figure.cell"
NUMBER = regex.compile(r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")
# a unit in the header's brackets (亿元, %, 万人); not a base (以上年为100, 上年=100)
UNIT_IN_HEADER = regex.compile(
    r"[（(]\s*(?:单位\s*[:：]\s*)?(?P<unit>[^（()）\d=为:：]{1,8}?)\s*[）)]\s*$|(?P<pct>%)\s*$")
SCALE = regex.compile(r"^(?P<scale>万亿|千万|百万|万|亿)(?=.)")
SCALES = {"万": 10**4, "亿": 10**8, "万亿": 10**12, "百万": 10**6, "千万": 10**7}
CHANGE = regex.compile(r"增长|增减|增速|比上年|同比|涨跌|幅度")
UNIT_HEADS = ("单位", "计量单位")
# a column of codes or serials: its numbers are no quantities (科目编码 201, 06; 序号 1)
CODE_HEADS = regex.compile(r"(?:类|款|项|.*(?:编码|代码|编号)|序号|行次|栏次|年份)")
SEPARATOR = "·"
_DASHES = regex.compile(r"[-—–－/…]+")  # an empty cell written as a dash
_PAIR = regex.compile(r"(?P<n>\d+(?:\.\d+)?)\s*[（(]\s*(?P<p>\d+(?:\.\d+)?)\s*%?\s*[）)]")
UNIT_CELL = regex.compile(r"(?<!编制|填报|报送)单位\s*[:：]\s*(?P<unit>[^\s，,；;）)]{1,6})")


def _number(text: str) -> bool:
    """A number cell: 12.5, -3, 86.0%, or a count with its share, 164(1.6%)."""
    t = text.replace(" ", "")
    return bool(NUMBER.fullmatch(t) or _PAIR.fullmatch(t))


def build_cells(clean: CleanText, sections: list[Section],
                doc_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple[int, int]]]:
    """(cells rows, figures rows, caption spans) of the document's ruled tables. A caption (the
    table's ``title``, 表5 2023年…) is claimed like a heading: its year is no figure or date."""
    cells_out: list[dict[str, Any]] = []
    figures: list[dict[str, Any]] = []
    captions: list[tuple[int, int]] = []
    prev_heads: dict[int, str] | None = None
    prev_cols, prev_unit, prev_title, prev_page = 0, "", "", -1
    firsts = {}
    for table in clean.tables:
        firsts.setdefault(table["page"], table["table_id"])
    for table in clean.tables:
        grid: dict[int, dict[int, dict[str, Any]]] = {}
        for c in table["cells"]:
            grid.setdefault(c["row"], {})[c["col"]] = c
        n_cols = max((c["col"] for c in table["cells"]), default=-1) + 1
        labels = {r: _labels(row) for r, row in grid.items()}
        first = next((r for r in sorted(grid) if any(labels[r].get(k) for k in grid[r])), None)
        if first is None:
            first = next((r for r in sorted(grid) if any(_number(c["text"]) for c in grid[r].values())), len(grid))
        title, unit_cell, meta = _inner_title(table, [r for r in grid if r < first])
        heads = _headers([c for c in table["cells"] if id(c) not in meta], [r for r in grid if r < first], n_cols)
        table_unit = table.get("unit") or unit_cell
        if first == 0 and prev_heads is not None and n_cols == prev_cols:
            heads = prev_heads  # continued from the previous page
        title, spans = _caption(clean, table.get("title") or title)
        captions += spans
        top_of_next = table["page"] == prev_page + 1 and firsts[table["page"]] == table["table_id"] and not title
        if (heads and heads == prev_heads) or (first == 0 and prev_heads is not None) or top_of_next:
            # the same table continued: its caption and 单位 line are printed once
            table_unit, title = table_unit or prev_unit, title or prev_title
        unit_cols = [k for k, h in heads.items() if h.split(SEPARATOR)[-1] in UNIT_HEADS]
        codes = {k for k, h in heads.items() if CODE_HEADS.fullmatch(h.split(SEPARATOR)[-1])}
        labels = {r: {k: v for k, v in _labels(row, set(unit_cols)).items() if k not in codes}
                  for r, row in grid.items()}
        labelled = any(v for r in grid if r >= first for v in labels[r].values())
        for r in sorted(grid):
            row = grid[r]
            if r > first and _sub_header(row):
                # a header row inside the grid (the statutory tables of a 年报 printed as one grid):
                # the columns below it are its
                heads = {**heads, **_headers([c for c in table["cells"] if c["row"] == r], [r], n_cols)}
            for k in sorted(row):
                c = row[k]
                label = SUB_ITEM.sub("", labels[r].get(k, "")) if r >= first else ""
                head = heads.get(k, "")
                value, unit = None, None
                quantity = k not in codes and (label or (head and not labelled)) and not _leading_zero(c["text"])
                pair = _PAIR.fullmatch(c["text"].strip()) if r >= first and quantity else None
                if pair:  # 164(1.6%): a count and its share, two figures of the row
                    unit = _unit(head, table_unit, [row[u]["text"] for u in unit_cols if u in row])
                    value, unit = _value(pair["n"], unit if unit != "%" else "")
                    if c.get("char_start") is not None:
                        figures.append(_figure(doc_id, clean, sections, c, row, label, head, title,
                                               _value(pair["p"], "%")[0], "%"))
                elif r >= first and quantity and NUMBER.fullmatch(c["text"].replace(" ", "")):
                    unit = _unit(head, table_unit, [row[u]["text"] for u in unit_cols if u in row])
                    value, unit = _value(c["text"], unit)
                cells_out.append({
                    "doc_id": doc_id, "table_id": table["table_id"], "table_title": title or None,
                    "page": table["page"], "row": r, "col": k,
                    "row_label": label or None, "col_header": head or None, "text": c["text"],
                    "value": value, "unit": unit, "bbox": ",".join(f"{v:g}" for v in c["bbox"]),
                    "char_start": c.get("char_start"), "char_end": c.get("char_end"),
                })
                if value is not None and c.get("char_start") is not None:
                    figures.append(_figure(doc_id, clean, sections, c, row, label, head, title, value, unit))
        prev_heads, prev_cols, prev_unit, prev_title, prev_page = heads, n_cols, table_unit, title, table["page"]
    return cells_out, figures, captions


_LISTED = regex.compile(r"(?:^|\n)[ \t]*(?:[\d一二三四五六七八九十]{1,3}[ \t]*[.．、]?)?[ \t]*$")


def _inner_title(table: dict[str, Any], header_rows: list[int]) -> tuple[str, str, set[int]]:
    """(title, unit, ids of those cells) printed inside the grid's header rows: a cell that is
    the row's only text and names a 表, a ``单位：元`` cell, a ``编制单位：…`` cell; they head no column."""
    title, unit, meta = "", "", set()
    rows = set(header_rows)
    for c in table["cells"]:
        if c["row"] not in rows or not c["text"]:
            continue
        m = UNIT_CELL.search(c["text"])
        alone = sum(1 for d in table["cells"] if d["row"] == c["row"] and d["text"]) == 1
        if m:
            unit = unit or m["unit"]
            meta.add(id(c))
        elif c["text"].startswith(("编制单位", "填报单位")):
            meta.add(id(c))
        elif alone and "表" in c["text"] and not title:
            title = c["text"]
            meta.add(id(c))
    return title, unit, meta


def _caption(clean: CleanText, raw: str) -> tuple[str, list[tuple[int, int]]]:
    """The table's caption as in the cleaned text, and its spans: a paragraph that is the caption,
    where the table stands or in a list of tables (目录: ``3. 2024年…预算总表``)."""
    from ..layout import clean_chars

    title = "".join(c for c, _, _ in clean_chars([(ch, False, None) for ch in raw]))
    spans: list[tuple[int, int]] = []
    at = clean.text.find(title) if title else -1
    while at >= 0:
        end = at + len(title)
        if (end == len(clean.text) or clean.text[end] == "\n") and _LISTED.search(clean.text, max(0, at - 8), at):
            spans.append((at, end))
        at = clean.text.find(title, end)
    return title, spans


def _leading_zero(text: str) -> bool:
    """A code such as 06 or 0101 (a quantity never starts with 0 before another digit)."""
    t = text.strip()
    return len(t) >= 2 and t[0] == "0" and t[1].isdigit()


def _labels(row: dict[int, dict[str, Any]], skip: set[int] | None = None) -> dict[int, str]:
    """For each number cell of a row, the nearest text cell to its left ('' when none); cells of
    the ``skip`` columns (单位) are no labels."""
    out: dict[int, str] = {}
    label = ""
    for k in sorted(row):
        if skip and k in skip:
            continue
        text = row[k]["text"].strip()
        if not text:
            continue
        if _number(text):
            out[k] = label
        elif not _DASHES.fullmatch(text):
            label = text
    return out


def _sub_header(row: dict[int, dict[str, Any]]) -> bool:
    """True for a row of words only, one of them past the first column with a unit in brackets or
    a 单位 line (信息内容 | 本年收费金额（单位：万元）)."""
    texts = [c["text"].strip() for c in row.values()]
    if any(_number(t) for t in texts):
        return False
    return any(UNIT_IN_HEADER.search(c["text"]) or "单位" in c["text"] for k, c in row.items() if k > min(row))


def _headers(cells: list[dict[str, Any]], header_rows: list[int], n_cols: int) -> dict[int, str]:
    """Column header of each column: the header cells over its centre, top to bottom."""
    centres: dict[int, float] = {}
    for c in cells:
        x0, _, x1, _ = c["bbox"]
        k = c["col"]
        if k not in centres or x1 - x0 < 2 * abs(centres[k] - x0):
            centres[k] = (x0 + x1) / 2
    rows = set(header_rows)
    heads: dict[int, str] = {}
    for k in range(n_cols):
        cx = centres.get(k)
        if cx is None:
            continue
        parts: list[str] = []
        for c in sorted((c for c in cells if c["row"] in rows), key=lambda c: (c["row"], c["col"])):
            x0, _, x1, _ = c["bbox"]
            text = c["text"].strip()
            if text and x0 - 1 <= cx <= x1 + 1 and (not parts or parts[-1] != text):
                parts.append(text)
        parts = _header_parts(parts)
        if parts:
            heads[k] = SEPARATOR.join(parts)
    return heads


_PROSE = regex.compile(r"[。；;！？!?]|，.*，|^.{31,}$")
_HEADING = regex.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")


def _header_parts(parts: list[str]) -> list[str]:
    """The header lines of a column without prose or a section heading above them: a grid whose
    top rule is missing takes the paragraphs over it into its header rows (a 年报's statutory
    table under its heading); only the label lines under the last of those belong to the column."""
    for i in range(len(parts) - 1, -1, -1):
        if _PROSE.search(parts[i]) or _HEADING.match(parts[i]):
            return parts[i + 1:]
    return parts


def _unit(head: str, table_unit: str, row_units: list[str]) -> str:
    """The unit of a number cell: its header's bracket or %, its row's 单位 cell, the table's unit."""
    m = UNIT_IN_HEADER.search(head.split(SEPARATOR)[-1]) if head else None
    if m:
        return "%" if m["pct"] else m["unit"]
    for u in row_units:
        if u.strip():
            return u.strip()
    return table_unit


def _value(text: str, unit: str) -> tuple[float | int | None, str | None]:
    """The cell's value in base units and its unit (万元 -> value × 10000, 元)."""
    parsed = parse_number(text.replace("−", "-").lstrip("+-"))
    if parsed is None:
        return None, unit or None
    value = -parsed.value if text.strip().startswith(("-", "−")) else parsed.value
    if parsed.percent:
        return value, "%"
    m = SCALE.match(unit)
    if m:
        value = value * SCALES[m["scale"]]
        unit = unit[m.end():]
        value = int(value) if float(value).is_integer() else float(f"{value:.12g}")
    return value, unit or None


def _figure(doc_id: str, clean: CleanText, sections: list[Section], cell: dict[str, Any],
            row: dict[int, dict[str, Any]], label: str, head: str, title: str, value: float | int,
            unit: str | None) -> dict[str, Any]:
    start, end = cell["char_start"], cell["char_end"]
    sentence = " ".join(row[k]["text"] for k in sorted(row) if row[k]["text"])
    return {
        "doc_id": doc_id, "section": section_at(sections, start) or None,
        "subject": head if label else None, "metric": label or head, "value": value, "value_from": None,
        "unit": unit, "scope": "change" if CHANGE.search(head) else "other", "period_start": None,
        "period_end": None, "department": None, "sentence": sentence, "page": clean.page_at(start),
        "char_start": start, "char_end": end, "rule": RULE, "value_text": cell["text"], "approx": False,
        "_caption": title,
    }


_HEAD_UNIT = regex.compile(r"\s*[（(][^（）()]{1,8}[）)]\s*$")


def with_departments(figures: list[dict[str, Any]], depts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cell figures whose row label is a department, read as a line table's row is: the department
    column names it and the column head (without its unit) is the metric — 省市场监管局 | 受理（件）86:
    metric 受理, department 四川省市场监督管理局 (not metric 省市场监管局, subject 受理（件）)."""
    if not figures or not depts:
        return figures
    ends = sorted((d["char_end"], i) for i, d in enumerate(depts))
    keys = [e for e, _ in ends]
    out = []
    for f in figures:
        label, head, start = f.get("metric"), f.get("subject"), f["char_start"]
        i = bisect.bisect_right(keys, start)
        # the label cell is in the figure's row, before its number (a row's cells are its paragraphs)
        near = [depts[j] for _, j in ends[max(0, i - 8):i]
                if depts[j]["mention"] == label and start - depts[j]["char_start"] <= len(f.get("sentence") or "") + 8]
        if label and head and near and near[-1].get("canonical"):
            f = {**f, "metric": _HEAD_UNIT.sub("", head) or head, "subject": None, "department": near[-1]["canonical"]}
        out.append(f)
    return out


def with_caption_scope(figures: list[dict[str, Any]], captions: list[tuple[int, int]], cues: list[Candidate],
                       ctx: DocContext) -> list[dict[str, Any]]:
    """Cell figures of a table whose caption writes a scope cue (表1　本周部分进驻部门办件情况) take
    its scope and period, as the figures of a line table under that caption do; a change column
    (较上周增减) keeps its own."""
    read: dict[tuple[int, int], tuple[str, Candidate | None]] = {}  # a caption's scope, read once
    out = []
    for f in figures:
        title = f.pop("_caption", "")
        span = next((sp for sp in reversed(captions) if sp[1] <= f["char_start"] and ctx.text[sp[0]:sp[1]] == title),
                    None) if title and f.get("scope") == "other" else None
        if span is not None and span not in read:
            read[span] = caption_scope(ctx, cues, span)
        scope, cue = read[span] if span is not None else ("other", None)
        if cue is not None and scope != "other":
            start, end = figure_period(scope, ctx, cue, cue)
            f = {**f, "scope": scope, "period_start": start, "period_end": end}
        out.append(f)
    return out
