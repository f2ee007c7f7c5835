"""The library in the window: the 文库 dock (Ctrl+L) and start page, adding files and folders
in the background, removing, finding a moved file, carrying notes onto a new version.

It follows the document session (ui/session.py): the store is the session's, the open
document's id marks its row; it asks the window for nothing but to open a file
(``sig_open_path``) or to close the open document (``sig_close_requested``).  Everything
that reads or writes the store runs on a worker (``notes_loading.job``: the store is never
closed under it).
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QDialog, QDockWidget, QMenu, QMessageBox

from desktop_app.ui import notes_loading
from desktop_app.ui.library_view import LibraryModel, LibraryView, Row
from desktop_app.ui.tasks import run_in_background

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QMainWindow

    from desktop_app.core.document import Document
    from desktop_app.library.adding import AddSummary
    from desktop_app.storage.library import LibraryEntry
    from desktop_app.storage.notes_store import NotesStore
    from desktop_app.ui.session import DocumentSession
    from desktop_app.ui.settings import Settings

REFRESH_DELAY_MS = 800  # notes changed: the counts follow a moment later (one read for many edits)
# a new text's sentence signature (what finds its later versions) is computed once the window
# is complete and no other work runs in the background (its search index): 10 MB takes ~0.15 s
# of Python, which, computed while the window built itself, stretched the window's own steps
# into pauses of 0.2-0.3 s.  Looked at every SIGN_AFTER_MS; computed anyway after SIGN_TRIES;
# the store signs any still unsigned when it closes.
SIGN_AFTER_MS = 1500
SIGN_TRIES = 40
SIGN_PAUSE_S = 0.001  # and with a pause every ~1 ms of it: the window may still be laying a text out


class _Progress(QObject):
    """Carries an add's progress from the worker to the window."""

    sig_progress = Signal(int, int, str)


def read_rows(store: NotesStore) -> list[Row]:
    """The library's rows, each file's presence checked once (worker)."""
    return [Row(e, e.missing) for e in store.library()]


class LibraryFeature(QObject):
    sig_open_path = Signal(str)  # open this file in the window
    sig_close_requested = Signal()  # close the open document (it is being deleted from the library)
    sig_message = Signal(str)  # something the user must read (a box)
    sig_status = Signal(str)  # a short confirmation for the status bar

    def __init__(self, window: QMainWindow, session: DocumentSession, settings: Settings) -> None:
        super().__init__(window)
        self.window = window  # the parent of the dock and the dialogs
        self.session = session
        self.settings = settings
        self.model = LibraryModel(window)
        self.view = LibraryView(self.model)
        self.dock = QDockWidget(self.tr("Library"), window)
        self.dock.setObjectName("libraryDock")
        self.dock.setWidget(self.view)
        self.dock.hide()
        self.start_page = LibraryView(self.model, start_page=True)
        self.start_page.hint.setText(
            self.tr(
                "No document is open. Double-click one to read it, or add files and folders "
                "(File → Add to library, or drop them here)."
            )
        )
        self._adding: threading.Event | None = None  # set to cancel the add running
        self._progress = _Progress()
        self._progress.sig_progress.connect(self._show_progress)
        self._positions_adopted = False
        self._sign_tries = 0  # looks at a busy window since the signing was asked for
        self._sign_timer = QTimer(self, singleShot=True, interval=SIGN_AFTER_MS)
        self._sign_timer.timeout.connect(self._sign)
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self.actions = self._make_actions()
        for view in (self.view, self.start_page):
            view.sig_open.connect(self.open_entry)
            view.sig_context.connect(self._context_menu)
            view.sig_cancel.connect(self.cancel_add)

    def _make_actions(self) -> dict[str, QAction]:
        w = self.window
        acts = {
            "library": QAction(self.tr("&Library"), w, shortcut=QKeySequence("Ctrl+L")),
            "add_files": QAction(self.tr("&Add files to the library…"), w),
            "add_folder": QAction(self.tr("Add a &folder to the library…"), w),
            "compare": QAction(self.tr("Co&mpare versions…"), w),
            "previous": QAction(
                self.tr("S&witch to the previous document"), w, shortcut=QKeySequence("Ctrl+Tab")
            ),
        }
        acts["library"].triggered.connect(self.show_dock)
        acts["add_files"].triggered.connect(self.choose_files)
        acts["add_folder"].triggered.connect(self.choose_folder)
        acts["previous"].triggered.connect(self.open_previous)
        acts["compare"].triggered.connect(lambda: self.compare())
        for a in acts.values():
            w.addAction(a)
        return acts

    # --- the session's protocol ----------------------------------------------------------------
    def document_opened(self, _doc: Document) -> None:
        self.model.set_current("")
        self._sign_left()

    def document_shown(self, _doc: Document) -> None:
        self._sign_later()

    def document_registered(self, doc_id: str) -> None:
        """The open document is in the library now: mark it opened, move old positions in."""
        store = self.session.store
        if store is None or store.read_only:
            self.refresh()
            return
        self.model.set_current(doc_id)
        self._sign_later()
        positions = {} if self._positions_adopted else self.settings.positions()
        self._positions_adopted = True

        def work() -> set[str]:
            store.mark_opened(doc_id)
            return store.adopt_positions(positions) if positions else set()

        def done(placed: object) -> None:
            if placed:
                self.settings.forget_positions(placed)  # type: ignore[arg-type]
            self.refresh()

        run_in_background(notes_loading.job(work), done, lambda _e: self.refresh(), owner=self)

    def document_closed(self, _doc: Document) -> None:
        self.model.set_current("")
        self._sign_left()
        self.refresh()

    def _sign_later(self) -> None:
        """Once the open document is both registered and shown: the sentence signatures the
        window's openings left out (``open_document(sign=False)``: this one's, and those of
        documents left before theirs were made), a moment later, when nothing else runs."""
        store = self.session.store
        if self.session.shown and self.session.doc_id and store is not None and not store.read_only:
            self._sign_tries = 0
            self._sign_timer.start()

    def _sign(self) -> None:
        """Sign on a worker once no other work runs and the window is complete (else look again
        later; after SIGN_TRIES, sign anyway).  A failure is not reported: the store tries again
        at close and at the next opening; only finding a later version waits for it."""
        store = self.session.store
        if store is None or store.read_only or not store.signing_due:
            return
        busy = QThreadPool.globalInstance().activeThreadCount() or (
            self.session.document is not None and not self.session.shown
        )
        if busy and self._sign_tries < SIGN_TRIES:
            self._sign_tries += 1
            self._sign_timer.start()
            return
        self._start_signing(store)

    def _sign_left(self) -> None:
        """Documents left unsigned (another opened, or closed) are signed now, not the one open:
        the store would otherwise keep their texts until the window is idle (flipping through
        many documents would hold them all)."""
        store = self.session.store
        if store is not None and not store.read_only and store.signing_due:
            self._start_signing(store, keep=self.session.document)  # (registered or not yet)

    def _start_signing(self, store: NotesStore, keep: Document | None = None) -> None:
        job = notes_loading.job(self._sign_now, store, SIGN_PAUSE_S, keep)
        run_in_background(job, lambda _signed: None, lambda _exc: None, owner=self)

    @staticmethod
    def _sign_now(store: NotesStore, pause: float = 0.0, keep: Document | None = None) -> None:
        """(worker) The documents opened unsigned (but ``keep``), signed; a store that cannot
        write them leaves them unsigned."""
        from desktop_app.storage.db import StorageError

        with contextlib.suppress(StorageError):
            store.sign_pending(pause, keep=keep)

    def notes_changed(self) -> None:
        self._refresh_timer.start()

    def library_changed(self) -> None:
        self.refresh()

    # --- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the library again (on a worker) and show it."""
        store = self.session.store
        if store is None:
            return

        def done(rows: object) -> None:
            selected = self.view.selected_id()
            self.model.set_rows(rows)  # type: ignore[arg-type]
            self.model.set_current(self.session.doc_id)
            if selected:
                self.view.select(selected)

        run_in_background(
            notes_loading.job(read_rows, store), done, lambda e: self.sig_status.emit(str(e)), owner=self
        )

    def entry(self, doc_id: str) -> Row | None:
        row = self.model.row_of(doc_id)
        return self.model.rows[row] if row >= 0 else None

    def show_dock(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.view.filter.setFocus()
        self.refresh()

    # --- opening ---------------------------------------------------------------------------
    def open_entry(self, doc_id: str) -> None:
        row = self.entry(doc_id)
        if row is None:
            return
        if Path(row.entry.path).is_file():
            self.sig_open_path.emit(row.entry.path)
            return
        self.relocate(doc_id)  # not there: where is it now?

    def open_previous(self) -> None:
        """Ctrl+Tab: the document read before this one (at its place)."""
        others = [r for r in self.model.rows if r.entry.id != self.session.doc_id and not r.missing]
        others = [r for r in others if r.entry.last_opened]
        if not others:
            self.sig_status.emit(self.tr("No other document was opened yet."))
            return
        latest = max(others, key=lambda r: r.entry.last_opened)
        self.sig_open_path.emit(latest.entry.path)

    def compare(self, old_id: str = "") -> QDialog:
        """比较版本: the open document against ``old_id`` (else its earlier version, else the
        document read before it), in a window of its own."""
        from desktop_app.ui.compare_window import CompareWindow

        rows = [r for r in self.model.rows if not r.missing]
        new_id = self.session.doc_id or (rows[0].entry.id if rows else "")
        current = self.entry(new_id)
        if not old_id and current is not None and current.entry.version_of:
            old_id = current.entry.version_of
        if not old_id:
            others = sorted(
                (r for r in rows if r.entry.id != new_id), key=lambda r: r.entry.last_opened, reverse=True
            )
            old_id = others[0].entry.id if others else ""
        window = CompareWindow([r.entry for r in rows], old_id, new_id, self.window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    # --- adding ----------------------------------------------------------------------------
    def choose_files(self) -> None:
        from desktop_app.ui import file_dialogs
        from desktop_app.ui.folders import start_folder

        files = file_dialogs.choose_open_files(
            self.window,
            self.tr("Add files to the library"),
            start_folder(self.settings.open_folder),
            file_dialogs.document_filters(),
        )
        if files:
            self.settings.open_folder = str(Path(files[0]).parent)
            self.add_paths(files)

    def choose_folder(self) -> None:
        from desktop_app.ui import file_dialogs
        from desktop_app.ui.folders import start_folder

        folder = file_dialogs.choose_folder(
            self.window, self.tr("Add a folder to the library"), start_folder(self.settings.open_folder)
        )
        if folder:
            self.settings.open_folder = folder
            self.add_paths([folder])

    def add_paths(self, paths: list[str]) -> None:
        """Read, add and index ``paths`` (files and folders) on a worker, with progress;
        a summary at the end says what could not be read and why."""
        from desktop_app.library.adding import add_files, collect
        from desktop_app.paths import cache_dir

        store = self.session.store
        if store is None or store.read_only:
            self.sig_message.emit(
                self.tr("The library cannot be changed: the notes database is not writable.")
            )
            return
        if self._adding is not None:
            self.sig_status.emit(self.tr("Documents are being added; wait for them, or cancel."))
            return
        cancel = self._adding = threading.Event()
        emit = self._progress.sig_progress.emit
        self.show_dock()
        self._show_progress(0, 0, self.tr("Looking for documents…"))

        def work() -> AddSummary:
            self._sign_now(store)  # a new version of a document just opened is found all the same
            files, problems, skipped = collect(paths)
            try:
                cache = cache_dir()
            except OSError:
                cache = None
            summary = add_files(store, files, progress=emit, cancel=cancel, cache_dir=cache)
            summary.failed[:0] = problems
            summary.skipped += skipped
            return summary

        def done(summary: object) -> None:
            self._adding = None
            self._show_progress(None)
            self.session.library_changed()
            self._report(summary)  # type: ignore[arg-type]

        def failed(exc: BaseException) -> None:
            self._adding = None
            self._show_progress(None)
            self.session.library_changed()
            self.sig_message.emit(str(exc))

        run_in_background(notes_loading.job(work), done, failed, owner=self)

    def cancel_add(self) -> None:
        if self._adding is not None:
            self._adding.set()

    def _show_progress(self, done: int | None, total: int = 0, path: str = "") -> None:
        text = ""
        if done is not None and total:
            from desktop_app.ui.file_dialogs import shown_file_name

            name = shown_file_name(path) if path else ""
            text = self.tr("Adding %d of %d: %s") % (min(done + 1, total), total, name)
        elif done is not None:
            text = self.tr("Looking for documents…")
        for view in (self.view, self.start_page):
            view.show_progress(done, total, text)

    def _report(self, summary: AddSummary) -> None:
        lines = summary.lines()
        if summary.failed or summary.cancelled:
            box = QMessageBox(
                QMessageBox.Icon.Information, self.tr("Add to the library"), lines[0], parent=self.window
            )
            box.setInformativeText("\n".join(lines[1:4]))
            box.setDetailedText("\n".join(lines[1:]))
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.setWindowModality(Qt.WindowModality.NonModal)  # a report: the window goes on
            box.show()
        else:
            self.sig_status.emit(lines[0])
        for added in summary.versions:
            old, share = added.versions[0]
            self.offer_version(added.entry, old, share)

    # --- versions --------------------------------------------------------------------------
    def offer_version(self, new: LibraryEntry, old: LibraryEntry, share: float) -> QMessageBox:
        """Ask whether ``new`` is a new version of ``old``; if so, carry ``old``'s notes over."""
        text = self.tr(
            "“%s” looks like a new version of “%s” (%d%% of its sentences are the same).\n\n"
            "Carry the %d notes of the earlier version over to it? Both versions stay in the library."
        ) % (new.title, old.title, round(share * 100), old.notes)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("A new version?"), text, parent=self.window)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda b: (
                self.carry_notes(old.id, new.id, new.path)
                if box.standardButton(b) == QMessageBox.StandardButton.Yes
                else None
            )
        )
        box.setWindowModality(Qt.WindowModality.NonModal)  # one per new version; reading goes on
        box.show()
        return box

    def carry_notes(self, old_id: str, new_id: str, path: str) -> None:
        """Carry ``old_id``'s notes onto ``new_id`` (its file at ``path``), on a worker."""
        from desktop_app.core.doc_cache import default_cache as documents_cache
        from desktop_app.core.doc_cache import load_document_cached

        store = self.session.store
        if store is None:
            return

        def work() -> object:
            doc = load_document_cached(path, documents_cache())
            store.open_document(doc)
            return store.carry_notes(old_id, doc, new_id)

        def done(carried: object) -> None:
            self.session.library_changed()
            n, orphans = carried.carried, len(carried.orphans)  # type: ignore[attr-defined]
            text = self.tr("%d notes carried over to the new version.") % n
            if orphans:
                text += (
                    " "
                    + self.tr("%d of them were not found in its text: see them in the notes panel.") % orphans
                )
            if orphans:
                self.sig_message.emit(text)
            else:
                self.sig_status.emit(text)
            if new_id == self.session.doc_id:
                self.sig_open_path.emit(path)  # shown with them

        run_in_background(notes_loading.job(work), done, lambda e: self.sig_message.emit(str(e)), owner=self)

    # --- removing, relocating --------------------------------------------------------------
    def _context_menu(self, doc_id: str, where: QPoint) -> None:
        row = self.entry(doc_id)
        if row is None:
            return
        menu = QMenu(self.window)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not row.missing:
            menu.addAction(self.tr("Open"), lambda: self.open_entry(doc_id))
        menu.addAction(
            self.tr("Find the moved file…") if row.missing else self.tr("Change its file…"),
            lambda: self.relocate(doc_id),
        )
        if row.entry.notes:
            menu.addAction(self.tr("Export its notes…"), lambda: self.export_notes(doc_id))
        if not row.missing and self.session.doc_id and doc_id != self.session.doc_id:
            menu.addAction(self.tr("Compare with the open document…"), lambda: self.compare(doc_id))
        menu.addSeparator()
        menu.addAction(self.tr("Remove from the library…"), lambda: self.confirm_remove(doc_id))
        menu.popup(where)

    def export_notes(self, doc_id: str, path: str = "") -> None:
        """The notes of a document of the library, its file there or not (library/exporting),
        as study notes in the format the chosen name ends with."""
        from desktop_app.core.doc_cache import default_cache
        from desktop_app.export.options import FORMATS
        from desktop_app.library.exporting import export_entry_notes
        from desktop_app.ui import file_dialogs
        from desktop_app.ui.folders import start_folder

        row = self.entry(doc_id)
        store = self.session.store
        if row is None or store is None:
            return
        plain = ("docx", "pdf", "md", "html", "txt", "csv", "json")  # the study notes, one per extension
        by_suffix = {FORMATS[key].extension: key for key in plain}
        if not path:
            filters = ";;".join(f"{FORMATS[k].name} (*{ext})" for ext, k in by_suffix.items())
            suggested = (
                Path(start_folder(self.settings.export_folder)) / f"{row.entry.title[:40] or 'notes'}.docx"
            )
            path = file_dialogs.choose_save_file(self.window, self.tr("Export its notes"), suggested, filters)
        if not path:
            return
        target = Path(path)
        fmt = by_suffix.get(target.suffix.lower(), "docx")
        if target.suffix.lower() not in by_suffix:
            target = target.with_suffix(".docx")
        self.settings.export_folder = str(target.parent)
        entry = row.entry

        def done(_out: object) -> None:
            self.sig_status.emit(self.tr("Notes exported to %s") % target)

        work = notes_loading.job(lambda: export_entry_notes(store, entry, fmt, target, default_cache()))
        run_in_background(work, done, lambda e: self.sig_message.emit(str(e)), owner=self)

    def confirm_remove(self, doc_id: str) -> QMessageBox | None:
        """Remove from the library after a confirmation; its notes only if also ticked."""
        row = self.entry(doc_id)
        if row is None:
            return None
        e = row.entry
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove from the library"),
            self.tr("Remove “%s” from the library? The file itself is not touched.") % e.title,
            parent=self.window,
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("Remove"))
        also = QCheckBox(self.tr("Also delete its %d notes and its bookmarks (cannot be undone)") % e.notes)
        also.setChecked(False)
        box.setCheckBox(also)
        box.setInformativeText(
            self.tr("Its notes are kept unless you also delete them: adding the file again brings them back.")
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda b: (
                self.remove(doc_id, delete_notes=also.isChecked())
                if box.standardButton(b) == QMessageBox.StandardButton.Ok
                else None
            )
        )
        box.open()
        return box

    def remove(self, doc_id: str, *, delete_notes: bool = False) -> None:
        store = self.session.store
        if store is None:
            return
        if delete_notes and doc_id == self.session.doc_id:
            self.sig_close_requested.emit()  # its notes go: it cannot stay open with them

        def done(gone: object) -> None:
            self.session.library_changed()
            self.sig_status.emit(self.tr("Removed from the library (notes deleted: %d).") % gone)  # type: ignore[str-format]

        work = notes_loading.job(lambda: store.remove_from_library(doc_id, delete_notes=delete_notes))
        run_in_background(work, done, lambda e: self.sig_message.emit(str(e)), owner=self)

    def relocate(self, doc_id: str, path: str = "") -> None:
        """Where the file is now (asked with the open dialog unless given)."""
        from desktop_app.ui import file_dialogs
        from desktop_app.ui.folders import start_folder

        row = self.entry(doc_id)
        if row is None or self.session.store is None:
            return
        if not path:
            if row.missing:
                self.sig_status.emit(self.tr("The file is no longer there: %s") % row.entry.path)
            path = file_dialogs.choose_open_file(
                self.window,
                self.tr("Where is “%s” now?") % row.entry.title,
                start_folder(str(Path(row.entry.path).parent)),
                file_dialogs.document_filters(),
            )
        if not path:
            return
        store = self.session.store

        def done(_r: object) -> None:
            self.session.library_changed()
            self.sig_open_path.emit(path)  # read at its new place (notes re-anchored if it changed)

        work = notes_loading.job(store.relocate, doc_id, path)
        run_in_background(work, done, lambda e: self.sig_message.emit(str(e)), owner=self)
