"""An extract output folder read back as a series of issues: tables, metric aliases, series keys.

Shared by ``checks`` (cross-issue consistency) and ``panel`` (wide time series).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ReportParseError, RuleFileError, RuleProblem

if TYPE_CHECKING:
    import pandas as pd

ALIASES_FILE = Path("gazetteers") / "metric_aliases.yaml"
_ENTRY_KEYS = {"canonical", "aliases", "note"}
#: Joins the parts of a panel column name and of a series label.
SEP = "|"
#: Joins a subject to its metric in a label: 行政许可事项·受理.
SUBJECT_SEP = "·"


def read_table(out_dir: str | Path, name: str, *, required: bool = True) -> pd.DataFrame | None:
    """Table ``name`` of an extract folder as a DataFrame, from whichever format ``extract`` wrote:
    ``<name>.parquet`` (preferred), ``.csv``, ``.jsonl``, a sheet of ``tables.xlsx`` or a table of
    ``reportparse.duckdb``.

    Declared tables get their declared dtypes. Returns None for a missing optional table;
    raises ReportParseError for a missing required one (or one in a file that cannot be read).
    """
    from .tables import TABLES, rows_to_frame

    out = Path(out_dir)
    for ext in ("parquet", "csv", "jsonl", "xlsx", "duckdb"):
        path = out / (f"{name}.{ext}" if ext in ("parquet", "csv", "jsonl") else _BOOK[ext])
        if not path.is_file():
            continue
        try:
            frame = _READ[ext](path, name)
        except (OSError, ValueError, ImportError) as exc:
            raise ReportParseError(f"cannot read {path}: {' '.join(str(exc).split())}") from exc
        if frame is None:
            continue
        if name in TABLES:
            frame = rows_to_frame(name, frame.to_dict("records"))
        return frame
    if required:
        raise ReportParseError(
            f"no {name} table in {out} (looked for {name}.parquet, .csv, .jsonl, a {name} sheet of "
            f"{_BOOK['xlsx']}, a {name} table of {_BOOK['duckdb']}); run: reportparse extract PATH --out {out}"
        )
    return None


_BOOK = {"xlsx": "tables.xlsx", "duckdb": "reportparse.duckdb"}


def _read_parquet(path: Path, name: str) -> pd.DataFrame:
    import pandas as pd

    return pd.read_parquet(path)


def _read_csv(path: Path, name: str) -> pd.DataFrame:
    import pandas as pd

    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _read_jsonl(path: Path, name: str) -> pd.DataFrame:
    import pandas as pd

    return pd.read_json(path, lines=True, dtype=False)


def _read_xlsx(path: Path, name: str) -> pd.DataFrame | None:
    """The sheet ``name`` of tables.xlsx (None when the workbook has no such sheet)."""
    import pandas as pd

    with pd.ExcelFile(path, engine="openpyxl") as book:
        if name[:31] not in book.sheet_names:
            return None
        return pd.read_excel(book, sheet_name=name[:31], dtype=object)


def _read_duckdb(path: Path, name: str) -> pd.DataFrame | None:
    """The table ``name`` of reportparse.duckdb (None when it has none), opened read-only."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        found = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name])
        if not found.fetchone()[0]:
            return None
        return con.execute(f'SELECT * FROM "{name}"').df()
    except duckdb.Error as exc:
        raise ValueError(str(exc)) from exc
    finally:
        con.close()


_READ = {"parquet": _read_parquet, "csv": _read_csv, "jsonl": _read_jsonl, "xlsx": _read_xlsx,
         "duckdb": _read_duckdb}


def load_metric_aliases(rule_dirs: Iterable[str | Path] = ()) -> dict[str, str]:
    """Alias -> canonical metric from the shipped ``rules/gazetteers/metric_aliases.yaml``
    and the same file in each of ``rule_dirs``; canonical names map to themselves.

    Raises RuleFileError listing every problem (bad YAML, unknown keys, a name given twice).
    """
    import yaml

    from .rulebook import SHIPPED_RULES

    mapping: dict[str, str] = {}
    problems: list[RuleProblem] = []
    for d in [SHIPPED_RULES, *(Path(r) for r in rule_dirs)]:
        path = d / ALIASES_FILE
        if not path.is_file():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except (UnicodeDecodeError, yaml.YAMLError) as exc:
            problems.append(RuleProblem(str(path), 1, "", f"cannot read: {str(exc).splitlines()[0]}"))
            continue
        if not isinstance(data, list):
            problems.append(RuleProblem(str(path), 1, "", "must be a list of {canonical, aliases} entries"))
            continue
        for i, entry in enumerate(data):
            where = f"entry {i + 1}"
            if not isinstance(entry, dict) or not isinstance(entry.get("canonical"), str):
                problems.append(RuleProblem(str(path), 1, where, "needs a 'canonical' name"))
                continue
            for key in sorted(set(entry) - _ENTRY_KEYS):
                problems.append(RuleProblem(str(path), 1, where, f"unknown key {key!r}; allowed: "
                                            f"{sorted(_ENTRY_KEYS)}"))
            canonical = entry["canonical"].strip()
            aliases = entry.get("aliases") or []
            if not isinstance(aliases, list):
                problems.append(RuleProblem(str(path), 1, canonical, "'aliases' must be a list"))
                continue
            for name in [canonical, *(str(a).strip() for a in aliases)]:
                if mapping.get(name, canonical) != canonical:
                    problems.append(RuleProblem(str(path), 1, canonical,
                                                f"{name!r} is already an alias of {mapping[name]!r}"))
                mapping.setdefault(name, canonical)
    if problems:
        raise RuleFileError(problems)
    return mapping


@dataclass(frozen=True, order=True)
class SeriesKey:
    """What makes figures of different issues one series (the metric after aliases)."""

    metric: str
    subject: str = ""
    unit: str = ""
    department: str = ""

    def label(self, *, unit: bool = True) -> str:
        """行政许可事项·受理 (件) | 四川省卫生健康委员会 -> compact, readable name."""
        name = f"{self.subject}{SUBJECT_SEP}{self.metric}" if self.subject else self.metric
        if unit and self.unit:
            name += f" ({self.unit})"
        return f"{name}{SEP}{self.department}" if self.department else name


def text(v: Any) -> str:
    """A cell as stripped text; "" for nulls (None, NA, NaN)."""
    if v is None or type(v).__name__ in ("NAType", "NaTType") or (isinstance(v, float) and v != v):
        return ""
    return str(v).strip()


def figure_key(row: dict[str, Any], aliases: dict[str, str]) -> SeriesKey:
    """The series key of one figures row."""
    metric = text(row.get("metric"))
    return SeriesKey(aliases.get(metric, metric), text(row.get("subject")), text(row.get("unit")),
                     text(row.get("department")))


def issue_order(documents: pd.DataFrame) -> pd.DataFrame:
    """The parsed documents (status not error) in issue order: year, issue_no, period, doc_id."""
    docs = documents
    if "status" in docs.columns:
        docs = docs[docs["status"].fillna("ok") != "error"]
    return docs.sort_values(["year", "issue_no", "period_start", "period_end", "doc_id"],
                            na_position="last", kind="stable").reset_index(drop=True)
