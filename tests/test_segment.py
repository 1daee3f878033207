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


_TAGS_PROBE = """
import jieba, sys
from reportparse.segment import Segmenter, _tags_cache
seg = Segmenter([("经济和信息化厅", "nt")])
import jieba.posseg as p
print(len(p.dt.word_tag_tab), p.dt.word_tag_tab.get("受理"), "get_dict_file" in vars(jieba.dt), _tags_cache(jieba).is_file())
print(" ".join(f"{t.text}/{t.pos}" for t in seg.tagged("本周经济和信息化厅受理行政许可事项425件")))
"""


@pytest.mark.parametrize("state", ["none", "broken"])
def test_cached_word_tags_equal_jiebas_own(tmp_path, state: str) -> None:
    """jieba.posseg's word tags read from reportparse's marshal cache equal those jieba parses
    from its dictionary; a missing or broken cache is (re)written and never changes a tag."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "TMPDIR": str(tmp_path)}
    if state == "broken":
        env_probe = "import jieba; from reportparse.segment import _tags_cache; print(_tags_cache(jieba))"
        path = subprocess.run([sys.executable, "-c", env_probe], env=env, capture_output=True, text=True,
                              check=True).stdout.strip()
        with open(path, "wb") as f:
            f.write(b"not marshal")
    runs = [subprocess.run([sys.executable, "-c", _TAGS_PROBE], env=env, capture_output=True, text=True,
                           check=True).stdout.splitlines() for _ in range(2)]
    import jieba.posseg as p

    n, tag, patched, _ = runs[1][0].split()
    assert int(n) == len(p.dt.word_tag_tab) and tag == p.dt.word_tag_tab["受理"] and patched == "False"
    assert runs[0][0].endswith("True") and runs[0] == runs[1]  # written by the first, read by the second
    assert "经济和信息化厅/nt" in runs[1][1]
