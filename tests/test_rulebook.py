"""Rule files: every kind of malformed file gives one clear `file:line: rule-id: message` line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reportparse.cli import main as cli_main
from reportparse.errors import RuleFileError
from reportparse.rulebook import load_rules

GOOD_RULE = """\
rules:
  - id: my.visits
    kind: figure
    priority: 60
    pattern: '走访(?P<metric>企业)(?P<value>{NUM})(?P<unit>\\L<units>)'
    examples:
      - text: 本周走访企业12家
        rows: [{metric: 企业, value: 12, unit: 家, scope: week}]
"""

BROKEN = {
    "bad_yaml": ("rules:\n  - id: x\n    kind: figure\n    pattern: [unclosed\n", 5, "", "bad YAML"),
    "bad_regex": (
        "rules:\n  - id: my.bad-regex\n    kind: figure\n    pattern: '(?P<value>\\d+'\n",
        2, "my.bad-regex", "pattern does not compile",
    ),
    "unknown_field": (
        "rules:\n  - id: my.unknown\n    kind: figure\n    pattern: 'x'\n    colour: red\n",
        2, "my.unknown", "unknown field 'colour'",
    ),
    "duplicate_id": (
        "rules:\n  - id: my.dup\n    kind: claim\n    pattern: 'a'\n  - id: my.dup\n    kind: claim\n    pattern: 'b'\n",
        5, "my.dup", "duplicate id",
    ),
    "unknown_list": (
        "rules:\n  - id: my.list\n    kind: figure\n    pattern: '\\L<nosuchlist>'\n",
        2, "my.list", "unknown list",
    ),
    "unknown_macro": (
        "rules:\n  - id: my.macro\n    kind: figure\n    pattern: '{NOSUCH}'\n",
        2, "my.macro", "unknown macro",
    ),
    "bad_kind": ("rules:\n  - id: my.kind\n    kind: figures\n    pattern: 'a'\n", 2, "my.kind", "kind 'figures'"),
    "failing_example": (
        "rules:\n  - id: my.fails\n    kind: claim\n    pattern: 'zzz'\n    examples:\n"
        "      - text: 受理425件\n        rows: []\n",
        6, "my.fails", "example fails",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_rules_check_reports_file_line_rule(case: str, tmp_path: Path, runner) -> None:
    body, line, rule, message = BROKEN[case]
    (tmp_path / "mine.yaml").write_text(body, encoding="utf-8")
    res = runner.invoke(cli_main, ["rules", "check", "--rules", str(tmp_path)])
    assert res.exit_code == 2, res.output
    lines = [ln for ln in res.output.splitlines() if "mine.yaml" in ln]
    assert len(lines) == 1, res.output
    assert lines[0].startswith(f"{tmp_path / 'mine.yaml'}:{line}: {rule or '-'}: "), lines[0]
    assert message in lines[0]


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(BROKEN["bad_regex"][0], encoding="utf-8")
    (tmp_path / "b.yaml").write_text(BROKEN["unknown_field"][0], encoding="utf-8")
    with pytest.raises(RuleFileError) as e:
        load_rules([tmp_path])
    assert {p.rule for p in e.value.problems} == {"my.bad-regex", "my.unknown"}


def test_extract_with_broken_rules_is_a_usage_error(tmp_path: Path, runner, seed_txt: Path) -> None:
    rules = tmp_path / "r"
    rules.mkdir()
    (rules / "x.yaml").write_text(BROKEN["bad_regex"][0], encoding="utf-8")
    res = runner.invoke(cli_main, ["extract", str(seed_txt), "--out", str(tmp_path / "o"), "--rules", str(rules)])
    assert res.exit_code == 2
    assert "my.bad-regex" in res.output


def test_shipped_rules_check_clean(runner) -> None:
    res = runner.invoke(cli_main, ["rules", "check"])
    assert res.exit_code == 0, res.output


def test_loading_never_executes_yaml_tags(tmp_path: Path) -> None:
    (tmp_path / "evil.yaml").write_text(
        "rules: !!python/object/apply:os.system ['touch pwned']\n", encoding="utf-8"
    )
    with pytest.raises(RuleFileError):
        load_rules([tmp_path])
    assert not Path("pwned").exists()


def test_user_rule_folder_adds_a_metric(tmp_path: Path, runner) -> None:
    rules = tmp_path / "my-rules"
    rules.mkdir()
    (rules / "visits.yaml").write_text(GOOD_RULE, encoding="utf-8")
    src = tmp_path / "in"
    src.mkdir()
    (src / "w.txt").write_text("2024年第3期\n一、工作动态\n本周走访企业12家，受理30件。\n", encoding="utf-8")
    out = tmp_path / "out"
    res = runner.invoke(cli_main, ["extract", str(src), "--out", str(out), "--rules", str(rules), "--quiet"])
    assert res.exit_code == 0, res.output
    with open(out / "figures.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    mine = [r for r in rows if r["rule"] == "my.visits"]
    assert [(r["metric"], r["value"], r["unit"], r["scope"]) for r in mine] == [("企业", "12", "家", "week")]
    # and the user's examples run with `rules test`
    res = runner.invoke(cli_main, ["rules", "test", "--rules", str(rules)])
    assert res.exit_code == 0, res.output


def test_user_gazetteer_extends_shipped_list(tmp_path: Path) -> None:
    (tmp_path / "gazetteers").mkdir()
    (tmp_path / "gazetteers" / "units.txt").write_text("# mine\n车次\n", encoding="utf-8")
    rules = load_rules([tmp_path])
    assert "车次" in rules.lists["units"] and "件" in rules.lists["units"]
