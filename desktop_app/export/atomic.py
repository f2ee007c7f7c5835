"""Atomic file writes: the checked target, the content made in memory, a temporary file in the
target's folder written, fsynced and moved over the target with ``os.replace``.

A failed export therefore never leaves half a file and never damages the file it would have
replaced; the temporary file is removed on any failure.  Every writer returns the file's bytes
and only this module touches the disk, so every write error (a full disk, a read-only one) is
an ``OSError`` here, turned into one plain message: a library's own file handling (python-docx's
zip file, Qt's PDF writer) can neither print a traceback afterwards nor fail in silence.

Permissions.  A replaced file keeps its mode and, where the system allows, its owner and group
(a 0600 file stays 0600); the temporary file has that mode before anything is written to it.
A new file is created with 0644 less the umask, so it is never more open than 0644 (an export
goes into the user's own folders, where the umask is the user's policy).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from desktop_app.export import ExportError
from desktop_app.export.targets import NAME_MAX, Target, check_target

NEW_FILE_MODE = 0o644
CHUNK = 1 << 20


def temp_path_for(target: Path) -> Path:
    """A short hidden name beside ``target`` (a name of 255 bytes still leaves room for it)."""
    return target.parent / f".yandu-{secrets.token_hex(6)}.tmp"


def _error_for(exc: OSError, out: Path) -> ExportError:
    code = exc.errno
    if code == errno.EROFS:
        return ExportError("read_only", path=out.parent)
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return ExportError("no_permission", path=out)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return ExportError("disk_full", path=out)
    if code == errno.ENAMETOOLONG:
        length = len(os.fsencode(out.name))
        if length > NAME_MAX:
            return ExportError("name_too_long", length=length, limit=NAME_MAX)
        return ExportError("path_too_long", path=out)
    if code == errno.ELOOP:
        return ExportError("symlink_loop", path=out)
    if isinstance(exc, FileNotFoundError) and not out.parent.is_dir():
        return ExportError("no_folder", path=out.parent)
    return ExportError("write_failed", path=out, reason=exc.strerror or exc)


def atomic_write(out: Path, produce: Callable[[], bytes]) -> Path:
    """Check ``out``, make the content with ``produce()``, write it in place of ``out``."""
    out = Path(out)
    try:
        target = check_target(out)
    except ExportError:
        raise
    except OSError as exc:
        raise _error_for(exc, out) from exc
    try:
        data = produce()
    except ExportError:
        raise
    except OSError as exc:
        raise _error_for(exc, out) from exc
    except Exception as exc:
        raise ExportError("failed", reason=f"{type(exc).__name__}: {exc}") from exc
    tmp = temp_path_for(target.path)
    try:
        _write_new(tmp, data, target)
        os.replace(tmp, target.path)
    except BaseException as exc:
        _remove(tmp)
        if isinstance(exc, OSError):
            raise _error_for(exc, out) from exc
        raise
    _sync_folder(target.path.parent)
    _remove_stale_temps(target.path.parent)
    return out


STALE_TEMP_S = 3600  # a temporary file of ours this old belongs to an export that was killed


def _remove_stale_temps(folder: Path) -> None:
    """A process killed between writing and renaming leaves a hidden ``.yandu-*.tmp``: the next
    export into that folder removes such leftovers of ours (an hour old, owned by this user)."""
    import time

    cutoff = time.time() - STALE_TEMP_S
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        ours = name.startswith(".yandu-") and name.endswith(".tmp") and len(name) == len(".yandu-.tmp") + 12
        if not ours:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
            if entry.is_file(follow_symlinks=False) and mine and st.st_mtime < cutoff:
                os.unlink(entry.path)
        except OSError:
            continue


def _write_new(tmp: Path, data: bytes, target: Target) -> None:
    """``data`` in a new file ``tmp`` with the replaced file's mode and owner, on the disk."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    # A file replaced: private until its own mode is set; a new file: 0644 less the umask.
    fd = os.open(tmp, flags, 0o600 if target.existing is not None else NEW_FILE_MODE)
    try:
        if target.existing is not None:
            _keep_owner_and_mode(fd, target.existing)
        view = memoryview(data)
        while view:
            written = os.write(fd, view[:CHUNK])
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_owner_and_mode(fd: int, old: os.stat_result) -> None:
    if os.name != "posix":  # Windows: a new file takes the folder's ACL, as Word's saves do
        return
    if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(fd, old.st_uid, old.st_gid)
        except OSError:  # not allowed (not root): keep at least the group if we are in it
            with contextlib.suppress(OSError):
                os.fchown(fd, -1, old.st_gid)
    os.fchmod(fd, stat.S_IMODE(old.st_mode) & 0o777)  # after chown, which may clear bits


def _sync_folder(folder: Path) -> None:
    """The rename on the disk too (POSIX; a folder cannot be opened for this on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
