"""Public finance and disclosure reports (部门预算/决算, 预算执行报告, 审计工作报告, 政府信息公开年报):
the clause shapes and body names they write, each with sentences of its own (blind round g3)."""

from __future__ import annotations

from functools import lru_cache

import pytest
from figure_helpers import figure_tuples

from reportparse.pipeline import analyse, parse_text, text_to_clean
from reportparse.rulebook import RuleSet, load_rules


@lru_cache(maxsize=1)
def _rules() -> RuleSet:
    return load_rules()


_figures = figure_tuples


# (text, [(metric, subject, value, unit, scope), ...]) for the rows that hold the values listed
ROWS = [
    # a ratio to a plan is of the indicator before it; the change after it is of that indicator too
    ("全县一般公共预算收入完成26.41亿元，为预算的102.3%，比上年增长5.1%。",
     [("完成预算", "一般公共预算收入", 102.3, "%", None), ("增长", "一般公共预算收入", 5.1, "%", "change")]),
    ("政府性基金预算支出18.6亿元，完成调整预算的91.2%，下降7.4%。",
     [("完成调整预算", "政府性基金预算支出", 91.2, "%", None), ("下降", "政府性基金预算支出", 7.4, "%", "change")]),
    ("全年培训经费支出42.5万元，完成年初预算95.6%。", [("完成年初预算", "培训经费支出", 95.6, "%", None)]),
    ("进出口总额为上年的108.2%。", [("上年", "进出口总额", 108.2, "%", None)]),
    # a share names its part: written before 占, or the level of the clause before
    ("非税收入占一般公共预算收入的比重为27.8%，比上年下降1.2个百分点。",
     [("占比", "非税收入占一般公共预算收入", 27.8, "%", None),
      ("下降", "非税收入占一般公共预算收入比重", 1.2, "个百分点", "change")]),
    ("八项民生支出完成52.3亿元，占一般公共预算支出的78.6%。",
     [("八项民生支出", None, 5230000000, "元", None), ("占比", "八项民生支出占一般公共预算支出", 78.6, "%", None)]),
    ("全县税收收入占比71.4%。", [("占比", "税收收入", 71.4, "%", None)]),
    # 同口径 / 可比口径 is a basis (like for like), not what grew
    ("全市一般公共预算收入完成64.2亿元，同口径增长4.9%，完成年度预算的100.6%。",
     [("增长", "一般公共预算收入", 4.9, "%", "change"), ("完成年度预算", "一般公共预算收入", 100.6, "%", None)]),
    # a facet after a level leaves out what the level named (支出预算为…，支出决算为…)
    ("公务接待费支出预算为8.00万元，支出决算为6.42万元，完成预算的80.3%。",
     [("支出决算", "公务接待费", 64200, "元", None), ("完成预算", "公务接待费支出决算", 80.3, "%", None)]),
    # a change distributed over a list (各/均) is of the list
    ("与上年相比，收入、支出总计均增加126.5万元，增长3.4%。",
     [("增加", "收入、支出", 1265000, "元", "change"), ("增长", "收入、支出", 3.4, "%", "change")]),
    # 比2021年度 is a basis, not what changed
    ("机关运行经费支出86.2万元，比2021年度减少4.3万元。", [("减少", "机关运行经费支出", 43000, "元", "change")]),
    # a basis of a budget's or an account's figure (比上年执行数, 较预算数) is no subject
    ("全区一般公共预算收入完成8.65亿元，比上年执行数增长4.2%。", [("增长", "一般公共预算收入", 4.2, "%", "change")]),
    ("本年度公务接待费决算数较预算数减少1.26万元。", [("减少", "公务接待费决算数", 12600, "元", "change")]),
    # a rule's metric opening with an adverbial takes the nouns before it
    ("全年共收到政府信息公开申请64件，较上年增加9件。",
     [("政府信息公开申请", None, 64, "件", None), ("增加", "政府信息公开申请", 9, "件", "change")]),
    ("本年新收政府信息公开申请数量为52件。", [("政府信息公开申请数量", None, 52, "件", None)]),
    # 本年度 / 上年度 are when, no part of the metric
    ("本年度共收取信息处理费0元。", [("收取信息处理费", None, 0, "元", None)]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_finance_clauses_name_what_a_quantity_measures(text: str, expected: list[tuple]) -> None:
    got = _figures(text)
    for e in expected:
        assert e in got, f"{e} not in {got}"


def test_an_expected_change_is_a_target_of_the_indicator() -> None:
    _, tables, _, _ = parse_text("2025年全市一般公共预算收入预期增长5%左右。", _rules())
    row = next(r for r in tables["figures"] if r["value"] == 5)
    assert (row["subject"], row["scope"], row["target"]) == ("一般公共预算收入", "change", True)


def test_a_sum_of_funds_obtained_is_a_figure_and_a_plan_is_none() -> None:
    got = _figures("全年共争取上级补助资金8.75亿元，争取地方政府专项债券资金12.3亿元。")
    assert any(v == 875000000 and "上级补助资金" in m for m, _, v, _, _ in got), got
    assert any(v == 1230000000 and "专项债券资金" in m for m, _, v, _, _ in got), got
    assert not _figures("争取全年税收收入增长6%。")


def _depts(title: str, text: str) -> list[tuple[str, str]]:
    _, tables, _ = analyse(text_to_clean(title + "\n\n" + text), _rules(), "t")
    return [(r["mention"], r["canonical"]) for r in tables["departments"]]


# (title naming the document's place, sentence, rows of the sentence that must be there)
BODIES = [
    # an assembly's full name, without its term; its standing committee; the CPPCC of a place
    ("衡阳市2024年预算执行情况的报告", "向市十六届人大四次会议报告，请市政协委员提出意见。",
     [("市十六届人大", "衡阳市人民代表大会"), ("市政协", "中国人民政治协商会议衡阳市委员会")]),
    ("衡阳市2024年预算执行情况的报告", "——在衡阳市第十六届人民代表大会常务委员会第九次会议上",
     [("衡阳市第十六届人民代表大会常务委员会", "衡阳市人民代表大会常务委员会")]),
    ("衡阳市2024年预算执行情况的报告", "届时再向市人大常委会报告。", [("市人大常委会", "衡阳市人民代表大会常务委员会")]),
    # a tax bureau is the national administration's
    ("衡阳市2024年预算执行情况的报告", "市财政局会同市税务局加强征管。",
     [("市财政局", "衡阳市财政局"), ("市税务局", "国家税务总局衡阳市税务局")]),
    # the organs of a party committee, the league, the discipline commission, people's organisations
    ("衡阳市2024年部门预算公开说明", "市委办公室、市委宣传部、市纪委监委、共青团衡阳市委员会、市总工会、市妇联、衡阳市残疾人联合会编制了预算。",
     [("市委办公室", "中共衡阳市委办公室"), ("市委宣传部", "中共衡阳市委宣传部"),
      ("市纪委监委", "中共衡阳市纪律检查委员会、衡阳市监察委员会"), ("共青团衡阳市委员会", "共青团衡阳市委员会"),
      ("市总工会", "衡阳市总工会"), ("市妇联", "衡阳市妇女联合会"), ("衡阳市残疾人联合会", "衡阳市残疾人联合会")]),
    ("衡阳市2024年部门预算公开说明", "市委编办、市委网信办、市委统战部的预算。",
     [("市委编办", "中共衡阳市委机构编制委员会办公室"), ("市委网信办", "中共衡阳市委网络安全和信息化委员会办公室"),
      ("市委统战部", "中共衡阳市委统一战线工作部")]),
    # research institutes; a provincial department's branch in a city
    ("江西省生态环境厅2023年度部门决算", "江西省环境保护科学研究院、江西省生态环境厅九江生态环境监测中心纳入决算。",
     [("江西省环境保护科学研究院", "江西省环境保护科学研究院"),
      ("江西省生态环境厅九江生态环境监测中心", "江西省生态环境厅九江生态环境监测中心")]),
    # an office inside a national body; a province's government office
    ("江西省水利厅2023年政府信息公开工作年度报告",
     "按照国务院办公厅政府信息与政务公开办公室的要求，配合江西省人民政府办公厅开展评估。",
     [("国务院办公厅政府信息与政务公开办公室", "国务院办公厅政府信息与政务公开办公室"),
      ("江西省人民政府办公厅", "江西省人民政府办公厅")]),
]


@pytest.mark.parametrize(("title", "text", "rows"), BODIES)
def test_finance_and_disclosure_bodies_by_full_name(title: str, text: str, rows: list) -> None:
    got = _depts(title, text)
    for row in rows:
        assert row in got, f"{row} not in {got}"


@pytest.mark.parametrize(("title", "text", "not_mention"), [
    # a body then its predicate is no body's name
    ("江西省水利厅2023年政府信息公开工作年度报告", "2023年，省水利厅深入贯彻落实省委、省政府部署。", "落实"),
    # 财政部门 is a kind of office, not 财政部
    ("衡阳市2024年预算执行情况的报告", "全市财政部门坚持过紧日子。", "财政部"),
    # 人大代表 is a deputy, no body
    ("衡阳市2024年预算执行情况的报告", "办理市人大代表建议58件。", "人大"),
])
def test_no_body_is_read_into_a_predicate_or_a_word(title: str, text: str, not_mention: str) -> None:
    assert not any(not_mention in m for m, _ in _depts(title, text)), _depts(title, text)
