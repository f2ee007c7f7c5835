"""The command line's output in a code page that is not UTF-8, as on Windows.

A Windows console window shows Unicode, but output piped or redirected from ``yandu-cli.exe``
(``> toc.txt``, ``| findstr``) is in the system's code page: GBK (cp936) on a Chinese Windows,
cp1252 on an English one.  Simulated here as Python lets one: real processes with
PYTHONIOENCODING.  The output must be in that code page (no mojibake), with ``?`` for each
character it lacks, and never end in a UnicodeEncodeError.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.console import holds_everything, unshowable
from desktop_app.core.loader import load_document
from tests.conftest import ROOT

# "•" (U+2022), a no-break space, an emoji and "€": none of them is in GBK.
TEXT = "关于•工作的通知\n一、总体\u00a0要求😀\n认真学习•贯彻。\n二、具体措施\n加强领导€。\n"
LACKING = 5


def run(*args: str, encoding: str, data_dir: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": encoding}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("YANDU_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *args],
        capture_output=True, env=env, timeout=120, cwd=ROOT,
    )  # fmt: skip


def shown(text: str, encoding: str) -> str:
    """What a console in ``encoding`` should show of ``text``: a ``?`` for each character it lacks."""
    return text.encode(encoding, "replace").decode(encoding)


@pytest.fixture
def notice(tmp_path: Path) -> Path:
    folder = tmp_path / "我的 文件"
    folder.mkdir()
    path = folder / "通知 一.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_text_in_gbk_is_gbk_with_one_question_mark_per_missing_character(
    notice: Path, tmp_path: Path
) -> None:
    r = run("text", str(notice), encoding="gbk", data_dir=tmp_path / "data")
    assert r.returncode == 0, r.stderr.decode("gbk", "replace")
    out = r.stdout.decode("gbk")  # strict: GBK through and through, not UTF-8 bytes
    text = load_document(notice).text
    assert out == shown(text, "gbk") + "\n"
    assert len(out) == len(text) + 1  # one "?" each: every offset still counts
    assert "关于?工作的通知" in out and "要求?" in out
    err = r.stderr.decode("gbk")
    assert f"{LACKING} 个字符" in err and "gbk" in err and err.count("\n") == 1


def test_text_in_utf8_is_exact_and_says_nothing(notice: Path, tmp_path: Path) -> None:
    r = run("text", str(notice), encoding="utf-8", data_dir=tmp_path / "data")
    assert r.returncode == 0 and r.stderr == b""
    assert r.stdout.decode("utf-8") == load_document(notice).text + "\n"


def test_text_in_gb18030_is_exact(notice: Path, tmp_path: Path) -> None:
    """GB18030 holds every character: nothing is replaced."""
    r = run("text", str(notice), encoding="gb18030", data_dir=tmp_path / "data")
    assert r.returncode == 0 and r.stderr == b""
    assert r.stdout.decode("gb18030") == load_document(notice).text + "\n"


def test_toc_search_and_notes_in_gbk(notice: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    doc = load_document(notice)
    titles = [s.title for s in doc.sections]
    assert any(not holds_everything("gbk") and unshowable(t, "gbk") for t in titles)

    r = run("toc", str(notice), encoding="gbk", data_dir=data)
    assert r.returncode == 0, r.stderr.decode("gbk", "replace")
    assert r.stdout.decode("gbk").split() == [shown(t, "gbk").strip() for t in titles]

    r = run("toc", str(notice), "--json", encoding="gbk", data_dir=data)
    assert r.returncode == 0
    assert [i["title"] for i in json.loads(r.stdout.decode("gbk"))] == [shown(t, "gbk") for t in titles]

    r = run("search", "认真", "--doc", str(notice), encoding="gbk", data_dir=data)
    assert r.returncode == 0
    line = r.stdout.decode("gbk")
    assert "【认真】学习?贯彻" in line and "总体?要求?" in line  # the section title, as GBK shows it

    note = "要点•记住😀"
    args = ["notes", "add", "--doc", str(notice), "--quote", "认真学习", "--note", note]
    r = run(*args, encoding="gbk", data_dir=data)
    assert r.returncode == 0, r.stderr.decode("gbk", "replace")
    r = run("notes", "list", "--doc", str(notice), encoding="gbk", data_dir=data)
    assert r.returncode == 0 and shown(note, "gbk") in r.stdout.decode("gbk")
    r = run("notes", "list", "--doc", str(notice), "--json", encoding="gbk", data_dir=data)
    assert r.returncode == 0
    (item,) = json.loads(r.stdout.decode("gbk"))
    assert item["note"] == "要点?记住?" and item["prefix"].startswith("关于?工作")
    # what was stored is the note as typed: only the console's copy lost characters
    r = run("notes", "list", "--doc", str(notice), "--json", encoding="utf-8", data_dir=data)
    assert json.loads(r.stdout.decode("utf-8"))[0]["note"] == note


def test_an_error_naming_a_file_with_characters_gbk_lacks(tmp_path: Path) -> None:
    missing = tmp_path / "缺•😀 文件.txt"
    r = run("toc", str(missing), encoding="gbk", data_dir=tmp_path / "data")
    assert r.returncode == 3 and r.stdout == b""
    err = r.stderr.decode("gbk")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "找不到文件" in err and "缺?? 文件.txt" in err
    assert "\\u2022" not in err and "\\U0001f600" not in err  # not Python's escapes either


def test_selftest_and_help_in_gbk(tmp_path: Path) -> None:
    r = run("selftest", encoding="gbk", data_dir=tmp_path / "data")
    assert r.returncode == 0, r.stdout.decode("gbk", "replace") + r.stderr.decode("gbk", "replace")
    assert "selftest passed" in r.stdout.decode("gbk")
    r = run("--help", encoding="gbk", data_dir=tmp_path / "data")
    assert r.returncode == 0 and "研读" in r.stdout.decode("gbk")


def test_an_english_windows_code_page_shows_question_marks_and_english_messages(
    notice: Path, tmp_path: Path
) -> None:
    """cp1252 (an English Windows, GitHub's runners): no Chinese at all, still no crash."""
    data = tmp_path / "data"
    r = run("toc", str(notice), encoding="cp1252", data_dir=data)
    assert r.returncode == 0 and set(r.stdout.decode("cp1252")) <= set("?\r\n \u00a0")
    r = run("--lang", "en", "toc", str(notice.with_name("nope.txt")), encoding="cp1252", data_dir=data)
    assert r.returncode == 3 and "File not found" in r.stderr.decode("cp1252")
    assert "Traceback" not in r.stderr.decode("cp1252")


@pytest.mark.parametrize(
    ("encoding", "whole"),
    [("utf-8", True), ("UTF8", True), ("utf-16-le", True), ("gb18030", True), ("GBK", False),
     ("cp936", False), ("cp1252", False), ("ascii", False), ("no-such-codec", False), (None, False)],
)  # fmt: skip
def test_which_encodings_hold_every_character(encoding: str | None, whole: bool) -> None:
    assert holds_everything(encoding) is whole


def test_unshowable_counts_each_occurrence() -> None:
    assert unshowable(TEXT, "gbk") == LACKING
    assert unshowable(TEXT, "utf-8") == 0
    assert unshowable("中文", "cp1252") == 2
