"""The compiled rulebook is cached on disk by content (rulecache.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportparse import rulebook, rulecache

RULE = """rules:
  - id: figure.test-cache
    kind: figure
    pattern: '(?P<metric>测试)(?P<value>\\d+)(?P<unit>件)'
"""


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REPORTPARSE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(rulecache.ENV_OFF, raising=False)
    return tmp_path / "cache" / "rulebooks"


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(folders: list[Path]) -> None:
        raise AssertionError("compiled although cached")

    monkeypatch.setattr(rulebook, "_compile_rulebook", fail)


def test_second_load_comes_from_the_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = rulebook.load_rules()
    assert len(list(cache_dir.glob("*.pickle"))) == 1
    _no_compiling(monkeypatch)
    second = rulebook.load_rules()
    assert [r.id for r in second.rules] == [r.id for r in first.rules]
    assert second.hash == first.hash
    text = "本周受理事项120件，办结118件。"
    assert [m.group() for m in second.by_id("figure.verb").regex.finditer(text)] == \
        [m.group() for m in first.by_id("figure.verb").regex.finditer(text)]


def test_an_edited_rule_file_is_compiled_again(cache_dir: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "extra.yaml").write_text(RULE, encoding="utf-8")
    assert rulebook.load_rules([mine]).by_id("figure.test-cache")
    (mine / "extra.yaml").write_text(RULE.replace("测试", "检测"), encoding="utf-8")
    again = rulebook.load_rules([mine])
    assert "检测" in again.by_id("figure.test-cache").pattern
    assert len(list(cache_dir.glob("*.pickle"))) == 2


def test_a_broken_entry_is_ignored_and_rewritten(cache_dir: Path) -> None:
    rulebook.load_rules()
    (entry,) = cache_dir.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert rulebook.load_rules().rules
    assert entry.read_bytes() != b"not a pickle"


def test_switched_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(rulecache.ENV_OFF, "0")
    assert rulebook.load_rules().rules
    assert not cache_dir.exists()


def test_broken_rules_are_not_cached(cache_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.yaml").write_text("rules:\n  - id: x\n    kind: nope\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(rulebook.RuleFileError):
            rulebook.load_rules([bad])
    assert not list(cache_dir.glob("*.pickle"))


def test_a_folder_of_its_own(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(rulecache.ENV_OFF, str(tmp_path / "books"))
    rulebook.load_rules()
    assert len(list((tmp_path / "books").glob("*.pickle"))) == 1
    assert not cache_dir.exists()
