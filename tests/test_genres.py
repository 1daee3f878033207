"""Documents of other genres and places, written for the tests (tests/genres/), scored like
``../shared/realdocs/gold`` (the metric must name the indicator; a rate carries scope change).

Each ``tests/genres/NAME.txt`` has a hand-written ``NAME.gold.json`` in the seed gold's format
(figures, dates, departments; officials and references where given). They are blind rounds
written in the styles of other offices: the bars are those of issue 11 (figure recall ≥ 0.85)
and a departments recall ≥ 0.85, per document.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from score_helpers import load_scorer

from reportparse.api import extract

GENRES = Path(__file__).resolve().parent / "genres"
NAMES = sorted(p.name[: -len(".gold.json")] for p in GENRES.glob("*.gold.json"))
BARS = {"fig_r": 0.85, "date_r": 0.85, "dept_r": 0.85, "dept_p": 0.85}


@pytest.fixture(scope="module")
def genres_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("genres") / "out"
    extract([GENRES / f"{n}.txt" for n in NAMES], out=out, formats=("csv",), jobs=1)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_genre_document_scores(genres_out: Path, name: str) -> None:
    gold = json.loads((GENRES / f"{name}.gold.json").read_text(encoding="utf-8"))
    res = load_scorer().score(gold, str(genres_out), name + ".txt")
    low = {k: round(res[k], 2) for k, bar in BARS.items()
           if gold.get(_TABLE[k]) and res.get(k) is not None and res[k] < bar}
    assert not low, (name, low)


_TABLE = {"fig_r": "figures", "date_r": "dates", "dept_r": "departments", "dept_p": "departments"}
