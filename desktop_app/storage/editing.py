"""Editing notes and bookmarks, with undo and redo: the one way both the window and the
command line change them (no Qt).

Each edit is a :class:`Change`: the record before (None: it did not exist) and after (None:
it was deleted).  Undoing puts the before back exactly (same id, timestamps, everything:
``NotesStore.restore`` upserts), or deletes what was added; redoing does the opposite.  A
change the store refuses (a read-only or full disk) raises ``StorageError`` and leaves both
histories as they were, so the person can try again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop_app.core.annotations import Annotation, Bookmark

if TYPE_CHECKING:
    from desktop_app.core.document import Document
    from desktop_app.storage.notes_store import NotesStore

Record = Annotation | Bookmark
UNDO_DEPTH = 50


@dataclass(frozen=True, slots=True)
class Change:
    before: Record | None  # None: the edit added it
    after: Record | None  # None: the edit deleted it

    @property
    def record(self) -> Record:
        """The record the change is about (as it is after it, or as it was if deleted)."""
        found = self.after if self.after is not None else self.before
        assert found is not None
        return found

    @property
    def kind(self) -> str:
        """``add``, ``change`` or ``delete``."""
        if self.before is None:
            return "add"
        return "delete" if self.after is None else "change"


class NotesEditor:
    """Edits of one store's notes and bookmarks, each undoable (UNDO_DEPTH deep)."""

    def __init__(self, store: NotesStore, depth: int = UNDO_DEPTH) -> None:
        self.store = store
        self.depth = depth
        self._undo: list[Change] = []
        self._redo: list[Change] = []

    # --- history ------------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def next_undo(self) -> Change | None:
        return self._undo[-1] if self._undo else None

    def clear(self) -> None:
        """Another document: its edits are not undone from this one."""
        self._undo.clear()
        self._redo.clear()

    def _did(self, change: Change) -> None:
        self._undo = [*self._undo, change][-self.depth :]
        self._redo.clear()

    def undo(self) -> Change | None:
        """Take back the latest edit; the change undone (None: nothing to undo)."""
        if not self._undo:
            return None
        change = self._undo[-1]
        self._put(change.after, change.before)
        self._undo.pop()
        self._redo.append(change)
        return change

    def redo(self) -> Change | None:
        """Do again the latest edit undone."""
        if not self._redo:
            return None
        change = self._redo[-1]
        self._put(change.before, change.after)
        self._redo.pop()
        self._undo.append(change)
        return change

    def _put(self, now: Record | None, wanted: Record | None) -> None:
        """Make the store hold ``wanted`` where it holds ``now`` (one of them may be None)."""
        if wanted is None:
            assert now is not None
            if isinstance(now, Annotation):
                self.store.delete(now.id)
            else:
                self.store.delete_bookmark(now.id)
        elif isinstance(wanted, Annotation):
            self.store.restore(wanted)
        else:
            self.store.restore_bookmark(wanted)

    # --- annotations ----------------------------------------------------------------------------
    def add(self, ann: Annotation) -> Annotation:
        saved = self.store.add(ann)
        self._did(Change(None, saved))
        return saved

    def update(self, old: Annotation, new: Annotation) -> Annotation:
        """``old`` (as it is stored) becomes ``new`` (its colour, note, tags ...)."""
        saved = self.store.update(new)
        self._did(Change(old, saved))
        return saved

    def recolour(self, old: Annotation, colour: str, style: str) -> Annotation:
        return self.update(old, replace(old, color=colour, style=style))

    def edit_note(self, old: Annotation, note: str, tags: list[str] | tuple[str, ...]) -> Annotation:
        return self.update(old, replace(old, note=note, tags=tuple(tags)))

    def reattach(self, old: Annotation, doc: Document, start: int, end: int) -> Annotation:
        saved = self.store.reattach(old.id, doc, start, end)
        self._did(Change(old, saved))
        return saved

    def delete(self, ann_id: str) -> Annotation:
        gone = self.store.delete(ann_id)
        self._did(Change(gone, None))
        return gone

    # --- bookmarks ------------------------------------------------------------------------------
    def add_bookmark(self, bm: Bookmark) -> Bookmark:
        saved = self.store.add_bookmark(bm)
        self._did(Change(None, saved))
        return saved

    def rename_bookmark(self, old: Bookmark, title: str) -> Bookmark:
        saved = self.store.update_bookmark(replace(old, title=title.strip()))
        self._did(Change(old, saved))
        return saved

    def delete_bookmark(self, bm_id: str) -> Bookmark:
        gone = self.store.delete_bookmark(bm_id)
        self._did(Change(gone, None))
        return gone
