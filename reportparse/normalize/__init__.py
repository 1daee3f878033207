"""Normalizers: numbers (万/亿, Chinese numerals, %), dates (year inference, ranges) and
organization names (the departments gazetteer and the plain lists in ``rules/gazetteers``)."""

from __future__ import annotations

from .dates import (
    RELATIVE_LABELS,
    event_label,
    infer_year,
    make_date,
    month_span,
    parse_dotted,
    resolve_range,
    resolve_relative,
)
from .numbers import CN_NUMBER_PATTERN, NUMBER_PATTERN, ParsedNumber, cn_to_int, parse_number, parse_range
from .orgs import DeptEntry, Gazetteer, NameList, load_departments, load_list, load_name_list

__all__ = [
    "CN_NUMBER_PATTERN",
    "NUMBER_PATTERN",
    "RELATIVE_LABELS",
    "DeptEntry",
    "Gazetteer",
    "NameList",
    "ParsedNumber",
    "cn_to_int",
    "event_label",
    "infer_year",
    "load_departments",
    "load_list",
    "load_name_list",
    "make_date",
    "month_span",
    "parse_dotted",
    "parse_number",
    "parse_range",
    "resolve_range",
    "resolve_relative",
]
