"""Writing many annotations and bookmarks at once, in one transaction (all or nothing).

Used by the import (:mod:`desktop_app.export.importer`): it validates everything first, then
hands the result here.  Uses the store's own write transaction (``BEGIN IMMEDIATE`` under
its lock, committed durably, rolled back on any error), so either every row is written or
none is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop_app.core.annotations import Annotation, Bookmark, validate
from desktop_app.storage import rows

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
    with store._write() as c:
        c.executemany(rows.ANNOTATION_UPSERT, [rows.annotation_params(a) for a in annotations])
        c.executemany(rows.BOOKMARK_UPSERT, [rows.bookmark_params(b) for b in bookmarks])
    for a in annotations:
        store._overlay_ann.pop(a.id, None)
    for b in bookmarks:
        store._overlay_bm.pop(b.id, None)
