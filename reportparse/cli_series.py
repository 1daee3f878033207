"""Commands over an extract output folder: ``reportparse check`` and ``reportparse panel``.

Registered on the main group by ``cli.py``. Exit codes: ``check`` 0 consistent, 1 violations;
both 2 for a usage error (no documents/figures table in OUTDIR, bad option, broken alias file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .errors import ReportParseError, RuleFileError

_OUTDIR = click.argument("out_dir", metavar="OUTDIR",
                         type=click.Path(exists=True, file_okay=False, path_type=Path))
_RULES = click.option(
    "--rules", "rules", multiple=True, metavar="DIR",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Extra rules folder whose gazetteers/metric_aliases.yaml adds metric aliases (repeatable).",
)


def _usage(exc: ReportParseError) -> click.UsageError:
    if isinstance(exc, RuleFileError):
        return click.UsageError("\n".join(str(p) for p in exc.problems))
    return click.UsageError(str(exc))


def _console() -> Any:
    from rich.console import Console

    return Console(soft_wrap=False)


@click.command("check")
@_OUTDIR
@click.option("--tolerance", default=0.0, show_default=True, type=click.FloatRange(min=0),
              help="Absolute slack on ytd(t) - ytd(t-1) = week(t), on top of the printed rounding (887.3万: ±500).")
@click.option("--jump-factor", default=5.0, show_default=True, type=click.FloatRange(min=1, min_open=True),
              help="Flag a week value that grows or shrinks more than this between adjacent issues.")
@click.option("--max-gap", "max_gap_days", default=3, show_default=True, type=click.IntRange(min=0),
              metavar="DAYS", help="Days between adjacent issues' periods that no issue may cover (weekends, holidays).")
@_RULES
@click.option("--quiet", "-q", is_flag=True, help="No table on stdout; only the exit code and checks.csv.")
def check_command(out_dir: Path, tolerance: float, jump_factor: float, max_gap_days: int,
                  rules: tuple[Path, ...], quiet: bool) -> None:
    """Check the issues in OUTDIR (written by extract) against each other.

    Finds missing and duplicate issue numbers (and 总第N期), overlapping periods and
    holes between them, year-to-date totals that do not add up with the week's
    figures, and week values that jump. Writes OUTDIR/checks.csv (kind, metric,
    doc_ids, issue_nos, expected, found, detail) and exits 1 when anything is found.

    \b
    Example:
        reportparse extract reports/ --out out/
        reportparse check out/ --tolerance 1 --max-gap 9
    """
    from .checks import check

    try:
        result = check(out_dir, tolerance=tolerance, jump_factor=jump_factor, max_gap_days=max_gap_days,
                       rules=rules)
    except ReportParseError as exc:
        raise _usage(exc) from None
    if not quiet:
        from rich.table import Table

        console = _console()
        if result.violations:
            table = Table(title=f"checks: {len(result.violations)} violation(s)")
            for col in ("kind", "metric", "issues", "expected", "found", "detail"):
                table.add_column(col, overflow="fold", no_wrap=col == "kind")
            for v in result.violations:
                table.add_row(v.kind, v.metric, " → ".join(v.issue_nos), v.expected, v.found, v.detail)
            console.print(table)
        else:
            console.print("[green]no violations[/]")
        console.print(f"written: {result.path}")
    raise click.exceptions.Exit(result.exit_code)


@click.command("panel")
@_OUTDIR
@click.option("--plot", "plot", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="Also write one PNG chart per metric into DIR (needs matplotlib and a CJK font).")
@click.option("--terms", is_flag=True, help="Add one column per term (its weight) from OUTDIR's terms table.")
@_RULES
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
def panel_command(out_dir: Path, plot: Path | None, terms: bool, rules: tuple[Path, ...], quiet: bool) -> None:
    """Pivot OUTDIR's figures into a wide time series: OUTDIR/panel.csv and panel.parquet.

    One row per issue (doc_id, year, issue_no, issue_total, period_start,
    period_end), one column per metric and scope, plus the department when
    there is one: 受理|week, 受理|ytd, 主项|change|四川省卫生健康委员会. Metric
    wordings are merged through rules/gazetteers/metric_aliases.yaml. When
    several figures of one issue fall into one cell the first is kept and a
    warning is printed.

    \b
    Example:
        reportparse panel out/ --plot out/plots
    """
    from .panel import panel

    try:
        result = panel(out_dir, plot=plot, terms=terms, rules=rules)
    except ReportParseError as exc:
        raise _usage(exc) from None
    if quiet:
        return
    for w in result.warnings[:20]:
        click.echo(f"warning: {w}", err=True)
    if len(result.warnings) > 20:
        click.echo(f"... and {len(result.warnings) - 20} more warnings", err=True)
    click.echo(f"{len(result.frame)} issues x {len(result.value_columns)} columns -> "
               + ", ".join(str(p) for p in result.paths), err=True)
    if result.plots:
        click.echo(f"{len(result.plots)} charts -> {Path(plot or '.')}", err=True)
