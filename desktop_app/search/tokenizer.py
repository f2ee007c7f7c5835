"""jieba's words, loaded lazily: word tokens for ranking, never for recall.

Words are cut by jieba-rs with jieba's dictionary (``segmenter.py``: ~20 MB, loaded in
~0.5 s without freezing the window); jieba itself is loaded only where its word
frequencies are needed (``keyterms``) or where jieba-rs has no wheel.  Nothing here
happens at import time.  :func:`warm_up_tokenizer` loads the segmenter (call it from a
worker thread); jieba's cache file goes to our cache folder, not the shared temp
folder.  Only ``jieba.tokenize`` is used (no ``jieba.analyse``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop_app import gcpolicy
from desktop_app.search import segmenter

CACHE_FILE = "jieba.cache"

_lock = threading.Lock()
_tokenizer: Any = None
_cache_dir: Path | None = None  # set by an index-building child: the parent's cache folder


def set_cache_dir(path: Path | None) -> None:
    """Where jieba's dictionary cache goes (default: the program's cache folder)."""
    global _cache_dir
    _cache_dir = path


def configure(tokenizer: Any, cache_dir: Path | None = None) -> Path:
    """Point a ``jieba.Tokenizer``'s dictionary cache at our cache folder; return the file."""
    if cache_dir is None:
        cache_dir = _cache_dir
    if cache_dir is None:
        from desktop_app.paths import cache_dir as default_cache_dir

        cache_dir = default_cache_dir()
    from desktop_app.privacy import make_private_dir

    make_private_dir(cache_dir)
    tokenizer.tmp_dir = str(cache_dir)
    tokenizer.cache_file = CACHE_FILE
    return cache_dir / CACHE_FILE


def jieba_tokenizer() -> Any:
    """jieba itself (its dictionary and word frequencies), loaded once without freezing the window."""
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict..." on stderr
            if not jieba.dt.initialized:
                cache = configure(jieba.dt)
                with gcpolicy.paused():  # ~600,000 long-lived objects (see gcpolicy)
                    _initialize_in_chunks(jieba.dt, cache.with_name(CHUNKED_CACHE_FILE))
            _tokenizer = jieba.dt
    return _tokenizer


CHUNKED_CACHE_FILE = "jieba-dict.chunks"
_CHUNKS = 40
_CHUNKED_FORMAT = 1


def _dictionary_file(tk: Any) -> Path | None:
    """jieba's dictionary: the tokenizer's own, or dict.txt (dict.txt.xz in the bundle) beside jieba."""
    import jieba

    if isinstance(tk.dictionary, str) and Path(tk.dictionary).is_file():
        return Path(tk.dictionary)
    here = Path(jieba.__file__).parent
    for candidate in (here / "dict.txt", here / "dict.txt.xz"):
        if candidate.is_file():
            return candidate
    return None


def _initialize_in_chunks(tk: Any, cache: Path, dictionary: Path | None = None) -> None:
    """Load jieba's prefix dictionary without holding the GIL for long.

    jieba's own cache is one ``marshal.load`` of ~600,000 entries: a single C call that
    keeps the interpreter lock for ~0.3 s, so the window froze while a worker thread
    loaded it.  We keep the same data as ~40 marshal chunks: between two chunks the UI
    thread gets the lock back.  The first time it is built from the dictionary file by
    jieba's own (pure Python, so interruptible) ``gen_pfdict``.
    """
    import marshal
    import os

    import jieba

    dict_path = dictionary or _dictionary_file(tk)
    if dict_path is None:
        tk.initialize()  # let jieba find (or fail to find) its dictionary its own way
        return
    try:
        st = dict_path.stat()
        key = (_CHUNKED_FORMAT, getattr(jieba, "__version__", ""), st.st_size, st.st_mtime_ns)
    except OSError:
        tk.initialize()  # no dictionary file to key on: let jieba do it its own way
        return
    try:
        with cache.open("rb") as fh:
            if tuple(marshal.load(fh)) == key:
                total = marshal.load(fh)
                freq: dict[str, int] = {}
                for _ in range(_CHUNKS):
                    freq.update(marshal.load(fh))
                    time.sleep(0)  # hand the interpreter lock to the window between chunks
                tk.FREQ, tk.total, tk.initialized = freq, total, True
                return
    except (OSError, EOFError, ValueError, TypeError):
        pass  # missing, old or damaged: build it again
    import lzma

    opener = lzma.open if dict_path.suffix == ".xz" else open
    with opener(dict_path, "rb") as fh:
        freq, total = tk.gen_pfdict(fh)
    tk.FREQ, tk.total, tk.initialized = freq, total, True
    items = list(freq.items())
    step = len(items) // _CHUNKS + 1
    from desktop_app.privacy import open_private

    try:
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open_private(tmp, "wb") as out:  # 0600, as every file of ours
            marshal.dump(key, out)
            marshal.dump(total, out)
            for i in range(_CHUNKS):
                marshal.dump(dict(items[i * step : (i + 1) * step]), out)
                time.sleep(0)
        os.replace(tmp, cache)
    except OSError:
        pass  # a cache only


def warm_up_tokenizer(whole: bool = False) -> None:
    """Load the word segmenter now (about 0.5 s; call it from a worker thread).

    ``whole``: in one call (~0.1 s holding the interpreter lock; a process with no window).
    """
    if segmenter.load(whole=whole) is None:
        jieba_tokenizer()  # no jieba-rs on this platform: jieba itself


def is_loaded() -> bool:
    """True once what :func:`tokenize` uses is in memory (tokenising costs no start-up any more)."""
    return segmenter.is_loaded() or (segmenter.unavailable() and _tokenizer is not None)


def tokenize(text: str) -> Iterable[tuple[str, int, int]]:
    """jieba's words of ``text`` as ``(word, start, end)``, loading the dictionary if needed.

    Cut by jieba-rs (``segmenter``: the same words, ~25x faster) when it is installed.
    """
    fast = segmenter.load()
    if fast is not None:
        return segmenter.tokenize(fast, text)
    return jieba_tokenizer().tokenize(text, mode="default", HMM=True)


def words(text: str) -> list[str]:
    """The words of ``text`` that can be searched: tokens holding a letter or a digit."""
    return [w for w, _s, _e in tokenize(text) if _has_alnum(w)]


def _has_alnum(word: str) -> bool:
    if word.isalnum():
        return True
    return any(c.isalnum() for c in word)
