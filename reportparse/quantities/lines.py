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
from .attribute import PCT_PAREN

RULE_ID = "figure.line-table"
_CELL = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# a cell of a plan's table may carry its bound (7左右, 4以内: a target's wording)
_CELLS = regex.compile(
    rf"(?P<cells>(?:\s*(?<![A-Za-z\d.]){_CELL}%?(?:左右|以上|以内|以下)?(?:\s*[（(]\s*{_CELL}%?\s*[）)])?)+)\s*$")
_CELL_RE = regex.compile(rf"{_CELL}")
_HAN = regex.compile(r"\p{Han}")
_LABEL_CHAR = regex.compile(r"[\p{Han}A-Za-z]")
# where rows of a table run together in one paragraph (汽车万辆62.6 15.1电子计算机整机万台9735.8 30.8…):
# a number, then the next row's label
_ROW_JOIN = regex.compile(r"(?<=\d\.\d+%?\)?)(?=[#\p{Han}])(?!左右|以上|以内|以下)|(?<=\d%?\)?)\s+(?=[#\p{Han}A-Za-z])")
_CAPTION = regex.compile(r"^\s*(?:附表|表)\s*(?:\d{1,2}|[:：])")
_HEADER_UNIT = regex.compile(
    r"[（(]\s*(?:单位\s*[:：]\s*)?(?P<unit>[^（()）\d\s:：]{1,6})\s*[）)]|单位\s*[:：]\s*(?P<u2>[^\s，,；;）)]{1,6})")
# the header of the label column, and the marks of a sub-item (#城镇, 其中：男性)
_STUB = regex.compile(r"^(?:指标名称|指标|项目名称|项目|产品名称|名称|类别|分组|单位|信息内容)\s*")
SUB_ITEM = regex.compile(r"^(?:#|＃|其中\s*[:：]?)+\s*")  # also read by entities/cells.py
_CHANGE_HEAD = regex.compile(r"增长|增速|增幅|比上年|同比|下降")
# a header with a column of units (指标名称 单位 2019年预计 2020年目标, cleaned to 指标名称单位2019年预计…):
# the columns after it, each opening with its year where it names one
_UNIT_COLUMN = regex.compile(r"(?:^|\s|名称|指标|项目)单位\s*(?P<cols>\S.*)$")
_COLUMN_YEAR = regex.compile(r"\s*(?=(?:19|20)\d{2}年)")
# where a column opens in a header whose words ran together, by how sure the cut is: a year; a
# period (9月, 1—9月, 本月, 累计); a change (同比增长, 比上年增长)
_PERIOD_COL = r"(?<![\d\p{Pd}~～])\d{1,2}(?:[\p{Pd}~～]\d{1,2})?月份?|本月|当月|上月|本年累计|(?<!本年)累计|上年同期"
_CHANGE_COL = r"同比|环比|比上年|(?<!同比|环比|比上年)(?:增长|增速|增幅)"
_COLUMN_OPENS = (
    _COLUMN_YEAR,
    regex.compile(rf"\s*(?=(?:19|20)\d{{2}}年|{_PERIOD_COL})"),
    regex.compile(rf"\s*(?=(?:19|20)\d{{2}}年|{_PERIOD_COL}|{_CHANGE_COL})"),
)
# cells a table leaves empty (— — 9.2), run into the label by the cleaner
_EMPTY_CELLS = regex.compile(r"[\s\p{Pd}－…]+$")
_MULT = ("万亿", "亿", "万", "千")
_MAX_LINE = 80
_MAX_LABEL = 24
_DIGITS3 = regex.compile(r"\d{3}")
_SENTENCE_PUNCT = regex.compile(r"[，,。；;！？]")
# what a row label may open with: a list marker (一、, （一）), a sub-item mark (#, 其中：)
_LABEL_LEAD = regex.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|#|＃|其中\s*[:：]?|\s)+")


def _is_unit(word: str, units: tuple[str, ...]) -> bool:
    """A unit as a header writes it: %, 元, 万元, 亿千瓦时 (a multiplier and a unit)."""
    for m in ("",) + _MULT:
        if word.startswith(m) and (word[len(m):] in units or word[len(m):] in ("%", "‰")):
            return True
    return False


def _split_unit(label: str, units: tuple[str, ...]) -> tuple[str, str | None, str]:
    """(label, unit, multiplier) of a label that ends in a unit: 汽车万辆 -> (汽车, 辆, 万),
    规模以上工业增加值% -> (规模以上工业增加值, %, '')."""
    for u in ("%", "‰") + units:  # longest first
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


def _unit_column(header: str, n: int | None = None) -> list[tuple[str, int, int]] | None:
    """The columns after a header's column of units (指标名称 单位 2019年预计 2020年目标): each
    column's words and where they stand in the header; None for a header without one. With ``n``
    (the row's cells) and the header's words run together (单位9月1—9月同比增长（%）), the columns
    are cut at years, then also at periods (9月, 1—9月, 本月, 累计), then also at change words, the
    first way that gives ``n``."""
    m = _UNIT_COLUMN.search(header)
    if m is None:
        return None
    lo = m.start("cols")
    found: list[tuple[str, int, int]] = []
    for opens in _COLUMN_OPENS if n is not None else _COLUMN_OPENS[:1]:
        cuts = sorted({lo} | {c.end() for c in opens.finditer(header, lo) if c.end() > lo} | {len(header)})
        found = [(header[a:b].strip(), a, b) for a, b in zip(cuts, cuts[1:], strict=False) if header[a:b].strip()]
        if n is None or len(found) == n:
            break
    return found


# a header that writes no units (其中：病名 发病数 死亡数, the cleaner joins its words): a label
# column's head, then columns that each end in a measure word
_PLAIN_STUB = regex.compile(r"(?:其中\s*[:：])?\s*(?:病名|病种|疾病名称|指标名称|指标|项目名称|项目|名称|类别|地区|单位名称)\s*")
_PLAIN_COL = regex.compile(r"\p{Han}{1,6}?(?:数|率|量|额|比重)")


def _plain_columns(header: str) -> list[tuple[str, str | None, bool, str, int, int]]:
    """The columns of a header with no units (病名 发病数 死亡数 -> 发病数, 死亡数), none of its own
    unit; [] when the line is no such header."""
    at = max(header.rfind(ch) for ch in "。；;：:") + 1  # the cleaner may join it to the words before: …其中：
    m = _PLAIN_STUB.match(header, at)
    if m is None or len(header) - at > 40:
        return []
    cols, pos = [], m.end()
    while pos < len(header.rstrip()):
        c = _PLAIN_COL.match(header, pos)
        if c is None:
            return []
        cols.append((c.group(), None, bool(_CHANGE_HEAD.search(c.group())), "", c.start(), c.end()))
        pos = c.end()
        while pos < len(header) and header[pos] in " \t\u3000":
            pos += 1
    return cols if len(cols) >= 2 else []


def _segments(line: str) -> list[tuple[int, int]]:
    """The rows of a paragraph: itself, or, for a run of table rows with no sentence punctuation,
    each row (cut where a number is followed by the next row's label)."""
    if _SENTENCE_PUNCT.search(line):
        return [(0, len(line))]
    cuts = [0] + [m.end() for m in _ROW_JOIN.finditer(line)] + [len(line)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def line_table_candidates(
    clean: CleanText, units: tuple[str, ...], taken: Iterable[tuple[int, int]], order: int
) -> list[Candidate]:
    """One candidate per cell of every data line whose numbers no other candidate took."""
    text = clean.text
    lf_units = tuple(sorted(units, key=len, reverse=True))
    taken_set = {s for s, _ in taken}
    out: list[Candidate] = []
    header: tuple[str, int] | None = None  # (text, start) of the header of the current block
    last_text, last_start = "", 0
    in_block = table = False
    since_caption = 99  # paragraphs since a 表N caption
    for p in clean.paragraphs:
        para = text[p.start : p.end]
        since_caption = 0 if _CAPTION.match(para) else since_caption + 1
        for a, b in _segments(para):
            line, base = para[a:b], p.start + a
            m = _CELLS.search(line) if len(line) <= _MAX_LINE else None
            label = _LABEL_LEAD.sub("", line[: m.start()]).strip() if m else ""
            if (not m or not _LABEL_CHAR.search(label) or label.endswith(("年", "月", "第", "表", "图"))
                    or len(label) > _MAX_LABEL or _SENTENCE_PUNCT.search(label) or _DIGITS3.search(label)):
                in_block = False
                last_text, last_start = line, base
                continue
            if not in_block:
                header = (last_text, last_start) if (_HEADER_UNIT.search(last_text)
                                                     or _UNIT_COLUMN.search(last_text)
                                                     or _plain_columns(last_text)) else None
                in_block = True
                table = header is not None or since_caption <= 4  # the block's, to its end
            n_cells = len(_CELL_RE.findall(line, m.start("cells")))
            if not table and n_cells < 2:
                last_text, last_start = line, base
                continue  # one number after words, no header or caption above: a sentence
            out += _row_cells(line, base, label, m.start("cells"), header, table, lf_units, taken_set, order)
            last_text, last_start = line, base
    return out


def _row_cells(line: str, base: int, label: str, cells_at: int, header: tuple[str, int] | None, table: bool,
               units: tuple[str, ...], taken: set[int], order: int) -> list[Candidate]:
    """The candidates of one data line's cells."""
    # the header ran into the first row: …增长（%）汽车 (a bracketed unit, not a bracketed name: 手机(手机))
    heads = [h for h in _HEADER_UNIT.finditer(label) if _is_unit(h.group("unit") or h.group("u2") or "", units)]
    if heads and heads[-1].end() < len(label):
        label = label[heads[-1].end() :]
    empty = _EMPTY_CELLS.search(label) if len(label) > 2 else None
    if empty is not None:
        label = label[: empty.start()]  # 规模以上工业增加值 % — — 9.2: the empty cells come first
    label, own_unit, own_mult = _split_unit(label, units)
    label = PCT_PAREN.sub("", label).strip()  # its sub-item marks went with _LABEL_LEAD
    cols = (_header_columns(header[0], units) or _plain_columns(header[0])) if header else []
    cells = list(_CELL_RE.finditer(line, cells_at))
    by_row = None
    if header and own_unit:
        by_row = _unit_column(header[0], 0 if empty is not None else len(cells))  # with empty cells: the finest
        if by_row is not None and empty is not None and len(by_row) > len(cells):
            by_row = by_row[len(by_row) - len(cells):]  # the cells written are the last columns
    ls = line.find(label)
    out = []
    for i, cell in enumerate(cells):
        vs, ve = base + cell.start(), base + cell.end()
        if vs in taken:
            continue
        percent = line[cell.end() : cell.end() + 1] == "%"
        col = cols[i] if i < len(cols) and len(cols) == len(cells) else None
        unit, mult, change = ("%", "", False) if percent else (None, "", False)
        if by_row is not None:  # 城镇新增就业 万人 63.2 45: the row's unit for each cell
            words, ws, we = by_row[i] if len(by_row) == len(cells) else ("", 0, 0)
            unit, mult = unit or own_unit, "" if percent else own_mult
            head_unit = _HEADER_UNIT.search(words)
            if head_unit and (head_unit.group("unit") or head_unit.group("u2")) in ("%", "‰"):
                unit, mult = head_unit.group("unit") or head_unit.group("u2"), ""  # 同比增长（%）: the column's
                words = words[: head_unit.start()].strip()
            change = bool(_CHANGE_HEAD.search(words) or (unit == "%" and _CHANGE_HEAD.search(label)))
            col = (words, unit, change, mult, ws, we)
        elif not percent and i == 0 and own_unit:
            unit, mult = own_unit, own_mult
        elif not percent and col is not None:
            unit, mult, change = col[1], col[3], col[2]
        elif not percent and i == 1 and own_unit and len(cells) == 2:
            unit, change = "%", True  # 汽车 万辆 62.6 15.1: the growth column
        if unit is None and not table:
            continue
        groups: dict[str, tuple[str, int, int]] = {
            "value": (cell.group(), vs, ve),
            "metric": (label, base + ls, base + ls + len(label)),
        }
        if col is not None and col[0] and header is not None:
            groups["subject"] = (col[0], header[1] + col[4], header[1] + col[5])
        fields: dict[str, Any] = {"metric_from": "grid", "scale": mult, "unit_text": unit}
        if change:
            fields.update(scope="change")
        out.append(Candidate(RULE_ID, "figure", vs, ve, cell.group(), 0, groups, fields, order))
    return out
