"""Render a weekly report's text into an A4 PDF laid out like the printed bulletin.

Usage: ``python corpora/make_pdf.py [--backend reportlab|fpdf2] [TEXT [PDF]]`` (default:
the seed report ``corpora/weekly-2023-35.txt`` -> ``corpora/weekly-2023-35.pdf``, with
reportlab). In Python: ``render_report(text, out_path, running_head=None, layout=None,
backend="reportlab")``.

Two backends draw the same layout (the line breaking and placement code is shared;
a backend only measures strings and draws positioned tokens, centred strings, rules
and pages):

* ``reportlab`` (the seed PDF): body in reportlab's built-in, **non-embedded** CID
  font STSong-Light (a reader substitutes a system font for it), headings embedded
  through reportlab's ``TTFont`` (which splits a CJK font into many 256-glyph simple
  subset fonts);
* ``fpdf2`` (the synthetic corpus, ``corpora/synth.py``): every face embedded as
  one Identity-H ``Type0``/``CIDFontType2`` subset with a ToUnicode map, as Word and
  WPS export 仿宋_GB2312 and friends; body in 宋体 AR PL UMing (fonts-arphic-uming).

The output is deterministic: re-running gives the same bytes (reportlab
``invariant=1``; fpdf2 with a pinned creation date). Layout, as Word/WPS print the
bulletin:

* masthead: the lines before the first ``一、`` heading, centred (one too wide for the text
  block, such as an opening paragraph, is wrapped as body text); the first one without digits
  (the title) large in the heading font;
* headings ``一、…`` in 黑体 (WenQuanYi Zen Hei), ``（一）…`` in 楷体 (AR PL UKai),
  body in 宋体 (STSong-Light or AR PL UMing, see above), 16 pt;
* body paragraphs with a two-character first-line indent, justified to the
  text block, simple line-breaking rules (no closing punctuation at a line
  start, no opening one at a line end, ASCII words kept whole);
* ``**…**`` drawn as fake bold: the same font with text render mode 2;
* a running head on every page after the first and ``— N —`` page numbers;
* a line ending with a continuation mark (``、，；：`` …) followed by a blank
  line is one paragraph broken across a page exactly there (the original
  page break of the printed issue).
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import logging
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import regex
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
FONT_FILES = {  # name: (file, face index in the collection)
    "ZenHei": (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
    "UKai": (Path("/usr/share/fonts/truetype/arphic/ukai.ttc"), 0),
    "UMing": (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),
}
FONT_PACKAGES = "fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming"
BACKENDS = ("reportlab", "fpdf2")
# the font of each role (body, h1 = 一、 headings and the title, h2 = （一） headings) per backend
ROLE_FONTS = {
    "reportlab": {"body": "STSong-Light", "h1": "ZenHei", "h2": "UKai"},
    "fpdf2": {"body": "UMing", "h1": "ZenHei", "h2": "UKai"},
}
BODY_FONT = ROLE_FONTS["reportlab"]["body"]
H1_FONT, H2_FONT = "ZenHei", "UKai"
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # reportlab's invariant date too
TITLE = "reportparse synthetic rendering"
TJ_LINES = True  # fpdf2: a line is one text object with a TJ array (as Word writes), else one per token
CREATOR = "reportparse corpora/make_pdf.py"

H1 = regex.compile(r"^[一二三四五六七八九十]+、")
H2 = regex.compile(r"^（[一二三四五六七八九十]+）")
CONTINUES = tuple("、，；：（《“〔【—")
NO_LINE_START = set("，。、；：？！）》」』”’〕】%…·")
NO_LINE_END = set("（《「『“‘〔【")
ASCII_WORD = regex.compile(r"[A-Za-z0-9.%/:+\-<>]+")
BOLD = regex.compile(r"\*\*(.+?)\*\*")


@dataclass
class Block:
    """One paragraph to draw: runs of (text, bold) and where pages must break."""

    kind: str  # masthead, title, h1, h2, body
    runs: list[tuple[str, bool]]
    breaks: list[int] = field(default_factory=list)  # char offsets of forced page breaks


def _runs(line: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in BOLD.finditer(line):
        if m.start() > pos:
            out.append((line[pos : m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    if pos < len(line):
        out.append((line[pos:], False))
    return out


def text_to_blocks(text: str) -> list[Block]:
    """Split report text into blocks; continuation lines merge across blank lines."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").split("\n")]
    blocks: list[Block] = []
    pending: Block | None = None
    seen_heading = False
    for line in lines:
        if not line:
            continue
        runs = _runs(line)
        if pending is not None:
            pending.breaks.append(sum(len(t) for t, _ in pending.runs))
            pending.runs.extend(runs)
            block = pending
            pending = None
        else:
            plain = "".join(t for t, _ in runs)
            is_heading = bool(H1.match(plain) or H2.match(plain)) and len(plain) <= 40 and "。" not in plain
            seen_heading = seen_heading or bool(H1.match(plain) and is_heading)
            if not seen_heading:
                kind = "title" if not regex.search(r"\d", plain) and len(plain) <= 12 else "masthead"
            elif is_heading:
                kind = "h1" if H1.match(plain) else "h2"
            else:
                kind = "body"
            block = Block(kind, runs)
            blocks.append(block)
        if line.endswith(CONTINUES) and block.kind == "body":
            pending = block
    return blocks


def _tokens(runs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Unbreakable units: ASCII words, single spaces, single CJK characters."""
    out: list[tuple[str, bool]] = []
    for text, bold in runs:
        pos = 0
        while pos < len(text):
            m = ASCII_WORD.match(text, pos)
            if m:
                out.append((m.group(), bold))
                pos = m.end()
            else:
                out.append((text[pos], bold))
                pos += 1
    return out


def _is_cjk(tok: str) -> bool:
    return not tok.isascii()


LETTER = (612.0, 792.0)
RED = (0.8, 0.0, 0.0)


@dataclass
class Layout:
    """Page geometry (points, top-left origin for the y values) and print style.

    The defaults draw the seed PDF. ``last_baseline`` and ``folio_baseline`` are for an A4
    page and move with the page's bottom edge on other sizes (``page``, e.g. ``LETTER``).
    ``folio``: the page number's format (``{n}``, ``{total}``; ``""`` for none);
    ``running_head``: the head line on every page after the first; ``tracking``: extra
    points between CJK characters (letter-spaced print, justified as well);
    ``heading_style``: ``"font"`` (一、 in 黑体, （一） in 楷体) or ``"bold"`` (the body
    font in fake bold); the title is drawn in ``title_size`` pt, in ``title_color`` (RGB
    0-1, e.g. ``RED``) and over ``title_lines`` centred lines (1 or 2).
    """

    size: float = 16.0
    chars_per_line: int = 28
    leading: float = 28.0
    first_baseline: float = 100.0
    last_baseline: float = 762.0
    head_baseline: float = 48.0
    folio_baseline: float = 808.0
    page: tuple[float, float] = A4
    folio: str = "— {n} —"
    folio_size: float = 14.0
    running_head: bool = True
    tracking: float = 0.0
    heading_style: str = "font"
    title_size: float = 30.0
    title_color: tuple[float, float, float] | None = None
    title_lines: int = 1
    # running heads and feet as other offices print them (defaults: the seed's); ``head`` / ``even_head``
    # format the head of odd / even pages (``{head}`` the default head, ``{title}``, ``{issue}`` the
    # masthead's issue line up to its bracket, ``{n}`` the page; ``even_head`` "": as odd pages)
    head: str = "{head}"
    even_head: str = ""
    head_size: float = 10.5
    head_rule: bool = True

    @property
    def width(self) -> float:
        return self.size * self.chars_per_line

    @property
    def left(self) -> float:
        return (self.page[0] - self.width) / 2

    @property
    def bottom_shift(self) -> float:
        """How far the page's bottom edge is above A4's (the bottom baselines move with it)."""
        return A4[1] - self.page[1]


# other ways the bulletin is printed, by name (``--layout``); "seed" is the default
LAYOUTS: dict[str, Layout] = {
    "seed": Layout(),
    "dash-folio": Layout(folio="- {n} -", folio_size=10.5),
    "page-of-total": Layout(folio="第 {n} 页 共 {total} 页", folio_size=10.5),
    "bare-folio-no-head": Layout(folio="{n}", folio_size=10.5, running_head=False),
    "letter-spaced": Layout(tracking=2.0, chars_per_line=26),
    "narrow": Layout(chars_per_line=22),
    "wide": Layout(size=14, chars_per_line=36, leading=24),
    "bold-headings": Layout(heading_style="bold"),
    "red-title": Layout(title_size=36, title_color=RED),
    "two-line-title": Layout(title_size=26, title_lines=2, title_color=RED),
    "letter": Layout(page=LETTER, chars_per_line=27),
    "one-and-half": Layout(leading=36),
    "double": Layout(leading=46, first_baseline=90, last_baseline=780),
    "tight": Layout(size=15, leading=19.5, chars_per_line=29),
    "small-pages": Layout(last_baseline=520),
    # running heads and feet (issue 13): a body-size head on the first body line, odd/even heads with
    # the page number in them, 第N页 / ·N· / N/total feet
    "head-on-body-line": Layout(head="{title}{issue}", head_size=16, head_rule=False, head_baseline=100,
                                first_baseline=128),
    "odd-even-heads": Layout(head="政务服务信息  第{n}页", even_head="{title}  {issue}", last_baseline=520,
                             folio=""),
    "cn-folio": Layout(folio="第{n}页", folio_size=10.5),
    "dot-folio": Layout(folio="·{n}·", folio_size=12, head="{title}"),
    "slash-folio": Layout(folio="{n}/{total}", folio_size=10.5, running_head=False),
}


class Surface(Protocol):
    """What the layout needs from a PDF library. ``y`` values are baselines from the page top."""

    def width(self, text: str, role: str, size: float) -> float: ...

    def line(self, y: float, role: str, size: float, placed: list[tuple[float, str, bool]]) -> None:
        """Draw tokens (x, text, fake bold) on one baseline."""

    def centred(self, cx: float, y: float, text: str, role: str, size: float,
                color: tuple[float, float, float] | None = None) -> None: ...

    def rule(self, x0: float, x1: float, y: float, width: float) -> None: ...

    def show_page(self) -> None: ...

    def save(self) -> None: ...


class ReportlabSurface:
    """reportlab canvas: STSong-Light (not embedded) body, TTFont headings (simple-font subsets)."""

    def __init__(self, out_path: Path, chars: dict[str, set[str]] | None = None,
                 page: tuple[float, float] = A4) -> None:
        _register_reportlab_fonts()
        self.fonts = ROLE_FONTS["reportlab"]
        self.h = page[1]
        self.c = canvas.Canvas(str(out_path), pagesize=page, invariant=1, pageCompression=1)
        self.c.setTitle(TITLE)
        self.c.setAuthor(CREATOR)
        self.c.setCreator(CREATOR)

    def width(self, text: str, role: str, size: float) -> float:
        return pdfmetrics.stringWidth(text, self.fonts[role], size)

    def line(self, y: float, role: str, size: float, placed: list[tuple[float, str, bool]]) -> None:
        t = self.c.beginText()
        t.setFont(self.fonts[role], size)
        mode = 0
        for x, tok, bold in placed:
            want = 2 if bold else 0
            if want != mode:
                t.setTextRenderMode(want)
                mode = want
            t.setTextOrigin(x, self.h - y)
            t.textOut(tok)
        self.c.setLineWidth(0.4)
        self.c.drawText(t)

    def centred(self, cx: float, y: float, text: str, role: str, size: float,
                color: tuple[float, float, float] | None = None) -> None:
        self.c.setFont(self.fonts[role], size)
        if color is not None:
            self.c.setFillColorRGB(*color)
        self.c.drawCentredString(cx, self.h - y, text)
        if color is not None:
            self.c.setFillColorRGB(0, 0, 0)

    def rule(self, x0: float, x1: float, y: float, width: float) -> None:
        self.c.setLineWidth(width)
        self.c.line(x0, self.h - y, x1, self.h - y)

    def show_page(self) -> None:
        self.c.showPage()

    def save(self) -> None:
        self.c.save()


class Fpdf2Surface:
    """fpdf2: each face embedded as one Identity-H CIDFontType2 subset, as Word/WPS export them.

    fpdf2 parses the whole font file for every document (1-2 s for three CJK faces), so
    ``chars`` (the characters each role will draw) is used to cut that down: a face is
    read from a copy reduced to its GB2312 + ASCII characters (made once per process,
    4-5x smaller) when the document's characters all fall in it, else from the font file;
    fpdf2 builds its tables for those characters only and keeps the glyphs' bounding boxes
    as they are. About 0.25 s a document. The embedded subset draws the same glyphs either
    way (its glyph order may differ); a character the face lacks is an error, not a box.
    """

    def __init__(self, out_path: Path, chars: dict[str, set[str]] | None = None,
                 page: tuple[float, float] = A4) -> None:
        from fpdf import FPDF

        self.out = Path(out_path)
        self.fonts = ROLE_FONTS["fpdf2"]
        self.pdf = FPDF(unit="pt", format="A4" if page == A4 else page)
        self.pdf.set_auto_page_break(False)
        self.pdf.set_creation_date(FIXED_DATE)
        self.pdf.set_title(TITLE)
        self.pdf.set_author(CREATOR)
        self.pdf.set_creator(CREATOR)
        self.pdf.set_lang("zh-CN")
        need: dict[str, set[str]] = {}
        for role, font in self.fonts.items():
            need.setdefault(font, set()).update((chars or {}).get(role, set()))
        for font, used in need.items():
            if chars is not None and not used:
                continue  # a face this document never draws (no （一） headings, say): not embedded
            path, index = _font_file(font)
            cmap = _face_cmap(font)
            if missing := sorted(c for c in used if ord(c) not in cmap and not c.isspace()):
                raise ValueError(f"{path.name} (face {index}) has no glyph for {''.join(missing)!r}")
            if chars is not None and all(c in _GB2312_ASCII for c in used):
                path, index = _reduced_face(font), 0
            # unicode_range: fpdf2 then builds its width and glyph tables for these characters only
            with _quiet_fonttools():
                self.pdf.add_font(font, fname=str(path), collection_font_number=index,
                                  unicode_range=sorted({ord(c) for c in used} | {0x20}) if chars else None)
            ttfont = getattr(self.pdf.fonts.get(font.lower()), "ttfont", None)
            if ttfont is not None:  # glyph bounding boxes are right already: do not recompute them
                ttfont.recalcBBoxes = False
        self.widths: dict[tuple[str, str, float], float] = {}
        # lines as Word writes them (one text object, TJ) need two fpdf2 internals; else a text() a token
        self.tj = TJ_LINES and all(hasattr(self.pdf, m) for m in ("_out", "_set_font_for_page"))
        self.pdf.add_page()

    def _font(self, role: str, size: float) -> None:
        font = self.fonts[role]
        if (self.pdf.font_family, self.pdf.font_size_pt) != (font.lower(), size):
            self.pdf.set_font(font, size=size)

    def width(self, text: str, role: str, size: float) -> float:
        key = (text, role, size)
        w = self.widths.get(key)
        if w is None:
            self._font(role, size)
            w = self.widths[key] = self.pdf.get_string_width(text)
        return w

    def line(self, y: float, role: str, size: float, placed: list[tuple[float, str, bool]]) -> None:
        if not placed:
            return
        self._font(role, size)
        if any(bold for _, _, bold in placed):
            self.pdf.set_line_width(0.4)
        if self.tj:
            self._line_tj(y, role, size, placed)
            return
        from fpdf.enums import TextMode

        for x, tok, bold in placed:  # one text object a token: 40 % slower to read than a TJ a line
            if bold:  # q … Q: fpdf2 would not reset Tr for the text drawn after it
                with self.pdf.local_context(text_mode=TextMode.FILL_STROKE):
                    self.pdf.text(x, y, tok)
            else:
                self.pdf.text(x, y, tok)

    def _line_tj(self, y: float, role: str, size: float, placed: list[tuple[float, str, bool]]) -> None:
        """One text object for the line, as Word writes it: ``[(…) -120 (…)] TJ``, Tr for fake bold."""
        pdf = self.pdf
        font = pdf.current_font
        tf = pdf._set_font_for_page(font, size, wrap_in_text_object=False)
        x0 = placed[0][0]
        ops, arr, group = [], [], ""
        bold, end = False, x0

        def flush() -> None:
            nonlocal group
            if group:
                arr.append(font.encode_text(group).removesuffix(" Tj"))
                group = ""
            if arr:
                ops.append(f"[{' '.join(arr)}] TJ")
                arr.clear()

        for x, tok, b in placed:
            if b != bold:
                flush()
                ops.append("2 Tr" if b else "0 Tr")
                bold = b
            if abs(x - end) > 1e-6:  # a justification gap: move right by x - end points
                if group:
                    arr.append(font.encode_text(group).removesuffix(" Tj"))
                    group = ""
                arr.append(f"{(end - x) * 1000 / size:.3f}")
            group += tok
            end = x + self.width(tok, role, size)
        flush()
        if bold:
            ops.append("0 Tr")
        pdf._out(f"BT {tf} 1 0 0 1 {x0:.3f} {pdf.h - y:.3f} Tm {' '.join(ops)} ET")

    def centred(self, cx: float, y: float, text: str, role: str, size: float,
                color: tuple[float, float, float] | None = None) -> None:
        self._font(role, size)
        if color is not None:
            self.pdf.set_text_color(*(round(255 * v) for v in color))
        self.pdf.text(cx - self.pdf.get_string_width(text) / 2, y, text)
        if color is not None:
            self.pdf.set_text_color(0)

    def rule(self, x0: float, x1: float, y: float, width: float) -> None:
        self.pdf.set_line_width(width)
        self.pdf.line(x0, y, x1, y)

    def show_page(self) -> None:
        self.pdf.add_page()

    def save(self) -> None:
        with _quiet_fonttools():
            data = bytes(self.pdf.output())
        self.out.write_bytes(data)


SURFACES: dict[str, type] = {"reportlab": ReportlabSurface, "fpdf2": Fpdf2Surface}


class Renderer:
    """Lays blocks out page by page and draws them on a surface (a backend)."""

    def __init__(self, surface: Surface, layout: Layout, running_head: str, total: int = 0) -> None:
        self.s = surface
        self.lay = layout
        self.head = running_head
        self.total = total  # pages in the document, for a folio that prints it
        self.page = 1
        self.y = layout.first_baseline

    def width(self, tok: str, role: str, size: float) -> float:
        w = self.s.width(tok, role, size)
        return w + self.lay.tracking if self.lay.tracking and _is_cjk(tok) else w

    def _folio(self) -> None:
        s, lay = self.s, self.lay
        cx = lay.page[0] / 2
        if lay.folio:
            s.centred(cx, lay.folio_baseline - lay.bottom_shift, lay.folio.format(n=self.page, total=self.total),
                      "body", lay.folio_size)
        if self.page > 1 and lay.running_head:
            s.centred(cx, lay.head_baseline, _head_text(lay, self.head, self.page), "body", lay.head_size)
            if lay.head_rule:
                s.rule(lay.left, lay.left + lay.width, lay.head_baseline + 6, 0.5)

    def new_page(self) -> None:
        self._folio()
        self.s.show_page()
        self.page += 1
        self.y = self.lay.first_baseline

    def finish(self, save: bool = True) -> None:
        self._folio()
        if save:
            self.s.save()

    def draw_line(self, toks: list[tuple[str, bool]], role: str, size: float, x: float, avail: float,
                  justify: bool, color: tuple[float, float, float] | None = None) -> None:
        if self.y > self.lay.last_baseline - self.lay.bottom_shift:
            self.new_page()
        widths = [self.s.width(t, role, size) for t, _ in toks]
        gaps = [i for i in range(1, len(toks)) if _is_cjk(toks[i - 1][0]) or _is_cjk(toks[i][0])]
        extra = (avail - sum(widths)) / len(gaps) if justify and gaps else self.lay.tracking
        gapset = set(gaps)
        placed: list[tuple[float, str, bool]] = []
        for i, ((tok, bold), w) in enumerate(zip(toks, widths, strict=True)):
            if i in gapset:
                x += extra
            placed.append((x, tok, bold))
            x += w
        if color is not None:
            self.s.centred(placed[0][0] + (x - placed[0][0]) / 2, self.y, "".join(t for t, _ in toks), role, size,
                           color)
        else:
            self.s.line(self.y, role, size, placed)
        self.y += self.lay.leading

    def centred(self, block: Block, role: str, size: float, gap_after: float,
                color: tuple[float, float, float] | None = None) -> None:
        toks = _tokens(block.runs)
        w = sum(self.width(t, role, size) for t, _ in toks) - (self.lay.tracking if toks and _is_cjk(toks[-1][0])
                                                               else 0.0)
        self.draw_line(toks, role, size, (self.lay.page[0] - w) / 2, w, False, color)
        self.y += gap_after

    def paragraph(self, block: Block, role: str) -> None:
        lay, size = self.lay, self.lay.size
        toks = _tokens(block.runs)
        if role in ("h1", "h2") and lay.heading_style == "bold":
            role, toks = "body", [(t, True) for t, _ in toks]
        # token index of every forced page break
        ends, pos = {}, 0
        for i, (tok, _) in enumerate(toks):
            pos += len(tok)
            if pos in block.breaks:
                ends[i + 1] = True
        i, first = 0, True
        while i < len(toks):
            indent = 2 * size if first else 0.0
            avail = lay.width - indent
            j, used = i, 0.0
            while j < len(toks) and j not in (ends if j > i else {}):
                w = self.width(toks[j][0], role, size)
                if used + w > avail + 0.01 and j > i:
                    break
                used += w
                j += 1
            forced = j in ends
            squeeze = [e for e in ends if j < e <= j + 3]
            if squeeze and not forced:
                # a page break a few characters on: squeeze them in (punctuation compression)
                j, forced = squeeze[0], True
            if j < len(toks) and not forced:
                # kinsoku: pull back so no closing mark starts and no opening mark ends a line
                while j - 1 > i and (toks[j][0][0] in NO_LINE_START or toks[j - 1][0][-1] in NO_LINE_END):
                    j -= 1
            line = toks[i:j]
            while line and line[-1][0] == " ":
                line.pop()
            last = j >= len(toks)
            self.draw_line(line, role, size, lay.left + indent, avail, not last)
            i = j
            while i < len(toks) and toks[i][0] == " ":
                i += 1
            if forced:
                self.new_page()
            first = False


def _font_file(name: str) -> tuple[Path, int]:
    path, index = FONT_FILES[name]
    if not path.exists():
        raise SystemExit(f"font file missing: {path} (apt-get install {FONT_PACKAGES})")
    return path, index


def _register_reportlab_fonts() -> None:
    if BODY_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(BODY_FONT))
    for name in (H1_FONT, H2_FONT):
        if name not in pdfmetrics.getRegisteredFontNames():
            path, index = _font_file(name)
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))


def _gb2312_ascii() -> frozenset[str]:
    """ASCII and the GB2312 repertoire (as both the gb2312 and the gbk codec map it: — is U+2014 in gbk)."""
    out = {chr(c) for c in range(0x20, 0x7F)}
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            for codec in ("gb2312", "gbk"):
                try:
                    out.add(bytes((hi, lo)).decode(codec))
                except UnicodeDecodeError:
                    pass
    return frozenset(out)


_GB2312_ASCII = _gb2312_ascii()
_CMAPS: dict[str, frozenset[int]] = {}
_REDUCED: dict[str, Path] = {}


@contextmanager
def _quiet_fonttools() -> Iterator[None]:
    """fontTools warns about every table it cannot subset (and drops it): not news here."""
    log = logging.getLogger("fontTools")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def _face_cmap(name: str) -> frozenset[int]:
    if name not in _CMAPS:
        from fontTools.ttLib import TTFont as FtFont

        path, index = _font_file(name)
        with FtFont(str(path), fontNumber=index, lazy=True) as f:
            _CMAPS[name] = frozenset(f.getBestCmap())
    return _CMAPS[name]


def _reduced_face(name: str) -> Path:
    """The face cut down to its GB2312 + ASCII characters, as a .ttf made once per process."""
    if name not in _REDUCED:
        from fontTools import subset
        from fontTools.ttLib import TTFont as FtFont

        path, index = _font_file(name)
        tmp = Path(tempfile.mkdtemp(prefix="make_pdf-"))
        atexit.register(shutil.rmtree, tmp, True)
        opts = subset.Options(notdef_outline=True, recommended_glyphs=True, name_IDs=["*"],
                              name_languages=["*"], name_legacy=True, layout_features=["*"], hinting=True,
                              glyph_names=True, legacy_kern=True, prune_unicode_ranges=False)
        with _quiet_fonttools(), FtFont(str(path), fontNumber=index, lazy=True, recalcBBoxes=False,
                                        recalcTimestamp=False) as f:
            sub = subset.Subsetter(opts)
            sub.populate(unicodes=sorted(ord(c) for c in _GB2312_ASCII if ord(c) in _face_cmap(name)))
            sub.subset(f)
            out = tmp / f"{name}.ttf"
            f.save(str(out))
        _REDUCED[name] = out
    return _REDUCED[name]


def prepare(backend: str) -> None:
    """Load what ``backend`` needs once (fpdf2: the reduced faces), e.g. before forking workers."""
    if backend == "fpdf2":
        for name in set(ROLE_FONTS["fpdf2"].values()):
            _reduced_face(name)
    elif backend == "reportlab":
        _register_reportlab_fonts()


def _head_text(lay: Layout, head: str, page: int) -> str:
    """The running head of ``page``: ``lay.head`` (``lay.even_head`` on even pages) formatted."""
    fmt = (lay.even_head if page % 2 == 0 else "") or lay.head
    title, _, issue = head.partition("  ")
    return fmt.format(head=head, title=title, issue=issue.split("（")[0], n=page)


def _role_chars(blocks: list[Block], running_head: str, lay: Layout | None = None) -> dict[str, set[str]]:
    lay = lay or Layout()
    heads = "".join(_head_text(lay, running_head, n) for n in (2, 3))
    chars: dict[str, set[str]] = {"body": set("— 0123456789") | set(running_head) | set(heads) | set(
        lay.folio.replace("{n}", "").replace("{total}", "")), "h1": set(), "h2": set()}
    heading_roles = {"h1": "h1", "h2": "h2"} if lay.heading_style == "font" else {}
    for b in blocks:
        role = {"title": "h1", **heading_roles}.get(b.kind, "body")
        for text, _ in b.runs:
            chars[role].update(text)
    return chars


def render_report(text: str, out_path: Path, *, running_head: str | None = None,
                  layout: Layout | None = None, backend: str = "reportlab") -> Path:
    """Render report ``text`` (the corpus .txt form) into an A4 PDF at ``out_path``.

    ``backend``: ``"reportlab"`` (body font not embedded; the seed PDF) or ``"fpdf2"``
    (every font embedded as one Identity-H CIDFontType2 subset, like Word/WPS output).
    """
    if backend not in SURFACES:
        raise ValueError(f"unknown backend {backend!r}; use one of {', '.join(BACKENDS)}")
    lay = layout or Layout()
    blocks = text_to_blocks(text)
    if running_head is None:
        title = next((b for b in blocks if b.kind == "title"), None)
        issue = next((b for b in blocks if b.kind == "masthead"), None)
        parts = ["".join(t for t, _ in b.runs) for b in (title, issue) if b is not None]
        running_head = "  ".join(p.replace(" ", "") for p in parts)
    if lay.heading_style not in ("font", "bold"):
        raise ValueError(f"unknown heading_style {lay.heading_style!r}; use 'font' or 'bold'")
    chars = _role_chars(blocks, running_head, lay)
    total = 0
    if "{total}" in lay.folio:  # a dry run counts the pages
        total = _draw(SURFACES[backend](Path(out_path), chars, lay.page), lay, blocks, running_head, 0, save=False)
    _draw(SURFACES[backend](Path(out_path), chars, lay.page), lay, blocks, running_head, total)
    return Path(out_path)


def _draw(surface: Surface, lay: Layout, blocks: list[Block], running_head: str, total: int,
          save: bool = True) -> int:
    """Lay ``blocks`` out on ``surface``; return the number of pages."""
    r = Renderer(surface, lay, running_head, total)
    r.y = lay.first_baseline + 10
    for k, block in enumerate(blocks):
        nxt = blocks[k + 1].kind if k + 1 < len(blocks) else "body"
        if block.kind == "title":
            r.y += 18
            for i, part in enumerate(_split_title(block, lay.title_lines)):
                last = i == lay.title_lines - 1 or lay.title_lines < 2
                r.centred(part, "h1", lay.title_size, 24 if last else lay.title_size * 0.3, lay.title_color)
        elif block.kind == "masthead" and r.width("".join(t for t, _ in block.runs), "body", lay.size) > lay.width:
            r.paragraph(block, "body")  # a line too wide to centre (an opening paragraph): wrapped as body
        elif block.kind == "masthead":
            r.centred(block, "body", lay.size, 14 if nxt == "h1" else 0)
        else:
            r.paragraph(block, block.kind if block.kind in ("h1", "h2") else "body")
    r.finish(save)
    return r.page


def _split_title(block: Block, lines: int) -> list[Block]:
    """The title block, or its text cut in two halves (the second no longer) for a two-line masthead."""
    text = "".join(t for t, _ in block.runs)
    if lines < 2 or len(text) < 2:
        return [block]
    cut = (len(text) + 1) // 2
    return [Block("title", [(text[:cut], False)]), Block("title", [(text[cut:], False)])]


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text", nargs="?", type=Path, default=HERE / "weekly-2023-35.txt")
    ap.add_argument("pdf", nargs="?", type=Path, help="default: TEXT with .pdf")
    ap.add_argument("--backend", choices=BACKENDS, default="reportlab",
                    help="reportlab (default; the seed PDF) or fpdf2 (all fonts embedded, as Word does)")
    ap.add_argument("--layout", choices=sorted(LAYOUTS), default="seed", help="print style (default: seed)")
    a = ap.parse_args(argv)
    dst = a.pdf or a.text.with_suffix(".pdf")
    render_report(a.text.read_text(encoding="utf-8"), dst, backend=a.backend, layout=LAYOUTS[a.layout])
    print(f"wrote {dst}")


if __name__ == "__main__":
    main(sys.argv[1:])
