"""Documents of other genres and places, written for the tests (tests/genres/), scored like
``../shared/realdocs/gold`` (the metric must name the indicator; a rate carries scope change).

Each ``tests/genres/NAME.txt`` has a hand-written ``NAME.gold.json`` in the seed gold's format
(figures, dates, departments; officials and references where given). They are blind rounds
written in the styles of other offices: the bars are those of issue 11 (figure recall ≥ 0.85)
and departments recall and precision ≥ 0.85, per document. Each text is also drawn as a PDF
(corpora/make_pdf.py, fonts embedded like Word's) and must reach the same bars.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from score_helpers import load_scorer

from reportparse.api import extract

ROOT = Path(__file__).resolve().parent.parent
GENRES = Path(__file__).resolve().parent / "genres"
NAMES = sorted(p.name[: -len(".gold.json")] for p in GENRES.glob("*.gold.json"))
BARS = {"fig_r": 0.85, "date_r": 0.85, "dept_r": 0.85, "dept_p": 0.85}
_TABLE = {"fig_r": "figures", "date_r": "dates", "dept_r": "departments", "dept_p": "departments"}


def _make_pdf():
    """corpora/make_pdf.py, or None when it or its fonts are missing."""
    sys.path.insert(0, str(ROOT / "corpora"))
    try:
        import make_pdf
    except ImportError:
        return None
    finally:
        sys.path.pop(0)
    return make_pdf if all(p.exists() for p, _ in make_pdf.FONT_FILES.values()) else None


@pytest.fixture(scope="module")
def genres_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bool]:
    src = tmp_path_factory.mktemp("genres-src")
    make_pdf = _make_pdf()
    for name in NAMES:
        text = (GENRES / f"{name}.txt").read_text(encoding="utf-8")
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
        if make_pdf is not None:
            make_pdf.render_report(text, src / f"{name}.pdf", backend="fpdf2")
    out = tmp_path_factory.mktemp("genres") / "out"
    extract([src], out=out, formats=("csv",), jobs=1, timeout=0)
    return out, make_pdf is not None


@pytest.mark.parametrize("form", [".txt", ".pdf"])
@pytest.mark.parametrize("name", NAMES)
def test_genre_document_scores(genres_out: tuple[Path, bool], name: str, form: str) -> None:
    out, have_pdf = genres_out
    if form == ".pdf" and not have_pdf:
        pytest.skip("corpora/make_pdf.py or its fonts are not installed")
    gold = json.loads((GENRES / f"{name}.gold.json").read_text(encoding="utf-8"))
    res = load_scorer().score(gold, str(out), name + form)
    low = {k: round(res[k], 2) for k, bar in BARS.items()
           if gold.get(_TABLE[k]) and res.get(k) is not None and res[k] < bar}
    assert not low, (name, form, low, {k: res[k] for k in res if k.endswith("missed")})
