"""The 提法 panel: the open document's key formulations and key terms, with counts.

It follows the document session: when a document is shown its terms are found on a worker
(study/terms.py: quoted and numbered formulations, jieba's key terms); a row lists every
occurrence of its term when opened (the section and the sentence around it); a click on a
term marks all its occurrences with the find bar and jumps to the first (``sig_find``), a
click on an occurrence jumps there (``sig_reveal``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop_app.ui.tasks import run_in_background

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QMainWindow

    from desktop_app.core.document import Document
    from desktop_app.core.formulations import Formulation
    from desktop_app.ui.session import DocumentSession

TERM_ROLE = Qt.ItemDataRole.UserRole + 1
START_ROLE = Qt.ItemDataRole.UserRole + 2
MAX_OCCURRENCES_LISTED = 200


class TermsPanel(QDockWidget):
    sig_find = Signal(str)  # mark every occurrence of this term and go to the first
    sig_reveal = Signal(int, int)  # go to this occurrence (start, end)
    sig_usage = Signal(str)  # show this term across the library

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("termsPanel")
        self.setWindowTitle(self.tr("Formulations"))
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        self.tree = QTreeWidget(body)
        self.tree.setObjectName("termsTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Formulation"), self.tr("Times"), self.tr("Kind")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        from PySide6.QtWidgets import QHeaderView

        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the term takes the room
        self.tree.itemExpanded.connect(self._fill_occurrences)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        self._text = ""
        self._doc: Document | None = None

    def show_terms(self, doc: Document | None, terms: list[Formulation]) -> None:
        from desktop_app.core.messages import message

        self.tree.clear()
        self._doc, self._text = doc, doc.text if doc is not None else ""
        for f in terms:
            item = QTreeWidgetItem([f.term, str(f.count), message(f"term_{f.kind}")])
            item.setData(0, TERM_ROLE, f.term)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, f.term)
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            self.tree.addTopLevelItem(item)
        self.tree.resizeColumnToContents(1)
        self.tree.resizeColumnToContents(2)
        self.status.setText(self.tr("%d formulations and key terms") % len(terms) if terms else "")

    def set_busy(self, text: str) -> None:
        self.tree.clear()
        self.status.setText(text)

    def _fill_occurrences(self, item: QTreeWidgetItem) -> None:
        """The occurrences of a term, listed when its row is opened (the section, the sentence)."""
        term = item.data(0, TERM_ROLE)
        if not term or item.childCount() or self._doc is None:
            return
        from desktop_app.search.snippets import make_snippet

        doc: Document = self._doc
        i = self._text.find(term)
        while i >= 0 and item.childCount() < MAX_OCCURRENCES_LISTED:
            snippet, _a, _b = make_snippet(self._text, i, i + len(term), radius=18)
            place = " › ".join(s.title for s in doc.section_path(i)[-1:])
            child = QTreeWidgetItem([snippet])
            child.setToolTip(0, f"{place}\n{snippet}" if place else snippet)
            child.setData(0, START_ROLE, i)
            child.setData(0, TERM_ROLE, "")
            item.addChild(child)
            child.setFirstColumnSpanned(True)  # the sentence across the whole row
            i = self._text.find(term, i + len(term))

    def _context_menu(self, pos: object) -> None:
        from PySide6.QtWidgets import QMenu

        item = self.tree.itemAt(pos)  # type: ignore[arg-type]
        term = item.data(0, TERM_ROLE) if item is not None else ""
        if not term:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Mark every occurrence"), lambda: self.sig_find.emit(term))
        menu.addAction(self.tr("Across the library…"), lambda: self.sig_usage.emit(term))
        menu.popup(self.tree.viewport().mapToGlobal(pos))  # type: ignore[arg-type]

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        start = item.data(0, START_ROLE)
        term = item.parent().data(0, TERM_ROLE) if item.parent() is not None else item.data(0, TERM_ROLE)
        if isinstance(start, int) and term:
            self.sig_reveal.emit(start, start + len(term))
        elif term:
            self.sig_find.emit(term)


class TermsFeature(QObject):
    """Finds the open document's terms off the UI thread when it is shown (session protocol)."""

    sig_open = Signal(str, str, int, int)  # a term's occurrence in another document: doc_id, path, start, end

    def __init__(self, window: QMainWindow, session: DocumentSession) -> None:
        super().__init__(window)
        self.window = window  # the parent of the usage window
        self.session = session
        self.panel = TermsPanel(window)
        self.panel.hide()
        self.panel.sig_usage.connect(self.show_usage)
        self._doc: Document | None = None
        self._found_for: Document | None = None  # the document whose terms are found or being found
        self.terms: list[Formulation] = []
        self.panel.visibilityChanged.connect(self._panel_visible)

    def document_opened(self, doc: Document) -> None:
        self._doc, self.terms = doc, []
        self.panel.set_busy(self.tr("Finding the formulations…"))

    def document_shown(self, doc: Document) -> None:
        """Found when the panel is on screen, else when it is first shown: a document opened
        with the panel closed pays nothing (jieba's dictionary and a pass over the text on a
        worker held the interpreter lock the window needs while it drew the notes)."""
        self._doc, self._found_for = doc, None
        if self.panel.isVisible():
            self._find(doc)

    def _panel_visible(self, visible: bool) -> None:
        if visible and self._doc is not None and self._found_for is not self._doc:
            self._find(self._doc)

    def _find(self, doc: Document) -> None:
        from desktop_app.study.terms import document_terms

        self._found_for = doc

        def done(terms: object) -> None:
            if doc is self._doc:
                self.terms = terms  # type: ignore[assignment]
                self.panel.show_terms(doc, self.terms)

        def failed(exc: BaseException) -> None:
            if doc is self._doc:
                self._found_for = None  # tried again when the panel is shown again
                self.panel.set_busy(str(exc))

        run_in_background(lambda: document_terms(doc.text), done, failed, owner=self)

    def document_closed(self, _doc: Document) -> None:
        self._doc, self._found_for, self.terms = None, None, []
        self.panel.show_terms(None, [])

    def show_usage(self, term: str) -> QDialog | None:
        """The term across the library (study/across.py), in a window of its own."""
        from desktop_app.ui.usage_window import UsageWindow

        store = self.session.store
        if store is None:
            return None
        window = UsageWindow(term, store, self.window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.sig_open.connect(self.sig_open)
        window.show()
        return window

    def show_panel(self) -> None:
        self.panel.show()
        self.panel.raise_()
        self.panel.tree.setFocus()
