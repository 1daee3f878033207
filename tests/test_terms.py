"""The opt-in terms table: each document's top-K keywords by jieba's TF-IDF on the project's tokenizer."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportparse import extract
from reportparse.cli import main
from reportparse.normalize.orgs import load_list
from reportparse.rulebook import SHIPPED_RULES, load_rules
from reportparse.segment import build_terms, segmenter_for
from reportparse.tables import columns

STOPWORDS = SHIPPED_RULES / "gazetteers" / "stopwords.txt"


@pytest.fixture(scope="module")
def seed_terms(tmp_path_factory: pytest.TempPathFactory):
    seed = Path(__file__).resolve().parents[1] / "corpora" / "weekly-2023-35.txt"
    return extract([seed], terms=True).terms


def test_terms_rows(seed_terms) -> None:
    assert list(seed_terms.columns) == columns("terms") == ["doc_id", "rank", "term", "weight"]
    assert seed_terms["rank"].tolist() == list(range(1, 21))
    weights = seed_terms["weight"].tolist()
    assert weights == sorted(weights, reverse=True) and all(w > 0 for w in weights)
    terms = seed_terms["term"].tolist()
    assert terms[:4] == ["安全", "办理项", "政务", "矿山"]
    entries = load_list(STOPWORDS)
    stop = set(entries)
    assert len(entries) == len(stop)
    assert not stop & set(terms) and {"工作", "要求"} <= stop  # heavy in the seed, but boilerplate
    assert all(len(t) >= 2 and not any(ch.isdigit() for ch in t) for t in terms)


def test_terms_use_the_project_tokenizer_not_jiebas_global_one(seed_terms) -> None:
    import jieba
    import jieba.analyse

    # 二级巡视员 is a gazetteer title (user dictionary); jieba's own dictionary splits it
    assert "二级巡视员" not in jieba.lcut("交通运输厅二级巡视员")
    assert "二级巡视员" in seed_terms["term"].tolist()
    assert jieba.analyse.default_tfidf.tokenizer is jieba.dt  # the global extractor is left alone
    assert "工作" not in jieba.analyse.default_tfidf.stop_words


def test_top_k_and_extra_stopwords(tmp_path: Path) -> None:
    extra = tmp_path / "rules" / "gazetteers"
    extra.mkdir(parents=True)
    (extra / "stopwords.txt").write_text("安全\n矿山\n", encoding="utf-8")
    text = (Path(__file__).resolve().parents[1] / "corpora" / "weekly-2023-35.txt").read_text(encoding="utf-8")
    rules = load_rules([tmp_path / "rules"])
    rows = build_terms(text, segmenter_for(rules), rules.lists["stopwords"], "d", 5)
    assert [r["term"] for r in rows] == ["办理项", "政务", "事项", "省中心", "受理"]
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5] and {r["doc_id"] for r in rows} == {"d"}


def test_terms_are_opt_in_on_the_command_line(runner, tmp_path: Path, seed_txt: Path) -> None:
    args = ["extract", str(seed_txt), "-q", "--format", "csv"]
    assert runner.invoke(main, [*args, "--out", str(tmp_path / "a")]).exit_code == 0
    assert not (tmp_path / "a" / "terms.csv").exists()
    res = runner.invoke(main, [*args, "--out", str(tmp_path / "b"), "--terms", "--terms-top", "7"])
    assert res.exit_code == 0, res.output
    lines = (tmp_path / "b" / "terms.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "doc_id,rank,term,weight" and len(lines) == 8
    from reportparse.panel import panel

    p = panel(tmp_path / "b", terms=True, write=False)  # the panel command reads the table
    assert "安全|term" in p.frame.columns and not [w for w in p.warnings if "terms" in w]
