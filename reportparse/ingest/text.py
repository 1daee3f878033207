"""Plain text and Markdown input: encoding detection and ``**…**`` emphasis."""

from __future__ import annotations

import codecs
import html
from pathlib import Path

import regex

from ..errors import InputError
from ..model import RawDocument, RawLine, RawPage
from .common import read_input

# (name shown in messages, codec); BOMs are checked first, then strict decoding in this order
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
FALLBACKS = ("utf-8", "gb18030")
BOLD = regex.compile(r"\*\*(.+?)\*\*")
MD_HEADING = regex.compile(r"^\s{0,3}#{1,6}\s+")
# HTML inside Markdown (OCR converters write tables and page marks as HTML): comments go, a table
# row ends a line, a cell ends with a space, other tags go
HTML_COMMENT = regex.compile(r"<!--.*?-->", regex.S)
HTML_ROW_END = regex.compile(r"(?i)</tr\s*>|<br\s*/?>|</?table[^>]*>|</p\s*>")
HTML_CELL_END = regex.compile(r"(?i)</t[dh]\s*>")
HTML_TAG = regex.compile(r"(?i)</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>")


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode ``data`` strictly; return (text, encoding) or raise InputError."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as e:
                raise InputError(source, f"starts with a {codec} byte-order mark but does not decode: {e.reason}") from None
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary data (NUL bytes), not a text file")
    for codec in FALLBACKS:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise InputError(source, f"text encoding not recognised (tried {', '.join(FALLBACKS)} and BOMs)")


def split_emphasis(line: str) -> tuple[str, tuple[bool, ...]]:
    """Strip paired ``**`` marks; return the text and one bold flag per character."""
    out: list[str] = []
    flags: list[bool] = []
    pos = 0
    for m in BOLD.finditer(line):
        out.append(line[pos : m.start()])
        flags.extend([False] * (m.start() - pos))
        out.append(m.group(1))
        flags.extend([True] * len(m.group(1)))
        pos = m.end()
    out.append(line[pos:])
    flags.extend([False] * (len(line) - pos))
    return "".join(out), (tuple(flags) if any(flags) else ())


def strip_html(text: str) -> str:
    """Markdown's embedded HTML as plain lines: comments dropped, one line per table row, cells
    separated by a space, tags dropped, entities decoded."""
    if "<" not in text:
        return text
    text = HTML_COMMENT.sub("", text)
    text = HTML_ROW_END.sub("\n", text)
    text = HTML_CELL_END.sub(" ", text)
    return html.unescape(HTML_TAG.sub("", text))


def text_to_raw(text: str, fmt: str = "txt", meta: dict[str, object] | None = None) -> RawDocument:
    """Turn decoded text into a flow RawDocument: one RawLine per input line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if fmt == "md":
        text = strip_html(text)
    lines = []
    for raw in text.split("\n"):
        if fmt == "md":
            raw = MD_HEADING.sub("", raw)
        body, bold = split_emphasis(raw)
        lines.append(RawLine(text=body, bold=bold))
    page = RawPage(number=None, lines=tuple(lines))
    return RawDocument(format=fmt, extractor="text", pages=(page,), flow=True, n_pages=None, meta=dict(meta or {}))


def read_text(path: Path) -> RawDocument:
    """Read a .txt or .md file (UTF-8, UTF-8/16/32 with BOM, or GB18030/GBK)."""
    path = Path(path)
    source = str(path)
    data = read_input(path)
    text, encoding = decode_bytes(data, source)
    fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    if not text.strip():
        raise InputError(source, "file holds only whitespace")
    return text_to_raw(text, fmt, {"encoding": encoding})
