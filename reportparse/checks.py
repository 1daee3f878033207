"""Cross-issue consistency of an extract output folder: ``check(out_dir) -> CheckResult``.

The issues (``documents``) are put in order (year, issue_no) and compared pairwise:

* ``missing_issue``: issue numbers skip within a year (or, across years, 总第 N skips);
* ``duplicate_issue``: two files carry the same year and issue_no; ``duplicate_total``:
  two issues carry the same 总第 N; ``issue_total``: 总第 N does not advance with issue_no;
* ``period_overlap``: an issue starts on or before the previous one's last day;
  ``period_hole``: more than ``max_gap_days`` uncovered days between adjacent issues
  (3 by default: a Mon–Fri week leaves Sat and Sun, plus one holiday);
* ``ytd_mismatch``: ytd(t) − ytd(t−1) ≠ week(t) for one series (metric after aliases,
  subject, unit, department) between consecutive issues of one year. A value printed
  with 万/亿 or decimals is only as exact as its last digit: half a unit of that digit
  (``887.3万`` ± 500) is added to ``tolerance`` for each term. One wrong ytd makes two
  pairs disagree by opposite amounts; it is reported once, on its own issue;
* ``jump``: a week value changes by more than ``jump_factor`` between adjacent issues.

A missing issue is reported once: the period hole and the ytd pairs around it are not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import regex as re

from .errors import ReportParseError
from .series import figure_key, issue_order, load_metric_aliases, read_table, text

if TYPE_CHECKING:
    import pandas as pd

    from .series import SeriesKey

CHECK_COLUMNS = ("kind", "metric", "doc_ids", "issue_nos", "expected", "found", "detail")
_MULTIPLIER = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
_NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?\s*(万亿|亿|万)?")


@dataclass(frozen=True)
class CheckSettings:
    """Thresholds of the checks; every default lives here."""

    tolerance: float = 0.0       # absolute slack (base units) on ytd(t) − ytd(t−1) = week(t)
    jump_factor: float = 5.0     # week value ×/÷ more than this between adjacent issues
    jump_min: float = 10.0       # ... when the larger of the two is at least this
    max_gap_days: int = 3        # uncovered days allowed between adjacent issues

    def __post_init__(self) -> None:
        if self.tolerance < 0:
            raise ReportParseError(f"tolerance cannot be negative (got {self.tolerance})")
        if self.jump_factor <= 1:
            raise ReportParseError(f"jump factor must be greater than 1 (got {self.jump_factor})")
        if self.max_gap_days < 0:
            raise ReportParseError(f"max gap cannot be negative (got {self.max_gap_days})")


@dataclass(frozen=True)
class Violation:
    """One inconsistency; a row of ``checks.csv``."""

    kind: str
    metric: str
    doc_ids: tuple[str, ...]
    issue_nos: tuple[str, ...]
    expected: str
    found: str
    detail: str

    def row(self) -> dict[str, str]:
        return {"kind": self.kind, "metric": self.metric, "doc_ids": ";".join(self.doc_ids),
                "issue_nos": ";".join(self.issue_nos), "expected": self.expected, "found": self.found,
                "detail": self.detail}


@dataclass
class CheckResult:
    """The violations found, and the file written (``checks.csv``) when there was an out_dir."""

    violations: list[Violation] = field(default_factory=list)
    path: Path | None = None

    @property
    def exit_code(self) -> int:
        return 1 if self.violations else 0

    @property
    def frame(self) -> pd.DataFrame:
        import pandas as pd

        rows = [v.row() for v in self.violations]
        return pd.DataFrame(rows, columns=list(CHECK_COLUMNS), dtype="string")


class Issue(NamedTuple):
    """One issue: the documents carrying it (copies of one issue share a row)."""

    doc_ids: tuple[str, ...]
    year: int | None
    no: int | None
    total: int | None
    start: dt.date | None
    end: dt.date | None

    @property
    def label(self) -> str:
        if self.no is not None:
            return f"{self.year}/{self.no}" if self.year is not None else str(self.no)
        return f"总{self.total}" if self.total is not None else self.doc_ids[0]


class _Cell(NamedTuple):
    value: float
    slack: float  # rounding of the printed number
    approx: bool


def check(
    out_dir: str | Path,
    *,
    tolerance: float = 0.0,
    jump_factor: float = 5.0,
    max_gap_days: int = 3,
    rules: Iterable[str | Path] = (),
    write: bool = True,
) -> CheckResult:
    """Check the issues in an extract output folder; write ``out_dir/checks.csv`` when ``write``.

    Reads ``documents`` and ``figures`` (parquet, csv or jsonl). ``rules`` are extra rule folders
    whose ``gazetteers/metric_aliases.yaml`` add aliases. Raises ReportParseError when a table
    is missing or a setting is out of range.

    Example::

        res = check("out/", tolerance=1)
        res.frame.query("kind == 'ytd_mismatch'")
    """
    settings = CheckSettings(tolerance=tolerance, jump_factor=jump_factor, max_gap_days=max_gap_days)
    documents = read_table(out_dir, "documents")
    figures = read_table(out_dir, "figures")
    assert documents is not None and figures is not None
    violations = find_violations(documents, figures, settings, load_metric_aliases(rules))
    result = CheckResult(violations)
    if write:
        from .output import write_tables

        (result.path,) = write_tables({"checks": result.frame}, out_dir, ("csv",))
    return result


def find_violations(documents: pd.DataFrame, figures: pd.DataFrame, settings: CheckSettings | None = None,
                    aliases: dict[str, str] | None = None) -> list[Violation]:
    """Every violation in the tables (pure: reads nothing, writes nothing)."""
    settings = settings or CheckSettings()
    issues, found = documents_to_issues(documents)
    found += issues_to_violations(issues, settings)
    found += figures_to_violations(issues, figures, settings, aliases or {})
    return found


# -- issues -------------------------------------------------------------------------------------

def _int(v: Any) -> int | None:
    s = text(v)
    try:
        return int(float(s)) if s else None
    except ValueError:
        return None


def _date(v: Any) -> dt.date | None:
    s = text(v)[:10]
    try:
        return dt.date.fromisoformat(s) if s else None
    except ValueError:
        return None


def documents_to_issues(documents: pd.DataFrame) -> tuple[list[Issue], list[Violation]]:
    """Issues in order, copies of one (year, issue_no) merged; a ``duplicate_issue`` per merge."""
    issues: list[Issue] = []
    dups: list[Violation] = []
    by_number: dict[tuple[int | None, int], int] = {}
    for row in issue_order(documents).to_dict("records"):
        issue = Issue((text(row["doc_id"]),), _int(row.get("year")), _int(row.get("issue_no")),
                      _int(row.get("issue_total")), _date(row.get("period_start")), _date(row.get("period_end")))
        if issue.no is None:
            issues.append(issue)
            continue
        at = by_number.get((issue.year, issue.no))
        if at is None:
            by_number[(issue.year, issue.no)] = len(issues)
            issues.append(issue)
            continue
        first = issues[at]
        same = (first.total, first.start, first.end) == (issue.total, issue.start, issue.end)
        issues[at] = first._replace(doc_ids=first.doc_ids + issue.doc_ids)
        dups.append(Violation(
            "duplicate_issue", "", first.doc_ids + issue.doc_ids, (first.label, issue.label), "one file",
            str(len(first.doc_ids) + 1),
            f"issue {issue.label} is in more than one file"
            + (" (same masthead and period: a copy)" if same else " with different mastheads or periods"),
        ))
    return issues, dups


def missing_between(a: Issue, b: Issue) -> int | None:
    """How many issues are missing between adjacent issues a and b; None when unknown."""
    if a.year is not None and a.year == b.year and a.no is not None and b.no is not None:
        return b.no - a.no - 1
    if a.total is not None and b.total is not None and b.total > a.total:
        return b.total - a.total - 1
    return None


def _numbers(year: int | None, first: int, last: int) -> str:
    def one(n: int) -> str:
        return f"{year}/{n}" if year is not None else str(n)

    return one(first) if first == last else f"{one(first)}–{one(last)}"


def issues_to_violations(issues: list[Issue], settings: CheckSettings) -> list[Violation]:
    """Numbering and period violations between adjacent issues."""
    out: list[Violation] = []
    totals: dict[int, Issue] = {}
    for issue in issues:
        if issue.total is None:
            continue
        if issue.total in totals:
            prev = totals[issue.total]
            out.append(Violation("duplicate_total", "", prev.doc_ids + issue.doc_ids, (prev.label, issue.label),
                                 "distinct", str(issue.total), f"总第{issue.total}期 is printed on two issues"))
        totals.setdefault(issue.total, issue)
    for a, b in zip(issues, issues[1:], strict=False):
        ids, labels = (a.doc_ids[0], b.doc_ids[0]), (a.label, b.label)
        missing = missing_between(a, b)
        same_year = a.year is not None and a.year == b.year
        if same_year and a.no is not None and b.no is not None and b.no - a.no > 1:
            out.append(Violation("missing_issue", "", ids, labels, _numbers(a.year, a.no + 1, b.no - 1),
                                 "", f"no issue between {a.label} and {b.label}"))
        elif not same_year and missing:
            out.append(Violation("missing_issue", "", ids, labels, f"总{a.total + 1}" if missing == 1 else
                                 f"总{a.total + 1}–{b.total - 1}", "",  # type: ignore[operator]
                                 f"{missing} issue(s) missing between {a.label} and {b.label} (总第N期)"))
        if same_year and None not in (a.no, b.no, a.total, b.total):
            step, total_step = b.no - a.no, b.total - a.total  # type: ignore[operator]
            if step != total_step:
                out.append(Violation("issue_total", "", ids, labels, str(a.total + step),  # type: ignore[operator]
                                     str(b.total), "总第N期 does not advance with the issue number"))
        if a.end is None or b.start is None:
            continue
        if b.start <= a.end:
            out.append(Violation("period_overlap", "", ids, labels, f">{a.end.isoformat()}",
                                 b.start.isoformat(),
                                 f"{b.label} starts {b.start} but {a.label} runs to {a.end}"))
            continue
        hole = (b.start - a.end).days - 1
        if hole > settings.max_gap_days and not missing:
            out.append(Violation("period_hole", "", ids, labels,
                                 f"<={(a.end + dt.timedelta(days=settings.max_gap_days + 1)).isoformat()}",
                                 b.start.isoformat(),
                                 f"{hole} days between {a.label} (to {a.end}) and {b.label} (from {b.start}) "
                                 f"are in no issue (allowed: {settings.max_gap_days})"))
    return out


# -- figures ------------------------------------------------------------------------------------

def rounding(value_text: str) -> float:
    """Half a unit of the last printed digit, in base units: ``887.3万`` -> 500, ``425`` -> 0."""
    m = _NUMBER.search(value_text or "")
    if not m:
        return 0.0
    decimals, mult = m.group(2), _MULTIPLIER.get(m.group(3) or "", 1.0)
    if decimals:
        return 0.5 * 10 ** -len(decimals) * mult
    return 0.5 * mult if mult > 1 else 0.0


def _cells(figures: pd.DataFrame, aliases: dict[str, str]) -> dict[str, dict[tuple[SeriesKey, str], _Cell]]:
    """doc_id -> (series, scope) -> the first value of that series and scope in the document."""
    out: dict[str, dict[tuple[SeriesKey, str], _Cell]] = {}
    for row in figures.to_dict("records"):
        value = row.get("value")
        if text(value) == "":
            continue
        cells = out.setdefault(text(row["doc_id"]), {})
        key = (figure_key(row, aliases), text(row.get("scope")))
        approx = text(row.get("approx")).lower() in ("true", "1")
        cells.setdefault(key, _Cell(float(value), rounding(text(row.get("value_text"))), approx))
    return out


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:.10g}"


def figures_to_violations(issues: list[Issue], figures: pd.DataFrame, settings: CheckSettings,
                          aliases: dict[str, str]) -> list[Violation]:
    """ytd/week arithmetic and week jumps between adjacent issues, series by series."""
    cells = _cells(figures, aliases)
    by_issue = [cells.get(i.doc_ids[0], {}) for i in issues]
    series = sorted({k for c in by_issue for k, scope in c if scope in ("week", "ytd")})
    out: list[Violation] = []
    for key in series:
        out += _ytd_violations(key, issues, by_issue, settings)
    for key in series:
        out += _jump_violations(key, issues, by_issue, settings)
    return out


def _ytd_violations(key: SeriesKey, issues: list[Issue], by_issue: list[dict[tuple[SeriesKey, str], _Cell]],
                    settings: CheckSettings) -> list[Violation]:
    # each consecutive same-year pair i -> i+1: residual ytd(i+1) - ytd(i) - week(i+1), its slack
    res: dict[int, tuple[float, float, _Cell, _Cell, _Cell]] = {}
    for i in range(len(issues) - 1):
        a, b = issues[i], issues[i + 1]
        if a.year is None or a.year != b.year or missing_between(a, b) != 0:
            continue
        y1, y2 = by_issue[i].get((key, "ytd")), by_issue[i + 1].get((key, "ytd"))
        w2 = by_issue[i + 1].get((key, "week"))
        if y1 is None or y2 is None or w2 is None or y1.approx or y2.approx or w2.approx:
            continue
        slack = settings.tolerance + y1.slack + y2.slack + w2.slack
        res[i] = (y2.value - y1.value - w2.value, slack, y1, w2, y2)
    out: list[Violation] = []
    skip: set[int] = set()
    for i, (r, slack, y1, w2, y2) in sorted(res.items()):
        if i in skip or abs(r) <= slack + 1e-9:
            continue
        a, b = issues[i], issues[i + 1]
        expected, found = _fmt(y1.value + w2.value), _fmt(y2.value)
        nxt = res.get(i + 1)
        if nxt is not None and abs(nxt[0]) > nxt[1] + 1e-9 and abs(r + nxt[0]) <= slack + nxt[1] + 1e-9:
            skip.add(i + 1)  # one wrong ytd: this pair and the next disagree by opposite amounts
            detail = (f"ytd of {b.label} is off by {_fmt(r)} ({a.label} ytd {_fmt(y1.value)} + week "
                      f"{_fmt(w2.value)}); {issues[i + 2].label} agrees with the expected value")
            out.append(Violation("ytd_mismatch", key.label(), (b.doc_ids[0],), (b.label,), expected, found,
                                 detail))
            continue
        detail = (f"ytd rose by {_fmt(y2.value - y1.value)} from {a.label} to {b.label} but the week figure "
                  f"is {_fmt(w2.value)} (allowed slack {_fmt(slack)})")
        out.append(Violation("ytd_mismatch", key.label(), (a.doc_ids[0], b.doc_ids[0]), (a.label, b.label),
                             expected, found, detail))
    return out


def _jumped(v1: float, v2: float, settings: CheckSettings) -> bool:
    lo, hi = sorted((abs(v1), abs(v2)))
    return lo > 0 and hi >= settings.jump_min and hi / lo > settings.jump_factor


def _jump_violations(key: SeriesKey, issues: list[Issue], by_issue: list[dict[tuple[SeriesKey, str], _Cell]],
                     settings: CheckSettings) -> list[Violation]:
    """Week values that jump between adjacent issues; a one-issue spike (up and back) is one row."""
    seq = [(i, c.value) for i, c in ((i, by_issue[i].get((key, "week"))) for i in range(len(issues))) if c]
    out: list[Violation] = []
    j = 1
    while j < len(seq):
        (p, v1), (i, v2) = seq[j - 1], seq[j]
        j += 1
        if not _jumped(v1, v2, settings):
            continue
        a, b = issues[p], issues[i]
        bounds = f"{_fmt(v1 / settings.jump_factor)}..{_fmt(v1 * settings.jump_factor)}"
        ratio = max(abs(v1), abs(v2)) / min(abs(v1), abs(v2))
        if j < len(seq) and _jumped(v2, seq[j][1], settings) and not _jumped(v1, seq[j][1], settings):
            c, v3 = issues[seq[j][0]], seq[j][1]
            j += 1
            out.append(Violation(
                "jump", key.label(), (b.doc_ids[0],), (b.label,), bounds, _fmt(v2),
                f"week value of {b.label} is {_fmt(v2)} between {_fmt(v1)} ({a.label}) and {_fmt(v3)} "
                f"({c.label}): a one-issue spike (×{ratio:.3g}; allowed ×{settings.jump_factor:g})",
            ))
            continue
        out.append(Violation(
            "jump", key.label(), (a.doc_ids[0], b.doc_ids[0]), (a.label, b.label), bounds, _fmt(v2),
            f"week value went from {_fmt(v1)} to {_fmt(v2)} (×{ratio:.3g}; allowed ×{settings.jump_factor:g})",
        ))
    return out
