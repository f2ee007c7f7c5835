"""A data folder on a disk that is 100 % full: reading notes works and says the right thing.

A real small tmpfs is mounted inside the test's temporary folder and filled to the last
byte; SQLite then cannot even grow the WAL index (``-shm``), which made every command,
``notes list`` included, fail with "cannot save the note".  Needs root (or CAP_SYS_ADMIN)
to mount: skipped otherwise, with the reason.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.annotations import new_annotation
from desktop_app.core.loader import load_document
from desktop_app.storage.notes_store import NotesStore, StorageError
from tests.conftest import SPEECH, run_module


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs mounted at ``tmp_path/disk`` (unmounted afterwards)."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if not shutil.which("mount") or (hasattr(os, "geteuid") and os.geteuid() != 0):
        pytest.skip("mounting a small tmpfs needs root (CAP_SYS_ADMIN)")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode(errors='replace').strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def fill(disk: Path) -> Path:
    """Fill ``disk`` to the last byte; returns the filler (delete it to free the space)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 16, 4096, 512, 1):
            try:
                while os.write(fd, b"\0" * size) == size:
                    pass
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    assert shutil.disk_usage(disk).free == 0
    return filler


def notes_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return run_module("desktop_app", *args, data_dir=data_dir)


def test_notes_list_on_a_full_disk_lists_and_says_the_disk_is_full(small_disk: Path, tmp_path: Path) -> None:
    data = small_disk / "data"
    ids = []
    for quote in ("机关党建", "中心工作"):
        r = notes_cli("notes", "add", "--quote", quote, "--note", f"关于{quote}", data_dir=data)
        assert r.returncode == 0, r.stderr
        ids.append(r.stdout.strip())
    r = notes_cli("bookmarks", "add", "--offset", "100", "--title", "满盘前的书签", data_dir=data)
    assert r.returncode == 0, r.stderr
    filler = fill(small_disk)

    r = notes_cli("notes", "list", "--json", data_dir=data)
    assert r.returncode == 0, r.stderr
    assert [i["id"] for i in json.loads(r.stdout)] == ids
    assert "磁盘已满" in r.stderr and "可以查看" in r.stderr
    assert "无法保存笔记" not in r.stderr and "内部错误" not in r.stderr
    for args in (["notes", "list"], ["notes", "list", "--all"], ["bookmarks", "list"]):
        r = notes_cli(*args, data_dir=data)
        assert r.returncode == 0 and "无法保存" not in r.stderr, (args, r.stderr)
    assert "满盘前的书签" in r.stdout
    out = tmp_path / "notes.md"  # reading for an export to another disk works too
    r = notes_cli("notes", "export", "--format", "md", "--out", str(out), data_dir=data)
    assert r.returncode == 0, r.stderr
    assert "关于中心工作" in out.read_text(encoding="utf-8")

    r = notes_cli("notes", "add", "--quote", "中心工作", "--occurrence", "2", data_dir=data)
    assert r.returncode == 1 and "磁盘已满" in r.stderr and "内部错误" not in r.stderr

    filler.unlink()  # space again: everything as before, and changes work
    r = notes_cli("notes", "add", "--quote", "中心工作", "--occurrence", "2", data_dir=data)
    assert r.returncode == 0, r.stderr
    r = notes_cli("notes", "list", "--json", data_dir=data)
    assert r.returncode == 0 and r.stderr == "" and len(json.loads(r.stdout)) == 3
    c = sqlite3.connect(data / "notes.sqlite3")
    try:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        c.close()


def test_the_store_on_a_full_disk_reads_and_refuses_changes_as_full(small_disk: Path) -> None:
    data = small_disk / "data"
    doc = load_document(SPEECH)
    with NotesStore(data / "notes.sqlite3") as s:
        doc_id = s.open_document(doc)
        kept = [s.add(new_annotation(doc, i * 10, i * 10 + 5, note=f"笔记 {i}")) for i in range(5)]
    filler = fill(small_disk)
    with NotesStore(data / "notes.sqlite3") as s:
        assert s.read_only and len(s.notices) == 1 and "磁盘已满" in s.notices[0]
        assert s.open_document(doc) == doc_id
        assert s.annotations(doc_id) == kept
        with pytest.raises(StorageError) as err:
            s.add(new_annotation(doc, 200, 210, doc_id=doc_id))
        assert err.value.key == "full" and "磁盘已满" in str(err.value) and "没有受到影响" in str(err.value)
    filler.unlink()
    with NotesStore(data / "notes.sqlite3") as s:
        assert not s.read_only and s.notices == []
        assert s.annotations(doc_id) == kept


def test_a_first_start_on_a_full_disk_says_so_and_leaves_no_empty_database(small_disk: Path) -> None:
    data = small_disk / "data"
    data.mkdir()
    fill(small_disk)
    with pytest.raises(StorageError) as err:
        NotesStore(data / "notes.sqlite3")
    assert err.value.key == "full" and "磁盘已满" in str(err.value)
    assert list(data.iterdir()) == []


def test_places_that_cannot_be_written_get_their_own_notice(speech_file: Path) -> None:
    """The database itself full (SQLite's page limit, no mount needed): reading a revised text."""
    from tests.storage.conftest import revise

    doc = load_document(speech_file)
    with NotesStore() as s:
        doc_id = s.open_document(doc)
        for i in range(50):
            s.add(new_annotation(doc, i * 10, i * 10 + 8))
        pages = s._conn.execute("PRAGMA page_count").fetchone()[0]
        s._conn.execute(f"PRAGMA max_page_count = {pages}")
        assert s.open_document(doc) == doc_id and s.notices == []  # nothing moved: nothing to say
        revised = revise(speech_file, lambda p: p.insert(0, "新" * 3000))
        assert s.open_document(revised) == doc_id
        [notice] = s.notices
        assert "新的位置" in notice and "磁盘已满" in notice and "下次打开时会重新对应" in notice
        assert "无法保存笔记" not in notice
