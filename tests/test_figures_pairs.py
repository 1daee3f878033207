"""Figures on invented wordings (no sentence taken from an issue): values paired with the names
listed before 分别, a total broken down by department after a colon, approximation words before
the number, quoted qualifiers before a rate or a count noun, later items of a list of counts."""

from __future__ import annotations

import pytest
from figure_helpers import figures

CONTEXT = {"year": 2024, "period_start": "2024-05-13", "period_end": "2024-05-17", "published": "2024-05-22"}


def _rows(text: str) -> list[dict]:
    return figures(text, CONTEXT)


def _figs(text: str) -> list[tuple]:
    return [(r["metric"], r["value"], r["unit"], r["department"]) for r in _rows(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本周接待咨询、受理、办结分别为3020人次、615件和598件。",
         [("接待咨询", 3020, "人次", None), ("受理", 615, "件", None), ("办结", 598, "件", None)]),
        ("今年以来，咨询、受理量分别达到12.5万人次、3.1万件。",
         [("咨询", 125000, "人次", None), ("受理", 31000, "件", None)]),
        ("好评、差评、整改分别为2980条、3条及3条",
         [("好评", 2980, "条", None), ("差评", 3, "条", None), ("整改", 3, "条", None)]),
        ("本周，省卫生健康委、省教育厅、省民政厅窗口分别办结52件、31件和17件。",
         [("办结", 52, "件", "四川省卫生健康委员会"), ("办结", 31, "件", "四川省教育厅"),
          ("办结", 17, "件", "四川省民政厅")]),
    ],
)
def test_each_name_before_fenbie_takes_its_value(text: str, expected: list[tuple]) -> None:
    assert _figs(text) == expected


def test_a_change_after_fenbie_is_still_delta_each() -> None:
    rows = _rows("受理8.1万件、办结7.9万件，同比分别增长4.2%和3.6%。")
    assert [(r["metric"], r["value"]) for r in rows] == [("受理", 81000), ("办结", 79000), ("增长", 4.2), ("增长", 3.6)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本周新增进驻事项6项：省公安厅4项；省税务局2项。",
         [("进驻事项", 6, "项", None), ("进驻事项", 4, "项", "四川省公安厅"),
          ("进驻事项", 2, "项", "国家税务总局四川省税务局")]),
        ("本周办结投诉9件：省人社厅6件、省医保局3件。",
         [("办结投诉", 9, "件", None), ("办结投诉", 6, "件", "四川省人力资源和社会保障厅"),
          ("办结投诉", 3, "件", "四川省医疗保障局")]),
    ],
)
def test_a_breakdown_after_a_colon_counts_what_the_total_counts(text: str, expected: list[tuple]) -> None:
    assert _figs(text) == expected


def test_a_breakdown_takes_the_totals_scope() -> None:
    rows = _rows("本周新增进驻事项6项：省公安厅4项；省税务局2项。")
    assert {r["scope"] for r in rows} == {"change"}


def test_rows_after_a_colon_without_a_total_keep_no_metric() -> None:
    rows = _rows("窗口办件情况：省公安厅4件；省税务局2件。")
    assert all(r["metric"] is None for r in rows)


@pytest.mark.parametrize(
    ("text", "metric", "value", "unit"),
    [
        ("热线本月受理工单近3.4万件", "受理", 34000, "件"),
        ("今年以来，办结群众诉求逾2600件", "办结", 2600, "件"),
        ("现场核验证件超1.2万人次", "核验", 12000, "人次"),
        ("查验通行码将近9000人次", "查验", 9000, "人次"),
        ("全省电子证照今年以来被调用86.4万次", "调用", 864000, "次"),
    ],
)
def test_an_approximation_or_passive_before_the_number(text: str, metric: str, value: float, unit: str) -> None:
    (row,) = _rows(text)
    assert (row["metric"], row["value"], row["unit"]) == (metric, value, unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("高频事项“免证办”比例约58.3%，“秒批秒办”比例达12%",
         [("比例", "“免证办”", 58.3), ("比例", "“秒批秒办”", 12)]),
        ("发布第四批“省内通办”事项清单四十二项", [("事项清单", "“省内通办”", 42)]),
    ],
)
def test_a_quoted_qualifier_before_a_rate_or_noun(text: str, expected: list[tuple]) -> None:
    assert [(r["metric"], r["subject"], r["value"]) for r in _rows(text)] == expected


def test_the_later_items_of_a_list_of_counts() -> None:
    rows = _rows("表扬9个先进窗口、27名岗位能手、4个优秀团队。")
    assert [(r["metric"], r["value"], r["unit"]) for r in rows] == [
        ("窗口", 9, "个"), ("岗位能手", 27, "名"), ("优秀团队", 4, "个")]


def test_a_department_window_counts_windows() -> None:
    (row,) = _rows("对45个部门窗口开展满意度测评")
    assert (row["metric"], row["subject"], row["value"]) == ("窗口", "部门", 45)


@pytest.mark.parametrize("text", ["其中咨询类4100件、投诉类620件、求助类300件", "其中，投诉类620件，咨询类4100件"])
def test_categories_are_whole_metrics(text: str) -> None:
    assert all(r["metric"].endswith("类") and r["subject"] is None for r in _rows(text))
