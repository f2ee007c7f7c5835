"""Unexpected errors are written, with their traceback, to a log in the data folder."""

from __future__ import annotations

import datetime as _dt
import traceback
from pathlib import Path


def write_crash_log(exc: BaseException) -> Path | str:
    """Append ``exc`` with its traceback to ``<data dir>/logs/errors.log``; return the path."""
    try:
        from desktop_app.paths import data_dir

        log_dir = data_dir() / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "errors.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {_dt.datetime.now().isoformat(timespec='seconds')}\n")
            fh.write("".join(traceback.format_exception(exc)))
        return path
    except OSError:
        return "stderr"
