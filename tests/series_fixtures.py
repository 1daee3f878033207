"""Small extract output folders built from code: weekly issues with consistent week/ytd figures."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from reportparse.output import write_tables
from reportparse.tables import rows_to_frame

DEPT = "四川省卫生健康委员会"


def issue_rows(n: int = 30, *, seed: int = 1, year: int = 2023, first_total: int = 421,
               start: dt.date = dt.date(2023, 1, 2)) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(documents, figures) rows of n Mon–Fri weekly issues: 咨询/受理 week+ytd, 主项 change by a department."""
    rng = random.Random(seed)
    docs: list[dict[str, Any]] = []
    figs: list[dict[str, Any]] = []
    ytd = {"咨询": 0, "受理": 0}
    units = {"咨询": "人次", "受理": "件"}
    for i in range(n):
        doc_id = f"d{i + 1:03d}"
        ps = start + dt.timedelta(weeks=i)
        pe = ps + dt.timedelta(days=4)
        docs.append({"doc_id": doc_id, "source": f"{doc_id}.txt", "format": "txt", "status": "ok",
                     "year": year, "issue_no": i + 1, "issue_total": first_total + i,
                     "period_start": ps.isoformat(), "period_end": pe.isoformat()})
        week = {"咨询": rng.randint(2000, 4000), "受理": rng.randint(300, 600)}
        for scope in ("week", "ytd"):
            for metric in ("咨询", "受理"):
                if scope == "ytd":
                    ytd[metric] += week[metric]
                value = week[metric] if scope == "week" else ytd[metric]
                figs.append({"doc_id": doc_id, "metric": metric, "value": value, "unit": units[metric],
                             "scope": scope, "value_text": str(value), "approx": False,
                             "period_start": ps.isoformat() if scope == "week" else f"{year}-01-01",
                             "period_end": pe.isoformat()})
        figs.append({"doc_id": doc_id, "metric": "主项", "value": i % 3, "unit": "个", "scope": "change",
                     "department": DEPT, "value_text": str(i % 3), "approx": False})
    return docs, figs


def find(rows: list[dict[str, Any]], doc_id: str, metric: str, scope: str) -> dict[str, Any]:
    return next(r for r in rows if r["doc_id"] == doc_id and r["metric"] == metric and r["scope"] == scope)


def plant(docs: list[dict[str, Any]], figs: list[dict[str, Any]]) -> tuple[list, list]:
    """The three planted faults: a wrong ytd (issue 10), a missing issue (20), an overlap (25)."""
    find(figs, "d010", "受理", "ytd")["value"] += 1000
    find(figs, "d010", "受理", "ytd")["value_text"] = str(find(figs, "d010", "受理", "ytd")["value"])
    docs = [d for d in docs if d["doc_id"] != "d020"]
    figs = [f for f in figs if f["doc_id"] != "d020"]
    d25 = next(d for d in docs if d["doc_id"] == "d025")
    d25["period_start"] = (dt.date.fromisoformat(d25["period_start"]) - dt.timedelta(days=3)).isoformat()
    return docs, figs


def write_out(out: Path, docs: list[dict[str, Any]], figs: list[dict[str, Any]],
              formats: tuple[str, ...] = ("csv",)) -> Path:
    write_tables({"documents": rows_to_frame("documents", docs), "figures": rows_to_frame("figures", figs)},
                 out, formats)
    return out
