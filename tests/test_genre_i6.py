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
