"""A full disk (a small tmpfs, filled to the last byte) during an index build, a backup, and writes.

* Index: the search still works, by scanning, with ``problem`` saying why; nothing half-written is
  left in the cache; once there is room again the index is built and used.
* Backup: it fails with a StorageError in words; the notes database is intact (integrity_check,
  every note); no half-written backup is listed or left.
* Notes on a full disk: adding fails with StorageError("full"); every note acknowledged before is
  there and the file passes integrity_check once space is back.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.annotations import new_annotation
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.search import SearchIndex
from desktop_app.storage import backups as bk
from desktop_app.storage.db import StorageError
from desktop_app.storage.notes_store import NotesStore
from tests.conftest import SPEECH
from tests.faults.conftest import fill, needs_posix
from tests.search.reference import ref_find_all_doc

pytestmark = needs_posix

QUERIES = ["中心工作", "机关党建", "的", "2023", "不存在"]


@pytest.fixture
def speech() -> Document:
    return load_document(SPEECH)


def _exact(index: SearchIndex) -> None:
    for q in QUERIES:
        expected = ref_find_all_doc(index.document, q)
        r = index.search(q, limit=None, order="document")
        assert [(h.start, h.end) for h in r.hits] == expected, q


@pytest.mark.parametrize("how", ["too small for the index", "filled to the last byte"])
def test_index_build_on_a_full_disk_searches_by_scanning(
    tmp_path: Path, tmpfs, speech: Document, how: str
) -> None:  # type: ignore[no-untyped-def]
    cache = tmpfs(tmp_path / "cache", "48k" if how.startswith("too") else "1m")
    if how.startswith("filled"):
        fill(cache)
    index = SearchIndex.open(speech, cache_dir=cache)
    try:
        assert index.problem and ("No space left" in index.problem or "28" in index.problem), index.problem
        print(f"{how}: problem = {index.problem!r}")
        _exact(index)
        assert index.search("中心工作", strategy="index").total == len(ref_find_all_doc(speech, "中心工作"))
    finally:
        index.close()
    root = cache / "search" / "v1"
    left = sorted(p.name for p in root.iterdir()) if root.is_dir() else []
    assert not [n for n in left if n.startswith(".tmp-")], f"half-written index left: {left}"
    assert not [n for n in left if n.endswith((".bigrams", ".words"))], f"an index was published: {left}"
    # room again: the next open builds the index and uses it
    (cache / "filler").unlink(missing_ok=True)
    if how.startswith("too"):
        import subprocess

        subprocess.run(["mount", "-o", "remount,size=8m", str(cache)], check=True)
    again = SearchIndex.open(speech, cache_dir=cache)
    try:
        assert not again.problem and "bigrams" in again.built
        _exact(again)
    finally:
        again.close()


def _integrity(db: Path) -> set[str]:
    c = sqlite3.connect(db)
    try:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {r[0] for r in c.execute("SELECT id FROM annotations")}
    finally:
        c.close()


def _add_notes(store: NotesStore, doc: Document, n: int) -> set[str]:
    doc_id = store.open_document(doc)
    ids = set()
    for i in range(n):
        a = store.add(new_annotation(doc, 100 + i, 120 + i, note=f"笔记 {i} " + "长" * 200, doc_id=doc_id))
        ids.add(a.id)
    return ids


def test_backup_onto_a_full_disk_leaves_the_notes_intact(
    tmp_path: Path,
    tmpfs,
    speech: Document,
    isolated_user_data: Path,  # type: ignore[no-untyped-def]
) -> None:
    store = NotesStore()
    try:
        ids = _add_notes(store, speech, 40)
        backups = store.backup_dir
        tmpfs(backups, "64k")  # the backups folder is now a small, empty file system ...
        fill(backups)  # ... filled to the last byte
        with pytest.raises(StorageError) as err:
            store.backup_now()
        print(f"backup on a full disk: {err.value.key}: {err.value}")
        assert str(err.value).strip()
        assert ids <= _integrity(store.path)  # the notes database is intact
        assert bk.list_backups(backups) == []  # no half-written backup is listed ...
        assert sorted(p.name for p in backups.iterdir()) == ["filler"]  # ... or left
        more = _add_notes(store, speech, 3)  # and the store still works
    finally:
        store.close()  # its closing backup fails quietly too
    assert ids | more <= _integrity(isolated_user_data / "notes.sqlite3")
    # A store opened while the backups' disk is full works and says the backup failed.
    with NotesStore() as again:
        assert any(again.notices), "the user is told the backup failed"
        print(f"notice at open: {again.notices}")
        assert {a.id for a in again.annotations(again.open_document(speech))} >= ids | more


def test_notes_on_a_full_disk_keep_everything_acknowledged(tmp_path: Path, tmpfs, speech: Document) -> None:  # type: ignore[no-untyped-def]
    data = tmpfs(tmp_path / "data", "2m")
    store = NotesStore(data / "notes.sqlite3")
    acknowledged: set[str] = set()
    refused = None
    try:
        doc_id = store.open_document(speech)
        for i in range(5000):
            try:
                a = store.add(
                    new_annotation(speech, i % 5000, i % 5000 + 20, note="满" * 2000, doc_id=doc_id)
                )
            except StorageError as exc:
                refused = exc
                break
            acknowledged.add(a.id)
        assert refused is not None, "the disk never filled"
        print(f"{len(acknowledged)} notes saved, then: {refused.key}: {refused}")
        assert refused.key in ("full", "io") and str(refused).strip()
    finally:
        store.close()
    (data / "filler").unlink(missing_ok=True)
    import subprocess

    subprocess.run(["mount", "-o", "remount,size=16m", str(data)], check=True)
    assert acknowledged <= _integrity(data / "notes.sqlite3")
