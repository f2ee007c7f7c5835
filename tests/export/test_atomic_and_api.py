"""Atomic writes and clear errors; the small API the export dialog uses."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core import messages
from desktop_app.export import (
    ExportError,
    ExportOptions,
    default_file_name,
    export_notes,
    preview_text,
    safe_file_name,
    section_range,
    select_annotations,
    text_formats,
)
from tests.conftest import ROOT
from tests.export.conftest import Notes, section


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_a_write_failing_half_way_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path, fmt: str) -> None:
    """A real write error half way, with no root needed: a process whose files may not grow past
    2 KB (RLIMIT_FSIZE, SIGXFSZ ignored, so write() fails with EFBIG).  The full-disk case is in
    test_disk_faults.py (a real tmpfs, where mounting is allowed)."""
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / f"notes.{fmt}"
    out.write_bytes(b"the old file")
    script = (
        "import resource, signal, sys; from pathlib import Path\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))\n"
        "from desktop_app.core.loader import load_document\n"
        "from desktop_app.core.annotations import new_annotation\n"
        "from desktop_app.export import ExportError, ExportOptions, export_notes\n"
        "from tests.conftest import SPEECH\n"
        "doc = load_document(SPEECH)\n"
        "anns = [new_annotation(doc, i * 50, i * 50 + 30, note='笔记' * 40) for i in range(1, 40)]\n"
        "try:\n"
        "    export_notes(doc, anns, [], ExportOptions(format=sys.argv[2]), Path(sys.argv[1]))\n"
        "except ExportError as exc:\n"
        "    print(exc.key, exc, file=sys.stderr); sys.exit(1)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", script, str(out), fmt],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith("write_failed ") and r.stderr.count("\n") == 1, r.stderr
    assert "原有文件没有改动" in r.stderr
    assert out.read_bytes() == b"the old file"
    assert sorted(p.name for p in folder.iterdir()) == [out.name]


def test_file_open_elsewhere_and_missing_folder_give_clear_errors(
    notes: Notes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "notes.txt"
    out.write_text("old", encoding="utf-8")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file")  # Windows: open in Word

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError) as err:
        export_notes(notes.doc, notes.annotations, [], ExportOptions(format="txt"), out)
    assert err.value.key == "in_use" and "WPS" in str(err.value)  # tests/export/test_windows_export.py
    assert out.read_text(encoding="utf-8") == "old" and len(list(folder.iterdir())) == 1
    monkeypatch.undo()
    with pytest.raises(ExportError) as err:
        export_notes(notes.doc, [], [], ExportOptions(format="txt"), tmp_path / "nope" / "x.txt")
    assert err.value.key == "no_folder"
    messages.set_language("en")
    with pytest.raises(ExportError, match="folder does not exist"):
        export_notes(notes.doc, [], [], ExportOptions(format="txt"), tmp_path / "nope" / "x.txt")


def test_an_unexpected_error_becomes_an_export_error(
    notes: Notes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object) -> str:
        raise KeyError("bug")

    monkeypatch.setattr(text_formats, "render_md", boom)
    monkeypatch.setitem(text_formats.WRITERS, "md", text_formats._writer(boom, "utf-8"))
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportError) as err:
        export_notes(notes.doc, notes.annotations, [], ExportOptions(format="md"), folder / "x.md")
    assert err.value.key == "failed" and not list(folder.iterdir())


def test_select_annotations_filters(notes: Notes) -> None:
    anns = notes.annotations
    assert select_annotations(anns, ExportOptions()) == anns
    assert [a.color for a in select_annotations(anns, ExportOptions(colors={"green", "blue"}))] == [
        "green",
        "blue",
    ]
    assert [a.tags for a in select_annotations(anns, ExportOptions(tags={"复习"}))] == [("重点", "复习")]
    assert [a.note for a in select_annotations(anns, ExportOptions(text="跨段落"))] == ["跨段落的笔记"]
    start, end = section_range(notes.doc, "二、找准")
    assert section_range(notes.doc, section(notes.doc, "二、找准").title) == (start, end)
    got = select_annotations(anns, ExportOptions(section_start=start, section_end=end))
    assert [a.color for a in got] == ["yellow"]
    with pytest.raises(ExportError):
        section_range(notes.doc, "不存在的章节")


def test_preview_and_default_file_name(notes: Notes) -> None:
    text = preview_text(notes.doc, notes.annotations, ExportOptions(), limit=2)
    assert notes.annotations[0].exact in text and "另有 2 条" in text
    name = default_file_name(notes.doc, ExportOptions(format="docx"), today=date(2026, 11, 24))
    assert name == "推进机关党建与全市中心工作深度融合-学习笔记-2026-11-24.docx"
    assert default_file_name(notes.doc, ExportOptions(format="docx-annotated"), date(2026, 1, 2)).endswith(
        "批注本-2026-01-02.docx"
    )
    assert safe_file_name('a<b>:"c/d\\e|f?g*h. ') == "a_b___c_d_e_f_g_h"
    assert safe_file_name("CON") == "_CON"


def test_a_killed_exports_leftover_is_removed_by_the_next_export(tmp_path: Path) -> None:
    """A kill between writing and renaming leaves a hidden temporary file: the next export into
    that folder removes our leftovers once they are an hour old, and nothing else."""
    import os
    import time

    from desktop_app.export.atomic import atomic_write

    old = tmp_path / ".yandu-0123456789ab.tmp"
    old.write_bytes(b"half an export")
    hour_ago = time.time() - 3700
    os.utime(old, (hour_ago, hour_ago))
    fresh = tmp_path / ".yandu-ba9876543210.tmp"  # another export running now
    fresh.write_bytes(b"being written")
    theirs = tmp_path / ".yandu-notes.tmp"  # not a name we make
    theirs.write_bytes(b"someone else's")
    os.utime(theirs, (hour_ago, hour_ago))
    atomic_write(tmp_path / "笔记.md", lambda: "# 笔记\n".encode())
    assert not old.exists()
    assert fresh.exists() and theirs.exists()
