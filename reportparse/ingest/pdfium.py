"""PDF input through PDFium (pypdfium2): the same visual lines as ``pdf.py``, ~10x faster.

Characters come from PDFium's text page, one ctypes call per attribute. Their
boxes are rebuilt the way pdfminer builds them, so that ``pdf.chars_to_lines``
groups them into the same lines: x0 = the glyph origin, x1 = x0 + advance,
bottom/top = baseline + descent and one font size above it (top-left origin).
PDFium's own ``get_charbox`` boxes are glyph outlines (tight) or a union with
the font box (loose); neither matches.

Two PDFium habits need care:

* it drops a text object whose box is empty (a lone space drawn on its own)
  and inserts a *generated* space from the gap instead. Generated characters
  are skipped here; ``chars_to_lines`` puts spaces back from the gaps, with
  the same ``x_tolerance`` as for pdfplumber;
* it turns a line-end hyphen into U+0002 (``FPDFText_IsHyphen``): read as ``-``.

Bold: a bold face by name, font weight >= 600 (PDFium derives it from the
descriptor's StemV), or fill+stroke (render mode 2/6, Word's fake bold).

``cross_check`` counts each page's characters with PDFium (~1 ms a page) so
the pdfplumber reader can notice pages where pdfminer silently dropped glyphs
(CID-keyed CFF fonts with an embedded CMap) and take PDFium's lines there.
It and ``ocr.py`` (which rasterizes pages for OCR) are the modules that import pypdfium2.
"""

from __future__ import annotations

import ctypes
from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import NoTextLayer, PdfReadError
from ..model import RawDocument, RawLine, RawPage
from ..settings import Settings
from .common import read_pdf_bytes
from .glyphs import BOLD_FONT, FAKE_BOLD_MODES, page_lines
from .ruled import edge, find_grids, split_chars, table_context

BOLD_WEIGHT = 600
FAKE_BOLD = 2  # render mode given to chars that are bold by weight: the cue ``pdf.is_bold`` reads
HYPHEN_MARK = 0x02  # PDFium's code for a hyphen that ends a line
LOST_SHARE, LOST_MIN = 0.02, 5  # a page lost text when PDFium sees > 2 % and > 5 more chars
ENGINE = "pypdfium2"
# PDFium builds before mid-2024 called it FPDFFont_GetFontName
_BASE_FONT_NAME = getattr(pdfium_c, "FPDFFont_GetBaseFontName", None) or pdfium_c.FPDFFont_GetFontName


def _one_line(e: BaseException) -> str:
    code = getattr(e, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return "password-protected PDF (encrypted, no password given)"
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return "PDF uses an unsupported security handler"
    msg = " ".join(str(e).split()) or "no details"
    return f"cannot read PDF ({type(e).__name__}: {msg[:160]})"


class _Fonts:
    """Font facts by font handle address: (base name, bold by name or weight, descent per point)."""

    def __init__(self) -> None:
        self.cache: dict[int, tuple[str, bool, float]] = {}
        self.widths: dict[tuple[int, int], float | None] = {}
        self._buf = ctypes.create_string_buffer(256)
        self._f = ctypes.c_float()

    def get(self, font: Any) -> tuple[str, bool, float]:
        key = ctypes.addressof(font.contents)
        info = self.cache.get(key)
        if info is None:
            n = _BASE_FONT_NAME(font, self._buf, len(self._buf))
            name = self._buf.value.decode("utf-8", "replace") if n else ""
            descent = self._f.value if pdfium_c.FPDFFont_GetDescent(font, 1.0, self._f) else 0.0
            bold = pdfium_c.FPDFFont_GetWeight(font) >= BOLD_WEIGHT or bool(BOLD_FONT.search(name))
            info = self.cache[key] = (name, bold, descent)
        return info

    def advance(self, font: Any, code: int, key: int | None = None) -> float | None:
        """Advance width of ``code`` for a 1 pt font, None if the font cannot map it back
        (``key``: the font handle's address, when the caller has it)."""
        wkey = (ctypes.addressof(font.contents) if key is None else key, code)
        width = self.widths.get(wkey, _UNSEEN)
        if width is _UNSEEN:
            ok = pdfium_c.FPDFFont_GetGlyphWidth(font, code, 1.0, self._f)
            width = self.widths[wkey] = self._f.value if ok else None
        return width  # type: ignore[return-value]


_UNSEEN = object()


def _object_info(tp: Any, index: int, fonts: _Fonts, m: Any, f: Any) -> tuple[Any, ...]:
    """(font, font address, size, a, d, upright, fontname, bold, descent) of the text object holding
    char ``index``."""
    pdfium_c.FPDFText_GetMatrix(tp, index, m)
    upright = m.a * m.d > 0 and m.b * m.c <= 0
    obj = pdfium_c.FPDFText_GetTextObject(tp, index)
    font = pdfium_c.FPDFTextObj_GetFont(obj) if obj else None
    if not font:
        return None, 0, pdfium_c.FPDFText_GetFontSize(tp, index), m.a, m.d, upright, "", False, 0.0
    size = f.value if pdfium_c.FPDFTextObj_GetFontSize(obj, f) else 0.0
    name, bold, descent = fonts.get(font)
    bold = bold or pdfium_c.FPDFTextObj_GetTextRenderMode(obj) in FAKE_BOLD_MODES
    return font, ctypes.addressof(font.contents), size, m.a, m.d, upright, name, bold, descent * size


def textpage_chars(textpage: Any, left: float, top: float) -> list[dict[str, Any]]:
    """The page's characters as pdfplumber-like dicts (x0, x1, top, bottom, size, fontname ...).

    ``left``/``top`` are the media box's left and top edges (PDF user space).
    """
    tp = textpage.raw if hasattr(textpage, "raw") else textpage
    fonts = _Fonts()
    x, y, f, m = ctypes.c_double(), ctypes.c_double(), ctypes.c_float(), pdfium_c.FS_MATRIX()
    get_obj, is_generated, get_unicode = (pdfium_c.FPDFText_GetTextObject, pdfium_c.FPDFText_IsGenerated,
                                          pdfium_c.FPDFText_GetUnicode)
    objects: dict[int | None, tuple[Any, ...]] = {}
    chars: list[dict[str, Any]] = []
    addressof, get_origin, advance = ctypes.addressof, pdfium_c.FPDFText_GetCharOrigin, fonts.advance
    obj_key = info = None
    for i in range(pdfium_c.FPDFText_CountChars(tp)):
        code = get_unicode(tp, i)
        if code <= 0x20 and is_generated(tp, i):  # PDFium's generated chars are spaces and breaks
            continue
        if code == HYPHEN_MARK:
            code = 0x2D
        elif code < 0x20 or 0x7F <= code < 0xA0 or code in (0xFFFE, 0xFFFF):
            continue
        obj = get_obj(tp, i)
        key = addressof(obj.contents) if obj else None
        if key != obj_key or info is None:
            info = objects.get(key)
            if info is None:
                info = objects[key] = _object_info(tp, i, fonts, m, f)
            obj_key = key
        font, font_key, size, a, d, upright, name, bold, descent = info
        get_origin(tp, i, x, y)
        width = advance(font, code, font_key) if font else None
        if width is None:  # no font, or it cannot map the code back: take the loose box
            box = pdfium_c.FS_RECTF()
            pdfium_c.FPDFText_GetLooseCharBox(tp, i, box)
            adv = box.right - x.value
        else:
            adv = width * size * a
        x0 = x.value - left
        bottom = top - (y.value + descent * d)
        chars.append({
            "text": chr(code), "x0": x0, "x1": x0 + adv,
            "top": bottom - size * d, "bottom": bottom, "size": size * abs(d), "fontname": name,
            "render_mode": FAKE_BOLD if bold else 0, "upright": upright,
        })
    return chars


Point = tuple[float, float]


def _to_display(rotation: int, box: tuple[float, float, float, float]) -> Any:
    """A function from PDF user space to the page as shown turned by ``rotation`` (a multiple of 90,
    clockwise, as ``/Rotate``): (x, y) -> (x from the left, y from the top). ``box``: the media box."""
    left, bottom, right, top = box
    rotation %= 360
    if rotation == 90:
        return lambda x, y: (y - bottom, x - left)
    if rotation == 180:
        return lambda x, y: (right - x, y - bottom)
    if rotation == 270:
        return lambda x, y: (top - y, right - x)
    return lambda x, y: (x - left, top - y)


def text_rotation(chars: list[dict[str, Any]], textpage: Any, page_rotation: int) -> int:
    """The quarter turn (0, 90, 180, 270) that sets the page's text upright: 0 when most of its
    characters are upright already (``textpage_chars`` read them in the unturned page); else the
    page's ``/Rotate`` when it turns the text upright (a landscape page stored turned, a scan), or
    the turn the text's own direction asks for (a table printed sideways on a portrait page)."""
    seen = [c for c in chars if not c["text"].isspace()]
    if not seen or 2 * sum(1 for c in seen if not c["upright"]) <= len(seen):
        return 0
    tp = textpage.raw if hasattr(textpage, "raw") else textpage
    m = pdfium_c.FS_MATRIX()
    votes: Counter[int] = Counter()
    for i in range(0, pdfium_c.FPDFText_CountChars(tp), 7):  # a sample is enough
        if pdfium_c.FPDFText_GetMatrix(tp, i, m):
            if abs(m.a) < 1e-3 * abs(m.b):
                votes[90 if m.b > 0 else 270] += 1
            elif abs(m.b) < 1e-3 * abs(m.a) and m.a < 0:
                votes[180] += 1
    if not votes:
        return 0
    turn = votes.most_common(1)[0][0]
    return page_rotation % 360 if page_rotation % 360 == turn else turn


def turned_chars(textpage: Any, rotation: int, box: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    """The page's characters as ``textpage_chars`` gives them, in the page turned by ``rotation``
    (see ``text_rotation``): each glyph's origin, advance and height mapped into the turned page,
    where its text runs left to right again."""
    tp = textpage.raw if hasattr(textpage, "raw") else textpage
    show = _to_display(rotation, box)
    fonts = _Fonts()
    x, y, f, m = ctypes.c_double(), ctypes.c_double(), ctypes.c_float(), pdfium_c.FS_MATRIX()
    chars: list[dict[str, Any]] = []
    for i in range(pdfium_c.FPDFText_CountChars(tp)):
        code = pdfium_c.FPDFText_GetUnicode(tp, i)
        if code <= 0x20 and pdfium_c.FPDFText_IsGenerated(tp, i):
            continue
        if code == HYPHEN_MARK:
            code = 0x2D
        elif code < 0x20 or 0x7F <= code < 0xA0 or code in (0xFFFE, 0xFFFF):
            continue
        font, font_key, size, _a, _d, _up, name, bold, descent = _object_info(tp, i, fonts, m, f)
        a, b, c, d = m.a, m.b, m.c, m.d
        pdfium_c.FPDFText_GetCharOrigin(tp, i, x, y)
        ox, oy = show(x.value, y.value)
        ax, ay = show(x.value + a, y.value + b)  # the advance direction, turned
        ux, uy = show(x.value + c, y.value + d)  # the glyph's up direction, turned
        run, rise = (ax - ox, ay - oy), (ux - ox, oy - uy)
        upright = run[0] > 0 and abs(run[1]) < 1e-3 * run[0] and rise[1] > 0
        scale_x, scale_y = abs(run[0]) or 1.0, abs(rise[1]) or 1.0
        width = fonts.advance(font, code, font_key) if font else None
        if width is None:
            box_ = pdfium_c.FS_RECTF()
            pdfium_c.FPDFText_GetLooseCharBox(tp, i, box_)
            xs = [show(px, py)[0] for px in (box_.left, box_.right) for py in (box_.bottom, box_.top)]
            adv = max(xs) - ox
        else:
            adv = width * size * scale_x
        bottom = oy - descent * scale_y
        chars.append({
            "text": chr(code), "x0": ox, "x1": ox + adv, "top": bottom - size * scale_y, "bottom": bottom,
            "size": size * scale_y, "fontname": name, "render_mode": FAKE_BOLD if bold else 0, "upright": upright,
        })
    return chars


def turned_edges(edges: list[dict[str, Any]], rotation: int, box: tuple[float, float, float, float]
                 ) -> list[dict[str, Any]]:
    """``page_edges``' rules (relative to the media box's left and top) in the page turned by ``rotation``."""
    left, bottom, right, top = box
    show = _to_display(rotation, box)
    out = []
    for e in edges:
        p = show(e["x0"] + left, top - e["top"])
        q = show(e["x1"] + left, top - e["bottom"])
        out.append(edge(min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1])))
    return out


def count_visible(textpage: Any) -> int:
    """Non-space characters PDFium finds on a text page (what pdfminer should also see)."""
    text = textpage.get_text_range()
    return sum(1 for c in text if not c.isspace())


Matrix = tuple[float, float, float, float, float, float]


def page_edges(page: Any, left: float, top: float) -> list[dict[str, Any]]:
    """The straight axis-aligned segments of the page's painted paths (table rules, cell borders),
    inside form XObjects too, as ``ruled.edge`` dicts (``left``/``top``: the media box's edges)."""
    raw = page.raw if hasattr(page, "raw") else page
    out: list[dict[str, Any]] = []
    m = pdfium_c.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()

    def walk(count: int, get: Any, outer: Matrix | None) -> None:
        for i in range(count):
            obj = get(i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
                continue
            mat: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            if pdfium_c.FPDFPageObj_GetMatrix(obj, m):
                mat = (m.a, m.b, m.c, m.d, m.e, m.f)
            if outer is not None:
                mat = _compose(mat, outer)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                walk(pdfium_c.FPDFFormObj_CountObjects(obj), lambda k, o=obj: pdfium_c.FPDFFormObj_GetObject(o, k), mat)
                continue
            if pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke) and not fill.value and not stroke.value:
                continue  # neither filled nor stroked: not drawn
            start = prev = None
            for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
                seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
                pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
                a, b, c, d, e, f = mat
                pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
                kind_seg = pdfium_c.FPDFPathSegment_GetType(seg)
                if kind_seg == pdfium_c.FPDF_SEGMENT_MOVETO:
                    start = prev = pt
                    continue
                if kind_seg == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
                    _add_edge(out, prev, pt, left, top)
                prev = pt
                if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                    _add_edge(out, prev, start, left, top)
                    prev = start

    walk(pdfium_c.FPDFPage_CountObjects(raw), lambda k: pdfium_c.FPDFPage_GetObject(raw, k), None)
    return out


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer`` (PDF row-vector matrices)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _add_edge(out: list[dict[str, Any]], p: tuple[float, float], q: tuple[float, float], left: float,
              top: float) -> None:
    if p != q and (abs(p[0] - q[0]) < 0.5 or abs(p[1] - q[1]) < 0.5):
        out.append(edge(min(p[0], q[0]) - left, top - max(p[1], q[1]), max(p[0], q[0]) - left,
                        top - min(p[1], q[1])))


def page_box(page: Any) -> tuple[float, float, float, float]:
    """The page's media box (left, bottom, right, top), inherited from the page tree when the page
    has none of its own (pypdfium2's ``get_mediabox`` then answers US Letter, which moved every
    line of an A4 page 50 points up; fpdf2 writes the box once, in the page tree)."""
    box = page.get_mediabox(fallback_ok=False)
    return tuple(box) if box is not None else tuple(page.get_bbox())


class PdfiumPages:
    """An open PDF read through PDFium: page sizes, char counts and lines per page (ruled
    tables found from the page's path segments by pdfplumber's table finder, ``ruled.py``)."""

    def __init__(self, data: bytes | Path) -> None:
        self.doc = pdfium.PdfDocument(data)

    def __enter__(self) -> PdfiumPages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the document."""
        self.doc.close()

    def __len__(self) -> int:
        return len(self.doc)

    def page(self, index: int, settings: Settings) -> RawPage:
        """Page ``index`` (0-based) as a RawPage of visual lines."""
        page = self.doc[index]
        try:
            left, bottom, right, top = page_box(page)
            width, height = right - left, top - bottom
            textpage = page.get_textpage()
            try:
                chars = textpage_chars(textpage, left, top)
                # text drawn turned (a page stored landscape with /Rotate, a table printed sideways):
                # read in the page turned so that it runs left to right (pdfminer turns /Rotate pages)
                turn = text_rotation(chars, textpage, page.get_rotation())
                if turn:
                    chars = turned_chars(textpage, turn, (left, bottom, right, top))
            finally:
                textpage.close()
            edges = page_edges(page, left, top)
            if turn:
                edges = turned_edges(edges, turn, (left, bottom, right, top))
            if (turn or page.get_rotation()) % 180 == 90:
                width, height = height, width
        finally:
            page.close()
        grids = find_grids(edges, (0, 0, float(width), float(height)))
        chars, tables = split_chars(chars, grids, index + 1, settings.x_tolerance)
        lines = page_lines(chars, settings.x_tolerance)
        table_context(tables, lines)
        return RawPage(index + 1, tuple(lines), float(width), float(height), tuple(tables))

    def count(self, index: int) -> int:
        """Visible char count of page ``index`` (0-based), without building lines."""
        page = self.doc[index]
        try:
            textpage = page.get_textpage()
            try:
                return count_visible(textpage)
            finally:
                textpage.close()
        finally:
            page.close()

    def metadata(self) -> dict[str, str]:
        """Producer, Creator and Title from the document info, where set."""
        meta = self.doc.get_metadata_dict(skip_empty=True)
        return {k: str(v) for k, v in meta.items() if k in ("Producer", "Creator", "Title")}


def finish_pdf(source: str, data: bytes, pages: list[RawPage], extractor: str, meta: dict[str, Any],
               settings: Settings, unusable: set[int] | frozenset[int] = frozenset()) -> RawDocument:
    """The RawDocument of a PDF's pages, after OCR of the pages without a usable text layer
    (``ocr.py``; ``unusable``: 0-based indexes the reader found unusable); raise PdfReadError /
    NoTextLayer. Meta gets ``pages_without_text`` and, when OCR ran, ``ocr_pages``."""
    from . import ocr

    if not pages:
        raise PdfReadError(source, "PDF has no pages")
    pages, ocr_meta = ocr.ocr_pdf_pages(data, pages, settings, unusable)
    if not any(ln.text.strip() for p in pages for ln in p.lines) and not any(p.tables for p in pages):
        raise NoTextLayer(source, f"no text layer on any of {len(pages)} page(s) ({ocr.no_text_hint(settings)})")
    meta.update(ocr_meta)
    read = {int(n) for n in ocr_meta.get("ocr_pages") or ()}  # a page OCR read and found blank is blank
    meta["pages_without_text"] = [p.number for p in pages if not p.lines and not p.tables and p.number not in read]
    if len(ocr_meta.get("ocr_pages") or ()) == len(pages):
        extractor = ocr.EXTRACTOR
    return RawDocument(format="pdf", extractor=extractor, pages=tuple(pages), flow=False,
                       n_pages=len(pages), meta=meta)


def read_pdf_pdfium(path: Path, settings: Settings | None = None) -> RawDocument:
    """Read a PDF into visual lines per page with PDFium; raise PdfReadError / NoTextLayer."""
    settings = Settings.resolve(settings)
    path = Path(path)
    source = str(path)
    data = read_pdf_bytes(path)
    try:
        with PdfiumPages(data) as pdf:
            meta: dict[str, Any] = pdf.metadata()
            pages = [pdf.page(i, settings) for i in range(len(pdf))]
    except pdfium.PdfiumError as e:
        raise PdfReadError(source, _one_line(e)) from None
    meta.update(engine_pages={}, chars_lost=0)
    return finish_pdf(source, data, pages, ENGINE, meta, settings)


def _font_map(theirs: tuple[RawLine, ...], ours: tuple[RawLine, ...]) -> dict[str, str]:
    """PDFium font name -> pdfplumber's, voted by lines found at the same place by both."""
    votes: Counter[tuple[str, str]] = Counter()
    for a in ours:
        for b in theirs:
            if abs(a.top - b.top) < 1 and (abs(a.x0 - b.x0) < 1 or abs(a.x1 - b.x1) < 1):
                if a.font and b.font:
                    votes[(a.font, b.font)] += 1
    out: dict[str, str] = {}
    for (mine, other), _ in votes.most_common():
        out.setdefault(mine, other)
    return out


def cross_check(data: bytes, pages: list[RawPage], counts: list[int],
                settings: Settings) -> tuple[list[RawPage], dict[str, Any]]:
    """Replace pages where pdfminer lost text by PDFium's lines.

    ``counts`` are the non-space chars pdfplumber found on each page. Returns
    the pages (replaced ones from PDFium, fonts renamed to pdfplumber's where
    both saw a line) and meta ``engine_pages`` {page: "pypdfium2"} and
    ``chars_lost`` (total chars pdfplumber missed on those pages).
    """
    out = list(pages)
    engine_pages: dict[int, str] = {}
    lost_total = 0
    try:
        with PdfiumPages(data) as pdf:
            if len(pdf) != len(pages):
                return out, {"engine_pages": {}, "chars_lost": 0, "cross_check": "page counts differ"}
            for i, have in enumerate(counts):
                seen = pdf.count(i)
                lost = seen - have
                if lost <= LOST_MIN or lost <= LOST_SHARE * seen:
                    continue
                page = pdf.page(i, settings)
                names = _font_map(pages[i].lines, page.lines)
                lines = tuple(_rename(ln, names) for ln in page.lines)
                out[i] = RawPage(pages[i].number, lines, pages[i].width, pages[i].height, page.tables)
                engine_pages[pages[i].number or i + 1] = ENGINE
                lost_total += lost
    except pdfium.PdfiumError as e:
        return out, {"engine_pages": {}, "chars_lost": 0, "cross_check": _one_line(e)}
    return out, {"engine_pages": engine_pages, "chars_lost": lost_total}


def _rename(line: RawLine, names: dict[str, str]) -> RawLine:
    if line.font not in names:
        return line
    return RawLine(line.text, line.x0, line.x1, line.top, line.bottom, line.size, names[line.font], line.bold)
