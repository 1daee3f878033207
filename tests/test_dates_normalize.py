"""Date normalizer: year inference, ranges across months and years, dotted, events, relative."""

from __future__ import annotations

from datetime import date as D

import pytest

from reportparse.normalize.dates import (
    RELATIVE_LABELS,
    event_label,
    infer_year,
    make_date,
    month_span,
    parse_dotted,
    resolve_range,
    resolve_relative,
)


@pytest.mark.parametrize(
    ("month", "day", "anchor", "year"),
    [
        (9, 8, D(2023, 9, 15), 2023),
        (9, 4, D(2023, 9, 8), 2023),
        (12, 25, D(2024, 1, 5), 2023),  # last week of the year, printed in January
        (12, 29, D(2024, 1, 12), 2023),
        (1, 3, D(2023, 12, 29), 2024),  # a January date anchored in late December
        (1, 1, D(2023, 12, 31), 2024),
        (8, 1, D(2023, 1, 2), 2023),  # months away: the year, as the contract says
        (7, 2, D(2023, 1, 2), 2023),
        (11, 20, D(2026, 1, 2), 2025),  # within a quarter across the turn of the year
        (6, 5, D(2025, 12, 29), 2025),  # not the nearer June of next year
        (4, 10, D(2025, 12, 29), 2025),
        (2, 10, D(2025, 12, 29), 2026),
        (2, 29, D(2024, 3, 8), 2024),
        (2, 29, D(2023, 3, 1), 2024),  # only leap years have it
        (2, 30, D(2023, 3, 1), 2023),  # exists in no year: the anchor's
    ],
)
def test_infer_year(month: int, day: int, anchor: D, year: int) -> None:
    assert infer_year(month, day, anchor) == year


A = D(2023, 9, 15)


@pytest.mark.parametrize(
    ("parts", "anchor", "expected"),
    [
        ((None, 9, 4, None, 9, 8), A, (D(2023, 9, 4), D(2023, 9, 8))),
        ((None, 9, 11, None, None, 15), A, (D(2023, 9, 11), D(2023, 9, 15))),  # 9月11日至15日
        ((None, 8, 28, None, 9, 1), A, (D(2023, 8, 28), D(2023, 9, 1))),  # across a month
        ((None, 9, 28, None, None, 3), A, (D(2023, 9, 28), D(2023, 10, 3))),  # 9月28日至3日
        ((None, None, 28, None, 9, 3), A, (D(2023, 8, 28), D(2023, 9, 3))),  # 28日至9月3日
        # cross-year weeks, printed after and before the new year
        ((None, 12, 28, None, 1, 3), D(2024, 1, 10), (D(2023, 12, 28), D(2024, 1, 3))),
        ((None, 12, 28, None, 1, 3), D(2023, 12, 30), (D(2023, 12, 28), D(2024, 1, 3))),
        ((None, 12, 25, None, 12, 29), D(2024, 1, 5), (D(2023, 12, 25), D(2023, 12, 29))),
        ((None, 1, 2, None, 1, 6), D(2023, 12, 29), (D(2024, 1, 2), D(2024, 1, 6))),
        ((2023, 12, 28, None, 1, 3), A, (D(2023, 12, 28), D(2024, 1, 3))),
        ((None, 12, 28, 2024, 1, 3), A, (D(2023, 12, 28), D(2024, 1, 3))),
        ((2022, 1, 1, 2023, 9, 8), A, (D(2022, 1, 1), D(2023, 9, 8))),  # explicit years win
        ((None, 2, 1, None, 12, 31), D(2023, 12, 1), (D(2023, 2, 1), D(2023, 12, 31))),
        # month ranges
        ((None, 9, None, None, 10, None), A, (D(2023, 9, 1), D(2023, 10, 31))),
        ((2024, 2, None, None, None, None), A, (D(2024, 2, 1), D(2024, 2, 29))),
        ((None, 11, None, None, 2, None), D(2024, 3, 1), (D(2023, 11, 1), D(2024, 2, 29))),
        # impossible or backwards
        ((None, 2, 30, None, 3, 1), A, None),
        ((None, 9, 4, None, 9, 31), A, None),
        ((2024, 9, 1, 2023, 9, 5), A, None),
        ((None, 13, 1, None, 13, 2), A, None),
        ((None, None, 1, None, None, 5), A, None),
    ],
)
def test_resolve_range(parts: tuple, anchor: D, expected: tuple[D, D] | None) -> None:
    assert resolve_range(*parts, anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023.9.8", D(2023, 9, 8)),
        ("2023-09-08", D(2023, 9, 8)),
        ("2023/9/8", D(2023, 9, 8)),
        ("２０２３．９．８", D(2023, 9, 8)),
        (" 2023.12.31 ", D(2023, 12, 31)),
        ("2023.2.30", None),
        ("2023.13.1", None),
        ("2023.9-8", None),
        ("23.9.8", None),
        ("8.21", None),
    ],
)
def test_parse_dotted(text: str, expected: D | None) -> None:
    assert parse_dotted(text) == expected


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2023, 9, (D(2023, 9, 1), D(2023, 9, 30))),
        (2024, 2, (D(2024, 2, 1), D(2024, 2, 29))),
        (2023, 2, (D(2023, 2, 1), D(2023, 2, 28))),
        (2023, 12, (D(2023, 12, 1), D(2023, 12, 31))),
        (2023, 13, None),
        (2023, 0, None),
    ],
)
def test_month_span(year: int, month: int, expected: tuple[D, D] | None) -> None:
    assert month_span(year, month) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("“8.21”", A, D(2023, 8, 21)),
        ("8.21", A, D(2023, 8, 21)),
        ("“7·20”", A, D(2023, 7, 20)),
        ("“9.15”", A, D(2023, 9, 15)),
        ("“9.16”", A, D(2022, 9, 16)),  # events are named after they happen
        ("“12.25”", D(2024, 1, 5), D(2023, 12, 25)),
        ("“2.30”", A, None),
        ("8月21日", A, None),
    ],
)
def test_event_label(text: str, anchor: D, expected: D | None) -> None:
    assert event_label(text, anchor) == expected


PS, PE = D(2023, 9, 4), D(2023, 9, 8)


@pytest.mark.parametrize(
    ("label", "period", "as_of", "expected"),
    [
        ("this_week", (PS, PE), PE, (PS, PE)),
        ("recent", (PS, PE), PE, (PS, PE)),
        ("ytd", (PS, PE), PE, (D(2023, 1, 1), PE)),
        ("ytd", (PS, PE), None, (D(2023, 1, 1), PE)),
        ("ytd", (D(2023, 12, 28), D(2024, 1, 3)), D(2024, 1, 3), (D(2024, 1, 1), D(2024, 1, 3))),
        ("to_date", (PS, PE), D(2023, 9, 15), (PE, PE)),
        ("last_week", (PS, PE), PE, (D(2023, 8, 28), D(2023, 9, 3))),
        ("last_week", (D(2024, 1, 2), D(2024, 1, 5)), None, (D(2023, 12, 26), D(2024, 1, 1))),
        ("this_month", (PS, PE), PE, (D(2023, 9, 1), D(2023, 9, 30))),
        ("last_month", (D(2024, 1, 2), D(2024, 1, 5)), None, (D(2023, 12, 1), D(2023, 12, 31))),
        ("this_year", (PS, PE), PE, (D(2023, 1, 1), D(2023, 12, 31))),
        ("this_week", (None, None), None, (None, None)),
        ("ytd", (None, None), None, (None, None)),
        ("last_week", (None, PE), None, (None, None)),
    ],
)
def test_resolve_relative(label: str, period: tuple, as_of: D | None, expected: tuple) -> None:
    assert resolve_relative(label, *period, as_of) == expected


def test_every_relative_label_resolves() -> None:
    for label in RELATIVE_LABELS:
        start, end = resolve_relative(label, PS, PE, PE)
        assert start is not None and end is not None and start <= end


def test_unknown_relative_label() -> None:
    with pytest.raises(ValueError, match="allowed: this_week"):
        resolve_relative("next_century", PS, PE, PE)


@pytest.mark.parametrize(
    ("parts", "expected"), [((2023, 9, 8), D(2023, 9, 8)), ((2023, 2, 30), None), ((None, 9, 8), None)]
)
def test_make_date(parts: tuple, expected: D | None) -> None:
    assert make_date(*parts) == expected
