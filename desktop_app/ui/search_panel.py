"""The search panel (Ctrl+Shift+F): ranked results grouped by section, with the match marked.

The panel only gathers the query and shows results; the search itself runs on a
worker thread through a ``searcher(query) -> SearchResult`` the main window gives it
(the document's :class:`~desktop_app.search.SearchIndex`), and only the newest
answer is shown.  Activating a result emits ``sig_hit_activated(start, end)``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.tasks import run_in_background

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter, QResizeEvent

    from desktop_app.core.annotations import Annotation
    from desktop_app.search import Hit, SearchResult

DEBOUNCE_MS = 150
HISTORY_SIZE = 20
START_ROLE = Qt.ItemDataRole.UserRole + 1
END_ROLE = Qt.ItemDataRole.UserRole + 2
HTML_ROLE = Qt.ItemDataRole.UserRole + 3
DOC_ROLE = Qt.ItemDataRole.UserRole + 4  # a library hit: (doc_id, path)
LIBRARY_SCOPES = ("library", "library_notes")
MATCH_COLOUR = "#ffd666"


def snippet_html(hit: Hit) -> str:
    """The snippet with the match marked, escaped for rich text."""
    s = hit.snippet
    return (
        html.escape(s[: hit.snippet_start])
        + f'<span style="background:{MATCH_COLOUR}; font-weight:600">'
        + html.escape(s[hit.snippet_start : hit.snippet_end])
        + "</span>"
        + html.escape(s[hit.snippet_end :])
    )


def notes_as_hits(annotations: list[Annotation], label: str) -> list[Hit]:
    """Annotations found by a notes search, shown like text hits (the quote, then the note)."""
    from desktop_app.search import Hit

    hits = []
    for a in annotations:
        if a.is_orphan:
            continue
        quote = a.exact if len(a.exact) <= 40 else a.exact[:39] + "…"
        snippet = f"{quote} — {a.note}" if a.note else quote
        section = f"{label} · {a.section}" if a.section else label
        hits.append(Hit(a.start, a.end, -1, section, snippet, 0, len(quote), 1.0))
    return hits


def astuple_hit(h: Hit) -> tuple[int, int, int, str, str, int, int, float]:
    """A hit's own fields, in order (to make a LibraryHit of it)."""
    return (h.start, h.end, h.paragraph_index, h.section, h.snippet, h.snippet_start, h.snippet_end, h.score)


class _SnippetDelegate(QStyledItemDelegate):
    """Draws a result's snippet as rich text (the match marked), wrapped to the column."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        doc.setHtml(index.data(HTML_ROLE) or html.escape(index.data() or ""))
        doc.setTextWidth(max(50, option.rect.width()))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if index.data(HTML_ROLE) is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        if index.data(HTML_ROLE) is None:
            return super().sizeHint(option, index)
        view = self.parent()
        width = 300
        if isinstance(view, QTreeView):  # the column's width less the indentation of a result row
            width = max(120, view.viewport().width() - 2 * view.indentation() - 4)
        opt = QStyleOptionViewItem(option)
        opt.rect.setWidth(width)
        doc = self._document(opt, index)
        return QSize(width, int(doc.size().height()) + 4)


class _ResultsView(QTreeView):
    """A tree whose wrapped rows get their height again when the panel is resized."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()


class SearchPanel(QDockWidget):
    sig_hit_activated = Signal(int, int)  # start, end in Document.text
    sig_hit_in_document = Signal(str, str, int, int)  # a library hit: doc_id, path, start, end
    sig_history_changed = Signal(list)  # recent queries, newest first

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.setWindowTitle(self.tr("Search"))
        self._searcher: Callable[[str, str], SearchResult] | None = None
        self._library_searcher: Callable[[str, str], SearchResult] | None = None
        self._generation = 0
        self._head: set[int] = set()
        # Snippets and sections as the reader shows them (full-width punctuation); set by the window.
        self.shown: Callable[[str], str] = str

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        self.query_box = QComboBox(body)
        self.query_box.setObjectName("searchQuery")
        self.query_box.setAccessibleName(self.tr("Search for"))
        self.query_box.setEditable(True)
        self.query_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.query_box.setMaxCount(HISTORY_SIZE)
        self.query_box.lineEdit().setPlaceholderText(self.tr('Words, "a phrase", OR, -exclude'))
        self.query_box.lineEdit().setClearButtonEnabled(True)
        self.scope = QComboBox(body)
        self.scope.setObjectName("searchScope")
        self.scope.setAccessibleName(self.tr("Search in"))
        self.scope.addItem(self.tr("In the text"), "text")
        self.scope.addItem(self.tr("In my notes"), "notes")
        self.scope.addItem(self.tr("Text and notes"), "both")
        self.scope.addItem(self.tr("Every document in the library"), "library")
        self.scope.addItem(self.tr("My notes in every document"), "library_notes")
        self.status = QLabel(body)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.results = _ResultsView(body)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setModel(self.model)
        self.results.setHeaderHidden(True)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setItemDelegate(_SnippetDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        layout.addWidget(self.query_box)
        layout.addWidget(self.scope)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.setWidget(body)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._run)
        self.query_box.editTextChanged.connect(lambda _t: self._debounce.start())
        self.query_box.lineEdit().returnPressed.connect(self._on_return)
        self.scope.currentIndexChanged.connect(lambda _i: self._run())
        self.results.activated.connect(self._on_activated)
        self.results.clicked.connect(self._on_activated)

    # --- API for the window --------------------------------------------------------------
    def set_searcher(self, searcher: Callable[[str, str], SearchResult] | None, status: str = "") -> None:
        """What to search with (None while the index is being built: ``status`` says so)."""
        self._searcher = searcher
        if searcher is None:  # another document: the old results' offsets mean nothing now
            self._generation += 1
            self.model.clear()
        if status:
            self.status.setText(status)
        library = searcher is None and self.scope.currentData() in LIBRARY_SCOPES and self._library_searcher
        if (searcher is not None or library) and self.query_box.currentText().strip():
            self._run()

    def set_library_searcher(self, searcher: Callable[[str, str], SearchResult] | None) -> None:
        """What searches the library while this document's index is not ready."""
        self._library_searcher = searcher

    def set_history(self, queries: list[str]) -> None:
        self.query_box.blockSignals(True)
        text = self.query_box.currentText()
        self.query_box.clear()
        self.query_box.addItems(queries[:HISTORY_SIZE])
        self.query_box.setEditText(text)
        self.query_box.blockSignals(False)

    def history(self) -> list[str]:
        return [self.query_box.itemText(i) for i in range(self.query_box.count())]

    def focus_query(self, text: str = "") -> None:
        self.show()
        self.raise_()
        if text:
            self.query_box.setEditText(text)
        self.query_box.setFocus()
        self.query_box.lineEdit().selectAll()

    # --- searching -----------------------------------------------------------------------
    def _run(self) -> None:
        self._debounce.stop()
        query = self.query_box.currentText()
        if not query.strip():
            self.model.clear()
            self.status.clear()
            return
        scope = self.scope.currentData() or "text"
        searcher = self._searcher
        if searcher is None and scope in LIBRARY_SCOPES:
            searcher = self._library_searcher
            self.status.setText(self.tr("Searching the library…"))
        if searcher is None:  # set_searcher runs the query box again once ready
            return
        self._generation += 1
        generation = self._generation
        run_in_background(
            lambda: searcher(query, scope),
            lambda result: self._show(result, generation),  # type: ignore[arg-type]
            lambda exc: self.status.setText(self.tr("Search failed: %s") % exc),
            owner=self,
        )

    def _show(self, result: SearchResult, generation: int) -> None:
        if generation != self._generation:
            return  # a newer query is on its way
        self.model.clear()
        groups: dict[tuple[str, str], QStandardItem] = {}
        documents: dict[str, QStandardItem] = {}
        for hit in result.hits:
            doc_id = getattr(hit, "doc_id", "")
            group = groups.get((doc_id, hit.section))
            if group is None:
                place = self.shown(hit.section) or (self.tr("Beginning") if doc_id else self._place_of(hit))
                group = self._group_item(place, hit)
                groups[(doc_id, hit.section)] = group
                if doc_id:  # the library: by document, then by section
                    top = documents.get(doc_id)
                    if top is None:
                        top = documents[doc_id] = self._group_item(self.shown(hit.title), hit)  # type: ignore[attr-defined]
                        self.model.appendRow(top)
                    top.appendRow(group)
                else:
                    self.model.appendRow(group)
            hit = replace(hit, snippet=self.shown(hit.snippet))  # the same length: the marks hold
            item = QStandardItem(hit.snippet)
            item.setData(hit.start, START_ROLE)
            item.setData(hit.end, END_ROLE)
            item.setData(snippet_html(hit), HTML_ROLE)
            item.setToolTip(self.shown(hit.section))
            if doc_id:
                item.setData((doc_id, hit.path), DOC_ROLE)  # type: ignore[attr-defined]
            group.appendRow(item)
        for top in documents.values():
            count = sum(top.child(i).rowCount() for i in range(top.rowCount()))
            top.setToolTip(top.text())
            top.setText(f"{count} · 《{top.text()}》")
        for group in groups.values():
            # the count first: a long section title is cut at the panel's edge, the count must show
            group.setToolTip(group.text())
            group.setText(f"{group.rowCount()} · {group.text()}")
        self.results.expandAll()
        shown = len(result.hits)
        if result.total == 0:
            text = self.tr("No results")
        elif shown < result.total:
            text = self.tr("%d results, the first %d shown") % (result.total, shown)
        elif result.total == 1:
            text = self.tr("1 result")
        else:
            text = self.tr("%d results") % result.total
        self.status.setText(f"{result.notice}  {text}".strip() if result.notice else text)

    def _group_item(self, text: str, hit: Hit) -> QStandardItem:
        group = QStandardItem(text)
        font = group.font()
        font.setBold(True)
        group.setFont(font)
        group.setData(hit.start, START_ROLE)
        group.setData(hit.end, END_ROLE)
        path = getattr(hit, "path", "")
        if path:
            group.setData((hit.doc_id, path), DOC_ROLE)  # type: ignore[attr-defined]
        return group

    def refresh(self) -> None:
        """Show the results again (the way snippets are shown changed)."""
        if self._searcher is not None and self.query_box.currentText().strip():
            self._run()

    def set_head_paragraphs(self, head: set[int]) -> None:
        """The paragraphs of the document's head (title, byline): a hit there is under 标题."""
        self._head = set(head)

    def _place_of(self, hit: Hit) -> str:
        """The group of a hit outside every section: the title, else the beginning."""
        return self.tr("Title") if hit.paragraph_index in self._head else self.tr("Beginning")

    def _on_return(self) -> None:
        self._remember(self.query_box.currentText())
        if self._debounce.isActive() or not self.model.rowCount():
            self._run()
            return
        first = self.model.index(0, 0)
        if first.isValid():
            self.results.setFocus()
            self.results.setCurrentIndex(self.model.index(0, 0, first))

    def _on_activated(self, index: QModelIndex) -> None:
        start, end = index.data(START_ROLE), index.data(END_ROLE)
        if isinstance(start, int) and isinstance(end, int):
            self._remember(self.query_box.currentText())
            where = index.data(DOC_ROLE)
            if where:
                self.sig_hit_in_document.emit(where[0], where[1], start, end)
            else:
                self.sig_hit_activated.emit(start, end)

    def _remember(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        queries = [query, *[q for q in self.history() if q != query]][:HISTORY_SIZE]
        if queries != self.history():
            self.set_history(queries)
            self.sig_history_changed.emit(queries)
