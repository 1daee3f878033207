"""Word segmentation: the only module that imports jieba.

It owns a ``jieba.Tokenizer`` instance (never jieba's global state) whose user
dictionary is built from the gazetteers at load time, so department names,
titles and metric words stay whole. One segmenter per process per rule set.
"""

from __future__ import annotations

import logging
import marshal
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

# Lists from rules/gazetteers whose entries become user-dictionary words.
USER_DICT_LISTS = ("departments", "titles", "metric_verbs", "count_nouns", "scope_words")


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the cleaned text: ``text[start:end]`` with its part of speech."""

    text: str
    start: int
    end: int
    pos: str = ""


_CACHE_LEN = 40  # strings longer than this are not cached
_CACHE_SIZE = 20000


class Segmenter:
    """A jieba tokenizer with the gazetteers as user dictionary."""

    def __init__(self, words: Iterable[tuple[str, str]]) -> None:
        try:
            import jieba
        except ImportError:  # pragma: no cover - jieba is a core dependency
            raise ImportError("reportparse needs jieba: pip install jieba") from None
        jieba.setLogLevel(logging.WARNING)
        posseg = _import_posseg(jieba)
        self._tok = jieba.Tokenizer()
        _initialize(self._tok, jieba.DEFAULT_DICT)
        for word, tag in words:
            if len(word) > 1:
                self._tok.add_word(word, freq=None, tag=tag)
        self._pos = _pos_tokenizer(posseg, self._tok)
        self._tfidf: Any = None
        self._tag_cache: dict[str, tuple[tuple[str, str], ...]] = {}

    def tokens(self, text: str, offset: int = 0) -> list[Token]:
        """Tokens of ``text`` with offsets shifted by ``offset`` (no POS: fast)."""
        out = []
        for word, start, end in self._tok.tokenize(text):
            out.append(Token(word, start + offset, end + offset))
        return out

    def tagged(self, text: str, offset: int = 0) -> list[Token]:
        """Tokens with jieba part-of-speech tags (slower; the cut of a short string is cached:
        the figure readers ask for the same words again and again)."""
        pairs = self._tag_cache.get(text) if len(text) <= _CACHE_LEN else None
        if pairs is None:
            pairs = tuple((p.word, p.flag) for p in self._pos.cut(text))
            if len(text) <= _CACHE_LEN:
                if len(self._tag_cache) >= _CACHE_SIZE:
                    self._tag_cache.clear()
                self._tag_cache[text] = pairs
        out, pos = [], offset
        for word, flag in pairs:
            out.append(Token(word, pos, pos + len(word), flag))
            pos += len(word)
        return out

    def tagged_keeping(self, text: str, offset: int, keep: list[tuple[int, int, str]]) -> list[Token]:
        """Tagged tokens, with each ``keep`` span (start, end, pos) in absolute offsets as one token.

        Extracted names and departments stay whole even where jieba would split them (吕/芙蓉).
        """
        out: list[Token] = []
        pos = offset
        end_all = offset + len(text)
        for s, e, tag in sorted(k for k in keep if offset <= k[0] and k[1] <= end_all):
            if s < pos:
                continue
            out += self.tagged(text[pos - offset : s - offset], pos)
            out.append(Token(text[s - offset : e - offset], s, e, tag))
            pos = e
        out += self.tagged(text[pos - offset :], pos)
        return out

    def keywords(self, text: str, top_k: int, stop_words: Iterable[str] = ()) -> list[tuple[str, float]]:
        """The ``top_k`` keywords of ``text`` by jieba's TF-IDF (its IDF table) over this tokenizer,
        heaviest first; stop words and tokens without a letter (numbers, punctuation) are skipped."""
        if self._tfidf is None:  # jieba's TF-IDF extractor (its IDF table, read once on import),
            import copy  # with this tokenizer instead of jieba's global one

            import jieba.analyse

            self._tfidf = copy.copy(jieba.analyse.default_tfidf)
            self._tfidf.tokenizer, self._tfidf.postokenizer = self._tok, self._pos
            self._base_stops = frozenset(jieba.analyse.TFIDF.STOP_WORDS)
        self._tfidf.stop_words = set(self._base_stops).union(stop_words)
        tags = self._tfidf.extract_tags(text, topK=None, withWeight=True)
        kept = [(w, float(x)) for w, x in tags if any(ch.isalpha() for ch in w)]
        kept.sort(key=lambda t: (-round(t[1], 12), t[0]))
        return kept[:top_k]

    def in_dictionary(self, word: str) -> bool:
        """True when ``word`` is a word of jieba's dictionary (or the user dictionary)."""
        return self._tok.FREQ.get(word, 0) > 0

    def boundaries(self, text: str) -> set[int]:
        """Character offsets in ``text`` where a token starts or ends."""
        b = {0, len(text)}
        for _, s, e in self._tok.tokenize(text):
            b.add(s)
            b.add(e)
        return b


def _initialize(tok: Any, default_dict: Any) -> None:
    """``tok.initialize()``, reading jieba's cache of its default dictionary in one go.

    jieba reads the 9 MB cache with ``marshal.load`` on the open file, which takes
    about 1 s; ``marshal.loads`` on the file's bytes takes about 0.3 s. Any other
    case (no cache yet, a custom dictionary, a bad cache) is left to jieba.
    """
    cache = Path(tok.tmp_dir or tempfile.gettempdir()) / "jieba.cache"
    if tok.dictionary == default_dict and not tok.cache_file and cache.is_file():
        try:
            tok.FREQ, tok.total = marshal.loads(cache.read_bytes())
            tok.initialized = True
            return
        except (OSError, EOFError, ValueError, TypeError):
            pass
    tok.initialize()


def _tags_cache(jieba: Any) -> Path | None:
    """Where the word tags of jieba's default dictionary are cached (marshal), keyed by the
    dictionary file's size and mtime; None when jieba has no dictionary file on disk."""
    dict_file = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    try:
        st = dict_file.stat()
    except OSError:
        return None
    tmp = Path(jieba.dt.tmp_dir or tempfile.gettempdir())
    return tmp / f"reportparse-jieba-tags-{st.st_size}-{st.st_mtime_ns}.marshal"


def _import_posseg(jieba: Any) -> Any:
    """``import jieba.posseg``, reading its word-tag table from a marshal cache.

    Importing jieba.posseg parses jieba's 5 MB dictionary for the tags of its 350,000 words
    (~0.4 s a process); ``marshal.loads`` of the same table takes ~0.15 s. The first import
    writes the cache (atomically); a missing or bad cache falls back to jieba's own reading.
    """
    import sys

    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    cache = _tags_cache(jieba) if jieba.dt.dictionary == jieba.DEFAULT_DICT else None
    tags = None
    if cache is not None and cache.is_file():
        try:
            tags = marshal.loads(cache.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            tags = None
    if not isinstance(tags, dict) or not tags:
        import jieba.posseg as posseg

        if cache is not None and posseg.dt.word_tag_tab:
            _write_atomic(cache, marshal.dumps(posseg.dt.word_tag_tab))
        return posseg
    import io

    jieba.dt.get_dict_file = lambda: io.BytesIO(b"")  # posseg's global instance reads no tags ...
    try:
        import jieba.posseg as posseg
    finally:
        del jieba.dt.get_dict_file
    posseg.dt.word_tag_tab = tags  # ... it gets the cached ones
    return posseg


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename; never raises."""
    import os

    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _pos_tokenizer(posseg: Any, tok: Any) -> Any:
    """A POSTokenizer over ``tok``. ``POSTokenizer(tok)`` re-reads jieba's 5 MB dictionary
    for its word tags (~0.5 s a process); for the default dictionary, copy the tags
    that importing ``jieba.posseg`` already read into its global instance instead."""
    default = posseg.dt
    if tok.dictionary != default.tokenizer.dictionary or not default.word_tag_tab:
        return posseg.POSTokenizer(tok)
    pos = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
    pos.tokenizer = tok
    pos.word_tag_tab = dict(default.word_tag_tab)
    return pos


def build_terms(text: str, seg: Segmenter, stop_words: Iterable[str], doc_id: str, top_k: int = 20
                ) -> list[dict[str, Any]]:
    """Rows of the opt-in ``terms`` table: the document's top-K TF-IDF keywords."""
    return [{"doc_id": doc_id, "rank": i, "term": w, "weight": round(x, 6)}
            for i, (w, x) in enumerate(seg.keywords(text, top_k, stop_words), 1)]


def _words(lists: dict[str, tuple[str, ...]]) -> tuple[tuple[str, str], ...]:
    tags = {"departments": "nt", "titles": "nn", "metric_verbs": "v", "count_nouns": "n", "scope_words": "t"}
    return tuple((w, tags[name]) for name in USER_DICT_LISTS for w in lists.get(name, ()))


@lru_cache(maxsize=4)
def _cached(words: tuple[tuple[str, str], ...]) -> Segmenter:
    return Segmenter(words)


_BY_RULES_HASH: dict[str, Segmenter] = {}


def segmenter_for(rules: Any) -> Segmenter:
    """The process-wide segmenter for a rule set (built once, about 0.6 s).

    Looked up by the rule set's hash (which covers the gazetteers), so a document
    does not rebuild the word list to find it.
    """
    seg = _BY_RULES_HASH.get(rules.hash)
    if seg is None:
        seg = _BY_RULES_HASH[rules.hash] = _cached(_words(rules.lists))
    return seg
