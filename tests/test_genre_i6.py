"""Other offices' bulletins of the weekly service bulletin's kind (公共资源交易 月报, 12345 热线 周报,
县行政审批局 周报, 省数据局 简报, 税务 纳税服务 月报): the names and clause shapes they write, each
with sentences of its own (blind round i6)."""

from __future__ import annotations

import pytest

from reportparse.pipeline import analyse, text_to_clean
from reportparse.rulebook import load_rules

RULES = load_rules()


def _depts(text: str) -> list[tuple[str, str]]:
    _, tables, _ = analyse(text_to_clean(text), RULES, "t")
    return [(r["mention"], r["canonical"]) for r in tables["departments"]]


@pytest.mark.parametrize(("text", "rows"), [
    # a 公共资源交易中心 is a government institution (an ordinary 交易中心 is a market, no body)
    ("甘肃省公共资源交易中心组织开展专家培训。", [("甘肃省公共资源交易中心", "甘肃省公共资源交易中心")]),
    ("兰州市公共资源交易中心完成交易项目86宗。", [("兰州市公共资源交易中心", "兰州市公共资源交易中心")]),
    ("兰州市农产品交易中心开业。", []),
    # places listed before one body's name share it: a body each
    ("天水市、平凉市和庆阳市公共资源交易中心负责同志参加会议。",
     [("天水市", "天水市公共资源交易中心"), ("平凉市", "平凉市公共资源交易中心"),
      ("庆阳市公共资源交易中心", "庆阳市公共资源交易中心")]),
    ("会议邀请洛阳市、开封市卫健委参加。",
     [("洛阳市", "洛阳市卫生健康委员会"), ("开封市卫健委", "开封市卫生健康委员会")]),
    # not a list of places: a body before the 、, or places of another level
    ("兰州市财政局、天水市公共资源交易中心联合检查。",
     [("兰州市财政局", "兰州市财政局"), ("天水市公共资源交易中心", "天水市公共资源交易中心")]),
    ("甘肃省、兰州市卫健委联合检查。", [("兰州市卫健委", "兰州市卫生健康委员会")]),
    # a service hotline's number inside a body's name
    ("长沙市12345政务服务便民热线管理中心组织业务培训。",
     [("长沙市12345政务服务便民热线管理中心", "长沙市12345政务服务便民热线管理中心")]),
    ("淄博市12345热线办公室转办工单。", [("淄博市12345热线办公室", "淄博市12345热线办公室")]),
    # 城管局 is a city management bureau; 国资委 outside Sichuan is the people's government's
    ("洛阳市城管局、涧西区城管局开展整治。",
     [("洛阳市城管局", "洛阳市城市管理局"), ("涧西区城管局", "洛阳市涧西区城市管理局")]),
    ("甘肃省国资委、兰州市国资委召开会议。",
     [("甘肃省国资委", "甘肃省人民政府国有资产监督管理委员会"),
      ("兰州市国资委", "兰州市人民政府国有资产监督管理委员会")]),
])
def test_bodies_of_other_offices(text: str, rows: list[tuple[str, str]]) -> None:
    assert _depts(text) == rows


def test_sichuan_keeps_its_own_state_assets_commission() -> None:
    assert ("省国资委", "四川省政府国有资产监督管理委员会") in _depts(
        "四川省政府政务服务和公共资源交易服务中心\n\n省国资委窗口受理12件。")


def _figures(text: str) -> list[tuple]:
    _, tables, _ = analyse(text_to_clean(text), RULES, "t")
    return [(f["metric"], f["subject"], f["value"], f["unit"], f["scope"] == "change" or None)
            for f in tables["figures"]]


# (text, [(metric, subject, value, unit, change), ...]) for the rows that hold the values listed
ROWS = [
    # zones the divisions data does not list, before 分别 with the measure written once after the last
    ("经开区、航空港区群众满意率分别为96.1%和93.4%。",
     [("群众满意率", "经开区", 96.1, "%", None), ("群众满意率", "航空港区", 93.4, "%", None)]),
    ("岔河镇、黄集镇办结率分别为99.2%和98.7%。",
     [("办结率", "岔河镇", 99.2, "%", None), ("办结率", "黄集镇", 98.7, "%", None)]),
    # places breaking down a total after 其中: the place's share of what the total counts
    ("本月转办各县（区）工单2.36万件，其中涧西区3120件、西工区2875件。",
     [("转办", "涧西区工单", 3120, "件", None), ("转办", "西工区工单", 2875, "件", None)]),
    # a ranked list of places opened by what it counts (较多的…是：, 居前N位的依次为：)
    ("投诉量较多的区县是：涧西区412件、洛龙区386件。",
     [("投诉量", "涧西区", 412, "件", None), ("投诉量", "洛龙区", 386, "件", None)]),
    ("办件量居前三位的依次为：宜阳县1.2万件、孟津区9860件、偃师区8734件。",
     [("办件量", "宜阳县", 12000, "件", None), ("办件量", "孟津区", 9860, "件", None),
      ("办件量", "偃师区", 8734, "件", None)]),
    # a change after a level whose verb comes before its object: the indicator as written
    ("本周受理群众来电3.6万件，较上周减少1820件，环比下降4.8%。",
     [("减少", "受理群众来电", 1820, "件", True), ("环比下降", "受理群众来电", 4.8, "%", True)]),
    # the modifier before 的 of a count says which of the counted things these are
    ("对逾期未办结的41件工单发出督办函，对群众重复反映的17件工单开展回访。",
     [("逾期未办结工单", None, 41, "件", None), ("群众重复反映工单", None, 17, "件", None)]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_bulletin_clauses_name_what_a_quantity_measures(text: str, expected: list[tuple]) -> None:
    got = _figures(text)
    for e in expected:
        assert e in got, f"{e} not in {got}"


def test_ranked_departments_count_what_the_list_opens_with() -> None:
    text = ("洛阳市12345政务服务便民热线工作周报\n\n"
            "本周转办市直部门工单5210件，工单量较多的单位是：市住建局1208件、市城管局973件、市人社局655件。")
    _, tables, _ = analyse(text_to_clean(text), RULES, "t")
    got = {(f["metric"], f["value"], f["department"]) for f in tables["figures"]}
    assert {("工单量", 1208, "洛阳市住房和城乡建设局"), ("工单量", 973, "洛阳市城市管理局"),
            ("工单量", 655, "洛阳市人力资源和社会保障局")} <= got, got


def _officials(text: str) -> list[tuple]:
    _, tables, _ = analyse(text_to_clean(text), RULES, "t")
    return [(r["name"], r["title"], r["organization"]) for r in tables["officials"]]


@pytest.mark.parametrize(("text", "rows"), [
    # 局/中心/市局 before the titles: the masthead's publisher (up to that word)
    ("兰州市行政审批服务局\n\n工作周报\n\n兰州市行政审批服务局办公室　　2024年3月8日\n\n"
     "3月5日，局党组书记、局长王立平主持召开局务会。",
     [("王立平", "党组书记、局长", "兰州市行政审批服务局")]),
    ("甘肃省公共资源交易中心\n\n交易信息月报\n\n甘肃省公共资源交易中心编　　2024年3月8日\n\n"
     "3月5日，中心党委书记、主任马小军到窗口调研。",
     [("马小军", "党委书记、主任", "甘肃省公共资源交易中心")]),
    ("国家税务总局兰州市税务局\n\n纳税服务月报\n\n国家税务总局兰州市税务局　　2024年3月8日\n\n"
     "3月5日，市局副局长陈海燕到办税服务厅检查。",
     [("陈海燕", "副局长", "国家税务总局兰州市税务局")]),
])
def test_own_body_before_titles_is_the_publisher(text: str, rows: list[tuple]) -> None:
    assert _officials(text) == rows


@pytest.mark.parametrize(("text", "expected"), [
    # not a township: 城镇、农村 are kinds of residents, the noun is written once after the last
    ("城镇、农村居民人均可支配收入分别达到41230元和19870元。",
     [("城镇居民人均可支配收入", None, 41230, "元", None), ("农村居民人均可支配收入", None, 19870, "元", None)]),
    # a modifier before 的 names which only when the counted noun follows the unit right away
    ("对进驻中心的26个部门窗口开展考核。", [("窗口", "部门", 26, "个", None)]),
])
def test_modifiers_and_lists_that_stay_as_they_were(text: str, expected: list[tuple]) -> None:
    got = _figures(text)
    for e in expected:
        assert e in got, f"{e} not in {got}"
