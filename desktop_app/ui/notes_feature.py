"""Highlights, notes and bookmarks in the window: the store, the panel, the toolbar, the menu.

One object owns the feature (as a Spyder plugin does): it opens the
:class:`~desktop_app.storage.notes_store.NotesStore`, turns user requests from the
reading view, the selection toolbar and the notes panel into store calls, and
redraws.  Every change is committed by the store the moment it is made.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from desktop_app.core.annotations import (
    COLOR_BY_KEY,
    Annotation,
    Bookmark,
    new_annotation,
    new_bookmark,
)
from desktop_app.ui.notes_actions import NotesActionsMixin
from desktop_app.ui.notes_dialogs import NotesDialogsMixin
from desktop_app.ui.notes_dialogs import settled as _settled
from desktop_app.ui.notes_panel import NotesPanel
from desktop_app.ui.reader_view import Mark
from desktop_app.ui.selection_toolbar import SelectionToolbar

if TYPE_CHECKING:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QMainWindow

    from desktop_app.core.document import Document
    from desktop_app.storage.editing import NotesEditor
    from desktop_app.storage.notes_store import NotesStore
    from desktop_app.ui.notes_loading import LoadedNotes
    from desktop_app.ui.reader_view import ReaderView
    from desktop_app.ui.session import DocumentSession
    from desktop_app.ui.settings import Settings


T = TypeVar("T")


LISTS_AT_LATEST_MS = 1000  # the records are read this long after the marks, painted or not
BACKUP_AFTER_MS = 1500  # today's backup (deferred by the opening) this long after the notes arrive


class NotesFeature(NotesActionsMixin, NotesDialogsMixin, QObject):
    sig_message = Signal(str)  # something the user must be told (a refused change, a recovery)
    sig_hint = Signal(str)  # a passing hint (what to do first), shown without a dialog
    sig_status = Signal(str)  # a short confirmation for the status bar

    def __init__(
        self, window: QMainWindow, reader: ReaderView, session: DocumentSession, settings: Settings
    ) -> None:
        super().__init__(window)
        self.window = window  # the parent of its dialogs and actions; nothing else is asked of it
        self.reader = reader
        self.session = session  # the open document, its id and the store are the session's
        self.settings = settings
        self._annotations: list[Annotation] = []
        self._bookmarks: list[Bookmark] = []
        self._lists_pending = False  # the marks are drawn, the records still being read
        self._lists_after_paint = -1  # the load whose records are read once its marks are painted
        self.last_colour = "yellow"
        self._editor: NotesEditor | None = None  # the edits, with undo and redo (storage/editing)
        self._generation = 0  # of document loads: a newer one supersedes an older one
        self.marks_pending = False  # a document's notes are being read on a worker

        self.panel = NotesPanel(window)
        self.toolbar = SelectionToolbar(reader.viewport())
        self.actions = self._make_actions()
        reader.menu_provider = self._fill_menu
        reader.sig_selection_made.connect(self._on_selection)
        reader.sig_marks_painted.connect(self._read_lists_after_paint)
        reader.verticalScrollBar().valueChanged.connect(lambda _v: self.toolbar.hide())
        reader.selectionChanged.connect(self._on_selection_changed)
        self.toolbar.sig_highlight.connect(lambda key: self.annotate_selection(key, "highlight"))
        self.toolbar.sig_underline.connect(lambda: self.annotate_selection(self.last_colour, "underline"))
        self.toolbar.sig_note.connect(self.note_on_selection)
        self.toolbar.sig_copy.connect(self.reader.copy)
        self.toolbar.sig_card.connect(self.copy_card_of_selection)
        self.toolbar.sig_remove.connect(self.remove_in_selection)
        self.panel.sig_jump_requested.connect(self._jump)
        self.panel.sig_note_edited.connect(self.edit_note)
        self.panel.sig_delete_requested.connect(self.delete)
        self.panel.sig_reattach_requested.connect(self.reattach_to_selection)
        self.panel.sig_undo_requested.connect(self.undo)
        self.panel.sig_bookmark_renamed.connect(self.rename_bookmark)
        self.panel.sig_card_requested.connect(self.copy_card)
        self.panel.sig_card_save_requested.connect(self.save_card)

    @property
    def editor(self) -> NotesEditor:
        """Every change goes through it (undo/redo); only used once the store is open (_guard)."""
        store = self.store
        assert store is not None
        if self._editor is None or self._editor.store is not store:
            from desktop_app.storage.editing import NotesEditor

            self._editor = NotesEditor(store)
        return self._editor

    @property
    def doc(self) -> Document | None:
        return self.session.document

    @property
    def doc_id(self) -> str:
        return self.session.doc_id

    @property
    def store(self) -> NotesStore | None:
        return self.session.store

    @store.setter
    def store(self, value: NotesStore | None) -> None:
        self.session.store = value

    # --- the session's protocol ----------------------------------------------------------------
    def document_closed(self, _doc: Document) -> None:
        self._generation += 1
        if self._editor is not None:
            self._editor.clear()
        self.marks_pending = self._lists_pending = False
        self._annotations, self._bookmarks = [], []
        self.panel.set_items([], [])
        self.toolbar.hide()

    @property
    def annotations(self) -> list[Annotation]:
        """The document's annotations in reading order (read now if a worker still reads them)."""
        if self._lists_pending or self.marks_pending:
            self.settle()
        return self._annotations

    @annotations.setter
    def annotations(self, value: list[Annotation]) -> None:
        self._annotations = value

    @property
    def bookmarks(self) -> list[Bookmark]:
        if self._lists_pending or self.marks_pending:
            self.settle()
        return self._bookmarks

    @bookmarks.setter
    def bookmarks(self, value: list[Bookmark]) -> None:
        self._bookmarks = value

    # --- set-up ----------------------------------------------------------------------------
    def open_store(self) -> None:
        """Open (create, migrate, check, recover) the notes database; report what happened."""
        from desktop_app.storage.notes_store import NotesStore, StorageError

        try:
            self.store = NotesStore()
        except (StorageError, OSError) as exc:
            self.sig_message.emit(self.tr("Notes cannot be saved: %s") % exc)
            return
        for notice in self.store.notices:
            self.sig_message.emit(notice)

    def close(self) -> None:
        from desktop_app.ui.notes_loading import wait_idle

        self.panel.flush()
        self._generation += 1  # a worker's answer comes too late now
        self.marks_pending = self._lists_pending = False
        wait_idle()  # a worker still reading the store (notes_loading)
        if self.store is not None:
            self.store.close()  # (makes today's backup if the deferred one was not made yet)
            self.store = None

    def set_document(self, doc: Document) -> None:
        """Load ``doc``'s annotations (re-anchored by the store if its text changed), now."""
        from desktop_app.ui.notes_loading import load_notes

        self._generation += 1
        if self._editor is not None:
            self._editor.clear()
        self.marks_pending = self._lists_pending = False
        self.adopt(load_notes(doc, self.store, self.tr("Notes cannot be saved: %s")))

    def begin(self, doc: Document) -> None:
        """``doc``'s notes are being read on a worker (the window's ``_start_notes_load``):
        show none until :meth:`adopt` takes them; a change asked for meanwhile, or anything
        that reads ``annotations``, reads them at once (:meth:`settle`)."""
        self._generation += 1
        if self._editor is not None:
            self._editor.clear()
        self._annotations, self._bookmarks = [], []
        self._lists_pending = False
        self.reader.show_annotations([])
        self.panel.set_items([], [])
        self.marks_pending = True

    def settle(self) -> None:
        """Read now what a worker is still reading (the user wants the notes, or to change them)."""
        if self.marks_pending and self.doc is not None:
            self.set_document(self.doc)
        elif self._lists_pending and self.store is not None and self.doc_id:
            from desktop_app.storage.notes_store import StorageError

            self._generation += 1  # the worker's answer is not needed any more
            self._lists_pending = False
            try:
                self._annotations = self.store.annotations(self.doc_id)
                self._bookmarks = self.store.bookmarks(self.doc_id)
            except StorageError as exc:
                self.sig_message.emit(str(exc))
            self.panel.set_items(self._annotations, self._bookmarks)

    def adopt(self, loaded: LoadedNotes) -> None:
        """Take a document's notes read by ``notes_loading``: draw the marks; list the records,
        or (when only the marks were read) read those on a worker next."""
        self.marks_pending = False
        if loaded.store is not None and self.store is None:
            self.store = loaded.store
        elif loaded.store is not None and loaded.store is not self.store:
            loaded.store.close()  # two loads raced to open it: keep one
        for text in loaded.messages:
            self.sig_message.emit(text)
        if self.store is not None and self.store.backup_due:  # once the marks are on screen
            QTimer.singleShot(BACKUP_AFTER_MS, self, self._back_up_if_due)
        if loaded.doc is not self.doc or not loaded.doc_id:
            return
        self.session.register(loaded.doc, loaded.doc_id)
        self.reader.show_annotations(loaded.marks, ordered=True)
        if loaded.annotations is not None and loaded.bookmarks is not None:
            self._annotations, self._bookmarks = loaded.annotations, loaded.bookmarks
            self.panel.set_items(self._annotations, self._bookmarks)
            return
        if self.reader.marks_waiting and self.reader.isVisible():
            # Read once the marks are painted: reading 10,000 records on a worker holds the
            # interpreter lock for ~0.1 s, which would hold the marks' first paint back.
            self._lists_pending, self._lists_after_paint = True, self._generation
            QTimer.singleShot(LISTS_AT_LATEST_MS, self, self._read_lists_after_paint)  # no paint comes
            return
        self._read_lists()

    def _read_lists_after_paint(self) -> None:
        if self._lists_after_paint == self._generation and self._lists_pending:
            self._lists_after_paint = -1
            self._read_lists()

    def _read_lists(self) -> None:
        """The annotation and bookmark records, read on a worker after the marks are drawn."""
        from desktop_app.ui.notes_loading import job, load_lists
        from desktop_app.ui.tasks import run_in_background

        store, doc_id, generation = self.store, self.doc_id, self._generation
        assert store is not None
        self._lists_pending = True

        def done(lists: tuple[list[Annotation], list[Bookmark]]) -> None:
            if generation == self._generation and self._lists_pending:
                self._lists_pending = False
                self._annotations, self._bookmarks = lists
                self.panel.set_items(*lists)

        def failed(exc: BaseException) -> None:
            if generation == self._generation and self._lists_pending:
                self._lists_pending = False
                self.sig_message.emit(str(exc))

        run_in_background(job(load_lists, store, doc_id), done, failed, owner=self)

    def _back_up_if_due(self) -> None:
        """Today's backup, which the opening left for when the notes are shown (on a worker,
        through a connection of its own: notes made meanwhile do not wait for it); the store
        makes it at close if it was not made yet."""
        store = self.store
        if store is None or not store.backup_due:
            return
        from desktop_app.ui.notes_loading import job
        from desktop_app.ui.tasks import run_in_background

        def done(notice: str) -> None:
            if notice:
                self.sig_message.emit(notice)

        def failed(exc: BaseException) -> None:
            self.sig_message.emit(str(exc))

        run_in_background(job(store.backup_if_due), done, failed, owner=self)

    def reload(self) -> None:
        if self.store is None or not self.doc_id:
            return
        self._lists_pending = False  # read here, now
        self.annotations = self.store.annotations(self.doc_id)
        self.bookmarks = self.store.bookmarks(self.doc_id)
        self.reader.show_annotations(self.marks(), ordered=True)
        self.panel.set_items(self.annotations, self.bookmarks)
        self.session.notes_changed()

    def marks(self) -> list[Mark]:
        """The marks drawn for the annotations (sorted by start)."""
        from desktop_app.ui.notes_loading import marks_of

        return marks_of(self.annotations)

    # --- changes ---------------------------------------------------------------------------
    def _selection(self) -> tuple[int, int] | None:
        cursor = self.reader.textCursor()
        if not cursor.hasSelection():
            return None
        return cursor.selectionStart(), cursor.selectionEnd()

    def _guard(self, fn: Callable[[], T]) -> T | None:
        """``fn()`` (a change of the store), or None after saying why it was refused."""
        from desktop_app.storage.notes_store import StorageError

        if self.store is None:
            self.sig_message.emit(self.tr("Notes cannot be saved: the notes database is not open."))
            return None
        try:
            return fn()
        except StorageError as exc:
            self.sig_message.emit(str(exc))
            return None

    @_settled
    def annotate_selection(self, colour: str, style: str = "highlight", note: str = "") -> Annotation | None:
        """Highlight or underline the selection (recolouring an existing one on the same text).

        The selection is then dropped (the cursor stays at its end) so the new colour shows."""
        sel = self._selection()
        if self.doc is None:
            return None
        if sel is None:
            self.sig_hint.emit(self.tr("Select a passage first, then highlight it."))
            return None
        self.last_colour = colour if colour in COLOR_BY_KEY else self.last_colour
        start, end = sel
        same = next(
            (a for a in self.annotations if (a.start, a.end) == (start, end) and not a.is_orphan), None
        )
        if same is not None:
            saved = self._guard(lambda: self.editor.recolour(same, colour, style))
        else:
            ann = new_annotation(
                self.doc, start, end, color=colour, style=style, note=note, doc_id=self.doc_id
            )
            saved = self._guard(lambda: self.editor.add(ann))
        if saved is not None:
            self.reload()
            self.reader.clear_selection()
        return saved

    @_settled
    def note_on_selection(self) -> None:
        """Make (or find) the highlight on the selection and open its note for typing."""
        sel = self._selection()
        if sel is None:
            self.sig_hint.emit(self.tr("Select a passage first, then add a note to it."))
            return
        ann = next((a for a in self.annotations if (a.start, a.end) == sel), None)
        if ann is None:
            ann = self.annotate_selection(self.last_colour, "highlight")
        if ann is not None:
            self.panel.edit_note(ann.id)

    @_settled
    def edit_note(self, ann_id: str, note: str, tags: list[str]) -> None:
        ann = next((a for a in self.annotations if a.id == ann_id), None)
        if ann is None:
            return
        saved = self._guard(lambda: self.editor.edit_note(ann, note, tags))
        if saved is not None:
            self.annotations = [saved if a.id == ann_id else a for a in self.annotations]
            self.reader.show_annotations(self.marks(), ordered=True)
            self.panel.set_items(self.annotations, self.bookmarks)
            self.session.notes_changed()

    @_settled
    def remove_in_selection(self) -> None:
        """Delete the annotations that overlap the selection (or the cursor position)."""
        cursor = self.reader.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        hit = [
            a for a in self.annotations if not a.is_orphan and a.start < max(end, start + 1) and a.end > start
        ]
        for a in hit:
            self.delete(a.id)

    @_settled
    def delete(self, item_id: str) -> None:
        """Delete an annotation or bookmark; Ctrl+Z brings it back exactly."""
        if any(a.id == item_id for a in self.annotations):
            gone = self._guard(lambda: self.editor.delete(item_id))
        elif any(b.id == item_id for b in self.bookmarks):
            gone = self._guard(lambda: self.editor.delete_bookmark(item_id))
        else:
            return
        if gone is not None:
            self.reload()

    def _undo_requested(self) -> None:
        if self._editor is None or not self._editor.can_undo:
            self.sig_hint.emit(self.tr("Nothing to undo: Ctrl+Z takes back your last change to the notes."))
            return
        self.undo()

    def _redo_requested(self) -> None:
        if self._editor is None or not self._editor.can_redo:
            self.sig_hint.emit(self.tr("Nothing to redo."))
            return
        self.redo()

    @_settled
    def undo(self) -> bool:
        """Take back the last change (a highlight, a note, a deletion ...), exactly."""
        return self._step(back=True)

    @_settled
    def redo(self) -> bool:
        return self._step(back=False)

    def _step(self, *, back: bool) -> bool:
        editor = self._editor
        if editor is None or self.store is None or not (editor.can_undo if back else editor.can_redo):
            return False
        change = self._guard(editor.undo if back else editor.redo)  # refused: kept, try again
        if change is None:
            return False
        self.reload()
        if change.kind != ("add" if back else "delete"):  # it is there now: show it
            self.panel.select(change.record.id)
        return True

    @_settled
    def reattach_to_selection(self, ann_id: str) -> None:
        sel = self._selection()
        if sel is None or self.doc is None:
            self.sig_hint.emit(self.tr("Select the passage in the text first, then attach the note to it."))
            return
        old = next((a for a in self.annotations if a.id == ann_id), None)
        doc = self.doc
        if old is not None and self._guard(lambda: self.editor.reattach(old, doc, *sel)) is not None:
            self.reload()

    @_settled
    def add_bookmark_here(self) -> Bookmark | None:
        if self.doc is None:
            return None
        sel = self._selection()
        offset = sel[0] if sel else self.reader.top_offset()
        bm = new_bookmark(self.doc, offset, doc_id=self.doc_id)
        saved = self._guard(lambda: self.editor.add_bookmark(bm))
        if saved is not None:
            self.reload()
            self.sig_status.emit(self.tr("Bookmark added: %s") % (saved.title or saved.exact))
        return saved

    # --- export and import -----------------------------------------------------------------
    @_settled
    def rename_bookmark(self, bm_id: str, title: str) -> None:
        bm = next((b for b in self.bookmarks if b.id == bm_id), None)
        if bm is not None and self._guard(lambda: self.editor.rename_bookmark(bm, title)):
            self.reload()

    # --- note cards --------------------------------------------------------------------------
    def copy_card_of_selection(self) -> None:
        """The selected passage (with the note of a highlight exactly on it) as a note card."""
        sel = self._selection()
        if sel is None or self.doc is None:
            self.sig_hint.emit(self.tr("Select a passage first, then copy it as a note card."))
            return
        same = next((a for a in self.annotations if (a.start, a.end) == sel and not a.is_orphan), None)
        self._copy_card(*sel, same.note if same is not None else "")

    def copy_card(self, ann_id: str) -> None:
        ann = next((a for a in self.annotations if a.id == ann_id and not a.is_orphan), None)
        if ann is not None:
            self._copy_card(ann.start, ann.end, ann.note)

    def save_card(self, ann_id: str, path: str = "") -> Path | None:
        """A note's card as a PNG file (the save dialog unless ``path`` is given)."""
        from desktop_app.export import ExportError
        from desktop_app.ui import file_dialogs
        from desktop_app.ui.folders import start_folder
        from desktop_app.ui.note_card import save_card

        ann = next((a for a in self.annotations if a.id == ann_id and not a.is_orphan), None)
        if ann is None or self.doc is None:
            return None
        if not path:
            suggested = start_folder(self.settings.export_folder) / f"{ann.exact[:12]}.png"
            path = file_dialogs.choose_save_file(
                self.window, self.tr("Save the note card"), suggested, self.tr("PNG picture (*.png)")
            )
        if not path:
            return None
        out = Path(path) if Path(path).suffix.lower() == ".png" else Path(path).with_suffix(".png")
        try:
            saved = save_card(self.doc, ann.start, ann.end, ann.note, out)
        except ExportError as exc:
            self.sig_message.emit(str(exc))
            return None
        self.settings.export_folder = str(out.parent)
        self.sig_status.emit(self.tr("Note card saved: %s") % saved)
        return saved

    def _copy_card(self, start: int, end: int, note: str) -> None:
        from desktop_app.ui.note_card import copy_card

        assert self.doc is not None
        copy_card(self.doc, start, end, note)
        self.sig_status.emit(self.tr("Copied as a note card: paste it into a chat or a document."))

    # --- view ------------------------------------------------------------------------------
    def show_panel(self) -> None:
        self.panel.show()
        self.panel.raise_()
        self.panel.tree.setFocus()

    def _jump(self, start: int, end: int) -> None:
        """Show a note's passage in the upper middle of the view, in its own colour (not selected)."""
        self.reader.reveal_range(start, end, select=False)
        self.reader.setFocus()

    def _on_selection(self, start: int, end: int, lines: QRect) -> None:
        if end > start and not (QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton):
            self.toolbar.show_for(lines)

    def _on_selection_changed(self) -> None:
        if not self.reader.textCursor().hasSelection():
            self.toolbar.hide()  # a click elsewhere cleared it
