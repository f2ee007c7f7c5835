"""The main window's opening of files (a mixin of MainWindow): the file dialog, recent files,
a file opened at once or read on a worker (large files, Word, PDF, OFD), what is said when one
cannot be opened, another start's file, files dropped on the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop_app.core.document import Document
from desktop_app.core.loader import DocumentError
from desktop_app.paths import bundled_speech
from desktop_app.ui import fonts
from desktop_app.ui.window_loading import load_for_window

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

SYNC_LOAD_LIMIT = 512 * 1024  # files up to this size load at once; larger ones in the background


class FilesMixin:
    """Opening documents in :class:`MainWindow`."""

    def choose_file(self) -> None:
        """Ctrl+O: the open dialog, in the folder used last (else the Documents folder)."""
        from desktop_app.ui import file_dialogs
        from desktop_app.ui.folders import start_folder

        path = file_dialogs.choose_open_file(
            self,
            QCoreApplication.translate("MainWindow", "Open a document"),
            start_folder(self.settings.open_folder),
            file_dialogs.document_filters(),
        )
        if path:
            self.settings.open_folder = str(Path(path).parent)
            self.open_file(path)

    def _fill_recent_menu(self) -> None:
        """文件 → 最近打开: the documents opened last, newest first, and "clear the list"."""
        from PySide6.QtGui import QAction

        from desktop_app.ui.file_dialogs import shown_file_name

        assert self.actions_ is not None
        menu = self.actions_.recent_menu
        menu.clear()
        files = self.settings.recent_files
        for i, path in enumerate(files):
            name = shown_file_name(path).replace("&", "&&")  # "R&D.txt" is not a mnemonic
            act = QAction(f"&{i + 1} {name}" if i < 9 else name, menu)
            act.setToolTip(str(Path(path).parent / shown_file_name(path)))
            act.setStatusTip(act.toolTip())
            act.triggered.connect(lambda _=False, p=path: self._open_recent(p))
            menu.addAction(act)
        if files:
            menu.addSeparator()
        menu.addAction(self.actions_.clear_recent)
        self.actions_.clear_recent.setEnabled(bool(files))
        menu.setEnabled(True)

    def _open_recent(self, path: str) -> None:
        if not Path(path).is_file():
            self.settings.remove_recent_file(path)
            self.show_hint(
                QCoreApplication.translate("MainWindow", "This file is no longer there: %s") % path
            )
            return
        self.open_file(path)

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self._fill_recent_menu()

    def open_file(self, path: str) -> None:
        """Open ``path``; small files at once, large ones off the UI thread."""
        try:
            size = Path(path).stat().st_size
        except OSError:
            size = 0
        plain_text = Path(path).suffix.lower() in (".txt", ".text", "")
        if size <= SYNC_LOAD_LIMIT and plain_text:  # Word, PDF, OFD ... are parsed on a worker
            try:
                doc = load_for_window(path)
            except DocumentError as exc:
                self._on_load_failed(exc)
                return
            self.show_document(doc)
            return
        from desktop_app.ui.tasks import run_in_background  # not needed to start (see first_frame)

        self._loading_path = path
        self._busy.show()
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Opening %s…") % Path(path).name
        )
        # the fonts are chosen for the text's characters where the system has a Chinese font
        # (fonts.reading_font_families): gathered on the worker, not on this thread
        gather = fonts.system_cjk_family() is not None
        run_in_background(
            lambda: load_for_window(path, characters=gather),
            self._on_loaded,
            self._on_load_failed,
            owner=self,
        )

    def warn_second_copy(self) -> None:
        text = QCoreApplication.translate(
            "MainWindow",
            "Another Yandu window is running on the same data and does not answer; both can be used.",
        )
        self.statusBar().showMessage(text, 15000)

    def open_requested(self, path: str) -> None:
        """Another start of the program asked us to open ``path`` (or just to come forward)."""
        from PySide6.QtCore import Qt

        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()
        if path:
            self.open_file(path)

    def _on_loaded(self, doc: object) -> None:
        assert isinstance(doc, Document)
        self.show_document(doc)  # the busy indicator stays until the view is built

    def _on_load_failed(self, exc: BaseException) -> None:
        """A file could not be opened: said in a box that does not block (the window keeps its
        document and still quits when asked); a scripted start (--quit-after-load) prints it
        and ends with a non-zero status instead (ui/errors.py)."""
        from desktop_app.ui import errors

        if self._busy_bar is not None:
            self._busy_bar.hide()
        self.statusBar().clearMessage()
        if isinstance(exc, DocumentError):
            text = str(exc)
        else:
            from desktop_app.core.messages import printable
            from desktop_app.crashlog import write_crash_log

            text = QCoreApplication.translate(
                "MainWindow", "Unexpected error while opening the file: %s (details in %s)"
            ) % (
                printable(str(exc) or type(exc).__name__),
                write_crash_log(exc, context="opening a file"),
            )
        if errors.cannot_open(self, QCoreApplication.translate("MainWindow", "Cannot open the file"), text):
            return  # a scripted start ends here
        self.ensure_chrome()
        if self.document is None and self._loading_path != str(bundled_speech()):
            self._loading_path = str(bundled_speech())
            self.open_file(self._loading_path)  # keep something to read

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """One file: opened.  Several, or a folder: added to the library (in the background)."""
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if not paths:
            return
        event.acceptProposedAction()
        if len(paths) == 1 and not Path(paths[0]).is_dir():
            self.open_file(paths[0])
            return
        self.ensure_chrome()
        assert self.library is not None
        self.library.add_paths(paths)
