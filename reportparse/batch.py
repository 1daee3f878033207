"""Run many files: discovery, worker pool, failure isolation, progress and summary.

``run_batch`` parses every input with ``pipeline.parse_document`` and keeps
results in input order, so the output is the same whatever ``jobs`` is. An
unexpected exception in one file becomes an ``errors`` row and a
``documents`` row with status ``error``; the batch goes on.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, ReportParseError
from .model import DocumentResult
from .settings import INPUT_SUFFIXES, SKIP_STEMS, Settings, format_of

#: Tables other than ``documents`` whose rows documents contribute.
ROW_TABLES = ("figures", "dates", "departments", "officials", "references", "coverage", "cells", "warnings")
_STAGE_OF_MODULE = {
    "ingest": "ingest", "layout": "layout", "sections": "layout", "segment": "rules",
    "rulebook": "rules", "match": "rules", "entities": "rules", "normalize": "rules",
}


#: Row dicts of a table are packed into a typed DataFrame chunk every this many rows
#: (a frame takes a fraction of the memory of the dicts), so memory stays flat as a batch grows.
CHUNK_ROWS = 1000


@dataclass
class BatchResult:
    """Rows of every table, in input order, plus the cleaned texts by doc_id.

    A table's rows are ``chunks[name]`` (DataFrames, older rows) followed by
    ``tables[name]`` (row dicts, the newest); ``counts`` has the total per table.
    """

    documents: list[dict[str, Any]] = field(default_factory=list)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    chunks: dict[str, list[Any]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when every input parsed, 1 when any file or folder failed."""
        failed = self.errors or any(d.get("status") == "error" for d in self.documents)
        return 1 if failed else 0


# -- discovery --------------------------------------------------------------------------------

def discover(
    paths: Iterable[str | Path], exclude: str | Path | None = None
) -> tuple[list[str], list[dict[str, Any]]]:
    """Input files as source strings, and errors rows for folders with no supported file.

    Files are kept as given; folders are searched recursively for ``settings.INPUT_SUFFIXES``
    (.pdf .txt .md .docx .html .htm, and images, which get an error row saying they need OCR),
    sorted, skipping anything under ``exclude`` (the output folder), notes such as README.md or
    SOURCES.md (``settings.SKIP_STEMS``), Word's ``~$`` lock files and the folder of images and
    scripts a browser or Word saves beside a web page (``NAME_files`` or ``NAME.files`` next to
    ``NAME.htm(l)``). Duplicates (same resolved path) are dropped. A missing path raises
    ReportParseError.
    """
    skip = Path(exclude).resolve() if exclude is not None else None
    sources: list[str] = []
    errors: list[dict[str, Any]] = []
    seen: set[Path] = set()

    def add(src: str, path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            sources.append(src)

    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(
                (f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES
                 and f.stem.lower() not in SKIP_STEMS and not f.name.startswith("~$")
                 and not _in_saved_page_folder(f, p)
                 and not (skip and f.resolve().is_relative_to(skip))),
                key=lambda f: f.relative_to(p).as_posix(),
            )
            if not found:
                errors.append(_error_row(str(given), "discover",
                                         f"no readable file in folder (none of {' '.join(INPUT_SUFFIXES)})"))
            for f in found:
                add(str(p / f.relative_to(p)), f)
        elif p.exists():
            add(str(given), p)
        else:
            raise ReportParseError(f"no such file or folder: {given}")
    return sources, errors


_SAVED_PAGE_FOLDER = ("_files", ".files")


def _in_saved_page_folder(f: Path, root: Path) -> bool:
    """Whether ``f`` lies in the companion folder of a saved web page under ``root``:
    ``NAME_files/`` (browsers) or ``NAME.files/`` (Word) beside ``NAME.htm`` or ``NAME.html``."""
    for folder in f.relative_to(root).parents:
        if folder == Path("."):
            break
        name = folder.name
        for tail in _SAVED_PAGE_FOLDER:
            if name.endswith(tail) and len(name) > len(tail):
                page = root / folder.parent / name[: -len(tail)]
                if any(page.with_name(page.name + ext).is_file() for ext in (".htm", ".html")):
                    return True
    return False


# -- one file, isolated -----------------------------------------------------------------------

def _error_row(source: str, stage: str, message: str, doc_id: str | None = None) -> dict[str, Any]:
    return {"source": source, "stage": stage, "error": message, "doc_id": doc_id}


def one_line(exc: BaseException, limit: int = 300) -> str:
    """An exception as one short line: ``Type: first line of the message``."""
    text = str(exc).strip().splitlines()
    msg = text[0] if text else ""
    if not isinstance(exc, ReportParseError):
        msg = f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
    return msg if len(msg) <= limit else msg[: limit - 1] + "…"


def _stage_of(exc: BaseException) -> str:
    """The pipeline stage an exception came from, judged by the deepest reportparse frame."""
    if isinstance(exc, InputError):
        return exc.stage
    stage = "pipeline"
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        mod = frame.f_globals.get("__name__", "")
        parts = mod.split(".")
        if parts[0] == "reportparse" and len(parts) > 1:
            stage = _STAGE_OF_MODULE.get(parts[1], stage)
    return stage


def _file_digest(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def failed_result(source: str, stage: str, message: str, path: str | None = None) -> DocumentResult:
    """A DocumentResult for a file that could not be parsed at all (read at ``path`` or ``source``)."""
    path = Path(path or source)
    digest = _file_digest(path)
    doc_id = digest[:16] if digest else None
    fmt = format_of(path)
    document = {"doc_id": doc_id, "source": source, "sha256": digest, "format": fmt,
                "status": "error", "error": message}
    return DocumentResult(document=document, errors=[_error_row(source, stage, message, doc_id)])


def parse_safely(source: str, rules: Any, settings: Settings, path: str | None = None) -> DocumentResult:
    """``parse_document`` with every unexpected exception turned into an error result.

    The file is read at ``path`` (default: ``source``, the path as given).
    """
    try:
        pipeline = importlib.import_module("reportparse.pipeline")
        result = pipeline.parse_document(Path(path or source), rules, settings, source=source)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        return failed_result(source, _stage_of(exc), one_line(exc), path)
    return _tidy(result, source)


def _tidy(result: DocumentResult, source: str) -> DocumentResult:
    """Fill the columns every row needs (source, doc_id) and make errors and status agree."""
    doc = result.document
    doc.setdefault("source", source)
    doc_id = doc.get("doc_id")
    for rows in result.tables.values():
        for row in rows:
            row.setdefault("doc_id", doc_id)
    for err in result.errors:
        err.setdefault("source", source)
        err.setdefault("doc_id", doc_id)
        err.setdefault("stage", "pipeline")
    if doc.get("status") == "error" and not result.errors:
        result.errors.append(_error_row(source, "pipeline", doc.get("error") or "unknown error", doc_id))
    return result


# -- worker pool ------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(settings: Settings) -> None:
    """Load the rules once per worker process (when the pool does not fork a loaded parent)."""
    if "rules" in _WORKER:  # forked from a parent that loaded them: see _pool_context
        return
    from .rulebook import load_rules
    from .segment import segmenter_for

    _WORKER["settings"] = settings
    try:
        _WORKER["rules"] = load_rules(settings.rule_dirs)
    except Exception as exc:  # noqa: BLE001 - reported per file by _work
        _WORKER["rules_error"] = exc
        return
    # jieba's dictionary is read now, so a file's --timeout counts its own work, not the warm-up
    segmenter_for(_WORKER["rules"])


def _work(source: str) -> DocumentResult:
    _test_hook(source)
    if "rules_error" in _WORKER:
        return failed_result(source, "rules", one_line(_WORKER["rules_error"]))
    return parse_safely(source, _WORKER["rules"], _WORKER["settings"])


#: Test hook, read in worker processes only: ``ACTION:NAME[:SECONDS]`` makes the worker that
#: gets the file named NAME ``sleep`` SECONDS first, ``exit`` at once (os._exit(3)) or ``kill``
#: itself (SIGKILL, as the kernel's out-of-memory killer does). For tests of --timeout and of
#: dying workers; never set it in production.
TEST_HOOK_ENV = "REPORTPARSE_TEST_HOOK"


def _test_hook(source: str) -> None:
    hook = os.environ.get(TEST_HOOK_ENV, "")
    if not hook:
        return
    action, _, rest = hook.partition(":")
    name, _, seconds = rest.partition(":")
    if Path(source).name != name:
        return
    if action == "sleep":
        time.sleep(float(seconds or 3600))
    elif action == "exit":
        os._exit(3)
    elif action == "kill":
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def _pool_context(rules: Any, settings: Settings, jobs: int) -> Any:
    """Where ``fork`` is safe (Linux), fork workers that inherit the parent's loaded rules.

    Elsewhere, or once this process has run OCR (ONNX Runtime is loaded), workers are spawned
    and each loads them itself. The segmenter is built here only for a single worker (then the
    parent keeps it for the next batch): a batch whose rows are all cached never needs it, and
    several workers build it in parallel.
    """
    import multiprocessing as mp

    if not sys.platform.startswith("linux") or "fork" not in mp.get_all_start_methods():
        return mp.get_context()
    if "onnxruntime" in sys.modules:  # OCR ran here: ONNX Runtime's at-fork handler hangs a forked child
        return mp.get_context("spawn")
    _WORKER.clear()
    _WORKER.update(settings=settings, rules=rules)
    if jobs == 1:
        from .segment import segmenter_for

        try:
            segmenter_for(rules)
        except Exception:  # noqa: BLE001 - only a warm-up: the worker builds it (or reports why not)
            pass
    gc.collect()
    gc.freeze()  # objects made so far are never scanned again: the children keep sharing their pages
    return mp.get_context("fork")


def _results(sources: Sequence[str], rules: Any, settings: Settings) -> Iterable[DocumentResult]:
    """Parse each source, yielding results in input order."""
    if settings.engine == "dask":
        from .daskrun import dask_results

        yield from dask_results(sources, rules, settings)
        return
    jobs = min(settings.jobs, len(sources))
    if jobs < 1 or (jobs == 1 and not settings.timeout):
        for src in sources:  # in this process: no time limit, nothing to isolate a crash
            yield parse_safely(src, rules, settings)
        return
    from collections import deque

    from pebble import ProcessPool

    # a bounded window of files in flight: finished results wait only for earlier ones
    timeout = settings.timeout or None
    todo = iter(sources)
    window: deque[tuple[str, Any]] = deque()
    ctx = _pool_context(rules, settings, jobs)
    pool = ProcessPool(max_workers=jobs, context=ctx, initializer=_init_worker, initargs=(settings,))
    try:
        for src in todo:
            window.append((src, pool.schedule(_work, (src,), timeout=timeout)))
            if len(window) < 4 * jobs:
                continue
            yield _outcome(*window.popleft(), timeout)
        while window:
            yield _outcome(*window.popleft(), timeout)
        pool.close()
    finally:
        pool.stop()
        pool.join()
        _WORKER.clear()
        if ctx.get_start_method() == "fork":
            gc.unfreeze()


def _outcome(src: str, fut: Any, timeout: float | None) -> DocumentResult:
    """The future's result; a file over the time limit, or whose worker died, as an error result
    (pebble stops that worker and starts a new one: the batch goes on)."""
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired

    try:
        return fut.result()
    except FutureTimeout:
        return failed_result(src, "worker", f"timed out after {timeout:g} s")
    except ProcessExpired as exc:  # a native crash in a PDF library, killed for memory, ...
        return failed_result(src, "worker", f"worker process died: {_exit_reason(exc.exitcode)}")
    except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back
        return failed_result(src, "worker", one_line(exc))


def _exit_reason(code: int | None) -> str:
    """A worker's exit code in words: ``killed by SIGKILL (out of memory?)``, ``exit code 3``."""
    if code is None or code >= 0:
        return f"exit code {code}"
    import signal

    try:
        name = signal.Signals(-code).name
    except ValueError:
        name = f"signal {-code}"
    hint = " (out of memory?)" if name == "SIGKILL" else " (a crash in native code)" if name == "SIGSEGV" else ""
    return f"killed by {name}{hint}"


# -- the batch --------------------------------------------------------------------------------

def run_batch(
    paths: Iterable[str | Path],
    settings: Settings,
    rules: Any = None,
    *,
    version: str = "",
    progress: bool | None = None,
    exclude: str | Path | None = None,
) -> BatchResult:
    """Discover inputs and parse them all, isolating failures.

    ``rules`` is a loaded RuleSet (loaded from ``settings.rule_dirs`` when None).
    ``progress`` shows a rich bar on stderr; by default only when stderr is a
    terminal and ``settings.quiet`` is False. Files under ``exclude`` (the output
    folder) are not inputs.
    """
    start = time.perf_counter()
    if rules is None:
        from .rulebook import load_rules

        rules = load_rules(settings.rule_dirs)
    sources, folder_errors = discover(paths, exclude)
    if progress is None:
        progress = not settings.quiet and _stderr_is_tty()
    opt_in = (("tokens",) if settings.tokens else ()) + (("terms",) if settings.terms else ())
    out = BatchResult(tables={t: [] for t in ROW_TABLES + opt_in})
    rules_hash = getattr(rules, "hash", None)
    with _progress_bar(len(sources), progress) as advance:
        for result in _results(sources, rules, settings):
            _collect(out, result, rules_hash, version)
            advance()
    out.errors.extend(folder_errors)
    out.seconds = time.perf_counter() - start
    return out


def _collect(out: BatchResult, result: DocumentResult, rules_hash: str | None, version: str) -> None:
    doc = result.document
    doc.setdefault("rules_hash", rules_hash)
    doc.setdefault("reportparse_version", version or None)
    out.documents.append(doc)
    for name, rows in out.tables.items():
        new = result.tables.get(name, ())
        rows.extend(new)
        out.counts[name] = out.counts.get(name, 0) + len(new)
        if len(rows) >= CHUNK_ROWS:
            from .tables import rows_to_frame

            out.chunks.setdefault(name, []).append(rows_to_frame(name, rows))
            out.tables[name] = []
    out.errors.extend(result.errors)
    if doc.get("status") != "error" and doc.get("doc_id"):
        out.texts[doc["doc_id"]] = result.text


def _stderr_is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class _progress_bar:  # noqa: N801 - used as a context manager like a function
    """A rich progress bar on stderr yielding an ``advance()`` callable; a no-op when off."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self._bar = total, enabled and total > 0, None

    def __enter__(self) -> Callable[[], None]:
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import Progress

        self._bar = Progress(console=Console(stderr=True), transient=True)
        self._bar.__enter__()
        task = self._bar.add_task("parsing", total=self.total)
        return lambda: self._bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def print_summary(result: BatchResult, out_dir: str | Path | None = None) -> None:
    """One screen on stderr: files, pages, rows per table, errors, seconds."""
    from rich.console import Console
    from rich.table import Table

    docs = result.documents
    pages = sum(int(d.get("pages") or 0) for d in docs)
    ok = sum(d.get("status") == "ok" for d in docs)
    failed = sum(d.get("status") == "error" for d in docs)
    grid = Table(title="reportparse", show_header=False, box=None, padding=(0, 2))
    grid.add_row("files", f"{len(docs)} ({ok} ok, {failed} failed)")
    grid.add_row("pages", str(pages))
    for name, rows in result.tables.items():
        grid.add_row(name, f"{result.counts.get(name, len(rows))} rows")
    grid.add_row("errors", f"{len(result.errors)} rows")
    _ocr_rows(grid, docs)
    _coverage_rows(grid, docs)
    grid.add_row("seconds", f"{result.seconds:.2f}")
    if out_dir is not None:
        grid.add_row("output", os.fspath(out_dir))
    console = Console(stderr=True)
    console.print(grid)
    for i, line in enumerate(failure_lines(result.errors, docs)):  # whole lines: a path is never wrapped
        console.print(f"  {'failed' if i == 0 else '':<15}{line}", markup=False, highlight=False,
                      soft_wrap=True)


def failure_lines(errors: list[dict[str, Any]], docs: list[dict[str, Any]], first: int = 10) -> list[str]:
    """One line per failed file or folder, ``source: reason`` (the first ``first``, then a count);
    when no input could be read at all, a first line saying so."""
    seen: dict[str, str] = {}
    for e in errors:
        seen.setdefault(str(e.get("source") or "?"), " ".join(str(e.get("error") or "").split()))
    lines = [f"{src}: {why}" for src, why in list(seen.items())[:first]]
    if len(seen) > first:
        lines.append(f"… and {len(seen) - first} more (see errors.csv)")
    if seen and not any(d.get("status") in ("ok", "empty") for d in docs):
        lines.insert(0, "no readable input file in: " + ", ".join(list(seen)[:first]))
    return lines


def _ocr_rows(grid: Any, docs: list[dict[str, Any]]) -> None:
    """Pages read by OCR; pages left without text, and how to read them."""
    read = sum(len(str(d["ocr_pages"]).split(";")) for d in docs if d.get("ocr_pages"))
    left = [d for d in docs if d.get("pages_without_text")]
    if read:
        grid.add_row("ocr", f"{read} pages read by OCR")
    if left:
        n = sum(len(str(d["pages_without_text"]).split(";")) for d in left)
        from .ingest.ocr import INSTALL_HINT
        from .settings import ocr_installed

        how = "not read with --ocr never" if ocr_installed() else f"OCR reads them: {INSTALL_HINT}"
        from rich.markup import escape  # the hint's [ocr] is no style

        grid.add_row("no text", escape(f"{n} pages in {len(left)} files have no text layer (scans?); {how}"))


def _coverage_rows(grid: Any, docs: list[dict[str, Any]], each: int = 10) -> None:
    """Share of numbers claimed: per document for a small batch, else the mean and the lowest."""
    cov = [(d.get("source") or "", d["coverage"]) for d in docs if isinstance(d.get("coverage"), float)]
    if not cov:
        return
    if len(cov) <= each:
        for i, (src, c) in enumerate(cov):
            grid.add_row("claimed" if i == 0 else "", f"{c:.1%} of numbers  {Path(src).name}")
        return
    low = min(cov, key=lambda t: t[1])
    mean = sum(c for _, c in cov) / len(cov)
    grid.add_row("claimed", f"{mean:.1%} of numbers on average; lowest {low[1]:.1%} {Path(low[0]).name}")
