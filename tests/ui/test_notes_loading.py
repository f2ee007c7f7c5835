"""The marks the window draws first, read on a worker (ui/notes_loading.py): straight from
the notes table as one row of JSON, made column by column, equal to those the full records make."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.annotations import new_annotation
from desktop_app.core.loader import load_document
from desktop_app.storage.notes_store import NotesStore
from tests.conftest import SPEECH
from tests.storage.test_scale import HOSTILE


def test_the_marks_a_worker_reads_are_those_the_records_make(tmp_path: Path) -> None:
    """On a worker the marks come as one row of JSON and are made column by column
    (ui/notes_loading._stored_marks): the same marks as ``marks_of`` makes from the records,
    hostile note texts and every colour included, and the same as the main thread reads."""
    import threading

    from desktop_app.core.annotations import COLORS
    from desktop_app.ui.notes_loading import _stored_marks, marks_of

    doc = load_document(SPEECH)
    with NotesStore(tmp_path / "n.sqlite3") as store:
        doc_id = store.open_document(doc)
        store.upsert_many(
            [
                new_annotation(
                    doc,
                    7 * i,
                    7 * i + 5 + i % 4,
                    note=HOSTILE[i % len(HOSTILE)] if i % 3 else "",
                    color=COLORS[i % len(COLORS)].key,
                    style=("highlight", "underline")[i % 2],
                    doc_id=doc_id,
                )
                for i in range(300)
            ]
            + [  # the same places again in other colours: ties the order must break alike
                new_annotation(
                    doc, 7 * i, 7 * i + 5 + i % 4, color=COLORS[(i + 2) % len(COLORS)].key, doc_id=doc_id
                )
                for i in range(0, 300, 3)
            ]
        )
        expected = marks_of(store.annotations(doc_id))
        on_worker: list = []
        worker = threading.Thread(
            target=lambda: on_worker.append((store.mark_columns(doc_id), _stored_marks(store, doc_id)))
        )
        worker.start()
        worker.join()
        rows, marks = on_worker[0]
    assert rows == store_rows_on_main(tmp_path / "n.sqlite3", doc_id)  # in the same order, ties too
    assert marks == expected  # in the same order as from the records (a reload), ties too
    assert [(m.start, m.end) for m in marks] == sorted((m.start, m.end) for m in marks)
    assert [m.id for m in marks] == rows[0]
    assert all(type(m) is type(expected[0]) for m in marks)


def store_rows_on_main(path: Path, doc_id: str) -> list:
    with NotesStore(path) as store:
        return store.mark_columns(doc_id)
