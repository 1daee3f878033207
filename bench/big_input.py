"""Benchmark cases of big input: long texts with little punctuation, and a 1,000-page PDF.

``python bench/big_input.py [--mb 1,5,20] [--pages 1000] [--workdir DIR]`` (also run by
``bench/bench.py`` unless ``--no-big``). Each case is one file parsed by the CLI in a fresh
process (``--jobs 1 --no-cache --timeout 0``); it prints wall and CPU seconds and the peak RSS,
and the CPU seconds per MB (or per 100 pages), which stay flat when the cost is linear.

* text: the seed report with its line breaks and sentence ends (。！？；) replaced by spaces,
  repeated to the size, written as ONE line: a table dump, OCR output or a page saved as one
  line;
* PDF: the seed report's lines drawn 40 to a page in reportlab's built-in STSong-Light (no font
  file needed), for ``--pages`` pages, each with a page number.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import ROOT, run_cli  # noqa: E402

SEED_TEXT = ROOT / "corpora" / "weekly-2023-35.txt"


def long_text(path: Path, mb: float) -> Path:
    """One line of ``mb`` megabytes (UTF-8) of the seed report with little punctuation."""
    body = re.sub(r"[。！？；\r\n]+", " ", SEED_TEXT.read_text(encoding="utf-8")).encode()
    n = int(mb * 1_000_000)
    data = (body * (n // len(body) + 1))[:n]
    path.write_bytes(data.decode("utf-8", "ignore").encode())
    return path


def long_pdf(path: Path, pages: int) -> Path:
    """A ``pages``-page PDF of the seed report's lines, 40 lines a page (reportlab, STSong-Light)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = [ln.strip() for ln in SEED_TEXT.read_text(encoding="utf-8").splitlines() if ln.strip()]
    chunks = [ln[i : i + 36] for ln in lines for i in range(0, len(ln), 36)]
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    k = 0
    for p in range(pages):
        c.setFont("STSong-Light", 13)
        for row in range(40):
            c.drawString(60, 780 - row * 18, chunks[k % len(chunks)])
            k += 1
        c.drawCentredString(A4[0] / 2, 40, f"— {p + 1} —")
        c.showPage()
    c.save()
    return path


def run(work: Path, mbs: list[float], pages: int) -> list[tuple[str, str]]:
    """Make and parse each case; (label, result) rows."""
    rows = []
    cases = [(f"{mb:g} MB one-line text, little punctuation", long_text(work / f"long-{mb:g}mb.txt", mb),
              f"{mb:g} MB") for mb in mbs]
    if pages:
        cases.append((f"{pages}-page PDF", long_pdf(work / f"long-{pages}p.pdf", pages), f"{pages} pages"))
    for label, path, size in cases:
        r = run_cli(["extract", str(path), "--out", str(work / f"out-{path.stem}"), "--no-cache", "-q",
                     "-j", "1", "--timeout", "0", "--format", "csv"])
        per = (r["cpu"] / float(size.split()[0])) * (1 if size.endswith("MB") else 100)
        unit = "CPU s per MB" if size.endswith("MB") else "CPU s per 100 pages"
        value = f"{r['s']:.1f} s wall, {r['cpu']:.1f} s CPU, peak RSS {r['rss']:.0f} MiB ({per:.1f} {unit})"
        rows.append((label, value))
        print(f"  {label:<52} {value}", file=sys.stderr, flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", default="1,5,20", help="comma list of text sizes in MB")
    ap.add_argument("--pages", type=int, default=1000, help="pages of the long PDF (0: none)")
    ap.add_argument("--workdir", type=Path, help="keep the inputs and outputs here (default: a temp dir)")
    a = ap.parse_args()
    work = a.workdir or Path(tempfile.mkdtemp(prefix="rp-big-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = run(work, [float(x) for x in a.mb.split(",") if x], a.pages)
    print("| case | result |\n|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()
