"""``reportparse inspect FILE``: the cleaned text with every extracted span highlighted.

One colour per table, in the terminal (rich) or as one standalone HTML page (inline CSS
and JS, no network resource) with tooltips giving rule id and normalized value, the
section tree, and the rows, each linked to its span (``#span-N``). Spans nest (a
department inside an official): the text is split at every span boundary and each
piece is wrapped in the marks of every span covering it, outermost first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import CleanText, Section

#: Highlighted tables in drawing order (outer first on equal spans), with terminal styles.
STYLES: dict[str, str] = {
    "masthead": "black on grey70",
    "references": "black on plum2",
    "officials": "black on light_pink1",
    "figures": "black on khaki1",
    "dates": "black on light_sky_blue1",
    "departments": "black on pale_green1",
    "coverage": "bold red underline",
}
#: The same in the HTML page (background, border).
CSS_COLOURS: dict[str, tuple[str, str]] = {
    "masthead": ("#e4e4e4", "#888"), "references": ("#f1d4f7", "#a24bb5"),
    "officials": ("#ffd6dd", "#d0485f"), "figures": ("#fff0a0", "#b59500"),
    "dates": ("#cfe8ff", "#3a7bc8"), "departments": ("#c9f2c9", "#2f8f2f"),
    "coverage": ("#ffe0e0", "#d00000"),
}
_LABEL = {"coverage": "unclaimed number"}
#: Columns shown in the terminal (the HTML page shows every non-empty column).
TERMINAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "figures": ("subject", "metric", "value", "value_from", "unit", "scope", "department", "rule"),
    "dates": ("text", "start", "end", "kind", "rule"),
    "departments": ("mention", "canonical", "kind", "rule"),
    "officials": ("name", "title", "organization", "date", "rule"),
    "references": ("kind", "text", "issuer", "year", "number", "rule"),
    "coverage": ("text", "kind", "section"),
}


@dataclass
class Span:
    """A highlighted stretch of text: one or more rows of one table with the same offsets."""

    id: int
    start: int
    end: int
    table: str
    tips: list[str] = field(default_factory=list)


@dataclass
class Inspection:
    """What ``inspect`` shows about one file."""

    source: str
    clean: CleanText
    fields: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    sections: list[Section]
    spans: list[Span]
    row_spans: dict[tuple[str, int], int]  # (table, row index) -> span id


def _value(table: str, r: dict[str, Any]) -> str:
    def j(*keys: str, sep: str = " ") -> str:
        return sep.join(str(r[k]) for k in keys if r.get(k) not in (None, ""))

    if table == "figures":
        frm = f"{r['value_from']} → " if r.get("value_from") is not None else ""
        return (f"{j('subject', 'metric')} = {frm}{j('value', 'unit')} [{r.get('scope')}]"
                + (f" · {r['department']}" if r.get("department") else ""))
    if table == "dates":
        return f"{r.get('start')} – {r.get('end')} [{r.get('kind')}]"
    if table == "departments":
        return j("canonical") + ("" if r.get("known") else " (not in gazetteer)")
    if table == "officials":
        return j("name", "title", "organization", "date", sep=" · ")
    if table == "references":
        return j("issuer", "year", "number", sep=" / ") if r.get("kind") == "doc_number" else f"《{r.get('text')}》"
    if table == "coverage":
        return f"{r.get('kind')} no rule claimed"
    return ""


def build_inspection(source: str, clean: CleanText, rules: Any, doc_id: str = "inspect") -> Inspection:
    """Run the rules over ``clean`` and collect the spans to highlight."""
    from .pipeline import analyse
    from .sections import clean_to_sections

    fields, tables, trace = analyse(clean, rules, doc_id)
    sections, _ = clean_to_sections(clean)
    found: dict[tuple[int, int, str], list[str]] = {}
    rows_at: dict[tuple[str, int], tuple[int, int, str]] = {}
    for cand, won, _ in trace.decisions:
        if won and cand.kind == "masthead":
            got = [f"{k}={fields[k]}" for k in cand.groups if k in fields]
            found.setdefault((cand.start, cand.end, "masthead"), []).append(
                f"{cand.rule}: {', '.join(got) or cand.text}")
    for name in STYLES:
        for i, r in enumerate(tables.get(name, [])):
            s, e = r.get("char_start"), r.get("char_end")
            if not isinstance(s, int) or not isinstance(e, int) or e <= s:
                continue
            key = (s, e, name)
            found.setdefault(key, []).append(f"{r.get('rule') or _LABEL.get(name, name)}: {_value(name, r)}")
            rows_at[(name, i)] = key
    order = list(STYLES)
    keys = sorted(found, key=lambda k: (k[0], -k[1], order.index(k[2])))
    spans = [Span(i, s, e, t, found[(s, e, t)]) for i, (s, e, t) in enumerate(keys)]
    ids = {(s.start, s.end, s.table): s.id for s in spans}
    return Inspection(source, clean, fields, tables, sections, spans,
                      {k: ids[v] for k, v in rows_at.items()})


def inspect_file(path: str | Path, rule_dirs: Sequence[str | Path] = (), settings: Any = None) -> Inspection:
    """Read, clean and analyse one file. Raises ReportParseError (InputError, RuleFileError)."""
    from .ingest import read_document
    from .layout import raw_to_clean
    from .rulebook import load_rules
    from .settings import Settings

    settings = Settings.resolve(settings)
    rules = load_rules([Path(d) for d in rule_dirs] or settings.rule_dirs)
    raw = read_document(Path(path), settings)
    return build_inspection(str(path), raw_to_clean(raw, settings), rules)


# -- terminal ---------------------------------------------------------------------------------

def _row_columns(rows: list[dict[str, Any]]) -> list[str]:
    cols: list[str] = []
    for row in rows:
        cols.extend(k for k, v in row.items()
                    if k not in cols and k not in ("doc_id", "sentence") and v not in (None, ""))
    return cols


def print_inspection(ins: Inspection, console: Any) -> None:
    """The highlighted text, the section tree and the rows, on a rich console."""
    from rich.table import Table
    from rich.text import Text
    from rich.tree import Tree

    legend = Text("tables: ")
    for name, style in STYLES.items():
        legend.append(f" {_LABEL.get(name, name)} ", style=style)
        legend.append(" ")
    console.print(legend)
    text = Text(ins.clean.text)
    for sp in ins.spans:
        text.stylize(STYLES[sp.table], sp.start, sp.end)
    console.print(text)
    tree = Tree(f"sections of {Path(ins.source).name}")
    stack: list[tuple[int, Any]] = [(0, tree)]
    for s in ins.sections:
        while stack[-1][0] >= s.level:
            stack.pop()
        stack.append((s.level, stack[-1][1].add(s.title)))
    console.print(tree)
    doc = Table(title="documents", show_header=False)
    for k, v in ins.fields.items():
        doc.add_row(k, "" if v is None else str(v))
    console.print(doc)
    for name in STYLES:
        rows = ins.tables.get(name) or []
        if not rows:
            continue
        cols = [c for c in _row_columns(rows) if c in TERMINAL_COLUMNS[name]]
        table = Table(title=f"{name} ({len(rows)})", title_style=STYLES[name])
        table.add_column("span")
        for c in cols:
            table.add_column(c, overflow="fold")
        for i, r in enumerate(rows):
            sid = ins.row_spans.get((name, i))
            table.add_row("" if sid is None else str(sid), *("" if r.get(c) is None else str(r[c]) for c in cols))
        console.print(table)


# -- HTML -------------------------------------------------------------------------------------

def _esc(s: Any) -> str:
    from html import escape

    return escape("" if s is None else str(s), quote=True)


def _marked_text(ins: Inspection) -> str:
    """The text split at every span boundary, each piece inside the marks of its covering spans
    (outermost first); an empty anchor ``sec-<offset>`` at each heading."""
    text = ins.clean.text
    heads = {s.start for s in ins.sections}
    cuts = sorted({0, len(text), *heads, *(s.start for s in ins.spans), *(s.end for s in ins.spans)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a in heads:
            out.append(f'<a class=anchor id="sec-{a}"></a>')
        opened = []
        for s in ins.spans:  # sorted by (start, -end, table order): outer first
            if s.start > a:
                break
            if b <= s.end:
                ident = f' id="span-{s.id}"' if s.start == a else ""
                tip = f"{_LABEL.get(s.table, s.table)} #{s.id}\n" + "\n".join(s.tips)
                opened.append(f'<mark class="t-{s.table}" data-span="{s.id}"{ident} title="{_esc(tip)}">')
        out.append("".join(opened) + _esc(text[a:b]) + "</mark>" * len(opened))
    return "".join(out)


_CSS = """
body{font-family:"WenQuanYi Zen Hei","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;
margin:1.5em auto;max-width:1100px;color:#222;line-height:1.9}
h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.6em}
.text{white-space:pre-wrap;border:1px solid #ccc;padding:1em;background:#fff}
mark{color:inherit;padding:1px 0;border-bottom:2px solid transparent;cursor:pointer;scroll-margin-top:40vh}
mark mark{padding:0}
mark:target{outline:3px solid #e00;outline-offset:1px}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}
.legend span{padding:2px 6px;margin-right:6px;border-bottom:2px solid}
#pop{position:fixed;display:none;max-width:480px;background:#333;color:#fff;padding:6px 10px;
border-radius:4px;font-size:.85em;white-space:pre-wrap;z-index:9;pointer-events:none}
ul.tree{line-height:1.5}
"""

_JS = """
(function(){
  var pop=document.getElementById('pop');
  document.addEventListener('mouseover',function(e){
    var m=e.target.closest?e.target.closest('mark'):null;
    if(!m){pop.style.display='none';return;}
    var parts=[];
    for(var n=m;n&&n.tagName==='MARK';n=n.parentElement.closest('mark')){parts.unshift(n.title);}
    pop.textContent=parts.join('\\n\\n');
    pop.style.display='block';
  });
  document.addEventListener('mousemove',function(e){
    pop.style.left=Math.min(e.clientX+14,window.innerWidth-500)+'px';pop.style.top=(e.clientY+14)+'px';
  });
  document.documentElement.setAttribute('data-ready','ok');
})();
"""


def _tree_html(sections: list[Section]) -> str:
    out: list[str] = []
    levels: list[int] = []
    for s in sections:
        while levels and levels[-1] > s.level:
            out.append("</li></ul>")
            levels.pop()
        if levels and levels[-1] == s.level:
            out.append("</li>")
        else:
            out.append("<ul>")
            levels.append(s.level)
        out.append(f'<li><a href="#sec-{s.start}">{_esc(s.title)}</a>')
    out.extend("</li></ul>" for _ in levels)
    return "".join(out)


def _rows_html(ins: Inspection) -> str:
    out = []
    for name in STYLES:
        rows = ins.tables.get(name) or []
        if not rows:
            continue
        bg, bd = CSS_COLOURS[name]
        cols = _row_columns(rows)
        out.append(f'<h2 id="table-{name}"><span style="background:{bg};border-bottom:2px solid {bd}">'
                   f"{_esc(name)}</span> ({len(rows)} rows)</h2><table><tr><th>span</th>"
                   + "".join(f"<th>{_esc(c)}</th>" for c in cols) + "</tr>")
        for i, r in enumerate(rows):
            sid = ins.row_spans.get((name, i))
            link = f'<a href="#span-{sid}">#{sid}</a>' if sid is not None else ""
            out.append(f"<tr><td>{link}</td>" + "".join(f"<td>{_esc(r.get(c))}</td>" for c in cols) + "</tr>")
        out.append("</table>")
    return "".join(out)


def to_html(ins: Inspection) -> str:
    """One standalone page (inline CSS and JS; nothing fetched)."""
    css = _CSS + "".join(f".t-{t}{{background:{bg};border-bottom-color:{bd}}}.legend .t-{t}{{border-color:{bd}}}"
                         for t, (bg, bd) in CSS_COLOURS.items())
    counts = {t: sum(s.table == t for s in ins.spans) for t in STYLES}
    legend = "".join(f'<span class="t-{t}">{_esc(_LABEL.get(t, t))} ({counts[t]})</span>' for t in STYLES)
    body = _marked_text(ins)
    doc = "".join(f"<tr><th>{_esc(k)}</th><td>{_esc(v)}</td></tr>" for k, v in ins.fields.items())
    title = _esc(f"reportparse inspect: {Path(ins.source).name}")
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{css}</style></head>'
            f"<body><h1>{title}</h1><p class=legend>{legend}</p><div class=text>{body}</div>"
            f"<h2>sections</h2>{_tree_html(ins.sections)}<h2>documents</h2><table>{doc}</table>"
            f"{_rows_html(ins)}<div id=pop></div><script>{_JS}</script></body></html>\n")


def write_html(ins: Inspection, out: str | Path) -> Path:
    """Write the page to ``out`` (UTF-8)."""
    path = Path(out)
    path.write_text(to_html(ins), encoding="utf-8")
    return path
