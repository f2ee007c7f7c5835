"""Highlights, notes and bookmarks in the window: the store, the panel, the toolbar, the menu.

One object owns the feature (as a Spyder plugin does): it opens the
:class:`~desktop_app.storage.notes_store.NotesStore`, turns user requests from the
reading view, the selection toolbar and the notes panel into store calls, and
redraws.  Every change is committed by the store the moment it is made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from desktop_app.core.annotations import (
    COLOR_BY_KEY,
    COLORS,
    Annotation,
    Bookmark,
    new_annotation,
    new_bookmark,
)
from desktop_app.ui.notes_panel import NotesPanel
from desktop_app.ui.reader_view import Mark
from desktop_app.ui.selection_toolbar import SelectionToolbar, colour_icon, colour_name

if TYPE_CHECKING:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QMainWindow, QMenu

    from desktop_app.core.document import Document
    from desktop_app.storage.notes_store import NotesStore
    from desktop_app.ui.export_dialog import ExportDialog
    from desktop_app.ui.notes_loading import LoadedNotes
    from desktop_app.ui.reader_view import ReaderView
    from desktop_app.ui.session import DocumentSession
    from desktop_app.ui.settings import Settings

UNDO_DEPTH = 50


def _settled(method: Callable) -> Callable:
    """A change of the notes: first the notes still being read on a worker, read now."""
    import functools

    @functools.wraps(method)
    def wrapper(self: NotesFeature, *args: object, **kwargs: object) -> object:
        self.settle()
        return method(self, *args, **kwargs)

    return wrapper


class NotesFeature(QObject):
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
        self.last_colour = "yellow"
        self._undo: list[Annotation | Bookmark] = []
        self._generation = 0  # of document loads: a newer one supersedes an older one
        self.marks_pending = False  # a document's notes are being read on a worker

        self.panel = NotesPanel(window)
        self.toolbar = SelectionToolbar(reader.viewport())
        self.actions = self._make_actions()
        reader.menu_provider = self._fill_menu
        reader.sig_selection_made.connect(self._on_selection)
        reader.verticalScrollBar().valueChanged.connect(lambda _v: self.toolbar.hide())
        reader.selectionChanged.connect(self._on_selection_changed)
        self.toolbar.sig_highlight.connect(lambda key: self.annotate_selection(key, "highlight"))
        self.toolbar.sig_underline.connect(lambda: self.annotate_selection(self.last_colour, "underline"))
        self.toolbar.sig_note.connect(self.note_on_selection)
        self.toolbar.sig_copy.connect(self.reader.copy)
        self.toolbar.sig_remove.connect(self.remove_in_selection)
        self.panel.sig_jump_requested.connect(self._jump)
        self.panel.sig_note_edited.connect(self.edit_note)
        self.panel.sig_delete_requested.connect(self.delete)
        self.panel.sig_reattach_requested.connect(self.reattach_to_selection)
        self.panel.sig_undo_requested.connect(self.undo)
        self.panel.sig_bookmark_renamed.connect(self.rename_bookmark)

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
        self._undo.clear()
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
    def _make_actions(self) -> dict[str, QAction]:
        w = self.window
        acts = {
            "highlight": QAction(self.tr("&Highlight selection"), w, shortcut=QKeySequence("Ctrl+H")),
            "underline": QAction(self.tr("&Underline selection"), w, shortcut=QKeySequence("Ctrl+U")),
            "note": QAction(self.tr("Add a &note…"), w, shortcut=QKeySequence("Ctrl+M")),
            "remove": QAction(self.tr("&Remove highlight"), w),
            "bookmark": QAction(self.tr("Add a &bookmark"), w, shortcut=QKeySequence("Ctrl+D")),
            "undo": QAction(self.tr("Undo dele&te"), w, shortcut=QKeySequence.StandardKey.Undo),
            "panel": QAction(self.tr("Notes &panel"), w, shortcut=QKeySequence("Ctrl+Shift+N")),
            "restore": QAction(self.tr("Restore notes from a bac&kup…"), w),
            "export": QAction(self.tr("&Export notes…"), w, shortcut=QKeySequence("Ctrl+E")),
            "import": QAction(self.tr("&Import notes…"), w),
        }
        acts["export"].triggered.connect(self.open_export_dialog)
        acts["import"].triggered.connect(self.choose_import)
        # (the window connects "restore": it opens the settings' list of backups)
        acts["highlight"].triggered.connect(lambda: self.annotate_selection(self.last_colour, "highlight"))
        acts["underline"].triggered.connect(lambda: self.annotate_selection(self.last_colour, "underline"))
        acts["note"].triggered.connect(self.note_on_selection)
        acts["remove"].triggered.connect(self.remove_in_selection)
        acts["bookmark"].triggered.connect(self.add_bookmark_here)
        acts["undo"].triggered.connect(self._undo_requested)
        acts["panel"].triggered.connect(self.show_panel)
        for a in acts.values():
            w.addAction(a)
        return acts

    def fill_menu(self, menu: QMenu) -> None:
        """The 批注 (notes) menu of the menu bar."""
        for key in ("highlight", "underline", "note", "remove"):
            menu.addAction(self.actions[key])
        colours = menu.addMenu(self.tr("Highlight in &colour"))
        # Each action made with the submenu as its parent and kept here: PySide6 6.9 (the
        # compatibility build's) lets the action addAction(icon, text) returns die with its
        # Python wrapper (tests/ui/test_help.py found the five dead under 6.9)
        self.colour_actions = []
        for c in COLORS[:5]:
            a = QAction(colour_icon(c.hex), colour_name(c), colours)
            a.triggered.connect(lambda _=False, k=c.key: self.annotate_selection(k, "highlight"))
            colours.addAction(a)
            self.colour_actions.append(a)
        menu.addSeparator()
        menu.addAction(self.actions["bookmark"])
        menu.addAction(self.actions["undo"])
        menu.addSeparator()
        menu.addAction(self.actions["panel"])
        menu.addAction(self.actions["restore"])
        menu.addSeparator()
        menu.addAction(self.actions["export"])
        menu.addAction(self.actions["import"])

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
            self.store.close()
            self.store = None

    def set_document(self, doc: Document) -> None:
        """Load ``doc``'s annotations (re-anchored by the store if its text changed), now."""
        from desktop_app.ui.notes_loading import load_notes

        self._generation += 1
        self._undo.clear()
        self.marks_pending = self._lists_pending = False
        self.adopt(load_notes(doc, self.store, self.tr("Notes cannot be saved: %s")))

    def begin(self, doc: Document) -> None:
        """``doc``'s notes are being read on a worker (the window's ``_start_notes_load``):
        show none until :meth:`adopt` takes them; a change asked for meanwhile, or anything
        that reads ``annotations``, reads them at once (:meth:`settle`)."""
        self._generation += 1
        self._undo.clear()
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
        if loaded.doc is not self.doc or not loaded.doc_id:
            return
        self.session.register(loaded.doc, loaded.doc_id)
        self.reader.show_annotations(loaded.marks, ordered=True)
        if loaded.annotations is not None and loaded.bookmarks is not None:
            self._annotations, self._bookmarks = loaded.annotations, loaded.bookmarks
            self.panel.set_items(self._annotations, self._bookmarks)
            return
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

    def _guard(self, fn, *args):
        from desktop_app.storage.notes_store import StorageError

        if self.store is None:
            self.sig_message.emit(self.tr("Notes cannot be saved: the notes database is not open."))
            return None
        try:
            return fn(*args)
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
            saved = self._guard(self.store.update, replace(same, color=colour, style=style))  # type: ignore[union-attr]
        else:
            ann = new_annotation(
                self.doc, start, end, color=colour, style=style, note=note, doc_id=self.doc_id
            )
            saved = self._guard(self.store.add, ann)  # type: ignore[union-attr]
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
        saved = self._guard(self.store.update, replace(ann, note=note, tags=tuple(tags)))  # type: ignore[union-attr]
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
            gone = self._guard(self.store.delete, item_id)  # type: ignore[union-attr]
        elif any(b.id == item_id for b in self.bookmarks):
            gone = self._guard(self.store.delete_bookmark, item_id)  # type: ignore[union-attr]
        else:
            return
        if gone is not None:
            self._undo = [*self._undo, gone][-UNDO_DEPTH:]
            self.reload()

    def _undo_requested(self) -> None:
        if not self._undo:
            self.sig_hint.emit(self.tr("Nothing to undo: Ctrl+Z brings back what you deleted."))
            return
        self.undo()

    @_settled
    def undo(self) -> bool:
        if not self._undo or self.store is None:
            return False
        from desktop_app.storage.notes_store import StorageError

        item = self._undo[-1]
        restore = self.store.restore if isinstance(item, Annotation) else self.store.restore_bookmark
        try:
            restore(item)
        except StorageError as exc:  # kept on the undo list: the user can try again
            self.sig_message.emit(str(exc))
            return False
        self._undo.pop()
        self.reload()
        self.panel.select(item.id)
        return True

    @_settled
    def reattach_to_selection(self, ann_id: str) -> None:
        sel = self._selection()
        if sel is None or self.doc is None:
            self.sig_hint.emit(self.tr("Select the passage in the text first, then attach the note to it."))
            return
        if self._guard(self.store.reattach, ann_id, self.doc, *sel) is not None:  # type: ignore[union-attr]
            self.reload()

    @_settled
    def add_bookmark_here(self) -> Bookmark | None:
        if self.doc is None:
            return None
        sel = self._selection()
        offset = sel[0] if sel else self.reader.top_offset()
        bm = new_bookmark(self.doc, offset, doc_id=self.doc_id)
        saved = self._guard(self.store.add_bookmark, bm)  # type: ignore[union-attr]
        if saved is not None:
            self.reload()
            self.sig_status.emit(self.tr("Bookmark added: %s") % (saved.title or saved.exact))
        return saved

    def restore_backup(self, path: Path) -> bool:
        from desktop_app.storage.notes_store import StorageError

        if self.store is None:
            return False
        try:
            self.store.restore_backup(path)
        except StorageError as exc:
            self.sig_message.emit(str(exc))
            return False
        if self.doc is not None:
            self.set_document(self.doc)
        self.sig_status.emit(self.tr("Notes restored from %s") % path.name)
        return True

    # --- export and import -----------------------------------------------------------------
    @_settled
    def open_export_dialog(self) -> ExportDialog | None:
        """Ctrl+E: the export dialog for the current document's notes."""
        from desktop_app.ui.export_dialog import ExportDialog, filtered_options

        if self.doc is None:
            return None
        path = self.doc.section_path(self.reader.top_offset())
        settings = self.settings
        dialog = ExportDialog(
            self.window,
            self.doc,
            self.annotations,
            self.bookmarks,
            section=path[0] if path else None,
            filtered=filtered_options(self.panel),
            folder=settings.export_folder,
            shown=self.panel.shown,
        )
        dialog.sig_exported.connect(lambda p: setattr(settings, "export_folder", str(Path(p).parent)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def choose_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import notes"), "", self.tr("Notes (*.json);;All files (*)")
        )
        if path:
            self.import_file(Path(path))

    @_settled
    def import_file(self, path: Path, *, confirm: bool = True) -> None:
        """Plan the import off the UI thread, show what it will change, then apply it (all or nothing)."""
        from desktop_app.export import apply_import, plan_import
        from desktop_app.ui.tasks import run_in_background

        store, doc = self.store, self.doc
        if store is None or doc is None:
            return

        def planned(plan: object) -> None:
            from PySide6.QtWidgets import QMessageBox

            summary = plan.summary()  # type: ignore[attr-defined]
            if not plan.changes:  # type: ignore[attr-defined]
                QMessageBox.information(self.window, self.tr("Import notes"), summary)
                return
            if confirm:
                answer = QMessageBox.question(
                    self.window, self.tr("Import notes"), summary + "\n\n" + self.tr("Import these notes?")
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
            run_in_background(
                lambda: apply_import(store, plan), lambda _r: self._imported(), failed, owner=self
            )

        def failed(exc: BaseException) -> None:
            self.sig_message.emit(str(exc))

        run_in_background(lambda: plan_import(store, doc, path), planned, failed, owner=self)

    def _imported(self) -> None:
        self.reload()
        self.sig_status.emit(self.tr("Notes imported."))

    @_settled
    def rename_bookmark(self, bm_id: str, title: str) -> None:
        bm = next((b for b in self.bookmarks if b.id == bm_id), None)
        if bm is not None and self._guard(self.store.update_bookmark, replace(bm, title=title.strip())):  # type: ignore[union-attr]
            self.reload()

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

    def _fill_menu(self, menu: QMenu, start: int, end: int) -> None:
        menu.addSeparator()
        if end > start:
            for c in COLORS[:5]:
                # parented to the menu (PySide6 6.9: what addAction(icon, text) returns can die)
                a = QAction(colour_icon(c.hex), self.tr("Highlight: %s") % colour_name(c), menu)
                a.triggered.connect(lambda _=False, k=c.key: self.annotate_selection(k, "highlight"))
                menu.addAction(a)
            menu.addAction(self.actions["underline"])
            menu.addAction(self.actions["note"])
        if any(m.start < max(end, start + 1) and m.end > start for m in self.reader.marks()):
            menu.addAction(self.actions["remove"])
        menu.addAction(self.actions["bookmark"])
