"""Atomic file writes: a temporary file in the target folder, fsynced, then ``os.replace``.

A failed export therefore never leaves half a file and never damages the file it would
have replaced; the temporary file is removed on any failure.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from desktop_app.export import ExportError


def temp_path_for(out: Path) -> Path:
    return out.parent / f".{out.name}.{secrets.token_hex(4)}.tmp"


def _error_for(exc: OSError, out: Path) -> ExportError:
    code = exc.errno
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportError("no_permission", path=out)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return ExportError("disk_full", path=out)
    if isinstance(exc, FileNotFoundError) and not out.parent.is_dir():
        return ExportError("no_folder", path=out.parent)
    return ExportError("write_failed", path=out, reason=exc.strerror or exc)


def atomic_write(out: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` to produce the file at a temporary path, then move it to ``out``."""
    out = Path(out)
    if not out.parent.is_dir():
        raise ExportError("no_folder", path=out.parent)
    if out.is_dir():
        raise ExportError("write_failed", path=out, reason="is a folder")
    tmp = temp_path_for(out)
    try:
        write(tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, out)
    except ExportError:
        _remove(tmp)
        raise
    except OSError as exc:
        _remove(tmp)
        raise _error_for(exc, out) from exc
    except Exception as exc:
        _remove(tmp)
        raise ExportError("failed", reason=f"{type(exc).__name__}: {exc}") from exc
    except BaseException:
        _remove(tmp)
        raise
    return out


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
