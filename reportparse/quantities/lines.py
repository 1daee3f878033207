"""Tables written as lines of text (statistical tables of a 统计公报 read from a PDF or a web page):

    表3 2021年主要工业产品产量及其增长速度
    产品名称 单位 产量 比上年增长（%）
    汽车 万辆 62.6 15.1
    指标名称 年末数（人） 比重（%）
    全州总户籍人口 4899310 100.0

A *data line* is a paragraph that ends in a run of numbers (its cells) after a label holding a Han
character; a unit written at the label's end (汽车万辆) is the first cell's. The *header* is the
paragraph before the first data line of a block: the units it writes in brackets (（人）, （%）,
（亿元）, 单位：万元) are its columns' units, in order, and a column whose header says 增长 / 增速 /
比上年 is a change. Each cell becomes a ``figure.line-table`` candidate: metric the row label,
subject the column's header words, unit the cell's own or its column's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import regex

from ..model import Candidate, CleanText

RULE_ID = "figure.line-table"
_CELL = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CELLS = regex.compile(rf"(?P<cells>(?:\s*{_CELL}%?(?:\s*[（(]\s*{_CELL}%?\s*[）)])?)+)\s*$")
_CELL_RE = regex.compile(rf"{_CELL}")
_HAN = regex.compile(r"\p{Han}")
_HEADER_UNIT = regex.compile(
    r"[（(]\s*(?:单位\s*[:：]\s*)?(?P<unit>[^（()）\d\s:：]{1,6})\s*[）)]|单位\s*[:：]\s*(?P<u2>[^\s，,；;）)]{1,6})")
# the header of the label column, and the marks of a sub-item (#城镇, 其中：男性)
_STUB = regex.compile(r"^(?:指标名称|指标|项目名称|项目|产品名称|名称|类别|分组|单位|信息内容)\s*")
_SUB_ITEM = regex.compile(r"^(?:#|＃|其中[:：]?|\s)+")
_CHANGE_HEAD = regex.compile(r"增长|增速|增幅|比上年|同比|下降")
_MULT = ("万亿", "亿", "万", "千")
_MAX_LINE = 80
_MAX_LABEL = 24
_SENTENCE_PUNCT = regex.compile(r"[，,。；;：:、！？]")


def _split_unit(label: str, units: tuple[str, ...]) -> tuple[str, str | None, str]:
    """(label, unit, multiplier) of a label that ends in a unit: 汽车万辆 -> (汽车, 辆, 万)."""
    for u in units:  # longest first
        if label.endswith(u) and len(label) > len(u):
            head = label[: -len(u)]
            for m in _MULT:
                if head.endswith(m) and len(head) > len(m):
                    return head[: -len(m)], u, m
            return head, u, ""
    return label, None, ""


def _header_columns(header: str, units: tuple[str, ...]) -> list[tuple[str, str, bool, str, int, int]]:
    """The columns a header names: (header words, unit, is a change, multiplier, start, end)."""
    cols = []
    prev = 0
    for m in _HEADER_UNIT.finditer(header):
        unit = m.group("unit") or m.group("u2")
        words = _STUB.sub("", header[prev : m.start()].strip())
        mult = ""
        for p in _MULT:
            if unit.startswith(p) and len(unit) > len(p):
                mult, unit = p, unit[len(p):]
                break
        if unit not in units and unit not in ("%", "‰"):
            prev = m.end()
            continue
        cols.append((words, unit, bool(_CHANGE_HEAD.search(words)), mult, prev, m.start()))
        prev = m.end()
    return cols


def line_table_candidates(
    clean: CleanText, units: tuple[str, ...], taken: Iterable[tuple[int, int]], order: int
) -> list[Candidate]:
    """One candidate per cell of every data line whose numbers no other candidate took."""
    text = clean.text
    lf_units = tuple(sorted(units, key=len, reverse=True))
    taken_starts = sorted(s for s, _ in taken)
    taken_set = set(taken_starts)
    out: list[Candidate] = []
    header: tuple[str, int] | None = None  # (text, start) of the header of the current block
    last_text = ""
    last_start = 0
    in_block = False
    for p in clean.paragraphs:
        line = text[p.start : p.end]
        m = _CELLS.search(line) if len(line) <= _MAX_LINE else None
        label = line[: m.start()].strip() if m else ""
        if (not m or not _HAN.search(label) or label.endswith(("年", "月", "第", "表", "图"))
                or len(label) > _MAX_LABEL or _SENTENCE_PUNCT.search(label)):
            in_block = False
            last_text, last_start = line, p.start
            continue
        if not in_block:
            header = (last_text, last_start) if _HEADER_UNIT.search(last_text) else None
            in_block = True
        if header is None and len(_CELL_RE.findall(line, m.start("cells"))) < 2:
            last_text, last_start = line, p.start
            continue  # one number after words and no header above: a sentence, not a table line
        label, own_unit, own_mult = _split_unit(label, lf_units)
        label = regex.sub(r"[（(]%[）)]$", "", _SUB_ITEM.sub("", label)).strip()
        cols = _header_columns(header[0], lf_units) if header else []
        cells = list(_CELL_RE.finditer(line, m.start("cells")))
        for i, cell in enumerate(cells):
            vs, ve = p.start + cell.start(), p.start + cell.end()
            if vs in taken_set:
                continue
            percent = line[cell.end() : cell.end() + 1] == "%"
            col = cols[i] if i < len(cols) and len(cols) == len(cells) else None
            unit, mult, change = ("%", "", False) if percent else (None, "", False)
            if not percent and i == 0 and own_unit:
                unit, mult = own_unit, own_mult
            elif not percent and col is not None:
                unit, mult, change = col[1], col[3], col[2]
            elif not percent and i == 1 and own_unit and len(cells) == 2:
                unit, change = "%", True  # 汽车 万辆 62.6 15.1: the growth column
            if unit is None:
                continue
            ls = line.find(label)
            groups: dict[str, tuple[str, int, int]] = {
                "value": (cell.group(), vs, ve),
                "metric": (label, p.start + ls, p.start + ls + len(label)),
            }
            if col is not None and col[0] and header is not None:
                groups["subject"] = (col[0], header[1] + col[4], header[1] + col[5])
            fields: dict[str, Any] = {"metric_from": "grid", "scale": mult, "unit_text": unit}
            if change:
                fields.update(scope="change")
            out.append(Candidate(RULE_ID, "figure", vs, ve, cell.group(), 0, groups, fields, order))
        last_text, last_start = line, p.start
    return out
