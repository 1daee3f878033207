"""Periodicals of other places (g2 blind round: county and city 政务服务 weeklies and monthlies,
12345 hotline reports, notifiable-disease monthlies, a bureau's 工作简报): the grammar shapes
their documents needed, with sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from reportparse.pipeline import analyse, text_to_clean
from reportparse.rulebook import load_rules

RULES = load_rules()


def _tables(text: str) -> dict[str, list[dict[str, Any]]]:
    _, tables, _ = analyse(text_to_clean(text), RULES, "t")
    return tables


# ------------------------------------------------------------------ departments of a district

@pytest.mark.parametrize(("text", "mention", "canonical"), [
    # a district of a prefecture-level city: its bodies' official names carry the city
    ("佛山市南海区政务服务数据管理局\n\n政务服务窗口工作周报\n\n一、概况\n\n区市场监督管理局受理12件。",
     "区市场监督管理局", "佛山市南海区市场监督管理局"),
    ("南海区2024年国民经济和社会发展统计公报\n\n一、综合\n\n数据来自区统计局。", "区统计局", "佛山市南海区统计局"),
    ("淮安市洪泽区人民政府办公室\n\n工作简报\n\n一、动态\n\n淮安市洪泽区财政局开展培训。",
     "淮安市洪泽区财政局", "淮安市洪泽区财政局"),
    # a municipality's district, as before
    ("上海市普陀区财政局2024年度部门决算\n\n一、概况\n\n区财政局负责预算。", "区财政局", "上海市普陀区财政局"),
    # a county-level city and a county keep their own name alone
    ("寿光市行政审批服务局\n工作月报\n\n一、概况\n\n市医疗保障局办理业务9件。", "市医疗保障局", "寿光市医疗保障局"),
    ("睢宁县2023年国民经济和社会发展统计公报\n\n一、综合\n\n数据来自县统计局。", "县统计局", "睢宁县统计局"),
])
def test_district_bodies_carry_their_city(text: str, mention: str, canonical: str) -> None:
    rows = [(r["mention"], r["canonical"]) for r in _tables(text)["departments"]]
    assert (mention, canonical) in rows, rows


_YILING = "宜昌市夷陵区应急管理局\n\n应急管理工作简报\n\n一、动态\n\n"


@pytest.mark.parametrize(("text", "mention", "canonical"), [
    # a district's 分局 is the city bureau's branch for the district
    (_YILING + "区公安分局负责同志参加会议。", "区公安分局", "宜昌市公安局夷陵区分局"),
    (_YILING + "区生态环境分局开展执法检查。", "区生态环境分局", "宜昌市生态环境局夷陵区分局"),
    # written in full, with a bureau whose name opens like a county's short name (公安 of 公安县)
    (_YILING + "宜昌市公安局夷陵区分局负责同志参加会议。", "宜昌市公安局夷陵区分局", "宜昌市公安局夷陵区分局"),
    ("荆州市2023年统计公报\n\n一、综合\n\n荆州市公安局发布数据。", "荆州市公安局", "荆州市公安局"),
    # a committee's office: 委员 inside 委员会 is no post
    (_YILING + "区减灾委员会办公室组织开展宣传活动。", "区减灾委员会办公室", "宜昌市夷陵区减灾委员会办公室"),
])
def test_district_branches_and_committee_offices(text: str, mention: str, canonical: str) -> None:
    rows = [(r["mention"], r["canonical"]) for r in _tables(text)["departments"]]
    assert (mention, canonical) in rows, rows


def test_a_post_in_the_core_still_stops_a_body() -> None:
    mentions = [r["mention"] for r in _tables(_YILING + "德阳市副市长樊立群带队检查。")["departments"]]
    assert mentions == ["宜昌市夷陵区应急管理局"], mentions


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("截至5月14日，全区储备帐篷850顶、折叠床1200张。", 850, "顶"),
    ("全年新装路灯1200盏。", 1200, "盏"),
])
def test_units_of_stores_and_fixtures(text: str, value: float, unit: str) -> None:
    assert (value, unit) in [(r["value"], r["unit"]) for r in _tables(text)["figures"]]


@pytest.mark.parametrize("text", [
    "4月29日，区委常委、常务副区长梁振邦到区行政服务中心检查值班安排。",
    "市委常委、秘书长王某出席会议。",
])
def test_a_standing_committee_member_is_a_post_not_a_body(text: str) -> None:
    mentions = [r["mention"] for r in _tables(text)["departments"]]
    assert not any(m.endswith("常委") for m in mentions), mentions


def test_a_district_head_without_a_place_is_of_the_districts_full_government() -> None:
    text = "佛山市南海区政务服务数据管理局\n\n窗口工作周报\n\n一、动态\n\n4月29日，副区长梁振邦到中心检查工作。"
    orgs = {(r["name"], r["organization"]) for r in _tables(text)["officials"]}
    assert ("梁振邦", "佛山市南海区人民政府") in orgs, orgs


# ------------------------------------------------------------------ figures

def _figs(text: str) -> list[tuple[Any, ...]]:
    return [(r["metric"], r["subject"], r["value"], r["unit"]) for r in _tables(text)["figures"]]


@pytest.mark.parametrize(("text", "expected"), [
    # a ranked list whose values stand in brackets after each name: the measure is what it opens with
    ("市级部门中，受理量居前三位的依次为：市住房和城乡建设局（8214件）、市公安局（5438件）、市交通运输局（4127件）。",
     [("受理量", "市住房和城乡建设局", 8214, "件"), ("受理量", "市公安局", 5438, "件"), ("受理量", "市交通运输局", 4127, "件")]),
    ("报告发病数居前三位的病种依次为手足口病（14829例）、细菌性痢疾（7063例）和流行性腮腺炎（1621例）。",
     [("报告发病数", "手足口病", 14829, "例"), ("报告发病数", "细菌性痢疾", 7063, "例"),
      ("报告发病数", "流行性腮腺炎", 1621, "例")]),
    ("投诉量排名前两位的是物业管理（3126件）、供水供电（2208件）。",
     [("投诉量", "物业管理", 3126, "件"), ("投诉量", "供水供电", 2208, "件")]),
])
def test_a_ranked_list_with_values_in_brackets(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _figs(text) == expected


def test_bracketed_values_that_are_no_list_item() -> None:
    # brackets that hold more than the value
    assert not any(r["subject"] == "含掌上办" for r in _tables("其中网上办理（含掌上办）3200件。")["figures"])
    # a compared value is no name: the level before, at the compared time
    rows = _tables("全年受理1234件，办结1200件（98.5%），比上年（1100件）增加。")["figures"]
    assert [(r["metric"], r["subject"]) for r in rows if r["value"] == 1100] == [("办结", "比上年")]


@pytest.mark.parametrize(("text", "metric", "value"), [
    ("区（县、市）中，鄞州区受理量最多，为5.36万件。", "鄞州区受理量", 53600),
    ("各病种中，手足口病报告发病数最高，达14829例。", "手足口病报告发病数", 14829),
    ("全市各区县中，南海区新登记市场主体居首，为1126户。", "南海区新登记市场主体", 1126),
])
def test_a_superlatives_value_in_the_next_clause(text: str, metric: str, value: float) -> None:
    rows = _tables(text)["figures"]
    assert any(r["value"] == value and metric in (r["metric"] or "") + (r["subject"] or "") for r in rows), rows


@pytest.mark.parametrize(("text", "expected"), [
    ("宁波市12345热线运行情况通报\n\n一、概况\n\n宁海县、象山县群众满意率分别为97.42%和97.08%。",
     [("群众满意率", "宁海县", 97.42, "%"), ("群众满意率", "象山县", 97.08, "%")]),
    ("山东省卫生健康委员会\n\n疫情概况\n\n一、总体\n\n济南市、青岛市、烟台市报告发病率分别为41.2/10万、38.7/10万和35.1/10万。",
     [("报告发病率", "济南市", 41.2, "/10万"), ("报告发病率", "青岛市", 38.7, "/10万"),
      ("报告发病率", "烟台市", 35.1, "/10万")]),
    ("手足口病、流行性腮腺炎的报告发病率分别为12.3/10万和4.5/10万。",
     [("报告发病率", "手足口病", 12.3, "/10万"), ("报告发病率", "流行性腮腺炎", 4.5, "/10万")]),
    # names that are the measures themselves, and bodies with the verb after 分别, as before
    ("咨询、受理、办结量分别为12件、10件和9件。", [("咨询", None, 12, "件"), ("受理", None, 10, "件"), ("办结", None, 9, "件")]),
])
def test_places_then_one_measure_then_each(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _figs(text) == expected


@pytest.mark.parametrize(("text", "subjects"), [
    # 其中 splits a total: the noun before each part's verb names the part
    ("其中，电话渠道受理24.91万件，占76.2%；网络渠道（“浙里办”、微信公众号、网站等）受理7.76万件，占23.8%。",
     {249100: "电话渠道", 77600: "网络渠道"}),
    ("本月办理“证照分离”改革事项一千零二十一件，其中告知承诺制办理三百一十四件，占比30.8%。", {314: "告知承诺制"}),
    ("本周办结1520件，其中自助终端办理436件。", {436: "自助终端"}),
])
def test_the_part_a_clause_after_qizhong_counts(text: str, subjects: dict[float, str]) -> None:
    got = {r["value"]: r["subject"] for r in _tables(text)["figures"]}
    assert {v: got.get(v) for v in subjects} == subjects, got


def test_without_qizhong_the_actor_before_the_verb_is_no_subject() -> None:
    assert _figs("本周综窗受理425件。") == [("受理", None, 425, "件")]


@pytest.mark.parametrize(("text", "metric"), [
    ("其中，电动自行车及配件抽查216批次，不合格发现率14.35%，同比上升2.1个百分点。", "不合格发现率"),
    ("本月共回访3128件，群众满意率96.2%。", "群众满意率"),
])
def test_a_rate_keeps_its_qualifier(text: str, metric: str) -> None:
    rows = _tables(text)["figures"]
    assert any(r["metric"] == metric for r in rows), [(r["metric"], r["value"]) for r in rows]
    change = [r for r in rows if r["scope"] == "change"]
    assert all(metric in (r["subject"] or "") for r in change), change


def test_a_verb_inside_a_de_modifier_is_no_metric() -> None:
    rows = _tables("8月份涉及招生入学、校外培训的诉求6931件，同比下降14.2%。")["figures"]
    assert [(r["metric"], r["value"]) for r in rows][0] == ("诉求", 6931)


def test_a_line_table_whose_header_writes_no_units() -> None:
    text = ("三、丙类传染病\n\n本月共报告丙类传染病2种6111例。其中：\n\n病名　　　　　　　　发病数　　死亡数\n"
            "手足口病　　　　　　3894　　　1\n其它感染性腹泻病　　2217　　　0\n\n手足口病较上月上升。")
    rows = {(r["metric"], r["subject"], r["value"]) for r in _tables(text)["figures"] if r["rule"] == "figure.line-table"}
    assert rows == {("手足口病", "发病数", 3894), ("手足口病", "死亡数", 1),
                    ("其它感染性腹泻病", "发病数", 2217), ("其它感染性腹泻病", "死亡数", 0)}


def test_a_sentence_before_a_colon_is_no_unitless_header() -> None:
    text = "本周工作情况如下：\n\n受理　　1200\n办结　　1150\n"
    assert not [r for r in _tables(text)["figures"] if r["rule"] == "figure.line-table" and r["unit"] is None]


def test_a_compared_level_in_brackets_is_the_indicator_at_that_time() -> None:
    text = "报告发病数较上月（5917例）上升42.4%，较去年同期（8863例）下降4.93%。"
    rows = [(r["metric"], r["subject"], r["value"], r["scope"]) for r in _tables(text)["figures"]]
    assert rows == [("报告发病数", "较上月", 5917, "other"), ("上升", "报告发病数", 42.4, "change"),
                    ("报告发病数", "较去年同期", 8863, "other"), ("下降", "报告发病数", 4.93, "change")]


@pytest.mark.parametrize(("text", "expected"), [
    # 分别 opens a clause: the names are the list that closed the clause before
    ("办件量居前两位的窗口依次为不动产登记窗口和社保窗口，分别受理1687件和1205件。",
     [("受理", "不动产登记窗口", 1687), ("受理", "社保窗口", 1205)]),
])
def test_each_after_a_list_that_closed_the_clause_before(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert [(r["metric"], r["subject"], r["value"]) for r in _tables(text)["figures"]] == expected


_NINGBO = "宁波市人民政府办公厅\n\n运行情况通报\n\n一、概况\n\n"


@pytest.mark.parametrize(("mention", "canonical"), [
    # the short forms of a department's name at any level are read as its full name
    ("市卫健委", "宁波市卫生健康委员会"),
    ("市疾控中心", "宁波市疾病预防控制中心"),
    ("市市监局", "宁波市市场监督管理局"),
    ("市市场监管局", "宁波市市场监督管理局"),
    ("市人社局", "宁波市人力资源和社会保障局"),
    ("市住建局", "宁波市住房和城乡建设局"),
    ("市发改委", "宁波市发展和改革委员会"),
    ("市应急局", "宁波市应急管理局"),
    ("市医保局", "宁波市医疗保障局"),
    ("市综合执法局", "宁波市综合行政执法局"),
    ("市退役军人局", "宁波市退役军人事务局"),
    # a tax bureau of any place is a branch of the national administration
    ("市税务局", "国家税务总局宁波市税务局"),
    ("宁波市税务局", "国家税务总局宁波市税务局"),
    # names that are official somewhere stay as written
    ("市大数据局", "宁波市大数据局"),
])
def test_short_department_names_of_any_place(mention: str, canonical: str) -> None:
    rows = [(r["mention"], r["canonical"]) for r in _tables(_NINGBO + mention + "参加会议。")["departments"]]
    assert (mention, canonical) in rows, rows


@pytest.mark.parametrize(("text", "start", "end"), [
    ("宁波市12345热线\n二〇二三年八月运行情况通报\n\n一、概况\n\n本月受理。", "2023-08-01", "2023-08-31"),
    ("寿光市行政审批服务局\n工作月报\n\n一、概况\n\n二〇二一年三月份共受理。", "2021-03-01", "2021-03-31"),
])
def test_a_month_in_chinese_numerals(text: str, start: str, end: str) -> None:
    spans = [(str(r["start"]), str(r["end"])) for r in _tables(text)["dates"]]
    assert (start, end) in spans, spans
