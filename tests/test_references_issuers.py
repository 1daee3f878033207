"""Document numbers: the issuer is the code, not the body or the verb written before it."""

from __future__ import annotations

import pytest

from reportparse.pipeline import parse_text
from reportparse.rulebook import load_rules

RULES = load_rules()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("转发省政府办公厅川办函〔2025〕第8号", [("川办函", 2025, 8)]),
        ("依据四川省市场监督管理局川市监发〔2024〕21号要求", [("川市监发", 2024, 21)]),
        ("按照国办发（2024）3号文件精神", [("国办发", 2024, 3)]),
        ("落实中办发〔2023〕11号、川委办〔2024〕15号文件", [("中办发", 2023, 11), ("川委办", 2024, 15)]),
        ("印发《实施方案》（川政公〔2023〕28号）", [("川政公", 2023, 28)]),
        ("根据省发展改革委川发改政务〔2024〕102号", [("川发改政务", 2024, 102)]),
    ],
)
def test_issuer(text: str, expected: list) -> None:
    _, tables, _, _ = parse_text(text, RULES)
    got = [(r["issuer"], r["year"], r["number"]) for r in tables["references"] if r["kind"] == "doc_number"]
    assert got == expected
