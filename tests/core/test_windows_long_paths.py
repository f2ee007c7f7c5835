"""A document behind a path longer than MAX_PATH on a Windows without long paths switched on:
Windows answers "path not found" (or WinError 206) for a file that is there.  The message must say
the path is too long, not that the file is missing.  What Windows answers is made the one way it
shows, the OSError; the message is then the program's own.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from desktop_app.core import loader

LONG = "C:\\Users\\张三\\Documents\\" + "二〇二三年工作总结与二〇二四年工作安排\\" * 12 + "讲话稿.docx"


def not_found(path: str) -> FileNotFoundError:
    return FileNotFoundError(errno.ENOENT, "The system cannot find the path specified", path)


def test_a_path_over_max_path_is_too_long_on_windows() -> None:
    assert len(LONG) > 259
    err = loader._open_error(not_found(LONG), Path(LONG), windows=True)
    assert err.key == "name_too_long" and "太长" in str(err)


def test_elsewhere_and_for_a_short_path_missing_is_missing() -> None:
    assert loader._open_error(not_found(LONG), Path(LONG), windows=False).key == "not_found"
    short = "C:\\Users\\张三\\讲话稿.docx"
    assert loader._open_error(not_found(short), Path(short), windows=True).key == "not_found"


def test_winerror_206_is_too_long() -> None:
    exc = OSError(errno.EINVAL, "The filename or extension is too long")
    exc.winerror = 206  # type: ignore[attr-defined]
    assert loader._open_error(exc, Path("C:\\a.txt"), windows=True).key == "name_too_long"


def test_a_real_missing_file_here_is_still_not_found(tmp_path: Path) -> None:
    with pytest.raises(loader.DocumentError) as err:
        loader.load_document(tmp_path / "没有 这个.txt")
    assert err.value.key == "not_found"
