"""Documents-row fields in any genre: title, publisher, year covered, published, issue and period.

The first half runs on snippets written here; the second on the public documents in
``../shared/realdocs`` (found from the repository root, skipped when absent): every file with a
text layer gives a title, and the year it covers where its text states one.
"""

from __future__ import annotations

import importlib.util
from datetime import date as D
from pathlib import Path

import pytest

from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()
FIELDS = ("title", "publisher", "year", "issue_no", "issue_total", "period_start", "period_end", "published")


def _fields(text: str) -> dict[str, object]:
    fields, _, _, _ = parse_text(text, RULES)
    return {k: fields.get(k) for k in FIELDS if fields.get(k) is not None}


def test_saved_web_page_header_lines() -> None:
    got = _fields("标题：关于印发某某市2024年政务公开工作要点的通知\n发布时间：2024-03-15 10:30\n"
                  "发布机构：某某市人民政府办公室\n各县（市、区）人民政府，市政府各部门：\n现将要点印发给你们。\n"
                  "一、总体要求\n全年公开信息500条。")
    assert got == {"title": "关于印发某某市2024年政务公开工作要点的通知", "publisher": "某某市人民政府办公室",
                   "year": 2024, "published": D(2024, 3, 15)}


def test_statistics_bulletin_year_is_the_year_covered_not_published() -> None:
    head = "某某市统计局\n国家统计局某某调查队\n2024年3月28日\n"
    body = "一、综合\n全年地区生产总值1000亿元。"
    got = _fields("2023年某某市国民经济和社会发展统计公报\n" + head + "2023年，全市经济稳中有进。\n" + body)
    assert got == {"title": "2023年某某市国民经济和社会发展统计公报", "publisher": "某某市统计局",
                   "year": 2023, "published": D(2024, 3, 28)}
    # no year in the title: the opening sentence names it
    assert _fields("某某市国民经济和社会发展统计公报\n" + head + "2023年，全市经济稳中有进。\n" + body)["year"] == 2023
    # no year written at all: empty, not the publication year
    assert "year" not in _fields("某某市国民经济和社会发展统计公报\n" + head + "全市经济稳中有进。\n" + body)


def test_signature_at_the_end_gives_publisher_and_date() -> None:
    got = _fields("关于某某区2023年度法治政府建设情况的报告\n一、主要举措\n全年办理复议案件35件。\n二、下步打算\n"
                  "持续推进依法行政。\n某某区人民政府办公室\n二〇二四年一月二十七日")
    assert got == {"title": "关于某某区2023年度法治政府建设情况的报告", "publisher": "某某区人民政府办公室",
                   "year": 2023, "published": D(2024, 1, 27)}


def test_signature_needs_to_end_the_document() -> None:
    got = _fields("某某工作简报\n一、工作进展\n2024年5月6日\n本周受理120件，其后各窗口持续推进各项工作，服务群众，"
                  "确保事项办理规范高效有序。\n二、下步工作\n继续推进。\n另有三项工作正在推进之中，均按计划实施并将于下周完成。")
    assert "published" not in got


def test_work_report_speech_date_and_publisher_in_title() -> None:
    got = _fields("2024年某某市人民政府工作报告\n——2024年1月22日在某某市第十七届人民代表大会第四次会议上\n"
                  "市长　某某某\n各位代表：\n一、2023年工作回顾\n全市生产总值增长5.1%。")
    assert got == {"title": "2024年某某市人民政府工作报告", "publisher": "某某市人民政府", "year": 2024,
                   "published": D(2024, 1, 22)}


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # a late issue number without a year: the year the week starts in
        ("工作简报\n第52期\n（12月30日—1月3日）\n某某市政务服务中心\n2025年1月7日",
         {"year": 2024, "issue_no": 52, "period_start": D(2024, 12, 30), "period_end": D(2025, 1, 3)}),
        ("工作简报\n〔2018〕第32期\n某某市政务服务中心\n2018年8月20日", {"year": 2018, "issue_no": 32}),
        # the week number with its dates, in the masthead
        ("监测周报\n2025年第30周（7月21日－7月27日）\n某某省疾病预防控制中心\n2025年7月30日",
         {"year": 2025, "period_start": D(2025, 7, 21), "period_end": D(2025, 7, 27)}),
        # fields cut over two lines
        ("工作简报\n第9期\n（9月4日—\n9月8日）\n某某省政务服务和公共资源\n交易服务中心\n2023年9月12日",
         {"year": 2023, "issue_no": 9, "period_start": D(2023, 9, 4), "period_end": D(2023, 9, 8),
          "publisher": "某某省政务服务和公共资源交易服务中心"}),
        # a monthly and a quarterly
        ("政务服务月报\n2024年第3期（3月）\n某某市政务服务中心\n2024年4月5日",
         {"year": 2024, "issue_no": 3, "period_start": D(2024, 3, 1), "period_end": D(2024, 3, 31)}),
        ("经济运行季报\n2024年第二季度\n某某市统计局\n2024年7月18日",
         {"year": 2024, "period_start": D(2024, 4, 1), "period_end": D(2024, 6, 30)}),
    ],
)
def test_periodical_mastheads(head: str, expected: dict[str, object]) -> None:
    got = _fields(head + "\n一、工作情况\n本周受理120件。")
    assert {k: got.get(k) for k in expected} == expected


# ---------------------------------------------------------------- the real documents

REALDOCS = Path(__file__).resolve().parents[1].parent / "shared" / "realdocs"
_OCR = importlib.util.find_spec("rapidocr_onnxruntime") is not None
# file: (title, year covered); None where the text layer does not print it
EXPECTED = {
    "chinacdc_flu_weekly_2025w28_no865.pdf": ("流感监测周报", 2025),  # cover is a picture: the running head
    "chinacdc_flu_weekly_2025w30_no867.pdf": ("流感监测周报", 2025),
    # its title is a picture above page 1's text: read by OCR where the extra is installed
    "guizhou_qiandongnan_2023_tongji_gongbao.pdf": ("黔东南苗族侗族自治州2023年国民经济和社会发展统计公报" if _OCR else None, 2023),
    "guowuyuan_2008_zhengfu_gongzuo_baogao.gb18030.txt": ("2008年国务院政府工作报告", 2008),
    "guowuyuan_2018_zhengfu_gongzuo_baogao.gb18030.txt": ("2018政府工作报告", 2018),
    "henan_luoyang_2023_tongji_gongbao.txt": ("2023年洛阳市国民经济和社会发展统计公报", 2023),
    "henan_zhoukou_2023_tongji_gongbao.pdf": ("2023年周口市国民经济和社会发展统计公报", 2023),
    "jiangsu_huaian_2024_zfxxgk_annual_report.pdf": ("淮安市人民政府2024年政府信息公开工作年度报告", 2024),
    "jiangsu_huaian_hongze_2023_zfxxgk_annual_report.pdf": ("洪泽区人民政府2023年政府信息公开工作年度报告", 2023),
    "shanghai_caizhengju_2025_danwei_yusuan.pdf": ("上海市2025年市级单位预算", 2025),
    "shanghai_putuo_caizhengju_2024_bumen_juesuan.pdf": ("上海市普陀区财政局2024年度部门决算", 2024),
    "shanghai_putuo_shehui_fuliyuan_2024_danwei_yusuan.pdf": ("上海市普陀区社会福利院2024年单位预算", 2024),
    "shanghai_putuo_zfbgs_2025_bumen_yusuan.pdf": ("上海市普陀区2025年区级部门预算", 2025),
    "sichuan_chengdu_2021_tongji_gongbao.ocr_deepseek.md": ("2021年成都市国民经济和社会发展统计公报", 2021),
    "sichuan_chengdu_2021_tongji_gongbao.pdf": ("2021年成都市国民经济和社会发展统计公报", 2021),
    "sichuan_chengdu_2022_tongji_gongbao.pdf": ("2022年成都市国民经济和社会发展统计公报", 2022),
}


@pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs (next to the repository) is absent")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_realdoc_title_and_year(name: str) -> None:
    from reportparse.pipeline import parse_document
    from reportparse.settings import Settings

    path = REALDOCS / name
    if not path.exists():
        pytest.skip(f"{name} not in ../shared/realdocs")
    doc = parse_document(path, RULES, Settings()).document
    assert (doc.get("title"), doc.get("year")) == EXPECTED[name]


def test_body_line_above_a_title_without_a_place_is_part_of_it() -> None:
    got = _fields("某某市人民政府\n2024年政府信息公开工作年度报告\n本报告由某某市人民政府办公室编制。\n一、总体情况\n受理120件。")
    assert (got["title"], got["publisher"], got["year"]) == ("某某市人民政府2024年政府信息公开工作年度报告",
                                                            "某某市人民政府", 2024)
    got = _fields("某某市统计局\n2023年某某市国民经济和社会发展统计公报\n2024年4月30日\n一、综合\n全年增长5%。")
    assert got["title"] == "2023年某某市国民经济和社会发展统计公报"  # the title names its own place


def _pdf_clean(lines: list[tuple[int, str, float, float]]):
    """CleanText of PDF pages drawn from (page, text, size, top) lines, A4: display lines centred,
    every body line a paragraph of its own (indented, ending short)."""
    from reportparse.layout import raw_to_clean
    from reportparse.model import RawDocument, RawLine, RawPage

    pages = []
    for n in sorted({p for p, *_ in lines}):
        rows = tuple(RawLine(text=t, x0=122.0 if size <= 16 else 150.0, x1=400.0 if size <= 16 else 445.0, top=top,
                             bottom=top + size, size=size, font="Song") for p, t, size, top in lines if p == n)
        pages.append(RawPage(n, rows, 595.0, 842.0))
    return raw_to_clean(RawDocument(format="pdf", extractor="pdfplumber", pages=tuple(pages)))


BODY_LINES = [(1, "各位代表：现在我代表市人民政府向大会报告工作，请予审议，并请市政协委员提出意见。", 16.0, 300.0),
              (1, "一、2023年工作回顾", 16.0, 340.0), (1, "全年地区生产总值增长百分之五，各项事业全面进步。", 16.0, 370.0),
              (1, "城乡居民收入稳步增长，民生保障持续加强，社会大局和谐稳定。", 16.0, 400.0),
              (1, "改革开放不断深化，营商环境持续优化，发展活力竞相迸发。", 16.0, 430.0)]


def test_title_in_the_largest_print_stops_before_its_date_line() -> None:
    from reportparse.pipeline import analyse

    clean = _pdf_clean([(1, "政府工作报告", 22.0, 100.0),
                        (1, "——2024年1月22日在某某市第十七届人民代表大会第四次会议上", 22.0, 170.0), *BODY_LINES])
    fields, _, _ = analyse(clean, RULES, "x")
    assert (fields["title"], fields["published"], fields["year"]) == ("政府工作报告", D(2024, 1, 22), 2024)


def test_running_heads_give_a_picture_covers_title_and_issue() -> None:
    from reportparse.pipeline import analyse

    heads = [(p, ("流感监测周报", "第867期")[p % 2], 11.0, 40.0) for p in range(2, 7)]  # odd and even pages
    body = [(p, f"第{p}页正文：2025年第30周（2025年7月21日－2025年7月27日），本周检测样本一万份，较上周下降。", 16.0, 300.0)
            for p in range(2, 7)]
    clean = _pdf_clean(heads + body)
    assert clean.furniture == ("流感监测周报", "第867期") and "流感监测周报" not in clean.text
    fields, _, _ = analyse(clean, RULES, "x")
    assert {k: fields.get(k) for k in ("title", "issue_no", "year", "period_start", "period_end")} == {
        "title": "流感监测周报", "issue_no": 867, "year": 2025, "period_start": D(2025, 7, 21),
        "period_end": D(2025, 7, 27)}


def test_work_report_with_a_plain_date_is_that_years() -> None:
    got = _fields("政府工作报告\n（2024年1月22日）\n各位代表：\n一、2023年工作回顾\n全年地区生产总值增长6%。")
    assert (got["title"], got["published"], got["year"]) == ("政府工作报告", D(2024, 1, 22), 2024)


def test_a_classification_mark_is_no_half_of_the_title() -> None:
    got = _fields("内部资料\n窗口工作周报\n第9期\n某某市政务服务中心\n2024年3月5日\n一、工作动态\n本周受理120件。")
    assert (got["title"], got["issue_no"], got["publisher"]) == ("窗口工作周报", 9, "某某市政务服务中心")
