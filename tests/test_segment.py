"""jieba: an owned Tokenizer with the gazetteers as user dictionary; names stay whole in tokens."""

from __future__ import annotations

import pytest

from reportparse.pipeline import analyse, text_to_clean
from reportparse.rulebook import load_rules
from reportparse.segment import segmenter_for

RULES = load_rules()


@pytest.mark.parametrize("word", ["经济和信息化厅", "二级巡视员", "省卫生健康委", "人力资源社会保障厅", "今年以来"])
def test_gazetteer_words_stay_whole(word: str) -> None:
    seg = segmenter_for(RULES)
    toks = [t.text for t in seg.tokens(f"本周{word}召开会议")]
    assert word in toks, toks


def test_segmenter_is_not_jieba_global_state() -> None:
    import jieba

    seg = segmenter_for(RULES)
    assert seg._tok is not jieba.dt
    assert segmenter_for(RULES) is seg  # built once per process and rule set


def test_tokens_table_keeps_extracted_names_whole() -> None:
    clean = text_to_clean("一、动态\n1.9月8日，省中心党委书记、主任吕芙蓉到省政务服务大厅督导检查安全工作。")
    _, tables, _ = analyse(clean, RULES, "d", tokens=True)
    toks = [r["token"] for r in tables["tokens"]]
    assert "吕芙蓉" in toks and "省中心" in toks
    assert all(clean.text[r["char_start"] : r["char_start"] + len(r["token"])] == r["token"] for r in tables["tokens"])


def test_metric_word_must_be_a_whole_token() -> None:
    # 办理 is a metric verb, but in 办理项 it is part of a noun: no 办理 figure
    clean = text_to_clean("其中主项1个、办理项3个")
    _, tables, _ = analyse(clean, RULES, "d")
    assert [(r["metric"], r["value"]) for r in tables["figures"]] == [("主项", 1), ("办理项", 3)]


def test_fast_dictionary_load_equals_jiebas_own(tmp_path) -> None:
    """Reading jieba's cache in one go gives the dictionary jieba's initialize() builds."""
    import jieba

    from reportparse.segment import _initialize

    own = jieba.Tokenizer()
    own.tmp_dir = str(tmp_path)
    _initialize(own, jieba.DEFAULT_DICT)  # no cache in tmp_path yet: jieba builds and writes it
    assert (tmp_path / "jieba.cache").is_file()
    fast = jieba.Tokenizer()
    fast.tmp_dir = str(tmp_path)
    (tmp_path / "jieba.cache").touch()
    _initialize(fast, jieba.DEFAULT_DICT)
    assert fast.initialized and fast.total == own.total and fast.FREQ == own.FREQ
    (tmp_path / "jieba.cache").write_bytes(b"not marshal")  # a broken cache: jieba rebuilds it
    broken = jieba.Tokenizer()
    broken.tmp_dir = str(tmp_path)
    _initialize(broken, jieba.DEFAULT_DICT)
    assert broken.total == own.total
