"""Full-text search in the window: the search panel, the document's index, and the search itself.

The main window makes one after the first paint (like NotesFeature) and hands it each
new document; the index is opened or built on a worker thread, and every search runs
on one too (the search panel takes care of that).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal

from desktop_app.ui.search_panel import SearchPanel, astuple_hit, notes_as_hits
from desktop_app.ui.tasks import run_in_background

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from desktop_app.core.document import Document
    from desktop_app.library.searching import LibrarySearch
    from desktop_app.search import SearchIndex, SearchResult
    from desktop_app.ui.session import DocumentSession
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

    def __init__(self, window: QMainWindow, settings: Settings, session: DocumentSession) -> None:
        super().__init__(window)
        self.session = session  # the open document, its index, id and notes store
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
        self._library: LibrarySearch | None = None  # every document's index, opened on first use
        self._library_lock = threading.Lock()
        self._library_generation = 0  # bumped when documents come or go
        window.installEventFilter(self)
        self._offer_searcher()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self._cancel.set()
            self.library_changed()  # the library's indexes closed
        return False

    @property
    def document(self) -> Document | None:
        return self.session.document

    @property
    def index(self) -> SearchIndex | None:
        return self.session.index

    # --- the session's protocol ----------------------------------------------------------------
    def document_opened(self, doc: Document) -> None:
        """Another document: the previous one's build stops, its results go."""
        self._cancel.set()
        self.panel.set_head_paragraphs(set(doc.metadata.head_paragraphs))
        self._offer_searcher()

    def document_shown(self, doc: Document) -> None:
        self.start_indexing(doc)

    def document_closed(self, _doc: Document) -> None:
        self._cancel.set()
        self._offer_searcher()

    def focus(self, selected: str) -> None:
        """Show the panel, its query field seeded with a short selection."""
        self.panel.focus_query(selected if 0 < len(selected) < 50 else "")

    def start_indexing(self, doc: Document) -> None:
        """Open or build ``doc``'s search index on a worker thread (the previous one is closed)."""
        self.panel.set_head_paragraphs(set(doc.metadata.head_paragraphs))
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
            if not self.session.set_index(doc, index):  # type: ignore[arg-type]
                index.close()  # type: ignore[attr-defined]
                return
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
        if index is None:  # the library can be searched meanwhile
            self.panel.set_library_searcher(lambda q, scope: self._search(None, q, scope))
            self.panel.set_searcher(None, self.tr("Preparing search…"))
        else:
            self.panel.set_searcher(lambda q, scope: self._search(index, q, scope), " ")

    def library_changed(self) -> None:
        """Documents came or went: the library's indexes are opened again at the next search.
        Never waits for a search preparing them (that runs outside the lock, on a worker)."""
        with self._library_lock:
            stale, self._library = self._library, None
            self._library_generation += 1
        if stale is not None:
            stale.close()

    def _library_search(self, query: str, scope: str) -> SearchResult:
        """Every document of the library (its text, or its notes); worker thread."""
        from desktop_app.library.searching import LibrarySearch, flat_hits
        from desktop_app.paths import cache_dir
        from desktop_app.search import SearchResult
        from desktop_app.search.results import LibraryHit

        store = self.session.store
        if store is None:
            return SearchResult(query, [], 0, self.tr("The library is not open yet."))
        if scope == "library_notes":
            entries = {e.id: e for e in store.library(removed=True)}
            hits: list[LibraryHit] = []
            for a in store.search_notes(None, query)[:SEARCH_LIMIT]:
                e = entries.get(a.doc_id)
                if e is None or a.is_orphan:
                    continue
                (h,) = notes_as_hits([a], self.tr("Note"))
                hits.append(LibraryHit(*astuple_hit(h), doc_id=e.id, title=e.title, path=e.path))
            return SearchResult(query, hits, len(hits))
        with self._library_lock:
            library, generation = self._library, self._library_generation
        own = None
        if library is None:  # read every document and open its index: seconds, outside the lock
            try:
                folder = cache_dir()
            except OSError:
                folder = None
            library = own = LibrarySearch(store.library(), folder)
            doc, doc_id = self.session.document, self.session.doc_id
            library.prepare(known={doc_id: doc} if doc is not None and doc_id else None)
            with self._library_lock:
                if generation == self._library_generation and self._library is None:
                    self._library, own = library, None  # kept for the next searches
        found = library.search(query)
        if own is not None:  # the library changed meanwhile (or another search kept its own)
            own.close()
        notice = found.notice
        if found.unavailable:
            missing = self.tr("%d documents could not be searched (their files are not where they were).")
            notice = f"{notice} {missing % len(found.unavailable)}".strip()
        return SearchResult(query, flat_hits(found, SEARCH_LIMIT), found.total, notice, found.elapsed_ms)

    def _search(self, index: SearchIndex | None, query: str, scope: str) -> SearchResult:
        """Search the text, the notes, or both; or the whole library (runs on a worker thread)."""
        from desktop_app.search import SearchResult

        if scope in ("library", "library_notes"):
            return self._library_search(query, scope)
        if index is None:
            return SearchResult(query, [], 0, self.tr("Preparing search…"))

        store, doc_id = self.session.store, self.session.doc_id
        result = index.search(query, limit=SEARCH_LIMIT) if scope != "notes" else SearchResult(query)
        result.hits = list(result.hits)  # the snippets made here, not on the UI thread
        if scope == "text" or store is None or not doc_id:
            return result
        found = notes_as_hits(store.search_notes(doc_id, query), self.tr("Note"))
        return SearchResult(
            query, found + result.hits, len(found) + result.total, result.notice, result.elapsed_ms
        )

    def _on_progress(self, fraction: float) -> None:
        if self.index is None:
            self.panel.status.setText(self.tr("Building the search index… %d%%") % round(fraction * 100))
