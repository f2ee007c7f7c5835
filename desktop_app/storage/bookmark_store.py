"""The bookmarks' methods of :class:`~desktop_app.storage.notes_store.NotesStore`: a place in a
document with a title, found again like a note when the text changes (``documents.plan_open``)."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace
from typing import TYPE_CHECKING

from desktop_app.core.annotations import ORPHAN, Bookmark, stamp_after
from desktop_app.storage import rows
from desktop_app.storage.db import StorageError
from desktop_app.storage.documents import doc_id_for


class BookmarksMixin:
    """Reading, adding, renaming, deleting and restoring bookmarks."""

    if TYPE_CHECKING:
        _lock: contextlib.AbstractContextManager[object]
        _overlay_bm: dict[str, Bookmark]

        def _read(self, sql: str, params: tuple[object, ...] = (), *, plain: bool = False) -> list: ...
        def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]: ...
        def _write_one(self, sql: str, params: tuple[object, ...]) -> int: ...
        def _resolve_doc(self, doc_id: str, fingerprint: str) -> str: ...

    def bookmarks(self, doc_id: str) -> list[Bookmark]:
        """The document's bookmarks by position, orphans last."""
        found = rows.bookmarks_from(
            self._read(f"{rows.BOOKMARK_SELECT} WHERE doc_id = ?", (doc_id,), plain=True)
        )
        if self._overlay_bm:
            found = [self._overlay_bm.get(b.id, b) for b in found]
        return sorted(found, key=lambda b: (b.status == ORPHAN, b.offset, b.created))

    def add_bookmark(self, bm: Bookmark) -> Bookmark:
        """Store a new bookmark (from ``new_bookmark``)."""
        rows.check_bookmark(bm)
        with self._lock:
            bm = replace(bm, doc_id=self._resolve_doc(bm.doc_id, bm.anchored_fingerprint))
            self._write_one(rows.BOOKMARK_INSERT, rows.bookmark_params(bm))
        return bm

    def update_bookmark(self, bm: Bookmark) -> Bookmark:
        """Save a bookmark's title; bumps ``modified``."""
        bm = replace(bm, title=bm.title.strip(), modified=stamp_after(bm.modified))
        rows.check_bookmark(bm)
        with self._write() as c:
            cur = c.execute(
                "UPDATE bookmarks SET title = ?, modified = ? WHERE id = ?", (bm.title, bm.modified, bm.id)
            )
            if cur.rowcount == 0:
                raise StorageError("not_found", id=bm.id)
            r = c.execute("SELECT * FROM bookmarks WHERE id = ?", (bm.id,)).fetchone()
        return rows.bookmark(r)

    def delete_bookmark(self, bm_id: str) -> Bookmark:
        """Delete a bookmark; returns it whole, for :meth:`restore_bookmark`."""
        with self._write() as c:
            r = c.execute("SELECT * FROM bookmarks WHERE id = ?", (bm_id,)).fetchone()
            if r is None:
                raise StorageError("not_found", id=bm_id)
            c.execute("DELETE FROM bookmarks WHERE id = ?", (bm_id,))
        return self._overlay_bm.pop(bm_id, None) or rows.bookmark(r)

    def restore_bookmark(self, bm: Bookmark) -> None:
        rows.check_bookmark(bm)
        with self._write() as c:
            doc_id_for(c, bm.doc_id, "")
            c.execute(rows.BOOKMARK_UPSERT, rows.bookmark_params(bm))
