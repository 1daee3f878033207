"""Benchmark: PDF engines bare vs reportparse end to end, jobs, cache, memory. Not a test.

Usage: ``python bench/bench.py [--small 50] [--large 500] [--jobs 2] [--repeat 3]
[--pdf-backend fpdf2|reportlab] [--workdir DIR] [--ocr-issues 3] [--only-ocr]``
(``make bench``). Builds the issues with ``corpora/synth.py`` when it works, else
copies of ``corpora/weekly-2023-35.pdf`` with distinct bytes; runs the CLI in
subprocesses (its own cache folder, never the user's) and prints one table.

Measured:
* bare pdfplumber ``extract_text`` and bare pypdfium2 ``get_text_range`` pages/s
  (one process, no start-up): the floors;
* ``reportparse extract --no-cache`` pages/s per ``--pdf-engine`` with ``--jobs 1``
  and ``--jobs N`` (start-up included);
* the same for the pdfplumber engine over the large set, once (archive scale, where
  the few seconds of start-up no longer count);
* cold, warm (same rules) and rule-edit (text cache only) runs over the large set;
* peak RSS (largest process: ru_maxrss of the children) of cold runs at both sizes;
* OCR (``reportparse[ocr]``): ``--ocr-issues`` issues made image-only at 150 dpi
  (``corpora/scan_pdf.py``), read by the bare engine (rasterize + recognize, engine loaded)
  and by ``reportparse extract --ocr auto --jobs 1`` (start-up and model loading included).
  ``--only-ocr`` runs this case alone.

Speed runs (bare and end to end) are repeated ``--repeat`` times and the fastest is
kept, as ``timeit`` does: on a shared VM the same run varies by 20-30 %.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "weekly-2023-35.pdf"
EXE = [sys.executable, "-m", "reportparse"]
# runs a command and prints its wall time and the children's peak RSS (KiB on Linux) as JSON
_WRAP = ("import json,resource,subprocess,sys,time;t=time.perf_counter();"
         "rc=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL).returncode;"
         "print(json.dumps({'rc':rc,'s':time.perf_counter()-t,"
         "'rss':resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
         "'cpu':sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2])}))")


def make_issues(folder: Path, n: int, backend: str = "fpdf2") -> list[Path]:
    """n PDF issues in ``folder`` (emptied first): synthetic ones, else distinct copies of the seed."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    synth = ROOT / "corpora" / "synth.py"
    if synth.exists():
        r = subprocess.run([sys.executable, str(synth), str(folder), "--n", str(n), "--seed", "1",
                            "--format", "pdf", "--pdf-backend", backend], capture_output=True)
        files = sorted(folder.rglob("*.pdf"))
        if r.returncode == 0 and len(files) >= n:
            return files[:n]
        shutil.rmtree(folder)
        folder.mkdir()
    seed = SEED.read_bytes()
    for i in range(n):
        (folder / f"issue-{i:04d}.pdf").write_bytes(seed + f"\n% copy {i}\n".encode())
    return sorted(folder.glob("*.pdf"))


def bare_pdfplumber(files: list[Path]) -> tuple[int, float]:
    import pdfplumber

    t, pages = time.perf_counter(), 0
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages, time.perf_counter() - t


def bare_pypdfium2(files: list[Path]) -> tuple[int, float]:
    import pypdfium2

    t, pages = time.perf_counter(), 0
    for f in files:
        doc = pypdfium2.PdfDocument(f)
        for page in doc:
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
            pages += 1
        doc.close()
    return pages, time.perf_counter() - t


def best(n: int, run: Callable[[], tuple[int, float]]) -> tuple[int, float]:
    """The fastest of ``n`` runs of ``run`` (pages, seconds)."""
    return min((run() for _ in range(max(1, n))), key=lambda r: r[1])


def run_cli(args: list[str]) -> dict[str, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of one CLI run in a fresh
    process tree (on a busy shared machine the CPU seconds are the steadier measure)."""
    r = subprocess.run([sys.executable, "-c", _WRAP, *EXE, *args], capture_output=True, text=True, check=True)
    res = json.loads(r.stdout.strip().splitlines()[-1])
    if res["rc"] not in (0, 1):
        raise SystemExit(f"reportparse {' '.join(args)} exited {res['rc']}")
    return {"s": res["s"], "rss": res["rss"] / 1024, "cpu": res.get("cpu", 0.0)}


def startup(work: Path, repeat: int) -> list[tuple[str, float]]:
    """Seconds before the first file (imports of the CLI and the pipeline, the rulebook from its
    cache), and a one-line text end to end (start-up, jieba's dictionary, one file, csv output)."""
    before = ("import reportparse.cli, reportparse.api, reportparse.batch, reportparse.pipeline;"
              "from reportparse.rulebook import load_rules; load_rules()")
    subprocess.run([sys.executable, "-c", before], check=True)  # fills the rulebook cache
    out = []
    t_min = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", before], check=True)
        t_min = min(t_min, time.perf_counter() - t)
    out.append(("start-up before the first file (imports, rulebook)", t_min))
    one = work / "one-line.txt"
    one.write_text("一、本周共受理事项120件，办结118件。\n", encoding="utf-8")
    secs = min(run_cli(["extract", str(one), "--out", str(work / "out-one"), "--no-cache", "-q", "-j", "1",
                        "--format", "csv"])["s"] for _ in range(repeat))
    out.append(("one-line text end to end, --jobs 1, csv", secs))
    return out


def quantity_speed() -> list[tuple[str, float]]:
    """Scanner + clause grammar (quantities/) per 800-character page over the texts of
    tests/variants and, when present, the plain-text files of ../shared/realdocs: the first pass
    (jieba's cut of each clause not cached yet) and a second one (cached), in this process."""
    from reportparse.pipeline import text_to_clean
    from reportparse.quantities.rows import quantities_of, read_all
    from reportparse.rulebook import load_rules
    from reportparse.segment import segmenter_for

    rules = load_rules()
    seg = segmenter_for(rules)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "variants").glob("*.txt"))]
    for p in sorted((ROOT.parent / "shared" / "realdocs").glob("*.txt")):
        raw = p.read_bytes()
        texts.append(raw.decode("gb18030" if "gb18030" in p.name else "utf-8", errors="replace"))
    cleans = [text_to_clean(t) for t in texts]
    pages = sum(len(c.text) for c in cleans) / 800
    out = []
    for label in ("first pass", "second pass"):
        t = time.perf_counter()
        for c in cleans:
            qs, lex = quantities_of(c, rules.lists)
            read_all(c, qs, lex, [], seg, rules.lists.get("metric_verbs", ()))
        out.append((f"scanner + attribution per 800-char page, {label}", (time.perf_counter() - t) * 1000 / pages))
    return out


def engine_works(engine: str, one: Path, work: Path) -> bool:
    """True when documents.extractor names ``engine`` (False: the reader is not there yet)."""
    out = work / f"probe-{engine}"
    run_cli(["extract", str(one), "--out", str(out), "--no-cache", "-q", "-j", "1", "--format", "csv",
             "--pdf-engine", engine])
    text = (out / "documents.csv").read_text(encoding="utf-8-sig")
    return f",{engine}," in text


def ocr_case(files: list[Path], work: Path, show: Callable[[str, str], None]) -> None:
    """OCR speed at 150 dpi on image-only renderings of ``files``: the bare engine, then reportparse."""
    if not files:
        return
    sys.path.insert(0, str(ROOT / "corpora"))
    from reportparse.settings import ocr_installed

    if not ocr_installed():
        show("OCR (150 dpi)", "n/a (pip install 'reportparse[ocr]')")
        return
    import pypdfium2
    from scan_pdf import scan_pdf

    from reportparse.ingest.ocr import recognize

    scans = work / "scans"
    shutil.rmtree(scans, ignore_errors=True)
    scans.mkdir()
    for f in files:
        scan_pdf(f, scans / f.name, dpi=150)
    recognize(pypdfium2.PdfDocument(scans / files[0].name)[0].render(scale=0.3, grayscale=True).to_numpy())
    t, cpu, pages = time.perf_counter(), time.process_time(), 0
    for f in sorted(scans.glob("*.pdf")):
        doc = pypdfium2.PdfDocument(f)
        for page in doc:
            recognize(page.render(scale=150 / 72, grayscale=True).to_numpy())
            pages += 1
        doc.close()
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    show(f"bare OCR, rasterize + recognize, 150 dpi ({pages} pages)",
         f"{pages / wall:.2f} pages/s ({cpu / pages:.1f} CPU-s a page, all threads)")
    r = run_cli(["extract", str(scans), "--out", str(work / "out-ocr"), "--no-cache", "-q", "-j", "1",
                 "--ocr", "auto", "--format", "csv"])
    show(f"reportparse --ocr auto --jobs 1, {len(files)} scanned issues", f"{pages / r['s']:.2f} pages/s, "
         f"peak RSS {r['rss']:.0f} MiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=50, help="issues for speed and the small RSS run")
    ap.add_argument("--large", type=int, default=500, help="issues for cache and the large RSS run")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="N for the parallel runs")
    ap.add_argument("--workdir", type=Path, help="keep corpora and outputs here (default: a temp dir)")
    ap.add_argument("--pdf-backend", default="fpdf2", choices=("fpdf2", "reportlab"),
                    help="how corpora/synth.py draws the PDFs: fonts embedded like Word (fpdf2) or the seed "
                         "PDF's way, body font not embedded (reportlab: 3-4x slower to read for every engine)")
    ap.add_argument("--no-archive", dest="archive", action="store_false",
                    help="skip the pdfplumber runs over the large set (no cache: a few minutes)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="speed runs are repeated and the best kept (a shared VM's speed drifts by 20-30 %%)")
    ap.add_argument("--big-mb", default="1,5,20",
                    help="sizes (MB) of the one-line texts with little punctuation (bench/big_input.py)")
    ap.add_argument("--big-pages", type=int, default=1000, help="pages of the long PDF (0: none)")
    ap.add_argument("--no-big", dest="big", action="store_false", help="skip the big-input cases")
    ap.add_argument("--big-only", action="store_true", help="run only the big-input cases")
    ap.add_argument("--ocr-issues", type=int, default=3, help="issues made image-only for the OCR case")
    ap.add_argument("--only-ocr", action="store_true", help="run only the OCR case (on --ocr-issues issues)")
    a = ap.parse_args()
    if a.only_ocr:
        a.large = a.small = a.ocr_issues
    work = a.workdir or Path(tempfile.mkdtemp(prefix="rp-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if a.big_only:
        _print_rows(big_rows(work, a))
        return
    os.environ["REPORTPARSE_CACHE_DIR"] = str(work / "cache-unused")  # never the user's cache
    large = make_issues(work / "large", a.large, a.pdf_backend)
    small_dir = work / "small"
    shutil.rmtree(small_dir, ignore_errors=True)
    small_dir.mkdir()
    for f in large[: a.small]:
        shutil.copy(f, small_dir / f.name)
    small = sorted(small_dir.glob("*.pdf"))
    rows: list[tuple[str, str]] = []

    def show(label: str, value: str) -> None:
        rows.append((label, value))
        print(f"  {label:<52} {value}", file=sys.stderr, flush=True)

    if a.only_ocr:
        ocr_case(small[: a.ocr_issues], work, show)
        for label, value in rows:
            print(f"| {label.strip()} | {value} |")
        return

    t = time.perf_counter()
    subprocess.run([*EXE, "--help"], stdout=subprocess.DEVNULL, check=True)
    show("start-up: reportparse --help", f"{time.perf_counter() - t:.2f} s")
    for label, secs in startup(work, a.repeat):
        show(label, f"{secs:.2f} s")
    for label, ms in quantity_speed():
        show(label, f"{ms:.2f} ms")
    bare_pdfplumber(small[:2])
    pages, s = best(a.repeat, lambda: bare_pdfplumber(small))
    floor = pages / s
    show(f"bare pdfplumber extract_text ({pages} pages)", f"{floor:.1f} pages/s")
    p2, s2 = best(a.repeat, lambda: bare_pypdfium2(small))
    show("bare pypdfium2 get_text_range", f"{p2 / s2:.1f} pages/s")
    e2e: dict[tuple[str, int], float] = {}
    for engine in ("pdfplumber", "pypdfium2"):
        if not engine_works(engine, small[0], work):
            show(f"reportparse --pdf-engine {engine}", "n/a (reader not available)")
            continue
        for jobs in (1, a.jobs):
            cmd = ["extract", str(small_dir), "--out", str(work / f"out-{engine}-{jobs}"), "--no-cache",
                   "-q", "-j", str(jobs), "--pdf-engine", engine]
            secs = min(run_cli(cmd)["s"] for _ in range(a.repeat))
            e2e[engine, jobs] = pages / secs
            show(f"reportparse {engine} --jobs {jobs} (start-up incl.)", f"{pages / secs:.1f} pages/s")
    if ("pdfplumber", 1) in e2e:
        show("  pdfplumber --jobs 1 / bare floor", f"{e2e['pdfplumber', 1] / floor:.2f}x")
        show(f"  pdfplumber --jobs {a.jobs} / --jobs 1", f"{e2e['pdfplumber', a.jobs] / e2e['pdfplumber', 1]:.2f}x")
    if a.archive and a.large > a.small:  # start-up is a few seconds: at archive scale it vanishes
        big = work / "large"
        lp, ls = bare_pdfplumber(large)
        show(f"bare pdfplumber extract_text, {a.large} issues ({lp} pages)", f"{lp / ls:.1f} pages/s")
        at_scale = {}
        for jobs in (1, a.jobs):
            r = run_cli(["extract", str(big), "--out", str(work / f"out-archive-{jobs}"), "--no-cache", "-q",
                         "-j", str(jobs)])
            at_scale[jobs] = lp / r["s"]
            show(f"reportparse pdfplumber --jobs {jobs}, {a.large} issues", f"{lp / r['s']:.1f} pages/s")
        show(f"  --jobs 1 / bare floor, {a.large} issues", f"{at_scale[1] / (lp / ls):.2f}x")
        show(f"  --jobs {a.jobs} / --jobs 1, {a.large} issues", f"{at_scale[a.jobs] / at_scale[1]:.2f}x")
        r = run_cli(["extract", str(big), "--out", str(work / "out-archive-pdfium"), "--no-cache", "-q",
                     "-j", "1", "--pdf-engine", "pypdfium2"])
        show(f"reportparse pypdfium2 --jobs 1, {a.large} issues", f"{lp / r['s']:.1f} pages/s")

    rss = {}
    for n, folder in ((a.small, small_dir), (a.large, work / "large")):
        cache = work / f"cache-{n}"
        shutil.rmtree(cache, ignore_errors=True)
        base = ["extract", str(folder), "--out", str(work / f"out-{n}"), "-q", "-j", str(a.jobs),
                "--cache-dir", str(cache)]
        cold = run_cli(base)
        rss[n] = cold["rss"]
        show(f"cold, {n} issues, --jobs {a.jobs}", f"{cold['s']:.1f} s, peak RSS {cold['rss']:.0f} MiB")
        if n != a.large:
            continue
        warm = run_cli(base)
        show(f"warm re-run, {n} issues", f"{warm['s']:.1f} s ({cold['s'] / warm['s']:.1f}x faster)")
        extra = work / "rules-edit"
        extra.mkdir(exist_ok=True)
        (extra / "edit.yaml").write_text(
            "rules:\n  - id: claim-bench-edit\n    kind: claim\n    pattern: '不会出现的短语'\n", encoding="utf-8")
        edit = run_cli([*base, "--rules", str(extra)])
        show(f"after a rule edit (text cache only), {n} issues",
             f"{edit['s']:.1f} s ({cold['s'] / edit['s']:.1f}x faster)")
    show(f"peak RSS {a.large} / {a.small} issues", f"{rss[a.large] / rss[a.small]:.2f}x")
    if a.big:
        rows += big_rows(work / "big", a)
    ocr_case(small[: a.ocr_issues], work, show)
    kind = (f"synthetic (corpora/synth.py, {a.pdf_backend} PDFs)" if large[0].name.startswith("weekly-")
            else "copies of the seed PDF")
    print(f"\nissues: {kind}, {pages / len(small):.1f} pages each on average")
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    _print_rows(rows)
    if a.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


def big_rows(work: Path, a: argparse.Namespace) -> list[tuple[str, str]]:
    """The big-input cases (bench/big_input.py): long one-line texts and a long PDF."""
    from big_input import run as run_big

    work.mkdir(parents=True, exist_ok=True)
    return run_big(work, [float(x) for x in a.big_mb.split(",") if x], a.big_pages)


def _print_rows(rows: list[tuple[str, str]]) -> None:
    print("| measure | result |\n|---|---|")
    for label, value in rows:
        print(f"| {label.strip()} | {value} |")


if __name__ == "__main__":
    main()
