"""Plain text and Markdown input: encoding detection and ``**…**`` emphasis."""

from __future__ import annotations

import codecs
import html
from pathlib import Path

import regex

from ..chunks import LAYOUT_LIMIT, split_run
from ..errors import InputError
from ..model import RawDocument, RawLine, RawPage
from ..notices import META_KEY as NOTICES_KEY
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
    """Decode ``data``; return (text, encoding) or raise InputError (see :func:`decode_text`)."""
    text, encoding, _ = decode_text(data, source)
    return text, encoding


def decode_text(data: bytes, source: str) -> tuple[str, str, list[str]]:
    """Decode ``data`` strictly by its BOM, else UTF-8, else GB18030: (text, encoding, warnings).

    A file cut in the middle of its last character decodes with that character replaced
    (U+FFFD) and a warning. Bytes that decode but are not text (control characters, or no
    majority of Han, CJK punctuation and ASCII) are refused whatever their BOM.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                text, notes = _decode(data, codec)
            except UnicodeDecodeError as e:
                raise InputError(source, f"starts with a {codec} byte-order mark but does not decode: {e.reason}") from None
            _refuse_non_text(text, source, f"after a {codec} byte-order mark")
            return text, codec, notes + _replaced(text, notes)
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary data (NUL bytes), not a text file")
    for codec in FALLBACKS:
        try:
            text, notes = _decode(data, codec)
        except UnicodeDecodeError:
            continue
        _refuse_non_text(text, source, f"decoded as {codec}")
        return text, codec, notes + _replaced(text, notes)
    raise InputError(source, f"text encoding not recognised (tried {', '.join(FALLBACKS)} and BOMs)")


def _replaced(text: str, notes: list[str]) -> list[str]:
    """A warning when the text already holds replacement characters (U+FFFD: a lossy conversion
    before it reached us), besides the one a cut last character became."""
    n = text.count("\ufffd") - len(notes)
    return [f"{n} replacement character(s) (U+FFFD) in the text: characters lost before it was saved"] if n > 0 else []


#: A character cut by the end of the file is at most this many bytes from the end.
_CUT_TAIL = 4


def _decode(data: bytes, codec: str) -> tuple[str, list[str]]:
    """Strict decoding, except that an incomplete character at the very end is replaced."""
    try:
        return data.decode(codec), []
    except UnicodeDecodeError as e:
        if e.end < len(data) or e.start < len(data) - _CUT_TAIL or not e.reason.startswith(("unexpected end", "truncated", "incomplete")):
            raise
        head = data[: e.start].decode(codec)
        return head + "\ufffd", [f"text ends in the middle of a character ({len(data) - e.start} byte(s) of "
                                 f"{codec}): the last character is replaced by U+FFFD"]


# characters of a Chinese report: ASCII and Latin-1, Han, general and CJK punctuation, letterlike and
# math symbols, enclosed numbers (①), box drawing and shapes (■), CJK compatibility (㎡), full-width forms
_TEXT_CHARS = regex.compile(
    r"[\t\n\r\x20-\x7e\xa0-\xff\p{Han}\u2000-\u22ff\u2460-\u25ff\u3000-\u303f\u3200-\u33ff"
    r"\ufe30-\ufe4f\uff00-\uffef]"
)
#: Share of such characters below which decoded bytes are not text (random bytes behind a
#: UTF-16 BOM decode to about 35 % Han; a report is above 95 %).
TEXT_SHARE = 0.7
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SAMPLE = 200_000


def _refuse_non_text(text: str, source: str, how: str) -> None:
    """Raise InputError when ``text`` (its first 200,000 characters) is not text: more than 1 %
    control characters, or less than ``TEXT_SHARE`` of it Han, CJK punctuation and symbols or ASCII."""
    sample = text[:_SAMPLE]
    n = len(sample.strip())
    if not n:
        return
    ctrl = len(_CONTROL.findall(sample))
    if ctrl > max(2, n // 100):
        raise InputError(source, f"not text: {ctrl} control characters in {n} ({how})")
    share = len(_TEXT_CHARS.findall(sample)) / len(sample)
    if share < TEXT_SHARE:
        raise InputError(source, f"not text: only {share:.0%} of the characters are Han, CJK punctuation "
                                 f"or ASCII ({how})")


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
        # a line of megabytes (a document saved as one line) is read as several lines, cut at
        # sentence ends: layout's work on a line then stays bounded in memory (see chunks.py)
        for s, e in split_run(body, 0, len(body), LAYOUT_LIMIT):
            lines.append(RawLine(text=body[s:e], bold=bold[s:e] if bold else ()))
    page = RawPage(number=None, lines=tuple(lines))
    return RawDocument(format=fmt, extractor="text", pages=(page,), flow=True, n_pages=None, meta=dict(meta or {}))


def read_text(path: Path) -> RawDocument:
    """Read a .txt or .md file (UTF-8, UTF-8/16/32 with BOM, or GB18030/GBK)."""
    path = Path(path)
    source = str(path)
    data = read_input(path)
    text, encoding, notes = decode_text(data, source)
    fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    if not text.strip():
        raise InputError(source, "file holds only whitespace")
    return text_to_raw(text, fmt, {"encoding": encoding, NOTICES_KEY: [[None, "ingest", n] for n in notes]})
