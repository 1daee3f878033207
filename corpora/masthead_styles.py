"""Other ways a bulletin prints its masthead: the same fields, laid out differently.

``restyle_masthead(text, style)`` rewrites the masthead lines of a report's text form (the lines
before the first ``一、`` heading: issue line, title, period, publisher, date, as the seed and
``synth.py`` write them) and leaves the rest as it is; ``make_pdf.render_report`` then draws each
line centred, as printed. ``synth.py --masthead STYLE`` writes whole series this way. Styles:

* ``lines`` (the seed's): one field a line;
* ``one-line``: title; issue line and period on one line (``2023 年第 35 期（总第 455 期）（9 月 4 日—
  9 月 8 日）``); publisher and date on one line;
* ``split``: every field that can be cut, cut over two lines: ``2023 年第 35 期`` / ``（总第 455 期）``,
  ``（9 月 4 日—`` / ``9 月 8 日）``, the publisher's name wrapped onto the date's line;
* ``no-year``: title, ``第 35 期（总第 455 期）`` with no year (the year is the publication date's),
  the period on the next line, publisher, date;
* ``title-issue``: title and issue line on one line, the period, then date before publisher.
"""

from __future__ import annotations

import regex

H1 = regex.compile(r"^[一二三四五六七八九十]+、")
ISSUE = regex.compile(r"^(?P<year>\d{4}\s*年)\s*(?P<no>第\s*\d+\s*期)\s*(?P<total>（总第\s*\d+\s*期）)?$")
PERIOD = regex.compile(r"^（(?P<a>[^—]+—)\s*(?P<b>[^—]+)）$")
DATE = regex.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
STYLES = ("lines", "one-line", "split", "no-year", "title-issue")


def _fields(lines: list[str]) -> dict[str, str]:
    """The masthead's fields by what each line is; ValueError when a line is none of them."""
    out: dict[str, str] = {}
    for line in lines:
        if ISSUE.match(line):
            out["issue"] = line
        elif PERIOD.match(line):
            out["period"] = line
        elif DATE.match(line):
            out["date"] = line
        elif not regex.search(r"\d", line):
            out["publisher" if "title" in out else "title"] = line
        else:
            raise ValueError(f"masthead line of no known field: {line!r}")
    if len(out) != 5:
        raise ValueError(f"masthead lacks {sorted({'issue', 'title', 'period', 'publisher', 'date'} - set(out))}")
    return out


def restyle_masthead(text: str, style: str) -> str:
    """``text`` with its masthead laid out in ``style`` (see the module's docstring)."""
    if style not in STYLES:
        raise ValueError(f"unknown masthead style {style!r}; use one of {', '.join(STYLES)}")
    if style == "lines":
        return text
    lines = text.split("\n")
    cut = next(i for i, ln in enumerate(lines) if H1.match(ln.strip()))
    f = _fields([ln.strip() for ln in lines[:cut] if ln.strip()])
    issue = ISSUE.match(f["issue"])
    period = PERIOD.match(f["period"])
    assert issue is not None and period is not None
    pub = f["publisher"]
    head = {
        "one-line": [f["title"], f["issue"] + f["period"], f"{pub}　　{f['date']}"],
        "split": [issue["year"] + issue["no"], issue["total"] or "", f["title"], "（" + period["a"],
                  period["b"] + "）", pub[: len(pub) - 5], f"{pub[len(pub) - 5 :]}　{f['date']}"],
        "no-year": [f["title"], issue["no"] + (issue["total"] or ""), f["period"], pub, f["date"]],
        "title-issue": [f"{f['title']}　{f['issue']}", f["period"], f"{f['date']}　{pub}"],
    }[style]
    return "\n\n".join(h for h in head if h) + "\n\n" + "\n".join(lines[cut:])
