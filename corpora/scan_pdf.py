"""Make an image-only "scan" of a PDF: every page rasterized, blurred a little, wrapped back into a PDF.

Usage: ``python corpora/scan_pdf.py IN.pdf OUT.pdf [--dpi 150] [--blur 0.8]``. In Python:
``scan_pdf(pdf, out, dpi=150, blur=0.8)`` returns the page images (Pillow, grayscale). The
result has no text layer, as a scanned back issue: the OCR tests and benchmark read it.
Needs Pillow (the ``test`` extra) and pypdfium2.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def scan_pdf(pdf: Path, out: Path, dpi: int = 150, blur: float = 0.8) -> list[Any]:
    """``pdf`` rasterized at ``dpi``, Gaussian-blurred by ``blur`` pixels, saved as the image-only PDF ``out``."""
    import pypdfium2 as pdfium
    from PIL import ImageFilter

    doc = pdfium.PdfDocument(pdf)
    try:
        images = [page.render(scale=dpi / 72).to_pil().convert("L").filter(ImageFilter.GaussianBlur(blur))
                  for page in doc]
    finally:
        doc.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
    return images


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--dpi", type=int, default=150)
    ap.add_argument("--blur", type=float, default=0.8)
    a = ap.parse_args()
    print(f"{len(scan_pdf(a.pdf, a.out, a.dpi, a.blur))} page(s) -> {a.out}")


if __name__ == "__main__":
    main()
