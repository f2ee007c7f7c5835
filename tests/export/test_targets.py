"""Where an export may write: only a regular file (or a new one), through a symlink to one, with
the replaced file's mode and owner kept, a name that fits the file system and works on Windows.

Each case was a defect found by a hostile probe run as root (issue #11, points 1, 2 and 10):
``notes export --out X`` replaced a device node, FIFO, socket or symlink X by a regular file and
exited 0 (against ``/dev/null`` it replaced the system's ``/dev/null``); a 0600 file exported over
became 0644; a 90-character Chinese name was an "internal error"; ``CON.md`` and ``a<b>.md`` were
written without a word.  The command line runs as a real process; special files are made with
mknod / mkfifo / bind in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.export import ExportError, ExportOptions, export_notes
from tests.conftest import ROOT
from tests.export.conftest import Notes
from tests.export.fs_faults import cli, export_cli, one_line_error

ROOT_ONLY = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("data")
    r = cli(data, "notes", "add", "--quote", "第一时间响应", "--note", "要快速响应", "--tag", "重点")
    assert r.returncode == 0, r.stderr
    return data


def _kind(path: Path) -> str:
    mode = os.lstat(path).st_mode
    for name in ("S_ISCHR", "S_ISBLK", "S_ISFIFO", "S_ISSOCK", "S_ISDIR", "S_ISLNK", "S_ISREG"):
        if getattr(stat, name)(mode):
            return name[4:].lower()
    return "?"


def _make(kind: str, path: Path) -> socket.socket | None:
    if kind == "chr":
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "sock":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(path))
        return s
    elif kind == "dir":
        path.mkdir()
    return None


@pytest.mark.parametrize(
    "kind",
    [pytest.param("chr", marks=ROOT_ONLY), "fifo", "sock", "dir"],
)
def test_a_target_that_is_not_a_regular_file_is_refused(data_dir: Path, tmp_path: Path, kind: str) -> None:
    target = tmp_path / "X"
    sock = _make(kind, target)
    try:
        before = os.lstat(target)
        err = one_line_error(export_cli(data_dir, "md", target))
        assert "不是普通文件" in err or "是一个文件夹" in err, err
        after = os.lstat(target)
        assert _kind(target) == kind and after.st_ino == before.st_ino and after.st_rdev == before.st_rdev
        assert sorted(p.name for p in tmp_path.iterdir()) == ["X"]  # no temporary file left
    finally:
        if sock is not None:
            sock.close()


def test_a_symlink_is_written_through_and_stays_a_link(data_dir: Path, tmp_path: Path) -> None:
    real = tmp_path / "real" / "notes.md"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    chain = tmp_path / "chain.md"
    chain.symlink_to("link.md")  # a relative link to a link
    r = export_cli(data_dir, "md", chain)
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert chain.is_symlink() and os.readlink(chain) == "link.md"
    assert "第一时间响应" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert sorted(p.name for p in real.parent.iterdir()) == ["notes.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chain.md", "link.md", "real"]


def test_a_dangling_symlink_creates_the_file_it_names(data_dir: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to("made.md")
    assert export_cli(data_dir, "md", link).returncode == 0
    assert link.is_symlink() and "第一时间响应" in (tmp_path / "made.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["fifo", "dir", "loop", "missing-folder"])
def test_a_symlink_to_something_unusable_is_refused(data_dir: Path, tmp_path: Path, kind: str) -> None:
    link = tmp_path / "link.md"
    if kind == "loop":
        link.symlink_to("link2.md")
        (tmp_path / "link2.md").symlink_to("link.md")
        expected = "循环"
    elif kind == "missing-folder":
        link.symlink_to(tmp_path / "gone" / "x.md")
        expected = "文件夹不存在"
    else:
        target = tmp_path / "target"
        _make(kind, target)
        link.symlink_to(target)
        expected = "不是普通文件" if kind == "fifo" else "是一个文件夹"
    names = sorted(p.name for p in tmp_path.iterdir())
    err = one_line_error(export_cli(data_dir, "md", link))
    assert expected in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == names


@ROOT_ONLY
def test_a_link_another_user_planted_in_a_shared_folder_is_not_followed(
    data_dir: Path, tmp_path: Path
) -> None:
    """As the kernel's protected_symlinks: in a sticky world-writable folder (/tmp) a link owned by
    someone else (not the folder's owner) is not followed, so it cannot aim an export at our files."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    planted = shared / "notes.md"
    planted.symlink_to(victim)
    os.lchown(planted, 54321, 54321)
    err = one_line_error(export_cli(data_dir, "md", planted))
    assert "符号链接" in err
    assert victim.read_text(encoding="utf-8") == "precious" and planted.is_symlink()
    own = shared / "mine.md"
    own.symlink_to(victim)  # our own link there is followed
    assert export_cli(data_dir, "md", own).returncode == 0
    assert "第一时间响应" in victim.read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755])
def test_the_replaced_files_mode_is_kept(notes: Notes, tmp_path: Path, mode: int) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("old", encoding="utf-8")
    out.chmod(mode)
    export_notes(notes.doc, notes.annotations, [], ExportOptions(format="txt"), out)
    assert stat.S_IMODE(out.stat().st_mode) == mode and "old" not in out.read_text(encoding="utf-8")


@ROOT_ONLY
@pytest.mark.parametrize("fmt", ["docx", "pdf", "csv"])
def test_the_replaced_files_owner_is_kept_where_allowed(notes: Notes, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"notes.{fmt}"
    out.write_text("old", encoding="utf-8")
    os.chown(out, 12345, 12346)
    out.chmod(0o640)
    export_notes(notes.doc, notes.annotations, [], ExportOptions(format=fmt), out)
    st = out.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (12345, 12346, 0o640)
    assert out.read_bytes() != b"old"


@ROOT_ONLY
@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv (util-linux)")
def test_without_the_right_to_keep_the_owner_the_export_still_succeeds(tmp_path: Path) -> None:
    """A process without CAP_CHOWN cannot give the file back to its owner: the mode is kept and the
    export succeeds (the file is now the exporter's, as when saving any file over another's)."""
    out = tmp_path / "notes.md"
    out.write_text("old", encoding="utf-8")
    os.chown(out, 12345, 12346)
    out.chmod(0o640)
    script = (
        "import sys; from pathlib import Path\n"
        "from desktop_app.core.loader import load_document\n"
        "from desktop_app.export import ExportOptions, export_notes\n"
        "from tests.conftest import SPEECH\n"
        "export_notes(load_document(SPEECH), [], [], ExportOptions(format='md'), Path(sys.argv[1]))\n"
    )
    r = subprocess.run(
        ["setpriv", "--bounding-set", "-chown", sys.executable, "-c", script, str(out)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    st = out.stat()
    assert stat.S_IMODE(st.st_mode) == 0o640 and st.st_uid == os.geteuid()
    assert out.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(
    ("umask", "mode"), [(0o000, 0o644), (0o002, 0o644), (0o022, 0o644), (0o027, 0o640), (0o077, 0o600)]
)
@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_a_new_file_follows_the_umask_and_is_never_more_open_than_0644(
    notes: Notes, tmp_path: Path, umask: int, mode: int, fmt: str
) -> None:
    out = tmp_path / f"new.{fmt}"
    old = os.umask(umask)
    try:
        export_notes(notes.doc, notes.annotations, [], ExportOptions(format=fmt), out)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_a_name_too_long_for_the_file_system_is_said_so(data_dir: Path, tmp_path: Path) -> None:
    long_name = "长" * 90 + ".md"  # 273 bytes in UTF-8; file systems allow 255
    err = one_line_error(export_cli(data_dir, "md", tmp_path / long_name))
    assert "文件名太长" in err and "273" in err, err
    assert not list(tmp_path.iterdir())
    longest = "长" * 84 + ".md"  # 255 bytes: allowed, although the temporary file sits beside it
    r = export_cli(data_dir, "md", tmp_path / longest)
    assert r.returncode == 0, r.stderr
    assert [p.name for p in tmp_path.iterdir()] == [longest]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("CON.md", "设备名"),
        ("con.txt", "设备名"),
        ("LPT1.tar.md", "设备名"),
        ("COM¹.md", "设备名"),
        ("nul .md", "设备名"),
        ("a<b>.md", "<"),
        ("会议 10:30.md", ":"),
        ('说"明".md', '"'),
        ("a|b?.md", "|"),
        ("notes.md.", "句点"),
        ("notes.md ", "空格"),
    ],
)
def test_names_windows_cannot_hold_are_refused_with_the_reason(
    notes: Notes, tmp_path: Path, name: str, reason: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportError) as err:
        export_notes(notes.doc, notes.annotations, [], ExportOptions(format="md"), folder / name)
    assert err.value.key == "windows_name" and reason in str(err.value) and "Windows" in str(err.value)
    assert not list(folder.iterdir())


def test_windows_names_refused_from_the_command_line_with_a_suggestion(
    data_dir: Path, tmp_path: Path
) -> None:
    err = one_line_error(export_cli(data_dir, "md", tmp_path / "a<b>.md"))
    assert "a_b_.md" in err, err  # the name it could have instead
    assert not list(tmp_path.iterdir())
    ok = tmp_path / "CONTENTS.md"  # only the exact device names are reserved
    assert export_cli(data_dir, "md", ok).returncode == 0 and ok.is_file()


@pytest.mark.skipif(sys.platform != "linux", reason="a name that is not UTF-8 needs a Linux file system")
def test_a_name_that_is_not_utf8_is_written_and_named_in_messages(data_dir: Path, tmp_path: Path) -> None:
    """GBK bytes in a name (a Windows zip unpacked on Linux): the export is written under that very
    name, and a message about such a name prints (U+FFFD for the bytes), with no internal error."""
    folder = os.fsencode(tmp_path)
    good = os.fsdecode(folder + b"/gbk\xd6\xd0.md")
    assert export_cli(data_dir, "md", good).returncode == 0
    assert os.listdir(folder) == [b"gbk\xd6\xd0.md"]
    bad = os.fsdecode(folder + b"/gbk\xd6\xd0:.md")
    err = one_line_error(export_cli(data_dir, "md", bad))
    assert "gbk\ufffd\ufffd:.md" in err and "\\udc" not in err, err
