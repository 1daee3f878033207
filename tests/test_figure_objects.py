"""What a figure's verb counts: the object written after it, as the row's subject."""

from __future__ import annotations

import pytest

from reportparse.entities.figures import _object
from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()


@pytest.mark.parametrize(
    ("metric", "obj", "expected"),
    [
        ("受理", "群众办件", ("受理", None)),  # generic words are dropped
        ("颁发", "证照", ("颁发", None)),
        ("接待", "群众咨询", ("接待咨询", None)),  # an object that is a metric verb joins the metric
        ("接待", "现场咨询", ("接待现场咨询", None)),  # so does a short one ending in a metric verb
        ("受理", "行政许可事项", ("受理", "行政许可事项")),
        ("办理", "“特种设备生产单位许可”业务", ("办理", "“特种设备生产单位许可”业务")),
        ("受理", None, ("受理", None)),
    ],
)
def test_object(metric: str, obj: str | None, expected: tuple[str, str | None]) -> None:
    assert _object(metric, obj, RULES.lists) == expected


def _figures(text: str) -> list[tuple[str | None, str | None, float, str]]:
    context = {"year": 2023, "period_start": "2023-02-27", "period_end": "2023-03-03"}
    _, tables, _, _ = parse_text(text, RULES, context)
    return [(r["subject"], r["metric"], r["value"], r["scope"]) for r in tables["figures"]]


def test_an_object_carries_to_the_next_verbs_until_another_one() -> None:
    text = "今年省本级累计受理行政许可事项6.34万件、办结6.25万件，受理公共服务事项149.5万件、办结115.8万件。"
    assert _figures(text) == [
        ("行政许可事项", "受理", 63400, "ytd"), ("行政许可事项", "办结", 62500, "ytd"),
        ("公共服务事项", "受理", 1495000, "ytd"), ("公共服务事项", "办结", 1158000, "ytd")]


def test_a_generic_object_ends_a_carried_subject() -> None:
    text = "本周受理行政许可事项30件、办结28件，受理办件400件，办结380件。"
    assert _figures(text) == [
        ("行政许可事项", "受理", 30, "week"), ("行政许可事项", "办结", 28, "week"),
        (None, "受理", 400, "week"), (None, "办结", 380, "week")]


def test_a_long_object_after_a_month_range_keeps_its_subject() -> None:
    text = "1—3月，省一体化政务服务平台累计受理省本级行政许可事项92072件，办结90946件。"
    assert _figures(text) == [("行政许可事项", "受理", 92072, "ytd"), ("行政许可事项", "办结", 90946, "ytd")]


def test_quoted_item_in_the_object() -> None:
    assert _figures("本周，省市场监管局窗口办理“特种设备生产单位许可”业务34件，聚焦企业。") == [
        ("“特种设备生产单位许可”业务", "办理", 34, "week")]


def test_a_carried_subject_stops_at_a_semicolon_and_at_another_unit() -> None:
    text = "本周综窗接听咨询电话1264通，向部门转办4106件；受理行政许可事项30件、办结28件，办结率93.3%。"
    assert _figures(text) == [
        ("咨询电话", "接听", 1264, "week"), (None, "转办", 4106, "week"),
        ("行政许可事项", "受理", 30, "week"), ("行政许可事项", "办结", 28, "week"),
        ("行政许可事项", "办结率", 93.3, "week")]


def test_a_running_total_cue_does_not_stop_a_carried_subject() -> None:
    text = "今年以来，其它6类行权事项受理3762件，累计办结3677件。"
    assert _figures(text) == [("行权事项", "受理", 3762, "ytd"), ("行权事项", "办结", 3677, "ytd")]


def test_a_bare_running_total_counts_what_the_figure_before_it_counts() -> None:
    text = "新增互认电子证照23类，累计达到156类。"
    # 累计 with no year cue: a running total (cumulative)
    assert _figures(text) == [(None, "互认电子证照", 23, "change"), (None, "互认电子证照", 156, "cumulative")]


def test_a_verb_with_words_of_its_own_before_it_takes_no_carried_subject() -> None:
    text = "本周省医保局窗口办理医保关系转移接续862件、异地就医备案一千零四十件。"
    assert _figures(text) == [("医保关系转移接续", "办理", 862, "week"), (None, "备案", 1040, "week")]


def test_a_change_verb_without_punctuation_before_it_takes_the_words_before_it() -> None:
    assert _figures("全省一体化平台注册用户新增12.6万户。") == [("注册用户", "新增", 126000, "change")]


@pytest.mark.parametrize(
    ("metric", "obj", "expected"),
    [
        ("受理", "办结行政许可事项", ("受理办结", "行政许可事项")),  # two verbs in a row
        ("受理", "办结省本级公共服务事项", ("受理办结", "公共服务事项")),  # the object is stripped again
        ("受理", "办结群众办件", ("受理办结", None)),
        ("受理", "审批事项", ("受理", "审批事项")),  # a verb qualifying a bare noun is part of it
        ("接听", "咨询电话", ("接听", "咨询电话")),  # jieba reads 咨询电话 as one word
    ],
)
def test_object_opening_with_a_second_verb(metric: str, obj: str, expected: tuple[str, str | None]) -> None:
    from reportparse.segment import segmenter_for

    assert _object(metric, obj, RULES.lists, segmenter_for(RULES)) == expected
