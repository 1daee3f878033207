"""The fast ToUnicode reader (ingest/tounicode.py) fills a font's map exactly as pdfminer's parser
does, and leaves every program it does not read whole to pdfminer."""

from __future__ import annotations

from io import BytesIO

import pytest
from pdfminer import pdffont
from pdfminer.cmapdb import CMapParser, FileUnicodeMap

from reportparse.ingest.tounicode import fast_tounicode, fill

HEAD = (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
TAIL = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"

READ = {
    "bfchar": b"3 beginbfchar\n<0003> <0020>\n<0011> <4E2D>\n<0012><6587>\nendbfchar\n",
    "bfrange with a base": b"1 beginbfrange\n<0020> <0025> <0041>\nendbfrange\n",
    "bfrange over a byte's end": b"1 beginbfrange\n<00FE> <0102> <00FF>\nendbfrange\n",
    "bfrange with an array": b"1 beginbfrange\n<0005> <0007> [<0061> <0062> <0063>]\nendbfrange\n",
    "short array": b"1 beginbfrange\n<0005> <0008> [<0061> <0062>]\nendbfrange\n",
    "a surrogate pair and a ligature": b"2 beginbfchar\n<0001> <D83DDE00>\n<0002> <00660069>\nendbfchar\n",
    "hex with spaces, lower case": b"1 beginbfchar\n<00 0a> <4e 2d>\nendbfchar\n",
    "an odd item is dropped": b"3 beginbfchar\n<0001> <0041>\n<0002>\nendbfchar\n",
    "start and end of unequal length": b"2 beginbfrange\n<01> <0003> <0041>\n<0004> <0005> <0061>\nendbfrange\n",
    "no-break space after a space": b"2 beginbfchar\n<0003> <0020>\n<0003> <00A0>\nendbfchar\n",
    "a later entry wins": b"2 beginbfchar\n<0003> <0041>\n<0003> <0042>\nendbfchar\n",
    "one-byte codes": b"1 beginbfchar\n<41> <0041>\nendbfchar\n",
    "several blocks": b"1 beginbfchar\n<0001> <0041>\nendbfchar\n1 beginbfrange\n<0002> <0003> <0061>\nendbfrange\n",
    "empty block": b"0 beginbfchar\nendbfchar\n",
}

LEFT_TO_PDFMINER = {
    "usecmap": b"/Adobe-GB1-UCS2 usecmap\n1 beginbfchar\n<0001> <0041>\nendbfchar\n",
    "a CID range": b"1 begincidrange\n<0000> <00FF> 1\nendcidrange\n",
    "a glyph name": b"1 beginbfchar\n<0003> /space\nendbfchar\n",
    "odd hex digits": b"1 beginbfchar\n<003> <0041>\nendbfchar\n",
    "a comment in a block": b"1 beginbfchar\n<0003> <0041> % A\nendbfchar\n",
    "writing mode": b"/WMode 1 def\n1 beginbfchar\n<0003> <0041>\nendbfchar\n",
    "a number in a block": b"1 beginbfchar\n<0003> 65\nendbfchar\n",
    "an unclosed array": b"1 beginbfrange\n<0005> <0007> [<0061> <0062>\nendbfrange\n",
}


def _pdfminer(data: bytes) -> dict[int, str]:
    cmap = FileUnicodeMap()
    CMapParser(cmap, BytesIO(data)).run()
    return cmap.cid2unichr


@pytest.mark.parametrize("name", sorted(READ))
def test_fill_is_pdfminer(name: str) -> None:
    data = HEAD + READ[name] + TAIL
    mine = FileUnicodeMap()
    assert fill(mine, data)
    theirs = _pdfminer(data)
    assert mine.cid2unichr == theirs and list(mine.cid2unichr) == list(theirs)


def test_after_endcmap_is_ignored_as_pdfminer_does() -> None:
    data = HEAD + READ["bfchar"] + TAIL + b"1 beginbfchar\n<0050> <0041>\nendbfchar\n"
    mine = FileUnicodeMap()
    assert fill(mine, data)
    assert 0x50 not in mine.cid2unichr
    assert mine.cid2unichr == _pdfminer(data)


@pytest.mark.parametrize("name", sorted(LEFT_TO_PDFMINER))
def test_other_programs_are_left_to_pdfminer(name: str) -> None:
    cmap = FileUnicodeMap()
    assert not fill(cmap, HEAD + LEFT_TO_PDFMINER[name] + TAIL)
    assert cmap.cid2unichr == {}


def test_swap_is_scoped() -> None:
    before = pdffont.CMapParser
    with fast_tounicode():
        assert pdffont.CMapParser is not before
        cmap = FileUnicodeMap()
        pdffont.CMapParser(cmap, BytesIO(HEAD + READ["bfchar"] + TAIL)).run()
        assert cmap.cid2unichr[0x11] == "中"
    assert pdffont.CMapParser is before


@pytest.mark.parametrize("name", sorted(LEFT_TO_PDFMINER))
def test_fallback_still_reads_through_pdfminer(name: str) -> None:
    data = HEAD + LEFT_TO_PDFMINER[name] + TAIL
    with fast_tounicode():
        cmap = FileUnicodeMap()
        pdffont.CMapParser(cmap, BytesIO(data)).run()
    assert cmap.cid2unichr == _pdfminer(data)


def test_odd_hex_digits_are_read_by_pdfminer() -> None:
    """pdfminer reads <003> as the bytes 00 03: the fallback keeps that."""
    with fast_tounicode():
        cmap = FileUnicodeMap()
        pdffont.CMapParser(cmap, BytesIO(HEAD + LEFT_TO_PDFMINER["odd hex digits"] + TAIL)).run()
    assert cmap.cid2unichr == {3: "A"}
