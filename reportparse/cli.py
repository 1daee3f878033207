"""Command line: ``reportparse extract`` and ``reportparse rules check|test|explain``.

A thin layer over :func:`reportparse.api.extract` and ``reportparse.rulecheck``.
Exit codes: 0 all inputs parsed, 1 some failed, 2 usage error (bad option,
missing path, broken rule files).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from .errors import ReportParseError, RuleFileError
from .settings import DEFAULT_TIMEOUT, ENGINES, FORMATS, OCR_MODES, PDF_ENGINES

_RULES_OPTION = click.option(
    "--rules", "rules", multiple=True, metavar="DIR",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Extra rules folder, loaded on top of the shipped rules/ (repeatable).",
)


_CACHE_DIR_OPTION = click.option(
    "--cache-dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
    help="Cache folder [default: $REPORTPARSE_CACHE_DIR, else the user cache folder].",
)


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    from .output import parse_formats

    try:
        fmts = parse_formats(value)
    except ReportParseError as exc:
        raise click.BadParameter(f"{exc} (got {value!r})", ctx, param) from None
    if "duckdb" in fmts:
        from .datapackage import require_duckdb

        try:
            require_duckdb()
        except ReportParseError as exc:
            raise click.BadParameter(str(exc), ctx, param) from None
    return fmts


def _rule_file_error(exc: RuleFileError) -> None:
    for problem in exc.problems:
        click.echo(str(problem), err=True)
    raise click.exceptions.Exit(2)


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from .api import version

        click.echo(f"reportparse {version() or 'unknown'}")
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
def main() -> None:
    """Parse Chinese government reports (PDF, text) into tidy tables.

    \b
    Example:
        reportparse extract corpora/ --out out/
        reportparse rules check --rules my-rules/
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...",
                type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", required=True, metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the tables and texts/<doc_id>.txt (created if missing).")
@click.option("--format", "formats", default="csv,parquet", show_default=True, callback=_formats,
              metavar="LIST", help=f"Comma list of output formats: {', '.join(FORMATS)}.")
@_RULES_OPTION
@click.option("--jobs", "-j", default=lambda: os.cpu_count() or 1, show_default="number of cores",
              type=click.IntRange(min=1), help="Worker processes; output is identical whatever N.")
@click.option("--tokens", is_flag=True, help="Also write the opt-in tokens table.")
@click.option("--terms", is_flag=True, help="Also write the opt-in terms table (TF-IDF keywords per document).")
@click.option("--terms-top", default=20, show_default=True, type=click.IntRange(min=1), metavar="K",
              help="Keywords per document in the terms table.")
@click.option("--min-coverage", type=click.FloatRange(0, 1), metavar="SHARE",
              help="Exit 1 when a document's share of numbers claimed by rules is below SHARE (0-1).")
@click.option("--pdf-engine", default="pdfplumber", show_default=True, type=click.Choice(PDF_ENGINES),
              help="Text extractor for PDFs.")
@click.option("--ocr", default="auto", show_default=True, type=click.Choice(OCR_MODES),
              help="OCR (offline, needs reportparse[ocr]) of image files and of PDF pages without a usable "
                   "text layer (auto), of every page (always), or of none (never).")
@_CACHE_DIR_OPTION
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--engine", default="local", show_default=True, type=click.Choice(ENGINES),
              help="local: a pool of --jobs processes; dask: a dask.distributed cluster "
                   "(also writes OUT/<table>/year=YYYY/part-0.parquet).")
@click.option("--scheduler", metavar="ADDRESS",
              help="dask scheduler, e.g. tcp://10.0.0.5:8786 [default: a LocalCluster of --jobs workers].")
@click.option("--timeout", default=DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(min=0),
              metavar="SECONDS", help="Per file: over it the file is an error row, its worker is replaced "
                                      "and the batch goes on (0: no limit).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary on stderr.")
def extract(paths: tuple[Path, ...], out: Path, formats: tuple[str, ...], rules: tuple[Path, ...],
            jobs: int, tokens: bool, terms: bool, terms_top: int, min_coverage: float | None,
            pdf_engine: str, ocr: str, cache_dir: Path | None, no_cache: bool,
            engine: str, scheduler: str | None, timeout: float,
            quiet: bool) -> None:
    """Parse PDF and text reports into tables in DIR.

    PATH is a file or a folder (searched recursively for .pdf, .txt, .md,
    .docx, .html/.htm and images, which are read by OCR like PDF pages
    without a text layer when the OCR extra is installed).
    A file that cannot be parsed becomes a row of errors.csv and the run
    goes on; the exit code is then 1. Cleaned texts and rows are cached by
    file content (see `reportparse cache --help`): a re-run skips PDF work.

    \b
    Example:
        reportparse extract corpora/ --out out/
        reportparse extract a.pdf b.txt --out out/ --format csv,xlsx --jobs 4
        reportparse extract corpora/ --out out/ --format duckdb --terms --min-coverage 0.9
    """
    from .api import extract as run

    try:
        result = run(list(paths), out=out, rules=rules, formats=formats, jobs=jobs, quiet=quiet,
                     tokens=tokens, terms=terms, terms_top=terms_top, pdf_engine=pdf_engine,
                     ocr=ocr, cache=not no_cache, cache_dir=cache_dir, engine=engine, scheduler=scheduler,
                     timeout=timeout)
    except RuleFileError as exc:
        _rule_file_error(exc)
    except ReportParseError as exc:
        raise click.ClickException(str(exc)) from None
    code = result.exit_code
    if min_coverage is not None:
        from .coverage import below

        low = below(result.documents.to_dict("records"), min_coverage)
        for source, share in low:
            click.echo(f"coverage {share:.1%} < {min_coverage:.1%}: {source}", err=True)
        code = max(code, 1 if low else 0)
    raise click.exceptions.Exit(code)


@main.command("inspect")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_RULES_OPTION
@click.option("--html", "html", type=click.Path(dir_okay=False, path_type=Path), metavar="OUT.html",
              help="Also write one standalone HTML page with highlights, tooltips and linked rows.")
def inspect_command(file: Path, rules: tuple[Path, ...], html: Path | None) -> None:
    """Show FILE's cleaned text with every extracted span highlighted (a colour per
    table), its section tree and the rows made.

    \b
    Example:
        reportparse inspect corpora/weekly-2023-35.txt
        reportparse inspect corpora/weekly-2023-35.pdf --html seed.html
    """
    from .inspect import inspect_file, print_inspection, write_html

    try:
        ins = inspect_file(file, rules)
    except RuleFileError as exc:
        _rule_file_error(exc)
    except ReportParseError as exc:
        raise click.ClickException(str(exc)) from None
    print_inspection(ins, _console())
    if html is not None:
        try:
            write_html(ins, html)
        except OSError as exc:
            raise click.ClickException(f"cannot write {html}: {exc.strerror or exc}") from None
        click.echo(f"wrote {html}", err=True)


@main.group()
def cache() -> None:
    """Show or clear the cache of cleaned texts and rows.

    Entries are keyed by file content, text extractor and version, layout
    version and rule-set hash, so a stale entry is never used; clearing only
    frees disk space.

    \b
    Example:
        reportparse cache info
        reportparse cache clear --cache-dir /tmp/rp-cache
    """


def _the_cache(cache_dir: Path | None) -> Any:
    from .cache import Cache, default_cache_dir

    return Cache(cache_dir if cache_dir is not None else default_cache_dir())


@cache.command("info")
@_CACHE_DIR_OPTION
def cache_info(cache_dir: Path | None) -> None:
    """Print the cache folder, its number of entries and size.

    \b
    Example:
        reportparse cache info
    """
    info = _the_cache(cache_dir).info()
    click.echo(f"path   {info['path']}\ntexts  {info['text']}\nrows   {info['rows']}\n"
               f"size   {info['bytes'] / 1e6:.1f} MB")


@cache.command("clear")
@_CACHE_DIR_OPTION
def cache_clear(cache_dir: Path | None) -> None:
    """Delete every cache entry.

    \b
    Example:
        reportparse cache clear
    """
    c = _the_cache(cache_dir)
    n = c.clear()
    click.echo(f"removed {n} file(s) from {c.root}")


@main.group()
def rules() -> None:
    """Check, test and explain rule files.

    \b
    Example:
        reportparse rules check --rules my-rules/
        reportparse rules explain "本周共受理 425 件"
    """


@rules.command("check")
@_RULES_OPTION
def rules_check(rules: tuple[Path, ...]) -> None:
    """Validate rule files; print every problem as file:line: rule-id: message.

    Exits 2 when any problem is found.

    \b
    Example:
        reportparse rules check --rules my-rules/
    """
    from .rulebook import load_rules
    from .rulecheck import check

    problems = check(list(rules))
    if problems:
        for problem in problems:
            click.echo(str(problem))
        click.echo(f"{len(problems)} problem(s)", err=True)
        raise click.exceptions.Exit(2)
    try:
        n = len(load_rules(list(rules)).rules)
    except RuleFileError as exc:  # check() should have caught it; never hide a problem
        _rule_file_error(exc)
    click.echo(f"{n} rules OK")


@rules.command("test")
@_RULES_OPTION
def rules_test(rules: tuple[Path, ...]) -> None:
    """Run every rule's examples and show pass/fail; exits 1 on any failure.

    \b
    Example:
        reportparse rules test --rules my-rules/
    """
    from rich.table import Table

    from .rulecheck import run_examples

    try:
        results = run_examples(list(rules))
    except RuleFileError as exc:
        _rule_file_error(exc)
    table = Table(title="rule examples")
    for col in ("rule", "where", "text", "result", "message"):
        table.add_column(col, overflow="fold")
    failed = 0
    for r in results:
        failed += not r.ok
        table.add_row(r.rule, f"{r.file}:{r.line}", r.text,
                      "[green]pass[/]" if r.ok else "[red]FAIL[/]", r.message or "")
    console = _console()
    console.print(table)
    console.print(f"{len(results) - failed} passed, {failed} failed")
    if failed:
        raise click.exceptions.Exit(1)


@rules.command("explain")
@click.argument("text")
@_RULES_OPTION
def rules_explain(text: str, rules: tuple[Path, ...]) -> None:
    """Show every rule match on TEXT, which won or lost and why, and the rows made.

    \b
    Example:
        reportparse rules explain "今年以来共受理 13110 件"
    """
    from rich.table import Table

    from .rulecheck import explain

    try:
        exp = explain(text, list(rules))
    except RuleFileError as exc:
        _rule_file_error(exc)
    console = _console()
    cands = Table(title="candidates")
    for col in ("rule", "kind", "span", "text", "priority", "result", "reason"):
        cands.add_column(col, overflow="fold")
    for cand, won, reason in exp.candidates:
        cands.add_row(cand.rule, cand.kind, f"{cand.start}-{cand.end}", cand.text, str(cand.priority),
                      "[green]won[/]" if won else "[red]lost[/]", reason or "")
    console.print(cands)
    for name, rows in exp.rows.items():
        if not rows:
            continue
        console.print(_rows_table(name, rows))


def _rows_table(name: str, rows: list[dict[str, Any]]) -> Any:
    from rich.table import Table

    cols: list[str] = []
    for row in rows:
        cols.extend(k for k, v in row.items() if k not in cols and v not in (None, ""))
    table = Table(title=name)
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in cols))
    return table


def _console() -> Any:
    """A rich console on stdout; piped or redirected, lines are written whole (never wrapped
    at 80 columns inside a number) and tables as wide as their content."""
    from rich.console import Console

    console = Console(soft_wrap=False)
    if not console.is_terminal:
        console = Console(soft_wrap=True, width=100_000)
    return console


def _add_series_commands() -> None:
    """``check`` and ``panel`` (over an extract output folder) live in cli_series.py."""
    from .cli_series import check_command, panel_command

    main.add_command(check_command)
    main.add_command(panel_command)


_add_series_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
