"""Mastheads laid out in other ways (corpora/masthead_styles.py): several fields on one line, a field
cut over two lines, an issue number without its year, the period after the issue number. The seed
in each style, as text and as a PDF (corpora/make_pdf.py), gives the seed's documents row and
scores 1.00 on every table; so do synthetic issues (corpora/synth.py --masthead STYLE).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "corpora"))

import make_pdf  # noqa: E402
from masthead_styles import STYLES, restyle_masthead  # noqa: E402
from score_helpers import load_scorer  # noqa: E402

SEED_TXT = ROOT / "corpora" / "weekly-2023-35.txt"
GOLD = json.loads((ROOT / "tests" / "golden" / "weekly-2023-35.gold.json").read_text(encoding="utf-8"))
HAVE_FONTS = all(p.exists() for p, _ in make_pdf.FONT_FILES.values())
KEYS = ["fig_r", "fig_p", "date_r", "date_p", "dept_r", "dept_p", "off_r", "off_p", "ref_r", "doc"]


def _scorer():
    return load_scorer()


def _extract(src: Path) -> Path:
    from click.testing import CliRunner

    from reportparse.cli import main as cli_main

    out = src / "out"
    res = CliRunner().invoke(cli_main, ["extract", str(src), "--out", str(out), "--quiet", "--format", "csv",
                                        "--jobs", "1"])
    assert res.exit_code == 0, res.output
    return out


def _documents(out: Path) -> dict[str, dict[str, str]]:
    with open(out / "documents.csv", encoding="utf-8-sig", newline="") as f:
        return {Path(d["source"]).name: d for d in csv.DictReader(f)}


def test_styles_keep_every_field_and_the_body() -> None:
    seed = SEED_TXT.read_text(encoding="utf-8")
    body = seed[seed.index("一、"):]
    for style in STYLES:
        text = restyle_masthead(seed, style)
        assert text.endswith(body), style
    head = restyle_masthead(seed, "one-line").split("一、")[0]
    assert "2023 年第 35 期（总第 455 期）（9 月 4 日—9 月 8 日）" in head
    assert "\n第 35 期（总第 455 期）\n" in restyle_masthead(seed, "no-year")
    with pytest.raises(ValueError, match="style"):
        restyle_masthead(seed, "sideways")


@pytest.fixture(scope="module")
def styled_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed in every masthead style, as text and (with the fonts) as PDF, extracted at once."""
    src = tmp_path_factory.mktemp("mastheads")
    seed = SEED_TXT.read_text(encoding="utf-8")
    for i, style in enumerate(STYLES):
        text = restyle_masthead(seed, style)
        (src / f"{style}.txt").write_text(text, encoding="utf-8")
        if HAVE_FONTS:
            make_pdf.render_report(text, src / f"{style}.pdf", backend=("fpdf2", "reportlab")[i % 2])
    return _extract(src)


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
@pytest.mark.parametrize("style", STYLES)
def test_seed_in_every_masthead_style_scores_1(styled_out: Path, style: str, fmt: str) -> None:
    if fmt == "pdf" and not HAVE_FONTS:
        pytest.skip(f"apt-get install {make_pdf.FONT_PACKAGES}")
    doc = _documents(styled_out)[f"{style}.{fmt}"]
    want = {k: str(v) for k, v in GOLD["document"].items()}
    assert {k: doc[k] for k in want} == want
    res = _scorer().score(GOLD, str(styled_out), f"{style}.{fmt}")
    assert {k: round(res[k], 2) for k in KEYS} == dict.fromkeys(KEYS, 1.0)


@pytest.mark.parametrize("style", ["one-line", "split", "no-year"])
def test_synthetic_issues_in_a_masthead_style(tmp_path: Path, style: str) -> None:
    import synth

    fmts = ("txt", "pdf") if HAVE_FONTS else ("txt",)
    synth.generate(tmp_path, 2, "2024-12-23", seed=7, formats=fmts, masthead=style)
    docs = _documents(_extract(tmp_path))
    truths = sorted(tmp_path.glob("*.truth.json"))
    assert len(truths) == 2
    for truth in truths:
        want = {k: str(v) for k, v in json.loads(truth.read_text(encoding="utf-8"))["document"].items()}
        for fmt in fmts:
            doc = docs[truth.name.replace(".truth.json", f".{fmt}")]
            assert {k: doc[k] for k in want} == want, (truth.name, fmt)
