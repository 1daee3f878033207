"""Helpers shared by the tests that score an output folder: the scorer module and a table's rows."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from typing import Any

GOLDEN_SCORE = Path(__file__).resolve().parent / "golden" / "score.py"


def load_scorer(path: Path = GOLDEN_SCORE) -> Any:
    """The score.py module at ``path`` (tests/golden's by default, or ../shared/tools')."""
    spec = importlib.util.spec_from_file_location(f"score_{abs(hash(str(path)))}", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_rows(out: Path, table: str) -> list[dict[str, str]]:
    """The rows of ``out/<table>.csv``."""
    with open(out / f"{table}.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def make_pdf_module() -> Any:
    """corpora/make_pdf.py, or None when it or its fonts are missing."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "corpora"))
    try:
        import make_pdf
    except ImportError:
        return None
    finally:
        sys.path.pop(0)
    return make_pdf if all(p.exists() for p, _ in make_pdf.FONT_FILES.values()) else None


def extract_as_text_and_pdf(texts: dict[str, str], factory: Any, label: str, **options: Any) -> tuple[Path, bool]:
    """Each ``NAME: text`` written as NAME.txt and, fonts permitting, drawn as NAME.pdf (fpdf2), all
    extracted into one csv folder: (that folder, whether the PDFs were made)."""
    from reportparse.api import extract

    src = factory.mktemp(f"{label}-src")
    make_pdf = make_pdf_module()
    for name, text in texts.items():
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
        if make_pdf is not None:
            make_pdf.render_report(text, src / f"{name}.pdf", backend="fpdf2")
    out = factory.mktemp(label) / "out"
    extract([src], out=out, formats=("csv",), jobs=1, **options)
    return out, make_pdf is not None
