"""Headings (一、 （一） 1. （1）), section paths, sentences; decimals are never headings."""

from __future__ import annotations

import pytest

from reportparse.pipeline import text_to_clean
from reportparse.sections import clean_to_sections, clean_to_sentences, paragraph_marker

DOC = """一、综窗改革攻坚行动
（一）省本级综窗办件情况
本周，共计咨询3101人次。今年以来，累计咨询49713人次！
（二）事项推进情况
1.动态调整综窗进驻事项，主项从747项调整为750项。
（1）细项一。
2.9月8日，省中心印发通知。
二、大厅工作动态
56.1%的事项已完成。
"""


@pytest.mark.parametrize(
    ("text", "level", "marker"),
    [
        ("一、综窗改革", 1, "一、"),
        ("十二、其他", 1, "十二、"),
        ("（一）省本级", 2, "（一）"),
        ("(三)其它", 2, "(三)"),
        ("1.动态调整", 3, "1."),
        ("1．动态调整", 3, "1．"),
        ("2、完成", 3, "2、"),
        ("1.9月8日，省中心", 3, "1."),
        ("3.2023年9月", 3, "3."),
        ("（1）细项", 4, "（1）"),
        ("56.1%的事项", None, None),
        ("2.5万件已办结", None, None),
        ("本周共受理", None, None),
    ],
)
def test_paragraph_marker(text: str, level: int | None, marker: str | None) -> None:
    m = paragraph_marker(text)
    assert (m.level, m.text) == (level, marker) if level else m is None


def test_section_paths_and_sentences() -> None:
    clean = text_to_clean(DOC)
    sections, markers = clean_to_sections(clean)
    assert [s.path for s in sections] == [
        "一、综窗改革攻坚行动",
        "一、综窗改革攻坚行动 > （一）省本级综窗办件情况",
        "一、综窗改革攻坚行动 > （二）事项推进情况",
        "一、综窗改革攻坚行动 > （二）事项推进情况 > 1",
        "一、综窗改革攻坚行动 > （二）事项推进情况 > 1 > （1）",
        "一、综窗改革攻坚行动 > （二）事项推进情况 > 2",
        "二、大厅工作动态",
    ]
    assert len(markers) == 7
    sents = clean_to_sentences(clean, sections)
    by_text = {s.text: s.section for s in sents}
    assert by_text["本周，共计咨询3101人次。"] == "一、综窗改革攻坚行动 > （一）省本级综窗办件情况"
    assert by_text["今年以来，累计咨询49713人次！"] == "一、综窗改革攻坚行动 > （一）省本级综窗办件情况"
    assert by_text["56.1%的事项已完成。"] == "二、大厅工作动态"
    assert by_text["2.9月8日，省中心印发通知。"].endswith("> 2")
