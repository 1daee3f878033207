"""Gazetteers under rules/gazetteers: they load, cover the genre, and bad files fail loudly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from gazetteer_helpers import department_problems

from reportparse.errors import RuleFileError
from reportparse.normalize.orgs import load_departments, load_list, load_name_list

GAZ = Path(__file__).resolve().parents[1] / "rules" / "gazetteers"
LISTS = ("titles.txt", "surnames.txt", "units.txt", "not_departments.txt")


@pytest.fixture(scope="module")
def gazetteer():
    return load_departments(GAZ / "departments.yaml")


@pytest.mark.parametrize("name", LISTS)
def test_lists_load_without_duplicates(name: str) -> None:
    entries = load_list(GAZ / name)
    assert entries and len(entries) == len(set(entries))


@pytest.mark.parametrize(
    ("mention", "canonical", "kind"),
    [
        ("四川省政府政务服务和公共资源交易服务中心", "四川省政府政务服务和公共资源交易服务中心", "publisher"),
        ("省中心", "四川省政府政务服务和公共资源交易服务中心", "publisher"),
        ("省卫生健康委", "四川省卫生健康委员会", "department"),
        ("省卫健委", "四川省卫生健康委员会", "department"),
        ("省中医药局", "四川省中医药管理局", "department"),
        ("经济和信息化厅", "四川省经济和信息化厅", "department"),
        ("省经信厅", "四川省经济和信息化厅", "department"),
        ("农业农村厅", "四川省农业农村厅", "department"),
        ("省邮管局", "四川省邮政管理局", "central"),
        ("交通运输厅", "四川省交通运输厅", "department"),
        ("自然资源厅", "四川省自然资源厅", "department"),
        ("应急管理厅", "四川省应急管理厅", "department"),
        ("水利厅", "四川省水利厅", "department"),
        ("省人社厅", "四川省人力资源和社会保障厅", "department"),
        ("省住建厅", "四川省住房和城乡建设厅", "department"),
        ("省发改委", "四川省发展和改革委员会", "department"),
        ("省市场监管局", "四川省市场监督管理局", "department"),
        ("省医保局", "四川省医疗保障局", "department"),
        ("省国资委", "四川省政府国有资产监督管理委员会", "department"),
        ("四川省交通物流发展中心", "四川省交通物流发展中心", "other"),
        ("中共中央办公厅", "中共中央办公厅", "central"),
        ("国办", "国务院办公厅", "central"),
        ("国家两办", "中共中央办公厅、国务院办公厅", "central"),
        ("省委组织部", "中共四川省委组织部", "department"),
        ("团省委", "共青团四川省委员会", "other"),
        ("政务服务管理处", "政务服务管理处", "division"),
        ("省 卫生健康委", "四川省卫生健康委员会", "department"),  # spaces are ignored
    ],
)
def test_lookup(gazetteer, mention: str, canonical: str, kind: str) -> None:
    entry = gazetteer.lookup(mention)
    assert entry is not None and (entry.canonical, entry.kind) == (canonical, kind)
    assert entry.known and mention.replace(" ", "") in gazetteer.names()


def test_joint_names_resolve_but_are_not_matched(gazetteer) -> None:
    entry = gazetteer.lookup("中共中央办公厅、国务院办公厅")
    assert entry is not None and entry.canonical == "中共中央办公厅、国务院办公厅"
    assert "中共中央办公厅、国务院办公厅" not in gazetteer.names()
    assert {"中共中央办公厅", "国务院办公厅", "两办"} <= set(gazetteer.names())


@pytest.mark.parametrize(
    "mention", ["党中央", "国务院", "省委", "省政府", "省政务服务大厅", "全省自然资源系统", "办公厅", ""]
)
def test_not_departments_do_not_resolve(gazetteer, mention: str) -> None:
    assert gazetteer.lookup(mention) is None


@pytest.mark.parametrize(
    ("mention", "on", "canonical", "successor"),
    [
        # a body the 2018 reform retired: its own entry, full name of then, today's body as successor
        ("省卫生计生委", None, "四川省卫生和计划生育委员会", "四川省卫生健康委员会"),
        ("省卫生计生委", date(2017, 5, 2), "四川省卫生和计划生育委员会", "四川省卫生健康委员会"),
        ("省卫生计生委", date(2018, 10, 31), "四川省卫生和计划生育委员会", "四川省卫生健康委员会"),
        ("省卫生计生委", date(2023, 9, 8), None, None),  # outside the body's life: no body
        ("四川省国土资源厅", date(2016, 1, 1), "四川省国土资源厅", "四川省自然资源厅"),
        ("四川省国土资源厅", date(2020, 1, 1), None, None),
        ("省工商局", date(2018, 5, 4), "四川省工商行政管理局", "四川省市场监督管理局"),
        ("四川省工商行政管理局", date(2018, 5, 4), "四川省工商行政管理局", "四川省市场监督管理局"),
        ("省质监局", date(2017, 3, 3), "四川省质量技术监督局", "四川省市场监督管理局"),
        ("省食药监局", date(2016, 8, 1), "四川省食品药品监督管理局", "四川省市场监督管理局"),
        ("省安监局", date(2018, 1, 5), "四川省安全生产监督管理局", "四川省应急管理厅"),
        ("省环保厅", date(2015, 12, 1), "四川省环境保护厅", "四川省生态环境厅"),
        ("省经信委", date(2018, 9, 28), "四川省经济和信息化委员会", "四川省经济和信息化厅"),
        # two bodies merged into one: each keeps its name
        ("省国税局", date(2018, 3, 9), "四川省国家税务局", "国家税务总局四川省税务局"),
        ("省地税局", date(2018, 3, 9), "四川省地方税务局", "国家税务总局四川省税务局"),
        ("省地税局", date(2018, 7, 6), None, None),
        ("省税务局", date(2018, 3, 9), None, None),  # before the merger there was no one 税务局
        ("省税务局", date(2019, 3, 8), "国家税务总局四川省税务局", None),
        # a chain of reforms: successor is the end of it, today's body
        ("省金融办", date(2017, 6, 9), "四川省人民政府金融工作办公室", "四川省地方金融管理局"),
        ("省地方金融监管局", date(2020, 6, 5), "四川省地方金融监督管理局", "四川省地方金融管理局"),
        ("省扶贫开发局", date(2020, 6, 5), "四川省扶贫开发局", "四川省农业农村厅"),
        # current bodies: no successor
        ("省卫生健康委", date(2023, 9, 8), "四川省卫生健康委员会", None),
        ("省市场监管局", date(2024, 2, 2), "四川省市场监督管理局", None),
        ("省地方金融管理局", date(2025, 1, 3), "四川省地方金融管理局", None),
    ],
)
def test_retired_bodies_resolve_as_of_the_date(
    gazetteer, mention: str, on: date | None, canonical: str | None, successor: str | None
) -> None:
    entry = gazetteer.lookup(mention, on)
    assert (entry.canonical if entry else None) == canonical
    if entry is not None:
        assert entry.successor == successor
        assert entry.current == (successor or canonical)


def test_every_successor_is_a_current_body(gazetteer) -> None:
    by_name = {e.canonical: e for e in gazetteer.entries}
    retired = [e for e in gazetteer.entries if e.successor]
    assert len(retired) >= 20
    for e in retired:
        assert e.successor in by_name and by_name[e.successor].successor is None, e.canonical
        if e.valid_to is not None and e.level == "province" and e.kind == "department":
            assert e.valid_to <= date(2024, 12, 31), e.canonical


def test_publisher_of_then_and_now(gazetteer) -> None:
    old = gazetteer.lookup("四川省政务服务和资源交易服务中心")
    assert old is not None and old.kind == "publisher"
    assert old.successor == "四川省政府政务服务和公共资源交易服务中心"
    short = gazetteer.lookup("省中心", date(2018, 5, 4))
    assert short is not None and short.canonical == old.successor  # the masthead decides (as_in_masthead)


def test_old_aliases_are_spellings_of_the_same_body_in_a_period(tmp_path: Path) -> None:
    path = tmp_path / "departments.yaml"
    path.write_text(
        "- canonical: 四川省甲乙厅\n  kind: department\n  aliases: [省甲乙厅]\n"
        "  old_aliases:\n    - {name: 四川省甲和乙厅, valid_to: 2015-12-31}\n"
        "    - {name: 省新甲乙厅, valid_from: 2030-01-01}\n",
        encoding="utf-8",
    )
    gaz = load_departments(path)
    hit = gaz.lookup("省甲和乙厅", date(2015, 6, 1))  # a prefix variant of an old alias
    assert hit is not None and hit.canonical == "四川省甲乙厅" and hit.historic and hit.successor is None
    assert gaz.lookup("四川省甲和乙厅", date(2016, 1, 1)) is None
    assert gaz.lookup("省新甲乙厅", date(2029, 12, 31)) is None
    assert gaz.lookup("省新甲乙厅", date(2030, 1, 1)) is not None


@pytest.mark.parametrize(
    ("mention", "canonical"),
    [
        ("四川省农业农村厅", "四川省农业农村厅"),
        ("四川省应急厅", "四川省应急管理厅"),
        ("中共四川省委政研室", "中共四川省委政策研究室"),
    ],
)
def test_prefix_variants(gazetteer, mention: str, canonical: str) -> None:
    entry = gazetteer.lookup(mention)
    assert entry is not None and entry.canonical == canonical


def test_provincial_departments_have_full_short_and_bare_forms(gazetteer) -> None:
    names = set(gazetteer.names())
    for entry in gazetteer.entries:
        if (
            entry.kind == "department"
            and entry.canonical.startswith("四川省")
            and entry.canonical.endswith("厅")
        ):
            rest = entry.canonical.removeprefix("四川省")
            if not rest.startswith("人民政府"):
                assert "省" + rest in names, entry.canonical


def test_names_longest_first(gazetteer) -> None:
    lengths = [len(n) for n in gazetteer.names()]
    assert lengths == sorted(lengths, reverse=True)


@pytest.mark.parametrize(
    ("name", "must"),
    [
        ("surnames.txt", ["柏", "吕", "陈", "刘", "习", "欧阳", "司马", "诸葛", "上官", "夏侯"]),
        ("titles.txt", ["二级巡视员", "党委书记", "主任", "总书记", "一级主任科员", "纪检监察组组长"]),
        ("units.txt", ["件", "人次", "项", "个", "家", "条", "台（套）", "台(套)", "%", "个百分点"]),
    ],
)
def test_lists_cover_the_seed(name: str, must: list[str]) -> None:
    entries = set(load_list(GAZ / name))
    assert not set(must) - entries


def test_single_surnames_are_many() -> None:
    assert sum(len(s) == 1 for s in load_list(GAZ / "surnames.txt")) >= 500


@pytest.mark.parametrize("unit", ["万元", "亿元", "万人次", "年", "月", "日"])
def test_units_exclude_multiplied_and_date_forms(unit: str) -> None:
    assert unit not in load_list(GAZ / "units.txt")


@pytest.mark.parametrize(
    ("mention", "excluded"),
    [
        ("省政务服务大厅", True),
        ("省交易服务大厅", True),
        ("成都市政务服务大厅", True),
        ("全省自然资源系统", True),
        ("全省市场监管系统", True),
        ("各窗口部门", True),
        ("省级相关部门", True),
        ("各处（室）", True),
        ("自然资源厅", False),
        ("省中心", False),
    ],
)
def test_not_departments(mention: str, excluded: bool) -> None:
    assert (mention in load_name_list(GAZ / "not_departments.txt")) is excluded


def test_gazetteer_names_are_not_excluded(gazetteer) -> None:
    excluded = load_name_list(GAZ / "not_departments.txt")
    assert [n for n in gazetteer.names() if n in excluded] == []


BAD_YAML = """\
- canonical: 四川省甲厅
  kind: department
  aliases: [省甲厅, 甲厅]
- canonical: 四川省乙厅
  kind: department
  aliases: [甲厅]
  colour: red
- kind: department
  aliases: [丙厅]
- canonical: 四川省丁厅
  kind: ministry
- canonical: 四川省戊厅
  kind: department
  old_aliases:
    - {name: 省戊局, valid_to: 2018-13-01}
- canonical: 某处
  kind: division
  parent: 不存在的单位
"""


def test_bad_departments_file_lists_every_problem(tmp_path: Path) -> None:
    _, error, found = department_problems(tmp_path, BAD_YAML)
    assert found == {
        (6, "duplicate"),
        (7, "unknown"),
        (8, "missing"),
        (11, "kind"),
        (15, "valid_to"),
        (18, "parent"),
    }
    assert "departments.yaml:6:" in str(error)


@pytest.mark.parametrize(
    ("text", "line"),
    [("- canonical: [\n", 1), ("canonical: x\n", 1), ("", 0), ("- just a string\n", 1)],
)
def test_malformed_departments_file(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "departments.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_departments(path)
    assert info.value.problems[0].line >= line


def test_bad_list_file(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("# comment\n甲\n\n乙  # trailing comment\n甲\nre:[unclosed\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_list(path)
    assert [p.line for p in info.value.problems] == [5, 6]


def test_list_reader_skips_comments_and_blanks(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("\ufeff# header\n甲\n\n  乙  # note\nre:丙.+\n", encoding="utf-8")
    assert load_list(path) == ["甲", "乙", "re:丙.+"]


def test_every_rule_file_and_gazetteer_is_documented() -> None:
    """A researcher finds each shipped list and rule file in rules/README.md."""
    readme = (GAZ.parent / "README.md").read_text(encoding="utf-8")
    files = [p.name for p in GAZ.iterdir() if p.suffix in (".txt", ".yaml")]
    files += [p.name for p in GAZ.parent.glob("*.yaml")]
    assert files
    missing = [f for f in files if f"`{f}`" not in readme and f"`gazetteers/{f}`" not in readme]
    assert not missing, f"not in rules/README.md: {missing}"
