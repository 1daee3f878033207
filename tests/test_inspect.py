"""reportparse inspect: highlighted spans in the terminal and as a standalone HTML page (in a real browser)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportparse.cli import main
from reportparse.inspect import CSS_COLOURS, build_inspection, inspect_file, to_html
from reportparse.pipeline import text_to_clean
from reportparse.rulebook import load_rules

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "weekly-2023-35.txt"
CHROMIUM = Path("/usr/bin/chromium")


class _Marks(HTMLParser):
    """Checks that tags nest properly; records ids, links and the mark stack at each text piece."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.pieces: list[tuple[str, list[str]]] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            assert a["id"] not in self.ids, a["id"]
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        for k in ("src", "href"):
            if a.get(k) and not a[k].startswith("#"):
                self.external.append(a[k])
        if tag not in ("meta", "br"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, (tag, self.stack[-3:])
        self.stack.pop()

    def handle_data(self, data):
        marks = [a["class"].removeprefix("t-") for t, a in self.stack if t == "mark"]
        if marks:
            self.pieces.append((data, marks))


@pytest.fixture(scope="module")
def seed_page() -> tuple[object, str]:
    ins = inspect_file(SEED)
    return ins, to_html(ins)


def test_spans_cover_every_row(seed_page) -> None:
    ins, _ = seed_page
    for name in ("figures", "dates", "departments", "officials", "references", "coverage"):
        for i, row in enumerate(ins.tables[name]):
            span = ins.spans[ins.row_spans[(name, i)]]
            assert (span.start, span.end, span.table) == (row["char_start"], row["char_end"], name)
    # two official rows with one span (柏吉琼: two posts) share one mark with both tips
    bai = [s for s in ins.spans if s.table == "officials" and "柏吉琼" in ins.clean.text[s.start:s.end]]
    assert len(bai) == 1 and len(bai[0].tips) == 2
    assert sum(s.table == "masthead" for s in ins.spans) == 6


def test_html_nests_marks_and_links_rows_to_spans(seed_page) -> None:
    ins, html = seed_page
    p = _Marks()
    p.feed(html)
    p.close()
    assert not p.stack and not p.external
    span_links = [h for h in p.links if h.startswith("#span-")]
    assert len(span_links) == sum(len(ins.tables[t]) for t in CSS_COLOURS if t != "masthead")
    assert {h[1:] for h in p.links} <= p.ids
    # the department inside an official's span is a mark inside the official's mark
    assert ("省中心", ["officials", "departments"]) in p.pieces
    assert ("党委书记、主任吕芙蓉", ["officials"]) in p.pieces
    assert ("9月4日—9月8日", ["masthead", "dates"]) in p.pieces
    assert ("6", ["coverage"]) in p.pieces
    text = "".join(d for d, _ in p.pieces)
    assert "咨询3101人次" in text
    tip = re.search(r'id="span-\d+" title="([^"]*)">受理13110件', html)
    assert tip and "figure.verb" in tip.group(1) and "受理 = 13110 件 [ytd]" in tip.group(1)


def test_html_escapes_everything() -> None:
    clean = text_to_clean('本周受理 425 件<script>alert("x")</script>，印发《A&B<c>办法》。')
    html = to_html(build_inspection("<evil>.txt", clean, load_rules()))
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)" in html
    assert "A&amp;B&lt;c&gt;办法" in html
    assert "&lt;evil&gt;.txt" in html and "<evil>" not in html
    p = _Marks()
    p.feed(html)
    assert not p.stack


def test_inspect_command(runner, tmp_path: Path) -> None:
    out = tmp_path / "seed.html"
    res = runner.invoke(main, ["inspect", str(SEED), "--html", str(out)])
    assert res.exit_code == 0, res.output
    assert "咨询3101人次" in res.stdout and "省本级综窗办件情况" in res.stdout
    assert "figures (31)" in res.stdout and "officials (6)" in res.stdout
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert runner.invoke(main, ["inspect", str(tmp_path)]).exit_code == 2
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    bad = runner.invoke(main, ["inspect", str(empty)])
    assert bad.exit_code == 1 and "Error" in bad.output


def test_inspect_piped_writes_whole_lines(runner) -> None:
    res = runner.invoke(main, ["inspect", str(SEED)])  # stdout is not a terminal here
    assert res.exit_code == 0, res.output
    from reportparse.api import extract

    (text,) = extract([SEED], cache=False, timeout=0).texts.values()
    long_lines = [ln for ln in text.splitlines() if len(ln) > 80]
    printed = set(res.stdout.splitlines())
    assert long_lines and all(ln in printed for ln in long_lines)


def _chromium(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp / 'profile'}", "--enable-logging=stderr", "--v=0", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp)


@pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"),
                    reason="needs /usr/bin/chromium (apt-get install -y chromium); required in CI")
def test_page_renders_in_headless_chromium(seed_page, tmp_path: Path) -> None:
    assert CHROMIUM.exists(), "CI must install chromium: apt-get install -y chromium fonts-wqy-zenhei"
    _, html = seed_page
    page = tmp_path / "seed.html"
    page.write_text(html, encoding="utf-8")
    png = tmp_path / "shot.png"
    shot = _chromium([f"--screenshot={png}", "--window-size=1200,2000", page.as_uri()], tmp_path)
    assert png.exists(), shot.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    dom = _chromium(["--dump-dom", page.as_uri()], tmp_path)
    assert 'data-ready="ok"' in dom.stdout  # the inline script ran to its end
    for err in (shot.stderr, dom.stderr):
        assert "Uncaught" not in err and ":CONSOLE" not in err and "ERR_" not in err, err[-2000:]
    pil = pytest.importorskip("PIL.Image")
    img = pil.open(png).convert("RGB")
    colours = img.getcolors(maxcolors=1 << 20) or []
    count = {c: n for n, c in colours}
    for table in ("figures", "dates", "departments", "officials", "references"):
        rgb = tuple(int(CSS_COLOURS[table][0][i:i + 2], 16) for i in (1, 3, 5))
        assert count.get(rgb, 0) > 200, f"no {table} highlight on the screenshot"
    if shutil.which("fc-list"):
        fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
        assert fonts.strip(), "no CJK font: apt-get install -y fonts-wqy-zenhei"
