"""Tables written as lines: a header of column labels, then rows of a label and one number per column.

    表1　本周部分进驻部门办件情况
    部门　受理（件）　办结（件）
    省市场监管局　86　84
    合计　295　288

This is how a Word table reads once copied to text, and how a PDF table reads line by line.
Each number cell becomes a figure candidate of rule ``figure.grid``: its metric is the column's
label without its unit (受理), its unit the label's bracketed unit (件), else the cell's own, else
a unit the label ends in (受理件数 -> 件), with a 万 or 亿 in it scaling the value (金额（万元）);
its subject is the row's label (a department's row gets the department instead, downstream). The paragraph before the header, when it is short or
ends in ：, is the table's intro: the figures take the scope of its cue (本周 -> week).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..model import Candidate, CleanText
from ..patterns import compile_lists
from .context import longest_first

RULE = "figure.grid"
PRIORITY = 70  # above every figure rule: a table's cell is read as the table says
_HAN = regex.compile(r"\p{Han}")
# a column label: words, no digits, with an optional bracketed unit (受理（件）, 金额(万元), 好评率（%）)
# its unit in brackets (受理（件）), or as a unit + 数 (受理件数), or a plain label (好评率)
_LABEL = (r"\s*(?P<name>[\p{Han}A-Za-z“”\"·]{1,14}?)\s*"
          r"(?:[（(](?P<unit>[^（）()\d]{1,6})[）)]|(?P<unit>\L<units>)数(?![（(])|(?=\s)|$)")
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# a body row: a label (no digits, but for a leading service number: 12345热线), then number
# cells (a dash for an empty cell)
_ROW = regex.compile(
    rf"(?P<label>(?:\d{{3,6}}(?=\p{{Han}}))?[^\d\s][^\d]*?)\s*(?P<cells>(?:(?:{_NUM})(?:万|亿)?%?|[-—–－]+)(?:\s+(?:(?:{_NUM})(?:万|亿)?%?|[-—–－]+))*)"
)
_CELL = regex.compile(rf"(?P<value>(?:{_NUM})(?:万|亿)?)(?P<unit>%)?|[-—–－]+")
_INTRO_MAX = 40
_LABEL_LEAD = regex.compile(r"[#＃]*(?:(?:其中|在总计中|在总数中)[：:]?)?")


@dataclass(frozen=True, slots=True)
class _Column:
    name: tuple[str, int, int]
    unit: tuple[str, int, int] | None


def grid_candidates(clean: CleanText, units: Sequence[str], heads: Sequence[str], order: int = 0) -> list[Candidate]:
    """Figure candidates of every line table in ``clean`` (see the module docstring); ``units``
    and ``heads`` (row-label heads such as 部门) are word lists."""
    paras = clean.paragraphs
    text = clean.text
    units, heads = longest_first(tuple(units)), longest_first(tuple(heads))
    out: list[Candidate] = []
    i = 0
    while i < len(paras):
        found = _header_in(text, paras[i].start, paras[i].end, units, heads)
        if found is None:
            i += 1
            continue
        cols, glued_intro = found
        rows, j = [], i + 1
        while j < len(paras):
            row = _row(text, paras[j].start, paras[j].end, len(cols))
            if row is None:
                break
            rows.append(row)
            j += 1
        if not rows:
            i += 1
            continue
        intro = glued_intro or (_intro(text, paras[i - 1].start, paras[i - 1].end) if i > 0 else None)
        span = intro or (paras[i].start, paras[i].end)
        for label, cells in rows:
            for col, cell in zip(cols, cells, strict=True):
                if cell is not None:
                    out.append(_candidate(col, label, cell, span, order))
        i = j
    return out


def _header_in(text: str, start: int, end: int, units: Sequence[str], heads: Sequence[str],
               ) -> tuple[list[_Column], tuple[int, int] | None] | None:
    """(columns, intro) of a paragraph that is a header, or ends in one after its intro's colon
    (…办件情况：地区　办件量（万件）, once layout has joined the two lines); else None."""
    cols = _header(text, start, end, units, heads)
    if cols is not None:
        return cols, None
    colon = max(text.rfind("：", start, end), text.rfind(":", start, end))
    if colon < 0:
        return None
    cols = _header(text, colon + 1, end, units, heads)
    return (cols, (start, colon + 1)) if cols is not None else None


def _header(text: str, start: int, end: int, units: Sequence[str], heads: Sequence[str]) -> list[_Column] | None:
    """The columns of a header line, or None. A leading row-label head (部门, 窗口 …: the
    ``grid_row_heads`` list) is left out; cells may be glued (部门受理（件）办结（件）, once
    cleaning has dropped the spaces between Han characters) when each ends in its unit."""
    line = text[start:end]
    if any(ch.isdigit() for ch in line) or any(ch in line for ch in "，。；：:,;、"):
        return None
    at = start + len(line) - len(line.lstrip())
    head = next((h for h in heads if text.startswith(h, at)), None)
    if head is not None:
        at += len(head)
    cols: list[_Column] = []
    for m in _label(tuple(units)).finditer(text, at, end):
        if m.start() != at:
            return None
        at = m.end()
        name, n0 = m.group("name"), m.start("name")
        unit = (m.group("unit"), m.start("unit"), m.end("unit")) if m.group("unit") else None
        cols.append(_Column((name, n0, n0 + len(name)), unit))
    if at != end or not cols or not any(c.unit for c in cols):
        return None  # words in a row are a table's header only when a column says its unit
    if head is None and len(cols) > 1 and cols[0].unit is None:
        cols = cols[1:]  # 项目　数量（件）: the first cell labels the rows
    return cols


@lru_cache(maxsize=4)
def _label(units: tuple[str, ...]) -> regex.Pattern[str]:
    return compile_lists(_LABEL, units=units)


_Cell = tuple[str, int, int, "tuple[str, int, int] | None"]


def _row(text: str, start: int, end: int, n_cols: int) -> tuple[tuple[str, int, int], list[_Cell | None]] | None:
    """(label, cells) of a body row with one cell (None: empty) per column, or None."""
    m = _ROW.fullmatch(text, start, end)
    if m is None:
        return None
    label = m.group("label").strip()
    if not _HAN.search(label):
        return None
    # a statistics table's "of which" marks (#城镇, 在总计中：轻工业) and an empty cell's dash glued on
    lead = _LABEL_LEAD.match(label).end()
    label = label.rstrip("-—–－ 　")
    cells: list[_Cell | None] = []
    for c in _CELL.finditer(text, m.start("cells"), m.end("cells")):
        if c.group("value") is None:
            cells.append(None)  # an empty cell
        else:
            unit = (c.group("unit"), c.start("unit"), c.end("unit")) if c.group("unit") else None
            cells.append((c.group("value"), c.start("value"), c.end("value"), unit))
    if len(cells) != n_cols:
        return None
    at = m.start("label") + len(m.group("label")) - len(m.group("label").lstrip()) + lead
    return (label[lead:], at, at + len(label) - lead), cells


def _intro(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the paragraph before a header when it introduces the table (a caption)."""
    line = text[start:end].rstrip()
    if line.endswith(("：", ":")) or (len(line) <= _INTRO_MAX and not line.endswith("。")):
        return start, end
    return None


def _candidate(col: _Column, label: tuple[str, int, int], cell: _Cell, intro: tuple[int, int],
               order: int) -> Candidate:
    value, vs, ve, own_unit = cell
    unit = own_unit or col.unit
    groups = {"metric": col.name, "value": (value, vs, ve), "subject": label}
    fields: dict[str, object] = {"metric_from": "grid", "intro": intro}
    if unit is not None and unit is col.unit and len(unit[0]) > 1 and unit[0][0] in "万亿":
        fields["scale"] = unit[0][0]  # 金额（万元）: 1536 is 15,360,000 元, as 1536万元 is
        unit = (unit[0][1:], unit[1] + 1, unit[2])
    if unit is not None:
        groups["unit"] = unit
    return Candidate(rule=RULE, kind="figure", start=vs, end=ve, text=value, priority=PRIORITY,
                     groups=groups, fields=fields, order=order)
