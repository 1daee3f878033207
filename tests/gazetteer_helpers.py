"""What the gazetteer tests share: load a departments file written to a temp folder and collect
the problems the loader reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportparse.errors import RuleFileError
from reportparse.normalize.orgs import load_departments


def department_problems(folder: Path, text: str) -> tuple[Path, RuleFileError, set[tuple[int, str]]]:
    """(the file, the error, {(line, first word of the message)}) of a bad departments file."""
    path = folder / "departments.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_departments(path)
    return path, info.value, {(p.line, p.message.split(" ")[0]) for p in info.value.problems}
