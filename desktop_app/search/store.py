"""Where indexes live, how they are checked, and how a new one replaces an old one.

Layout, inside the user cache folder::

    search/v<FORMAT_VERSION>/<fingerprint>.bigrams/   Whoosh files + yandu-index.json
    search/v<FORMAT_VERSION>/<fingerprint>.words/     (written later: needs jieba)

An index is used only if its ``yandu-index.json`` names this format, this
document (fingerprint, paragraph and character counts) and the exact size and
BLAKE2 hash of every file beside it, and Whoosh then opens it (the schema
unpickles, the document count matches).  Anything else (missing, truncated,
garbage in the TOC, a moved analyzer class, an older format) is stale: it is
rebuilt, never trusted and never a crash.

A build writes into a private ``.tmp-*`` folder and publishes it with one
``rename``; two processes building the same index at once both succeed and the
loser uses the winner's copy, so no reader ever sees a half-written index.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.privacy import PRIVATE_DIR, make_private_dir, tighten, tighten_children

FORMAT_VERSION = 2  # 2: bigrams without positions, segments written by worker processes
META_FILE = "yandu-index.json"
# Indexes of this many documents are kept (the least recently built go): a library of a
# thousand documents keeps every one searchable (a speech's index is ~0.1 MB).
KEEP_DOCUMENTS = 1500
CLEANUP_EVERY_SECONDS = 600.0  # a library search opens hundreds of indexes: one tidy-up is enough
STALE_TEMP_SECONDS = 3600

_locks_guard = threading.Lock()
_locks: dict[str, threading.Lock] = {}
_last_cleanup: dict[str, float] = {}  # root -> when it was last tidied (monotonic)


def index_root(cache_dir: Path | None = None) -> Path:
    if cache_dir is None:
        from desktop_app.paths import cache_dir as default_cache_dir

        cache_dir = default_cache_dir()
    return Path(cache_dir) / "search" / f"v{FORMAT_VERSION}"


def part_dir(root: Path, fingerprint: str, kind: str) -> Path:
    return root / f"{fingerprint}.{kind}"


def _lock_for(path: Path) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(str(path), threading.Lock())


def _file_digest(path: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _index_files(folder: Path) -> dict[str, list]:
    out: dict[str, list] = {}
    for entry in sorted(folder.iterdir()):
        if entry.name == META_FILE or not entry.is_file():
            continue
        out[entry.name] = [entry.stat().st_size, _file_digest(entry)]
    return out


def write_meta(folder: Path, kind: str, expect: dict[str, Any]) -> None:
    import whoosh

    meta = {
        "format": FORMAT_VERSION,
        "kind": kind,
        "whoosh": ".".join(map(str, whoosh.__version__)),
        **expect,
        "files": _index_files(folder),
    }
    (folder / META_FILE).write_text(json.dumps(meta, indent=1), encoding="utf-8")
    tighten_children(folder)  # the index holds the document's words: 0600, as all user data


def _meta_ok(folder: Path, kind: str, expect: dict[str, Any], digests: bool = True) -> bool:
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT_VERSION or meta.get("kind") != kind:
        return False
    if any(meta.get(k) != v for k, v in expect.items()):
        return False
    files = meta.get("files")
    if not isinstance(files, dict):
        return False
    present = {e.name for e in folder.iterdir() if e.is_file() and e.name != META_FILE}
    if present != set(files):
        return False
    for name, (size, digest) in files.items():
        path = folder / name
        if path.stat().st_size != size or (digests and _file_digest(path) != digest):
            return False
    return True


def open_valid(
    folder: Path, kind: str, expect: dict[str, Any], check: Callable[[Any], bool], digests: bool = True
) -> Any | None:
    """The Whoosh index in ``folder`` if it is complete and this document's; else ``None``.

    ``digests=False``: the files' sizes are checked but not their hashes (an index this
    process has just written and hashed: hashing tens of MB again would only cost time)."""
    try:
        if not folder.is_dir() or not _meta_ok(folder, kind, expect, digests):
            return None
        from whoosh.filedb.filestore import FileStorage

        ix = FileStorage(str(folder)).open_index()
        if ix.doc_count_all() != expect["paragraphs"] or not check(ix):
            ix.close()
            return None
        return ix
    except Exception:
        return None


def obtain(
    root: Path,
    fingerprint: str,
    kind: str,
    expect: dict[str, Any],
    build: Callable[[Path], None],
    check: Callable[[Any], bool],
) -> tuple[Any, bool]:
    """Open the index of ``kind``, building it first if it is missing or stale.

    Returns ``(whoosh index, built)``.  ``build(folder)`` must create and commit
    a Whoosh index in the empty ``folder``.
    """
    make_private_dir(root)
    tighten(root.parent)
    final = part_dir(root, fingerprint, kind)
    with _lock_for(final):
        ix = open_valid(final, kind, expect, check)
        if ix is not None:
            with contextlib.suppress(OSError):
                os.utime(final / META_FILE)
            tighten(final)  # an index written by an older version with wider modes
            tighten_children(final)
            return ix, False
        tmp = root / f".tmp-{final.name}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir(mode=PRIVATE_DIR)
        tighten(tmp)
        try:
            build(tmp)
            write_meta(tmp, kind, expect)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        where = _publish(tmp, final, root, lambda: open_valid(final, kind, expect, check))
        if where != final:
            other = open_valid(final, kind, expect, check)
            if other is not None:  # another process published the same index first: use theirs
                shutil.rmtree(tmp, ignore_errors=True)
                return other, True
        ix = open_valid(where, kind, expect, check, digests=False)  # hashed by write_meta just now
        if ix is None:
            raise RuntimeError(f"the search index just written in {where} cannot be read")
        return ix, True


def _publish(tmp: Path, final: Path, root: Path, open_final: Callable[[], Any]) -> Path:
    """Move ``tmp`` to ``final`` atomically; returns where the index to use now is.

    If ``final`` exists and is valid (another process just published it), it is
    left alone (someone may be reading it) and ``tmp`` is returned; a stale
    ``final`` is moved aside first.
    """
    for _attempt in range(3):
        try:
            os.rename(tmp, final)
            return final
        except OSError:
            if not final.exists():
                continue
            other = open_final()
            if other is not None:
                other.close()
                return tmp
            trash = root / f".trash-{final.name}-{uuid.uuid4().hex[:8]}"
            try:
                os.rename(final, trash)
            except OSError:
                return tmp  # in use elsewhere (Windows): use our private copy this time
            shutil.rmtree(trash, ignore_errors=True)
    return tmp


def cleanup(root: Path, keep_fingerprint: str = "", *, force: bool = False) -> None:
    """Remove leftovers: other format versions, old temporary folders, least-used indexes.
    At most once per CLEANUP_EVERY_SECONDS per folder and process (unless ``force``)."""
    now_mono = time.monotonic()
    last = _last_cleanup.get(str(root))
    if not force and last is not None and now_mono - last < CLEANUP_EVERY_SECONDS:
        return
    _last_cleanup[str(root)] = now_mono
    try:
        parent = root.parent
        if parent.is_dir():
            for entry in parent.iterdir():
                if entry.is_dir() and entry.name.startswith("v") and entry.name != root.name:
                    shutil.rmtree(entry, ignore_errors=True)
        if not root.is_dir():
            return
        now = time.time()
        used: dict[str, float] = {}
        for entry in root.iterdir():
            try:
                mtime = entry.stat().st_mtime
            except OSError:
                continue
            if entry.name.startswith((".tmp-", ".trash-")):
                if now - mtime > STALE_TEMP_SECONDS:
                    shutil.rmtree(entry, ignore_errors=True)
                continue
            fp = entry.name.split(".", 1)[0]
            meta = entry / META_FILE
            with contextlib.suppress(OSError):
                mtime = meta.stat().st_mtime
            used[fp] = max(used.get(fp, 0.0), mtime)
        used.pop(keep_fingerprint, None)
        for fp in sorted(used, key=used.__getitem__, reverse=True)[KEEP_DOCUMENTS - 1 :]:
            for entry in root.glob(f"{fp}.*"):
                shutil.rmtree(entry, ignore_errors=True)
    except OSError:
        pass
