"""A fast reader of a font's ToUnicode CMap for pdfminer, same result as pdfminer's own parser.

Word, WPS and fpdf2 embed a subset of each font with a ToUnicode map: a PostScript program of
``beginbfchar``/``beginbfrange`` blocks of hex strings. pdfminer reads it with its general
PostScript parser, token by token, which took ~17 ms per document (a third of reading a
four-page weekly issue). Those blocks are read here with two regular expressions, and the map
is filled exactly as ``pdfminer.cmapdb.CMapParser`` fills it (same pairs, same order, same
``add_cid2unichr`` calls). Anything else (``usecmap``, CID ranges, glyph names, comments,
odd-length hex, a ``WMode``) is left to pdfminer's parser, unchanged.

:func:`fast_tounicode` swaps the parser pdfminer's fonts use only while the pages of one file
are read (``pdf.read_pdf``); nothing stays patched.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import Any

import regex
from pdfminer import pdffont
from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.utils import nunpack

_BLOCK = regex.compile(rb"begin(bf(?:char|range))\b(.*?)\bend\1\b", regex.S)
# what pdfminer's parser would act on besides bfchar/bfrange blocks, or read otherwise
_OTHER = regex.compile(rb"usecmap|cidrange|cidchar|notdefrange|WMode")
_ITEM = regex.compile(rb"<([0-9A-Fa-f\s]*)>|(\[)|(\])|(\S)")
_SPACE = regex.compile(rb"\s+")
_HEX = regex.compile(rb"<([0-9A-Fa-f\s]*)>")
_HEX_ONLY = regex.compile(rb"(?:\s*<[0-9A-Fa-f\s]*>)*\s*")


def _items(body: bytes) -> list[Any] | None:
    """The block's objects: hex strings as bytes, ``[...]`` as lists; None on anything else."""
    if b"[" not in body and _HEX_ONLY.fullmatch(body):  # the common case: hex strings only
        digits = [h if len(h) % 2 == 0 and h.isalnum() else _SPACE.sub(b"", h) for h in _HEX.findall(body)]
        if any(len(d) % 2 for d in digits):
            return None
        return [bytes.fromhex(d.decode("ascii")) for d in digits]
    out: list[Any] = []
    stack: list[list[Any]] = []
    for m in _ITEM.finditer(body):
        if m.group(4) is not None:
            return None
        if m.group(2) is not None:
            stack.append([])
            continue
        if m.group(3) is not None:
            if not stack:
                return None
            done = stack.pop()
            (stack[-1] if stack else out).append(done)
            continue
        digits = _SPACE.sub(b"", m.group(1))
        if len(digits) % 2:
            return None
        (stack[-1] if stack else out).append(bytes.fromhex(digits.decode("ascii")))
    return None if stack else out


def fill(cmap: FileUnicodeMap, data: bytes) -> bool:
    """Fill ``cmap`` from the ToUnicode program ``data`` as pdfminer would; False (and ``cmap``
    untouched) when the program holds anything this reader leaves to pdfminer."""
    begin, end = data.find(b"begincmap"), data.find(b"endcmap")
    if end >= 0:
        if begin > end or data.find(b"begincmap", end) >= 0:
            return False
        data = data[:end]  # pdfminer ignores what follows endcmap
    if b"%" in data[max(begin, 0):] or _OTHER.search(data):
        return False
    blocks = []
    for m in _BLOCK.finditer(data):
        objs = _items(m.group(2))
        if objs is None:
            return False
        blocks.append((m.group(1), objs))
    for kind, objs in blocks:
        if kind == b"bfchar":
            for i in range(0, len(objs) - 1, 2):
                cid, code = objs[i], objs[i + 1]
                if isinstance(cid, bytes) and isinstance(code, bytes):
                    _add(cmap.cid2unichr, nunpack(cid), code)
            continue
        for i in range(0, len(objs) - 2, 3):
            start_b, end_b, code = objs[i], objs[i + 1], objs[i + 2]
            if not isinstance(start_b, bytes) or not isinstance(end_b, bytes) or len(start_b) != len(end_b):
                continue
            start, stop = nunpack(start_b), nunpack(end_b)
            if isinstance(code, list):
                for cid, value in zip(range(start, stop + 1), code, strict=False):
                    cmap.add_cid2unichr(cid, value)
                continue
            var, prefix = code[-4:], code[:-4]
            base, vlen = nunpack(var), len(var)
            for k in range(stop - start + 1):
                _add(cmap.cid2unichr, start + k, prefix + struct.pack(">L", base + k)[-vlen:])
    return True


def _add(cid2unichr: dict[int, str], cid: int, code: bytes) -> None:
    """``FileUnicodeMap.add_cid2unichr`` for a UTF-16BE code (inlined: the map's hot loop)."""
    char = code.decode("UTF-16BE", "ignore")
    if char != "\u00a0" or cid2unichr.get(cid) != " ":
        cid2unichr[cid] = char


class _FastParser(CMapParser):
    """pdfminer's CMapParser that first tries :func:`fill` on a ToUnicode map."""

    def run(self) -> None:
        fp = self.fp
        if isinstance(self.cmap, FileUnicodeMap) and isinstance(fp, BytesIO) and fill(self.cmap, fp.getvalue()):
            return
        super().run()


@contextmanager
def fast_tounicode() -> Iterator[None]:
    """Within the block, pdfminer's fonts read their ToUnicode maps with :func:`fill`."""
    saved = pdffont.CMapParser
    pdffont.CMapParser = _FastParser  # type: ignore[misc]
    try:
        yield
    finally:
        pdffont.CMapParser = saved  # type: ignore[misc]
