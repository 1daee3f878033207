"""Input readers: one module per input kind, chosen by sniffing bytes, then by suffix.

PDF (pdfplumber or PDFium), plain text and Markdown, Word .docx (python-docx) and HTML
(beautifulsoup4). Images (and PDF pages without a usable text layer) are read by OCR when the
``reportparse[ocr]`` extra is installed (``ocr.py``); otherwise an image gives a one-line error.
Add a kind by writing a module with a reader ``(path, settings) -> RawDocument`` and
registering its suffixes in ``READERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import InputError, NoTextLayer, PdfReadError
from ..model import RawDocument
from ..settings import FORMAT_OF_SUFFIX, IMAGE_SUFFIXES, Settings, format_of
from .docx import read_docx
from .html import read_html
from .ocr import read_image
from .text import read_text

Reader = Callable[[Path, Settings], RawDocument]


def read_pdf(path: Path, settings: Settings | None = None) -> RawDocument:
    """A PDF through pdfplumber (pdf.py; pdfplumber is imported on the first PDF, not at start-up)."""
    from .pdf import read_pdf as read

    return read(path, settings)


def read_pdf_pdfium(path: Path, settings: Settings | None = None) -> RawDocument:
    """A PDF through PDFium (pdfium.py; pypdfium2 is imported on the first PDF)."""
    from .pdfium import read_pdf_pdfium as read

    return read(path, settings)

# PDF engines by ``Settings.pdf_engine``; pdfplumber cross-checks its pages with PDFium
PDF_READERS: dict[str, Reader] = {"pdfplumber": read_pdf, "pypdfium2": read_pdf_pdfium}


def read_any_pdf(path: Path, settings: Settings) -> RawDocument:
    """Read a PDF with the engine named by ``settings.pdf_engine``."""
    return PDF_READERS[settings.pdf_engine](path, settings)


READERS: dict[str, Reader] = {
    ".pdf": read_any_pdf,
    ".txt": lambda path, settings: read_text(path),
    ".md": lambda path, settings: read_text(path),
    ".docx": lambda path, settings: read_docx(path),
    ".html": lambda path, settings: read_html(path),
    ".htm": lambda path, settings: read_html(path),
}

ZIP = "a ZIP archive (DOCX/XLSX?)"
OLE = "an OLE document (DOC/XLS?)"

# leading bytes of formats that are often misnamed; used for clear messages
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", ZIP),
    (b"\xd0\xcf\x11\xe0", OLE),
    (b"{\\rtf", "an RTF document"),
)

__all__ = ["FORMAT_OF_SUFFIX", "PDF_READERS", "read_image", "READERS", "format_of", "read_any_pdf",
           "read_docx", "read_document", "read_html", "read_pdf", "read_pdf_pdfium", "read_text", "sniff",
           "InputError", "PdfReadError", "NoTextLayer"]



def sniff(head: bytes) -> str | None:
    """Name the file kind from its first bytes: 'pdf', a description of another format, or None."""
    if b"%PDF" in head[:1024]:
        return "pdf"
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    return None


def read_document(path: Path, settings: Settings | None = None) -> RawDocument:
    """Read any supported file; raise InputError (or PdfReadError/NoTextLayer) with a one-line message."""
    settings = Settings.resolve(settings)
    path = Path(path)
    source = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except IsADirectoryError:
        raise InputError(source, "is a directory, not a file") from None
    except OSError as e:
        raise InputError(source, f"cannot read file: {e.strerror or e}") from None
    if not head:
        raise InputError(source, "empty file (0 bytes)")
    kind = sniff(head)
    suffix = path.suffix.lower()
    if kind == "pdf":
        return read_any_pdf(path, settings)
    if suffix == ".pdf":
        raise PdfReadError(source, f"not a PDF: the file is {kind or 'not in PDF format (no %PDF header)'}")
    if suffix in IMAGE_SUFFIXES or (kind or "").endswith(" image"):
        return read_image(path, settings)
    if suffix == ".docx" and kind in (ZIP, OLE):
        return read_docx(path)  # an OLE .docx is refused there with its own message
    if kind is not None:
        raise InputError(source, f"unsupported input: the file is {kind}")
    reader = READERS.get(suffix)
    if reader is None:
        allowed = ", ".join(sorted(READERS))
        raise InputError(source, f"unsupported file type {suffix or '(no suffix)'!r}; allowed: {allowed}")
    return reader(path, settings)
