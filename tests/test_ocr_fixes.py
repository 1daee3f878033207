"""Post-OCR normalization (reportparse/ingest/ocr_fixes.py) on strings as the engine reads scans.

Blind round i8 (scanned pages): each case is a misread seen on image-only renderings of the
genre and variant documents (150 dpi, blur 0.8), written as a shape, with the look-alikes that
must stay as read.
"""

from __future__ import annotations

import pytest

from reportparse.ingest.ocr_fixes import ocr_normalize


@pytest.mark.parametrize(("read", "fixed"), [
    # a full-width (or spaced) comma between three-digit groups is the thousands separator
    ("收入总计52，318.67万元", "收入总计52,318.67万元"),
    ("国内公务接待212批次1，486人次", "国内公务接待212批次1,486人次"),
    ("共计1，234，567元", "共计1,234,567元"),
    ("支出1, 200.00万元", "支出1,200.00万元"),
    ("减少3，215.40万元，下降5.8%", "减少3,215.40万元，下降5.8%"),
    # not a number's groups: a list, a year, a group of two or four digits, a trailing comma
    ("分别为2，3，4名", "分别为2，3，4名"),
    ("2022，2023年", "2022，2023年"),
    ("共12，34人", "共12，34人"),
    ("共5，3612件", "共5，3612件"),
    ("增长8.3%，同比增长126，", "增长8.3%，同比增长126，"),
    ("第1.5，200", "第1.5，200"),
])
def test_thousands_separators(read: str, fixed: str) -> None:
    assert ocr_normalize(read) == fixed


@pytest.mark.parametrize(("read", "fixed"), [
    ("1一3月，综窗累计受理3862件", "1—3月，综窗累计受理3862件"),
    ("2019年1一6月，全省累计", "2019年1—6月，全省累计"),
    ("2021 一 2023年", "2021—2023年"),
    ("（9月29日一10月3日）", "（9月29日—10月3日）"),
    ("11月一12月", "11月—12月"),
    # the Han one where it belongs
    ("一2月", "一2月"),
    ("第一季度", "第一季度"),
    ("3月一日", "3月一日"),
    ("十一月", "十一月"),
    ("2日一早", "2日一早"),
])
def test_a_range_dash_read_as_one(read: str, fixed: str) -> None:
    assert ocr_normalize(read) == fixed


@pytest.mark.parametrize(("read", "fixed"), [
    ("二、“放管服\"改革推进情况", "二、“放管服”改革推进情况"),
    ("七、\"三公”经费", "七、“三公”经费"),
    ("“应归尽归”“应用尽用\"工作", "“应归尽归”“应用尽用”工作"),
    ("(9月29日—10月3日）", "（9月29日—10月3日）"),
    ("（单位)窗口", "（单位）窗口"),
    ("大气（项）·年初预算", "大气（项）。年初预算"),
    ("占3.36%·其他", "占3.36%。其他"),
    ("印发《关于转发（全国一体化政务服务平台电子证照共享服务规范》的通知》，要求",
     "印发《关于转发〈全国一体化政务服务平台电子证照共享服务规范〉的通知》，要求"),
    ("《关于转发（规范》的通知》和《办法》", "《关于转发〈规范〉的通知》和《办法》"),
    # as read: a bracket inside a title, two titles in a row
    ("《关于（试行）的通知》", "《关于（试行）的通知》"),
    ("《条例》（修订）和《办法》", "《条例》（修订）和《办法》"),
    # as read: Latin quotes of code, a name's middle dot, Latin brackets of a formula
    ('print("ok")', 'print("ok")'),
    ("阿卜杜拉·阿齐兹", "阿卜杜拉·阿齐兹"),
    ("(a+b)", "(a+b)"),
])
def test_half_pairs_and_stray_stops(read: str, fixed: str) -> None:
    assert ocr_normalize(read) == fixed


def test_normalization_is_idempotent() -> None:
    for s in ("收入总计52，318.67万元", "1一3月", "“放管服\"改革", "(9月29日一10月3日）"):
        once = ocr_normalize(s)
        assert ocr_normalize(once) == once
