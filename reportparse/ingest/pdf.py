"""PDF input through pdfplumber: visual lines with geometry, fonts and bold flags.

Word and WPS draw "bold" for CJK fonts that have no bold face as fill+stroke
(text render mode 2) in the regular font. pdfminer knows the render mode
while it draws a string but does not keep it on the ``LTChar``, and
pdfplumber only copies a fixed set of attributes into its char dicts. So,
scoped to the pages this module opens (nothing global stays patched; ``tounicode.py`` swaps
pdfminer's ToUnicode reader for a faster one with the same result while a file is read):

* ``_CharDevice`` (a pdfminer page device) records each glyph's text, font,
  size and box as ``LTChar`` computes them, with ``textstate.render`` as its
  render mode, and the straight axis-aligned segments of painted paths (the
  rules a table finder needs), and nothing else (no layout objects, no images);
* ``page_chars`` makes pdfplumber's char dicts from those, with only the keys
  used here and ``render_mode``.
"""

from __future__ import annotations

import logging
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.converter import PDFPageAggregator
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.psexceptions import PSException
from pdfminer.utils import apply_matrix_pt, apply_matrix_rect
from pdfplumber.page import Page, fix_fontname_bytes
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ..errors import PdfReadError
from ..model import RawDocument, RawPage
from ..notices import META_KEY as NOTICES_KEY
from ..notices import Notices
from ..settings import Settings
from .common import read_pdf_bytes
from .glyphs import (
    chars_to_lines,  # noqa: F401  (read from here by callers of the old layout)
    dedupe_chars,
    page_lines,
    quarter_turn,
    turn_chars,
    turn_edges,
)
from .ruled import edge, find_grids, split_chars, table_context
from .tounicode import fast_tounicode

READ_ERRORS = (PdfminerException, PSException, MalformedPDFException, ValueError, KeyError, TypeError,
               AssertionError, IndexError, AttributeError, ZeroDivisionError, RecursionError, OverflowError)


class _CharDevice(PDFPageAggregator):
    """A pdfminer page device that keeps only what ``page_chars`` needs, char by char.

    pdfplumber's device makes an ``LTChar`` per glyph (and an ``LTCurve`` per path, an
    ``LTImage`` per image) and tags each with marked-content ids; its char dicts then copy
    every attribute. Only the text, font, size, box and render mode are used here, so this
    device computes them as ``LTChar.__init__`` does (same arithmetic, same floats) and
    appends one tuple per glyph, in drawing order (the order a walk of the layout tree gives);
    images are skipped, of a path only its straight axis-aligned segments are kept (table
    rules: ``ruled.find_grids``). The render mode is the one the string is drawn with
    (``textstate.render``), which pdfminer does not keep.
    """

    def __init__(self, rsrcmgr: Any, pageno: int) -> None:
        super().__init__(rsrcmgr, pageno=pageno, laparams=None)
        self.glyphs: list[tuple[str, Any, float, float, float, float, float, bool, int]] = []
        self.segments: list[tuple[float, float, float, float]] = []  # axis-aligned path segments
        self._render_mode = 0

    def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
        self._render_mode = textstate.render
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_char(self, matrix: Any, font: Any, fontsize: float, scaling: float, rise: float,
                    cid: int, ncs: Any, graphicstate: Any) -> float:
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        adv = font.char_width(cid) * fontsize * scaling
        vertical = font.is_vertical()
        if vertical:
            vx, vy = font.char_disp(cid)
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent() * fontsize
            bbox = (0, descent + rise, adv, descent + rise + fontsize)
        a, b, c, d, _e, _f = matrix
        upright = a * d * scaling > 0 and b * c <= 0
        x0, y0, x1, y1 = apply_matrix_rect(matrix, bbox)
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        size = x1 - x0 if vertical else y1 - y0
        self.glyphs.append((text, font.fontname, size, x0, y0, x1, y1, upright, self._render_mode))
        return adv

    def paint_path(self, gstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any) -> None:
        """Paths carry no text: their straight axis-aligned segments (table rules, cell borders;
        a ``re`` comes as m l l l h) are kept, in PDF user space, for ``ruled.find_grids``."""
        start = prev = None
        for op in path:
            if op[0] == "m":
                start = prev = apply_matrix_pt(self.ctm, (float(op[1]), float(op[2])))
                continue
            if prev is None or start is None:
                continue
            pt = start if op[0] == "h" else apply_matrix_pt(self.ctm, (float(op[-2]), float(op[-1])))
            if op[0] in ("l", "h") and (abs(pt[0] - prev[0]) < 0.5 or abs(pt[1] - prev[1]) < 0.5) and pt != prev:
                self.segments.append((prev[0], prev[1], pt[0], pt[1]))
            prev = pt

    def render_image(self, *args: Any, **kwargs: Any) -> None:
        """Images carry no text layer."""


def _glyphs(page: Page) -> _CharDevice:
    """The page's glyphs as :class:`_CharDevice` records them (``.glyphs``, ``.segments``)."""
    device = _CharDevice(page.pdf.rsrcmgr, pageno=page.page_number)
    interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as e:
        raise PdfminerException(e) from e
    return device


def page_chars(page: Page) -> list[dict[str, Any]]:
    """The page's chars as pdfplumber's ``page.chars`` gives them (see ``page_chars_paths``)."""
    return page_chars_paths(page)[0]


def page_chars_paths(page: Page) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(the page's chars, the edges of its axis-aligned rules for ``ruled.find_grids``). The chars as pdfplumber's ``page.chars`` gives them, with only the keys used here
    (text, fontname, size, x0, x1, top, bottom, doctop, upright) plus ``render_mode``.

    Geometry as ``Page.process_object`` computes it (coordinates relative to the MediaBox).
    """
    mb_x0, mb_top = page.mediabox[:2]
    height, doctop0 = page.height, page.initial_doctop
    norm = page.pdf.unicode_norm
    out: list[dict[str, Any]] = []
    device = _glyphs(page)
    for text, font, size, x0, y0, x1, y1, upright, mode in device.glyphs:
        top = height - y1 + mb_top
        out.append({
            "text": unicodedata.normalize(norm, text) if norm is not None else text,
            "fontname": fix_fontname_bytes(font) if isinstance(font, bytes) else font,
            "size": size, "x0": x0 + mb_x0, "x1": x1 + mb_x0, "top": top,
            "bottom": height - y0 + mb_top, "doctop": doctop0 + top, "upright": upright,
            "render_mode": mode,
        })
    edges = [edge(min(x0, x1) + mb_x0, height - max(y0, y1) + mb_top, max(x0, x1) + mb_x0,
                  height - min(y0, y1) + mb_top) for x0, y0, x1, y1 in device.segments]
    return out, edges


# pdfminer modules that log a debug message per token or operator they parse
_CHATTY = ("pdfminer.psparser", "pdfminer.pdfinterp", "pdfminer.cmapdb")


class _NoDebug:
    """Stands in for a pdfminer module's logger while its debug level is off.

    pdfminer calls ``log.debug`` for every token it parses: about 5 % of its time on
    report pages, although nothing is printed. Everything but ``debug`` is forwarded.
    """

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger

    def debug(self, *args: Any, **kwargs: Any) -> None:
        """Drop the message (the level is off)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._logger, name)


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """Swap the chatty pdfminer loggers for :class:`_NoDebug` unless their debug level is on."""
    mods = [sys.modules[m] for m in _CHATTY if m in sys.modules and hasattr(sys.modules[m], "log")]
    saved = [m.log for m in mods]
    if any(log.isEnabledFor(logging.DEBUG) for log in saved):
        yield
        return
    for m, log in zip(mods, saved, strict=True):
        m.log = _NoDebug(log)
    try:
        yield
    finally:
        for m, log in zip(mods, saved, strict=True):
            m.log = log


@contextmanager
def _report_lost_streams() -> Iterator[None]:
    """pdfminer drops a compressed stream it cannot inflate at all without a word (its data
    becomes empty): within the block that is logged as a warning, so the page's text loss is
    reported (a ``warnings`` row), not hidden. Scoped like :func:`_quiet_pdfminer`."""
    import zlib

    import pdfminer.pdftypes as pdftypes

    original = pdftypes.decompress_corrupted

    def reporting(data: bytes) -> bytes:
        try:
            return original(data)
        except zlib.error as e:
            pdftypes.logger.warning("compressed stream lost (%d bytes): %s", len(data), e)
            raise

    pdftypes.decompress_corrupted = reporting
    try:
        yield
    finally:
        pdftypes.decompress_corrupted = original


def _one_line(e: BaseException) -> str:
    inner = e.args[0] if isinstance(e, PdfminerException) and e.args and isinstance(e.args[0], BaseException) else e
    msg = " ".join(str(inner).split()) or "no details"
    name = type(inner).__name__
    if name == "PDFPasswordIncorrect" or "password" in msg.lower():
        return "password-protected PDF (encrypted, no password given)"
    if name == "PDFTextExtractionNotAllowed":
        return "PDF forbids text extraction"
    return f"cannot read PDF ({name}: {msg[:160]})"


def read_pdf(path: Path, settings: Settings | None = None) -> RawDocument:
    """Read a PDF into visual lines per page; raise PdfReadError / NoTextLayer."""
    settings = Settings.resolve(settings)
    path = Path(path)
    source = str(path)
    data = read_pdf_bytes(path)
    pages: list[RawPage] = []
    counts: list[int] = []  # non-space chars per page, for the cross-check with PDFium
    notices = Notices()  # what pdfminer logs (corrupted streams ...) and pages lost: warnings rows
    lost: list[BaseException] = []
    cids: list[int] = []  # glyphs pdfminer could not map to Unicode, per page
    try:
        with _quiet_pdfminer(), _report_lost_streams(), notices.capture(), fast_tounicode(), \
                pdfplumber.open(path) as pdf:
            meta = {k: v for k, v in (pdf.metadata or {}).items() if k in ("Producer", "Creator", "Title")}
            for page in pdf.pages:
                notices.page = page.page_number
                try:
                    # a glyph pdfminer cannot map to Unicode comes out as '(cid:4162)': it is lost text
                    # (counted so by the cross-check below, which then reads the page with PDFium)
                    every, edges = page_chars_paths(page)
                    every = dedupe_chars(every)
                    chars = [c for c in every if not c["text"].startswith("(cid:")]
                    cids.append(len(every) - len(chars))
                    if len(chars) < len(every):
                        notices.add(f"{len(every) - len(chars)} glyph(s) with no Unicode mapping (cid:…) dropped")
                except READ_ERRORS as e:  # one damaged page: the others are still read
                    lost.append(e)
                    notices.add(f"page lost: {_one_line(e)}")
                    chars, edges = [], []
                    cids.append(0)
                counts.append(sum(1 for c in chars for t in c["text"] if not t.isspace()))
                width, height = float(page.width), float(page.height)
                # text printed sideways (pdfminer turns a /Rotate page itself): read the page turned
                turn = quarter_turn(chars)
                if turn:
                    chars = turn_chars(chars, turn, width, height)
                    edges = turn_edges(edges, turn, width, height, edge)
                    width, height = height, width
                grids = find_grids(edges, (0, 0, width, height))
                chars, tables = split_chars(chars, grids, page.page_number, settings.x_tolerance)
                lines = page_lines(chars, settings.x_tolerance)
                table_context(tables, lines)
                pages.append(RawPage(page.page_number, tuple(lines), width, height, tuple(tables)))
                page.close()
    except READ_ERRORS as e:
        raise PdfReadError(source, _one_line(e)) from None
    if not pages:
        raise PdfReadError(source, "PDF has no pages")
    if len(lost) == len(pages):
        raise PdfReadError(source, _one_line(lost[0]))
    from .pdfium import cross_check, finish_pdf  # imports this module: import it late

    pages, checked = cross_check(data, pages, counts, settings)
    meta = {str(k): str(v) for k, v in meta.items()}
    meta.update(checked)
    meta[NOTICES_KEY] = notices.as_meta()
    # mostly '(cid:…)' glyphs and PDFium did not do better: no usable text layer (OCR reads it)
    fixed = {int(n) for n in checked.get("engine_pages") or {}}
    unusable = {i for i, (cid, good) in enumerate(zip(cids, counts, strict=True))
                if cid > good and pages[i].number not in fixed}
    return finish_pdf(source, data, pages, "pdfplumber", meta, settings, unusable)
