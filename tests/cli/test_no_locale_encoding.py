"""No text is read or written in the locale's encoding.

Python's default for open(), Path.read_text() and subprocess(text=True) is the locale's code
page: UTF-8 here, but GBK (cp936) on a Chinese Windows and cp1252 on an English one, where a
settings file, a note or an export written as UTF-8 would read back as mojibake or fail.  Two
checks: the source, statically, and the program run with Python's EncodingWarning on (every use
of the locale default is reported), through the selftest, the commands and the window.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SPEECH

SOURCES = [*sorted((ROOT / "desktop_app").rglob("*.py")), ROOT / "build_scripts" / "entry.py"]


def _mode(call: ast.Call, position: int) -> str | None:
    """The mode argument when it is a literal; None when absent, "?" when computed."""
    node = call.args[position] if len(call.args) > position else None
    for kw in call.keywords:
        if kw.arg == "mode":
            node = kw.value
    if node is None:
        return None
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else "?"


def _implicit_encoding(call: ast.Call) -> str | None:
    """What the call opens in the locale's encoding, or None."""
    keywords = {kw.arg for kw in call.keywords}
    if "encoding" in keywords:
        return None
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name in ("read_text", "write_text"):
        return name
    if name == "open" and isinstance(func, ast.Name):  # open(path, mode)
        mode = _mode(call, 1)
        return None if mode and ("b" in mode or mode == "?") else f"open(mode={mode!r})"
    if name == "open" and isinstance(func, ast.Attribute):  # Path.open(mode); not QFile/zip/SearchIndex
        mode = _mode(call, 0)
        if isinstance(mode, str) and mode != "?" and set(mode) <= set("rwaxt+") and "b" not in mode:
            return f".open({mode!r})"
    if name == "fdopen":
        mode = _mode(call, 1)  # a computed mode: the run below tells
        return None if mode and ("b" in mode or mode == "?") else f"os.fdopen(mode={mode!r})"
    if name in ("run", "Popen", "check_output") and ("text" in keywords or "universal_newlines" in keywords):
        return f"subprocess.{name}(text=True)"
    return None


def test_the_source_names_the_encoding_of_every_text_file() -> None:
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (what := _implicit_encoding(node)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {what}")
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    ("code", "flagged"),
    [
        ("open(p, 'w')", True),
        ("open(p)", True),
        ("Path(p).read_text()", True),
        ("q.write_text(s)", True),
        ("Path(p).open('r')", True),
        ("os.fdopen(fd, 'w')", True),
        ("subprocess.run(c, text=True)", True),
        ("open(p, 'wb')", False),
        ("open(p, 'w', encoding='utf-8')", False),
        ("Path(p).read_text(encoding='utf-8')", False),
        ("QFile(p).open(mode)", False),
        ("zipfile.ZipFile(p).open(info)", False),
        ("os.fdopen(fd, 'wb')", False),
        ("os.fdopen(fd, mode)", False),  # computed: left to the run with EncodingWarning
        ("subprocess.run(c, text=True, encoding='utf-8')", False),
    ],
)
def test_the_static_check_finds_what_it_looks_for(code: str, flagged: bool) -> None:
    call = ast.parse(code).body[0].value  # type: ignore[attr-defined]
    assert bool(_implicit_encoding(call)) is flagged


def run_warned(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"}
    env.pop("YANDU_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-X", "warn_default_encoding", "-W", "always::EncodingWarning",
         "-m", "desktop_app", "--data-dir", str(data), *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=180, cwd=ROOT,
    )  # fmt: skip


def test_the_program_never_falls_back_on_the_locale_encoding(tmp_path: Path) -> None:
    data = tmp_path / "数据 夹"
    doc = tmp_path / "文 件.txt"
    doc.write_text(SPEECH.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "导 出"
    out.mkdir()
    commands = [
        ["selftest"],
        ["toc", str(doc)],
        ["text", str(doc)],
        ["search", "第一时间", "--doc", str(doc)],
        ["notes", "add", "--doc", str(doc), "--quote", "第一时间响应", "--note", "笔记", "--tag", "重点"],
        ["bookmarks", "add", "--doc", str(doc), "--offset", "100"],
        ["notes", "list", "--doc", str(doc)],
        *(["notes", "export", "--doc", str(doc), "--format", f, "--out", str(out / f"n.{f}")]
          for f in ("md", "html", "txt", "csv", "json", "docx", "pdf")),
        ["notes", "import", str(out / "n.json"), "--doc", str(doc)],
        [str(doc), "--quit-after-load"],
    ]  # fmt: skip
    for args in commands:
        r = run_warned(*args, data=data)
        assert r.returncode == 0, (args, r.stderr)
        warnings = [line for line in r.stderr.splitlines() if "EncodingWarning" in line]
        assert warnings == [], (args, r.stderr)


def test_the_warning_is_on_when_asked_for(tmp_path: Path) -> None:
    """The yardstick: the same interpreter flags do report an open() without an encoding."""
    code = "import sys; open(sys.argv[1], 'w').close()"
    r = subprocess.run(
        [sys.executable, "-X", "warn_default_encoding", "-W", "always::EncodingWarning", "-c", code,
         str(tmp_path / "x.txt")],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )  # fmt: skip
    assert "EncodingWarning" in r.stderr
