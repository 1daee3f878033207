"""Scanned pages (blind round i8): how OCR lines become paragraphs, and a small scan end to end.

The unit tests feed ``reportparse.ingest.ocr`` lines shaped like RapidOCR's on 150 dpi scans of
the genre documents; the end-to-end test scans one page drawn with corpora/make_pdf.py and needs
the OCR extra (skipped without it; it runs in the ONNX group of tests/conftest.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reportparse import settings as settings_mod
from reportparse.ingest.ocr import _same_box, recognize, to_raw_lines
from reportparse.layout import raw_to_clean
from reportparse.model import RawDocument, RawPage

ROOT = Path(__file__).resolve().parent.parent
SCALE = 150 / 72
needs_ocr = pytest.mark.skipif(not settings_mod.ocr_installed(), reason="pip install 'reportparse[ocr]'")


def _page(rows: list[tuple[str, float, float, float, float]]) -> list[tuple]:
    return [(t, x0, x1, top, bottom, 0.99) for t, x0, x1, top, bottom in rows]


# pixels at 150 dpi, 16 pt body (about 33 px an em), text block 154..1087, first-line indent 66 px
PAGE = _page([
    ("全年城镇新增就业6.12万人，城镇登记失业率2.31%。年末", 221, 1088, 761, 797),
    ("全市参加基本养老保险人数318.5万人，参加基本医疗保险人数", 156, 1087, 822, 852),
    ("381.2万人。", 153, 331, 875, 915),  # a box a fifth taller than its paragraph's lines
    ("十、教育、卫生和文化旅游", 219, 620, 938, 974),
    ("全年普通高校招生5.26万人，在校生17.84万人。年末全市", 222, 1085, 997, 1029),
    ("共有医疗卫生机构4682个，卫生技术人员3.92万人。", 154, 1000, 1053, 1087),
])


def test_a_short_last_line_with_a_tall_box_stays_in_its_paragraph() -> None:
    raw = to_raw_lines(PAGE, SCALE, body=14.5)
    assert raw[2].size == 14.5  # its pitch (178 px for 5.5 ems) is the page's: body text
    doc = RawDocument("pdf", "ocr", (RawPage(1, tuple(raw), 595, 842),))
    text = raw_to_clean(doc).text
    assert "参加基本医疗保险人数381.2万人。" in text


def test_a_larger_title_keeps_its_size() -> None:
    rows = [*_page([("窗口工作周报", 420, 786, 650, 710)]), *PAGE]
    raw = to_raw_lines(rows, SCALE, body=14.5)
    assert raw[0].text == "窗口工作周报" and raw[0].size > 20


def test_a_retry_box_holding_its_neighbours_is_not_the_same_line() -> None:
    empty = ("", 813, 907, 1525, 1553, 0.0)  # a lone 。 on a letter-spaced line, read as nothing
    wider = ("其麗", 774, 912, 1515, 1560, 0.66)  # the blurred read: the 。 and the 其 before it
    assert not _same_box(empty, wider)
    assert _same_box(("中中", 150, 1080, 300, 335, 0.3), ("本周共受理425件。", 148, 1084, 299, 337, 0.99))


@pytest.fixture(scope="module")
def one_page_scan(tmp_path_factory: pytest.TempPathFactory):
    sys.path.insert(0, str(ROOT / "corpora"))
    try:
        import make_pdf
        from scan_pdf import scan_pdf
    finally:
        sys.path.pop(0)
    if not all(p.exists() for p, _ in make_pdf.FONT_FILES.values()):
        pytest.skip(f"apt-get install {make_pdf.FONT_PACKAGES}")
    d = tmp_path_factory.mktemp("scan1")
    text = ("某某局2022年度部门决算\n\n一、收入支出决算总体情况说明\n"
            "2022年度收入总计52,318.67万元，支出总计47,102.46万元。1—3月累计受理3862件。\n"
            "二、“三公”经费情况\n国内公务接待212批次1,486人次。\n")
    pdf = make_pdf.render_report(text, d / "typeset.pdf", backend="fpdf2")
    images = scan_pdf(pdf, d / "scan.pdf", dpi=150, blur=0.8)
    import numpy as np

    return np.asarray(images[0])


@needs_ocr
def test_a_scanned_page_reads_back_its_numbers_and_ranges(one_page_scan) -> None:
    text = "\n".join(ln[0] for ln in recognize(one_page_scan))
    for s in ("52,318.67万元", "47,102.46万", "1—3月", "1,486人次", "“三公”经费"):
        assert s in text, (s, text)


def test_a_number_broken_after_its_separator_joins_whole() -> None:
    rows = _page([
        ("2022年度财政拨款收入总计47,102.46万元，支出总计47，", 223, 1082, 765, 794),
        ("102.46万元。与2021年度相比，财政拨款收入、支出总计各", 155, 1085, 822, 852),
        ("减少2,884.15万元，下降5.77%。本周受理12，", 155, 1085, 880, 910),
        ("1234件，其中网上办理126，", 155, 1085, 938, 968),  # not a group of three: as read
        ("3件。", 155, 250, 996, 1026),
    ])
    raw = to_raw_lines(rows, SCALE, body=14.5)
    assert raw[0].text.endswith("支出总计47,")
    assert raw[2].text.endswith("12，") and raw[3].text.endswith("126，")
    doc = RawDocument("pdf", "ocr", (RawPage(1, tuple(raw), 595, 842),))
    assert "支出总计47,102.46万元。" in raw_to_clean(doc).text


def test_the_last_word_of_a_paragraph_in_a_padded_box_is_body_text() -> None:
    rows = [*PAGE, *_page([("发：省级相关部门（单位）窗口，省中心各处（室）、直属", 222, 1086, 1112, 1147),
                           ("单位。", 152, 253, 1166, 1208)])]  # 2.5 ems in 101 px, 42 px tall
    raw = to_raw_lines(rows, SCALE, body=14.5)
    assert raw[-1].size == 14.5
    doc = RawDocument("pdf", "ocr", (RawPage(1, tuple(raw), 595, 842),))
    assert "省中心各处（室）、直属单位。" in raw_to_clean(doc).text


def test_a_pair_opened_on_one_line_is_closed_on_the_next() -> None:
    rows = _page([
        ("2.4月15日，省中心印发《关于转发（全国一体化政务服务平台", 221, 1086, 600, 634),
        ("电子证照共享服务规范》的通知》，要求各窗口部门做好“应用", 155, 1086, 660, 694),
        ("尽用\"工作。", 155, 400, 720, 754),
    ])
    raw = to_raw_lines(rows, SCALE, body=14.5)
    assert raw[0].text.endswith("《关于转发〈全国一体化政务服务平台")
    assert raw[1].text.startswith("电子证照共享服务规范〉的通知》") and raw[2].text == "尽用”工作。"


def test_a_sure_reading_too_short_for_its_box_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from reportparse.ingest import ocr

    garbled = ("。%，%", 153, 1087, 1310, 1343, 0.64)  # a 28-character line read as five signs
    spaced = ("注释", 217, 674, 1519, 1557, 0.99)  # letter-spaced in one box: no better reading, kept
    right = ("达99.2%，“全程网办”比例约76.5%。全省电子证照库本周新", 153, 1086, 1309, 1342, 0.99)
    reads = iter([[garbled, spaced], [right]])
    monkeypatch.setattr(ocr, "_read", lambda image, threads: next(reads))
    pytest.importorskip("cv2")
    got = [ln[0] for ln in recognize(np.full((40, 40), 255, np.uint8))]
    assert got == [right[0], "注释"]
    assert ocr._too_short(garbled) and ocr._too_short(spaced) and not ocr._too_short(right)
