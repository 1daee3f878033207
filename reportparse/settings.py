"""Settings shared by the API and the CLI; every default lives here."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ReportParseError

FORMATS = ("csv", "parquet", "xlsx", "jsonl", "duckdb")
PDF_ENGINES = ("pdfplumber", "pypdfium2")
OCR_MODES = ("auto", "always", "never")
ENGINES = ("local", "dask")
DOCUMENT_SUFFIXES = (".pdf", ".txt", ".md", ".docx", ".html", ".htm")
# images are inputs too: read by OCR (the ocr extra), else each gets an error row saying so
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
INPUT_SUFFIXES = DOCUMENT_SUFFIXES + IMAGE_SUFFIXES
#: documents.format by suffix where it is not the suffix itself
FORMAT_OF_SUFFIX = {".htm": "html", **dict.fromkeys(IMAGE_SUFFIXES, "image")}


def format_of(path: str | Path) -> str | None:
    """The documents.format a file's suffix names: pdf, txt, md, docx, html, image (None: no suffix)."""
    suffix = Path(path).suffix.lower()
    return FORMAT_OF_SUFFIX.get(suffix, suffix.lstrip(".") or None)
OCR_PACKAGE = "rapidocr_onnxruntime"  # the engine of the ``ocr`` extra (ingest/ocr.py)


def ocr_installed() -> bool:
    """True when the OCR extra's engine is importable (nothing is imported to tell)."""
    return importlib.util.find_spec(OCR_PACKAGE) is not None


# Notes that live beside a corpus and are not reports: skipped when a folder is searched
# (name them explicitly to parse them anyway).
SKIP_STEMS = ("readme", "sources", "synthetic", "changelog", "license", "notes")
#: Seconds one file may take in a worker before it becomes an error row (0: no limit).
DEFAULT_TIMEOUT = 300.0


@dataclass(frozen=True)
class Settings:
    """Options of one extraction run.

    rule_dirs: extra rule folders loaded on top of the shipped ``rules/``.
    formats: output formats (see ``FORMATS``).
    pdf_engine: text extractor for PDFs.
    ocr: ``auto`` (pages without a usable text layer and image files, when the OCR extra is
    installed), ``always`` (every page) or ``never``; ocr_dpi: resolution pages are rasterized at.
    x_tolerance: pdfplumber's horizontal tolerance when grouping characters.
    margin_top / margin_bottom: share of the page height where running heads
    and page numbers are looked for.
    tokens: also build the opt-in ``tokens`` table.
    terms / terms_top: also build the opt-in ``terms`` table of each document's top keywords.
    cache_dir: folder of the text and rows cache (``cache.py``); None: no cache.
    engine: ``local`` (a process pool of ``jobs`` workers) or ``dask`` (``daskrun.py``).
    scheduler: address of a dask scheduler; None starts a LocalCluster of ``jobs`` workers.
    timeout: seconds a file may take in a worker process (local engine) before its worker is
    replaced and the file becomes an error row; 0: no limit (and, with ``jobs`` 1, no worker).
    """

    rule_dirs: tuple[Path, ...] = ()
    formats: tuple[str, ...] = ("csv", "parquet")
    pdf_engine: str = "pdfplumber"
    ocr: str = "auto"
    ocr_dpi: int = 150
    x_tolerance: float = 3.0
    margin_top: float = 0.08
    margin_bottom: float = 0.08
    tokens: bool = False
    terms: bool = False
    terms_top: int = 20
    jobs: int = 1
    cache_dir: Path | None = None
    engine: str = "local"
    scheduler: str | None = None
    quiet: bool = False
    timeout: float = DEFAULT_TIMEOUT
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        bad = [f for f in self.formats if f not in FORMATS]
        if bad:
            raise ReportParseError(f"unknown format(s) {bad}; allowed: {', '.join(FORMATS)}")
        if self.pdf_engine not in PDF_ENGINES:
            raise ReportParseError(
                f"unknown pdf engine {self.pdf_engine!r}; allowed: {', '.join(PDF_ENGINES)}"
            )
        if self.ocr not in OCR_MODES:
            raise ReportParseError(f"unknown ocr mode {self.ocr!r}; allowed: {', '.join(OCR_MODES)}")
        if self.ocr == "always" and not ocr_installed():
            raise ReportParseError("--ocr always needs the OCR extra: pip install 'reportparse[ocr]'")
        if not 50 <= self.ocr_dpi <= 600:
            raise ReportParseError("Setting 'ocr_dpi' must be between 50 and 600")
        if self.x_tolerance < 0:
            raise ReportParseError("Setting 'x_tolerance' cannot be negative")
        if self.engine not in ENGINES:
            raise ReportParseError(f"unknown engine {self.engine!r}; allowed: {', '.join(ENGINES)}")
        if self.terms_top < 1:
            raise ReportParseError("Setting 'terms_top' must be at least 1")
        if self.jobs < 1:
            raise ReportParseError("Setting 'jobs' must be at least 1")
        if not self.timeout >= 0:
            raise ReportParseError("Setting 'timeout' must be 0 (no limit) or more seconds")

    @classmethod
    def resolve(cls, value: Settings | dict[str, Any] | None = None, **overrides: Any) -> Settings:
        """Accept None, a dict or a Settings, then apply keyword overrides."""
        if value is None:
            base = cls()
        elif isinstance(value, Settings):
            base = value
        elif isinstance(value, dict):
            known = {f.name for f in fields(cls)}
            unknown = sorted(set(value) - known)
            if unknown:
                raise ReportParseError(f"unknown setting(s) {unknown}; allowed: {sorted(known)}")
            base = cls(**value)
        else:
            raise ReportParseError(f"cannot make Settings from {type(value).__name__}")
        return replace(base, **overrides) if overrides else base
