"""Hostile documents given to the command line and to a scripted window start, as real processes:
pipes, devices, sockets, folders, link loops, unreadable files, file names that are not UTF-8.
Each must end at once with one plain line and a non-zero status (a FIFO hung them; /dev/zero was
read until memory ran out; a window that could not open its file waited for a click)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.cli import EXIT_BAD_INPUT
from tests import hostile
from tests.conftest import ROOT

TIMEOUT = 60  # seconds; each should take about one start of the program


def run(
    *args: str | bytes, data_dir: Path, cmd_prefix: list[str] | None = None
) -> subprocess.CompletedProcess:
    """``python -m desktop_app --data-dir DIR ARGS`` with bytes allowed (file names that are not UTF-8)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"}
    env.pop("YANDU_DATA_DIR", None)
    cmd = [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *args]
    return subprocess.run((cmd_prefix or []) + cmd, capture_output=True, env=env, timeout=TIMEOUT, cwd=ROOT)


def err_lines(r: subprocess.CompletedProcess) -> list[str]:
    return r.stderr.decode("utf-8").strip().splitlines()


@pytest.fixture
def hostile_file(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """(path, words the message must hold) for each kind of thing that is not a text file."""
    kind = request.param
    if kind == "socket":
        with hostile.listening_socket() as sock:
            yield sock, "套接字"
        return
    made = {
        "fifo": lambda: (hostile.make_fifo(tmp_path), "管道"),
        "device": lambda: (hostile.make_char_device(tmp_path), "设备"),
        "folder": lambda: (tmp_path, "文件夹"),
        "link loop": lambda: (hostile.make_loop(tmp_path), "符号链接"),
        "missing": lambda: (tmp_path / "gone.txt", "找不到文件"),
    }
    yield made[kind]()


KINDS = ["fifo", "device", "socket", "folder", "link loop", "missing"]


@pytest.mark.parametrize("hostile_file", KINDS, indirect=True)
@pytest.mark.parametrize("command", ["text", "toc", "search"])
def test_commands_refuse_what_is_not_a_text_file(
    hostile_file: tuple[Path, str], command: str, isolated_user_data: Path
) -> None:
    path, words = hostile_file
    args = ["search", "总则", "--doc", str(path)] if command == "search" else [command, str(path)]
    r = run(*args, data_dir=isolated_user_data)
    assert r.returncode == EXIT_BAD_INPUT
    lines = err_lines(r)
    assert len(lines) == 1 and lines[0].startswith("desktop-app: "), lines
    assert words in lines[0] and str(path) in lines[0]


@pytest.mark.parametrize("hostile_file", KINDS, indirect=True)
def test_a_scripted_window_start_ends_when_its_file_cannot_be_opened(
    hostile_file: tuple[Path, str], isolated_user_data: Path
) -> None:
    """``FILE --quit-after-load``: the error on stderr and a non-zero status, no box waiting for a click."""
    path, words = hostile_file
    r = run(str(path), "--quit-after-load", data_dir=isolated_user_data)
    assert r.returncode == EXIT_BAD_INPUT, r.stderr.decode()
    assert b"first-paint" not in r.stdout  # it did not fall back to another document
    messages = [line for line in err_lines(r) if line.startswith("desktop-app: ")]
    assert len(messages) == 1 and words in messages[0] and str(path) in messages[0]
    assert "Traceback" not in r.stderr.decode()


def test_an_unreadable_file(tmp_path: Path, isolated_user_data: Path) -> None:
    """Refused by the system for real (as root: run without root's powers)."""
    target = tmp_path / "locked.txt"
    target.write_text(hostile.LAW, encoding="utf-8")
    target.chmod(0)  # (without root's powers, root is only the owner: the folders stay reachable)
    for args in (["toc", str(target)], [str(target), "--quit-after-load"]):
        r = run(*args, data_dir=isolated_user_data, cmd_prefix=hostile.unprivileged([]))
        assert r.returncode == EXIT_BAD_INPUT, r.stderr.decode()
        lines = [line for line in err_lines(r) if line.startswith("desktop-app: ")]
        assert len(lines) == 1 and "没有权限" in lines[0] and str(target) in lines[0]


def test_a_file_name_that_is_not_utf8(tmp_path: Path, isolated_user_data: Path) -> None:
    """A GBK-named file (a Windows zip unpacked on Linux) is read, listed, searched and shown in the
    window; a message naming such a file prints replacement characters instead of crashing."""
    path = hostile.gbk_named_file(tmp_path)
    raw = os.fsencode(path)
    r = run("text", raw, data_dir=isolated_user_data)
    assert r.returncode == 0 and r.stdout.decode() == hostile.LAW
    r = run("toc", raw, data_dir=isolated_user_data)
    assert r.returncode == 0 and r.stdout.decode().splitlines() == ["第一条", "第二条"]
    r = run("search", "拍卖", "--doc", raw, data_dir=isolated_user_data)
    assert r.returncode == 0 and r.stdout.decode().count("【拍卖】") == 2
    r = run(raw, "--quit-after-load", data_dir=isolated_user_data)
    assert r.returncode == 0 and r.stdout.decode().strip() == "first-paint", r.stderr.decode()
    # named in a message: a missing file and a folder with such names
    for bad in (raw + b".bak", os.fsencode(tmp_path)):
        if bad != raw + b".bak":
            bad = os.path.join(bad, b"\xd5\xc2")  # 章 in GBK: a folder
            os.mkdir(bad)
        r = run("toc", bad, data_dir=isolated_user_data)
        assert r.returncode == EXIT_BAD_INPUT
        line = r.stderr.decode("utf-8")  # valid UTF-8: no escaped surrogates
        assert "\ufffd" in line and "\\udc" not in line and "Traceback" not in line


def test_a_message_with_such_a_name_prints_on_a_gbk_console(tmp_path: Path, isolated_user_data: Path) -> None:
    """A Chinese Windows console is GBK: the replacement character has no GBK code, still no crash."""
    path = hostile.gbk_named_file(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "gbk"}
    missing = os.fsencode(path) + b".bak"
    r = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(isolated_user_data), "toc", missing],
        capture_output=True, env=env, timeout=TIMEOUT, cwd=ROOT,
    )  # fmt: skip
    assert r.returncode == EXIT_BAD_INPUT
    text = r.stderr.decode("gbk")
    assert text.startswith("desktop-app: 找不到文件") and "Traceback" not in text


def test_notes_on_a_document_whose_name_is_not_utf8(tmp_path: Path, isolated_user_data: Path) -> None:
    path = hostile.gbk_named_file(tmp_path)
    raw = os.fsencode(path)
    r = run("notes", "add", "--doc", raw, "--quote", "拍卖", "--note", "记一下", data_dir=isolated_user_data)
    assert r.returncode == 0, r.stderr.decode()
    r = run("notes", "list", "--doc", raw, data_dir=isolated_user_data)
    assert r.returncode == 0 and "记一下" in r.stdout.decode()


def test_a_printed_file_name_that_is_not_utf8(tmp_path: Path, isolated_user_data: Path) -> None:
    """``notes export`` prints where it wrote: a GBK name prints with replacement characters."""
    from tests.conftest import SPEECH

    r = run("notes", "add", "--doc", str(SPEECH), "--quote", "踩准点", data_dir=isolated_user_data)
    assert r.returncode == 0
    out = os.path.join(os.fsencode(tmp_path), "笔记.md".encode("gbk"))
    r = run(
        "notes", "export", "--doc", str(SPEECH), "--format", "md", "--out", out, data_dir=isolated_user_data
    )
    assert r.returncode == 0 and os.path.isfile(out)
    printed = r.stdout.decode("utf-8").strip()  # valid UTF-8
    assert printed.startswith(str(tmp_path)) and "\ufffd" in printed and printed.endswith(".md")
