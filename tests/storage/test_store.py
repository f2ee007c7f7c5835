"""NotesStore: adding, editing, deleting and finding notes and bookmarks; documents that move or change."""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.core.annotations import new_annotation, new_bookmark
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.storage.notes_store import NotesStore, StorageError
from tests.storage.conftest import revise

ISO_MS_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def _offset(doc: Document, needle: str, occurrence: int = 1) -> int:
    i = -1
    for _ in range(occurrence):
        i = doc.text.index(needle, i + 1)
    return i


def test_add_is_committed_at_once_and_visible_to_another_connection(
    store: NotesStore, speech_doc: Document
) -> None:
    doc_id = store.open_document(speech_doc)
    s = _offset(speech_doc, "跳出机关党建看机关党建")
    ann = store.add(new_annotation(speech_doc, s, s + 11, color="绿", note="第一行\n第二行", tags=["重点"]))
    assert ann.doc_id == doc_id  # found by the fingerprint
    other = sqlite3.connect(store.path)
    row = other.execute("SELECT note, color, tags FROM annotations WHERE id = ?", (ann.id,)).fetchone()
    other.close()
    assert row == ("第一行\n第二行", "green", '["重点"]')
    [got] = store.annotations(doc_id)
    assert got == ann
    assert ISO_MS_UTC.match(got.created) and got.created == got.modified
    assert got.section == ""  # the preface has no section
    assert got.exact == "跳出机关党建看机关党建" and len(got.prefix) == 32 and len(got.suffix) == 32


def test_section_path_is_stored(store: NotesStore, speech_doc: Document) -> None:
    store.open_document(speech_doc)
    s = _offset(speech_doc, "第一时间响应")
    ann = store.add(new_annotation(speech_doc, s, s + 6))
    assert ann.section == "二、找准机关党建与中心工作融合的有效路径 › 一要第一时间响应"


def test_settings_are_durable(store: NotesStore) -> None:
    c = store._conn
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert c.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert c.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_annotations_in_reading_order_with_orphans_last(store: NotesStore, speech_doc: Document) -> None:
    doc_id = store.open_document(speech_doc)
    for start in (3000, 100, 2000):
        store.add(new_annotation(speech_doc, start, start + 5))
    orphan = store.add(replace(new_annotation(speech_doc, 50, 55), status="orphan"))
    assert [a.start for a in store.annotations(doc_id)] == [100, 2000, 3000, 50]
    assert store.annotations(doc_id)[-1].id == orphan.id


def test_update_bumps_modified_and_keeps_the_rest(store: NotesStore, speech_doc: Document) -> None:
    store.open_document(speech_doc)
    ann = store.add(new_annotation(speech_doc, 10, 20))
    edited = store.update(
        replace(ann, note="新的笔记", color="purple", style="underline", tags=("a", " a ", "b"))
    )
    assert (edited.note, edited.color, edited.style, edited.tags) == (
        "新的笔记",
        "purple",
        "underline",
        ("a", "b"),
    )
    assert edited.created == ann.created and edited.modified >= ann.modified
    assert (edited.start, edited.end, edited.exact) == (ann.start, ann.end, ann.exact)
    with pytest.raises(ValueError):
        store.update(replace(ann, color="chartreuse"))


def test_delete_returns_the_annotation_and_restore_puts_it_back_exactly(
    store: NotesStore, speech_doc: Document
) -> None:
    doc_id = store.open_document(speech_doc)
    ann = store.add(new_annotation(speech_doc, 10, 20, note="撤销我", tags=["x"]))
    ann = store.update(replace(ann, note="改过"))
    deleted = store.delete(ann.id)
    assert deleted == ann
    assert store.annotations(doc_id) == []
    store.restore(deleted)
    assert store.annotations(doc_id) == [ann]
    with pytest.raises(StorageError) as err:
        store.delete("no-such-id")
    assert err.value.key == "not_found"
    store.delete(ann.id)
    with pytest.raises(StorageError):
        store.update(ann)


def test_add_needs_a_known_document(store: NotesStore, speech_doc: Document) -> None:
    with pytest.raises(StorageError) as err:
        store.add(new_annotation(speech_doc, 0, 5))
    assert err.value.key == "no_document" and "打开文档" in str(err.value)


def test_notes_survive_closing_and_reopening(speech_doc: Document) -> None:
    with NotesStore() as s:
        doc_id = s.open_document(speech_doc)
        ann = s.add(new_annotation(speech_doc, 100, 130, note="留着"))
        bm = s.add_bookmark(new_bookmark(speech_doc, 500, title="这里"))
    with NotesStore() as s:
        assert s.open_document(speech_doc) == doc_id
        assert s.last_open is not None and s.last_open.matched_by == "fingerprint"
        assert s.annotations(doc_id) == [ann]
        assert s.bookmarks(doc_id) == [bm]
        assert s.notices == []


def test_moved_and_renamed_file_keeps_its_notes(speech_file: Path, tmp_path: Path) -> None:
    doc = load_document(speech_file)
    with NotesStore() as s:
        doc_id = s.open_document(doc)
        ann = s.add(new_annotation(doc, 200, 220, note="搬家"))
    moved = tmp_path / "elsewhere" / "讲话（定稿）.txt"
    moved.parent.mkdir()
    speech_file.rename(moved)
    with NotesStore() as s:
        assert s.open_document(load_document(moved)) == doc_id
        assert s.last_open is not None and s.last_open.matched_by == "fingerprint"
        assert s.annotations(doc_id) == [ann]
        record = s.document(doc_id)
        assert record is not None and record.path == str(moved.resolve())


def test_revised_text_reanchors_and_stores_the_new_offsets(speech_file: Path) -> None:
    doc = load_document(speech_file)
    quote = "跳出机关党建看机关党建"
    with NotesStore() as s:
        doc_id = s.open_document(doc)
        ann = s.add(new_annotation(doc, _offset(doc, quote), _offset(doc, quote) + len(quote), note="n"))
    inserted = "（修订稿新增的一段说明文字。）"
    revised = revise(speech_file, lambda p: p.insert(2, inserted))
    with NotesStore() as s:
        assert s.open_document(revised) == doc_id
        report = s.last_open
        assert report is not None and (report.matched_by, report.text_changed, report.reanchored) == (
            "path",
            True,
            1,
        )
        [got] = s.annotations(doc_id)
    assert got.start == ann.start + len(inserted) + 1 and revised.text[got.start : got.end] == quote
    assert got.anchored_fingerprint == revised.fingerprint and got.modified == ann.modified
    with NotesStore() as s:  # stored, not only computed
        s.open_document(revised)
        assert s.last_open is not None and not s.last_open.text_changed
        assert s.annotations(doc_id)[0].start == got.start


def test_changed_quote_is_updated_and_the_original_kept(speech_file: Path) -> None:
    doc = load_document(speech_file)
    quote = "主动把主题教育学习成果转化为推动新时代首都高质量发展的实效"
    start = _offset(doc, quote)
    with NotesStore() as s:
        doc_id = s.open_document(doc)
        s.add(new_annotation(doc, start, start + len(quote)))
    revised_quote = quote.replace("学习成果", "学习的成果")
    text = speech_file.read_text(encoding="utf-8").replace(quote, revised_quote)
    speech_file.write_text(text, encoding="utf-8")
    revised = load_document(speech_file)
    with NotesStore() as s:
        s.open_document(revised)
        [got] = s.annotations(doc_id)
    assert got.status == "anchored" and got.exact == revised_quote and got.original_exact == quote
    assert got.to_dict()["original_quote"] == quote


def test_deleted_passage_is_an_orphan_that_can_be_reattached(speech_file: Path) -> None:
    doc = load_document(speech_file)
    para = max(doc.paragraphs, key=lambda p: len(p.text))
    with NotesStore() as s:
        doc_id = s.open_document(doc)
        ann = s.add(new_annotation(doc, para.start + 20, para.start + 60, note="孤儿笔记"))
    revised = revise(speech_file, lambda p: p.pop(para.index))
    with NotesStore() as s:
        s.open_document(revised)
        assert s.last_open is not None and s.last_open.orphaned == 1
        [orphan] = s.annotations(doc_id)
        assert orphan.status == "orphan" and orphan.note == "孤儿笔记" and orphan.exact == ann.exact
        assert [a.id for a in s.search_notes(doc_id, "孤儿")] == [ann.id]
        back = s.reattach(ann.id, revised, 10, 30)
        assert back.status == "anchored" and back.exact == revised.text[10:30]
        assert back.anchored_fingerprint == revised.fingerprint and back.note == "孤儿笔记"
    with NotesStore() as s:
        s.open_document(revised)
        assert s.annotations(doc_id) == [back]


def test_orphan_is_found_again_when_the_passage_comes_back(speech_file: Path) -> None:
    original = speech_file.read_text(encoding="utf-8")
    doc = load_document(speech_file)
    para = max(doc.paragraphs, key=lambda p: len(p.text))
    with NotesStore() as s:
        doc_id = s.open_document(doc)
        ann = s.add(new_annotation(doc, para.start + 20, para.start + 60))
    revised = revise(speech_file, lambda p: p.pop(para.index))
    with NotesStore() as s:
        s.open_document(revised)
    speech_file.write_text(original, encoding="utf-8")
    with NotesStore() as s:
        s.open_document(load_document(speech_file))
        [got] = s.annotations(doc_id)
    assert got.status == "anchored" and (got.start, got.end) == (ann.start, ann.end)


def test_moved_and_revised_file_is_found_by_its_title(speech_file: Path, tmp_path: Path) -> None:
    doc = load_document(speech_file)
    with NotesStore() as s:
        doc_id = s.open_document(doc)
        s.add(new_annotation(doc, 300, 320))
    moved = tmp_path / "renamed.txt"
    speech_file.rename(moved)
    revised = revise(moved, lambda p: p.insert(5, "新增的一段。"))
    assert revised.title == doc.title
    with NotesStore() as s:
        assert s.open_document(revised) == doc_id
        assert s.last_open is not None and s.last_open.matched_by == "title"
        assert s.annotations(doc_id)[0].exact == doc.text[300:320]


def test_other_document_is_new(store: NotesStore, speech_doc: Document) -> None:
    a = store.open_document(speech_doc)
    b = store.open_document(Document.from_paragraphs(["另一份文件", "正文"], path="/nowhere/other.txt"))
    assert a != b and store.last_open is not None and store.last_open.matched_by == "new"
    assert {d.id for d in store.documents()} == {a, b}


def test_search_notes_normalised_and_case_insensitive(store: NotesStore, speech_doc: Document) -> None:
    doc_id = store.open_document(speech_doc)
    a = store.add(new_annotation(speech_doc, 10, 20, note="Remember ＰＬＡＮ B", tags=["学习"]))
    b = store.add(new_annotation(speech_doc, 30, 40, note="另一条"))
    c = store.add(new_annotation(speech_doc, 50, 60))
    assert [x.id for x in store.search_notes(doc_id, "plan b")] == [a.id]
    assert [x.id for x in store.search_notes(doc_id, "学习")] == [a.id]
    assert [x.id for x in store.search_notes(doc_id, "另一")] == [b.id]
    assert [x.id for x in store.search_notes(doc_id, speech_doc.text[52:57])] == [c.id]
    assert len(store.search_notes(doc_id, "")) == 3
    assert len(store.search_notes(None, "REMEMBER")) == 1


def test_bookmarks_add_list_rename_delete_restore(store: NotesStore, speech_doc: Document) -> None:
    doc_id = store.open_document(speech_doc)
    b2 = store.add_bookmark(new_bookmark(speech_doc, 2000))
    b1 = store.add_bookmark(new_bookmark(speech_doc, 100, title="  开头  "))
    assert [b.id for b in store.bookmarks(doc_id)] == [b1.id, b2.id]
    assert b1.title == "开头" and b1.exact == speech_doc.text[100:124]
    renamed = store.update_bookmark(replace(b2, title="第二处"))
    assert renamed.title == "第二处" and renamed.created == b2.created
    gone = store.delete_bookmark(b1.id)
    assert [b.id for b in store.bookmarks(doc_id)] == [b2.id]
    store.restore_bookmark(gone)
    assert store.bookmarks(doc_id)[0] == b1


def test_bookmarks_follow_a_revision(speech_file: Path) -> None:
    doc = load_document(speech_file)
    with NotesStore() as s:
        doc_id = s.open_document(doc)
        bm = s.add_bookmark(new_bookmark(doc, 1500, title="书签"))
    revised = revise(speech_file, lambda p: p.insert(0, "新标题前的一行"))
    with NotesStore() as s:
        s.open_document(revised)
        [got] = s.bookmarks(doc_id)
    assert got.offset == bm.offset + len("新标题前的一行") + 1 and got.exact == bm.exact


def test_writes_from_many_threads(store: NotesStore, speech_doc: Document) -> None:
    doc_id = store.open_document(speech_doc)
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            for i in range(10):
                store.add(new_annotation(speech_doc, k * 100 + i, k * 100 + i + 5))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(store.annotations(doc_id)) == 40


def test_read_only_store_shows_reanchored_notes_without_writing(speech_file: Path) -> None:
    doc = load_document(speech_file)
    with NotesStore() as s:
        doc_id = s.open_document(doc)
        ann = s.add(new_annotation(doc, 400, 420))
    revised = revise(speech_file, lambda p: p.insert(0, "一行"))
    with NotesStore(read_only=True) as s:
        assert s.open_document(revised) == doc_id
        [got] = s.annotations(doc_id)
        assert got.start == ann.start + 3
        assert s.annotation_dicts(doc_id) == [got.to_dict()]  # held in memory, listed as shown
    with NotesStore() as s:  # nothing was written
        assert s.annotations(doc_id)[0].start == ann.start


def test_matching_ids_for_typed_prefixes(store: NotesStore, speech_doc: Document) -> None:
    store.open_document(speech_doc)
    a = new_annotation(speech_doc, 0, 5)
    for suffix in ("1", "2"):
        store.restore(replace(a, id=f"abcd-{suffix}", doc_id=store.open_document(speech_doc)))
    assert store.matching_ids("abcd-1") == ["abcd-1"]
    assert store.matching_ids("ABCD") == ["abcd-1", "abcd-2"]
    assert store.matching_ids("zzz") == []
    assert store.matching_ids("abcd", bookmarks=True) == []


def test_the_same_document_in_another_format_keeps_its_notes(tmp_path: Path) -> None:
    """The speech read as .txt, then (a little revised) as another file type: the notes follow,
    re-anchored; a different document with another title stays apart (#12, point 9)."""
    from desktop_app.core.annotations import new_annotation
    from desktop_app.core.loader import load_document
    from desktop_app.storage.notes_store import NotesStore
    from tests.conftest import SPEECH

    txt = load_document(SPEECH)
    other_format = tmp_path / "speech.text"  # stands for the .docx/.pdf of the same speech
    other_format.write_text(SPEECH.read_text(encoding="utf-8").replace("踩准点", "找准点"), encoding="utf-8")
    revised = load_document(other_format)
    assert revised.fingerprint != txt.fingerprint and revised.title == txt.title
    with NotesStore(tmp_path / "notes.sqlite3") as store:
        doc_id = store.open_document(txt)
        start = txt.text.index("抓队伍")
        store.add(new_annotation(txt, start, start + 3, note="队伍", doc_id=doc_id))
        assert store.open_document(revised) == doc_id
        (ann,) = store.annotations(doc_id)
        assert revised.text[ann.start : ann.end] == "抓队伍" and not ann.is_orphan
        unrelated = tmp_path / "另一份.text"
        unrelated.write_text("另一份通知\n一、总则\n正文。", encoding="utf-8")
        assert store.open_document(load_document(unrelated)) != doc_id
