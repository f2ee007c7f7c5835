"""jieba's words, fast: jieba-rs (the ``rjieba`` binding, MIT) with jieba's own dictionary.

The word index (ranking) needs every paragraph cut into words.  jieba's pure-Python
cutting runs at ~0.4 MB/s a core, which made a 10 MB document's word index take half a
minute (issue 14); jieba-rs cuts the same words with the same dictionary and HMM at
~10 MB/s.  Both give the same tokens (tested on the speech and the corpus), so jieba itself
stays for what only it has: its word frequencies (``keyterms``).

Two things the binding does that a window cannot afford, and what we do instead:

* importing ``rjieba`` builds a default tokenizer, a single call of ~0.1 s that holds the
  interpreter lock (the window would freeze).  We load the extension module alone, start
  from ``Jieba.empty()`` and add jieba's dictionary a few thousand words at a time, handing
  the lock back between batches (~0.5 s in all, on a worker thread).  Worker processes,
  which have no window, load it whole (``load(whole=True)``: ~0.1 s).
* one ``tokenize`` call holds the lock for its whole text (~4 characters a microsecond), so
  :func:`tokenize` cuts long texts at sentence ends into slices of at most ``SLICE`` characters.

Without the binding (a platform with no wheel) :func:`load` returns None and the caller
falls back to jieba.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
import threading
import time
from pathlib import Path
from typing import Any

SLICE = 8_000  # characters per tokenize call: ~2 ms holding the interpreter lock
BATCH = 4_000  # dictionary words added between two hand-overs of the lock (~10 ms)
_SENTENCE_ENDS = "\n。！？；!?;"
_CLAUSE_ENDS = "，、：,: "  # where a slice is cut when no sentence ends in its second half

_lock = threading.Lock()
_segmenter: Any = None
_missing = False
how = ""  # how it was loaded: "in batches", "whole" (selftest says which)


def load(whole: bool = False, dictionary: Path | None = None) -> Any:
    """The jieba-rs tokenizer with jieba's dictionary, loaded once; None without the binding.

    ``whole``: load it in one call (a process with no window: also when Qt's widgets were
    never imported, as on the command line).  ``dictionary``: jieba's dict.txt (or .xz); by
    default the one beside jieba.
    """
    global _segmenter, _missing
    if _segmenter is not None or _missing:
        return _segmenter
    whole = whole or "PySide6.QtWidgets" not in sys.modules  # no window to keep answering
    with _lock:
        if _segmenter is None and not _missing:
            try:
                _segmenter = _load_whole() if whole else _load_in_batches(dictionary)
            except Exception:  # no binding, or one that cannot load here: jieba cuts the words
                _missing = True
    return _segmenter


def is_loaded() -> bool:
    return _segmenter is not None


def unavailable() -> bool:
    """True once loading was tried and failed (jieba cuts the words instead)."""
    return _missing


def _extension() -> Any:
    """The compiled ``rjieba.rjieba`` module, without running the package's ``__init__``."""
    for folder in _package_folders("rjieba"):
        for path in sorted(Path(folder).glob("rjieba*")):
            if any(path.name.endswith(suffix) for suffix in importlib.machinery.EXTENSION_SUFFIXES):
                loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(path))
                module_spec = importlib.util.spec_from_file_location("rjieba.rjieba", path, loader=loader)
                if module_spec is None:
                    continue
                module = importlib.util.module_from_spec(module_spec)
                loader.exec_module(module)
                return module
    raise ImportError("rjieba's compiled module was not found")


def _package_folders(name: str) -> list[str]:
    """Where a package's files are, found without importing it (also in the frozen bundle)."""
    spec = importlib.util.find_spec(name)
    if spec is None:
        return []
    folders = list(spec.submodule_search_locations or [])
    if spec.origin and Path(spec.origin).parent.as_posix() not in folders:
        folders.append(str(Path(spec.origin).parent))
    return folders


def _load_whole() -> Any:
    global how
    import rjieba  # builds the package's default tokenizer: that one, not a second (+24 MB)

    how = "whole"
    return rjieba._DEFAULT_JIEBA if hasattr(rjieba, "_DEFAULT_JIEBA") else rjieba.Jieba()


def _load_in_batches(dictionary: Path | None) -> Any:
    try:
        jieba_type = _extension().Jieba
    except (ImportError, OSError):
        return _load_whole()  # a layout we do not know: one longer pause, same words
    path = dictionary or _dictionary_path()
    if path is None:
        return _load_whole()
    try:
        lines = _read_lines(path)
    except Exception:  # unreadable or damaged (OSError, lzma's or UTF-8's errors ...)
        return _load_whole()  # the binding's own copy of the same dictionary
    segmenter = jieba_type.empty()
    add = segmenter.add_word
    for first in range(0, len(lines), BATCH):
        for line in lines[first : first + BATCH]:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[0]:
                try:
                    add(parts[0], int(parts[1]), parts[2] if len(parts) > 2 else None)
                except ValueError:
                    continue  # a damaged line: jieba itself would refuse the file; skip it
        time.sleep(0)  # hand the interpreter lock to the window between batches
    global how
    how = "in batches"
    return segmenter


def _dictionary_path() -> Path | None:
    """jieba's dict.txt beside jieba (dict.txt.xz in the bundle)."""
    for folder in _package_folders("jieba"):
        for name in ("dict.txt", "dict.txt.xz"):
            if (Path(folder) / name).is_file():
                return Path(folder) / name
    return None


def _read_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    if path.suffix == ".xz":
        import lzma

        data = lzma.decompress(data)
    return data.decode("utf-8").splitlines()


def tokenize(segmenter: Any, text: str) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` of ``text``, cut in slices that end at a sentence end."""
    if len(text) <= SLICE:
        return segmenter.tokenize(text)
    out: list[tuple[str, int, int]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + SLICE)
        if end < len(text):
            cut = max(text.rfind(c, start + SLICE // 2, end) for c in _SENTENCE_ENDS)
            if cut <= start:
                cut = max(text.rfind(c, start + SLICE // 2, end) for c in _CLAUSE_ENDS)
            if cut > start:
                end = cut + 1
            # else: 4,000 characters with no punctuation or space: a word may be cut in two
        if start == 0:
            out.extend(segmenter.tokenize(text[:end]))
        else:
            out.extend((w, s + start, e + start) for w, s, e in segmenter.tokenize(text[start:end]))
        start = end
    return out
