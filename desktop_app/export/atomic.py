"""Atomic file writes: the checked target, the content made in memory, a temporary file in the
target's folder written, fsynced and moved over the target with ``os.replace``.

A failed export therefore never leaves half a file and never damages the file it would have
replaced; the temporary file is removed on any failure.  Every writer returns the file's bytes
and only this module touches the disk, so every write error (a full disk, a read-only one) is
an ``OSError`` here, turned into one plain message: a library's own file handling (python-docx's
zip file, Qt's PDF writer) can neither print a traceback afterwards nor fail in silence.

Windows.  A file open in Word or WPS cannot be replaced (``os.replace`` raises PermissionError,
WinError 32 or 5): the export says so in words, keeps the old file and removes its temporary
one.  An antivirus or the search indexer opening the new file for a moment gets the same error,
so there the rename is tried again for about a second first.  The temporary file is made beside
the target, never in %TEMP%: a rename cannot cross volumes (D: to a USB stick), and would
raise EXDEV / WinError 17 (said in words too, should it ever happen).  Paths over MAX_PATH (260)
fail on a Windows without long paths switched on: said as "path too long", not "no folder".

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

from desktop_app.export.options import ExportError
from desktop_app.export.targets import NAME_MAX, Target, check_target

NEW_FILE_MODE = 0o644
CHUNK = 1 << 20


def temp_path_for(target: Path) -> Path:
    """A short hidden name beside ``target`` (a name of 255 bytes still leaves room for it)."""
    return target.parent / f".yandu-{secrets.token_hex(6)}.tmp"


WINDOWS = os.name == "nt"
WINDOWS_MAX_PATH = 259  # MAX_PATH (260) less the terminating NUL, without long paths switched on
# Windows error codes (OSError.winerror) that errno does not tell apart
ERROR_NOT_SAME_DEVICE = 17
ERROR_WRITE_PROTECT = 19  # a write-protected USB stick or SD card
ERROR_SHARING_VIOLATION = 32
ERROR_LOCK_VIOLATION = 33
ERROR_FILENAME_EXCED_RANGE = 206
# Windows: a file just written is often opened for a moment by an antivirus or the search
# indexer, and a rename over it fails meanwhile; Word holds it for as long as it is open.
REPLACE_RETRIES = 10 if WINDOWS else 0
REPLACE_RETRY_S = 0.1


def _too_long_for_windows(exc: OSError, out: Path) -> bool:
    if getattr(exc, "winerror", None) == ERROR_FILENAME_EXCED_RANGE:
        return True
    longest = max(len(str(out.absolute())), len(str(exc.filename or "")))
    return isinstance(exc, FileNotFoundError) and longest > WINDOWS_MAX_PATH


def _error_for(exc: OSError, out: Path, windows: bool = WINDOWS) -> ExportError:
    code = exc.errno
    if windows and _too_long_for_windows(exc, out):
        return ExportError("path_too_long", path=out)
    if getattr(exc, "winerror", None) == ERROR_WRITE_PROTECT:  # Windows says EACCES for it
        return ExportError("read_only", path=out.parent)
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
    except BaseException as exc:
        _remove(tmp)
        if isinstance(exc, OSError):
            raise _error_for(exc, out) from exc
        raise
    try:
        _replace(tmp, target.path)
    except BaseException as exc:
        _remove(tmp)
        if isinstance(exc, OSError):
            raise _replace_error(exc, out, target) from exc
        raise
    _sync_folder(target.path.parent)
    _remove_stale_temps(target.path.parent)
    return out


def _replace(tmp: Path, target: Path) -> None:
    """``os.replace``, tried again for a moment while another program has the file open (Windows)."""
    import time

    for attempt in range(REPLACE_RETRIES + 1):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if attempt == REPLACE_RETRIES:
                raise
            time.sleep(REPLACE_RETRY_S)


def _replace_error(exc: OSError, out: Path, target: Target, windows: bool = WINDOWS) -> ExportError:
    """Why the finished file could not take the old one's place, in words.

    The new file was written in the target's folder, so the folder is writable: a refused
    rename over an existing file means another program holds it (Word and WPS keep the file
    they show open, and Windows lets nobody replace it meanwhile), or, on Windows, the file is
    read-only; in a shared sticky folder (/tmp) it belongs to another user.
    """
    winerror = getattr(exc, "winerror", None)
    if winerror in (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION):
        return ExportError("in_use", path=out)
    if exc.errno == errno.EXDEV or winerror == ERROR_NOT_SAME_DEVICE:
        return ExportError("cross_device", path=out)
    old = target.existing
    if isinstance(exc, PermissionError) and old is not None:
        if windows and not old.st_mode & stat.S_IWRITE:  # the read-only attribute
            return ExportError("read_only_file", path=out)
        if not windows and _sticky_and_not_ours(target.path, old):
            return ExportError("no_permission", path=out)
        return ExportError("in_use", path=out)
    return _error_for(exc, out, windows)


def _sticky_and_not_ours(path: Path, old: os.stat_result) -> bool:
    """In a sticky folder (/tmp) only a file's owner or the folder's may replace the file."""
    if not hasattr(os, "geteuid") or old.st_uid == os.geteuid():
        return False
    try:
        folder = os.stat(path.parent)
    except OSError:
        return False
    return bool(folder.st_mode & stat.S_ISVTX) and folder.st_uid != os.geteuid()


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
