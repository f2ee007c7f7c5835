"""The main window's reading place and its own state: where the reader is (the status bar's
section and progress, saved to the library a moment after scrolling stops), where a document was
left, and the window's size and docks.  A mixin of MainWindow.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.core.document import Document
from desktop_app.ui.toc_dock import WIDTH as TOC_WIDTH

# QMainWindow.saveState() of a new window after place_contents_dock(): the contents dock
# ("tocDock") on the left, TOC_WIDTH (330) wide.  Restored on the first start instead of placing
# the dock, whose dock-area argument builds PySide's whole Qt namespace before the first paint
# (~40 ms; issue 14).  tests/ui/test_first_frame.py checks it is still what placing gives.
FIRST_STATE = bytes.fromhex(
    "000000ff00000000fd00000001000000000000014a00000000fc0200000001fb0000000e0074006f00630044006f"
    "0063006b0100000000ffffffff0000005600ffffff000000000000000000000004000000040000000800000008fc00000000"
)


class PlaceMixin:
    """The reading place and the window's state of :class:`MainWindow`."""

    def _on_position_changed(self, offset: int) -> None:
        if self.document is None:
            return
        self.toc.follow_offset(offset)
        self._section_label.setText(self.place_label(offset))
        self._progress_label.setText(f"{round(self.reader.progress() * 100)}%")
        self._save_position_timer.start()

    def place_label(self, offset: int) -> str:
        """Where ``offset`` is, for people: the section path, else 标题 (the head) or 开头."""
        doc = self.document
        if doc is None or not doc.paragraphs:
            return ""
        path = " › ".join(self.toc.model.label_of(s) for s in doc.section_path(offset))
        if path:
            return path
        if doc.paragraph_at(offset).index in doc.metadata.head_paragraphs:
            return QCoreApplication.translate("MainWindow", "Title")
        return QCoreApplication.translate("MainWindow", "Beginning")

    def _remembered_position(self, doc: Document) -> int:
        """Where ``doc`` was left: the library's place (read without opening the store: before
        the first paint), else what the settings file kept before the library held it."""
        from desktop_app.paths import data_dir_path
        from desktop_app.storage.quick import DB_NAME, quick_reading_position

        found = quick_reading_position(data_dir_path() / DB_NAME, doc.fingerprint)
        return found if found is not None else self.settings.reading_position(doc.fingerprint)

    def _save_position(self, *, wait: bool = False) -> None:
        """The reading place into the library (on a worker: a durable write); into the settings
        file only while the notes database cannot take it."""
        doc, store, doc_id = self.document, self.session.store, self.session.doc_id
        if doc is None:
            return
        offset, progress = self.reader.top_offset(), self.reader.progress()
        if store is None or not doc_id or store.read_only:
            self.settings.set_reading_position(doc.fingerprint, offset)
            return
        from desktop_app.storage.notes_store import StorageError
        from desktop_app.ui import notes_loading

        def not_saved(_exc: BaseException) -> None:  # a full or read-only disk: kept here instead
            self.settings.set_reading_position(doc.fingerprint, offset)

        if wait:
            try:
                store.set_reading_place(doc_id, offset, progress)
            except StorageError as exc:
                not_saved(exc)
            return
        from desktop_app.ui.tasks import run_in_background

        save = notes_loading.job(store.set_reading_place, doc_id, offset, progress)
        run_in_background(save, lambda _r: None, not_saved, owner=self)

    # --- window state --------------------------------------------------------------------
    def _restore_window(self) -> None:
        """Size, position and docks as the user left them; the contents dock on the left at first.

        A saved state places the contents dock without ``addDockWidget``, whose dock-area
        argument would build PySide's Qt namespace before the first paint (see first_frame).
        """
        geometry, state = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 820)
        # A state saved before the dock existed restores "fine" and leaves it loose: its
        # object name (UTF-16 in the state) tells.
        knows_toc = state is not None and self.toc.objectName().encode("utf-16-be") in bytes(state)
        if state is None or not self.restoreState(state) or not knows_toc:
            # the first start: the state a new window has (FIRST_STATE), restored; placing the
            # dock by hand is the same but builds the Qt namespace before the first paint
            from PySide6.QtCore import QByteArray

            if not self.restoreState(QByteArray(FIRST_STATE)):
                self.place_contents_dock()

    def place_contents_dock(self) -> None:
        """The contents dock on the left, TOC_WIDTH wide (what FIRST_STATE holds)."""
        from PySide6.QtCore import Qt

        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.toc)
        self.resizeDocks([self.toc], [TOC_WIDTH], Qt.Orientation.Horizontal)
