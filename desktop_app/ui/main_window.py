"""The main window: wires the reading view, the contents dock, actions and settings.

Slots here are thin: they gather arguments, call the core or a widget, update
the view.  Opening a file runs off the UI thread when the file is large.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QFontMetricsF
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar

from desktop_app import APP_NAME, __version__
from desktop_app.core.document import Document
from desktop_app.core.loader import DocumentError, load_document
from desktop_app.paths import bundled_speech
from desktop_app.ui import fonts
from desktop_app.ui.actions import WindowActions
from desktop_app.ui.document_builder import Typography, build_text_document
from desktop_app.ui.reader_view import ReaderView
from desktop_app.ui.settings import ZOOM_MAX, ZOOM_MIN, Settings
from desktop_app.ui.tasks import run_in_background
from desktop_app.ui.themes import theme as theme_by_key
from desktop_app.ui.toc_dock import TocDock

SYNC_LOAD_LIMIT = 512 * 1024  # files up to this size load at once; larger ones in the background
ZOOM_STEP = 1.1


class MainWindow(QMainWindow):
    sig_document_shown = Signal(object)  # the Document, once it is painted with its tree

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings
        self.document: Document | None = None
        self._families: tuple[str, ...] = ()
        self._awaiting_paint = False
        self._loading_path = ""

        self.reader = ReaderView(self)
        self.setCentralWidget(self.reader)
        self.toc = TocDock(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.toc)
        self.resizeDocks([self.toc], [330], Qt.Orientation.Horizontal)
        self.actions_ = WindowActions(self)
        self.actions_.build_menus(self.menuBar())
        self._section_label = QLabel(self)
        self._progress_label = QLabel(self)
        self._busy = QProgressBar(self)
        self._busy.setRange(0, 0)
        self._busy.setMaximumWidth(120)
        self._busy.hide()
        self.statusBar().addWidget(self._section_label, 1)
        self.statusBar().addPermanentWidget(self._busy)
        self.statusBar().addPermanentWidget(self._progress_label)
        self.setAcceptDrops(True)
        self._save_position_timer = QTimer(self, singleShot=True, interval=500)
        self._save_position_timer.timeout.connect(self._save_position)
        self.reader.viewport().installEventFilter(self)
        self._wire()
        self._restore_window()
        self._update_title()

    # --- wiring --------------------------------------------------------------------------
    def _wire(self) -> None:
        a = self.actions_
        a.open.triggered.connect(self.choose_file)
        a.open_speech.triggered.connect(lambda: self.open_file(str(bundled_speech())))
        a.quit.triggered.connect(self.close)
        a.zoom_in.triggered.connect(lambda: self.set_zoom(self.settings.zoom * ZOOM_STEP))
        a.zoom_out.triggered.connect(lambda: self.set_zoom(self.settings.zoom / ZOOM_STEP))
        a.zoom_reset.triggered.connect(lambda: self.set_zoom(1.0))
        for key, act in a.themes.items():
            act.setChecked(key == theme_by_key(self.settings.theme).key)
            act.triggered.connect(lambda _=False, k=key: self.set_theme(k))
        lang = self.settings.language or "zh"
        for key, act in a.languages.items():
            act.setChecked(key == lang)
            act.triggered.connect(lambda _=False, k=key: self.set_language(k))
        a.toggle_toc.setChecked(True)
        a.toggle_toc.toggled.connect(self.toc.setVisible)
        self.toc.visibilityChanged.connect(a.toggle_toc.setChecked)
        a.about.triggered.connect(self.show_about)
        self.toc.sig_section_requested.connect(self.go_to_offset)
        self.reader.sig_position_changed.connect(self._on_position_changed)
        self.reader.apply_theme(theme_by_key(self.settings.theme))

    # --- opening documents ---------------------------------------------------------------
    def choose_file(self) -> None:
        start = str(Path(self.document.path).parent) if self.document and self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a text file"), start, self.tr("Text files (*.txt);;All files (*)")
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        """Open ``path``; small files at once, large ones off the UI thread."""
        try:
            size = Path(path).stat().st_size
        except OSError:
            size = 0
        if size <= SYNC_LOAD_LIMIT:
            try:
                doc = load_document(path)
            except DocumentError as exc:
                self._on_load_failed(exc)
                return
            self.show_document(doc)
            return
        self._loading_path = path
        self._busy.show()
        self.statusBar().showMessage(self.tr("Opening %s…") % Path(path).name)
        run_in_background(lambda: load_document(path), self._on_loaded, self._on_load_failed)

    def _on_loaded(self, doc: object) -> None:
        self._busy.hide()
        self.statusBar().clearMessage()
        assert isinstance(doc, Document)
        self.show_document(doc)

    def _on_load_failed(self, exc: BaseException) -> None:
        self._busy.hide()
        self.statusBar().clearMessage()
        if isinstance(exc, DocumentError):
            text = str(exc)
        else:
            from desktop_app.crashlog import write_crash_log

            text = self.tr("Unexpected error while opening the file: %s (details in %s)") % (
                exc,
                write_crash_log(exc),
            )
        QMessageBox.warning(self, self.tr("Cannot open the file"), text)
        if self.document is None and self._loading_path != str(bundled_speech()):
            self._loading_path = str(bundled_speech())
            self.open_file(self._loading_path)  # keep something to read

    def show_document(self, doc: Document) -> None:
        if self.document is not None:
            self._save_position()
        self.document = doc
        self._families = tuple(fonts.reading_font_families(doc.text))
        fonts.apply_ui_font(self._families)  # before the build: a font change resets the view's
        self._rebuild()
        self.toc.set_sections(doc.sections)
        self.reader.scroll_to_offset(self.settings.reading_position(doc.fingerprint))
        if doc.path:
            self.settings.last_file = doc.path
        self._update_title()
        self._awaiting_paint = True
        self.reader.viewport().update()

    def _rebuild(self) -> None:
        """(Re)build the formatted text for the current zoom and theme, keeping the place."""
        if self.document is None:
            return
        keep = self.reader.top_offset() if self.reader.document().characterCount() > 1 else None
        typo = Typography(self._families, point_size=15.0 * self.settings.zoom)
        qdoc = build_text_document(self.document, typo, theme_by_key(self.settings.theme))
        em = QFontMetricsF(typo.font()).horizontalAdvance("中")
        self.reader.show_document(qdoc, em)
        if keep is not None:
            self.reader.scroll_to_offset(keep)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._awaiting_paint and watched is self.reader.viewport() and event.type() == QEvent.Type.Paint:
            self._awaiting_paint = False
            QTimer.singleShot(0, self._after_first_paint)
        return super().eventFilter(watched, event)

    def _after_first_paint(self) -> None:
        self.toc.tree.viewport().repaint()
        self.sig_document_shown.emit(self.document)

    # --- navigation ----------------------------------------------------------------------
    def go_to_offset(self, offset: int) -> None:
        self.reader.scroll_to_offset(offset)

    def _on_position_changed(self, offset: int) -> None:
        if self.document is None:
            return
        self.toc.follow_offset(offset)
        path = " › ".join(s.title for s in self.document.section_path(offset))
        self._section_label.setText(path)
        self._progress_label.setText(f"{round(self.reader.progress() * 100)}%")
        self._save_position_timer.start()

    def _save_position(self) -> None:
        if self.document is not None:
            self.settings.set_reading_position(self.document.fingerprint, self.reader.top_offset())

    # --- view settings -------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        self.settings.zoom = min(ZOOM_MAX, max(ZOOM_MIN, zoom))
        self._rebuild()
        self.statusBar().showMessage(self.tr("Zoom %d%%") % round(self.settings.zoom * 100), 1500)

    def set_theme(self, key: str) -> None:
        self.settings.theme = key
        self.reader.apply_theme(theme_by_key(key))
        self._rebuild()

    def set_language(self, key: str) -> None:
        if key == (self.settings.language or "zh"):
            return
        self.settings.language = key
        QMessageBox.information(
            self, self.tr("Language"), self.tr("The new language takes effect the next time Yandu starts.")
        )

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Yandu"),
            self.tr("<b>%s (Yandu)</b> %s<br>Read, search and annotate long Chinese documents offline.")
            % (APP_NAME, __version__),
        )

    def _update_title(self) -> None:
        name = self.document.title if self.document else ""
        self.setWindowTitle(f"{name} — {APP_NAME}" if name else APP_NAME)

    # --- window state --------------------------------------------------------------------
    def _restore_window(self) -> None:
        geometry, state = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 820)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_position_timer.stop()
        self._save_position()
        self.settings.set_window_geometry(self.saveGeometry(), self.saveState())
        self.settings.sync()
        super().closeEvent(event)

    # --- drag and drop -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                event.acceptProposedAction()
                self.open_file(url.toLocalFile())
                return
