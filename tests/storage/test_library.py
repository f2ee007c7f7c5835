"""The library in the notes database (schema 3): entries, removal, relocation, versions,
reading places, positions moved in from the settings file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.annotations import new_annotation
from desktop_app.core.loader import load_document
from desktop_app.storage.notes_store import NotesStore, StorageError
from desktop_app.storage.quick import quick_reading_position
from tests.conftest import CORPUS, SPEECH


def _revised(text: str) -> str:
    """A realistic revision: a paragraph added, a phrase reworded, one paragraph dropped."""
    paras = text.split("\n")
    assert paras[30].startswith("二是发好力")
    del paras[30]
    paras.insert(12, "这是修订稿新增加的一段话，强调要把学习成果转化为推动工作的实际成效。")
    return "\n".join(paras).replace("找准定位", "找准方位", 1)


@pytest.fixture
def store(tmp_path: Path) -> NotesStore:
    with NotesStore(tmp_path / "notes.sqlite3") as s:
        yield s


def test_an_added_document_is_an_entry_with_its_facts(store: NotesStore, tmp_path: Path) -> None:
    doc = load_document(SPEECH)
    added = store.add_to_library(doc)
    e = added.entry
    assert added.report.matched_by == "new" and not added.versions
    assert e.title == doc.title and e.source == "北京市直机关工委" and e.date == "2023-06-14"
    assert e.format == "txt" and e.size == SPEECH.stat().st_size and e.chars == len(doc.text)
    assert e.in_library and not e.missing and e.notes == 0 and e.added and e.last_opened == ""
    assert [x.id for x in store.library()] == [e.id]
    again = store.add_to_library(load_document(SPEECH))
    assert again.report.matched_by == "fingerprint" and again.entry.id == e.id


def test_notes_count_and_removal_keeps_notes_unless_asked(store: NotesStore) -> None:
    doc = load_document(SPEECH)
    doc_id = store.add_to_library(doc).entry.id
    start = doc.text.index("踩准点")
    store.add(new_annotation(doc, start, start + 3, note="要点"))
    assert store.library()[0].notes == 1
    assert store.remove_from_library(doc_id) == 0
    assert store.library() == []
    kept = store.library(removed=True)
    assert [(e.id, e.in_library, e.notes) for e in kept] == [(doc_id, False, 1)]
    back = store.add_to_library(load_document(SPEECH))  # added again: back, with its note
    assert back.was_removed and back.entry.notes == 1 and back.entry.id == doc_id
    assert store.remove_from_library(doc_id, delete_notes=True) == 1
    assert store.library(removed=True) == [] and store.annotations(doc_id) == []
    with pytest.raises(StorageError):
        store.remove_from_library(doc_id)


def test_a_moved_file_is_missing_until_relocated(store: NotesStore, tmp_path: Path) -> None:
    first = tmp_path / "speech.txt"
    first.write_bytes(SPEECH.read_bytes())
    doc_id = store.add_to_library(load_document(first)).entry.id
    moved = tmp_path / "moved" / "讲话.txt"
    moved.parent.mkdir()
    first.rename(moved)
    assert store.library()[0].missing
    store.relocate(doc_id, str(moved))
    entry = store.library()[0]
    assert not entry.missing and entry.path == str(moved.resolve())


def test_a_revised_text_is_offered_as_a_new_version_and_notes_carry_over(
    store: NotesStore, tmp_path: Path
) -> None:
    old_doc = load_document(SPEECH)
    old_id = store.add_to_library(old_doc).entry.id
    kept_quote, gone_quote = "种好各自的责任田", "打造适合自身处室、党支部特点的党建品牌"
    for quote in (kept_quote, gone_quote):
        i = old_doc.text.index(quote)
        store.add(new_annotation(old_doc, i, i + len(quote), note=quote))
    new_file = tmp_path / "revised.txt"
    new_file.write_text(_revised(SPEECH.read_text(encoding="utf-8")), encoding="utf-8")
    new_doc = load_document(new_file)
    added = store.add_to_library(new_doc)
    assert added.report.matched_by == "new"  # never merged silently by its title
    assert [(e.id, share > 0.9) for e, share in added.versions] == [(old_id, True)]
    carried = store.carry_notes(old_id, new_doc, added.entry.id)
    assert carried.carried == 2
    new_notes = {a.note: a for a in store.annotations(added.entry.id)}
    a = new_notes[kept_quote]
    assert new_doc.text[a.start : a.end] == kept_quote and a.status == "anchored"
    assert [o.note for o in carried.orphans] == [gone_quote] and new_notes[gone_quote].status == "orphan"
    assert len(store.annotations(old_id)) == 2  # the old version keeps its own
    assert store.library_entry(added.entry.id).version_of == old_id  # type: ignore[union-attr]
    # the later version is not offered as an earlier one of its predecessor
    assert store.version_candidates(old_id) == []


def test_different_documents_are_not_versions(store: NotesStore) -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        assert store.add_to_library(load_document(path)).versions == ()


def test_an_opening_can_leave_the_signature_for_later(store: NotesStore, tmp_path: Path) -> None:
    """The window registers a document without its sentence signature (sign=False) and signs it
    once complete: until then no version is found; a signature kept for the same text stays
    when the file moves; one for another text is not kept; signing twice writes once."""
    from desktop_app.core.similarity import signature

    old_id = store.add_to_library(load_document(SPEECH)).entry.id
    new_file = tmp_path / "修订稿.txt"
    new_file.write_text(_revised(SPEECH.read_text(encoding="utf-8")), encoding="utf-8")
    doc = load_document(new_file)
    doc_id = store.open_document(doc, sign=False)
    assert store.signature(doc_id) is None
    assert store.library_entry(doc_id).in_library  # type: ignore[union-attr]  # listed at once
    assert store.version_candidates(doc_id) == []  # nothing to compare yet
    assert store.sign_document(doc_id, doc) is True
    assert store.signature(doc_id) == signature(doc.text)
    assert [e.id for e, _share in store.version_candidates(doc_id)] == [old_id]
    assert store.sign_document(doc_id, doc) is False  # it has one
    moved = tmp_path / "移走.txt"
    new_file.rename(moved)
    assert store.open_document(load_document(moved), sign=False) == doc_id  # same text, new path
    assert store.signature(doc_id) == signature(doc.text)  # kept
    moved.write_text(doc.text + "\n又加了一段新的内容，用来改变这份文件的指纹。", encoding="utf-8")
    changed = load_document(moved)
    assert store.open_document(changed, sign=False) == doc_id  # same path, another text
    assert store.signature(doc_id) is None  # the old text's is not this text's
    assert store.sign_document(doc_id, doc) is False  # not for a text it no longer has
    assert store.signing_due  # the store keeps what it opened unsigned ...
    assert store.sign_pending() == 1  # ... and signs it (its latest text) when asked
    assert store.signature(doc_id) == signature(changed.text) and not store.signing_due


def test_documents_opened_unsigned_are_signed_when_asked_or_at_close(tmp_path: Path, monkeypatch) -> None:
    """The window may leave a document (open another, close it, quit) before it signed it:
    the store keeps every document it opened unsigned and signs them at its next idle moment
    (sign_pending) or when it closes; none is computed twice."""
    from desktop_app.core.similarity import signature
    from desktop_app.storage import library

    texts = {}
    for i, path in enumerate(sorted(CORPUS.glob("*.txt"))[:2]):
        texts[i] = tmp_path / f"{i}.txt"
        texts[i].write_bytes(path.read_bytes())
    computed: list[int] = []
    with NotesStore(tmp_path / "notes.sqlite3") as store:
        ids = [store.open_document(load_document(texts[i]), sign=False) for i in texts]
        assert [store.signature(i) for i in ids] == [None, None]
        original = library.LibraryMixin.sign_document

        def counted(self, doc_id, doc, pause=0.0):  # type: ignore[no-untyped-def]
            computed.append(1)
            return original(self, doc_id, doc, pause)

        monkeypatch.setattr(library.LibraryMixin, "sign_document", counted)
        assert store.sign_pending() == 2 and store.sign_pending() == 0
        assert len(computed) == 2
        assert [store.signature(i) for i in ids] == [signature(load_document(texts[i]).text) for i in texts]
        third = tmp_path / "讲话.txt"
        third.write_bytes(SPEECH.read_bytes())
        speech = load_document(third)
        speech_id = store.open_document(speech, sign=False)
        assert store.sign_pending(keep=speech) == 0 and store.signing_due  # the open one waits
    with NotesStore(tmp_path / "notes.sqlite3") as store:  # closing signed it
        assert store.signature(speech_id) == signature(load_document(SPEECH).text)


def test_reading_place_and_positions_from_the_settings_file(store: NotesStore, tmp_path: Path) -> None:
    doc = load_document(SPEECH)
    doc_id = store.add_to_library(doc).entry.id
    assert store.adopt_positions({doc.fingerprint: 1200, "0" * 64: 5}) == {doc.fingerprint}
    assert store.reading_place(doc_id) == (1200, 0.0)
    assert quick_reading_position(store.path, doc.fingerprint) == 1200
    assert store.adopt_positions({doc.fingerprint: 99}) == {doc.fingerprint}  # never overwrites
    store.set_reading_place(doc_id, 2500, 0.5)
    store.mark_opened(doc_id)
    entry = store.library()[0]
    assert (entry.position, entry.progress) == (2500, 0.5) and entry.last_opened
    assert quick_reading_position(store.path, "f" * 64) is None
    assert quick_reading_position(tmp_path / "none.sqlite3", doc.fingerprint) is None


def test_a_version_2_database_migrates_with_its_documents_in_the_library(tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite3"
    with NotesStore(db) as s:
        doc_id = s.open_document(load_document(SPEECH))
    c = sqlite3.connect(db)  # back to what version 2 had: no library columns
    c.execute("DELETE FROM schema_version WHERE version >= 3")
    c.execute("DROP INDEX annotations_marks")  # version 4's
    c.execute("CREATE INDEX annotations_doc ON annotations(doc_id, start_offset)")
    for col in ("in_library", "format", "size", "chars", "source", "doc_date", "last_opened",
                "position", "progress", "version_of", "signature"):  # fmt: skip
        c.execute(f"ALTER TABLE documents DROP COLUMN {col}")
    c.execute("DROP INDEX documents_title")
    c.commit()
    c.close()
    with NotesStore(db) as s:
        entries = s.library()
        assert [(e.id, e.in_library, e.format) for e in entries] == [(doc_id, True, "")]
        s.open_document(load_document(SPEECH))  # the facts are filled in at the next opening
        assert s.library()[0].format == "txt"
