"""Full-text search in the window: the search panel, the document's index, and the search itself.

The main window makes one after the first paint (like NotesFeature) and hands it each
new document; the index is opened or built on a worker thread, and every search runs
on one too (the search panel takes care of that).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal

from desktop_app.ui.search_panel import SearchPanel, notes_as_hits
from desktop_app.ui.tasks import run_in_background

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from desktop_app.core.document import Document
    from desktop_app.search import SearchIndex, SearchResult
    from desktop_app.ui.notes_feature import NotesFeature
    from desktop_app.ui.settings import Settings

SEARCH_LIMIT = 1000  # results listed in the panel (the count covers all)
PANEL_WIDTH = 400


class _Cancelled(Exception):
    """Raised from a build's progress callback: the document was closed or replaced."""


class _Progress(QObject):
    """Carries progress from a worker thread to the window (queued across threads)."""

    sig_progress = Signal(float)


class SearchFeature(QObject):
    sig_message = Signal(str)  # for the status bar: the index could not be built

    def __init__(
        self,
        window: QMainWindow,
        settings: Settings,
        notes: Callable[[], NotesFeature | None],
    ) -> None:
        super().__init__(window)
        self._notes = notes  # the notes to search too (made after us, so asked for each time)
        self.document: Document | None = None
        self.index: SearchIndex | None = None
        self.panel = SearchPanel(window)
        self.panel.hide()
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        window.resizeDocks([self.panel], [PANEL_WIDTH], Qt.Orientation.Horizontal)
        self.panel.set_history(settings.search_history)
        self.panel.sig_history_changed.connect(settings.set_search_history)
        self._progress = _Progress()  # no parent: a worker may still report after we close
        self._progress.sig_progress.connect(self._on_progress)
        # A large document's index is built by child processes; closing the window or opening
        # another document cancels the build (the next progress call raises: the children are
        # killed and their temporary folder removed) instead of waiting for it.
        self._cancel = threading.Event()
        window.installEventFilter(self)
        self._offer_searcher()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self._cancel.set()
        return False

    def focus(self, selected: str) -> None:
        """Show the panel, its query field seeded with a short selection."""
        self.panel.focus_query(selected if 0 < len(selected) < 50 else "")

    def start_indexing(self, doc: Document) -> None:
        """Open or build ``doc``'s search index on a worker thread (the previous one is closed)."""
        self.document = doc
        self.panel.set_head_paragraphs(set(doc.metadata.head_paragraphs))
        if self.index is not None:
            self.index.close()
            self.index = None
        self._offer_searcher()
        self._cancel.set()  # the previous document's build, if any, stops
        cancel = self._cancel = threading.Event()
        emit = self._progress.sig_progress.emit

        def progress(fraction: float) -> None:
            if cancel.is_set():
                raise _Cancelled
            emit(fraction)

        def words_progress(_fraction: float) -> None:
            if cancel.is_set():
                raise _Cancelled

        def build() -> object:
            from desktop_app.paths import cache_dir
            from desktop_app.search import SearchIndex

            return SearchIndex.open(doc, cache_dir=cache_dir(), progress=progress, words=False)

        def done(index: object) -> None:
            if doc is not self.document:
                index.close()  # type: ignore[attr-defined]
                return
            self.index = index  # type: ignore[assignment]
            self._offer_searcher()
            # jieba's words sharpen the ranking; exact results never wait for them
            run_in_background(
                lambda: index.ensure_words(words_progress),  # type: ignore[attr-defined]
                lambda _r: None,
                lambda _e: None,
                owner=self,
            )

        def failed(exc: BaseException) -> None:
            if isinstance(exc, _Cancelled):
                return
            from desktop_app.crashlog import write_crash_log

            write_crash_log(exc)
            self.sig_message.emit(self.tr("The search index could not be built: %s") % exc)

        run_in_background(build, done, failed, owner=self)

    def _offer_searcher(self) -> None:
        index = self.index
        if index is None:
            self.panel.set_searcher(None, self.tr("Preparing search…"))
        else:
            self.panel.set_searcher(lambda q, scope: self._search(index, q, scope), " ")

    def _search(self, index: SearchIndex, query: str, scope: str) -> SearchResult:
        """Search the text, the notes, or both (runs on a worker thread)."""
        from desktop_app.search import SearchResult

        notes = self._notes()
        result = index.search(query, limit=SEARCH_LIMIT) if scope != "notes" else SearchResult(query)
        result.hits = list(result.hits)  # the snippets made here, not on the UI thread
        if scope == "text" or notes is None or notes.store is None or not notes.doc_id:
            return result
        found = notes_as_hits(notes.store.search_notes(notes.doc_id, query), self.tr("Note"))
        return SearchResult(
            query, found + result.hits, len(found) + result.total, result.notice, result.elapsed_ms
        )

    def _on_progress(self, fraction: float) -> None:
        if self.index is None:
            self.panel.status.setText(self.tr("Building the search index… %d%%") % round(fraction * 100))
