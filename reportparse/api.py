"""The Python API: ``extract(paths) -> Extraction``; the CLI is a thin layer over it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ReportParseError
from .output import parse_formats, write_tables
from .settings import DEFAULT_TIMEOUT, Settings
from .tables import CORE_TABLES, rows_to_frame

if TYPE_CHECKING:
    import pandas as pd

    from .batch import BatchResult


def version() -> str:
    """The installed reportparse version ("" when unknown)."""
    try:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as _v

        return _v("reportparse")
    except PackageNotFoundError:
        try:
            from . import __version__

            return str(__version__)
        except ImportError:
            return ""


@dataclass
class Extraction:
    """The tables of one run, one DataFrame each, plus the cleaned texts by doc_id.

    ``exit_code`` is 0 when every input parsed and 1 when any failed.
    """

    tables: dict[str, pd.DataFrame]
    texts: dict[str, str] = field(default_factory=dict)
    exit_code: int = 0
    seconds: float = 0.0
    formats: tuple[str, ...] = ("csv", "parquet")

    @property
    def documents(self) -> pd.DataFrame:
        return self.tables["documents"]

    @property
    def figures(self) -> pd.DataFrame:
        return self.tables["figures"]

    @property
    def dates(self) -> pd.DataFrame:
        return self.tables["dates"]

    @property
    def departments(self) -> pd.DataFrame:
        return self.tables["departments"]

    @property
    def officials(self) -> pd.DataFrame:
        return self.tables["officials"]

    @property
    def references(self) -> pd.DataFrame:
        return self.tables["references"]

    @property
    def errors(self) -> pd.DataFrame:
        return self.tables["errors"]

    @property
    def coverage(self) -> pd.DataFrame:
        """Numbers and date-like strings no rule claimed (see ``coverage.py``)."""
        return self.tables["coverage"]

    @property
    def cells(self) -> pd.DataFrame:
        """Cells of the ruled tables of PDFs (see ``entities/cells.py``)."""
        return self.tables["cells"]

    @property
    def warnings(self) -> pd.DataFrame:
        """What the readers reported per document and page: corrupted data, lost pages, replaced
        characters, pages read by PDFium (see ``notices.py``)."""
        return self.tables["warnings"]

    @property
    def terms(self) -> pd.DataFrame | None:
        """The opt-in terms table; None unless extracted with ``terms=True``."""
        return self.tables.get("terms")

    @property
    def tokens(self) -> pd.DataFrame | None:
        """The opt-in tokens table; None unless extracted with ``tokens=True``."""
        return self.tables.get("tokens")

    def write(self, out_dir: str | Path, formats: str | Sequence[str] | None = None) -> list[Path]:
        """Write every table (``<table>.<ext>``), ``texts/<doc_id>.txt`` and ``datapackage.json``
        into ``out_dir``."""
        out = Path(out_dir)
        fmts = parse_formats(formats if formats is not None else self.formats)
        try:
            texts_dir = out / "texts"
            texts_dir.mkdir(parents=True, exist_ok=True)
            for doc_id, text in sorted(self.texts.items()):
                (texts_dir / f"{doc_id}.txt").write_bytes(text.encode("utf-8"))
        except OSError as exc:
            raise ReportParseError(f"cannot write to {out}: {exc.strerror or exc}") from exc
        written = write_tables(self.tables, out, fmts)
        from .datapackage import write_datapackage

        return [*written, write_datapackage(self.tables, out, fmts, version())]

    @classmethod
    def from_batch(cls, batch: BatchResult, formats: tuple[str, ...] = ("csv", "parquet")) -> Extraction:
        """Build the frames of a finished batch (its packed row chunks are handed over)."""
        rows = {"documents": batch.documents, **batch.tables, "errors": batch.errors}
        names = list(CORE_TABLES) + [t for t in batch.tables if t not in CORE_TABLES]
        frames = {}
        for name in names:
            parts = batch.chunks.pop(name, []) + [rows_to_frame(name, rows.get(name, []))]
            frames[name] = parts[0] if len(parts) == 1 else _concat(parts)
        return cls(frames, dict(batch.texts), batch.exit_code, batch.seconds, formats)


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    return pd.concat(parts, ignore_index=True)


def _cache_dir(cache: bool, cache_dir: str | Path | None) -> Path | None:
    if not cache:
        return None
    from .cache import default_cache_dir

    return Path(cache_dir) if cache_dir is not None else default_cache_dir()


def extract(
    paths: str | Path | Iterable[str | Path],
    *,
    out: str | Path | None = None,
    rules: Iterable[str | Path] = (),
    formats: str | Sequence[str] = ("csv", "parquet"),
    jobs: int = 1,
    quiet: bool = True,
    tokens: bool = False,
    terms: bool = False,
    terms_top: int = 20,
    pdf_engine: str = "pdfplumber",
    ocr: str = "auto",
    cache: bool = True,
    cache_dir: str | Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Extraction:
    """Parse report files and folders into tables; write them into ``out`` when given.

    ``rules`` are extra rule folders loaded on top of the shipped ones. Raises
    ReportParseError for a missing path, a bad option or broken rule files
    (RuleFileError); a file that cannot be parsed becomes an ``errors`` row instead.
    With ``cache`` the cleaned texts and rows are kept in ``cache_dir`` (default:
    ``$REPORTPARSE_CACHE_DIR`` or the user cache folder) and reused when nothing changed.
    ``ocr`` (auto, always, never) reads image files and PDF pages without a usable text layer
    with the offline OCR engine of ``reportparse[ocr]`` (see ``Settings``).
    ``terms`` adds the ``terms`` table (each document's ``terms_top`` TF-IDF keywords).
    ``engine="dask"`` parses on a dask.distributed cluster (``scheduler`` address, or a
    LocalCluster of ``jobs`` workers) and also writes ``out/<table>/year=YYYY/`` Parquet.
    ``timeout`` (seconds, 0: none) bounds each file: over it, or when its worker process dies,
    the file becomes an ``errors`` row and the batch goes on (files run in worker processes).

    Example::

        ex = extract(["corpora/"], out="out/", formats="csv,jsonl")
        ex.figures.query("scope == 'ytd'")
    """
    from .batch import print_summary, run_batch
    from .rulebook import load_rules

    fmts = parse_formats(formats)
    if "duckdb" in fmts:
        from .datapackage import require_duckdb

        require_duckdb()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    settings = Settings.resolve(
        None, rule_dirs=tuple(Path(r) for r in rules), formats=fmts, jobs=jobs, quiet=quiet,
        tokens=tokens, terms=terms, terms_top=terms_top, pdf_engine=pdf_engine, ocr=ocr,
        cache_dir=_cache_dir(cache, cache_dir),
        engine=engine, scheduler=scheduler, timeout=timeout,
    )
    ruleset = load_rules(settings.rule_dirs)
    batch = run_batch(list(paths), settings, ruleset, version=version(), exclude=out)
    result = Extraction.from_batch(batch, fmts)
    if out is not None:
        result.write(out, fmts)
        if engine == "dask":
            from .daskrun import write_partitioned

            write_partitioned(result.tables, out)
    if not quiet:
        print_summary(batch, out)
    return result
