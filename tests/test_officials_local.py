"""Officials of a city, prefecture, county or district: the title names the government (or the
party committee) of the place written before it (gazetteers/implied_orgs.txt templates)."""

from __future__ import annotations

import pytest
from official_helpers import RULES, officials

from reportparse.entities.officials import canonical_unlisted, local_org, templates

TMPL = templates(RULES.lists["implied_orgs"])



def _officials(text: str) -> list[tuple[str, str, str | None]]:
    return officials(text, {"year": 2024, "period_end": "2024-06-07"})


@pytest.mark.parametrize(
    ("before", "title", "org"),
    [
        ("本周，泸州市", "副市长", "泸州市人民政府"),
        ("，自贡市", "常务副市长", "自贡市人民政府"),
        ("在遂宁市", "代市长", "遂宁市人民政府"),  # 在 leads in, it is no part of the place
        ("局长和内江市", "市长", "内江市人民政府"),  # the shortest place after 和
        ("，甘孜州", "州长", "甘孜州人民政府"),
        ("，马边彝族自治县", "副县长", "马边彝族自治县人民政府"),
        ("，青羊区", "副区长", "青羊区人民政府"),
        ("，南充", "市委书记", "中共南充市委员会"),  # 市委书记 carries the place's 市
        ("，南充市", "市委书记", "中共南充市委员会"),
        ("，全省各市", "副市长", None),  # no place is written
        ("本周，", "副市长", None),
        ("，省中心", "副主任", None),  # no local head
    ],
)
def test_local_org(before: str, title: str, org: str | None) -> None:
    assert local_org(before, len(before), 0, [title], TMPL) == org


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("眉山市政府", "眉山市人民政府"),
        ("凉山州人民政府", "凉山彝族自治州人民政府"),
        ("甘孜州政府", "甘孜藏族自治州人民政府"),
        ("成都市政务服务管理和网络理政办公室", "成都市政务服务管理和网络理政办公室"),
        (None, None),
    ],
)
def test_canonical_unlisted(written: str | None, canonical: str | None) -> None:
    assert canonical_unlisted(written, {"凉山州人民政府": "凉山彝族自治州人民政府",
                                        "甘孜州人民政府": "甘孜藏族自治州人民政府"}) == canonical


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("6月3日，乐山市副市长蒋某某到省政务服务大厅调研。", [("蒋某某", "副市长", "乐山市人民政府")]),
        ("在宜宾市副市长谢某的陪同下，调研组察看了市政务服务中心。", [("谢某", "副市长", "宜宾市人民政府")]),
        ("本周，凉山州副州长吉克某某到省中心考察。", [("吉克某某", "副州长", "凉山彝族自治州人民政府")]),
        ("本周，甘孜州人民政府副州长扎西次仁带队到省中心考察。", [("扎西次仁", "副州长", "甘孜藏族自治州人民政府")]),
        ("省政府副秘书长岳某和巴中市副市长罗某一同调研。",
         [("岳某", "副秘书长", "四川省人民政府"), ("罗某", "副市长", "巴中市人民政府")]),
        ("本周，雅安市委书记杨某到省中心调研。", [("杨某", "市委书记", "中共雅安市委员会")]),
        ("本周，眉山市政府副市长田某到大厅调研。", [("田某", "副市长", "眉山市人民政府")]),
    ],
)
def test_local_heads_in_sentences(text: str, rows: list[tuple[str, str, str | None]]) -> None:
    assert _officials(text) == rows
