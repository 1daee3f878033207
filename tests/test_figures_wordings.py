"""Figures on wordings written for these tests (invented sentences, not from any issue):
as-of levels, targets, cues written after their figures, two verbs in a row, listed objects,
departments named in a list, numbers in words."""

from __future__ import annotations

import pytest
from figure_helpers import figures

CONTEXT = {"year": 2025, "period_start": "2025-09-29", "period_end": "2025-10-03", "published": "2025-10-11"}


def _rows(text: str) -> list[dict]:
    return figures(text, CONTEXT)


def _figures(text: str) -> list[tuple]:
    return [(r["subject"], r["metric"], r["value"], r["unit"], r["scope"]) for r in _rows(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截至8月底，全省共有市场主体887.3万户。", [(None, "市场主体", 8873000, "户", "cumulative")]),
        ("截止6月末，全市实有经营主体五十二万户，其中企业18.6万户。",
         [(None, "经营主体", 520000, "户", "cumulative"), (None, "企业", 186000, "户", "cumulative")]),
        ("截至2025年3月，现有网上注册企业1.2万家", [("企业", "注册", 12000, "家", "cumulative")]),
    ],
)
def test_a_level_as_of_a_month_end(text: str, expected: list[tuple]) -> None:
    assert _figures(text) == expected


def test_an_as_of_month_end_dates_the_level() -> None:
    (row,) = _rows("截至9月底，全省实有经营主体912.6万户。")
    assert (row["period_start"], str(row["period_end"])) == (None, "2025-09-30")


@pytest.mark.parametrize(
    "text",
    [
        "力争年底前受理工作手册编制完成率达到100%。",
        "确保全年按时办结率不低于99.5%",
        "争取年内新增上线事项两百项",
        "明确到2026年底，全省电子票据覆盖率达到95%以上。",
        "提出到2027年，重点领域办理时间压减50%以上、跑动次数减少两次。",
        "2025年底前，各地区要实现80%以上政务服务事项“一网通办”。",
        "目标是实现企业开办时间压缩至1个工作日。",
    ],
)
def test_targets_are_no_figures(text: str) -> None:
    assert _figures(text) == []


def test_a_target_clause_leaves_the_measured_figures_of_its_sentence() -> None:
    text = "目前已完成1456个办理项的手册编制，力争年底前完成率达到100%。本周受理408件"
    assert [(r["metric"], r["value"], r["scope"]) for r in _rows(text)] == [
        ("办理项", 1456, "cumulative"), ("受理", 408, "week")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("受理1.2万件（今年累计），办结398件", [("受理", 12000, "ytd"), ("办结", 398, "other")]),
        ("省本级行政许可事项受理30.15万件、办结29.87万件，按期办结率99.1%（均为今年以来累计数据）；"
         "公共服务事项受理812.6万件",
         [("受理", 301500, "ytd"), ("办结", 298700, "ytd"), ("按期办结率", 99.1, "ytd"), ("受理", 8126000, "other")]),
        ("受理一千二百件、办结一千一百件，均为今年以来累计。", [("受理", 1200, "ytd"), ("办结", 1100, "ytd")]),
        ("接待咨询3101人次（本周），累计接待咨询4.97万人次",
         [("接待咨询", 3101, "week"), ("接待咨询", 49700, "cumulative")]),  # 累计 with no year cue
        # a bracket with a number is a running total of its own, not a cue for the figure before it
        ("本周受理480件（今年累计4431件），办结470件", [("受理", 480, "week"), ("受理", 4431, "ytd"),
                                                  ("办结", 470, "week")]),
        # a summing-up clause reaches back only to the last semicolon
        ("本周受理425件；办结1.1万件，以上均为今年以来数据", [("受理", 425, "week"), ("办结", 11000, "ytd")]),
        ("本周受理425件，均已办结", [("受理", 425, "week")]),
    ],
)
def test_a_scope_cue_written_after_its_figures(text: str, expected: list[tuple]) -> None:
    assert [(r["metric"], r["value"], r["scope"]) for r in _rows(text)] == expected


def test_a_period_named_alone_in_a_list_item_counts_what_the_item_before_counts() -> None:
    assert [(r["metric"], r["value"], r["scope"]) for r in _rows("今年累计接待咨询12.3万人次，其中本周1560人次")] == [
        ("接待咨询", 123000, "ytd"), ("接待咨询", 1560, "week")]
    assert [(r["metric"], r["value"], r["scope"]) for r in _rows("累计接待咨询12.3万人次，其中本周1560人次")] == [
        ("接待咨询", 123000, "cumulative"), ("接待咨询", 1560, "week")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年以来，累计受理办结省本级行政许可事项1.2万件", [("行政许可事项", "受理办结", 12000)]),
        ("本周受理办结其它行权事项二百三十件、办结率98%",
         [("行权事项", "受理办结", 230), ("行权事项", "办结率", 98)]),
        # a verb that only qualifies a bare noun stays out of the metric
        ("本周受理审批事项200件、办结180件", [("审批事项", "受理", 200), ("审批事项", "办结", 180)]),
        ("接听咨询电话1264通", [("咨询电话", "接听", 1264)]),
    ],
)
def test_two_verbs_in_a_row_keep_the_subject_after_them(text: str, expected: list[tuple]) -> None:
    assert [(r["subject"], r["metric"], r["value"]) for r in _rows(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截至目前，综窗进驻主项741项、办理项1620项。", [("进驻主项", 741), ("办理项", 1620)]),
        ("调整后，综窗入驻子项96个、办理项1702个", [("入驻子项", 96), ("办理项", 1702)]),
    ],
)
def test_an_object_listed_beside_a_count_noun_is_a_metric_like_it(text: str, expected: list[tuple]) -> None:
    rows = _rows(text)
    assert [(r["metric"], r["value"]) for r in rows] == expected
    assert all(r["subject"] is None for r in rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("完成省教育厅、省退役军人厅共36个办理项的受理工作手册编制", [None]),
        ("省公安厅、省人社厅和省医保局等8个窗口获评“红旗窗口”", [None]),
        ("省民宗委新增主项1个、办理项2个", ["四川省民族宗教事务委员会"] * 2),
        # the actor is the department before 会同/联合, not the partner after it
        ("省中心会同省大数据中心上线事项60项；本周两地互办业务2150件",
         ["四川省政府政务服务和公共资源交易服务中心", None]),
        ("省中心联合省人社厅、省医保局开设专窗，首日办理业务80余件",
         ["四川省政府政务服务和公共资源交易服务中心"]),
        ("省发展改革委会同省自然资源厅审批项目12个", ["四川省发展和改革委员会"]),
        ("会同省公安厅、省民政厅开展联合检查，发现问题7个", [None]),
        # several departments acting together with a partner: no one's figure
        ("省自然资源厅、省林草局联合省中心开展专项服务，办结林权登记32件", [None]),
        ("省发展改革委和省能源局会同省中心审批项目9个", [None]),
    ],
)
def test_department_of_a_figure(text: str, expected: list[str | None]) -> None:
    assert [r["department"] for r in _rows(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本周综窗接待咨询一千二百三十人次，受理四百零八件", [(1230, "人次", False), (408, "件", False)]),
        ("今年以来综窗接待咨询两万余人次", [(20000, "人次", True)]),
        ("本周办结约1.5万件、流转近三千件，颁发证照超过两千件",
         [(15000, "件", True), (3000, "件", True), (2000, "件", True)]),
        ("1—9月，公共资源交易成交金额1046.2亿元", [(104620000000, "元", False)]),
        ("为60多家企业提供延时服务，现场办理业务近300件", [(60, "家", True), (300, "件", True)]),
        ("本周受理二百三十件，环比增长百分之十", [(230, "件", False), (10, "%", False)]),
        ("群众满意率百分之九十八点六", [(98.6, "%", False)]),
    ],
)
def test_numbers_as_written(text: str, expected: list[tuple]) -> None:
    assert [(r["value"], r["unit"], r["approx"]) for r in _rows(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("办结率97.0%，较上周提高2个百分点", [("办结率", 97, "%", "other"), ("提高", 2, "个百分点", "change")]),
        ("本周互办业务2150件，同比下降4.2%；受理408件",
         [("互办业务", 2150, "件", "week"), ("同比下降", 4.2, "%", "change"), ("受理", 408, "件", "week")]),
        ("1—9月累计成交金额18.4亿元，同比增长6.5%",
         [("成交金额", 1840000000, "元", "ytd"), ("同比增长", 6.5, "%", "change")]),
    ],
)
def test_rates_and_changes(text: str, expected: list[tuple]) -> None:
    assert [(r["metric"], r["value"], r["unit"], r["scope"]) for r in _rows(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another period starts another list: the rate is not of the week's 行政许可事项
        ("本周受理行政许可事项320件、办结300件，今年以来办结率99.2%",
         [("行政许可事项", "受理"), ("行政许可事项", "办结"), (None, "办结率")]),
        ("受理行政许可事项320件、办结300件，本周办结率93.8%",
         [("行政许可事项", "受理"), ("行政许可事项", "办结"), (None, "办结率")]),
        # the same period goes on: the rate is of the same things
        ("今年以来，受理公共服务事项812.6万件、办结805.3万件，办结率99.1%",
         [("公共服务事项", "受理"), ("公共服务事项", "办结"), ("公共服务事项", "办结率")]),
        ("本周受理行政许可事项320件，其中即办件占比45.2%", [("行政许可事项", "受理"), ("即办件", "占比")]),
    ],
)
def test_a_subject_carries_to_a_rate_only_within_its_list(text: str, expected: list[tuple]) -> None:
    assert [(r["subject"], r["metric"]) for r in _rows(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本周综窗受理1200件，网上办理率达98.5%", [(None, "受理", 1200, "件", "week"), (None, "网上办理率", 98.5, "%", "week")]),
        ("今年以来，线上办理率为68.8%，全程网办率达到92.3%",
         [(None, "线上办理率", 68.8, "%", "ytd"), (None, "全程网办率", 92.3, "%", "ytd")]),
        ("本周，现场办理率31.2%，掌上办理率达45%", [(None, "现场办理率", 31.2, "%", "week"), (None, "掌上办理率", 45, "%", "week")]),
        ("全省政务服务事项网上可办率达97.6%", [("政务服务事项", "网上可办率", 97.6, "%", "other")]),
        ("受理工作手册编制完成率达到88.4%", [(None, "完成率", 88.4, "%", "other")]),
    ],
)
def test_a_rate_keeps_the_word_that_names_it(text: str, expected: list[tuple]) -> None:
    assert _figures(text) == expected


@pytest.mark.parametrize("lead", ["约", "近", "超过", "逾"])
def test_an_approximate_total_is_no_metric(lead: str) -> None:
    rows = _rows(f"本周协调解决不动产登记、社保转移、医保备案等事项，{lead}260件")
    assert [(r["metric"], r["value"], r["approx"]) for r in rows] == [(None, 260, True)]
    rows = _rows(f"本周办理医保备案120件、社保转移80件，共计{lead}260件")
    assert [r["metric"] for r in rows][-1] == "社保转移"
    assert all(r["metric"] != lead for r in rows)
