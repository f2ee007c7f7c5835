"""The document session: the one owner of the open document, its library id, the notes
store and the document's search index.  Everything in the window that depends on the
open document follows the session instead of being handed copies by the window.

The protocol (novelWriter's project / Anki's collection, made small):

* ``sig_opened(doc)``     another document is shown now (before it is painted): drop what
                          belonged to the previous one;
* ``sig_shown(doc)``      it is painted and the window complete: start background work
                          (its index);
* ``sig_registered(id)``  the notes store knows it (its library id; notes can be read);
* ``sig_closed(doc)``     no document is open any more (the library is the start page);
* ``sig_notes_changed()`` a note or bookmark of it was added, changed or removed;
* ``sig_library_changed()`` documents were added to, removed from or moved in the library.

A feature joins with :meth:`follow`: each of its methods named ``document_opened``,
``document_shown``, ``document_registered``, ``document_closed``, ``notes_changed`` and
``library_changed`` is connected to the matching signal; a feature made after a document
was opened (the window makes its panels after the first paint) is told about that document
at once.  Features never reach into the window or into each other: what they share is here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from desktop_app.core.document import Document
    from desktop_app.search import SearchIndex
    from desktop_app.storage.notes_store import NotesStore

_PROTOCOL = (
    ("sig_opened", "document_opened"),
    ("sig_shown", "document_shown"),
    ("sig_registered", "document_registered"),
    ("sig_closed", "document_closed"),
    ("sig_notes_changed", "notes_changed"),
    ("sig_library_changed", "library_changed"),
)


class DocumentSession(QObject):
    sig_opened = Signal(object)  # Document
    sig_shown = Signal(object)  # Document
    sig_registered = Signal(str)  # its library id
    sig_closed = Signal(object)  # the Document closed
    sig_notes_changed = Signal()
    sig_library_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.doc_id = ""  # the document's id in the library ("" until the store registered it)
        self.store: NotesStore | None = None  # the notes database (opened off the UI thread)
        self.index: SearchIndex | None = None  # the document's search index, once open
        self.shown = False  # the document is painted and the window complete
        self._followers: list[object] = []

    # --- features -----------------------------------------------------------------------
    def follow(self, feature: object) -> None:
        """Connect ``feature``'s protocol methods; tell it about the document open now."""
        self._followers.append(feature)
        for signal, method in _PROTOCOL:
            slot = getattr(feature, method, None)
            if slot is not None:
                getattr(self, signal).connect(slot)
        if self.document is not None:
            if hasattr(feature, "document_opened"):
                feature.document_opened(self.document)  # type: ignore[attr-defined]
            if self.shown and hasattr(feature, "document_shown"):
                feature.document_shown(self.document)  # type: ignore[attr-defined]
            if self.doc_id and hasattr(feature, "document_registered"):
                feature.document_registered(self.doc_id)  # type: ignore[attr-defined]

    @property
    def followers(self) -> list[object]:
        return list(self._followers)

    # --- the window's side ----------------------------------------------------------------
    def open(self, doc: Document) -> None:
        """``doc`` replaces the open document (its index and id are not known yet)."""
        self._drop_index()
        self.document, self.doc_id, self.shown = doc, "", False
        self.sig_opened.emit(doc)

    def mark_shown(self) -> None:
        if self.document is not None and not self.shown:
            self.shown = True
            self.sig_shown.emit(self.document)

    def close(self) -> None:
        """No document is open any more."""
        doc = self.document
        if doc is None:
            return
        self._drop_index()
        self.document, self.doc_id, self.shown = None, "", False
        self.sig_closed.emit(doc)

    def set_store(self, store: NotesStore | None) -> None:
        if store is not None and self.store is None:
            self.store = store

    def register(self, doc: Document, doc_id: str) -> None:
        """The store registered ``doc`` under ``doc_id`` (ignored if another document is open now)."""
        if doc is self.document and doc_id and doc_id != self.doc_id:
            self.doc_id = doc_id
            self.sig_registered.emit(doc_id)

    def set_index(self, doc: Document, index: SearchIndex) -> bool:
        """``index`` was opened for ``doc``; False (and the caller closes it) if ``doc`` is not open now."""
        if doc is not self.document:
            return False
        self._drop_index()
        self.index = index
        return True

    def notes_changed(self) -> None:
        self.sig_notes_changed.emit()

    def library_changed(self) -> None:
        self.sig_library_changed.emit()

    def _drop_index(self) -> None:
        if self.index is not None:
            self.index.close()
            self.index = None
