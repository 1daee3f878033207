"""PDF input through pdfplumber: visual lines with geometry, fonts and bold flags.

Word and WPS draw "bold" for CJK fonts that have no bold face as fill+stroke
(text render mode 2) in the regular font. pdfminer knows the render mode
while it draws a string but does not keep it on the ``LTChar``, and
pdfplumber only copies a fixed set of attributes into its char dicts. So,
scoped to the pages this module opens (nothing global is patched):

* ``_RenderModeAggregator`` (a subclass of pdfplumber's own device) stores
  ``textstate.render`` on every ``LTChar`` as ``render_mode``;
* ``_layout`` builds the page's layout with that device (pdfplumber's
  ``Page.layout`` caches its result in ``page._layout``, which we fill first);
* ``page_chars`` makes pdfplumber's char dicts from that layout, with only the
  keys used here and ``render_mode``.
"""

from __future__ import annotations

import logging
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import pdfplumber
import regex
from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent, fix_fontname_bytes
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ..errors import NoTextLayer, PdfReadError
from ..model import RawDocument, RawLine, RawPage
from ..settings import Settings
from .common import read_pdf_bytes

BOLD_FONT = regex.compile(r"(?i)bold|heavy|black|粗")
FAKE_BOLD_MODES = frozenset({2, 6})  # fill+stroke (6: and clip)
SUBSET_PREFIX = regex.compile(r"^[A-Z]{6}\+")
READ_ERRORS = (PdfminerException, PSException, MalformedPDFException, ValueError, KeyError, TypeError,
               AssertionError, IndexError, AttributeError, ZeroDivisionError, RecursionError, OverflowError)


class _RenderModeAggregator(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's page device, also recording the text render mode of each char."""

    _render_mode = 0

    def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
        self._render_mode = textstate.render
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        adv = super().render_char(*args, **kwargs)
        if self.cur_item._objs:
            self.cur_item._objs[-1].render_mode = self._render_mode  # type: ignore[attr-defined]
        return adv


def _layout(page: Page) -> Any:
    """The page's pdfminer layout, built by :class:`_RenderModeAggregator` (chars know their render mode)."""
    if not hasattr(page, "_layout"):  # pdfplumber's ``Page.layout`` caches its result here
        device = _RenderModeAggregator(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
        interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
        try:
            interpreter.process_page(page.page_obj)
        except Exception as e:
            raise PdfminerException(e) from e
        page._layout = device.get_result()
    return page._layout


def page_chars(page: Page) -> list[dict[str, Any]]:
    """The page's chars as pdfplumber's ``page.chars`` gives them, with only the keys used here
    (text, fontname, size, x0, x1, top, bottom, doctop, upright) plus ``render_mode``.

    pdfplumber converts every attribute of every layout object (colours, matrices, marked
    content...) into its dicts: about 15 % of the time of ``page.chars`` on report pages.
    Geometry as ``Page.process_object`` computes it (coordinates relative to the MediaBox).
    """
    mb_x0, mb_top = page.mediabox[:2]
    height, doctop0 = page.height, page.initial_doctop
    norm = page.pdf.unicode_norm
    out: list[dict[str, Any]] = []
    stack = [iter(_layout(page)._objs)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
        elif isinstance(obj, LTChar):
            text = obj.get_text()
            font = obj.fontname
            top = height - obj.y1 + mb_top
            out.append({
                "text": unicodedata.normalize(norm, text) if norm is not None else text,
                "fontname": fix_fontname_bytes(font) if isinstance(font, bytes) else font,
                "size": obj.size, "x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0, "top": top,
                "bottom": height - obj.y0 + mb_top, "doctop": doctop0 + top, "upright": obj.upright,
                "render_mode": getattr(obj, "render_mode", 0),
            })
        elif isinstance(obj, LTContainer):
            stack.append(iter(obj._objs))
    return out


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
    chars = [c for c in chars if c.get("upright", True) and c.get("text")]
    chars.sort(key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"]))
    groups: list[list[dict[str, Any]]] = []
    centre = height = 0.0
    for c in chars:
        mid = (c["top"] + c["bottom"]) / 2
        tol = max(2.0, 0.4 * float(c.get("size") or 10))
        # or: the char overlaps the line's band by half its height (quotes and digits of a Latin
        # font sit lower than the CJK glyphs beside them)
        h = c["bottom"] - c["top"]
        overlap = min(c["bottom"], centre + height / 2) - max(c["top"], centre - height / 2)
        if groups and (abs(mid - centre) <= tol or overlap >= 0.5 * min(h, height) > 0):
            groups[-1].append(c)
            centre += (mid - centre) / len(groups[-1])
        else:
            groups.append([c])
            centre, height = mid, h
    lines = [_group_to_line(sorted(g, key=lambda c: c["x0"]), x_tolerance) for g in groups]
    return [ln for ln in lines if ln.text.strip()]


def _group_to_line(group: list[dict[str, Any]], x_tolerance: float) -> RawLine:
    text: list[str] = []
    bold: list[bool] = []
    fonts: Counter[str] = Counter()
    sizes: Counter[float] = Counter()
    prev: dict[str, Any] | None = None
    for c in group:
        t = c["text"]
        b = is_bold(c)
        # Latin words are set tighter than CJK: scale the tolerance down with the font size there
        latin = t.isascii() and prev is not None and prev["text"].isascii()
        tol = min(x_tolerance, 0.15 * float(c.get("size") or 20)) if latin else x_tolerance
        if prev is not None and c["x0"] - prev["x1"] > tol and not t.isspace() and not prev["text"].isspace():
            text.append(" ")
            bold.append(b and is_bold(prev))
        text.append(t)
        bold.extend([b] * len(t))
        if not t.isspace():
            # CJK characters decide the line's font: digits are often set in a Latin font
            weight = 1 if t.isascii() else 100
            fonts[font_name(c.get("fontname", ""))] += weight
            sizes[round(float(c.get("size") or 0), 1)] += weight
        prev = c
    return RawLine(
        text="".join(text),
        x0=min(c["x0"] for c in group),
        x1=max(c["x1"] for c in group),
        top=min(c["top"] for c in group),
        bottom=max(c["bottom"] for c in group),
        size=sizes.most_common(1)[0][0] if sizes else 0.0,
        font=fonts.most_common(1)[0][0] if fonts else "",
        bold=tuple(bold) if any(bold) else (),
    )


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
    try:
        with _quiet_pdfminer(), pdfplumber.open(path) as pdf:
            meta = {k: v for k, v in (pdf.metadata or {}).items() if k in ("Producer", "Creator", "Title")}
            for page in pdf.pages:
                # a glyph pdfminer cannot map to Unicode comes out as '(cid:4162)': it is lost text
                # (counted so by the cross-check below, which then reads the page with PDFium)
                chars = [c for c in dedupe_chars(page_chars(page)) if not c["text"].startswith("(cid:")]
                counts.append(sum(1 for c in chars for t in c["text"] if not t.isspace()))
                lines = chars_to_lines(chars, settings.x_tolerance)
                pages.append(RawPage(page.page_number, tuple(lines), float(page.width), float(page.height)))
                page.close()
    except READ_ERRORS as e:
        raise PdfReadError(source, _one_line(e)) from None
    if not pages:
        raise PdfReadError(source, "PDF has no pages")
    from .pdfium import cross_check  # imports this module: import it late

    pages, checked = cross_check(data, pages, counts, settings)
    if not any(ln.text.strip() for p in pages for ln in p.lines):
        raise NoTextLayer(source, f"no text layer on any of {len(pages)} page(s) (scanned? needs OCR)")
    meta = {str(k): str(v) for k, v in meta.items()}
    meta["pages_without_text"] = [p.number for p in pages if not p.lines]
    meta.update(checked)
    return RawDocument(format="pdf", extractor="pdfplumber", pages=tuple(pages), flow=False,
                       n_pages=len(pages), meta=meta)
