"""The compiled rulebook, kept on disk between processes (like Python's ``__pycache__``).

Compiling ~120 patterns with their named lists and parsing the YAML takes ~0.5 s, every
process, every worker. A ``regex`` pattern pickles as its compiled code (not its source),
so a pickled :class:`~reportparse.rulebook.RuleSet` loads in ~15 ms. The key hashes every
file the loader reads (names and bytes), the loader's code and the versions of Python and
``regex``: an edited rule, list or loader misses and is compiled afresh. Entries live in
``<cache dir>/rulebooks/`` (``$REPORTPARSE_CACHE_DIR`` or the user cache folder), or in the
folder ``$REPORTPARSE_RULE_CACHE`` names; set ``REPORTPARSE_RULE_CACHE=0`` to never read or
write them. An entry that cannot be read is
ignored and rewritten; a folder that cannot be written is not an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import regex

ENV_OFF = "REPORTPARSE_RULE_CACHE"
_LOADER_CODE = ("rulebook.py", "prefilter.py", "patterns.py", "rulecache.py", "errors.py", "normalize")


def rule_files(folders: Iterable[Path]) -> list[Path]:
    """Every file a rules folder may contribute (rule files, lists, gazetteers), sorted."""
    out: list[Path] = []
    for d in folders:
        out += sorted(p for p in d.glob("*.yaml") if p.is_file())
        g = d / "gazetteers"
        if g.is_dir():
            out += sorted(p for p in g.iterdir() if p.is_file())
    return out


def key_of(folders: Iterable[Path], shipped: bool) -> str:
    """Hash of the rule files' names and bytes, the loader's code and the library versions."""
    from .cache import _code_fingerprint

    h = hashlib.sha256()
    h.update(f"{sys.version}|regex={regex.__version__}|shipped={shipped}|".encode())
    h.update(_code_fingerprint(_LOADER_CODE).encode())
    for p in rule_files(folders):
        h.update(str(p.resolve()).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:24]


def _folder() -> Path | None:
    setting = os.environ.get(ENV_OFF, "").strip()
    if setting.lower() in ("0", "no", "false", "off"):
        return None
    if setting and setting.lower() not in ("1", "yes", "true", "on"):
        return Path(setting).expanduser()  # a folder of its own
    from .cache import default_cache_dir

    return default_cache_dir() / "rulebooks"


def load(key: str) -> Any | None:
    """The rulebook cached under ``key``, or None (no entry, unreadable, or caching off)."""
    folder = _folder()
    if folder is None:
        return None
    try:
        return pickle.loads((folder / f"{key}.pickle").read_bytes())
    except Exception:  # a missing, partial or stale entry is a miss, whatever it raises
        return None


def store(key: str, rulebook: Any) -> None:
    """Write ``rulebook`` under ``key`` atomically; any failure is ignored (the cache is optional)."""
    folder = _folder()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(rulebook, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{key}.pickle")
    except (OSError, pickle.PicklingError):
        return
