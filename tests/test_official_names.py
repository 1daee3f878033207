"""Where an official's name ends: the text's own stop words first, then jieba."""

from __future__ import annotations

import pytest

from reportparse.entities.officials import name_end
from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules
from reportparse.segment import segmenter_for

RULES = load_rules()
STOPS = RULES.lists["name_stops"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("朱涛明分别到省政务服务大厅", "朱涛明"),  # jieba: 朱涛 / 明 (t) / 分别
        ("何伟超到成都市政务服务大厅", "何伟超"),  # jieba: 何伟 / 超到 (v)
        ("卢洁建到省政务服务大厅", "卢洁建"),
        ("苏平刚一行到省政务服务大厅", "苏平刚"),  # jieba: 苏平 / 刚 (d)
        ("杜梅超、省中医药局", "杜梅超"),
        ("吕芙蓉到省政务服务大厅督导", "吕芙蓉"),
        ("刘锐分别到省政务服务大厅", "刘锐"),
        ("王明在会上讲话", "王明"),
        ("陈晓军，水利厅", "陈晓军"),
        ("柏吉琼", "柏吉琼"),
    ],
)
def test_name_end(text: str, name: str) -> None:
    seg = segmenter_for(RULES)
    end = name_end(seg, text, 0, min(4, len(text)), STOPS)
    assert text[:end] == name


def _officials(text: str) -> list[tuple[str, str, str]]:
    _, tables, _, _ = parse_text(text, RULES)
    return [(o["name"], o["title"], o["organization"]) for o in tables["officials"]]


def test_two_posts_of_two_organizations_in_a_list() -> None:
    text = ("本周，四川省卫生健康委员会二级巡视员姚文华、自然资源厅副厅长、省地质矿产勘查开发局局长萧宏超"
            "到省政务服务大厅窗口值守")
    assert _officials(text) == [
        ("姚文华", "二级巡视员", "四川省卫生健康委员会"),
        ("萧宏超", "副厅长", "四川省自然资源厅"),
        ("萧宏超", "局长", "四川省地质矿产勘查开发局"),
    ]


def test_surname_xiao_is_known() -> None:
    assert _officials("住房城乡建设厅一级巡视员萧芳分别到省政务服务大厅") == [
        ("萧芳", "一级巡视员", "四川省住房和城乡建设厅")]


def _officials(text: str) -> list[tuple[str, str, str | None]]:
    _, tables, _, _ = parse_text(text, RULES, {"year": 2024, "period_end": "2024-11-22"})
    return [(o["name"], o["title"], o["organization"]) for o in tables["officials"]]


def test_names_after_the_first_share_its_posts() -> None:
    assert _officials("本周，省中心党委委员、副主任李明、张华到省政务服务大厅调研。") == [
        ("李明", "党委委员、副主任", "四川省政府政务服务和公共资源交易服务中心"),
        ("张华", "党委委员、副主任", "四川省政府政务服务和公共资源交易服务中心")]


def test_a_name_after_a_comma_list_of_posts_is_not_shared() -> None:
    assert _officials("省中心副主任何伟超、应急管理厅二级巡视员陈晓军分别到大厅值守") == [
        ("何伟超", "副主任", "四川省政府政务服务和公共资源交易服务中心"),
        ("陈晓军", "二级巡视员", "四川省应急管理厅")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("副省长宁志远到大厅调研", ("宁志远", "副省长", "四川省人民政府")),
        ("省政府副秘书长邝海涛陪同", ("邝海涛", "副秘书长", "四川省人民政府")),
        ("省人民政府副秘书长蒋国栋陪同", ("蒋国栋", "副秘书长", "四川省人民政府")),
        ("省政府办公厅副主任柯文斌带队", ("柯文斌", "副主任", "四川省人民政府办公厅")),
        ("省中心党委副书记、副主任（正厅级）龚雪梅陪同", ("龚雪梅", "党委副书记、副主任", "四川省政府政务服务和公共资源交易服务中心")),
    ],
)
def test_organization_of_the_provincial_government(text: str, expected: tuple[str, str, str]) -> None:
    assert _officials(text) == [expected]


def test_the_provincial_government_is_no_department_row() -> None:
    _, tables, _, _ = parse_text("省政府副秘书长邝海涛陪同", RULES, {"year": 2024})
    assert tables["departments"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("龚明远率工作组到成都市", "龚明远"),  # 率 ends a name
        ("郑楠率队检查", "郑楠"),
        ("韦嘉的陪同下", "韦嘉"),  # a two-character name before 的: not 韦嘉的
        ("钱文斌的带领下", "钱文斌"),
        ("陶然汇报了本周工作", "陶然"),  # jieba reads 汇报 as a noun: the stop list says
        ("沈一鸣通报了进展", "沈一鸣"),
        ("孔令辉携窗口负责人", "孔令辉"),
    ],
)
def test_name_end_before_particles_and_verbs(text: str, name: str) -> None:
    seg = segmenter_for(RULES)
    end = name_end(seg, text, 0, min(4, len(text)), STOPS)
    assert text[:end] == name


@pytest.mark.parametrize(
    "text",
    [
        "会上，省医保局局长强调，要抓好医保事项进驻。",  # 强 is a surname, 强调 no name
        "省人社厅副厅长查阅了办件档案。",
        "省中心主任表示将继续推进。",
    ],
)
def test_a_verb_after_a_title_is_no_name(text: str) -> None:
    assert _officials(text) == []


def test_names_before_particles_in_sentences() -> None:
    assert _officials("在省司法厅副厅长韦嘉的陪同下，考察组参观了大厅。") == [("韦嘉", "副厅长", "四川省司法厅")]
    assert _officials("省政协副主席龚明远率调研组到省政务服务大厅调研。") == [
        ("龚明远", "副主席", "中国人民政治协商会议四川省委员会")]
    assert _officials("省中心党委书记、主任吕芙蓉汇报了一季度工作进展。") == [
        ("吕芙蓉", "党委书记、主任", "四川省政府政务服务和公共资源交易服务中心")]
