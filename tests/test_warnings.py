"""Damage is reported, not hidden: the warnings table, cut texts, bytes that are not text."""

from __future__ import annotations

import codecs
import random
import re
from pathlib import Path

import pytest

from reportparse.api import extract
from reportparse.errors import InputError
from reportparse.ingest.text import decode_text, read_text

SEED = Path(__file__).resolve().parents[1] / "corpora" / "weekly-2023-35.txt"


def _two_page_pdf(path: Path) -> tuple[bytes, tuple[int, int]]:
    """A 2-page PDF (reportlab, plain Flate streams) and the span of page 2's content stream."""
    pytest.importorskip("reportlab")
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        c = canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
        for line in ("本周受理行政许可事项425件。", "本周办结行政许可事项398件。"):
            c.setFont("STSong-Light", 14)
            c.drawString(60, 800, line)
            c.showPage()
        c.save()
    finally:
        rl_config.useA85 = saved
    data = path.read_bytes()
    spans = [(m.start(1), m.start(1) + len(m.group(1).rstrip(b"\r\n")))
             for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S)]
    assert len(spans) == 2
    return data, spans[1]


def _warnings(ex) -> list[tuple[int, str]]:
    return [(int(w["page"]), w["message"]) for w in ex.warnings.to_dict("records")]


def test_a_damaged_checksum_is_a_warning_and_the_text_is_kept(tmp_path, capfd):
    data, (s, e) = _two_page_pdf(tmp_path / "two.pdf")
    bad = bytearray(data)
    bad[e - 1] ^= 0xFF  # the stream's adler32: pdfminer inflates it, and logs the data loss
    (tmp_path / "crc.pdf").write_bytes(bytes(bad))
    ex = extract([tmp_path / "crc.pdf"], cache=False, timeout=0)
    doc = ex.documents.iloc[0]
    assert doc["status"] == "ok" and doc["warnings"] == 1
    assert _warnings(ex) == [(2, "pdfminer.pdftypes: Data-loss while decompressing corrupted data")]
    assert "398" in ex.texts[doc["doc_id"]]
    assert "Data-loss" not in capfd.readouterr().err  # captured, not printed


def test_a_lost_stream_reports_its_page(tmp_path):
    data, (s, e) = _two_page_pdf(tmp_path / "two.pdf")
    bad = bytearray(data)
    for k in range(s + 10, s + 20):
        bad[k] ^= 0x55
    (tmp_path / "lost.pdf").write_bytes(bytes(bad))
    # without OCR (which would read the emptied page and find it blank) the page is also one with no text
    ex = extract([tmp_path / "lost.pdf"], cache=False, timeout=0, ocr="never")
    doc = ex.documents.iloc[0]
    assert doc["status"] == "ok" and doc["warnings"] == 2
    pages, messages = zip(*_warnings(ex), strict=True)
    assert pages == (2, 2)
    assert messages[0].startswith("pdfminer.pdftypes: compressed stream lost (")
    assert "content was lost" in messages[1]
    assert "425" in ex.texts[doc["doc_id"]]


def test_a_clean_pdf_has_no_warnings(tmp_path):
    _two_page_pdf(tmp_path / "two.pdf")
    ex = extract([tmp_path / "two.pdf"], cache=False, timeout=0)
    assert ex.documents.iloc[0]["warnings"] == 0 and ex.warnings.empty


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_a_text_cut_mid_character_keeps_its_text_with_a_warning(tmp_path, codec):
    body = SEED.read_text(encoding="utf-8").rstrip() + "共印91份"
    raw = body.encode(codec)[:-1]  # the last character is cut
    (tmp_path / "cut.txt").write_bytes(raw)
    text, encoding, notes = decode_text(raw, "cut.txt")
    assert encoding == codec and text.endswith("共印91\ufffd") and len(notes) == 1
    ex = extract([tmp_path / "cut.txt"], cache=False, timeout=0)
    doc = ex.documents.iloc[0]
    assert doc["status"] == "ok" and doc["warnings"] == 1
    assert ex.warnings.iloc[0]["message"].startswith("text ends in the middle of a character")
    assert len(ex.figures) > 20


def _random(n: int, seed: int = 7) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.getrandbits(8) for _ in range(n))


def _no_surrogates(data: bytes) -> bytes:
    """Random UTF-16LE code units with no surrogate, so that they decode."""
    out = bytearray(data)
    for i in range(1, len(out), 2):
        if 0xD8 <= out[i] <= 0xDF:
            out[i] = 0x4E
    return bytes(out)


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF16_LE + _no_surrogates(_random(4000)),
    codecs.BOM_UTF16_BE + _random(4000)[::2] * 2,
    codecs.BOM_UTF8 + bytes(b % 32 for b in _random(4000) if b % 32 not in (9, 10, 13)),
    bytes(0x80 + b % 0x7F for b in _random(4000)),
], ids=["utf16le-random", "utf16be-random", "utf8-bom-control", "high-bytes"])
def test_bytes_that_are_not_text_are_refused_whatever_their_bom(tmp_path, data):
    (tmp_path / "garbage.txt").write_bytes(data)
    with pytest.raises(InputError, match="not text|does not decode|not recognised"):
        read_text(tmp_path / "garbage.txt")
    ex = extract([tmp_path / "garbage.txt"], cache=False, timeout=0)
    assert ex.documents.iloc[0]["status"] == "error" and ex.exit_code == 1


def test_real_reports_are_still_text(tmp_path):
    body = SEED.read_text(encoding="utf-8")
    for codec in ("utf-16", "utf-8-sig", "gb18030"):
        (tmp_path / f"{codec}.txt").write_bytes(body.encode(codec))
        assert read_text(tmp_path / f"{codec}.txt").pages[0].lines


def test_replacement_characters_already_in_a_text_are_reported(tmp_path):
    body = SEED.read_text(encoding="utf-8").replace("窗口工作周报", "窗口工作\ufffd\ufffd", 1)
    _, _, notes = decode_text(body.encode("utf-8"), "x.txt")
    assert notes == ["2 replacement character(s) (U+FFFD) in the text: characters lost before it was saved"]
