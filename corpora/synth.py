"""Generate synthetic weekly issues of 窗口工作周报 (text and PDF) with a truth JSON per issue.

usage: python corpora/synth.py OUTDIR --n 30 --start 2023-01-02 --seed 1
       [--format txt,pdf] [--plant ytd,missing,overlap] [--pdf-backend fpdf2|reportlab] [--jobs N]
       [--masthead lines|one-line|split|no-year|title-issue]

Each issue covers a Monday–Friday week; its wording is drawn from templates so
that the extractor has to generalize. ``OUTDIR/weekly-YYYY-NN.truth.json`` is in
the format of ``../shared/seeds/weekly-2023-35.gold.json`` beside the repository (score it with
``score.py TRUTH OUT --doc-source weekly-YYYY-NN.txt``); ``OUTDIR/planted.json``
lists the inconsistencies planted with ``--plant``. The PDFs come from
``make_pdf.render_report``, by default with its fpdf2 backend: every font embedded as
one Identity-H CIDFontType2 subset, as in the Word/WPS exports of real issues
(``--pdf-backend reportlab``: the seed PDF's non-embedded body font). See
``corpora/SYNTHETIC.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from masthead_styles import STYLES as MASTHEAD_STYLES
from masthead_styles import restyle_masthead
from synth_issue import IssueWriter, Roster, Week, WeekState

PLANTS = ("ytd", "missing", "overlap")
PDF_BACKENDS = ("fpdf2", "reportlab")  # make_pdf.BACKENDS; fpdf2 embeds every font, like Word
FIRST_TOTAL = (dt.date(2023, 1, 6), 421)  # 2023 年第 1 期 (week to 6 January) is 总第 421 期


def first_friday(year: int) -> dt.date:
    d = dt.date(year, 1, 1)
    return d + dt.timedelta(days=(4 - d.weekday()) % 7)


def calendar(n: int, start: dt.date, rng: random.Random) -> list[Week]:
    """n consecutive Mon–Fri weeks from the Monday of ``start``; the issue year is that of the Friday."""
    monday = start - dt.timedelta(days=start.weekday())
    weeks = []
    for i in range(n):
        ps = monday + dt.timedelta(weeks=i)
        pe = ps + dt.timedelta(days=4)
        no = (pe - first_friday(pe.year)).days // 7 + 1
        total = FIRST_TOTAL[1] + (pe - FIRST_TOTAL[0]).days // 7
        published = pe + dt.timedelta(days=rng.randint(3, 7))
        if pe.month == 12 and pe.day >= 24:  # the last issue of a year comes out in January
            published = max(published, dt.date(pe.year + 1, 1, 2))
        weeks.append(Week(i, ps, pe, pe.year, no, max(total, 1), published, rng.choice((88, 90, 91, 91, 93))))
    return weeks


def plant_positions(weeks: list[Week], plant: tuple[str, ...]) -> dict[str, int]:
    """Week indexes of the planted faults, far enough apart to be reported one by one."""
    if not plant:
        return {}
    n = len(weeks)

    def same_year(*idx: int) -> bool:
        return all(0 <= i < n for i in idx) and len({weeks[i].year for i in idx}) == 1

    def first(lo: int, ok: object) -> int:
        for i in range(lo, n):
            if ok(i):  # type: ignore[operator]
                return i
        raise ValueError(f"--n {n} is too small to plant {','.join(plant)} (try --n 12 or more)")

    p_ytd = first(max(1, n * 3 // 10), lambda i: same_year(i - 1, i, i + 1))
    p_miss = first(max(p_ytd + 2, n * 11 // 20), lambda i: same_year(i - 1, i, i + 1))
    p_over = first(max(p_miss + 2, n * 4 // 5), lambda i: i >= 1)
    pos = {"ytd": p_ytd, "missing": p_miss, "overlap": p_over}
    return {k: v for k, v in pos.items() if k in plant}


def generate(outdir: str | Path, n: int, start: dt.date | str, seed: int,
             formats: tuple[str, ...] | str = ("txt", "pdf"), plant: tuple[str, ...] | str = (),
             pdf_backend: str = "fpdf2", jobs: int = 1, masthead: str = "lines") -> list[Path]:
    """Write n issues (minus a planted missing one) into outdir; return the paths written.

    ``pdf_backend``: ``"fpdf2"`` (fonts embedded as Word does) or ``"reportlab"``; see make_pdf.
    ``jobs``: processes that render the PDFs (the texts are drawn first, in one process;
    a PDF depends only on its text, so the bytes are the same for any ``jobs``).
    ``masthead``: how the masthead is laid out, a style of ``masthead_styles.STYLES`` (the truth
    is the same in every style).
    """
    if isinstance(start, str):
        start = dt.date.fromisoformat(start)
    formats = tuple(f for f in (formats.split(",") if isinstance(formats, str) else formats) if f)
    plant = tuple(p for p in (plant.split(",") if isinstance(plant, str) else plant) if p)
    if bad := [f for f in formats if f not in ("txt", "pdf")]:
        raise ValueError(f"unknown format(s) {bad}; use txt,pdf")
    if pdf_backend not in PDF_BACKENDS:
        raise ValueError(f"unknown PDF backend {pdf_backend!r}; use {' or '.join(PDF_BACKENDS)}")
    if bad := [p for p in plant if p not in PLANTS]:
        raise ValueError(f"unknown plant(s) {bad}; use {','.join(PLANTS)}")
    if n < 1:
        raise ValueError("n must be at least 1")
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    prng = random.Random(f"plant-{seed}")  # plants never shift the main stream: planted = clean + faults
    weeks = calendar(n, start, rng)
    where = plant_positions(weeks, plant)
    roster = Roster(rng)
    state = WeekState(rng, weeks[0])
    written: list[Path] = []
    planted: list[dict[str, object]] = []
    pdfs: list[tuple[str, Path]] = []
    for week in weeks:
        figures = state.advance(week)
        if where.get("overlap") == week.index:
            week = week._replace(print_start=week.ps - dt.timedelta(days=3))
            planted.append({"kind": "overlap", "issue": week.label, "period_start": week.print_start.isoformat(),
                            "period_end": week.pe.isoformat(), "previous_end": (week.ps - dt.timedelta(days=3))
                            .isoformat(), "expect": "period_overlap"})
        ytd_delta = 0
        if where.get("ytd") == week.index:
            ytd_delta = prng.choice((-1, 1)) * prng.randint(200, 800)
            planted.append({"kind": "ytd", "issue": week.label, "metric": "受理", "unit": "件",
                            "printed": figures.ytd["受理"] + ytd_delta, "consistent": figures.ytd["受理"],
                            "off_by": ytd_delta, "expect": "ytd_mismatch"})
        text, truth = IssueWriter(rng, week, figures, state, roster, ytd_delta).write()
        text = restyle_masthead(text, masthead)
        if where.get("missing") == week.index:
            planted.append({"kind": "missing", "issue": week.label, "issue_total": week.total,
                            "period_start": week.ps.isoformat(), "period_end": week.pe.isoformat(),
                            "expect": "missing_issue"})
            continue
        stem = out / f"weekly-{week.year}-{week.no:02d}"
        if "txt" in formats:
            written.append(_write(stem.with_suffix(".txt"), text + "\n"))
        if "pdf" in formats:
            pdfs.append((text, stem.with_suffix(".pdf")))
            written.append(stem.with_suffix(".pdf"))
        written.append(_write(stem.with_suffix(".truth.json"), json.dumps(truth, ensure_ascii=False, indent=1)
                              + "\n"))
    render_pdfs(pdfs, pdf_backend, jobs)
    meta = {"seed": seed, "n": n, "start": start.isoformat(), "formats": list(formats), "planted": planted}
    written.append(_write(out / "planted.json", json.dumps(meta, ensure_ascii=False, indent=1) + "\n"))
    return written


def _render(job: tuple[str, Path, str]) -> Path:
    from make_pdf import render_report

    text, path, backend = job
    return render_report(text, path, backend=backend)


def render_pdfs(pdfs: list[tuple[str, Path]], backend: str, jobs: int = 1) -> None:
    """Render (text, path) pairs with make_pdf, in ``jobs`` processes when there are enough of them."""
    if jobs <= 1 or len(pdfs) < 2 * jobs:
        for text, path in pdfs:
            _render((text, path, backend))
        return
    from make_pdf import prepare

    prepare(backend)  # fonts loaded once here; forked workers inherit them
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as ex:
        for _ in ex.map(_render, [(t, p, backend) for t, p in pdfs], chunksize=4):
            pass


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--n", type=int, default=30, help="number of weekly issues (default 30)")
    ap.add_argument("--start", default="2023-01-02", help="a day of the first week (ISO date)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", default="txt,pdf", help="comma list of txt, pdf (default both)")
    ap.add_argument("--plant", default="", help="comma list of ytd, missing, overlap")
    ap.add_argument("--pdf-backend", choices=PDF_BACKENDS, default="fpdf2",
                    help="fpdf2 (default: every font embedded as one CID subset, like Word) or reportlab "
                         "(the seed PDF's way: body font not embedded)")
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1),
                    help="processes rendering the PDFs (default: CPUs, at most 4; same bytes for any value)")
    ap.add_argument("--masthead", choices=MASTHEAD_STYLES, default="lines",
                    help="masthead layout (default lines: one field a line; see masthead_styles.py)")
    a = ap.parse_args(argv)
    try:
        paths = generate(a.outdir, a.n, a.start, a.seed, a.format, a.plant, a.pdf_backend, a.jobs,
                         masthead=a.masthead)
    except ValueError as e:
        ap.error(str(e))
    print(f"wrote {len(paths)} files into {a.outdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
