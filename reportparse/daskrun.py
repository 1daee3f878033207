"""``--engine dask``: the same per-document function mapped over a dask.distributed cluster.

``dask_results`` yields one DocumentResult per source, in input order, like the local
process pool: the rule set is scattered to every worker once, each worker parses files
with ``batch.parse_safely`` (so errors are isolated the same way), and only a bounded
window of files is in flight. ``write_partitioned`` writes the Parquet dataset
partitioned by year that a dask run adds beside the normal tables.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ReportParseError
from .model import DocumentResult
from .settings import Settings

if TYPE_CHECKING:
    import pandas as pd

#: Tables written as ``OUT/<table>/year=YYYY/part-0.parquet`` (year of the row's document).
PARTITIONED = ("documents", "figures", "dates", "departments", "officials", "references", "tokens")
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


def _distributed() -> Any:
    try:
        import dask.distributed as dd
    except ImportError:
        raise ReportParseError(
            "--engine dask needs dask.distributed: pip install 'reportparse[dask]'") from None
    return dd


def dask_results(sources: Sequence[str], rules: Any, settings: Settings) -> Iterator[DocumentResult]:
    """Parse ``sources`` on the cluster at ``settings.scheduler`` (a LocalCluster of
    ``settings.jobs`` worker processes when None), yielding results in input order."""
    from .batch import failed_result, one_line, parse_safely

    dd = _distributed()
    cluster = None
    if settings.scheduler:
        try:
            client = dd.Client(settings.scheduler, timeout="30s")
        except OSError as exc:
            raise ReportParseError(f"cannot reach dask scheduler {settings.scheduler}: {exc}") from None
    else:
        cluster = dd.LocalCluster(n_workers=settings.jobs, threads_per_worker=1, processes=True,
                                  dashboard_address=None)
        client = dd.Client(cluster)
    try:
        rules_f = client.scatter(rules, broadcast=True)
        run = uuid.uuid4().hex[:12]  # task keys unique to this run: another client's are not shared
        width = 4 * max(1, sum(client.nthreads().values()))
        window: deque[tuple[str, Any]] = deque()
        for i, src in enumerate(sources):
            path = os.path.abspath(src)  # workers started elsewhere resolve relative paths elsewhere
            window.append((src, client.submit(parse_safely, src, rules_f, settings, path,
                                              key=f"reportparse-{run}-{i}", pure=False)))
            if len(window) >= width:
                yield _outcome(*window.popleft(), failed_result, one_line)
        while window:
            yield _outcome(*window.popleft(), failed_result, one_line)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _outcome(src: str, fut: Any, failed_result: Any, one_line: Any) -> DocumentResult:
    try:
        result = fut.result()
    except Exception as exc:  # noqa: BLE001 - a worker died or lost the task
        result = failed_result(src, "worker", one_line(exc))
    fut.release()
    return result


def write_partitioned(frames: Mapping[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write ``OUT/<table>/year=YYYY/part-0.parquet`` (hive style) for each table in PARTITIONED.

    A row's year is its document's ``year``; documents without one go to
    ``year=__HIVE_DEFAULT_PARTITION__``. The ``year`` column of ``documents`` lives in
    the folder name only. Earlier partitions of these tables are removed first.
    Read back with ``pandas.read_parquet("OUT/figures")``.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out_dir)
    docs = frames["documents"]
    year_of = dict(zip(docs["doc_id"].tolist(), docs["year"].tolist(), strict=True))
    written: list[Path] = []
    try:
        for name in PARTITIONED:
            frame = frames.get(name)
            if frame is None:
                continue
            folder = out / name
            if folder.is_dir():
                shutil.rmtree(folder)
            years = [_year_dir(year_of.get(d)) for d in frame["doc_id"].tolist()]
            if name == "documents":
                frame = frame.drop(columns=["year"])
            for year in sorted(set(years)):
                part = frame[[y == year for y in years]].reset_index(drop=True)
                path = folder / f"year={year}" / "part-0.parquet"
                path.parent.mkdir(parents=True, exist_ok=True)
                pq.write_table(pa.Table.from_pandas(part, preserve_index=False), path)
                written.append(path)
    except OSError as exc:
        raise ReportParseError(f"cannot write to {out}: {exc.strerror or exc}") from exc
    return written


def _year_dir(year: Any) -> str:
    try:
        return str(int(year))
    except (TypeError, ValueError):
        return NULL_PARTITION
