"""The main window: wires the reading view, the contents dock, actions and settings.

Slots here are thin: they gather arguments, call the core or a widget, update
the view.  Opening files is the mixin in ``window_files.py`` (a large file is read off the
UI thread); the reading place and the window's state are ``window_place.py``; zoom and
theme, printing and the library are the other ``window_*`` mixins.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFontMetricsF, QGuiApplication
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from desktop_app import APP_NAME
from desktop_app.core import messages
from desktop_app.core.display import shown_text
from desktop_app.core.document import Document
from desktop_app.core.punctuation import to_display
from desktop_app.paths import bundled_speech
from desktop_app.themes import SYSTEM, apply_to_application
from desktop_app.ui import fonts
from desktop_app.ui.document_builder import build_text_document
from desktop_app.ui.paint_watch import FirstPaintWatch
from desktop_app.ui.reader_view import ReaderView
from desktop_app.ui.session import DocumentSession
from desktop_app.ui.settings import Settings
from desktop_app.ui.steps import StepsPerTurn
from desktop_app.ui.toc_dock import WIDTH as TOC_WIDTH
from desktop_app.ui.toc_dock import TocDock
from desktop_app.ui.window_files import FilesMixin
from desktop_app.ui.window_library import LibraryWindowMixin
from desktop_app.ui.window_place import PlaceMixin
from desktop_app.ui.window_printing import PrintingMixin
from desktop_app.ui.window_view import ZOOM_STEP, ViewSettingsMixin

if TYPE_CHECKING:  # Qt types touched only after start-up are imported where used
    from PySide6.QtGui import QCloseEvent, QResizeEvent, QTextDocument
    from PySide6.QtWidgets import QProgressBar

    from desktop_app.search import SearchIndex
    from desktop_app.ui.actions import WindowActions
    from desktop_app.ui.find_bar import FindBar, VisibleText
    from desktop_app.ui.library_feature import LibraryFeature
    from desktop_app.ui.notes_feature import NotesFeature
    from desktop_app.ui.notes_loading import LoadedNotes
    from desktop_app.ui.printing import PrintOptions
    from desktop_app.ui.search_feature import SearchFeature
    from desktop_app.ui.search_panel import SearchPanel
    from desktop_app.ui.terms_panel import TermsFeature
    from desktop_app.ui.toast import Toast

BACKGROUND_BUILD_CHARS = 200_000  # texts longer than this are formatted on a worker thread


INDEX_DELAY_MS = 300  # after the first paint, open or build the search index
COLUMN_SHARE = 0.45  # the reading column may always claim this share of the window
TOC_SHARE = 0.3  # the contents panel widens to show its titles, up to this share of the window
TOC_MIN_WIDTH = 160


class MainWindow(FilesMixin, LibraryWindowMixin, PlaceMixin, ViewSettingsMixin, PrintingMixin, QMainWindow):
    sig_first_paint = Signal()  # the document and its tree are on screen (menus follow at once)
    sig_document_shown = Signal(object)  # the Document, once it is painted and the window complete

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings
        # the open document, its library id, the notes store and the index: the features follow it
        self.session = DocumentSession(self)
        self.session.sig_registered.connect(lambda _id: self._reveal_when_registered())
        self._families: tuple[str, ...] = ()
        self._loading_path = ""
        self._build_generation = 0

        self.reader = ReaderView(self)
        central = QWidget(self)
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.reader, 1)
        self.setCentralWidget(central)
        # Menus, actions and the find bar are made right after the first paint (ensure_chrome):
        # the text and its tree reach the screen first.
        self.actions_: WindowActions | None = None
        self._chrome = StepsPerTurn(
            [
                # one per turn: each ~5-20 ms here, two or three times that when a large
                # document is being read and laid out on workers meanwhile (issue 14)
                self._make_menus,
                self._make_find_bar,
                self._make_search_panel,
                self._make_notes,
                self._make_library,
                self._make_terms,
                self._restore_dock_state,
            ],
            self,
        )
        self.find_bar: FindBar | None = None
        self.search: SearchFeature | None = None
        self.notes: NotesFeature | None = None
        self.library: LibraryFeature | None = None
        self.terms: TermsFeature | None = None
        # the shown document's notes, read on a worker (_start_notes_load)
        self._notes_doc: Document | None = None
        self._notes_loaded: LoadedNotes | None = None  # read before the notes feature was made
        self._notes_generation = 0
        self._awaiting: set[str] = set()  # what the shown document still waits for
        self._normalized: VisibleText | None = None
        self._pending_reveal: tuple[str, int, int] | None = None  # (doc_id, start, end) once shown
        self._toc_hidden_for_start = False  # the contents panel made way for the start page
        self.toc = TocDock(self)  # placed by _restore_window
        self._section_label = QLabel(self)
        self._progress_label = QLabel(self)
        self._busy_bar: QProgressBar | None = None
        self._toast: Toast | None = None
        self._print_options: PrintOptions | None = None
        self.statusBar().addWidget(self._section_label, 1)
        self.statusBar().addPermanentWidget(self._progress_label)
        self.setAcceptDrops(True)
        self._save_position_timer = QTimer(self, singleShot=True, interval=500)
        self._save_position_timer.timeout.connect(self._save_position)
        self._paint_watch = FirstPaintWatch(self.reader.viewport(), self.toc.tree.viewport(), self)
        self._paint_watch.sig_painted.connect(self._after_first_paint)
        self.toc.sig_section_requested.connect(self.go_to_offset)
        self.reader.sig_position_changed.connect(self._on_position_changed)
        self._system_dark: bool | None = None  # the system's scheme, once asked (after the paint)
        if self._theme().key != "light":
            apply_to_application(self._theme())
        self.reader.apply_theme(self._theme())
        self._restore_window()
        self._update_title()

    @property
    def document(self) -> Document | None:
        """The open document (the session's)."""
        return self.session.document

    # --- wiring --------------------------------------------------------------------------
    def ensure_chrome(self) -> None:
        """Make the menus, actions, find bar and side panels now (what is not made yet).
        After the first paint they are made one per event-loop turn (``_after_first_paint``)."""
        self._chrome.finish_now()

    def _make_menus(self) -> None:
        from desktop_app.ui.actions import WindowActions

        self.reader.enable_keyboard_selection()
        self.reader.keep_runs_together()
        self.actions_ = WindowActions(self)
        self.actions_.build_menus(self.menuBar())

    def _make_find_bar(self) -> None:
        from desktop_app.ui.find_bar import FindBar

        assert self.actions_ is not None
        self.find_bar = FindBar(self)
        self._column.insertWidget(0, self.find_bar)
        self._wire_actions(self.actions_, self.find_bar)
        self.session.follow(self.find_bar)

    def _restore_dock_state(self) -> None:
        _geometry, state = self.settings.window_geometry()
        if state is not None:
            self.restoreState(state)  # again, now that every dock exists

    def _make_notes(self) -> None:
        from PySide6.QtCore import Qt

        from desktop_app.ui.notes_feature import NotesFeature

        assert self.actions_ is not None
        notes = NotesFeature(self, self.reader, self.session, self.settings)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, notes.panel)
        self.resizeDocks([notes.panel], [400], Qt.Orientation.Horizontal)
        if self.search_panel is not None:
            self.tabifyDockWidget(notes.panel, self.search_panel)
        notes.panel.hide()
        notes.fill_menu(self.actions_.notes_menu)
        notes.sig_message.connect(self._show_notes_message)
        notes.sig_hint.connect(self.show_hint)
        notes.sig_status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        notes.panel.place = self.place_label  # 标题 / 开头 as the status bar says
        notes.actions["restore"].triggered.connect(lambda: self.open_settings(page="data"))
        self.notes = notes
        self.session.follow(notes)
        self._offer_shown(self.settings.full_width)
        if self._notes_loaded is not None:  # read on a worker while the window was being made
            loaded, self._notes_loaded = self._notes_loaded, None
            notes.adopt(loaded)
        elif self.document is not None and self._notes_doc is self.document:
            notes.begin(self.document)  # still being read
        elif self.document is not None:
            self._start_notes_load(self.document)

    def _start_notes_load(self, doc: Document) -> None:
        """Read ``doc``'s marks on a worker (opening the store, re-anchoring, thousands of
        rows), while the window goes on; the notes feature adopts them when they come and
        reads the full records next (notes_loading).  Once per document shown."""
        from desktop_app.ui import notes_loading
        from desktop_app.ui.tasks import run_in_background

        if self._notes_doc is doc:
            return
        self._notes_doc, self._notes_loaded = doc, None
        self._notes_generation += 1
        generation = self._notes_generation
        notes = self.notes
        if notes is not None:
            notes.begin(doc)
        store = notes.store if notes is not None else None
        from PySide6.QtCore import QCoreApplication

        cannot_save = QCoreApplication.translate("NotesFeature", "Notes cannot be saved: %s")

        def done(loaded: object) -> None:
            from desktop_app.ui.notes_loading import LoadedNotes

            assert isinstance(loaded, LoadedNotes)
            current = generation == self._notes_generation
            feature = self.notes
            if current:
                self.session.set_store(loaded.store)
            if not current:
                if loaded.store is not None and (feature is None or loaded.store is not feature.store):
                    loaded.store.close()  # opened by a superseded load
                return
            if feature is None:
                self._notes_loaded = loaded  # _make_notes adopts it
            elif feature.marks_pending and feature.doc is loaded.doc:
                feature.adopt(loaded)
            elif loaded.store is not None and loaded.store is not feature.store:
                loaded.store.close()  # the feature read them itself meanwhile (settle)
            self.session.register(loaded.doc, loaded.doc_id)
            self._part_done("notes")

        def failed(exc: BaseException) -> None:
            if generation == self._notes_generation:
                if self.notes is not None:
                    self.notes.marks_pending = False
                self.statusBar().showMessage(str(exc), 10000)
                self._part_done("notes")

        run_in_background(
            notes_loading.job(notes_loading.load_marks, doc, store, cannot_save), done, failed, owner=self
        )

    def _part_done(self, part: str) -> None:
        """One of what a shown document waits for is done (the window's pieces, its notes)."""
        if part in self._awaiting:
            self._awaiting.discard(part)
            if not self._awaiting:
                self._document_complete()

    def _show_notes_message(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.statusBar().showMessage(text, 10000)
        title = self.tr("Library") if self.sender() is self.library else self.tr("Notes")
        QMessageBox.warning(self, title, text)

    def show_hint(self, text: str) -> None:
        """A passing hint (what to do first): over the text and in the status bar, no dialog."""
        if self._toast is None:
            from desktop_app.ui.toast import Toast

            self._toast = Toast(self.reader.viewport())
        self._toast.show_text(text)
        self.statusBar().showMessage(text, 5000)

    def _make_search_panel(self) -> None:
        from desktop_app.ui.search_feature import SearchFeature

        self.search = SearchFeature(self, self.settings, self.session)
        self.session.follow(self.search)
        self.search.panel.sig_hit_activated.connect(self.reveal)
        self.search.panel.sig_hit_in_document.connect(self.reveal_in_document)
        self.search.sig_message.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self._offer_shown(self.settings.full_width)

    @property
    def search_panel(self) -> SearchPanel | None:
        return self.search.panel if self.search is not None else None

    @property
    def search_index(self) -> SearchIndex | None:
        return self.search.index if self.search is not None else None

    def _wire_actions(self, a: WindowActions, find_bar: FindBar) -> None:
        a.open.triggered.connect(self.choose_file)
        a.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        a.clear_recent.triggered.connect(self._clear_recent)
        self._fill_recent_menu()
        a.open_speech.triggered.connect(lambda: self.open_file(str(bundled_speech())))
        a.close_document.triggered.connect(self.close_document)
        a.quit.triggered.connect(self.close)
        a.zoom_in.triggered.connect(lambda: self.set_zoom(self.settings.zoom * ZOOM_STEP))
        a.zoom_out.triggered.connect(lambda: self.set_zoom(self.settings.zoom / ZOOM_STEP))
        a.zoom_reset.triggered.connect(lambda: self.set_zoom(1.0))
        chosen = self.settings.theme if self.settings.theme in a.themes else "light"
        for key, act in a.themes.items():
            act.setChecked(key == chosen)
            act.triggered.connect(lambda _=False, k=key: self.set_theme(k))
        lang = self.settings.language or messages.language()  # the chosen one, else the one in effect
        for key, act in a.languages.items():
            act.setChecked(key == lang)
            act.triggered.connect(lambda _=False, k=key: self.set_language(k))
        a.toggle_toc.setChecked(not self.toc.isHidden())  # as the restored window state left it
        a.toggle_toc.toggled.connect(self.toc.setVisible)
        self.toc.visibilityChanged.connect(a.toggle_toc.setChecked)
        a.about.triggered.connect(self.show_about)
        a.guide.triggered.connect(self.show_guide)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.print_preview.triggered.connect(self.print_preview)
        a.print_.triggered.connect(self.print_document)
        a.copy_citation.triggered.connect(self.copy_with_citation)
        a.settings.triggered.connect(self.open_settings)
        a.full_width.setChecked(self.settings.full_width)
        a.full_width.toggled.connect(self.set_full_width)
        self._follow_system_scheme()
        a.find.triggered.connect(self.open_find_bar)
        a.find_next.triggered.connect(self._find_next)
        a.find_previous.triggered.connect(self._find_previous)
        a.search_panel.triggered.connect(self.open_search_panel)
        find_bar.sig_matches_changed.connect(self.reader.show_matches)
        find_bar.sig_closed.connect(self._find_bar_closed)

    # --- opening documents ---------------------------------------------------------------
    @property
    def _busy(self) -> QProgressBar:
        """The status bar's busy indicator, made on first use (it is not needed to start)."""
        if self._busy_bar is None:
            from PySide6.QtWidgets import QProgressBar

            self._busy_bar = QProgressBar(self)
            self._busy_bar.setRange(0, 0)
            self._busy_bar.setMaximumWidth(120)
            self._busy_bar.hide()
            # 1: the first place among the permanent widgets (the section label is item 0),
            # left of the reading progress; 0 made Qt warn on the console and append it
            self.statusBar().insertPermanentWidget(1, self._busy_bar)
        return self._busy_bar

    def show_document(self, doc: Document) -> None:
        """Show ``doc`` (its text, header and tree) at its remembered reading position."""
        if self.document is not None:
            self._save_position()
        self._normalized = None
        self._hide_start_page()
        self.session.open(doc)  # the features drop the previous document's state
        self._families = tuple(fonts.document_font_families(doc))
        fonts.apply_ui_font(self._families)  # before the build: a font change resets the view's
        if doc.path:
            self.settings.last_file = doc.path
            if Path(doc.path) != bundled_speech():  # (its path changes with every one-file start)
                self.settings.add_recent_file(doc.path)
        self._update_title()
        self._rebuild(keep=self._remembered_position(doc), announce=True)
        if doc.notices:  # what the reader of its format wants said (pages it could not read ...)
            self.show_hint("\n".join(doc.notices))

    def _rebuild(self, keep: int | None = None, announce: bool = False) -> None:
        """(Re)build the formatted text for the current zoom and theme, keeping the place.

        Large texts are formatted on a worker thread (a QTextDocument is reentrant) and
        handed to the view when ready; ``announce`` emits sig_document_shown once painted.
        """
        doc = self.document
        if doc is None:
            return
        if keep is None:
            keep = self.reader.top_offset() if self.reader.document().characterCount() > 1 else 0
        typo = self.settings.typography(self._families)
        colours = self._theme()
        full_width = self.settings.full_width
        self._offer_shown(full_width)
        self._build_generation += 1
        generation = self._build_generation

        def finish(qdoc: QTextDocument, shown: str) -> None:
            if generation != self._build_generation or doc is not self.document:
                qdoc.deleteLater()  # superseded by a newer build
                return
            if self._busy_bar is not None:
                self._busy_bar.hide()
            self.statusBar().clearMessage()
            if announce or self.toc.model.shown_text != shown:
                self.toc.set_zoom(self._reading_scale(), QGuiApplication.font().pointSizeF())
                convert = to_display if full_width else str
                self.toc.set_sections(doc.sections, doc.text, shown, convert)  # titles as shown
            if announce:
                self._paint_watch.expect()
            marks = self.reader.marks()  # the same notes on a rebuilt text (zoom, theme)
            self.reader.show_document(qdoc, QFontMetricsF(typo.font()).horizontalAdvance("中"))
            self._keep_reading_column()
            self.reader.scroll_to_offset(keep)
            if not announce and marks:  # (a new document's notes are read after its paint)
                self.reader.show_annotations(marks, ordered=True)
            if not announce and self.find_bar is not None and self.find_bar.isVisible():
                self.reader.show_matches(self.find_bar.matches, self.find_bar.current, reveal=False)
            self.reader.viewport().update()

        if len(doc.text) < BACKGROUND_BUILD_CHARS:
            shown = shown_text(doc, full_width)
            finish(build_text_document(doc, typo, colours, shown), shown)
            return
        from desktop_app.ui.tasks import run_in_background

        gui_thread = self.thread()

        def build() -> tuple[QTextDocument, str]:
            shown = shown_text(doc, full_width)
            qdoc = build_text_document(doc, typo, colours, shown)
            qdoc.moveToThread(gui_thread)  # hand it over to the UI thread
            return qdoc, shown

        self._busy.show()
        run_in_background(build, lambda built: finish(*built), self._on_load_failed, owner=self)

    def _keep_reading_column(self) -> None:
        """Side panels yield before the text does: the central column keeps a readable measure
        (ReaderView.MIN_MEASURE_EM characters) as far as the docks' own minimums allow (and
        at least COLUMN_SHARE of the window), so a large zoom in a small window never pushes
        the window wider; docks shrink to their minimums first."""
        docks = [d for d in (self.toc, self.search_panel, self.notes.panel if self.notes else None) if d]
        others = sum(d.minimumSizeHint().width() + 6 for d in docks if d.isVisible() and not d.isFloating())
        room = max(int(self.width() * COLUMN_SHARE), self.width() - others)  # the docks keep theirs
        wanted = min(self.reader.minimum_column_width(), room)
        if self.centralWidget().minimumWidth() != wanted:
            self.centralWidget().setMinimumWidth(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.document is not None:
            self._keep_reading_column()

    def _after_first_paint(self) -> None:
        self.sig_first_paint.emit()
        # shown when the window's pieces are made and the document's notes drawn; the notes
        # are read on a worker meanwhile
        self._awaiting = {"chrome", "notes"}
        doc = self.document
        if doc is not None:
            self._notes_doc = None  # (re)read: a document opened again may have new notes
            self._start_notes_load(doc)
        else:
            self._awaiting.discard("notes")
        self._chrome.start(then=lambda: self._part_done("chrome"))

    def _reading_scale(self) -> float:
        """How large the reading text is against the default (the zoom times the chosen size)."""
        from desktop_app.ui.document_builder import BASE_POINT_SIZE

        return self.settings.zoom * self.settings.font_size / BASE_POINT_SIZE

    def _fit_toc_width(self) -> None:
        """The contents panel as wide as its titles, up to TOC_SHARE of the window."""
        from PySide6.QtCore import Qt

        if self.toc.isHidden() or self.toc.isFloating():
            return
        wanted = self.toc.width_for_titles(max(TOC_WIDTH, int(self.width() * TOC_SHARE)))
        if abs(wanted - self.toc.width()) > 8:
            self.resizeDocks([self.toc], [max(wanted, TOC_MIN_WIDTH)], Qt.Orientation.Horizontal)

    def _document_complete(self) -> None:
        self._fit_toc_width()
        if self.settings.theme == SYSTEM and self._system_dark is None:
            self._check_system_theme()
        # a moment later: a start that only looks (or --quit-after-load) never waits for it
        QTimer.singleShot(INDEX_DELAY_MS, self.session.mark_shown)  # the index is built then
        self.sig_document_shown.emit(self.document)
        if self._pending_reveal is not None:  # a library hit: shown once its document is
            self._reveal_when_registered()

    # --- navigation ----------------------------------------------------------------------
    def open_find_bar(self) -> None:
        """Ctrl+F: the find bar, seeded with the selected text, searching from the top of the view."""
        self.ensure_chrome()
        assert self.find_bar is not None
        if self.document is None:
            return
        if self._normalized is None:
            from desktop_app.ui.find_bar import VisibleText

            self._normalized = VisibleText(self.document)
            self.find_bar.set_text(self._normalized)
        selected = self.reader.textCursor().selectedText()
        self.find_bar.open_bar(self.reader.top_offset(), selected if 0 < len(selected) < 50 else "")

    def _find_bar_closed(self) -> None:
        if self.find_bar is not None and self.find_bar.closed_on is not None:
            self.reader.select_range(*self.find_bar.closed_on)  # what was found, ready for Ctrl+H
        self.reader.setFocus()

    def _find_next(self) -> None:
        if self.find_bar is not None and self.find_bar.isVisible():
            self.find_bar.find_next()
        else:
            self.open_find_bar()

    def _find_previous(self) -> None:
        if self.find_bar is not None and self.find_bar.isVisible():
            self.find_bar.find_previous()
        else:
            self.open_find_bar()

    # --- full-text search ----------------------------------------------------------------
    def open_search_panel(self) -> None:
        self.ensure_chrome()
        assert self.search is not None
        self.search.focus(self.reader.textCursor().selectedText())

    def reveal(self, start: int, end: int) -> None:
        """Show and select ``start``-``end`` in the text (a search result)."""
        self.reader.reveal_range(start, end)
        self.reader.setFocus()

    def go_to_offset(self, offset: int) -> None:
        self.reader.scroll_to_offset(offset)

    def _offer_shown(self, full_width: bool) -> None:
        """Panels show quotes, snippets and titles with the text's punctuation (redrawn when
        the choice changes)."""
        convert = to_display if full_width else str
        for panel in (self.notes.panel if self.notes else None, self.search_panel):
            if panel is not None and panel.shown is not convert:
                panel.shown = convert
                panel.refresh()
        self._update_title()

    def _update_title(self) -> None:
        name = self.document.title if self.document else ""
        if name and self.settings.full_width:
            name = to_display(name)
        self.setWindowTitle(f"{name} — {APP_NAME}" if name else APP_NAME)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.library is not None:
            self.library.cancel_add()  # stops after the file being read (the store closes next)
        self._save_position_timer.stop()
        self._save_position(wait=True)
        self.settings.set_window_geometry(self.saveGeometry(), self.saveState())
        # gone from the screen before the notes database closes: its last backup refresh
        # (10,000 notes: 30-40 ms) and the signatures still due (10 MB: ~0.3 s) keep no window
        # standing still
        self.hide()
        self._notes_generation += 1  # a notes load still running is not wanted any more
        if self.notes is not None:
            self.notes.close()
        self.settings.sync()
        super().closeEvent(event)

    # --- drag and drop -------------------------------------------------------------------
