"""jieba, loaded lazily: word tokens for ranking, never for recall.

Loading jieba's dictionary takes about half a second and 80 MB, so nothing here
happens at import time.  :func:`warm_up_tokenizer` loads it (call it from a
worker thread); its cache file goes to our cache folder, not the shared temp
folder.  Only ``jieba.tokenize`` is used (no ``jieba.analyse``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CACHE_FILE = "jieba.cache"

_lock = threading.Lock()
_tokenizer: Any = None


def configure(tokenizer: Any, cache_dir: Path | None = None) -> Path:
    """Point a ``jieba.Tokenizer``'s dictionary cache at our cache folder; return the file."""
    if cache_dir is None:
        from desktop_app.paths import cache_dir as default_cache_dir

        cache_dir = default_cache_dir()
    cache_dir.mkdir(parents=True, exist_ok=True)
    tokenizer.tmp_dir = str(cache_dir)
    tokenizer.cache_file = CACHE_FILE
    return cache_dir / CACHE_FILE


def _load() -> Any:
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict..." on stderr
            if not jieba.dt.initialized:
                configure(jieba.dt)
            jieba.dt.initialize()
            _tokenizer = jieba.dt
    return _tokenizer


def warm_up_tokenizer() -> None:
    """Load jieba's dictionary now (about 0.5 s; call it from a worker thread)."""
    _load()


def is_loaded() -> bool:
    """True once the dictionary is in memory (tokenising costs no start-up any more)."""
    return _tokenizer is not None


def tokenize(text: str) -> Iterator[tuple[str, int, int]]:
    """jieba's words of ``text`` as ``(word, start, end)``, loading the dictionary if needed."""
    return _load().tokenize(text, mode="default", HMM=True)


def words(text: str) -> list[str]:
    """The words of ``text`` that can be searched: tokens holding a letter or a digit."""
    return [w for w, _s, _e in tokenize(text) if _has_alnum(w)]


def _has_alnum(word: str) -> bool:
    if word.isalnum():
        return True
    return any(c.isalnum() for c in word)
