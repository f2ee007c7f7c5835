"""Exporting over a file as Windows treats it: held open by Word, read-only, on another volume,
behind a path longer than MAX_PATH.

No Windows here, so what Windows does is made to happen at the one place it shows: the
``os.replace`` call (Word holding the file makes it raise PermissionError, WinError 32 or 5).
Everything else is real: the export, the files, the temporary file beside the target.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core import messages
from desktop_app.export import FORMATS, ExportError, ExportOptions, atomic, export_notes
from desktop_app.export.targets import Target
from tests.conftest import ROOT
from tests.export.conftest import Notes
from tests.export.fs_faults import tmpfs

REAL_REPLACE = os.replace


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    folder = tmp_path / "学习 笔记"
    folder.mkdir()
    out = folder / "笔记 导出.txt"
    out.write_text("the old notes", encoding="utf-8")
    return out


def held_open(winerror: int | None = None):  # type: ignore[no-untyped-def]
    """``os.replace`` as Windows does it while Word has the target open."""

    calls: list[tuple[str, str]] = []

    def replace(src: object, dst: object) -> None:
        calls.append((os.fspath(src), os.fspath(dst)))  # type: ignore[arg-type]
        exc = PermissionError(errno.EACCES, "The process cannot access the file", os.fspath(dst))  # type: ignore[arg-type]
        if winerror is not None:
            exc.winerror = winerror  # type: ignore[attr-defined]
        raise exc

    replace.calls = calls  # type: ignore[attr-defined]
    return replace


@pytest.mark.parametrize("winerror", [None, 32, 5], ids=["EACCES", "sharing-violation", "access-denied"])
def test_a_file_open_in_word_is_said_so_and_kept(
    notes: Notes, old_file: Path, monkeypatch: pytest.MonkeyPatch, winerror: int | None
) -> None:
    monkeypatch.setattr(os, "replace", held_open(winerror))
    with pytest.raises(ExportError) as err:
        export_notes(notes.doc, notes.annotations, [], ExportOptions(format="txt"), old_file)
    text = str(err.value)
    assert err.value.key == "in_use"
    assert "正在另一个程序" in text and "Word" in text and "关闭" in text and "原有文件没有改动" in text
    assert str(old_file) in text
    assert old_file.read_text(encoding="utf-8") == "the old notes"  # nothing lost
    assert [p.name for p in old_file.parent.iterdir()] == [old_file.name]  # the temporary file removed
    messages.set_language("en")
    with pytest.raises(ExportError, match="open in another program"):
        export_notes(notes.doc, notes.annotations, [], ExportOptions(format="txt"), old_file)


def test_a_file_opened_for_a_moment_is_replaced_after_a_retry(
    notes: Notes, old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An antivirus or the search indexer opens a new file for a moment: the rename is tried again."""
    failures = [PermissionError(errno.EACCES, "in use"), PermissionError(errno.EACCES, "in use")]
    calls = []

    def busy_then_free(src: object, dst: object) -> None:
        calls.append(src)
        if failures:
            raise failures.pop()
        REAL_REPLACE(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic, "REPLACE_RETRIES", 3)
    monkeypatch.setattr(atomic, "REPLACE_RETRY_S", 0.01)
    monkeypatch.setattr(os, "replace", busy_then_free)
    export_notes(notes.doc, notes.annotations, [], ExportOptions(format="txt"), old_file)
    assert len(calls) == 3 and "the old notes" not in old_file.read_text(encoding="utf-8")
    assert [p.name for p in old_file.parent.iterdir()] == [old_file.name]


def test_retries_end_and_the_file_held_open_is_reported(
    notes: Notes, old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replace = held_open(32)
    monkeypatch.setattr(atomic, "REPLACE_RETRIES", 2)
    monkeypatch.setattr(atomic, "REPLACE_RETRY_S", 0.01)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ExportError) as err:
        export_notes(
            notes.doc, notes.annotations, [], ExportOptions(format="md"), old_file.with_suffix(".md")
        )
    assert err.value.key == "in_use" and len(replace.calls) == 3  # type: ignore[attr-defined]


def test_the_retries_are_for_windows_only() -> None:
    retries = atomic.REPLACE_RETRIES
    assert retries == (10 if os.name == "nt" else 0)


def test_a_new_file_held_by_nobody_but_refused_is_not_called_open(
    notes: Notes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without an old file there is nothing another program could hold: the plain message."""
    monkeypatch.setattr(os, "replace", held_open())
    with pytest.raises(ExportError) as err:
        export_notes(notes.doc, notes.annotations, [], ExportOptions(format="txt"), tmp_path / "new.txt")
    assert err.value.key == "no_permission"
    assert not list(tmp_path.glob(".yandu-*"))


def test_a_read_only_file_on_windows_is_said_so() -> None:
    """Windows refuses to replace a file with the read-only attribute (os.stat shows it as 0o444)."""
    out = Path("C:/Users/张三/Documents/笔记.docx")
    old = os.stat_result((0o100444, 0, 0, 1, 0, 0, 10, 0, 0, 0))
    exc = PermissionError(errno.EACCES, "Access is denied")
    exc.winerror = 5  # type: ignore[attr-defined]
    assert atomic._replace_error(exc, out, Target(out, old), windows=True).key == "read_only_file"
    writable = os.stat_result((0o100666, 0, 0, 1, 0, 0, 10, 0, 0, 0))
    assert atomic._replace_error(exc, out, Target(out, writable), windows=True).key == "in_use"
    assert "只读" in str(atomic._replace_error(exc, out, Target(out, old), windows=True))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_another_users_file_in_a_sticky_folder_is_not_called_open(
    notes: Notes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/tmp: a file of another user cannot be replaced, and no program holds it (Linux)."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    os.chown(shared, 65534, 65534)
    out = shared / "theirs.txt"
    out.write_text("theirs", encoding="utf-8")
    os.chown(out, 65534, 65534)
    monkeypatch.setattr(os, "replace", held_open())  # what the kernel answers a user not root
    with pytest.raises(ExportError) as err:
        export_notes(notes.doc, notes.annotations, [], ExportOptions(format="txt"), out)
    assert err.value.key == "no_permission" and out.read_text(encoding="utf-8") == "theirs"


@pytest.mark.parametrize("how", ["EXDEV", "WinError 17"])
def test_a_rename_across_volumes_is_said_in_words(
    notes: Notes, old_file: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    def other_volume(src: object, dst: object) -> None:
        exc = OSError(errno.EXDEV, "Invalid cross-device link")
        if how != "EXDEV":
            exc = OSError(errno.EACCES, "The system cannot move the file to a different disk drive")
            exc.winerror = 17  # type: ignore[attr-defined]
        raise exc

    monkeypatch.setattr(os, "replace", other_volume)
    with pytest.raises(ExportError) as err:
        export_notes(notes.doc, notes.annotations, [], ExportOptions(format="txt"), old_file)
    assert err.value.key == "cross_device" and "不在同一个磁盘上" in str(err.value)
    assert "原有文件没有改动" in str(err.value) and "cross-device" not in str(err.value)
    assert old_file.read_text(encoding="utf-8") == "the old notes"
    assert [p.name for p in old_file.parent.iterdir()] == [old_file.name]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_temporary_file_is_beside_the_target_never_in_the_temp_folder(
    notes: Notes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """A rename works within one volume only: the file is made in the target's folder (and no
    writer puts anything in %TEMP% / $TMPDIR on the way)."""
    import tempfile

    temp = tmp_path / "temp"
    temp.mkdir()
    for var in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(var, str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read the variables again
    renames: list[tuple[str, str]] = []

    def spy(src: object, dst: object) -> None:
        renames.append((os.fspath(src), os.fspath(dst)))  # type: ignore[arg-type]
        REAL_REPLACE(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", spy)
    out = tmp_path / "导出 文件夹" / f"笔记{FORMATS[fmt].extension}"
    out.parent.mkdir()
    export_notes(notes.doc, notes.annotations, notes.bookmarks, ExportOptions(format=fmt), out)
    assert out.stat().st_size > 0
    ((src, _dst),) = [r for r in renames if r[1] == str(out)]
    assert Path(src).parent == out.parent and Path(src).name.startswith(".yandu-")
    assert not list(temp.iterdir())


def test_an_export_onto_another_volume_works(tmp_path: Path) -> None:
    """A real second volume (a tmpfs) as the target's folder, with the temp folder on the first:
    a temporary file made in $TMPDIR would fail the rename with EXDEV."""
    with tmpfs(tmp_path / "usb stick 优盘", size="4m") as stick:
        temp = tmp_path / "temp"
        temp.mkdir()
        out = stick / "笔记 导出.docx"
        out.write_bytes(b"old")
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "PYTHONIOENCODING": "utf-8",
            "QT_QPA_PLATFORM": "offscreen",
        }
        env.update(TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp))
        env.pop("YANDU_DATA_DIR", None)
        data = tmp_path / "data"
        run = [sys.executable, "-m", "desktop_app", "--data-dir", str(data)]
        r = subprocess.run(
            [*run, "notes", "add", "--quote", "第一时间响应"], capture_output=True, env=env, cwd=ROOT
        )
        assert r.returncode == 0, r.stderr
        for fmt in ("docx", "pdf"):
            target = out.with_suffix(f".{fmt}")
            r = subprocess.run(
                [*run, "notes", "export", "--format", fmt, "--out", str(target)],
                capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120,
            )  # fmt: skip
            assert r.returncode == 0, r.stderr
            assert target.stat().st_size > 1000
        assert sorted(p.name for p in stick.iterdir()) == ["笔记 导出.docx", "笔记 导出.pdf"]
        assert not list(temp.iterdir())


LONG = "C:\\Users\\张三\\" + "很长的文件夹名" * 40 + "\\笔记.md"  # over 259 characters


@pytest.mark.parametrize(
    ("failing", "windows", "key"),
    [(LONG, True, "path_too_long"), (LONG, False, "no_folder"), ("C:\\短\\x.md", True, "no_folder")],
)
def test_a_path_over_max_path_on_windows_is_too_long_not_missing(
    tmp_path: Path, failing: str, windows: bool, key: str
) -> None:
    """Without long paths switched on, Windows answers a path over MAX_PATH with "path not
    found" (ERROR_PATH_NOT_FOUND): that must not read as "the folder does not exist"."""
    exc = FileNotFoundError(errno.ENOENT, "The system cannot find the path specified", failing)
    out = tmp_path / "gone" / "x.md"  # its folder is missing here, as it seems to Windows
    assert atomic._error_for(exc, out, windows=windows).key == key


def test_winerror_206_is_a_path_too_long() -> None:
    exc = OSError(errno.EINVAL, "The filename or extension is too long")
    exc.winerror = 206  # type: ignore[attr-defined]
    out = Path("C:/a/b.md")
    assert atomic._error_for(exc, out, windows=True).key == "path_too_long"
    assert "路径太长" in str(atomic._error_for(exc, out, windows=True))


@pytest.mark.parametrize("name", ["AUX.docx", "nul", "Con.pdf", "COM1.csv", "lpt9.json"])
def test_device_names_are_refused_whatever_the_format(notes: Notes, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportError) as err:
        export_notes(notes.doc, notes.annotations, [], ExportOptions(format="docx"), folder / name)
    assert err.value.key == "windows_name" and "设备名" in str(err.value)
    assert not list(folder.iterdir())


def test_no_export_temp_file_is_left_when_the_rename_fails(notes: Notes, tmp_path: Path) -> None:
    """Real: the target replaced by a non-empty folder between the check and the rename."""
    out = tmp_path / "out" / "notes.md"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")

    def swap_then_replace(src: object, dst: object) -> None:
        os.unlink(out)
        out.mkdir()
        (out / "inside").write_text("x", encoding="utf-8")
        REAL_REPLACE(src, dst)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "replace", swap_then_replace)
        with pytest.raises(ExportError):
            export_notes(notes.doc, notes.annotations, [], ExportOptions(format="md"), out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["notes.md"] and out.is_dir()
    shutil.rmtree(out)


def test_a_write_protected_usb_stick_on_windows_is_read_only(
    notes: Notes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows answers ERROR_WRITE_PROTECT (WinError 19, errno EACCES) when the temporary file is
    made on a locked stick: "read-only disk", as Linux's EROFS says, not "no permission"."""
    real_open = os.open

    def write_protected(path: object, flags: int, mode: int = 0o777) -> int:
        if os.fspath(path).endswith(".tmp"):  # type: ignore[arg-type]
            exc = PermissionError(errno.EACCES, "The media is write protected", os.fspath(path))  # type: ignore[arg-type]
            exc.winerror = 19  # type: ignore[attr-defined]
            raise exc
        return real_open(path, flags, mode)  # type: ignore[arg-type]

    folder = tmp_path / "U盘"
    folder.mkdir()
    monkeypatch.setattr(os, "open", write_protected)
    with pytest.raises(ExportError) as err:
        export_notes(notes.doc, notes.annotations, [], ExportOptions(format="md"), folder / "笔记.md")
    assert err.value.key == "read_only" and "只读" in str(err.value)
    assert not list(folder.iterdir())
