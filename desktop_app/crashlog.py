"""Unexpected errors are written, with their traceback, to a log in the data folder.

The log is private to the user (folder 0700, file 0600: it names their files).  When it
cannot be written (the data folder or its ``logs`` is a file, a read-only or full disk),
the traceback goes to stderr in full, and the answer says so and why.
"""

from __future__ import annotations

import datetime as _dt
import sys
import traceback
from pathlib import Path

LOG_NAME = "errors.log"


def log_path() -> Path:
    """Where the error log is (or would be): ``<data dir>/logs/errors.log``; creates nothing."""
    from desktop_app.paths import data_dir_path

    return data_dir_path() / "logs" / LOG_NAME


def write_crash_log(exc: BaseException, context: str = "") -> Path | str:
    """Append ``exc`` with its traceback to the error log and return the log's path.

    If the log cannot be written, the traceback is written to stderr in full instead and the
    answer is a sentence for the user saying where the details went and why the log failed.
    """
    path, reason = log_exception(exc, context)
    if reason is None:
        return path
    from desktop_app.core.messages import message

    key = "log_to_stderr" if sys.stderr is not None else "log_lost"
    return message(key, log=str(path), reason=reason)


def log_exception(exc: BaseException, context: str = "") -> tuple[Path, str | None]:
    """Write ``exc`` to the error log: ``(the log's path, None)``; or, when the log cannot be
    written, ``(its path, why in plain words)`` with the traceback written to stderr in full."""
    details = "".join(traceback.format_exception(exc))
    path = log_path()
    try:
        from desktop_app.paths import data_dir
        from desktop_app.privacy import make_private_dir, open_private

        data_dir()  # a data folder that cannot be used says why (paths.FolderError)
        make_private_dir(path.parent)
        where = f" ({context})" if context else ""
        entry = f"--- {_dt.datetime.now().isoformat(timespec='seconds')}{where}\n{details}"
        with open_private(path, "ab") as fh:  # bytes: a file name's lone surrogates are kept as \udcxx
            fh.write(entry.encode("utf-8", "backslashreplace"))
        return path, None
    except OSError as err:
        from desktop_app.core.messages import os_reason

        if sys.stderr is not None:  # a windowed program has none: nowhere else to put it
            try:
                sys.stderr.write(details)
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
        return path, os_reason(err)
