"""Word ``.docx`` input (python-docx): body paragraphs and table rows as flow lines.

The body is walked in document order: a paragraph gives one line per soft line break, a
table row gives one line whose cells are joined by a tab (layout drops it next to Chinese
text, keeps a space between numbers). Bold runs keep their flag, and a paragraph in a
Heading/标题 style (or with an outline level) is all bold: the heading cue ``**…**`` gives
text input. Headers, footers, footnotes, deleted text and text boxes are not read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import regex

from ..errors import InputError
from ..model import RawDocument, RawLine, RawPage
from .common import read_input

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_STYLE = regex.compile(r"(?i)^(?:heading|标题)\s*\d|^(?:title|标题)$")
# runs of a paragraph, not those of a paragraph nested in it (a text box) nor deleted ones
RUNS_XPATH = ".//w:r[not(ancestor::w:del)][count(ancestor::w:p) = 1]"
Line = tuple[str, tuple[bool, ...]]


def _fail(source: str, why: str) -> InputError:
    return InputError(source, "cannot read DOCX: " + " ".join(why.split()))


def _open(path: Path) -> Any:
    """The python-docx Document; InputError for anything that is not a readable .docx."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    source = str(path)
    data = read_input(path)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(source, "the file is an OLE container, not a ZIP package "
                            "(password-protected, or a legacy .doc renamed .docx)")
    if not data.startswith(b"PK"):
        raise _fail(source, "unsupported content (not a ZIP package, as every .docx is)")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile) as e:
        raise _fail(source, f"corrupt or truncated ZIP package ({e})") from None
    except KeyError as e:
        raise _fail(source, f"a part is missing from the package ({e})") from None
    except Exception as e:  # noqa: BLE001 - lxml, zlib and python-docx raise many kinds on bad parts
        raise _fail(source, f"{type(e).__name__}: {e}") from None


def _style_bold(style: Any) -> bool:
    """Whether a style (or the first of its bases that says) sets bold."""
    seen = 0
    while style is not None and seen < 20:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style, seen = style.base_style, seen + 1
    return False


def _is_heading(par: Any) -> bool:
    """A paragraph in a Heading/标题/Title style (or a base of one), or with an outline level."""
    ppr = par._p.pPr
    if ppr is not None and ppr.find(f"{W}outlineLvl") is not None:
        return True
    style, seen = par.style, 0
    while style is not None and seen < 20:
        if HEADING_STYLE.match(style.name or ""):
            return True
        style, seen = style.base_style, seen + 1
    return False


def _paragraph_lines(p: Any, parent: Any) -> list[Line]:
    """A ``w:p`` as lines: text split at soft breaks, one bold flag per character."""
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    par = Paragraph(p, parent)
    heading = _is_heading(par)
    par_bold = heading or _style_bold(par.style)
    chars: list[str] = []
    flags: list[bool] = []
    for r in p.xpath(RUNS_XPATH):
        run = Run(r, par)
        text = run.text
        bold = run.bold if run.bold is not None else (_style_bold(run.style) or par_bold)
        chars.append(text)
        flags.extend([bool(bold) or heading] * len(text))
    out: list[Line] = []
    pos = 0
    for piece in "".join(chars).split("\n"):
        bits = tuple(flags[pos : pos + len(piece)])
        pos += len(piece) + 1
        if piece.strip():
            out.append((piece, bits if any(bits) else ()))
    return out


def _cell_line(tc: Any, parent: Any) -> Line:
    """A table cell's paragraphs (and nested tables) joined by spaces."""
    text: list[str] = []
    flags: list[bool] = []
    for body, bits in _block_lines(tc, parent):
        if text:
            text.append(" ")
            flags.append(False)
        text.append(body)
        flags.extend(bits or (False,) * len(body))
    return "".join(text), tuple(flags)


def _table_lines(tbl: Any, parent: Any) -> list[Line]:
    """One line per table row, its non-empty cells joined by a tab."""
    out: list[Line] = []
    for tr in tbl.iter(f"{W}tr"):
        if tr.getparent() is not tbl:
            continue  # a nested table's row: read inside its cell
        cells = [_cell_line(tc, parent) for tc in tr.iter(f"{W}tc") if _owner_row(tc) is tr]
        cells = [c for c in cells if c[0].strip()]
        if not cells:
            continue
        text = "\t".join(c for c, _ in cells)
        flags: list[bool] = []
        for i, (c, bits) in enumerate(cells):
            if i:
                flags.append(False)
            flags.extend(bits or (False,) * len(c))
        out.append((text, tuple(flags) if any(flags) else ()))
    return out


def _owner_row(tc: Any) -> Any:
    """The ``w:tr`` a cell belongs to (cells may sit inside ``w:sdt`` content controls)."""
    node = tc.getparent()
    while node is not None and node.tag != f"{W}tr":
        node = node.getparent()
    return node


def _block_lines(container: Any, parent: Any) -> list[Line]:
    """Lines of a body, cell or content control, in document order."""
    out: list[Line] = []
    for child in container:
        if child.tag == f"{W}p":
            out.extend(_paragraph_lines(child, parent))
        elif child.tag == f"{W}tbl":
            out.extend(_table_lines(child, parent))
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            out.extend(_block_lines(child, parent))
    return out


def read_docx(path: Path) -> RawDocument:
    """Read a Word .docx into a flow RawDocument (one RawLine per paragraph line or table row)."""
    path = Path(path)
    source = str(path)
    document = _open(path)
    try:
        lines = _block_lines(document.element.body, document._body)
    except Exception as e:  # noqa: BLE001 - a malformed part found while walking the body
        raise _fail(source, f"{type(e).__name__}: {e}") from None
    if not lines:
        raise InputError(source, "no text in the document body (only headers, footers, images or text boxes?)")
    raw = tuple(RawLine(text=t, bold=b) for t, b in lines)
    n_tables = sum(1 for _ in document.element.body.iter(f"{W}tbl"))
    return RawDocument(format="docx", extractor="python-docx", pages=(RawPage(number=None, lines=raw),),
                       flow=True, hard_breaks=True, n_pages=None, meta={"tables": n_tables})
