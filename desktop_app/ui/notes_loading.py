"""A document's notes, read off the UI thread: the store opened, the document registered (and
its notes re-anchored if its text changed), its annotations and bookmarks read and turned into
the marks the reading view draws, sorted.

With 10,000 notes this is ~0.5 s of Python and SQLite; on the UI thread it held the window
still right after the first paint.  ``load_notes`` runs on a worker (``ui/tasks``) while the
menus and panels are made; ``NotesFeature.adopt`` takes the result in a few milliseconds.
Imports nothing of the notes widgets (cheap to import after the first paint).
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from desktop_app.core.annotations import Annotation, Bookmark
    from desktop_app.core.document import Document
    from desktop_app.storage.notes_store import NotesStore
    from desktop_app.ui.reader_view import Mark


_running = 0  # jobs reading a store now: a store is not closed under them
_idle = threading.Condition()


def job(fn: Callable[..., Any], *args: Any) -> Callable[[], Any]:
    """``fn(*args)`` for a worker, counted from now (queued or running) until it has run:
    :func:`wait_idle` waits for it.  Run it exactly once."""
    global _running
    with _idle:
        _running += 1

    def run() -> Any:
        global _running
        try:
            return fn(*args)
        finally:
            with _idle:
                _running -= 1
                _idle.notify_all()

    return run


def wait_idle(timeout: float = 30.0) -> None:
    """Wait until no job reads a store (before the store is closed: SQLite must not have
    its connection closed under a read)."""
    with _idle:
        _idle.wait_for(lambda: _running == 0, timeout)


class LoadedNotes(NamedTuple):
    doc: Document
    store: NotesStore | None  # the store used (opened here when none was given)
    doc_id: str  # "" when the document could not be registered
    annotations: list[Annotation] | None  # None: not read yet (load_marks), see load_lists
    bookmarks: list[Bookmark] | None
    marks: list[Mark]  # sorted by start, as ReaderView.show_annotations keeps them
    messages: list[str]  # what the user must be told (a recovery, a refusal)


def marks_of(annotations: list[Annotation]) -> list[Mark]:
    """The marks the view draws for ``annotations`` (orphans and empty ranges have none), in
    the order the store reads them (``NotesStore.mark_columns``: start, end, status, colour, style, id),
    so that of two marks on the same words the same one is painted on top after a reload."""
    from desktop_app.ui.reader_view import Mark

    placed = [a for a in annotations if a.end > a.start and not a.is_orphan]
    placed.sort(key=lambda a: (a.start, a.end, a.status, a.color, a.style, a.id))
    return [Mark(a.id, a.start, a.end, a.color_hex, a.style, a.note) for a in placed]


def _open(
    doc: Document, store: NotesStore | None, cannot_save: str
) -> tuple[NotesStore | None, str, list[str]]:
    """The store (opened if None), ``doc``'s id in it ("" if it cannot be had), what to say."""
    from desktop_app.storage.notes_store import StorageError

    said: list[str] = []
    if store is None:
        store, said = _open_store(cannot_save)
        if store is None:
            return None, "", said
    try:
        return store, store.open_document(doc, sign=False), said  # signed later: LibraryFeature
    except StorageError as exc:
        return store, "", [*said, str(exc)]


def _open_store(cannot_save: str) -> tuple[NotesStore | None, list[str]]:
    """The notes store opened (None if it cannot be), and what the user must be told."""
    from desktop_app.storage.notes_store import NotesStore, StorageError

    try:  # today's backup when the marks are shown (NotesFeature): the window waited 32-40 ms for it
        store = NotesStore(defer_daily_backup=True)
    except (StorageError, OSError) as exc:
        return None, [cannot_save % exc]
    return store, list(store.notices)


def _stored_marks(store: NotesStore, doc_id: str) -> list[Mark] | None:
    """The marks of ``doc_id`` straight from the table, in start order: six columns, no
    Annotation records (~15 ms for 10,000 notes against ~350 ms for the records).
    None when the store keeps positions in memory it could not write (then only its
    ``annotations`` are right)."""
    from desktop_app.core.annotations import COLOR_BY_KEY, COLORS
    from desktop_app.ui.reader_view import Mark

    columns = store.mark_columns(doc_id)
    if columns is None:
        return None
    ids, starts, ends, keys, styles, notes = columns
    default = COLORS[0].hex
    hexes = {key: c.hex for key, c in COLOR_BY_KEY.items()}
    # column by column in C (zip, map): a Python loop making 10,000 marks took ~10 ms of the
    # interpreter lock the window was waiting for meanwhile, this ~2 ms
    colours = map(hexes.get, keys, itertools.repeat(default))
    make = functools.partial(tuple.__new__, Mark)  # what Mark._make does, without its Python frame
    return list(map(make, zip(ids, starts, ends, colours, styles, notes, strict=True)))


def load_marks(doc: Document, store: NotesStore | None, cannot_save: str) -> LoadedNotes:
    """What the view draws first: the store opened (after the first paint: opened beside it,
    its imports held the speech's first paint back ~30-50 ms), ``doc`` registered
    (re-anchored), its marks; the annotation and bookmark records come after
    (:func:`load_lists`).  Worker."""
    from desktop_app.storage.notes_store import StorageError

    store, doc_id, said = _open(doc, store, cannot_save)
    if store is None or not doc_id:
        return LoadedNotes(doc, store, "", [], [], [], said)
    try:
        marks = _stored_marks(store, doc_id)
    except StorageError as exc:
        return LoadedNotes(doc, store, "", [], [], [], [*said, str(exc)])
    if marks is None:
        annotations, bookmarks = load_lists(store, doc_id)
        return LoadedNotes(doc, store, doc_id, annotations, bookmarks, marks_of(annotations), said)
    return LoadedNotes(doc, store, doc_id, None, None, marks, said)


def load_lists(store: NotesStore, doc_id: str) -> tuple[list[Annotation], list[Bookmark]]:
    """The document's annotation and bookmark records (for the panel, menus, export).  Worker."""
    return store.annotations(doc_id), store.bookmarks(doc_id)


def load_notes(doc: Document, store: NotesStore | None, cannot_save: str) -> LoadedNotes:
    """Open ``store`` if None, register ``doc`` and read its notes.  Runs on a worker thread:
    touches no widget.  ``cannot_save`` is the message (translated by the caller) for a
    store that cannot be opened, with %s for the reason."""
    from desktop_app.storage.notes_store import StorageError

    store, doc_id, said = _open(doc, store, cannot_save)
    if store is None or not doc_id:
        return LoadedNotes(doc, store, "", [], [], [], said)
    try:
        annotations = store.annotations(doc_id)
        bookmarks = store.bookmarks(doc_id)
    except StorageError as exc:
        return LoadedNotes(doc, store, "", [], [], [], [*said, str(exc)])
    return LoadedNotes(doc, store, doc_id, annotations, bookmarks, marks_of(annotations), said)
