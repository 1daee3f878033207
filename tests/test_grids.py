"""Line tables (entities/grids.py): a header of column labels with units, then label + number rows."""

from __future__ import annotations

import pytest

from reportparse.entities.grids import grid_candidates
from reportparse.pipeline import text_to_clean
from reportparse.rulebook import load_rules

RULES = load_rules()


def cells(text: str) -> list[tuple[str, str, str | None, str]]:
    """(metric, value, unit, row label) of each grid candidate of ``text``."""
    clean = text_to_clean(text)
    out = []
    for c in grid_candidates(clean, RULES.lists["units"], RULES.lists["grid_row_heads"]):
        unit = c.groups.get("unit")
        out.append((c.groups["metric"][0], c.groups["value"][0], unit[0] if unit else None,
                    c.groups["subject"][0]))
        for _, s, e in c.groups.values():
            assert 0 <= s <= e <= len(clean.text)
    return out


@pytest.mark.parametrize("sep", ["　", "  ", "\t", " "])
def test_header_and_rows_with_any_cell_separator(sep: str) -> None:
    text = sep.join(["窗口", "接件量（件）", "出件量（件）"]) + "\n" + sep.join(["省民政厅", "12", "9"]) + "\n"
    assert cells(text) == [("接件量", "12", "件", "省民政厅"), ("出件量", "9", "件", "省民政厅")]


def test_glued_header_after_cleaning() -> None:
    # cleaning drops the spaces between Han characters: 部门受理（件）办结（件）
    text = "表2　各部门办件情况\n部门　受理（件）　办结（件）\n省公安厅　120　118\n合计　120　118\n"
    assert cells(text) == [("受理", "120", "件", "省公安厅"), ("办结", "118", "件", "省公安厅"),
                           ("受理", "120", "件", "合计"), ("办结", "118", "件", "合计")]


def test_units_from_the_label_or_the_cell() -> None:
    text = "单位　办件数（件）　好评率\n成都市　3,412　99.2%\n绵阳市 - 98.7%\n"
    assert cells(text) == [("办件数", "3,412", "件", "成都市"), ("好评率", "99.2", "%", "成都市"),
                           ("好评率", "98.7", "%", "绵阳市")]  # a dash is an empty cell
    assert cells("地区　受理件数　办结件数\n德阳市　40　38\n") == [
        ("受理", "40", "件", "德阳市"), ("办结", "38", "件", "德阳市")]


@pytest.mark.parametrize("text", [
    "本周受理425件，办结418件。\n省公安厅　86　84\n",  # a sentence is no header
    "部门　受理　办结\n省公安厅　86　84\n",  # no column says its unit
    "部门　受理（件）　办结（件）\n省公安厅　86\n",  # a row with too few cells
    "部门　受理（件）　办结（件）\n本周，省公安厅受理86件。\n",  # prose after a header
])
def test_not_a_table(text: str) -> None:
    assert cells(text) == []


def test_table_ends_at_the_first_line_that_is_no_row() -> None:
    text = "部门　受理（件）\n省公安厅　86\n省民政厅　12\n以上数据截至9月8日。\n省财政厅　5\n"
    assert [c[3] for c in cells(text)] == ["省公安厅", "省民政厅"]


def test_grid_figures_end_to_end() -> None:
    from figure_helpers import columns

    text = ("（一）窗口办件\n表1　本周部分进驻部门办件情况\n部门　受理（件）　办结（件）\n"
            "省市场监管局　86　84\n成都市　12　11\n合计　98　95\n")
    rows = columns(text, None, "metric", "value", "unit", "scope", "subject", "department", "rule")
    assert rows == [
        ("受理", 86, "件", "week", None, "四川省市场监督管理局", "figure.grid"),
        ("办结", 84, "件", "week", None, "四川省市场监督管理局", "figure.grid"),
        ("受理", 12, "件", "week", "成都市", None, "figure.grid"),
        ("办结", 11, "件", "week", "成都市", None, "figure.grid"),
        ("受理", 98, "件", "week", None, None, "figure.grid"),
        ("办结", 95, "件", "week", None, None, "figure.grid"),
    ]


def test_grid_scope_from_its_caption() -> None:
    from figure_helpers import columns

    text = "今年以来各市（州）办件情况：\n地区　办件量（万件）　好评率（%）\n成都市　12.3　99.8\n"
    assert columns(text, {"year": 2024, "period_start": "2024-03-04", "period_end": "2024-03-08"},
                   "metric", "value", "unit", "scope") == [
        ("办件量", 123000, "件", "ytd"), ("好评率", 99.8, "%", "ytd")]


def test_statistics_table_marks_and_heads() -> None:
    text = "指标名称　年末数（人）　比重（%）\n全州总户籍人口　4899310　100.0\n#城镇　1654272　33.8\n"
    assert cells(text) == [("年末数", "4899310", "人", "全州总户籍人口"), ("比重", "100.0", "%", "全州总户籍人口"),
                           ("年末数", "1654272", "人", "城镇"), ("比重", "33.8", "%", "城镇")]


def test_row_label_marks_and_glued_empty_cells_are_trimmed() -> None:
    text = "指标　增加值（亿元）　比上年增长（%）\n其中：轻工业　12.5　0.2\n集体企业-　28.0\n"
    got = cells(text)
    assert [c[3] for c in got] == ["轻工业", "轻工业", "集体企业"]
    assert got[-1] == ("比上年增长", "28.0", "%", "集体企业")


def test_row_label_may_open_with_a_service_number() -> None:
    text = "评价渠道　评价数（条）\n窗口评价器　1128\n12345热线　87\n合计　1215\n"
    assert [(c[3], c[1]) for c in cells(text)] == [("窗口评价器", "1128"), ("12345热线", "87"), ("合计", "1215")]
