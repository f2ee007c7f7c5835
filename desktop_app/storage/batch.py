"""Writing many annotations and bookmarks at once, in one transaction (all or nothing).

Used by the import (:mod:`desktop_app.export.importer`): it validates everything first, then
hands the result here.  Uses the store's own write transaction (``BEGIN IMMEDIATE`` under
its lock, committed durably, rolled back on any error), so either every row is written or
none is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from desktop_app.core.annotations import Annotation, Bookmark, validate
from desktop_app.storage import rows
from desktop_app.storage.db import StorageError

if TYPE_CHECKING:
    from desktop_app.storage.notes_store import NotesStore


def upsert_all(
    store: NotesStore, annotations: Sequence[Annotation], bookmarks: Sequence[Bookmark] = ()
) -> None:
    """Insert or replace ``annotations`` and ``bookmarks`` exactly as given (ids, timestamps, all)."""
    for a in annotations:
        validate(a)
        rows.check_annotation(a)
    for b in bookmarks:
        rows.check_bookmark(b)
    from desktop_app.storage.notes_store import MAX_NOTES_PER_DOCUMENT

    docs = sorted({a.doc_id for a in annotations})
    with store._write() as c:
        before = _counts(c, docs)
        c.executemany(rows.ANNOTATION_UPSERT, [rows.annotation_params(a) for a in annotations])
        c.executemany(rows.BOOKMARK_UPSERT, [rows.bookmark_params(b) for b in bookmarks])
        after = _counts(c, docs)
        if any(n > MAX_NOTES_PER_DOCUMENT and n > before.get(d, 0) for d, n in after.items()):
            # the whole batch is rolled back: an import never half-fills a document
            raise StorageError("too_many_notes", limit=f"{MAX_NOTES_PER_DOCUMENT:,}")
    for a in annotations:
        store._overlay_ann.pop(a.id, None)
    for b in bookmarks:
        store._overlay_bm.pop(b.id, None)


def _counts(c: Any, docs: list[str]) -> dict[str, int]:
    """Annotations per document of ``docs`` (in the open transaction)."""
    out: dict[str, int] = {}
    for i in range(0, len(docs), 500):
        part = docs[i : i + 500]
        marks = ",".join("?" * len(part))
        sql = f"SELECT doc_id, COUNT(*) FROM annotations WHERE doc_id IN ({marks}) GROUP BY doc_id"
        out.update((d, n) for d, n in c.execute(sql, part))
    return out
