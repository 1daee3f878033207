"""Wide time series of an extract output folder: ``panel(out_dir) -> Panel``.

One row per parsed document (an issue), in issue order, with the columns
``doc_id, year, issue_no, issue_total, period_start, period_end`` and then one column per
series and scope, named ``metric|scope`` or ``metric|scope|department``:
``受理|week``, ``受理|ytd``, ``主项|change|四川省卫生健康委员会``. A subject is joined to its
metric (``行政许可事项·受理|ytd``); when one such column would mix units, the unit is added
(``受理 (件)|week``). Metrics are read through ``gazetteers/metric_aliases.yaml`` first,
so 接待咨询 and 咨询量 both fill ``咨询|...``.

Several figures of one document that fall into one cell are not summed (a report often
repeats a headline number in a later paragraph, and a sum would double it): the first one,
in reading order, is kept and a warning names the others.

``terms=True`` adds one column ``<term>|term`` per term of the ``terms`` table (doc_id,
rank, term, weight), holding its weight; it is skipped with a warning when that table is absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .series import SEP, SeriesKey, figure_key, issue_order, load_metric_aliases, read_table, text

if TYPE_CHECKING:
    import pandas as pd

ID_COLUMNS = ("doc_id", "year", "issue_no", "issue_total", "period_start", "period_end")
SCOPE_ORDER = ("week", "ytd", "cumulative", "change", "other")
PANEL_FORMATS = ("csv", "parquet")


@dataclass
class Panel:
    """The wide table, the unit of each value column, warnings, and the files written."""

    frame: pd.DataFrame
    units: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    plots: list[Path] = field(default_factory=list)

    @property
    def value_columns(self) -> list[str]:
        return [c for c in self.frame.columns if c not in ID_COLUMNS]


def panel(
    out_dir: str | Path,
    *,
    plot: str | Path | None = None,
    terms: bool = False,
    rules: Iterable[str | Path] = (),
    write: bool = True,
) -> Panel:
    """Pivot the figures of an extract output folder into ``out_dir/panel.csv`` and ``panel.parquet``.

    ``plot`` is a folder for one PNG chart per metric; ``rules`` are extra rule folders whose
    ``gazetteers/metric_aliases.yaml`` add aliases. Raises ReportParseError when the documents
    or figures table is missing (or matplotlib is, with ``plot``).

    Example::

        p = panel("out/", plot="out/plots")
        p.frame[["period_end", "受理|week", "受理|ytd"]]
    """
    documents = read_table(out_dir, "documents")
    figures = read_table(out_dir, "figures")
    assert documents is not None and figures is not None
    result = figures_to_panel(documents, figures, load_metric_aliases(rules))
    if terms:
        table = read_table(out_dir, "terms", required=False)
        if table is None:
            result.warnings.append(f"no terms table in {out_dir}: --terms skipped")
        else:
            add_terms(result, table)
    if write:
        from .output import write_tables

        result.paths = write_tables({"panel": result.frame}, out_dir, PANEL_FORMATS)
    if plot is not None:
        from .plots import plot_panel

        result.plots = plot_panel(result, plot)
    return result


def _column(key: SeriesKey, scope: str, with_unit: bool) -> str:
    metric = key.label(unit=with_unit).split(SEP)[0]
    return SEP.join([metric, scope, key.department] if key.department else [metric, scope])


def figures_to_panel(documents: pd.DataFrame, figures: pd.DataFrame, aliases: dict[str, str]) -> Panel:
    """The wide table of documents x (series, scope); first value per cell, a warning per extra one."""
    import pandas as pd

    docs = issue_order(documents)
    known = set(docs["doc_id"].astype(str))
    # (doc, series, scope) -> first value; cells in the order met
    cells: dict[tuple[str, SeriesKey, str], tuple[float, str]] = {}
    warnings: list[str] = []
    for row in figures.to_dict("records"):
        doc_id, value = text(row.get("doc_id")), row.get("value")
        if doc_id not in known or text(value) == "":
            continue
        key, scope = figure_key(row, aliases), text(row.get("scope")) or "other"
        at = (doc_id, key, scope)
        if at in cells:
            warnings.append(f"{doc_id}: {_column(key, scope, True)}: kept {cells[at][1] or cells[at][0]} (first), "
                            f"dropped {text(row.get('value_text')) or value}")
            continue
        cells[at] = (float(value), text(row.get("value_text")))

    base_units: dict[tuple[SeriesKey, str], set[str]] = {}
    for _, key, scope in cells:
        base = (SeriesKey(key.metric, key.subject, "", key.department), scope)
        base_units.setdefault(base, set()).add(key.unit)
    order: dict[str, int] = {}
    columns: dict[tuple[SeriesKey, str], str] = {}
    units: dict[str, str] = {}
    for _, key, scope in cells:
        base = (SeriesKey(key.metric, key.subject, "", key.department), scope)
        name = _column(key, scope, with_unit=len(base_units[base]) > 1)
        columns[(key, scope)] = name
        units[name] = key.unit
        order.setdefault(key.label(unit=False).split(SEP)[0], len(order))

    def sort_key(item: tuple[tuple[SeriesKey, str], str]) -> tuple[Any, ...]:
        (key, scope), name = item
        rank = SCOPE_ORDER.index(scope) if scope in SCOPE_ORDER else len(SCOPE_ORDER)
        return order[key.label(unit=False).split(SEP)[0]], rank, key.department, name

    names = list(dict.fromkeys(name for _, name in sorted(columns.items(), key=sort_key)))
    index = {d: i for i, d in enumerate(docs["doc_id"].astype(str))}
    data: dict[str, list[float | None]] = {name: [None] * len(docs) for name in names}
    for (doc_id, key, scope), (value, _) in cells.items():
        data[columns[(key, scope)]][index[doc_id]] = value

    frame = pd.DataFrame({c: docs[c] if c in docs.columns else pd.NA for c in ID_COLUMNS})
    values = pd.DataFrame({n: pd.array(v, dtype="Float64") for n, v in data.items()}, index=frame.index)
    return Panel(pd.concat([frame, values], axis=1), units, warnings)


def add_terms(result: Panel, terms: pd.DataFrame) -> None:
    """Add a ``<term>|term`` column of weights per term (terms ordered by total weight)."""
    import pandas as pd

    missing = {"doc_id", "term", "weight"} - set(terms.columns)
    if missing:
        result.warnings.append(f"terms table lacks {sorted(missing)}: --terms skipped")
        return
    weights: dict[str, dict[str, float]] = {}
    for row in terms.to_dict("records"):
        term, w = text(row.get("term")), row.get("weight")
        if term and text(w) != "":
            weights.setdefault(term, {}).setdefault(text(row.get("doc_id")), float(w))
    ranked = sorted(weights, key=lambda t: (-sum(weights[t].values()), t))
    doc_ids = result.frame["doc_id"].astype(str).tolist()
    cols = {f"{t}{SEP}term": pd.array([weights[t].get(d) for d in doc_ids], dtype="Float64") for t in ranked}
    taken = [c for c in cols if c in result.frame.columns]
    if taken:
        result.warnings.append(f"term columns clash with figure columns, skipped: {taken}")
    extra = pd.DataFrame({c: v for c, v in cols.items() if c not in taken}, index=result.frame.index)
    result.frame = pd.concat([result.frame, extra], axis=1)
