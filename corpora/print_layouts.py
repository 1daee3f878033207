"""Other ways offices print the weekly bulletin: the same text drawn in layouts make_pdf does not draw.

Test-only renderer (``tests/test_layouts.py``): ``render(text, out_path, style)`` draws a report's
text form with corpora/make_pdf.py's line breaking and backends, in one of ``STYLES``:

* ``red-masthead``: a red-head (红头) masthead block: the title large and red, the issue line
  centred, publisher and date on one line split left and right, a thick and a thin red rule;
* ``fangsong-14``: body at 14 pt with 1.5 line spacing, mirrored margins (the text block moves
  right on odd pages and left on even ones), headings the body's size in fake bold and flush
  left, ``- N -`` at the outer bottom corner, no running head;
* ``outer-folio``: ``第 N 页 共 M 页`` at the outer bottom corner (right on odd pages, left on
  even ones) and a running head split left (title) and right (issue) over a rule;
* ``two-column``: from the third ``一、`` section on, the pages are set in two columns (a 简讯
  page) with a thin rule between them; paragraphs run on from the left to the right column;
  ``two-column-offset``: the same with half a line more before each heading, so that the two
  columns' lines stop facing each other;
* ``ruled-table``: the plain-text tables of the text form (rows of cells split by full-width
  spaces) drawn as ruled grids in smaller print;
* ``rotated-page``: every second page stored landscape with ``/Rotate 90`` (``270`` on every
  fourth) and its content turned so it reads upright as printed (scanner and driver output);
* ``fullwidth-one-font``: one non-embedded font (STSong-Light) for everything, headings in fake
  bold, digits, ``.`` and ``%`` set full-width (２０２３年，１２．５％), ``－ N －`` folios.

The output is deterministic (make_pdf's backends are). Needs make_pdf's fonts; callers skip
without them (``tests/score_helpers.make_pdf_module``). ``python corpora/print_layouts.py STYLE TEXT PDF``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_pdf  # noqa: E402
from make_pdf import A4, RED, Block, Layout  # noqa: E402

sys.path.pop(0)

DATE = regex.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:印发)?$")
CELL_SPLIT = regex.compile(r"\u3000+")
FULL = str.maketrans({**{chr(c): chr(c + 0xFEE0) for c in range(0x30, 0x3A)}, ".": "．", "%": "％"})


@dataclass
class ShiftedLayout(Layout):
    """A layout whose text block sits ``offset`` points right of the page's centre line."""

    offset: float = 0.0

    @property
    def left(self) -> float:
        return (self.page[0] - self.width) / 2 + self.offset


@dataclass
class Style:
    layout: Layout
    backend: str = "fpdf2"
    masthead: str = "centred"  # or "red-block"
    mirror: float = 0.0  # odd pages' text block this far right of centre, even pages' as far left
    folio_corner: bool = False  # the folio at the outer bottom corner instead of centred
    split_head: bool = False  # the running head's title at the left, its issue at the right
    heading_indent: bool = True
    columns_from: int = 0  # the ``一、`` section (1-based) from which pages are set in two columns
    column_gap: float = 2.0  # between the columns, in characters
    ruled_tables: bool = False
    rotate_every: tuple[int, ...] = ()  # (period, rotation) pairs: a page n with n % period == 0 is turned
    fullwidth: bool = False
    one_font: bool = False
    heading_space: float = 0.0  # space before a heading, in lines (the columns' lines then stop facing)


STYLES: dict[str, Style] = {
    "red-masthead": Style(Layout(), masthead="red-block"),
    "fangsong-14": Style(ShiftedLayout(size=14, chars_per_line=30, leading=27, first_baseline=112,
                                       last_baseline=748, folio="- {n} -", folio_size=14, running_head=False,
                                       heading_style="bold"),
                         backend="reportlab", mirror=12.0, folio_corner=True, heading_indent=False),
    "outer-folio": Style(ShiftedLayout(folio="第 {n} 页 共 {total} 页", folio_size=10.5, head="{title}"),
                         folio_corner=True, split_head=True),
    "two-column": Style(ShiftedLayout(size=15, chars_per_line=30, leading=26), columns_from=3),
    "two-column-offset": Style(ShiftedLayout(size=15, chars_per_line=30, leading=26), columns_from=3,
                               heading_space=0.5),
    "ruled-table": Style(ShiftedLayout(), backend="reportlab", ruled_tables=True),
    "rotated-page": Style(Layout(), backend="reportlab", rotate_every=(4, 270, 2, 90)),
    "fullwidth-one-font": Style(Layout(folio="－ {n} －", heading_style="bold"), backend="reportlab",
                                fullwidth=True, one_font=True),
}


def _rotation(style: Style, page: int) -> int:
    pairs = style.rotate_every
    for k in range(0, len(pairs), 2):
        if page % pairs[k] == 0:
            return pairs[k + 1]
    return 0


# --- surfaces: make_pdf's, plus coloured rules, rotated pages and one font -------------------------------


class _ReportlabSurface(make_pdf.ReportlabSurface):
    def __init__(self, out_path: Path, chars: dict[str, set[str]] | None, style: Style) -> None:
        super().__init__(out_path, chars, style.layout.page)
        self.style = style
        if style.one_font:
            self.fonts = dict.fromkeys(self.fonts, make_pdf.BODY_FONT)
        self.n = 1
        self._setup()

    def _setup(self) -> None:
        rot = _rotation(self.style, self.n)
        w, h = self.style.layout.page
        if not rot:
            self.c.setPageSize((w, h))
            self.c.setPageRotation(0)
            return
        # stored landscape, shown portrait: draw the portrait page through a quarter turn (reportlab
        # takes the size as shown and writes the MediaBox turned)
        self.c.setPageSize((w, h))
        self.c.setPageRotation(rot)
        if rot == 90:
            self.c.transform(0, 1, -1, 0, h, 0)
        else:
            self.c.transform(0, -1, 1, 0, 0, w)

    def line(self, y: float, role: str, size: float, placed: list[tuple[float, str, bool]]) -> None:
        """make_pdf's line in its own graphics state: a line ending in fake bold does not leave the text
        render mode at 2 for the lines after it."""
        self.c.saveState()
        super().line(y, role, size, placed)
        self.c.restoreState()

    def colour_rule(self, x0: float, x1: float, y: float, width: float, colour: tuple[float, float, float]) -> None:
        self.c.setStrokeColorRGB(*colour)
        self.rule(x0, x1, y, width)
        self.c.setStrokeColorRGB(0, 0, 0)

    def vrule(self, x: float, y0: float, y1: float, width: float) -> None:
        self.c.setLineWidth(width)
        self.c.line(x, self.h - y0, x, self.h - y1)

    def show_page(self) -> None:
        super().show_page()
        self.n += 1
        self._setup()


class _Fpdf2Surface(make_pdf.Fpdf2Surface):
    def __init__(self, out_path: Path, chars: dict[str, set[str]] | None, style: Style) -> None:
        super().__init__(out_path, chars, style.layout.page)

    def colour_rule(self, x0: float, x1: float, y: float, width: float, colour: tuple[float, float, float]) -> None:
        self.pdf.set_draw_color(*(round(255 * v) for v in colour))
        self.rule(x0, x1, y, width)
        self.pdf.set_draw_color(0)

    def vrule(self, x: float, y0: float, y1: float, width: float) -> None:
        self.pdf.set_line_width(width)
        self.pdf.line(x, y0, x, y1)


SURFACES = {"reportlab": _ReportlabSurface, "fpdf2": _Fpdf2Surface}


# --- the renderer ------------------------------------------------------------------------------------


class StyledRenderer(make_pdf.Renderer):
    """make_pdf's renderer with mirrored margins, outer-corner folios, split heads and columns."""

    def __init__(self, surface: make_pdf.Surface, style: Style, running_head: str, total: int = 0) -> None:
        super().__init__(surface, style.layout, running_head, total)
        self.style = style
        self.columns = False
        self.column = 0
        self.column_top = 0.0
        self.para_left: float | None = None
        self.lay = self._page_layout()

    def _page_layout(self) -> Layout:
        base = self.style.layout
        if not isinstance(base, ShiftedLayout):
            return base
        shift = self.style.mirror if self.page % 2 else -self.style.mirror
        if not self.columns:
            return replace(base, offset=shift)
        gap = self.style.column_gap
        chars = int((base.chars_per_line - gap) // 2)
        half = (chars + gap) * base.size / 2
        return replace(base, chars_per_line=chars, offset=shift + (half if self.column else -half))

    # page furniture
    def _folio(self) -> None:
        s, st, lay = self.s, self.style, self.style.layout
        shift = st.mirror if self.page % 2 else -st.mirror
        left = (lay.page[0] - lay.width) / 2 + shift
        right = left + lay.width
        if lay.folio:
            text = lay.folio.format(n=self.page, total=self.total)
            if st.fullwidth:
                text = text.translate(FULL)
            y = lay.folio_baseline - lay.bottom_shift
            if st.folio_corner:
                w = s.width(text, "body", lay.folio_size)
                x = right - w if self.page % 2 else left
                s.centred(x + w / 2, y, text, "body", lay.folio_size)
            else:
                s.centred(lay.page[0] / 2, y, text, "body", lay.folio_size)
        if self.page > 1 and lay.running_head:
            head = make_pdf._head_text(lay, self.head, self.page)
            if st.split_head:
                title, _, issue = self.head.partition("  ")
                for text, at_left in ((title, True), (issue.split("（")[0], False)):
                    w = s.width(text, "body", lay.head_size)
                    s.centred((left + w / 2) if at_left else (right - w / 2), lay.head_baseline, text, "body",
                              lay.head_size)
            else:
                s.centred(lay.page[0] / 2, lay.head_baseline, head, "body", lay.head_size)
            if lay.head_rule:
                s.rule(left, right, lay.head_baseline + 6, 0.5)
        if self.columns:
            mid = (left + right) / 2
            s.vrule(mid, self.column_top - lay.size, lay.last_baseline - lay.bottom_shift + 6, 0.5)

    def new_page(self) -> None:
        if self.columns and self.column == 0:
            self.column = 1
            self.lay = self._page_layout()
            self.y = self.column_top
            return
        self._folio()
        self.s.show_page()
        self.page += 1
        self.column = 0
        self.lay = self._page_layout()
        self.y = self.lay.first_baseline
        self.column_top = self.y

    def start_columns(self) -> None:
        """Go on in two columns on a new page."""
        if self.y > self.lay.first_baseline:
            self.new_page()
        self.columns = True
        self.column = 0
        self.column_top = self.y
        self.lay = self._page_layout()

    def draw_line(self, toks: list[tuple[str, bool]], role: str, size: float, x: float, avail: float,
                  justify: bool, color: tuple[float, float, float] | None = None) -> None:
        if self.y > self.lay.last_baseline - self.lay.bottom_shift:
            self.new_page()
        if self.para_left is not None:  # make_pdf places a paragraph's lines from its first page's margin
            x += self.lay.left - self.para_left
        super().draw_line(toks, role, size, x, avail, justify, color)

    def paragraph(self, block: Block, role: str) -> None:
        if role in ("h1", "h2") and self.style.heading_space and self.y > self.column_top:
            self.y += self.style.heading_space * self.lay.leading  # off the line grid from here on
        if role in ("h1", "h2") and not self.style.heading_indent:
            # a heading flush left: drawn as one line from the text block's left edge
            size = self.lay.size
            toks = make_pdf._tokens(block.runs)
            if self.lay.heading_style == "bold":
                role, toks = "body", [(t, True) for t, _ in toks]
            self.draw_line(toks, role, size, self.lay.left, self.lay.width, False)
            return
        self.para_left = self.lay.left
        try:
            super().paragraph(block, role)
        finally:
            self.para_left = None

    def text_at(self, x: float, y: float, text: str, role: str, size: float, right: bool = False,
                colour: tuple[float, float, float] | None = None) -> None:
        w = self.s.width(text, role, size)
        self.s.centred((x - w / 2) if right else (x + w / 2), y, text, role, size, colour)

    # the red-head masthead
    def red_masthead(self, fields: list[Block]) -> None:
        lay = self.lay
        left, right = lay.left, lay.left + lay.width
        title = next((b for b in fields if b.kind == "title"), None)
        pub = date = None
        others: list[Block] = []
        for b in fields:
            text = _plain(b)
            if b is title:
                continue
            parts = CELL_SPLIT.split(text)
            if len(parts) == 2 and DATE.match(parts[1]):
                pub, date = parts
            elif DATE.match(text):
                date = text
            elif not regex.search(r"\d", text) and pub is None:
                pub = text
            else:
                others.append(b)
        self.y = lay.first_baseline + 30
        if title is not None:
            self.centred(title, "h1", 40, 26, RED)
        for b in others:
            self.centred(b, "body", lay.size, 4)
        if pub or date:
            self.y += 6
            # smaller print when the two do not fit on the line with two characters between them
            need = sum(self.s.width(t, "body", lay.size) for t in (pub, date) if t) + 2 * lay.size
            size = min(lay.size, float(int(lay.size * lay.width / need)))
            if pub:
                self.text_at(left, self.y, pub, "body", size)
            if date:
                self.text_at(right, self.y, date, "body", size, right=True)
            self.y += lay.size * 0.6
        self.s.colour_rule(left, right, self.y, 2.2, RED)
        self.s.colour_rule(left, right, self.y + 3.5, 0.7, RED)
        self.y += 24 + lay.size

    # ruled tables
    def table(self, rows: list[list[str]]) -> None:
        """Rows of cells as a ruled grid in smaller print, the first column left, the others centred."""
        size = self.lay.size - 3
        pad = size * 0.6
        ncol = len(rows[0])
        need = [max(self.s.width(r[k], "body", size) for r in rows) + 2 * pad for k in range(ncol)]
        spare = max(0.0, self.lay.width - sum(need))
        widths = [w + spare / ncol for w in need]
        height = size * 2.0
        top = self.y - self.lay.size
        first = True
        for row in rows:
            if top + height > self.lay.last_baseline - self.lay.bottom_shift + 4:
                self.new_page()
                top, first = self.y - self.lay.size, True
            edges = [self.lay.left]
            for w in widths:
                edges.append(edges[-1] + w)
            if first:
                self.s.rule(edges[0], edges[-1], top, 0.6)
                first = False
            self.s.rule(edges[0], edges[-1], top + height, 0.6)
            for x in edges:
                self.s.vrule(x, top, top + height, 0.6)
            base = top + height / 2 + size * 0.35
            for k, cell in enumerate(row):
                if k == 0:
                    self.text_at(edges[0] + pad, base, cell, "body", size)
                else:
                    self.s.centred((edges[k] + edges[k + 1]) / 2, base, cell, "body", size)
            top += height
        self.y = top + self.lay.leading


def _plain(block: Block) -> str:
    return "".join(t for t, _ in block.runs)


def _cells(block: Block) -> list[str] | None:
    text = _plain(block)
    cells = [c for c in CELL_SPLIT.split(text.strip()) if c]
    return cells if len(cells) >= 2 and "。" not in text and len(text) <= 60 else None


def _table_runs(blocks: list[Block]) -> dict[int, tuple[int, list[list[str]]]]:
    """Start index -> (end index, rows) of each run of two or more body blocks whose cells
    (split by full-width spaces) are as many on every row."""
    out: dict[int, tuple[int, list[list[str]]]] = {}
    i = 0
    while i < len(blocks):
        cells = _cells(blocks[i]) if blocks[i].kind == "body" else None
        if cells is None:
            i += 1
            continue
        rows, j = [cells], i + 1
        while j < len(blocks) and blocks[j].kind == "body" and (c := _cells(blocks[j])) and len(c) == len(cells):
            rows.append(c)
            j += 1
        if len(rows) >= 2:
            out[i] = (j, rows)
        i = j
    return out


def _masthead_fields(blocks: list[Block]) -> int:
    """How many leading blocks are masthead fields (title, issue, period, publisher, date)."""
    n = 0
    for b in blocks:
        text = _plain(b)
        if b.kind not in ("title", "masthead") or len(text) > 40 or text.startswith(("━", "本期")):
            break
        n += 1
    return n


def _fullwidth(blocks: list[Block]) -> list[Block]:
    return [Block(b.kind, [(t.translate(FULL), bold) for t, bold in b.runs], b.breaks) for b in blocks]


def render(text: str, out_path: Path, style: str | Style) -> Path:
    """Draw report ``text`` (the corpus .txt form) into ``out_path`` in ``style`` (a name of STYLES)."""
    st = STYLES[style] if isinstance(style, str) else style
    lay = st.layout
    # the text form's page breaks are the seed layout's: here pages break where they fill
    blocks = [replace(b, breaks=[]) for b in make_pdf.text_to_blocks(text)]
    if st.fullwidth:
        blocks = _fullwidth(blocks)
    title = next((b for b in blocks if b.kind == "title"), None)
    issue = next((b for b in blocks if b.kind == "masthead"), None)
    running_head = "  ".join(_plain(b).replace(" ", "") for b in (title, issue) if b is not None)
    chars = make_pdf._role_chars(blocks, running_head, lay)
    extra = set("第页共－-— 0123456789０１２３４５６７８９") | set(running_head)
    chars["body"] |= extra | {c for b in blocks for t, _ in b.runs for c in t}
    chars["h1"] |= extra
    total = 0
    if "{total}" in lay.folio:
        total = _draw(SURFACES[st.backend](Path(out_path), chars, st), st, blocks, running_head, 0, save=False)
    _draw(SURFACES[st.backend](Path(out_path), chars, st), st, blocks, running_head, total)
    return Path(out_path)


def _draw(surface: make_pdf.Surface, st: Style, blocks: list[Block], running_head: str, total: int,
          save: bool = True) -> int:
    r = StyledRenderer(surface, st, running_head, total)
    lay = st.layout
    r.y = lay.first_baseline + 10
    start = 0
    if st.masthead == "red-block":
        start = _masthead_fields(blocks)
        r.red_masthead(blocks[:start])
    tables = _table_runs(blocks) if st.ruled_tables else {}
    h1 = 0
    k = start
    while k < len(blocks):
        block = blocks[k]
        nxt = blocks[k + 1].kind if k + 1 < len(blocks) else "body"
        if k in tables:
            end, rows = tables[k]
            r.table(rows)
            k = end
            continue
        if block.kind == "h1":
            h1 += 1
            if st.columns_from and h1 == st.columns_from:
                r.start_columns()
        if block.kind == "title":
            r.y += 18
            r.centred(block, "h1", lay.title_size, 24, lay.title_color)
        elif block.kind == "masthead":
            r.centred(block, "body", lay.size, 14 if nxt == "h1" else 0)
        else:
            r.paragraph(block, block.kind if block.kind in ("h1", "h2") else "body")
        k += 1
    r.finish(save)
    return r.page


def main(argv: list[str]) -> None:
    style, src, dst = argv
    render(Path(src).read_text(encoding="utf-8"), Path(dst), style)
    print(f"wrote {dst}")


if __name__ == "__main__":
    main(sys.argv[1:])

__all__ = ["A4", "STYLES", "Style", "render"]
