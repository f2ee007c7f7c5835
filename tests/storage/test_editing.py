"""Editing notes with undo and redo (storage/editing.py): a real store on disk, each step
read back from the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.annotations import new_annotation, new_bookmark
from desktop_app.core.loader import load_document
from desktop_app.storage.editing import NotesEditor
from desktop_app.storage.notes_store import NotesStore, StorageError
from tests.conftest import SPEECH


@pytest.fixture
def setup(tmp_path: Path):
    store = NotesStore(tmp_path / "notes.sqlite3")
    doc = load_document(SPEECH)
    doc_id = store.open_document(doc)
    yield store, doc, doc_id, NotesEditor(store)
    store.close()


def _ann(doc, doc_id: str, quote: str):
    i = doc.text.index(quote)
    return new_annotation(doc, i, i + len(quote), doc_id=doc_id)


def test_every_kind_of_edit_undoes_and_redoes_exactly(setup) -> None:
    store, doc, doc_id, ed = setup
    added = ed.add(_ann(doc, doc_id, "踩准点"))
    recoloured = ed.recolour(added, "green", "underline")
    noted = ed.edit_note(recoloured, "要点", ["学习"])
    assert store.annotations(doc_id) == [noted]
    assert ed.undo().kind == "change"
    assert store.annotations(doc_id) == [recoloured]  # the note's text back, exactly
    assert ed.undo().kind == "change"
    assert store.annotations(doc_id) == [added]
    assert ed.undo().kind == "add"
    assert store.annotations(doc_id) == [] and not ed.can_undo and ed.undo() is None
    assert ed.redo().kind == "add" and store.annotations(doc_id) == [added]
    assert ed.redo() and ed.redo() and store.annotations(doc_id) == [noted] and not ed.can_redo
    gone = ed.delete(noted.id)
    assert store.annotations(doc_id) == [] and gone == noted
    ed.undo()
    assert store.annotations(doc_id) == [noted]  # same id, timestamps, everything


def test_a_new_edit_clears_redo_and_history_is_bounded(setup) -> None:
    store, doc, doc_id, ed = setup
    first = ed.add(_ann(doc, doc_id, "踩准点"))
    ed.undo()
    ed.add(_ann(doc, doc_id, "发好力"))
    assert not ed.can_redo and first.id not in {a.id for a in store.annotations(doc_id)}
    small = NotesEditor(store, depth=3)
    for quote in ("一要第一时间响应", "二要聚焦关键任务", "三要提升素质能力", "四要注重走出机关"):
        small.add(_ann(doc, doc_id, quote))
    undone = 0
    while small.undo():
        undone += 1
    assert undone == 3  # the oldest of the four stays, with the first editor's one
    assert sorted(a.exact for a in store.annotations(doc_id)) == sorted(["发好力", "一要第一时间响应"])


def test_bookmarks_and_reattach(setup) -> None:
    store, doc, doc_id, ed = setup
    bm = ed.add_bookmark(new_bookmark(doc, 100, doc_id=doc_id))
    renamed = ed.rename_bookmark(bm, "  读到这里  ")
    assert store.bookmarks(doc_id)[0].title == "读到这里"
    ed.undo()
    assert store.bookmarks(doc_id) == [bm]
    ed.redo()
    assert store.bookmarks(doc_id) == [renamed]
    ed.delete_bookmark(bm.id)
    ed.undo()
    assert store.bookmarks(doc_id) == [renamed]
    ann = ed.add(_ann(doc, doc_id, "踩准点"))
    i = doc.text.index("发好力")
    moved = ed.reattach(ann, doc, i, i + 3)
    assert (moved.start, moved.exact) == (i, "发好力")
    ed.undo()
    assert store.annotation(ann.id) == ann


def test_a_refused_undo_keeps_the_history(setup, tmp_path: Path) -> None:
    store, doc, doc_id, ed = setup
    added = ed.add(_ann(doc, doc_id, "踩准点"))
    ed.delete(added.id)
    c = sqlite3.connect(store.path)  # another program holds the write lock
    c.execute("BEGIN IMMEDIATE")
    import desktop_app.storage.db as db

    store._conn.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StorageError):
            ed.undo()
    finally:
        c.rollback()
        c.close()
        store._conn.execute(f"PRAGMA busy_timeout = {db.BUSY_TIMEOUT_MS}")
    assert ed.can_undo and ed.undo().kind == "delete"  # tried again: it works
    assert store.annotations(doc_id) == [added]
