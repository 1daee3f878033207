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
