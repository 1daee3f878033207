"""Render a weekly report's text into an A4 PDF laid out like the printed bulletin.

Usage: ``python corpora/make_pdf.py [TEXT [PDF]]`` (default: the seed report
``corpora/weekly-2023-35.txt`` -> ``corpora/weekly-2023-35.pdf``).

The output is deterministic (reportlab ``invariant=1``): re-running gives the
same bytes. Layout, as Word/WPS print the bulletin:

* masthead: the lines before the first ``一、`` heading, centred; the first
  one without digits (the title) large in the heading font;
* headings ``一、…`` in 黑体 (WenQuanYi Zen Hei), ``（一）…`` in 楷体 (AR PL UKai),
  body in 宋体 (reportlab's built-in CID font STSong-Light), 16 pt;
* body paragraphs with a two-character first-line indent, justified to the
  text block, simple line-breaking rules (no closing punctuation at a line
  start, no opening one at a line end, ASCII words kept whole);
* ``**…**`` drawn as fake bold: the same font with text render mode 2;
* a running head on every page after the first and ``— N —`` page numbers;
* a line ending with a continuation mark (``、，；：`` …) followed by a blank
  line is one paragraph broken across a page exactly there (the original
  page break of the printed issue).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import regex
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
FONT_FILES = {
    "ZenHei": (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
    "UKai": (Path("/usr/share/fonts/truetype/arphic/ukai.ttc"), 0),
}
BODY_FONT = "STSong-Light"
H1_FONT, H2_FONT = "ZenHei", "UKai"

H1 = regex.compile(r"^[一二三四五六七八九十]+、")
H2 = regex.compile(r"^（[一二三四五六七八九十]+）")
CONTINUES = tuple("、，；：（《“〔【—")
NO_LINE_START = set("，。、；：？！）》」』”’〕】%…·")
NO_LINE_END = set("（《「『“‘〔【")
ASCII_WORD = regex.compile(r"[A-Za-z0-9.%/:+\-<>]+")
BOLD = regex.compile(r"\*\*(.+?)\*\*")


@dataclass
class Block:
    """One paragraph to draw: runs of (text, bold) and where pages must break."""

    kind: str  # masthead, title, h1, h2, body
    runs: list[tuple[str, bool]]
    breaks: list[int] = field(default_factory=list)  # char offsets of forced page breaks


def _runs(line: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in BOLD.finditer(line):
        if m.start() > pos:
            out.append((line[pos : m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    if pos < len(line):
        out.append((line[pos:], False))
    return out


def text_to_blocks(text: str) -> list[Block]:
    """Split report text into blocks; continuation lines merge across blank lines."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").split("\n")]
    blocks: list[Block] = []
    pending: Block | None = None
    seen_heading = False
    for line in lines:
        if not line:
            continue
        runs = _runs(line)
        if pending is not None:
            pending.breaks.append(sum(len(t) for t, _ in pending.runs))
            pending.runs.extend(runs)
            block = pending
            pending = None
        else:
            plain = "".join(t for t, _ in runs)
            is_heading = bool(H1.match(plain) or H2.match(plain)) and len(plain) <= 40 and "。" not in plain
            seen_heading = seen_heading or bool(H1.match(plain) and is_heading)
            if not seen_heading:
                kind = "title" if not regex.search(r"\d", plain) and len(plain) <= 12 else "masthead"
            elif is_heading:
                kind = "h1" if H1.match(plain) else "h2"
            else:
                kind = "body"
            block = Block(kind, runs)
            blocks.append(block)
        if line.endswith(CONTINUES) and block.kind == "body":
            pending = block
    return blocks


def _tokens(runs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Unbreakable units: ASCII words, single spaces, single CJK characters."""
    out: list[tuple[str, bool]] = []
    for text, bold in runs:
        pos = 0
        while pos < len(text):
            m = ASCII_WORD.match(text, pos)
            if m:
                out.append((m.group(), bold))
                pos = m.end()
            else:
                out.append((text[pos], bold))
                pos += 1
    return out


def _is_cjk(tok: str) -> bool:
    return not tok.isascii()


@dataclass
class Layout:
    """Page geometry (points, top-left origin for the y values)."""

    size: float = 16.0
    chars_per_line: int = 28
    leading: float = 28.0
    first_baseline: float = 100.0
    last_baseline: float = 762.0
    head_baseline: float = 48.0
    folio_baseline: float = 808.0

    @property
    def width(self) -> float:
        return self.size * self.chars_per_line

    @property
    def left(self) -> float:
        return (A4[0] - self.width) / 2


class Renderer:
    """Draws blocks onto a reportlab canvas, page by page."""

    def __init__(self, out_path: Path, layout: Layout, running_head: str) -> None:
        self.c = canvas.Canvas(str(out_path), pagesize=A4, invariant=1, pageCompression=1)
        self.c.setTitle("reportparse synthetic rendering")
        self.c.setAuthor("reportparse corpora/make_pdf.py")
        self.c.setCreator("reportparse corpora/make_pdf.py")
        self.lay = layout
        self.head = running_head
        self.page = 1
        self.y = layout.first_baseline

    def width(self, tok: str, font: str, size: float) -> float:
        return pdfmetrics.stringWidth(tok, font, size)

    def _folio(self) -> None:
        c, lay = self.c, self.lay
        c.setFont(BODY_FONT, 14)
        c.drawCentredString(A4[0] / 2, A4[1] - lay.folio_baseline, f"— {self.page} —")
        if self.page > 1:
            c.setFont(BODY_FONT, 10.5)
            c.drawCentredString(A4[0] / 2, A4[1] - lay.head_baseline, self.head)
            c.setLineWidth(0.5)
            c.line(lay.left, A4[1] - lay.head_baseline - 6, lay.left + lay.width, A4[1] - lay.head_baseline - 6)

    def new_page(self) -> None:
        self._folio()
        self.c.showPage()
        self.page += 1
        self.y = self.lay.first_baseline

    def finish(self) -> None:
        self._folio()
        self.c.save()

    def draw_line(self, toks: list[tuple[str, bool]], font: str, size: float, x: float, avail: float,
                  justify: bool) -> None:
        if self.y > self.lay.last_baseline:
            self.new_page()
        widths = [self.width(t, font, size) for t, _ in toks]
        gaps = [i for i in range(1, len(toks)) if _is_cjk(toks[i - 1][0]) or _is_cjk(toks[i][0])]
        extra = (avail - sum(widths)) / len(gaps) if justify and gaps else 0.0
        gapset = set(gaps)
        t = self.c.beginText()
        t.setFont(font, size)
        mode = 0
        for i, ((tok, bold), w) in enumerate(zip(toks, widths, strict=True)):
            if i in gapset:
                x += extra
            want = 2 if bold else 0
            if want != mode:
                t.setTextRenderMode(want)
                mode = want
            t.setTextOrigin(x, A4[1] - self.y)
            t.textOut(tok)
            x += w
        self.c.setLineWidth(0.4)
        self.c.drawText(t)
        self.y += self.lay.leading

    def centred(self, block: Block, font: str, size: float, gap_after: float) -> None:
        toks = _tokens(block.runs)
        w = sum(self.width(t, font, size) for t, _ in toks)
        self.draw_line(toks, font, size, (A4[0] - w) / 2, w, False)
        self.y += gap_after

    def paragraph(self, block: Block, font: str) -> None:
        lay, size = self.lay, self.lay.size
        toks = _tokens(block.runs)
        # token index of every forced page break
        ends, pos = {}, 0
        for i, (tok, _) in enumerate(toks):
            pos += len(tok)
            if pos in block.breaks:
                ends[i + 1] = True
        i, first = 0, True
        while i < len(toks):
            indent = 2 * size if first else 0.0
            avail = lay.width - indent
            j, used = i, 0.0
            while j < len(toks) and j not in (ends if j > i else {}):
                w = self.width(toks[j][0], font, size)
                if used + w > avail + 0.01 and j > i:
                    break
                used += w
                j += 1
            forced = j in ends
            squeeze = [e for e in ends if j < e <= j + 3]
            if squeeze and not forced:
                # a page break a few characters on: squeeze them in (punctuation compression)
                j, forced = squeeze[0], True
            if j < len(toks) and not forced:
                # kinsoku: pull back so no closing mark starts and no opening mark ends a line
                while j - 1 > i and (toks[j][0][0] in NO_LINE_START or toks[j - 1][0][-1] in NO_LINE_END):
                    j -= 1
            line = toks[i:j]
            while line and line[-1][0] == " ":
                line.pop()
            last = j >= len(toks)
            self.draw_line(line, font, size, lay.left + indent, avail, not last)
            i = j
            while i < len(toks) and toks[i][0] == " ":
                i += 1
            if forced:
                self.new_page()
            first = False


def _register_fonts() -> None:
    if BODY_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(BODY_FONT))
    for name, (path, index) in FONT_FILES.items():
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        if not path.exists():
            raise SystemExit(f"font file missing: {path} (apt-get install fonts-wqy-zenhei fonts-arphic-ukai)")
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))


def render_report(text: str, out_path: Path, *, running_head: str | None = None,
                  layout: Layout | None = None) -> Path:
    """Render report ``text`` (the corpus .txt form) into an A4 PDF at ``out_path``."""
    _register_fonts()
    lay = layout or Layout()
    blocks = text_to_blocks(text)
    if running_head is None:
        title = next((b for b in blocks if b.kind == "title"), None)
        issue = next((b for b in blocks if b.kind == "masthead"), None)
        parts = ["".join(t for t, _ in b.runs) for b in (title, issue) if b is not None]
        running_head = "  ".join(p.replace(" ", "") for p in parts)
    r = Renderer(Path(out_path), lay, running_head)
    r.y = lay.first_baseline + 10
    for k, block in enumerate(blocks):
        nxt = blocks[k + 1].kind if k + 1 < len(blocks) else "body"
        if block.kind == "title":
            r.y += 18
            r.centred(block, H1_FONT, 30, 24)
        elif block.kind == "masthead":
            r.centred(block, BODY_FONT, lay.size, 14 if nxt == "h1" else 0)
        else:
            font = {"h1": H1_FONT, "h2": H2_FONT}.get(block.kind, BODY_FONT)
            r.paragraph(block, font)
    r.finish()
    return Path(out_path)


def main(argv: list[str]) -> None:
    src = Path(argv[0]) if argv else HERE / "weekly-2023-35.txt"
    dst = Path(argv[1]) if len(argv) > 1 else src.with_suffix(".pdf")
    render_report(src.read_text(encoding="utf-8"), dst)
    print(f"wrote {dst}")


if __name__ == "__main__":
    main(sys.argv[1:])
