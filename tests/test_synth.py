"""The synthetic corpus generator corpora/synth.py: determinism, consistent ytd, calendar, plants, truth, PDFs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import regex as re
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "corpora"))

import synth  # noqa: E402
from synth_pools import DEPTS, TWO_POSTS  # noqa: E402

WEEK_METRICS = ("咨询", "受理", "颁发", "流转")


def truths(folder: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.truth.json"))]


def value(truth: dict, metric: str, scope: str) -> float:
    return next(f["value"] for f in truth["figures"] if f["metric"] == metric and f.get("scope") == scope)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = synth.generate(tmp_path / "a", 4, "2023-03-06", 7, "txt")
    b = synth.generate(tmp_path / "b", 4, "2023-03-06", 7, "txt")
    assert [p.name for p in a] == [p.name for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b, strict=True))
    c = synth.generate(tmp_path / "c", 4, "2023-03-06", 8, "txt")
    assert a[0].read_bytes() != c[0].read_bytes()


def test_ytd_adds_up_and_resets_on_new_year(tmp_path: Path) -> None:
    synth.generate(tmp_path, 12, "2023-11-06", 3, "txt")
    ts = truths(tmp_path)
    docs = [t["document"] for t in ts]
    assert [d["issue_no"] for d in docs] == list(range(45, 53)) + [1, 2, 3, 4]
    assert [d["issue_total"] for d in docs] == list(range(465, 477))
    last_2023 = docs[7]
    assert (last_2023["period_start"], last_2023["period_end"]) == ("2023-12-25", "2023-12-29")
    assert last_2023["published"].startswith("2024-01")
    for prev, cur in zip(ts, ts[1:], strict=False):
        for m in WEEK_METRICS:
            week, ytd = value(cur, m, "week"), value(cur, m, "ytd")
            if cur["document"]["year"] != prev["document"]["year"]:
                assert ytd <= week  # reset on 1 January
                continue
            slack = 100 if any(f["value"] % 100 == 0 and f["metric"] == m for f in cur["figures"] + prev["figures"]
                               if f.get("scope") == "ytd") else 0  # 万 printed to two decimals
            assert abs(value(prev, m, "ytd") + week - ytd) <= slack, (cur["document"], m)


def test_weeks_across_a_month_and_a_year(tmp_path: Path) -> None:
    synth.generate(tmp_path / "a", 6, "2023-01-02", 1, "txt")
    assert "（1 月 30 日—2 月 3 日）" in (tmp_path / "a" / "weekly-2023-05.txt").read_text(encoding="utf-8")
    synth.generate(tmp_path / "b", 6, "2025-12-01", 1, "txt")
    text = (tmp_path / "b" / "weekly-2026-01.txt").read_text(encoding="utf-8")
    assert text.startswith("2026 年第 1 期") and "（12 月 29 日—1 月 2 日）" in text
    doc = json.loads((tmp_path / "b" / "weekly-2026-01.truth.json").read_text(encoding="utf-8"))["document"]
    assert (doc["period_start"], doc["period_end"]) == ("2025-12-29", "2026-01-02")


def test_planted_faults_are_recorded(tmp_path: Path) -> None:
    clean, bad = tmp_path / "clean", tmp_path / "bad"
    synth.generate(clean, 30, "2023-01-02", 1, "txt")
    synth.generate(bad, 30, "2023-01-02", 1, "txt", "ytd,missing,overlap")
    assert json.loads((clean / "planted.json").read_text(encoding="utf-8"))["planted"] == []
    planted = {p["kind"]: p for p in json.loads((bad / "planted.json").read_text(encoding="utf-8"))["planted"]}
    assert sorted(planted) == ["missing", "overlap", "ytd"]
    no = lambda p: int(p["issue"].split("/")[1])  # noqa: E731
    assert not (bad / f"weekly-2023-{no(planted['missing']):02d}.txt").exists()
    assert len(list(bad.glob("*.txt"))) == 29
    ytd = json.loads((bad / f"weekly-2023-{no(planted['ytd']):02d}.truth.json").read_text(encoding="utf-8"))
    assert value(ytd, "受理", "ytd") == planted["ytd"]["printed"] != planted["ytd"]["consistent"]
    over = planted["overlap"]
    assert over["period_start"] <= over["previous_end"]
    # apart from the faults, the planted corpus is the clean one
    same = [p.name for p in clean.glob("*.txt") if (bad / p.name).exists()
            and (bad / p.name).read_bytes() == p.read_bytes()]
    assert len(same) == 27
    with pytest.raises(ValueError):
        synth.generate(tmp_path / "small", 4, "2023-01-02", 1, "txt", "ytd,missing,overlap")


def test_truth_departments_are_gazetteer_names(tmp_path: Path) -> None:
    gaz = yaml.safe_load((ROOT / "rules" / "gazetteers" / "departments.yaml").read_text(encoding="utf-8"))
    names = {n: e["canonical"] for e in gaz for n in [e["canonical"], *e.get("aliases", [])]}
    for canon, (mentions, _) in DEPTS.items():
        assert all(names.get(m) == canon for m in mentions), canon
    assert all(c in names and c2 in names for c, _, c2, _, _ in TWO_POSTS)
    synth.generate(tmp_path, 8, "2023-06-05", 5, "txt")
    for t in truths(tmp_path):
        for d in t["departments"]:
            assert all(names.get(m) == d["canonical"] for m in d["mentions"]), d


DATE = re.compile(r"(?m)^\d+\.|\d+\s*年\s*第?|\d+\s*月\s*\d+\s*日|1—\d+月|\d+\s*期|〔\d+〕")


def test_every_number_in_the_text_is_in_the_truth(tmp_path: Path) -> None:
    synth.generate(tmp_path, 10, "2023-04-03", 11, "txt")
    for t in truths(tmp_path):
        text = (tmp_path / f"weekly-{t['synthetic']['issue'].replace('/', '-').split('-')[0]}-"
                           f"{int(t['synthetic']['issue'].split('/')[1]):02d}.txt").read_text(encoding="utf-8")
        known = {float(f["value"]) for f in t["figures"]} | {float(v) for v in t["figures_allowed_extra_values"]}
        for m in re.finditer(r"\d+(?:\.\d+)?(万)?", DATE.sub(" ", text)):
            v = float(m.group(0).rstrip("万"))
            assert v in known or v * 1e4 in known, (m.group(0), text[max(0, m.start() - 30): m.end() + 5])


def test_pdf_is_deterministic_and_three_to_five_pages(tmp_path: Path) -> None:
    import pdfplumber

    (a,) = [p for p in synth.generate(tmp_path / "a", 1, "2023-09-04", 2, "pdf") if p.suffix == ".pdf"]
    (b,) = [p for p in synth.generate(tmp_path / "b", 1, "2023-09-04", 2, "pdf") if p.suffix == ".pdf"]
    assert a.read_bytes() == b.read_bytes()
    with pdfplumber.open(a) as pdf:
        assert 3 <= len(pdf.pages) <= 5


def test_pdf_backends_and_parallel_rendering(tmp_path: Path) -> None:
    """fpdf2 (default): fonts embedded as CID subsets; reportlab on request; jobs never change the bytes."""
    one = [p for p in synth.generate(tmp_path / "one", 4, "2023-09-04", 2, "pdf") if p.suffix == ".pdf"]
    two = [p for p in synth.generate(tmp_path / "two", 4, "2023-09-04", 2, "pdf", jobs=2) if p.suffix == ".pdf"]
    assert [p.name for p in one] == [p.name for p in two] and len(one) == 4
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]
    data = one[0].read_bytes()
    assert data.count(b"/Subtype /CIDFontType2") == 3 and b"/Identity-H" in data and b"STSong" not in data
    (old,) = [p for p in synth.generate(tmp_path / "rl", 1, "2023-09-04", 2, "pdf", pdf_backend="reportlab")
              if p.suffix == ".pdf"]
    assert b"/STSong-Light" in old.read_bytes()
    with pytest.raises(ValueError, match="PDF backend"):
        synth.generate(tmp_path / "bad", 1, "2023-09-04", 2, "pdf", pdf_backend="word")


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert synth.main([str(tmp_path), "--n", "2", "--seed", "4", "--format", "txt"]) == 0
    assert "wrote 5 files" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        synth.main([str(tmp_path), "--plant", "bogus"])
    with pytest.raises(SystemExit):
        synth.main([str(tmp_path), "--pdf-backend", "bogus"])
