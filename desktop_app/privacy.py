"""The user's data readable by the user only: folders 0700, files 0600 (POSIX).

Many office PCs are shared between colleagues.  The notes, the settings (recent files),
the search indexes, the document cache and the error log all hold the user's text or the
names of their files, so every folder of ours is made ``0700`` and every file ``0600``:
when created, and at every start for the known top-level paths, since they may already
exist with wider modes (an older version of the program, a folder copied from another PC,
a umask of 022).  Making a path private only takes group and other bits away; the
owner's own bits are left alone.

Windows: nothing to do.  ``%APPDATA%`` and ``%LOCALAPPDATA%`` are per-user folders whose
NTFS access lists already shut out other users, and ``chmod`` there only toggles the
read-only flag; every function below still creates what it is asked to.

Cheap enough for the start: a known path costs one ``stat`` (and a ``chmod`` only when it
is too open); nothing here walks a folder except :func:`tighten_children` (one level).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import IO, Any

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
ENABLED = os.name == "posix"

# The known paths fixed up at start (relative to the data folder / the cache folder).
DATA_FILES = (
    "notes.sqlite3",
    "notes.sqlite3-wal",
    "notes.sqlite3-shm",
    "settings.ini",
    "instance.lock",
    "logs/errors.log",
)
DATA_DIRS = ("backups", "logs", "inbox", "cache")
CACHE_FILES = ("jieba.cache", "jieba-dict.chunks")
CACHE_DIRS = ("search", "documents", "convert", "fonts")

_OPEN_FLAGS = {
    "a": os.O_WRONLY | os.O_CREAT | os.O_APPEND,
    "w": os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
    "x": os.O_WRONLY | os.O_CREAT | os.O_EXCL,
}


def tighten(path: str | os.PathLike[str]) -> bool:
    """Take group and other permissions off ``path`` if it has any; True when it changed.

    A missing path, one we do not own or a file system without modes (FAT) is left as it is.
    """
    if not ENABLED:
        return False
    try:
        mode = os.stat(path).st_mode
        if not mode & 0o077:
            return False
        os.chmod(path, stat.S_IMODE(mode) & ~0o077)
    except OSError:
        return False
    return True


def make_private_dir(path: str | os.PathLike[str]) -> Path:
    """Create the folder ``path`` (and its parents) if needed; it is made 0700 (see :func:`tighten`).

    Raises ``OSError`` like ``Path.mkdir`` when it cannot be created.
    """
    p = Path(path)
    p.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    tighten(p)
    return p


def make_private_file(path: str | os.PathLike[str]) -> None:
    """Make an existing file 0600 (see :func:`tighten`); nothing if it does not exist."""
    tighten(path)


def create_private_file(path: str | os.PathLike[str]) -> None:
    """Create ``path`` empty and 0600 unless it exists (an existing one is made private)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        tighten(path)
        return
    os.close(fd)


def open_private(path: str | os.PathLike[str], mode: str = "a", encoding: str | None = "utf-8") -> IO[Any]:
    """``open(path, mode)`` for writing, the file created 0600 (an existing one made 0600).

    ``mode``: ``a``, ``w`` or ``x``, with ``b`` for bytes (then ``encoding`` is ignored).
    """
    binary = "b" in mode
    fd = os.open(path, _OPEN_FLAGS[mode.replace("b", "")] | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
    try:
        if ENABLED:
            with contextlib.suppress(OSError):
                st = os.fstat(fd)
                if st.st_mode & 0o077:
                    os.fchmod(fd, stat.S_IMODE(st.st_mode) & ~0o077)
        if binary:
            return os.fdopen(fd, mode)
        return os.fdopen(fd, mode, encoding=encoding)
    except BaseException:
        os.close(fd)
        raise


def write_private_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` (replaced), the file 0600."""
    with open_private(path, "wb") as fh:
        fh.write(data)


def tighten_children(folder: str | os.PathLike[str]) -> int:
    """Make every entry directly in ``folder`` private (one level); the number changed."""
    if not ENABLED:
        return 0
    changed = 0
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.is_symlink():
                    changed += tighten(entry.path)
    except OSError:
        pass
    return changed


def tighten_tree(folder: str | os.PathLike[str]) -> int:
    """Make ``folder`` and everything under it private; the number changed.

    Walks the whole tree: not for the start (call it from a worker after the first paint).
    """
    if not ENABLED:
        return 0
    changed = tighten(folder)
    for root, dirs, files in os.walk(folder):
        for name in (*dirs, *files):
            p = os.path.join(root, name)
            if not os.path.islink(p):
                changed += tighten(p)
    return changed


_secured: set[tuple[str, str]] = set()


def _secure(kind: str, folder: Path, files: tuple[str, ...], dirs: tuple[str, ...]) -> Path:
    make_private_dir(folder)
    key = (kind, str(folder))
    if ENABLED and key not in _secured:
        for name in dirs + files:
            tighten(folder / name)
        _secured.add(key)
    return folder


def secure_data_dir(folder: str | os.PathLike[str]) -> Path:
    """Create the data folder 0700 and fix up its known files and folders (once per process).

    Meant for ``paths.data_dir()`` in place of its ``mkdir``: about ten ``stat`` calls the
    first time, one ``mkdir`` and one ``stat`` afterwards.
    """
    return _secure("data", Path(folder), DATA_FILES, DATA_DIRS)


def secure_cache_dir(folder: str | os.PathLike[str]) -> Path:
    """Create the cache folder 0700 and fix up its known files and folders (once per process)."""
    return _secure("cache", Path(folder), CACHE_FILES, CACHE_DIRS)
