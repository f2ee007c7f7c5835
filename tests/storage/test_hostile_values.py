"""Values SQLite cannot hold never reach it as an exception: refused in plain words, or kept losslessly.

* a lone surrogate (``\\ud800``, or ``\\udcff`` from a command-line argument that is not UTF-8)
  in a note, a tag, a bookmark's name: refused with ``bad_text`` (no file format can store it);
* a position beyond 64 bits: refused with ``bad_number``;
* a file name that is not UTF-8 (GBK names from a zip made on a Chinese Windows): a real
  file with such a name opens and takes notes; its path is kept as its bytes and found again.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.core.annotations import new_annotation, new_bookmark
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.storage.notes_store import NotesStore, StorageError
from tests.conftest import SPEECH

GBK_NAME = "报告".encode("gbk") + b".txt"  # b"\xb1\xa8\xb8\xe6.txt": not UTF-8


def _refused(err: pytest.ExceptionInfo[StorageError], key: str) -> None:
    assert err.value.key == key
    text = str(err.value)
    assert "没有受到影响" in text and "Traceback" not in text and "\\u" not in text


@pytest.mark.parametrize("bad", ["\ud800", "前\udcff后", "\udfff\ud800"])
def test_a_lone_surrogate_in_a_note_or_tag_is_refused_in_plain_words(
    store: NotesStore, speech_doc: Document, bad: str
) -> None:
    doc_id = store.open_document(speech_doc)
    with pytest.raises(StorageError) as err:
        store.add(new_annotation(speech_doc, 10, 20, note=bad, doc_id=doc_id))
    _refused(err, "bad_text")
    assert "笔记" in str(err.value) and "乱码" in str(err.value)
    with pytest.raises(StorageError) as err:
        store.add(new_annotation(speech_doc, 10, 20, tags=["好", bad], doc_id=doc_id))
    _refused(err, "bad_text")
    assert "标签" in str(err.value)
    assert store.annotations(doc_id) == []

    kept = store.add(new_annotation(speech_doc, 10, 20, note="原来的笔记", doc_id=doc_id))
    with pytest.raises(StorageError) as err:
        store.update(replace(kept, note=bad))
    _refused(err, "bad_text")
    with pytest.raises(StorageError) as err:
        store.restore(replace(kept, note=bad))
    _refused(err, "bad_text")
    assert store.annotations(doc_id) == [kept]  # and the store still works

    with pytest.raises(StorageError) as err:
        store.add_bookmark(new_bookmark(speech_doc, 50, title="书签" + bad, doc_id=doc_id))
    _refused(err, "bad_text")
    assert "书签名称" in str(err.value)
    bm = store.add_bookmark(new_bookmark(speech_doc, 50, title="书签", doc_id=doc_id))
    with pytest.raises(StorageError):
        store.update_bookmark(replace(bm, title=bad))
    assert [b.title for b in store.bookmarks(doc_id)] == ["书签"]


def test_a_position_beyond_64_bits_is_refused(store: NotesStore, speech_doc: Document) -> None:
    doc_id = store.open_document(speech_doc)
    ann = new_annotation(speech_doc, 10, 20, doc_id=doc_id)
    with pytest.raises(StorageError) as err:
        store.add(replace(ann, start=10**20, end=10**20 + 4, status="orphan"))
    _refused(err, "bad_number")
    assert "100000000000000000000" in str(err.value)
    with pytest.raises(StorageError) as err:
        store.add_bookmark(replace(new_bookmark(speech_doc, 5, doc_id=doc_id), offset=2**64))
    _refused(err, "bad_number")
    assert store.annotations(doc_id) == [] and store.bookmarks(doc_id) == []


def test_a_batch_with_one_bad_value_writes_nothing(store: NotesStore, speech_doc: Document) -> None:
    doc_id = store.open_document(speech_doc)
    good = [new_annotation(speech_doc, i * 10, i * 10 + 5, doc_id=doc_id) for i in range(20)]
    bad = replace(good[-1], note="\ud800")
    with pytest.raises(StorageError) as err:
        store.upsert_many([*good[:-1], bad])
    _refused(err, "bad_text")
    assert store.annotations(doc_id) == []
    with pytest.raises(StorageError) as err:
        store.upsert_many(good[:-1], [replace(new_bookmark(speech_doc, 5, doc_id=doc_id), offset=10**20)])
    _refused(err, "bad_number")
    assert store.annotations(doc_id) == [] and store.bookmarks(doc_id) == []


def test_a_garbled_id_matches_nothing(store: NotesStore, speech_doc: Document) -> None:
    doc_id = store.open_document(speech_doc)
    store.add(new_annotation(speech_doc, 10, 20, doc_id=doc_id))
    assert store.matching_ids("\udcff") == [] and store.matching_ids("\ud800", bookmarks=True) == []
    for call in (store.delete, store.annotation, store.delete_bookmark):
        with pytest.raises(StorageError) as err:
            call("\udcff")
        assert err.value.key == "bad_text" and "乱码" in str(err.value)
    assert len(store.annotations(doc_id)) == 1


@pytest.fixture
def gbk_file(tmp_path: Path) -> Path:
    """A real file whose name is GBK bytes (as unpacked from a Windows zip on Linux)."""
    if sys.platform != "linux":
        pytest.skip("only Linux file systems take names that are not UTF-8 (macOS and Windows refuse them)")
    folder = os.fsencode(tmp_path / "docs")
    os.mkdir(folder)
    name = os.path.join(folder, GBK_NAME)
    shutil.copyfile(SPEECH, name)
    path = Path(os.fsdecode(name))
    assert "\udcb1" in str(path)  # Python sees surrogate escapes
    return path


def test_a_file_whose_name_is_not_utf8_takes_notes_and_is_found_again(gbk_file: Path) -> None:
    doc = load_document(gbk_file)
    with NotesStore() as s:
        doc_id = s.open_document(doc)
        ann = s.add(new_annotation(doc, 30, 40, note="乱码文件名里的笔记", doc_id=doc_id))
        [record] = s.documents()
        assert record.path == str(gbk_file)  # the same string back, surrogates and all
        db = s.path
    raw = sqlite3.connect(db)
    try:
        kind, value = raw.execute("SELECT typeof(path), path FROM documents").fetchone()
    finally:
        raw.close()
    assert kind == "blob" and value == os.fsencode(gbk_file)  # the file system's own bytes

    # Revised text, same name: found by its path (a BLOB compared with a BLOB), note re-anchored.
    gbk_file.write_text("新加的第一段。\n" + SPEECH.read_text(encoding="utf-8"), encoding="utf-8")
    revised = load_document(gbk_file)
    with NotesStore() as s:
        assert s.open_document(revised) == doc_id and s.last_open is not None
        assert s.last_open.matched_by == "path"
        [again] = s.annotations(doc_id)
        assert again.note == ann.note and revised.text[again.start : again.end] == ann.exact
        assert again.start == ann.start + len("新加的第一段。\n")


def test_a_moved_file_with_a_garbled_name_is_found_by_its_title(gbk_file: Path, tmp_path: Path) -> None:
    doc = load_document(gbk_file)
    with NotesStore() as s:
        doc_id = s.open_document(doc)
        s.add(new_annotation(doc, 30, 40, doc_id=doc_id))
    moved = tmp_path / "elsewhere.txt"
    gbk_file.rename(moved)  # the old (GBK) path is read back from the database and checked
    moved.write_text(SPEECH.read_text(encoding="utf-8") + "\n最后加的一段。\n", encoding="utf-8")
    with NotesStore() as s:
        assert s.open_document(load_document(moved)) == doc_id
        assert s.last_open is not None and s.last_open.matched_by == "title"
        assert s.documents()[0].path == str(moved)


def test_a_title_that_is_not_text_is_kept_as_it_was(store: NotesStore) -> None:
    # The loader never makes such a text (it decodes bytes); a Document built by hand can hold one.
    doc = Document.from_paragraphs(["标题\udcb1\udca8", "正文第一段，中心工作。"], fingerprint="f" * 64)
    doc_id = store.open_document(doc)
    assert store.document(doc_id).title == doc.title  # type: ignore[union-attr]
