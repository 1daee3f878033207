"""HTML input (.html, .htm) with BeautifulSoup's stdlib ``html.parser``: block elements as lines.

Bytes are decoded by BOM, then the charset a ``<meta>`` declares (GB2312/GBK read as
GB18030, their superset), then the text reader's detection. Scripts, styles, navigation,
page headers and footers and the ``<title>`` (the masthead rules find the title in the
text) are dropped. p, div, h1–h6, li, br and friends end a line; a table row is one line
whose cells are joined by a tab. Text in h1–h6, ``<strong>``, ``<b>`` or a bold
``font-weight`` carries the bold flag, so a wholly bold line is a heading cue.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import regex

from ..errors import InputError
from ..model import RawDocument, RawLine, RawPage
from .common import read_input
from .text import BOMS, decode_bytes

META_CHARSET = regex.compile(rb"""(?i)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""")
# legacy Chinese charsets are all read as GB18030, which contains them
GB_ALIASES = {"gb2312", "gbk", "gb_2312", "gb_2312-80", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn",
              "csgb2312", "chinese", "iso-ir-58", "hz-gb-2312"}
DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "head", "title",
        "iframe", "object", "svg", "select", "button")
BLOCKS = frozenset((
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table",
    "thead", "tbody", "tfoot", "caption", "br", "hr", "section", "article", "main", "blockquote", "pre",
    "address", "figure", "figcaption", "form", "fieldset", "center", "body", "html",
))
BOLD_TAGS = frozenset(("b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"))
BOLD_STYLE = regex.compile(r"(?i)font-weight\s*:\s*(?:bold|bolder|[6-9]00)")
HTML_SPACE = regex.compile(r"[ \t\r\n\f]+")
TRUNCATED_MSG = "truncated page: it opens <html> but has no </body> or </html> (an interrupted download?)"


def _codec(name: str) -> str | None:
    """A Python codec for a declared charset name; None when unknown."""
    name = name.strip().lower()
    if name in GB_ALIASES or name.startswith("gb2312"):
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, source: str) -> tuple[str, str]:
    """Decode a page: BOM, then the ``<meta>`` charset, then the text reader's detection."""
    if any(data.startswith(bom) for bom, _ in BOMS):
        return decode_bytes(data, source)
    m = META_CHARSET.search(data[:8192])
    declared = _codec(m.group(1).decode("ascii")) if m else None
    if declared and not declared.startswith("utf-16") and not declared.startswith("utf-32"):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration is wrong (a re-saved page): detect instead
    return decode_bytes(data, source)


class _Lines:
    """Collects lines of (character, bold) as the tree is walked."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, tuple[bool, ...]]] = []
        self.chars: list[str] = []
        self.flags: list[bool] = []

    def add(self, text: str, bold: bool) -> None:
        self.chars.append(text)
        self.flags.extend([bold] * len(text))

    def space(self) -> None:
        self.add(" ", False)

    def flush(self) -> None:
        text = "".join(self.chars)
        if text.strip():
            self.lines.append((text, tuple(self.flags) if any(self.flags) else ()))
        self.chars, self.flags = [], []


def _is_bold(tag: Any) -> bool:
    return tag.name in BOLD_TAGS or bool(BOLD_STYLE.search(tag.get("style") or ""))


def _walk(node: Any, out: _Lines, bold: bool, in_row: bool, pre: bool) -> None:
    from bs4 import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

    for child in node.children:
        if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            text = str(child) if pre else HTML_SPACE.sub(" ", str(child))
            if pre and "\n" in text:
                for i, piece in enumerate(text.split("\n")):
                    if i:
                        out.flush()
                    out.add(piece, bold)
            else:
                out.add(text, bold)
            continue
        if not isinstance(child, Tag) or child.name in DROP:
            continue
        name = child.name
        if name in ("td", "th"):
            out.add("\t", False)
            _walk(child, out, bold or _is_bold(child), True, pre)
            out.add("\t", False)
            continue
        block = name in BLOCKS and not (in_row and name != "tr")
        if block:
            out.flush()
        elif in_row and name in BLOCKS:
            out.space()  # a paragraph inside a table cell
        _walk(child, out, bold or _is_bold(child), in_row or name == "tr", pre or name == "pre")
        if block:
            out.flush()


def _truncated(data: bytes) -> bool:
    """An ``<html>`` page whose end is missing: neither ``</body>`` nor ``</html>`` is there."""
    tail = data[-4096:].lower()
    return bool(regex.search(rb"(?i)<html[\s>]", data[:8192])) and b"</html" not in tail and b"</body" not in tail


def read_html(path: Path) -> RawDocument:
    """Read a saved web page into a flow RawDocument: one RawLine per block element or table row."""
    from bs4 import BeautifulSoup

    path = Path(path)
    source = str(path)
    data = read_input(path)
    if _truncated(data.rstrip()):
        raise InputError(source, f"cannot read HTML: {TRUNCATED_MSG}")
    text, encoding = decode_html(data, source)
    try:
        soup = BeautifulSoup(text, "html.parser")
    except Exception as e:  # noqa: BLE001 - the parser is lenient; anything left is a broken file
        raise InputError(source, f"cannot read HTML: {type(e).__name__}: {e}") from None
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    out = _Lines()
    _walk(soup, out, False, False, False)
    out.flush()
    if not out.lines:
        raise InputError(source, "cannot read HTML: no text outside scripts, styles and navigation "
                                 "(a page built by JavaScript, or a frameset?)")
    lines = tuple(RawLine(text=t, bold=b) for t, b in out.lines)
    meta = {"encoding": encoding, "html_title": title} if title else {"encoding": encoding}
    return RawDocument(format="html", extractor="beautifulsoup4", pages=(RawPage(number=None, lines=lines),),
                       flow=True, hard_breaks=True, n_pages=None, meta=meta)
