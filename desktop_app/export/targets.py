"""Where an export may write, decided before anything is drawn.

* The name: at most 255 bytes (UTF-8, as Linux counts; Windows counts 255 UTF-16 units), and
  one that Windows can hold: no device name (``CON.md``), none of ``< > : " / \\ | ? *`` or
  control characters, no dot or space at the end.  Such a file is refused with the reason and
  a name that works: copied to a Windows PC it could not be opened, and on Windows ``CON.md``
  would not even be a file.
* The target: a regular file (replaced) or nothing yet (created).  A device node, FIFO,
  socket or folder is refused: writing "through" them hangs or damages them, and replacing
  them (what ``os.replace`` would do) removed the system's ``/dev/null`` when run as root.
* A symlink is followed to the file it points to, which is written (the link stays a link,
  as when an editor saves through it), and that file must pass the same checks.  As the
  Linux kernel's ``protected_symlinks``: in a sticky world-writable folder such as /tmp, a
  link owned by another user (not the folder's owner) is not followed, so nobody can aim
  another user's export at that user's own files.
* The folder must exist, be a folder, be on a writable disk and be writable.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

from desktop_app.export.options import ExportError

NAME_MAX = 255  # bytes on Linux file systems, UTF-16 units on NTFS
MAX_LINKS = 40  # as the kernel's limit on symlinks followed in one lookup

WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{kind}{n}" for kind in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]}
)
WINDOWS_FORBIDDEN = frozenset('<>:"/\\|?*') | {chr(i) for i in range(32)}


class Target(NamedTuple):
    path: Path  # the file to write: ``out``, or the end of the symlinks it names
    existing: os.stat_result | None  # that file as it is now (None: a new file)


def windows_device(name: str) -> bool:
    """``CON.md``, ``nul .txt``, ``LPT1.tar.gz``: Windows opens the device, not a file."""
    return name.split(".")[0].rstrip(" ").upper() in WINDOWS_DEVICES


def windows_problem(name: str) -> tuple[str, dict[str, str]] | None:
    """Why Windows cannot hold a file called ``name`` (a reason key and its parameters), or None."""
    if windows_device(name):
        return "reason_device", {"device": name.split(".")[0].rstrip(" ")}
    bad = sorted({c for c in name if c in WINDOWS_FORBIDDEN})
    if bad:
        shown = " ".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in bad)
        return "reason_chars", {"chars": shown}
    if name.endswith("."):
        return "reason_dot", {}
    if name.endswith(" "):
        return "reason_space", {}
    return None


def check_name(out: Path) -> None:
    from desktop_app.export import safe_file_name
    from desktop_app.export.messages import message

    name = out.name
    length = max(len(os.fsencode(name)), len(name.encode("utf-16-le", "surrogatepass")) // 2)
    if length > NAME_MAX:
        raise ExportError("name_too_long", length=length, limit=NAME_MAX)
    problem = windows_problem(name)
    if problem is not None:
        key, params = problem
        suggestion = safe_file_name(name, limit=NAME_MAX // 3) or "_"
        raise ExportError("windows_name", name=name, reason=message(key, **params), suggestion=suggestion)


def _may_follow(link: str, st: os.stat_result) -> bool:
    """The kernel's protected_symlinks rule, applied whatever the system's setting."""
    if not hasattr(os, "geteuid") or st.st_uid == os.geteuid():
        return True
    folder = os.stat(os.path.dirname(link) or ".")
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    return not shared or folder.st_uid == st.st_uid


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "kind_device"
    if stat.S_ISFIFO(mode):
        return "kind_fifo"
    if stat.S_ISSOCK(mode):
        return "kind_socket"
    return "kind_other"


def _missing(path: str) -> ExportError:
    """The error for a file whose folder is missing (named: the first one missing) or is not a folder."""
    folder = os.path.dirname(path) or "."
    missing = folder
    while not os.path.lexists(folder):
        up = os.path.dirname(folder)
        if not up or up == folder:
            break
        missing, folder = folder, up
    if os.path.lexists(folder) and not os.path.isdir(folder):
        return ExportError("not_a_folder", path=folder)
    return ExportError("no_folder", path=missing)


def resolve(out: Path) -> Target:
    """The file an export to ``out`` writes, checked (see the module's notes)."""
    from desktop_app.export.messages import message

    path = str(out)
    for _ in range(MAX_LINKS + 1):
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            folder = os.path.dirname(path) or "."
            if not os.path.isdir(folder):
                raise _missing(path) from None
            return Target(Path(path), None)
        except OSError as exc:
            if exc.errno == errno.ENOTDIR:
                raise _missing(path) from None
            if exc.errno == errno.ELOOP:
                raise ExportError("symlink_loop", path=out) from None
            raise
        if stat.S_ISLNK(st.st_mode):
            if not _may_follow(path, st):
                raise ExportError("unsafe_link", path=path)
            path = os.path.join(os.path.dirname(path), os.readlink(path))
            continue
        if stat.S_ISREG(st.st_mode):
            return Target(Path(path), st)
        if stat.S_ISDIR(st.st_mode):
            raise ExportError("is_folder", path=path)
        raise ExportError("not_a_file", path=path, kind=message(_kind(st.st_mode)))
    raise ExportError("symlink_loop", path=out)


def check_folder(folder: Path) -> None:
    """Refuse a folder on a read-only disk, or one this user cannot write, before any work."""
    if os.name != "posix":  # os.access says nothing useful about folders on Windows
        return
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            raise ExportError("read_only", path=folder)
    except OSError:
        return
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError("no_permission", path=folder)


def check_target(out: Path) -> Target:
    """All the checks above: the name, then what it names, then its folder."""
    check_name(out)
    target = resolve(out)
    check_folder(target.path.parent)
    return target
