"""What the libraries report while a file is read, kept as rows of the ``warnings`` table.

pdfminer logs damage it works around ("Data-loss while decompressing corrupted data", a bad
xref, an invalid MediaBox) through :mod:`logging`; with no handler configured Python prints
those to stderr, where a batch of thousands loses them. :class:`Notices` captures them (and
Python warnings) while a reader runs, with the page being read, so they become
``warnings`` rows ``(page, stage, message)`` and a count in ``documents.warnings``.
A reader adds its own findings (a lost page, replaced characters) with :meth:`Notices.add`.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: Loggers of the PDF libraries whose warnings (and worse) are captured.
LIBRARY_LOGGERS = ("pdfminer", "pdfplumber", "pypdfium2", "PIL", "fontTools")
#: Meta key of a RawDocument holding its notices: a list of [page, stage, message].
META_KEY = "warnings"


class Notices:
    """Collects (page, stage, message) notices; ``page`` is the one being read, None for the file."""

    def __init__(self) -> None:
        self.items: list[tuple[int | None, str, str]] = []
        self.page: int | None = None

    def add(self, message: str, page: int | None = None, stage: str = "ingest") -> None:
        """Record one notice (``page`` defaults to the page being read)."""
        text = " ".join(str(message).split())
        if text:
            self.items.append((page if page is not None else self.page, stage, text[:300]))

    @contextmanager
    def capture(self, loggers: tuple[str, ...] = LIBRARY_LOGGERS) -> Iterator[Notices]:
        """Within the block, library log records of level WARNING and up, and Python warnings,
        are recorded here instead of printed."""
        handler = _Handler(self)
        saved = []
        for name in loggers:
            log = logging.getLogger(name)
            saved.append((log, log.propagate))
            log.addHandler(handler)
            log.propagate = False
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                yield self
            for w in caught:
                self.add(f"{w.category.__name__}: {w.message}")
        finally:
            for log, propagate in saved:
                log.removeHandler(handler)
                log.propagate = propagate

    def as_meta(self) -> list[list[Any]]:
        """The notices for RawDocument.meta: repeats folded into one with a count (``(×12)``)."""
        counts: dict[tuple[int | None, str, str], int] = {}
        for item in self.items:
            counts[item] = counts.get(item, 0) + 1
        return [[page, stage, msg if n == 1 else f"{msg} (×{n})"] for (page, stage, msg), n in counts.items()]


class _Handler(logging.Handler):
    def __init__(self, notices: Notices) -> None:
        super().__init__(level=logging.WARNING)
        self.notices = notices

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.notices.add(f"{record.name}: {record.getMessage()}")
        except Exception:  # noqa: BLE001 - a message that cannot be formatted is not worth a crash
            self.notices.add(f"{record.name}: {record.msg}")


def warning_rows(meta: dict[str, Any], doc_id: str | None) -> list[dict[str, Any]]:
    """The ``warnings`` rows of a document from its reader's meta: the captured notices, then
    the pages whose text came from PDFium (pdfplumber lost characters there), a PDFium
    cross-check that could not run, and pages with no text layer (their text is missing)."""
    rows = [{"doc_id": doc_id, "page": page, "stage": stage, "message": msg}
            for page, stage, msg in meta.get(META_KEY) or ()]
    for page in sorted(int(p) for p in meta.get("engine_pages") or {}):
        rows.append({"doc_id": doc_id, "page": page, "stage": "ingest",
                     "message": "pdfplumber lost characters on this page: its text is PDFium's"})
    if meta.get("cross_check"):
        rows.append({"doc_id": doc_id, "page": None, "stage": "ingest",
                     "message": f"PDFium cross-check not done: {meta['cross_check']}"})
    for page in meta.get("pages_without_text") or ():
        rows.append({"doc_id": doc_id, "page": int(page), "stage": "ingest",
                     "message": "no text on this page: scanned or image-only (needs OCR), or its content was lost"})
    return rows
