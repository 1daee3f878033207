"""Charts of a panel: one PNG per metric, a panel per scope, a line per department.

The only matplotlib import (Agg canvas, no pyplot state). Chinese labels need a CJK font:
the first of ``CJK_FONTS`` that font_manager finds is used (on Debian/Ubuntu:
``apt-get install fonts-noto-cjk`` or ``fonts-wqy-zenhei``).
"""

from __future__ import annotations

import logging
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ReportParseError
from .series import SEP

if TYPE_CHECKING:
    from .panel import Panel

CJK_FONTS = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei", "Droid Sans Fallback", "AR PL UMing CN", "AR PL UKai CN", "SimHei",
    "Microsoft YaHei", "PingFang SC", "Heiti SC", "Noto Sans CJK JP",
)
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs, or None."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _file_name(label: str, taken: set[str]) -> str:
    stem = _UNSAFE.sub("_", label).strip("_.") or "metric"
    name, n = f"{stem}.png", 2
    while name in taken:
        name, n = f"{stem}-{n}.png", n + 1
    taken.add(name)
    return name


def _x_axis(frame: Any) -> tuple[list[Any], str]:
    """Period end dates when every row has one; otherwise issue labels."""
    import pandas as pd

    ends = pd.to_datetime(frame["period_end"], errors="coerce")
    if len(ends) and ends.notna().all():
        return list(ends), "period_end"
    labels = [f"{y}/{n}" if pd.notna(n) else str(d)[:8]
              for y, n, d in zip(frame["year"], frame["issue_no"], frame["doc_id"], strict=True)]
    return labels, "issue"


def plot_panel(panel: Panel, plot_dir: str | Path) -> list[Path]:
    """Write ``plot_dir/<metric>.png`` per metric of the panel (term columns are not plotted)."""
    try:
        from matplotlib import rc_context
    except ImportError:
        raise ReportParseError("--plot needs matplotlib: pip install 'reportparse[plot]'") from None

    out = Path(plot_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportParseError(f"cannot write to {out}: {exc.strerror or exc}") from exc
    font = cjk_font()
    if font is None:
        panel.warnings.append("no CJK font found (apt-get install fonts-noto-cjk); Chinese labels may be boxes")
    groups: dict[str, dict[str, list[str]]] = {}  # metric -> scope -> columns
    for col in panel.value_columns:
        parts = col.split(SEP)
        if len(parts) >= 2 and parts[1] != "term":
            groups.setdefault(parts[0], {}).setdefault(parts[1], []).append(col)
    rc: dict[str, Any] = {"axes.unicode_minus": False}
    if font:
        rc |= {"font.family": "sans-serif", "font.sans-serif": [font, "DejaVu Sans"]}
    fm_log = logging.getLogger("matplotlib.font_manager")  # wqy: "weight normal ... now using 500"
    level = fm_log.level
    fm_log.setLevel(logging.ERROR)
    try:
        taken: set[str] = set()
        with rc_context(rc):
            return [_draw(panel, metric, scopes, out, taken) for metric, scopes in groups.items()]
    finally:
        fm_log.setLevel(level)


def _draw(panel: Panel, metric: str, scopes: dict[str, list[str]], out: Path, taken: set[str]) -> Path:
    """One figure: a panel per scope, a line per column (department)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    frame = panel.frame
    x, x_kind = _x_axis(frame)
    fig = Figure(figsize=(8, 2.6 * len(scopes) + 0.6), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(len(scopes), 1, sharex=True, squeeze=False)[:, 0]
    for ax, (scope, cols) in zip(axes, scopes.items(), strict=True):
        for col in cols:
            dept = col.split(SEP)[2] if col.count(SEP) >= 2 else "未注明部门"
            ax.plot(x, frame[col].astype("float64"), marker="o", markersize=3, label=dept)
        ax.set_title(f"{metric}（{scope}）")
        units = dict.fromkeys(panel.units.get(c, "") for c in cols)
        ax.set_ylabel("/".join(u for u in units if u) or "数值")
        ax.grid(alpha=0.3)
        ax.ticklabel_format(axis="y", style="plain", useOffset=False)
        if len(cols) > 1 or cols[0].count(SEP) >= 2:
            ax.legend(fontsize="small")
    axes[-1].set_xlabel("期末日期" if x_kind == "period_end" else "期号")
    if x_kind == "issue":
        axes[-1].tick_params(axis="x", labelrotation=60)
    else:
        from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

        locator = AutoDateLocator(maxticks=8)
        axes[-1].xaxis.set_major_locator(locator)
        axes[-1].xaxis.set_major_formatter(ConciseDateFormatter(locator))
    fig.suptitle(metric)
    path = out / _file_name(metric, taken)
    with warnings.catch_warnings():  # one issue, or many panels: matplotlib's layout notes, not errors
        warnings.filterwarnings("ignore", "constrained_layout not applied|AutoDateLocator was unable", UserWarning)
        fig.savefig(path, dpi=100, metadata={"Software": None})
    return path
