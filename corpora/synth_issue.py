"""One synthetic issue of 窗口工作周报: evolving figures, the text from templates, and its truth JSON."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, NamedTuple

from synth_pools import DEPTS, GIVEN, PUBLISHER, SURNAMES, TITLE, TITLES, TWO_POSTS
from synth_text import Sections

WEEK_LEVEL = {"咨询": 3000, "受理": 450, "颁发": 3600, "流转": 4500}
PROV_LEVEL = {"行政许可事项受理": 9800, "公共服务事项受理": 240000, "行权事项受理": 750}
DONE_RATE = {"行政许可事项": (0.975, 0.995), "公共服务事项": (0.70, 0.80), "行权事项": (0.95, 1.03)}


class Week(NamedTuple):
    """One issue's calendar: the Mon–Fri week, numbering and publication."""

    index: int
    ps: dt.date
    pe: dt.date
    year: int
    no: int
    total: int
    published: dt.date
    copies: int
    print_start: dt.date | None = None  # a planted overlap prints an earlier start

    @property
    def label(self) -> str:
        return f"{self.year}/{self.no}"

    @property
    def start(self) -> dt.date:
        return self.print_start or self.ps


class Figures(NamedTuple):
    week: dict[str, int]
    ytd: dict[str, int]
    prov: dict[str, int]


class WeekState:
    """Running totals: week figures and ytd (reset on 1 January), items and handbooks (never reset)."""

    def __init__(self, rng: random.Random, first: Week) -> None:
        self.rng = rng
        self.year = first.year
        self.ytd = dict.fromkeys(WEEK_LEVEL, 0)
        self.prov = dict.fromkeys([m for s in DONE_RATE for m in (s + "受理", s + "办结")], 0)
        for _ in range(first.no - 1):  # an issue in mid-year starts from plausible totals
            self._add(self._week(), self._prov_week(), 1.0)
        self.main = rng.randint(700, 760)
        self.handle = self.main * 2 + rng.randint(100, 200)
        self.done = min(self.handle - 400, 300 + 18 * (first.no - 1) + rng.randint(0, 40))

    def _week(self) -> dict[str, int]:
        w = {m: int(v * self.rng.uniform(0.8, 1.2)) for m, v in WEEK_LEVEL.items()}
        w["办结"] = int(w["受理"] * self.rng.uniform(0.85, 1.0))
        return w

    def _prov_week(self) -> dict[str, int]:
        out = {}
        for subject, (lo, hi) in DONE_RATE.items():
            got = int(PROV_LEVEL[subject + "受理"] * self.rng.uniform(0.85, 1.15))
            out[subject + "受理"], out[subject + "办结"] = got, int(got * self.rng.uniform(lo, hi))
        return out

    def _add(self, week: dict[str, int], prov: dict[str, int], frac: float) -> None:
        for m in self.ytd:
            self.ytd[m] += round(week[m] * frac)
        for m in self.prov:
            self.prov[m] += round(prov[m] * frac)

    def advance(self, week: Week) -> Figures:
        """This week's figures; the ytd of a week across New Year counts only its January days."""
        w, p = self._week(), self._prov_week()
        frac = 1.0
        if week.year != self.year:
            self.year = week.year
            self.ytd = dict.fromkeys(self.ytd, 0)
            self.prov = dict.fromkeys(self.prov, 0)
            if week.ps.year != week.pe.year:
                frac = ((week.pe - dt.date(week.pe.year, 1, 1)).days + 1) / 5
        self._add(w, p, frac)
        return Figures(w, dict(self.ytd), dict(self.prov))


class Roster:
    """The officials of each department (the same people recur from issue to issue)."""

    def __init__(self, rng: random.Random) -> None:
        used: set[str] = set()

        def name() -> str:
            while True:
                s = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))
                if s not in used and s[-1] != s[-2]:
                    used.add(s)
                    return s

        self.people: dict[str, list[tuple[str, str]]] = {
            canon: [(name(), rng.choice(TITLES[kind])) for _ in range(2)] for canon, (_, kind) in DEPTS.items()}
        self.two_posts = [(name(),) + tp for tp in TWO_POSTS]
        self.head = name()
        self.deputies = [(name(), t) for t in ("副主任", "党委委员、副主任")]


class Truth:
    """What a perfect extraction of the issue must yield (gold JSON format)."""

    def __init__(self) -> None:
        self.figures: list[dict[str, Any]] = []
        self.extra: set[float] = set()
        self.dates: dict[tuple[str, str], dict[str, Any]] = {}
        self.depts: dict[str, dict[str, Any]] = {}
        self.not_depts: set[str] = set()
        self.officials: dict[tuple[str, str], dict[str, Any]] = {}
        self.not_names: set[str] = set()
        self.refs: list[dict[str, Any]] = []
        self.templates: list[str] = []

    def fig(self, metric: str, value: float, unit: str, scope: str | None = None, **kw: Any) -> None:
        row: dict[str, Any] = {"metric": metric, "value": value, "unit": unit}
        if scope:
            row["scope"] = scope
        row.update({k: v for k, v in kw.items() if v is not None})
        self.figures.append(row)

    def allow(self, *values: float) -> None:
        self.extra.update(values)

    def date(self, text: str, start: dt.date, end: dt.date | None = None, optional: bool = False) -> str:
        key = (start.isoformat(), (end or start).isoformat())
        row = self.dates.setdefault(key, {"text": text, "start": key[0], "end": key[1], "count": 0})
        row["count"] += 1
        if optional:
            row["optional"] = True
        return text

    def dept(self, canonical: str, mention: str, optional: bool = False) -> str:
        row = self.depts.setdefault(canonical, {"canonical": canonical, "mentions": []})
        if mention not in row["mentions"]:
            row["mentions"].append(mention)
        if optional:
            row["optional"] = True
        return mention

    def venue(self, name: str) -> str:
        self.not_depts.add(name)
        return name

    def official(self, name: str, title: str, org: str, date: dt.date | None) -> None:
        row = {"name": name, "titles": title.split("、"), "organization": org}
        if date:
            row["date"] = date.isoformat()
        self.officials.setdefault((name, org), row)
        if len(name) == 3:
            self.not_names.update((name[:2], name[1:]))

    def doc_number(self, issuer: str, year: int, number: int) -> str:
        text = f"{issuer}〔{year}〕{number}号"
        self.refs.append({"kind": "doc_number", "text": text, "issuer": issuer, "year": year, "number": number})
        self.allow(year, number)
        return text

    def title(self, text: str, optional: bool = False) -> str:
        if not any(r["kind"] == "title" and r["text"] == text for r in self.refs):
            self.refs.append({"kind": "title", "text": text} | ({"optional": True} if optional else {}))
        return f"《{text}》"

    def to_json(self, week: Week) -> dict[str, Any]:
        dates = []
        for row in self.dates.values():
            row = dict(row)
            if row["count"] == 1:
                del row["count"]
            dates.append(row)
        return {
            "_about": "Truth of a SYNTHETIC issue written by corpora/synth.py (not a real report): what a perfect "
                      "extraction yields, in the format of seeds/weekly-2023-35.gold.json; score with score.py.",
            "synthetic": {"issue": week.label, "templates": self.templates},
            "document": {"title": TITLE, "publisher": PUBLISHER, "year": week.year, "issue_no": week.no,
                         "issue_total": week.total, "period_start": week.start.isoformat(),
                         "period_end": week.pe.isoformat(), "published": week.published.isoformat(),
                         "copies_printed": week.copies},
            "figures": self.figures,
            "figures_allowed_extra_values": sorted(self.extra | {week.year, week.no, week.total, week.copies}),
            "dates": dates,
            # 今年以来 starts on 1 January; 截至目前 / 截至本周 (relative, to date) on the period's last day
            "dates_allowed_extra_starts": sorted({f"{y}-01-01" for y in (week.year, week.ps.year)}
                                                 | {week.pe.isoformat()}),
            "departments": list(self.depts.values()),
            "departments_not": sorted(self.not_depts),
            "officials": list(self.officials.values()),
            "officials_not_names": sorted(self.not_names - {o["name"] for o in self.officials.values()}),
            "references": self.refs,
        }


class IssueWriter(Sections):
    """Writes one issue's text while recording its truth."""

    def __init__(self, rng: random.Random, week: Week, figures: Figures, state: WeekState, roster: Roster,
                 ytd_delta: int = 0) -> None:
        self.rng, self.w, self.f, self.state, self.roster = rng, week, figures, state, roster
        self.ytd_delta = ytd_delta
        self.t = Truth()
        self.sp = rng.choice((" ", ""))  # the seed puts spaces around numbers; many issues do not

    def write(self) -> tuple[str, dict[str, Any]]:
        w, t = self.w, self.t
        head = [f"{w.year} 年第 {w.no} 期（总第 {w.total} 期）", TITLE,
                "（" + t.date(f"{w.start.month} 月 {w.start.day} 日—{w.pe.month} 月 {w.pe.day} 日", w.start, w.pe)
                + "）", t.dept(PUBLISHER, PUBLISHER),
                t.date(f"{w.published.year} 年 {w.published.month} 月 {w.published.day} 日", w.published)]
        body = self.sections()
        tail = ["送：省中心领导、省级相关部门（单位）。", "发：省级相关部门（单位）窗口，省中心各处（室）、直属单位。",
                f"（共印{w.copies}份）"]
        return "\n\n".join(head + body + tail), t.to_json(w)
