"""Checks every reader makes on a file's bytes before parsing it."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, PdfReadError


def read_input(path: Path) -> bytes:
    """The file's bytes; InputError when it cannot be read or is empty."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputError(source, f"cannot read file: {e.strerror or e}") from None
    if not data:
        raise InputError(source, "empty file (0 bytes)")
    return data


def read_pdf_bytes(path: Path) -> bytes:
    """A PDF's bytes after the header and end-marker checks (PdfReadError otherwise)."""
    data = read_input(path)
    if b"%PDF" not in data[:1024]:
        raise PdfReadError(str(path), "not a PDF (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise PdfReadError(str(path), "truncated PDF (no %%EOF marker at the end)")
    return data
