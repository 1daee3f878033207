"""Content-addressed cache: the cleaned text of a file, and the rows the rules made from it.

Two kinds of entry, both JSON, under ``<cache_dir>/v<FORMAT>/``:

* ``text/<key>.json``: the CleanText of a file plus the RawDocument fields the
  documents row needs (format, extractor, n_pages, meta). The key hashes the
  file's sha256, the extractor and its version, ``LAYOUT_VERSION``, a
  fingerprint of the ingest and layout code, and the settings that change
  the text (x_tolerance, margins).
* ``rows/<key>.json``: the masthead fields and table rows of ``analyse`` for
  one text entry, keyed by that entry's key + ``rules.hash`` + a fingerprint of
  the analysis code + the tokens flag. A rule edit misses here and hits the
  text entry: only the rules run again, no PDF work.

Writes are atomic (temp file + ``os.replace``), so parallel workers may share a
cache; an entry that cannot be read or decoded is ignored (and rewritten).
The cache never changes results: a hit returns what a miss would compute.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model import CleanText, Paragraph

#: Bump when ingest or layout change what text a file gives (the code fingerprint also does).
LAYOUT_VERSION = 1
#: Bump when the entry format changes.
FORMAT = 1
ENV_VAR = "REPORTPARSE_CACHE_DIR"
_PKG = Path(__file__).resolve().parent
_TEXT_CODE = ("model.py", "layout.py", "chunks.py", "ingest", "notices.py")
_ROWS_CODE = ("model.py", "pipeline.py", "sections.py", "chunks.py", "segment.py", "match.py", "rulebook.py", "patterns.py",
              "prefilter.py", "coverage.py",
              "places.py", "entities", "normalize", "quantities")


def default_cache_dir() -> Path:
    """``$REPORTPARSE_CACHE_DIR``, else the user cache folder (platformdirs)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("reportparse", appauthor=False))


@lru_cache(maxsize=8)
def _code_fingerprint(parts: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for part in parts:
        p = _PKG / part
        for f in sorted(p.rglob("*.py")) if p.is_dir() else [p]:
            h.update(f.relative_to(_PKG).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=8)
@lru_cache(maxsize=8)
def engine_version(engine: str) -> str:
    """Version string of a text extractor ("text" for plain text input); the pdfplumber engine
    includes pypdfium2, whose page text replaces pdfplumber's where pdfminer lost characters."""
    from importlib.metadata import PackageNotFoundError, version

    names = {"pdfplumber": ("pdfplumber", "pdfminer.six", "pypdfium2"), "pypdfium2": ("pypdfium2",),
             "ocr": ("rapidocr-onnxruntime", "onnxruntime")}.get(engine, ())
    out = []
    for name in names:
        try:
            out.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}=?")
    return ",".join(out) or engine


def _digest(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()


def text_key(sha256: str, is_pdf: bool, settings: Any) -> str:
    """Key of a file's cleaned text under ``settings``."""
    engine = settings.pdf_engine if is_pdf else "text"
    return _digest({
        "sha256": sha256, "engine": engine, "engine_version": engine_version(engine),
        "layout": LAYOUT_VERSION, "code": _code_fingerprint(_TEXT_CODE),
        "settings": [settings.x_tolerance, settings.margin_top, settings.margin_bottom], "ocr": _ocr_key(settings),
    })


def _ocr_key(settings: Any) -> list[Any]:
    """The OCR settings in force (mode, dpi, engine version): installing the extra or changing
    ``--ocr`` changes the text of scanned pages and image files. Imports no reader."""
    from .settings import ocr_installed

    if settings.ocr == "never" or not ocr_installed():
        return ["off"]
    return [settings.ocr, settings.ocr_dpi, engine_version("ocr")]


def rows_key(text_key_: str, rules_hash: str | None, tokens: bool, terms: int = 0) -> str:
    """Key of the analysis of one cached text with one rule set (``terms``: top-K keywords, 0 none)."""
    return _digest({"text": text_key_, "rules": rules_hash, "tokens": tokens, "terms": terms,
                    "code": _code_fingerprint(_ROWS_CODE)})


class Cache:
    """A cache folder; every method is safe to call from many processes at once."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.base = self.root / f"v{FORMAT}"

    def _path(self, kind: str, key: str) -> Path:
        return self.base / kind / key[:2] / f"{key}.json"

    def _load(self, kind: str, key: str) -> dict[str, Any] | None:
        try:
            obj = json.loads(self._path(kind, key).read_bytes(), object_hook=_decode)
        except (OSError, ValueError):
            return None
        return obj if isinstance(obj, dict) and obj.get("key") == key else None

    def _store(self, kind: str, key: str, obj: dict[str, Any]) -> None:
        path = self._path(kind, key)
        data = json.dumps({**obj, "key": key}, ensure_ascii=False, default=_encode).encode("utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only or full cache only costs speed

    # -- cleaned text ---------------------------------------------------------------------------

    def get_text(self, key: str) -> tuple[dict[str, Any], CleanText] | None:
        """(raw fields: format, extractor, n_pages, meta; CleanText), or None on a miss."""
        obj = self._load("text", key)
        try:
            c = obj["clean"]  # type: ignore[index]
            clean = CleanText(
                text=c["text"],
                paragraphs=tuple(Paragraph(*p) for p in c["paragraphs"]),
                page_starts=tuple((int(o), int(n)) for o, n in c["page_starts"]),
                emphasis=tuple((int(s), int(e)) for s, e in c["emphasis"]),
                furniture=tuple(str(t) for t in c.get("furniture", ())),
                tables=tuple(c.get("tables") or ()),
            )
            raw = {k: obj[k] for k in ("format", "extractor", "n_pages", "meta")}  # type: ignore[index]
        except (TypeError, KeyError, ValueError):
            return None
        return raw, clean

    def put_text(self, key: str, raw: Any, clean: CleanText) -> None:
        """Store the cleaned text of a RawDocument."""
        self._store("text", key, {
            "format": raw.format, "extractor": raw.extractor, "n_pages": raw.n_pages, "meta": raw.meta,
            "clean": {
                "text": clean.text,
                "paragraphs": [[p.start, p.end, p.page, p.heading_cue, p.size, p.table] for p in clean.paragraphs],
                "page_starts": [list(x) for x in clean.page_starts],
                "emphasis": [list(x) for x in clean.emphasis],
                "furniture": list(clean.furniture),
                "tables": list(clean.tables),
            },
        })

    # -- analysis rows --------------------------------------------------------------------------

    def get_rows(self, key: str) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]] | None:
        """(documents-row fields, table rows), or None on a miss."""
        obj = self._load("rows", key)
        if obj is None or not isinstance(obj.get("fields"), dict) or not isinstance(obj.get("tables"), dict):
            return None
        return obj["fields"], obj["tables"]

    def put_rows(self, key: str, fields: dict[str, Any], tables: dict[str, list[dict[str, Any]]]) -> None:
        self._store("rows", key, {"fields": fields, "tables": tables})

    # -- housekeeping ---------------------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        """Folder, number of entries of each kind and total bytes."""
        out: dict[str, Any] = {"path": str(self.root), "text": 0, "rows": 0, "bytes": 0}
        for kind in ("text", "rows"):
            for f in (self.base / kind).rglob("*.json"):
                out[kind] += 1
                try:
                    out["bytes"] += f.stat().st_size
                except OSError:
                    pass
        return out

    def clear(self) -> int:
        """Delete every entry (all format versions); returns the number of files removed."""
        n = 0
        for sub in self.root.glob("v*"):
            if sub.is_dir():
                n += sum(1 for f in sub.rglob("*") if f.is_file())
                shutil.rmtree(sub, ignore_errors=True)
        return n


def _encode(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return {"$dt": v.isoformat()}
    if isinstance(v, dt.date):
        return {"$date": v.isoformat()}
    raise TypeError(f"cannot cache a {type(v).__name__}")


def _decode(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if "$date" in obj:
            return dt.date.fromisoformat(obj["$date"])
        if "$dt" in obj:
            return dt.datetime.fromisoformat(obj["$dt"])
    return obj
