"""Offline OCR of pages without a usable text layer, and of image files (``reportparse[ocr]``).

The engine is RapidOCR on ONNX Runtime (``rapidocr-onnxruntime``), whose wheel carries its
Chinese PP-OCR detection, direction and recognition models: nothing is downloaded, ever. It is
imported only when a page needs it (start-up time matters) and created once per process.

A PDF page is rasterized with PDFium at ``Settings.ocr_dpi``; each text line the engine finds
becomes a ``RawLine`` whose box is scaled back to PDF points, so the layout stage joins
paragraphs as it does for a text page. Line heights close to the document's usual one are set
to exactly that size (the layout compares sizes to tell headings and paragraphs apart, and OCR
boxes of one font size differ by a few pixels). ``ocr_normalize`` repairs the engine's
systematic misreads of CJK punctuation (``ocr_fixes``).
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from .. import settings as _settings
from ..errors import InputError, ReportParseError
from ..model import RawDocument, RawLine, RawPage
from ..settings import Settings
from .ocr_fixes import ocr_normalize, pair_lines

EXTRACTOR = "ocr"
FONT = "ocr"  # the font name of every OCR line: one face, so sizes alone make heading cues
INSTALL_HINT = "pip install 'reportparse[ocr]'"
#: a line whose height is within this share of the usual height is set in the body size
BODY_SIZE_SLACK = 0.2
#: box height (ink of a CJK line, plus the detector's margin) over font size, about
BOX_PER_POINT = 1.1
#: full-width punctuation whose ink sits in one half of its em cell: the box misses the other half
INK_RIGHT = frozenset("（《“‘〔【「『")
INK_LEFT = frozenset("）》”’〕】」』，。、；：！？")
HALF_CELL = 0.5
#: a line of at least this many ems whose pitch is within this share of the page's usual one is body text
PITCH_MIN_EMS, PITCH_SLACK = 2.5, 0.12
#: ... or its width is within this many ems of that pitch's (the detector's margin around a short line)
PITCH_PAD = 0.6
#: a page's text layer is unusable when it has fewer visible chars than this ...
MIN_CHARS = 1
#: ... or when more than this share of them are U+FFFD (glyphs a reader could not map)
MAX_BAD_SHARE = 0.5
#: a page with fewer chars than this under an image covering this share of it is a scan (auto reads it)
SPARSE_CHARS, IMAGE_COVER = 20, 0.5

#: a reading less sure than this is read again on a blurred image, then dropped (RapidOCR's own cut)
MIN_CONFIDENCE, RETRY_BLUR = 0.5, 0.8
#: the retry's box replaces a first reading's when their overlap is this share of the larger one
SAME_BOX = 0.6
#: a reading is too short for a box this many times wider than tall when it covers less than this share
SHORT_ASPECT, SHORT_COVER = 4.0, 0.4

OcrLine = tuple[str, float, float, float, float, float]  # text, x0, x1, top, bottom, confidence


def available() -> bool:
    """True when the OCR extra (rapidocr-onnxruntime) is installed; imports nothing."""
    return _settings.ocr_installed()


def mode(settings: Settings) -> str:
    """The OCR mode in force: ``never``, ``auto`` or ``always``; ``off`` when auto and not installed.

    Raises ReportParseError when ``always`` is asked for and the extra is missing.
    """
    if settings.ocr == "never":
        return "never"
    if available():
        return settings.ocr
    if settings.ocr == "always":  # Settings refuses it: only a Settings made before an uninstall
        raise ReportParseError(f"--ocr always needs the OCR extra: {INSTALL_HINT}")
    return "off"


def no_text_hint(settings: Settings) -> str:
    """Why a page without text stays without text, for a one-line message."""
    how = mode(settings)
    if how == "off":
        return f"scanned? OCR reads it: {INSTALL_HINT}"
    if how == "never":
        return "scanned? needs OCR, off by --ocr never"
    return "scanned, and OCR found no text either"


@lru_cache(maxsize=1)
def _engine(threads: int) -> Any:
    """The process's one RapidOCR engine (models load from the installed wheel), running its
    ONNX sessions on ``threads`` threads (-1: as many as cores)."""
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(intra_op_num_threads=threads)


def threads_for(settings: Settings) -> int:
    """ONNX Runtime threads of one process: the cores shared among ``jobs`` workers (oversubscribed
    cores make its spinning threads several times slower)."""
    cores = os.cpu_count() or 1
    return -1 if settings.jobs <= 1 else max(1, cores // settings.jobs)


def _read(image: Any, threads: int) -> list[OcrLine]:
    """Every line the engine detects, however unsure its reading, as read (not normalized)."""
    result, _ = _engine(threads)(image, text_score=0.0)
    out: list[OcrLine] = []
    for box, text, conf in result or ():
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        out.append((str(text), min(xs), max(xs), min(ys), max(ys), float(conf)))
    return out


def _same_box(a: OcrLine, b: OcrLine) -> bool:
    """Two detections of one line: they overlap by most of the larger box (a box holding the
    other and its neighbours is another line: the retry's reading of 。 其 as one box 其麗)."""
    w = min(a[2], b[2]) - max(a[1], b[1])
    h = min(a[4], b[4]) - max(a[3], b[3])
    larger = max((a[2] - a[1]) * (a[4] - a[3]), (b[2] - b[1]) * (b[4] - b[3]))
    return w > 0 and h > 0 and w * h >= SAME_BOX * larger


def _too_short(ln: OcrLine) -> bool:
    """A reading that cannot fill its box: a long box (``SHORT_ASPECT`` times wider than tall)
    whose characters, an em as wide as the box is tall, would cover less than ``SHORT_COVER`` of it
    (a crisp rendering read as 。%，% for a line of 28 characters)."""
    text, x0, x1, top, bottom, _ = ln
    height = bottom - top
    return height > 0 and x1 - x0 >= SHORT_ASPECT * height and _ems(text) * height < SHORT_COVER * (x1 - x0)


def recognize(image: Any, threads: int = -1) -> list[OcrLine]:
    """Text lines of an image (numpy array, gray or BGR) in pixels: (text, x0, x1, top, bottom, conf).

    A line detected but read with a confidence under ``MIN_CONFIDENCE`` (crisp renderings of
    vector text now and then defeat the recognizer: 中中 for a whole line) is read again on the
    image blurred by ``RETRY_BLUR`` pixels, which smooths the aliasing; a line still unsure is dropped.
    So is a sure reading far too short for its box (``_too_short``), kept when the retry gives no
    better one.
    """
    lines = _read(image, threads)
    if any(ln[5] < MIN_CONFIDENCE or _too_short(ln) for ln in lines):
        import cv2

        again = [ln for ln in _read(cv2.GaussianBlur(image, (0, 0), RETRY_BLUR), threads)
                 if ln[5] >= MIN_CONFIDENCE and not _too_short(ln)]
        lines = [next((b for b in again if _same_box(a, b)), a) if a[5] < MIN_CONFIDENCE or _too_short(a) else a
                 for a in lines]
    out = []
    for text, *box, conf in lines:
        text = ocr_normalize(text)
        if conf >= MIN_CONFIDENCE and text.strip():
            out.append((text, *box, conf))
    return out


def _merge_rows(lines: list[OcrLine]) -> list[OcrLine]:
    """Boxes on one visual line (vertical overlap of half the smaller height) as one line, left to right."""
    rows: list[list[OcrLine]] = []
    for ln in sorted(lines, key=lambda x: ((x[3] + x[4]) / 2, x[1])):
        if rows:
            last = rows[-1]
            top, bottom = min(x[3] for x in last), max(x[4] for x in last)
            overlap = min(bottom, ln[4]) - max(top, ln[3])
            if overlap >= 0.5 * min(bottom - top, ln[4] - ln[3]):
                last.append(ln)
                continue
        rows.append([ln])
    out = []
    for row in rows:
        row.sort(key=lambda x: x[1])
        text = row[0][0]
        for prev, nxt in zip(row, row[1:], strict=False):
            gap = nxt[1] - prev[2]
            text += (" " if gap > 0.5 * (prev[4] - prev[3]) else "") + nxt[0]
        conf = sum(x[5] * len(x[0]) for x in row) / max(1, sum(len(x[0]) for x in row))
        out.append((ocr_normalize(text), row[0][1], max(x[2] for x in row), min(x[3] for x in row),
                    max(x[4] for x in row), conf))
    return out


def _ems(text: str) -> float:
    """Width of ``text`` in ems as printed: a CJK character or full-width sign one, anything else
    half (digits, Latin), a full-width sign whose ink sits in one half of its cell half at the edge."""
    n = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)
    return n - HALF_CELL * ((text[:1] in INK_RIGHT) + (text[-1:] in INK_LEFT))


def _pitch(text: str, x0: float, x1: float) -> float | None:
    """Pixels an em of a one-box line (None when the line has a gap or is too short to tell)."""
    ems = _ems(text)
    return (x1 - x0) / ems if ems >= PITCH_MIN_EMS and " " not in text.strip() else None


def to_raw_lines(lines: list[OcrLine], scale: float, body: float | None = None) -> list[RawLine]:
    """Pixel lines as RawLines in points (``scale`` pixels a point), sizes snapped to ``body`` (points).

    A box's height follows its ink and the detector's margin (a short line of digits, or ending
    in 。, comes out a fifth taller than its paragraph's lines): a line whose height is off the
    body size but whose characters stand at the page's usual pitch (pixels an em of its lines of
    six characters or more; within ``PITCH_PAD`` of an em on a short line) is set in the body
    size too, so it is not taken for a heading. A quote or bracket pair across lines is repaired
    on the page's lines together (``ocr_fixes.pair_lines``)."""
    rows = _merge_rows(lines)
    rows = [(t, *row[1:]) for t, row in zip(pair_lines([r[0] for r in rows]), rows, strict=True)]
    pitches = [p for text, x0, x1, *_ in rows if _ems(text) >= 6 and (p := _pitch(text, x0, x1))]
    usual = statistics.median(pitches) if len(pitches) >= 3 else None
    out = []
    for text, x0, x1, top, bottom, _ in rows:
        size = (bottom - top) / scale / BOX_PER_POINT
        ems = _ems(text)
        at_pitch = bool(usual and _pitch(text, x0, x1) and abs(x1 - x0 - usual * ems) <= max(
            PITCH_SLACK * usual * ems, PITCH_PAD * usual))
        # the box holds ink; a full-width bracket, quote or stop fills half of its em cell
        x0 -= HALF_CELL * size * scale if text[:1] in INK_RIGHT else 0
        x1 += HALF_CELL * size * scale if text[-1:] in INK_LEFT else 0
        if body and (abs(size - body) <= BODY_SIZE_SLACK * body or at_pitch):
            size = body
        else:
            size = round(size * 2) / 2
        out.append(RawLine(text, x0 / scale, x1 / scale, top / scale, bottom / scale, size, FONT))
    return _wrapped_separators(out)


_SEPARATOR_AT_END = regex.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})*\s*[，,]\s*$")
_GROUP_AT_START = regex.compile(r"^\s*\d{3}(?![\d，,])")


def _wrapped_separators(lines: list[RawLine]) -> list[RawLine]:
    """A number broken after its thousands separator (总计47, | 102.46万元): the engine reads a
    comma ending a line as the full-width one; it is the separator when the next line opens with
    a group of three digits (``ocr_fixes`` repairs the comma inside a line)."""
    out = list(lines)
    for i in range(len(out) - 1):
        ln = out[i]
        if _SEPARATOR_AT_END.search(ln.text) and _GROUP_AT_START.match(out[i + 1].text):
            text = _SEPARATOR_AT_END.sub(lambda m: regex.sub(r"\s*[，,]\s*$", ",", m[0]), ln.text)
            out[i] = dataclasses.replace(ln, text=text)
    return out


def body_size(pages: Iterable[list[OcrLine]], scale: float) -> float | None:
    """The usual font size in points of OCR lines of at least 6 characters (median; None with none)."""
    heights = [(ln[4] - ln[3]) / scale / BOX_PER_POINT for lines in pages for ln in _merge_rows(lines)
               if len(ln[0].strip()) >= 6]
    return statistics.median(heights) if heights else None


def _visible(page: RawPage) -> int:
    return sum(1 for ln in page.lines for c in ln.text if not c.isspace())


def usable(page: RawPage) -> bool:
    """True when a page's text layer is worth keeping: visible chars, mostly not U+FFFD."""
    visible = _visible(page)
    bad = sum(ln.text.count("\ufffd") for ln in page.lines)
    return visible >= MIN_CHARS and bad <= MAX_BAD_SHARE * visible


def _image_cover(page: Any) -> float:
    """Share of a PDFium page's area under its largest image (a scan with a page-number text layer)."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    best = 0.0
    try:
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = obj.get_bounds()
            best = max(best, max(0.0, right - left) * max(0.0, top - bottom))
    finally:
        page.close()
    return best / (width * height) if width * height > 0 else 0.0


def ocr_pdf_pages(data: bytes, pages: list[RawPage], settings: Settings,
                  unusable: Iterable[int] = ()) -> tuple[list[RawPage], dict[str, Any]]:
    """Read with OCR the pages the mode asks for (``auto``: no usable text layer, a 0-based index
    in ``unusable``, or a few chars over a page-sized image; ``always``: every page). Returns the pages and meta ``ocr_pages`` {page:
    mean confidence, None on a blank page}. ``off`` / ``never``: the pages unchanged, no meta.
    """
    how = mode(settings)
    if how in ("off", "never"):
        return pages, {}
    forced = set(unusable)
    # a page whose text is in ruled tables (RawPage.tables) has a text layer, whatever its lines
    sparse = [i for i, p in enumerate(pages)
              if how == "auto" and usable(p) and _visible(p) < SPARSE_CHARS and not p.tables]
    todo = [i for i, p in enumerate(pages) if how == "always" or i in forced or (not usable(p) and not p.tables)]
    import pypdfium2 as pdfium

    scale = settings.ocr_dpi / 72
    found: dict[int, list[OcrLine]] = {}
    doc = pdfium.PdfDocument(data)
    try:
        todo = sorted(todo + [i for i in sparse if _image_cover(doc[i]) >= IMAGE_COVER])
        for i in todo:
            page = doc[i]
            try:
                image = page.render(scale=scale, grayscale=True).to_numpy()
            finally:
                page.close()
            if image.ndim == 3 and image.shape[2] == 1:
                image = image.reshape(image.shape[:2])
            found[i] = recognize(image, threads_for(settings))
    finally:
        doc.close()
    body = body_size(found.values(), scale)
    out = list(pages)
    confidence: dict[int, float | None] = {}
    for i, lines in found.items():
        old = pages[i]
        out[i] = RawPage(old.number, tuple(to_raw_lines(lines, scale, body)), old.width, old.height)
        confidence[old.number or i + 1] = _mean_confidence(lines)
    if how == "auto" and out and 0 not in found:
        head = title_picture(data, out[0], scale, threads_for(settings))
        if head is not None:  # a title printed as a picture above page 1's text
            lines, conf = head
            out[0] = RawPage(out[0].number, tuple(lines) + out[0].lines, out[0].width, out[0].height, out[0].tables)
            confidence[out[0].number or 1] = conf
    return out, {"ocr_pages": confidence}


_STRAY = " \"'“”‘’`"  # marks an OCR reads from a picture's edge
# a title set as a picture: images in a band above page 1's first text line, wide and text-shaped
TITLE_BAND, TITLE_MIN_WIDTH, TITLE_ASPECT = 0.3, 0.35, 4.0


def title_picture(data: bytes, page: RawPage, scale: float, threads: int) -> tuple[list[RawLine], float | None] | None:
    """OCR lines (in points, on the page) of the pictures above page 1's first text line that look
    like a line of print (together at least a third of the page wide, four times wider than tall),
    with their mean confidence; None when there are none (a logo, a photo) or they read nothing."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    first_top = min((ln.top for ln in page.lines), default=page.height)
    doc = pdfium.PdfDocument(data)
    try:
        pg = doc[0]
        width, height = pg.get_size()
        boxes = []
        for obj in pg.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = obj.get_bounds()
            if height - bottom <= first_top + 2 and height - top <= TITLE_BAND * height:
                boxes.append((left, bottom, right, top))
        if not boxes:
            pg.close()
            return None
        x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
        x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
        if x1 - x0 < TITLE_MIN_WIDTH * width or (x1 - x0) < TITLE_ASPECT * max(1.0, y1 - y0):
            pg.close()
            return None
        image = pg.render(scale=scale, grayscale=True, crop=(x0, y0, width - x1, height - y1)).to_numpy()
        pg.close()
    finally:
        doc.close()
    if image.ndim == 3 and image.shape[2] == 1:
        image = image.reshape(image.shape[:2])
    found = recognize(image, threads)
    if not found:
        return None
    dx, dy = x0, height - y1  # the crop's top-left corner on the page, in points
    lines = [RawLine(text, ln.x0 + dx, ln.x1 + dx, ln.top + dy, ln.bottom + dy, ln.size, ln.font)
             for ln in to_raw_lines(found, scale) if (text := ln.text.strip(_STRAY))]
    return lines, _mean_confidence(found)


def _mean_confidence(lines: list[OcrLine]) -> float | None:
    """Mean confidence of a page's lines, weighted by their characters (None: a blank page)."""
    n = sum(len(x[0]) for x in lines)
    return sum(x[5] * len(x[0]) for x in lines) / n if n else None


def read_image(path: Path, settings: Settings) -> RawDocument:
    """An image file read by OCR, a page per frame (a multi-page TIFF has several), in points at
    the image's dpi (``Settings.ocr_dpi`` when it names none).

    Raises InputError when OCR is not installed or off, or the image cannot be decoded.
    """
    source = str(path)
    if mode(settings) in ("off", "never"):
        raise InputError(source, f"image file ({no_text_hint(settings)})")
    import numpy as np
    from PIL import Image, ImageSequence, UnidentifiedImageError

    frames: list[tuple[Any, float]] = []
    try:
        with Image.open(path) as im:
            for frame in ImageSequence.Iterator(im):
                dpi = frame.info.get("dpi") or (settings.ocr_dpi, settings.ocr_dpi)
                frames.append((np.asarray(frame.convert("L")), float(dpi[0] or settings.ocr_dpi) / 72))
    except (UnidentifiedImageError, OSError, ValueError) as e:
        raise InputError(source, f"cannot decode image ({type(e).__name__}: {' '.join(str(e).split())[:160]})") from None
    found = [recognize(array, threads_for(settings)) for array, _ in frames]
    if not any(found):
        raise InputError(source, f"image file: OCR found no text on {len(frames)} page(s)")
    scale = frames[0][1] if frames else 1.0
    body = body_size(found, scale)
    pages, confidence = [], {}
    for n, ((array, sc), lines) in enumerate(zip(frames, found, strict=True), start=1):
        height, width = array.shape[:2]
        pages.append(RawPage(n, tuple(to_raw_lines(lines, sc, body)), width / sc, height / sc))
        confidence[n] = _mean_confidence(lines)
    meta = {"ocr_pages": confidence, "pages_without_text": []}
    return RawDocument(format="image", extractor=EXTRACTOR, pages=tuple(pages), flow=False,
                       n_pages=len(pages), meta=meta)
