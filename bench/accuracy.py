"""Accuracy: every gold-scored issue extracted and scored, one row per issue and form. Not a test.

Usage: ``python bench/accuracy.py [--pdf]`` (``make accuracy``).
Scores the seed (``corpora/weekly-2023-35``, gold ``tests/golden``) and the hand-written
variants (``tests/variants/*.txt`` with ``*.gold.json``) with ``tests/golden/score.py``,
as text and, with ``--pdf``, as PDFs drawn by ``corpora/make_pdf.py``. A variant's
README row says what its first run scored, before any rule was fixed for it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = ["fig_r", "fig_p", "date_r", "date_p", "dept_r", "dept_p", "off_r", "off_p", "ref_r", "doc"]


def _module(path: Path, name: str):  # noqa: ANN202 - a plain script helper
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def issues() -> list[tuple[str, Path, Path]]:
    """(name, text, gold) of the seed and every variant."""
    out = [("weekly-2023-35 (seed)", ROOT / "corpora" / "weekly-2023-35.txt",
            ROOT / "tests" / "golden" / "weekly-2023-35.gold.json")]
    for gold in sorted((ROOT / "tests" / "variants").glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        out.append((name, gold.with_name(f"{name}.txt"), gold))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdf", action="store_true", help="also score a PDF of each issue (needs the CJK fonts)")
    args = ap.parse_args()
    from reportparse.api import extract

    score = _module(ROOT / "tests" / "golden" / "score.py", "score").score
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        forms = [".txt"]
        make_pdf = None
        if args.pdf:
            sys.path.insert(0, str(ROOT / "corpora"))
            import make_pdf  # type: ignore[import-not-found]

            forms.append(".pdf")
        for name, text, _ in issues():
            stem = name.split()[0]
            (src / f"{stem}.txt").write_text(text.read_text(encoding="utf-8"), encoding="utf-8")
            if make_pdf is not None:
                make_pdf.render_report(text.read_text(encoding="utf-8"), src / f"{stem}.pdf", backend="fpdf2")
        out = Path(tmp) / "out"
        extract([src], out=out, formats=("csv",), jobs=1, cache=False)
        print(f"{'issue':<24} {'form':<5} " + " ".join(f"{k:>6}" for k in KEYS))
        totals: dict[str, list[float]] = {k: [] for k in KEYS}
        for name, _, gold in issues():
            g = json.loads(gold.read_text(encoding="utf-8"))
            for form in forms:
                res = score(g, str(out), name.split()[0] + form)
                for k in KEYS:
                    if k in res:
                        totals[k].append(res[k])
                print(f"{name:<24} {form:<5} " + " ".join(f"{res[k]:6.2f}" if k in res else "     -" for k in KEYS))
        print(f"{'mean':<30} " + " ".join(f"{sum(v) / len(v):6.2f}" if v else "     -" for v in totals.values()))


if __name__ == "__main__":
    main()
