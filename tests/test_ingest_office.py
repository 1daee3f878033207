"""Word .docx and HTML input, and images refused with an OCR message.

The seed issue is rebuilt as a .docx (python-docx) and as a GB2312 web page and must
score 1.00 on every table, like its .txt and .pdf forms; bad files give one error row each.
"""

from __future__ import annotations

import html
import json
import zlib
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner
from score_helpers import load_scorer, read_rows

from reportparse.batch import discover
from reportparse.cli import main as cli_main
from reportparse.errors import InputError
from reportparse.ingest import format_of, read_document
from reportparse.layout import raw_to_clean
from reportparse.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = ROOT / "corpora" / "weekly-2023-35.txt"
LEVEL1 = regex.compile(r"^[一二三四五六七八九十]+、")
LEVEL2 = regex.compile(r"^（[一二三四五六七八九十]+）")
BOLD = regex.compile(r"\*\*(.+?)\*\*")


def _seed_lines() -> list[str]:
    return [ln.strip() for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _pieces(line: str) -> list[tuple[str, bool]]:
    """A seed line as (text, bold) pieces: ``**…**`` is bold."""
    out, pos = [], 0
    for m in BOLD.finditer(line):
        out += [(line[pos : m.start()], False), (m.group(1), True)]
        pos = m.end()
    return [p for p in out + [(line[pos:], False)] if p[0]]


def make_docx(path: Path, lines: list[str]) -> Path:
    """One paragraph per line; level-1 headings in a Heading style, level-2 headings in bold
    runs; a header and footer that must not be read."""
    import docx

    doc = docx.Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "内部资料 注意保存 2023年第99期 共印500份"
    section.footer.paragraphs[0].text = "— 1 —"
    for line in lines:
        if LEVEL1.match(line):
            doc.add_heading(line, level=2)
            continue
        par = doc.add_paragraph()
        for text, bold in _pieces(line):
            par.add_run(text).bold = bold or bool(LEVEL2.match(line))
    doc.add_paragraph("")  # empty paragraphs are skipped
    doc.save(str(path))
    return path


def make_html(path: Path, lines: list[str], charset: str = "gb2312", codec: str = "gbk") -> Path:
    """A saved page: meta charset, navigation/script/footer noise, ``<p>`` per line,
    level-1 headings in ``<h2>``, level-2 in ``<strong>``. Like real servers, the bytes are
    GBK (CP936) while the page says gb2312: strict GB2312 has no U+2014 dash."""
    body = []
    for line in lines:
        inner = "".join(f"<strong>{html.escape(t)}</strong>" if b else html.escape(t) for t, b in _pieces(line))
        if LEVEL1.match(line):
            body.append(f"<h2>{inner}</h2>")
        elif LEVEL2.match(line):
            body.append(f"<p><strong>{inner}</strong></p>")
        else:
            body.append(f"<p>&nbsp;&nbsp;{inner}</p>")
    page = (
        f'<!DOCTYPE html>\n<html><head><meta charset="{charset}"><title>第35期 窗口工作周报</title>'
        "<style>p { margin: 0 }</style><script>var visits = 12345; // 访问量 12345 次</script></head>\n"
        '<body><nav><a href="/">首页</a> | <a href="/gk">政务公开 2024</a></nav>\n'
        '<div class="content">\n' + "\n".join(body) + "\n</div>\n"
        "<footer>版权所有 四川省政府政务服务和公共资源交易服务中心 蜀ICP备12345678号</footer>\n"
        "</body></html>\n"
    )
    path.write_bytes(page.encode(codec))
    return path


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    ihdr = (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


def _scorer():
    return load_scorer(GOLDEN / "score.py")


_rows = read_rows


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One batch: the seed as .docx and .html, a corrupt .docx, a truncated page, a scan."""
    d = tmp_path_factory.mktemp("office")
    inputs = d / "in"
    inputs.mkdir()
    lines = _seed_lines()
    make_docx(inputs / "weekly-2023-35.docx", lines)
    page = make_html(inputs / "weekly-2023-35.html", lines).read_bytes()
    good = (inputs / "weekly-2023-35.docx").read_bytes()
    (inputs / "corrupt.docx").write_bytes(good[: len(good) // 2])
    (inputs / "truncated.htm").write_bytes(page[: len(page) // 2])
    (inputs / "scan-p1.png").write_bytes(_png())
    out = d / "out"
    res = CliRunner().invoke(cli_main, ["extract", str(inputs), "--out", str(out), "--format", "csv", "--quiet"])
    assert res.exit_code == 1, res.output  # the bad files fail; the good ones still give rows
    return out


@pytest.mark.parametrize("form", [".docx", ".html"])
def test_seed_as_docx_and_html_scores_perfectly(batch_out: Path, form: str) -> None:
    gold = json.loads((GOLDEN / "weekly-2023-35.gold.json").read_text(encoding="utf-8"))
    res = _scorer().score(gold, str(batch_out), f"weekly-2023-35{form}")
    keys = ["fig_r", "fig_p", "date_r", "date_p", "dept_r", "dept_p", "off_r", "off_p", "ref_r", "doc"]
    assert {k: round(res[k], 2) for k in keys} == {k: 1.0 for k in keys}, {
        k: res.get(k) for k in res if k.endswith(("missed", "fp", "detail"))
    }


def test_documents_name_format_and_extractor(batch_out: Path) -> None:
    docs = {Path(d["source"]).name: d for d in _rows(batch_out, "documents")}
    assert (docs["weekly-2023-35.docx"]["format"], docs["weekly-2023-35.docx"]["extractor"]) == ("docx", "python-docx")
    assert (docs["weekly-2023-35.html"]["format"], docs["weekly-2023-35.html"]["extractor"]) == ("html", "beautifulsoup4")
    for name in ("weekly-2023-35.docx", "weekly-2023-35.html"):
        assert docs[name]["status"] == "ok" and docs[name]["pages"] == ""
    for name, fmt in (("corrupt.docx", "docx"), ("truncated.htm", "html"), ("scan-p1.png", "image")):
        assert docs[name]["status"] == "error" and "\n" not in docs[name]["error"], docs[name]
        assert docs[name]["format"] == fmt  # the contract's format, not the suffix


def test_bad_files_give_one_error_row_each(batch_out: Path) -> None:
    errors = {Path(e["source"]).name: e for e in _rows(batch_out, "errors")}
    assert sorted(errors) == ["corrupt.docx", "scan-p1.png", "truncated.htm"]
    assert all(e["stage"] == "ingest" for e in errors.values())
    assert errors["corrupt.docx"]["error"].startswith("cannot read DOCX:")
    assert errors["truncated.htm"]["error"].startswith("cannot read HTML: truncated")
    assert errors["scan-p1.png"]["error"].startswith("image file")  # blank: OCR found no text (or not installed)


def test_headers_footers_scripts_and_navigation_are_not_read(batch_out: Path) -> None:
    texts = " ".join(p.read_text(encoding="utf-8") for p in (batch_out / "texts").glob("*.txt"))
    for noise in ("内部资料", "共印500份", "访问量", "首页", "ICP"):
        assert noise not in texts
    assert texts.count("《关于补充完善<省级政务服务大厅") == 2  # escaped markup in the page stays text
    assert texts.count("窗口工作周报") == 2  # the masthead line, not the <title>


# --- DOCX reader --------------------------------------------------------------------------------

def test_docx_tables_rows_headings_and_bold(tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.add_heading("一、办件情况", level=1)
    doc.add_paragraph("本周各窗口办件情况见下表。")
    table = doc.add_table(rows=3, cols=3)
    for r, cells in enumerate([("部门", "受理", "办结"), ("省卫生健康委", "12件", "10件"), ("水利厅", "", "7件")]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True
    par = doc.add_paragraph("其中")
    par.add_run("省中医药局").bold = True
    par.add_run("办结 3 件。")
    p = doc.save(str(tmp_path / "t.docx")) or tmp_path / "t.docx"
    raw = read_document(p)
    assert (raw.format, raw.extractor, raw.flow, raw.n_pages) == ("docx", "python-docx", True, None)
    lines = [ln.text for ln in raw.pages[0].lines]
    assert lines == ["一、办件情况", "本周各窗口办件情况见下表。", "部门\t受理\t办结", "省卫生健康委\t12件\t10件",
                     "水利厅\t7件", "其中省中医药局办结 3 件。"]
    clean = raw_to_clean(raw)
    heads = [clean.text[p.start : p.end] for p in clean.paragraphs if p.heading_cue]
    assert heads == ["一、办件情况", "部门受理办结"]
    assert "省卫生健康委12件10件" in clean.text
    assert any(clean.text[a:b] == "省中医药局" for a, b in clean.emphasis)


@pytest.mark.parametrize("body, words", [
    (b"plain words, not a package", ("cannot read DOCX", "unsupported", "ZIP")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ("cannot read DOCX", "OLE", "password-protected")),
    (b"PK\x03\x04" + b"\x00" * 200, ("cannot read DOCX", "corrupt")),
])
def test_bad_docx_is_one_line_error(tmp_path: Path, body: bytes, words: tuple[str, ...]) -> None:
    p = tmp_path / "bad.docx"
    p.write_bytes(body)
    with pytest.raises(InputError) as e:
        read_document(p)
    msg = str(e.value)
    assert "\n" not in msg and str(p) in msg and all(w in msg for w in words), msg


def test_docx_with_no_body_text(tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "只有页眉"
    doc.save(str(tmp_path / "e.docx"))
    with pytest.raises(InputError, match="no text"):
        read_document(tmp_path / "e.docx")


# --- HTML reader --------------------------------------------------------------------------------

def _html_lines(tmp_path: Path, data: bytes, name: str = "p.html") -> list[tuple[str, bool]]:
    p = tmp_path / name
    p.write_bytes(data)
    raw = read_document(p)
    assert (raw.format, raw.extractor, raw.flow) == ("html", "beautifulsoup4", True)
    clean = raw_to_clean(raw)
    return [(clean.text[q.start : q.end], q.heading_cue) for q in clean.paragraphs]


def test_html_http_equiv_gbk_table_rows_and_breaks(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK"></head><body>'
        "<h3>二、审批服务</h3><div>本周受理<b>1,203</b>件<br>办结 998 件</div>"
        "<table><tr><th>单位</th><th>件数</th></tr>"
        "<tr><td><p>省市场监管局</p></td><td><p>45</p><p>件</p></td></tr></table>"
        "<ul><li>第一项</li><li>第二项</li></ul><!-- 注释 100 --></body></html>"
    ).encode("gbk")
    assert _html_lines(tmp_path, page) == [
        ("二、审批服务", True), ("本周受理1,203件", False), ("办结998件", False),
        ("单位件数", True), ("省市场监管局45件", False), ("第一项", False), ("第二项", False),
    ]


def test_html_without_charset_is_detected_and_wrong_charset_is_overridden(tmp_path: Path) -> None:
    body = "<html><body><p>本周，共计咨询 3101 人次。</p></body></html>"
    assert _html_lines(tmp_path, body.encode("gb18030"), "a.htm") == [("本周，共计咨询3101人次。", False)]
    lying = body.replace("<html>", '<html><meta charset="gb2312">').encode("utf-8")
    assert _html_lines(tmp_path, lying, "b.html") == [("本周，共计咨询3101人次。", False)]
    bom = b"\xef\xbb\xbf" + body.replace("<html>", '<html><meta charset="gbk">').encode("utf-8")
    assert _html_lines(tmp_path, bom, "c.html") == [("本周，共计咨询3101人次。", False)]


def test_html_fragment_without_html_tag_is_not_truncated(tmp_path: Path) -> None:
    assert _html_lines(tmp_path, "<p>今年以来受理 13110 件".encode()) == [("今年以来受理13110件", False)]


def test_html_with_only_scripts_is_an_error(tmp_path: Path) -> None:
    p = tmp_path / "app.html"
    p.write_bytes(b"<html><body><script>render()</script><noscript>x</noscript></body></html>")
    with pytest.raises(InputError, match="cannot read HTML: no text"):
        read_document(p)


# --- images and discovery -----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["scan.jpg", "scan.TIFF", "page.bmp", "photo.txt"])
def test_images_need_ocr(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_bytes(_png() if name.endswith(".txt") else b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    with pytest.raises(InputError) as e:
        read_document(p, Settings(ocr="never"))
    assert str(e.value) == f"{p}: image file (scanned? needs OCR, off by --ocr never)"
    with pytest.raises(InputError, match="image file|cannot decode image"):  # OCR on: blank or broken
        read_document(p)


def test_format_of_suffix() -> None:
    assert [format_of(f"a{s}") for s in (".PDF", ".htm", ".html", ".docx", ".jpeg", ".tif", "")] == [
        "pdf", "html", "html", "docx", "image", "image", None]


def test_discovery_finds_office_files_and_images_not_saved_page_parts(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    for rel in ("2023/a.docx", "2023/b.htm", "2023/b_files/logo.png", "2023/b_files/header.htm",
                "2023/c.html", "2023/c.files/image001.jpg", "2023/~$a.docx", "scans/p1.tif",
                "orphan_files/page.jpg", "notes.csv"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"x")
    sources, errors = discover([root])
    assert [Path(s).relative_to(root).as_posix() for s in sources] == [
        "2023/a.docx", "2023/b.htm", "2023/c.html", "orphan_files/page.jpg", "scans/p1.tif"]
    assert errors == []


@pytest.mark.parametrize("form", ["docx", "html"])
def test_office_paragraph_ends_are_real(tmp_path: Path, form: str) -> None:
    """A Word or HTML paragraph ending in ：or 、 is not joined to the next, as a hard-wrapped
    .txt line would be: the rows of a list stay paragraphs of their own."""
    lines = ["2.本周受理量居前的部门窗口如下：", "省公安厅 86件", "省民政厅、", "省财政厅 12件"]
    path = (make_docx if form == "docx" else make_html)(tmp_path / f"t.{form}", lines)
    clean = raw_to_clean(read_document(path))
    assert [clean.text[p.start:p.end] for p in clean.paragraphs] == [
        "2.本周受理量居前的部门窗口如下：", "省公安厅86件", "省民政厅、", "省财政厅12件"]
