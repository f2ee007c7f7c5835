"""Unusable data, cache and log folders, as real processes: each is said in plain words naming the
folder and what to do (they were all "内部错误" before); search does without its index; when the
error log cannot be written, the details go to stderr in full."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import EXIT_FAILURE, EXIT_INTERNAL
from tests import hostile
from tests.conftest import ROOT, SPEECH

QUERY = "中心工作"


def run(*args: str, data_dir: Path, unprivileged: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"}
    env.pop("YANDU_DATA_DIR", None)
    cmd = [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *args]
    return subprocess.run(
        hostile.unprivileged(cmd) if unprivileged else cmd,
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, cwd=ROOT,
    )  # fmt: skip


def messages_of(r: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in r.stderr.splitlines() if line.startswith("desktop-app: ")]


def assert_search_works_without_index(r: subprocess.CompletedProcess[str], folder: str, words: str) -> None:
    assert r.returncode == 0, r.stderr
    assert r.stdout.count(f"【{QUERY}】") == 5  # the same hits as with an index (--limit 5)
    notices = [m for m in messages_of(r) if "搜索照常进行" in m]
    assert len(notices) == 1 and folder in notices[0] and words in notices[0], r.stderr
    assert "内部错误" not in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("where", ["is a file", "under a file"])
def test_a_data_folder_that_cannot_be_made(tmp_path: Path, where: str) -> None:
    afile = tmp_path / "yandu"
    afile.write_text("不是文件夹", encoding="utf-8")
    data = afile if where == "is a file" else afile / "data"
    words = "位置上是一个文件" if where == "is a file" else "路径中有一段是文件"
    for args in (["notes", "list", "--doc", str(SPEECH)], [str(SPEECH), "--quit-after-load"]):
        r = run(*args, data_dir=data)
        assert r.returncode == EXIT_FAILURE, r.stderr
        lines = messages_of(r)
        assert len(lines) == 1 and str(data) in lines[0] and words in lines[0], r.stderr
        assert "--data-dir" in lines[0]  # what to do
        assert "内部错误" not in r.stderr and "Traceback" not in r.stderr
    r = run("search", QUERY, "--limit", "5", data_dir=data)
    assert_search_works_without_index(r, str(data / "cache"), "文件")
    r = run("toc", str(SPEECH), data_dir=data)  # needs no data folder at all
    assert r.returncode == 0 and r.stderr == ""


def test_a_read_only_data_folder(tmp_path: Path) -> None:
    """Search scans without its index (it failed on the cache); the window opens; notes say why."""
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o500)
    r = run("search", QUERY, "--limit", "5", data_dir=data, unprivileged=True)
    assert_search_works_without_index(r, str(data / "cache"), "没有权限")
    r = run(str(SPEECH), "--quit-after-load", data_dir=data, unprivileged=True)
    assert r.returncode == 0 and "first-paint" in r.stdout, r.stderr
    r = run("notes", "add", "--doc", str(SPEECH), "--quote", "踩准点", data_dir=data, unprivileged=True)
    assert r.returncode != 0 and str(data) in r.stderr
    assert "内部错误" not in r.stderr and "Traceback" not in r.stderr


def test_a_cache_folder_that_is_a_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "cache").write_text("不是文件夹", encoding="utf-8")
    r = run("search", QUERY, "--limit", "5", data_dir=data)
    assert_search_works_without_index(r, str(data / "cache"), "位置上是一个文件")
    r = run(str(SPEECH), "--quit-after-load", data_dir=data)
    assert r.returncode == 0 and "first-paint" in r.stdout, r.stderr


# An internal error, for real: the command's handler raises (a stand-in for a bug).
FAULT = """
import sys
from desktop_app import cli
def broken(args):
    raise RuntimeError("模拟的程序错误 in toc")
cli.cmd_toc = broken
sys.exit(cli.main(sys.argv[1:]))
"""


def run_fault(data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    env.pop("YANDU_DATA_DIR", None)
    script = data.parent / "fault.py"
    script.write_text(FAULT, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script), "--data-dir", str(data), "toc", str(SPEECH)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, cwd=ROOT,
    )  # fmt: skip


def test_an_internal_error_is_logged_and_said_in_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    r = run_fault(data)
    assert r.returncode == EXIT_INTERNAL
    assert r.stderr.splitlines() == [
        f"desktop-app: 内部错误：模拟的程序错误 in toc（详情见 {data / 'logs' / 'errors.log'}）"
    ]
    log = (data / "logs" / "errors.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and 'raise RuntimeError("模拟的程序错误 in toc")' in log
    if os.name == "posix":
        assert (data / "logs" / "errors.log").stat().st_mode & 0o077 == 0  # private: it names files


@pytest.mark.parametrize("where", ["logs is a file", "data is a file"])
def test_when_the_error_log_cannot_be_written_the_details_go_to_stderr_in_full(
    tmp_path: Path, where: str
) -> None:
    data = tmp_path / "data"
    if where == "logs is a file":
        data.mkdir()
        (data / "logs").write_text("不是文件夹", encoding="utf-8")
    else:
        data.write_text("不是文件夹", encoding="utf-8")
    r = run_fault(data)
    assert r.returncode == EXIT_INTERNAL
    # the whole traceback, then the one line that says where it went and why the log failed
    assert "Traceback (most recent call last)" in r.stderr
    assert 'raise RuntimeError("模拟的程序错误 in toc")' in r.stderr
    last = r.stderr.splitlines()[-1]
    assert last.startswith("desktop-app: 内部错误：模拟的程序错误 in toc（详情见 上面的错误输出；")
    assert str(data / "logs" / "errors.log") in last and "无法写入" in last
    assert "是文件" in last or "一个文件" in last or "同名" in last  # why, in plain words
