"""``desktop-app notes`` / ``bookmarks`` given bytes that are not UTF-8, and numbers no text has.

Real processes with a bytes argv (as a GBK terminal or a script hands them over): Python
turns such arguments into surrogate escapes, which used to reach SQLite and end in an
internal error (exit 70).  Now: a text option is refused in plain words (exit 3, nothing
changed); a file name is a real file's name, which opens and takes notes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SPEECH

GARBLED = "报告".encode("gbk")  # b"\xb1\xa8\xb8\xe6": not UTF-8


def cli(*args: str | bytes, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """``python -m desktop_app --data-dir D ARGS`` with ``ARGS`` passed as bytes, untouched."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}
    env.pop("YANDU_DATA_DIR", None)
    argv = [os.fsencode(sys.executable), b"-m", b"desktop_app", b"--data-dir", os.fsencode(data_dir)]
    argv += [a if isinstance(a, bytes) else a.encode("utf-8") for a in args]
    r = subprocess.run(argv, capture_output=True, env=env, timeout=120, cwd=ROOT)
    return subprocess.CompletedProcess(
        r.args, r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")
    )


def plain_failure(r: subprocess.CompletedProcess[str], code: int) -> None:
    assert r.returncode == code, (r.returncode, r.stderr)
    assert "内部错误" not in r.stderr and "Traceback" not in r.stderr
    assert r.stderr.count("\n") == 1


def listed(data_dir: Path, *doc: str | bytes) -> list[dict[str, object]]:
    r = cli("notes", "list", *doc, "--json", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ["notes", "add", "--quote", "机关党建", "--note", b"note " + GARBLED],
        ["notes", "add", "--quote", "机关党建", "--tag", "好", "--tag", GARBLED],
        ["notes", "add", "--quote", b"\xff\xfe"],
        ["bookmarks", "add", "--offset", "5", "--title", GARBLED + b"\xff"],
    ],
    ids=["note", "tag", "quote", "title"],
)
def test_a_garbled_text_option_is_refused_in_plain_words(
    args: list[str | bytes], isolated_user_data: Path
) -> None:
    r = cli(*args, "--lang", "zh", data_dir=isolated_user_data)
    plain_failure(r, 3)
    option = [a for a in args if isinstance(a, str) and a.startswith("--")][-1]  # the garbled one
    assert option in r.stderr and "乱码" in r.stderr and "UTF-8" in r.stderr
    r = cli(*args, "--lang", "en", data_dir=isolated_user_data)
    plain_failure(r, 3)
    assert "not valid text" in r.stderr
    assert listed(isolated_user_data) == []
    r = cli("bookmarks", "list", "--json", data_dir=isolated_user_data)
    assert r.returncode == 0 and json.loads(r.stdout) == []


def test_a_garbled_id_is_simply_not_found(isolated_user_data: Path) -> None:
    r = cli("notes", "delete", GARBLED, data_dir=isolated_user_data)
    plain_failure(r, 3)
    assert "没有这个编号" in r.stderr
    r = cli("bookmarks", "delete", b"\xff", data_dir=isolated_user_data)
    plain_failure(r, 3)


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux file systems take names that are not UTF-8")
def test_a_document_whose_name_is_not_utf8_takes_notes(tmp_path: Path, isolated_user_data: Path) -> None:
    doc = os.fsencode(tmp_path) + b"/" + GARBLED + b".txt"
    shutil.copyfile(SPEECH, doc)
    r = cli(
        "notes",
        "add",
        "--doc",
        doc,
        "--quote",
        "机关党建",
        "--note",
        "乱码文件名",
        data_dir=isolated_user_data,
    )
    assert r.returncode == 0, r.stderr
    note_id = r.stdout.strip()
    r = cli(
        "bookmarks", "add", "--doc", doc, "--offset", "40", "--title", "书签", data_dir=isolated_user_data
    )
    assert r.returncode == 0, r.stderr
    [item] = listed(isolated_user_data, "--doc", doc)
    assert item["id"] == note_id and item["note"] == "乱码文件名"
    r = cli("bookmarks", "list", "--doc", doc, data_dir=isolated_user_data)
    assert r.returncode == 0 and "书签" in r.stdout
    out = tmp_path / "notes.md"
    r = cli("notes", "export", "--doc", doc, "--format", "md", "--out", str(out), data_dir=isolated_user_data)
    assert r.returncode == 0, r.stderr
    assert "乱码文件名" in out.read_text(encoding="utf-8")


def _position_file(tmp_path: Path, start: int) -> Path:
    item = {
        "type": "Annotation",
        "bodyValue": "很大的位置",
        "target": {
            "selector": [
                {"type": "TextQuoteSelector", "exact": "这段文字不在讲话里甲乙丙"},
                {"type": "TextPositionSelector", "start": start, "end": start + 4},
            ]
        },
    }
    path = tmp_path / "big.json"
    path.write_text(json.dumps([item]), encoding="utf-8")
    return path


def test_import_of_a_position_beyond_any_text_is_refused_not_an_internal_error(
    tmp_path: Path, isolated_user_data: Path
) -> None:
    path = _position_file(tmp_path, 10**20)
    r = cli("notes", "import", str(path), data_dir=isolated_user_data)
    plain_failure(r, 3)
    assert "start" in r.stderr and "没有导入任何笔记" in r.stderr
    r = cli("notes", "import", str(path), "--skip-bad", data_dir=isolated_user_data)
    assert r.returncode == 0, r.stderr
    assert "- #1" in r.stdout and "start" in r.stdout
    assert listed(isolated_user_data) == []


def test_import_of_a_lone_surrogate_is_refused_not_an_internal_error(
    tmp_path: Path, isolated_user_data: Path
) -> None:
    item = {
        "type": "Annotation",
        "bodyValue": "坏\ud800字",
        "target": {"selector": [{"type": "TextQuoteSelector", "exact": "机关党建"}]},
    }
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps([item]), encoding="utf-8")
    r = cli("notes", "import", str(path), data_dir=isolated_user_data)
    plain_failure(r, 3)
    assert "bodyValue" in r.stderr and "乱码" in r.stderr
    assert listed(isolated_user_data) == []
