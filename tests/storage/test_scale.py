"""The store with thousands of notes: plain-row reading, listing output, no needless backup.

Real SQLite files; the command line in real processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import fields
from pathlib import Path

import pytest

from desktop_app.cli_notes import json_text
from desktop_app.core.annotations import Annotation, Bookmark, new_annotation, new_bookmark
from desktop_app.core.loader import load_document
from desktop_app.storage import rows
from desktop_app.storage.notes_store import NotesStore
from tests.conftest import ROOT, SPEECH

HOSTILE = ['"引号" \\ 反斜杠 \n换行 \t \x01 \u2028', "\ud800"[:0] + "emoji 😀", "", "#标签"]


def test_plain_rows_make_the_same_records_as_named_rows(tmp_path: Path) -> None:
    """annotations_from / bookmarks_from build records positionally: the columns must stay in
    the records' field order (a reordered dataclass would swap fields silently otherwise)."""
    assert [f.name for f in fields(Annotation)] == [
        {"start_offset": "start", "end_offset": "end"}.get(c, c)
        for c in rows._ANN_COLUMNS.replace(" ", "").split(",")
    ]
    assert [f.name for f in fields(Bookmark)] == [
        {"pos": "offset"}.get(c, c) for c in rows._BM_COLUMNS.replace(" ", "").split(",")
    ]
    doc = load_document(SPEECH)
    with NotesStore(tmp_path / "n.sqlite3") as store:
        doc_id = store.open_document(doc)
        for i, tags in enumerate([["重点", "复习"], [], ["重点", "复习"], HOSTILE[1:]]):
            store.add(new_annotation(doc, 10 + i, 20 + i, note=HOSTILE[i % 2], tags=tags, doc_id=doc_id))
        store.add_bookmark(new_bookmark(doc, 30, title=HOSTILE[0], doc_id=doc_id))
        named = sorted(
            (rows.annotation(r) for r in store._read("SELECT * FROM annotations")), key=lambda a: a.start
        )
        assert store.annotations(doc_id) == named
        assert store.bookmarks(doc_id) == [rows.bookmark(r) for r in store._read("SELECT * FROM bookmarks")]


@pytest.mark.parametrize(
    "value",
    [
        [],
        {},
        [{}],
        [{"a": [], "b": None, "c": True, "d": False, "e": -3, "f": 2**70}],
        [{"quote": s, "tags": HOSTILE, "n": i} for i, s in enumerate(HOSTILE)],
        [{"a": 1.5}],  # left to json
        [{"a": {"b": [1, [2]]}}],
        ["not", "records"],
    ],
)
def test_json_text_is_json_dumps(value: object) -> None:
    assert json_text(value) == json.dumps(value, ensure_ascii=False, indent=1)


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "YANDU_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True, env=env, cwd=ROOT,
        timeout=120, check=True,
    )  # fmt: skip


def test_listing_3000_notes_gives_every_note_as_stored_and_refreshes_no_backup(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    doc_file = tmp_path / "speech.txt"
    doc_file.write_bytes(SPEECH.read_bytes())
    doc = load_document(doc_file)
    with NotesStore(data / "notes.sqlite3") as store:
        doc_id = store.open_document(doc)
        anns = [
            new_annotation(doc, i % 5000, i % 5000 + 8, note=f"笔记 {i}\n{HOSTILE[i % 4]}",
                           tags=[f"t{i % 3}"], doc_id=doc_id)
            for i in range(3000)
        ]  # fmt: skip
        with store._write() as c:
            c.executemany(rows.ANNOTATION_INSERT, [rows.annotation_params(a) for a in anns])
        expected = [a.to_dict() for a in store.annotations(doc_id)]
    out = _cli(data, "notes", "list", "--json", "--doc", str(doc_file)).stdout
    assert out == json.dumps(expected, ensure_ascii=False, indent=1) + "\n"
    assert len(json.loads(out)) == 3000
    backup = next((data / "backups").glob("notes-*.sqlite3"))
    before = backup.stat().st_mtime_ns
    _cli(data, "notes", "list", "--doc", str(doc_file))
    assert backup.stat().st_mtime_ns == before  # nothing changed but "last seen": no refresh
    _cli(data, "notes", "add", "--doc", str(doc_file), "--quote", doc.text[100:110])
    assert backup.stat().st_mtime_ns != before  # a change is backed up at close


def test_a_revised_text_still_re_anchors_the_notes_when_listed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    doc_file = tmp_path / "speech.txt"
    doc_file.write_bytes(SPEECH.read_bytes())
    doc = load_document(doc_file)
    quote = doc.paragraphs[5].text[40:60]
    assert doc.text.count(quote) == 1
    _cli(data, "notes", "add", "--doc", str(doc_file), "--quote", quote)
    doc_file.write_text("新插入的一段。\n" + doc.text, encoding="utf-8")
    (listed,) = json.loads(_cli(data, "notes", "list", "--json", "--doc", str(doc_file)).stdout)
    assert listed["start"] == doc.text.index(quote) + len("新插入的一段。\n")
    assert listed["status"] == "anchored"
    with NotesStore(data / "notes.sqlite3") as store:  # and stored so
        (stored,) = [a for d in store.documents() for a in store.annotations(d.id)]
    assert stored.start == listed["start"]


def test_mark_columns_are_the_placed_annotations_in_start_order(tmp_path: Path) -> None:
    """What the window draws first (ui/notes_loading.py) without building 10,000 records: the
    same notes, places, colours, styles and note texts as ``annotations()``, orphans and empty
    ranges left out, in start order."""
    import dataclasses

    from desktop_app.core.annotations import ORPHAN

    doc = load_document(SPEECH)
    with NotesStore(tmp_path / "n.sqlite3") as store:
        doc_id = store.open_document(doc)
        for i, (start, color, style) in enumerate(
            [(300, "green", "highlight"), (10, "yellow", "underline"), (120, "pink", "highlight")]
        ):
            store.add(new_annotation(doc, start, start + 8, note=HOSTILE[i % len(HOSTILE)], color=color,
                                     style=style, doc_id=doc_id))  # fmt: skip
        orphan = dataclasses.replace(new_annotation(doc, 50, 60, doc_id=doc_id), status=ORPHAN)
        store.add(orphan)
        placed = [a for a in store.annotations(doc_id) if a.status != ORPHAN]
        on_worker: list = []
        worker = threading.Thread(target=lambda: on_worker.append(store.mark_columns(doc_id)))
        worker.start()
        worker.join()
        for columns in (store.mark_columns(doc_id), on_worker[0]):  # row by row; as JSON
            assert columns is not None
            assert columns[0] == [a.id for a in placed]
            rows = [(a.id, a.start, a.end, a.color, a.style, a.note) for a in placed]
            assert list(zip(*columns, strict=True)) == rows
            assert columns[1] == [10, 120, 300]
            assert orphan.id not in columns[0]
        store.add(new_annotation(doc, 10, 12, doc_id=doc_id))  # the same start, ends in order
        assert store.mark_columns(doc_id)[2][:2] == [12, 18]  # type: ignore[index]


def _fill(data: Path, doc_file: Path, count: int) -> str:
    """``count`` highlights on ``doc_file`` written straight into the store (fast); its doc id."""
    doc = load_document(doc_file)
    with NotesStore(data / "notes.sqlite3") as store:
        doc_id = store.open_document(doc)
        anns = [new_annotation(doc, i % 900, i % 900 + 4, doc_id=doc_id) for i in range(count)]
        with store._write() as c:
            c.executemany(rows.ANNOTATION_INSERT, [rows.annotation_params(a) for a in anns])
    return doc_id


def test_a_document_keeps_at_most_the_limit_and_says_so(tmp_path: Path) -> None:
    """At MAX_NOTES_PER_DOCUMENT a new note is refused with the limit named, in the store and from
    the command line (exit 1, no traceback); another document is not affected; deleting one makes room."""
    from desktop_app.storage import notes_store
    from desktop_app.storage.db import StorageError

    limit = notes_store.MAX_NOTES_PER_DOCUMENT
    assert limit == 20_000
    data = tmp_path / "data"
    data.mkdir()
    doc_file = tmp_path / "speech.txt"
    doc_file.write_bytes(SPEECH.read_bytes())
    doc_id = _fill(data, doc_file, limit)
    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app", "notes", "add", "--quote", "踩准点", "--note", "再加一条",
         "--doc", str(doc_file)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**os.environ, "YANDU_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert proc.returncode == 1
    assert "笔记已达上限（20,000 条）" in proc.stderr and "Traceback" not in proc.stderr
    doc = load_document(doc_file)
    other = tmp_path / "other.txt"
    other.write_text("另一篇文档。\n第二段。", encoding="utf-8")
    with NotesStore(data / "notes.sqlite3") as store:
        assert store.note_count(doc_id) == limit
        with pytest.raises(StorageError) as caught:
            store.add(new_annotation(doc, 0, 4, doc_id=doc_id))
        assert caught.value.key == "too_many_notes"
        # an import that would go past the limit is refused whole: nothing of it is written
        batch = [new_annotation(doc, 10, 14, doc_id=doc_id) for _ in range(3)]
        with pytest.raises(StorageError):
            store.upsert_many(batch)
        assert store.note_count(doc_id) == limit
        # updating notes already there is not adding: allowed at the limit
        first = store.annotations(doc_id)[0]
        store.upsert_many([first])
        # another document takes notes as before
        other_doc = load_document(other)
        store.add(new_annotation(other_doc, 0, 3, doc_id=store.open_document(other_doc)))
        store.delete(first.id)
        store.add(new_annotation(doc, 0, 4, doc_id=doc_id))  # room again
        assert store.note_count(doc_id) == limit


def test_annotation_dicts_are_the_records_to_dict_in_the_same_order(tmp_path: Path) -> None:
    """``notes list --json`` reads dicts straight from the rows: the same keys, values and order
    as the records' to_dict (ties on place broken by time, orphans last, tags shared or not)."""
    import dataclasses

    from desktop_app.core.annotations import ORPHAN

    doc = load_document(SPEECH)
    with NotesStore(tmp_path / "n.sqlite3") as store:
        doc_id = store.open_document(doc)
        anns = []
        for i, start in enumerate([300, 10, 120, 10, 10, 300]):
            tags = [["重点"], [], ["重点", "t1"], ["学习"]][i % 4]
            note = HOSTILE[i % len(HOSTILE)]
            a = new_annotation(doc, start, start + 8 - (i % 2), note=note, tags=tags, doc_id=doc_id)
            anns.append(dataclasses.replace(a, created=f"2026-01-0{9 - i}T00:00:00"))
        anns.append(dataclasses.replace(new_annotation(doc, 5, 9, doc_id=doc_id), status=ORPHAN))
        anns.append(dataclasses.replace(anns[1], id="revised", original_exact="旧的文字"))
        store.upsert_many(anns)
        expected = [a.to_dict() for a in store.annotations(doc_id)]
        assert store.annotation_dicts(doc_id) == expected
        assert [d["start"] for d in expected] == [10, 10, 10, 10, 120, 300, 300, 5]  # orphan last
        assert expected[-1]["status"] == ORPHAN
        assert {d["original_quote"] for d in expected if d["id"] == "revised"} == {"旧的文字"}
        dicts = store.annotation_dicts(doc_id)
        dicts[0]["tags"].append("x")  # every dict its own list, as to_dict gives
        assert store.annotation_dicts(doc_id)[0]["tags"] == expected[0]["tags"]
