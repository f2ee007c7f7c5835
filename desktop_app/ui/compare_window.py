"""比较版本: two documents of the library side by side, changes marked, scrolled together.

The comparison and both panes' HTML are made on a worker (study/compare.py); the window only
shows them.  Removed text is red and struck through on the left, added text green and
underlined on the right, a moved sentence blue on both sides.  The list of changes jumps both
panes to a change; scrolling one pane scrolls the other to the same share of its text.
导出… writes the comparison as Word or HTML (study/compare_export.py).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.tasks import run_in_background

if TYPE_CHECKING:
    from desktop_app.core.document import Document
    from desktop_app.storage.library import LibraryEntry
    from desktop_app.study.compare import Comparison

ADDED_CSS = "color:#1E7B34; text-decoration: underline; background:#E6F4EA"
REMOVED_CSS = "color:#C0392B; text-decoration: line-through; background:#FDECEA"
MOVED_CSS = "color:#1F5FAD; background:#E8F0FB"
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1


def pane_html(text: str, marks: list[tuple[int, int, str]]) -> str:
    """``text`` as HTML paragraphs, the ranges of ``marks`` (start, end, css) styled, and an
    anchor ``c<start>`` at each (the changes list scrolls to it)."""
    out: list[str] = []
    pos = 0
    for start, end, css in sorted(marks):
        if start < pos:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<a name="c{start}"></a><span style="{css}">{html.escape(text[start:end])}</span>')
        pos = end
    out.append(html.escape(text[pos:]))
    # pre-wrap: spaces kept as they are, so a position in the pane is the offset in the text
    style = "line-height:160%; white-space:pre-wrap"
    body = "".join(out).replace("\n", f'</p><p style="{style}">')
    return f'<p style="{style}">{body}</p>'


def _marks(result: Comparison) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """The ranges to mark in the old text and in the new one."""
    old_marks: list[tuple[int, int, str]] = []
    new_marks: list[tuple[int, int, str]] = []
    for c in result.changes:
        if c.kind == "removed" and c.old is not None:
            old_marks.append((c.old.start, c.old.end, REMOVED_CSS))
        elif c.kind == "added" and c.new is not None:
            new_marks.append((c.new.start, c.new.end, ADDED_CSS))
        elif c.kind == "moved" and c.old is not None and c.new is not None:
            old_marks.append((c.old.start, c.old.end, MOVED_CSS))
            new_marks.append((c.new.start, c.new.end, MOVED_CSS))
        elif c.kind == "changed" and c.old is not None and c.new is not None:
            i, j = c.old.start, c.new.start
            for op, old, new in c.parts:
                if op != "equal" and old:
                    old_marks.append((i, i + len(old), REMOVED_CSS))
                if op != "equal" and new:
                    new_marks.append((j, j + len(new), ADDED_CSS))
                i += len(old)
                j += len(new)
    return old_marks, new_marks


def prepare(old_doc: Document, new_doc: Document) -> tuple[Comparison, str, str]:
    """(the comparison, the old pane's HTML, the new pane's): a worker's job."""
    from desktop_app.search.keyterms import segment
    from desktop_app.study.compare import compare_documents

    result = compare_documents(old_doc, new_doc, segment)
    old_marks, new_marks = _marks(result)
    return result, pane_html(old_doc.text, old_marks), pane_html(new_doc.text, new_marks)


class CompareWindow(QDialog):
    """Two versions side by side; chosen from the library's documents."""

    def __init__(
        self, entries: list[LibraryEntry], old_id: str, new_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareWindow")
        self.setWindowTitle(self.tr("Compare versions"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1200, 800)
        self.entries = [e for e in entries if not e.missing]
        self.result: Comparison | None = None
        self._titles = ("", "")
        self._generation = 0
        self._syncing = False

        self.old_box, self.new_box = QComboBox(self), QComboBox(self)
        for box in (self.old_box, self.new_box):
            for e in self.entries:
                box.addItem(f"{e.title or Path(e.path).name}  {e.date}".strip(), e.id)
        self.old_box.setCurrentIndex(max(0, self.old_box.findData(old_id)))
        self.new_box.setCurrentIndex(max(0, self.new_box.findData(new_id)))
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.choose_export)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Earlier:"), self))
        top.addWidget(self.old_box, 1)
        top.addWidget(QLabel(self.tr("Later:"), self))
        top.addWidget(self.new_box, 1)
        top.addWidget(self.export_button)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("compareSummary")
        self.changes = QListWidget(self)
        self.changes.setObjectName("compareChanges")
        self.changes.currentItemChanged.connect(lambda item, _prev: self.show_change(item))
        self.old_view, self.new_view = QTextBrowser(self), QTextBrowser(self)
        for view in (self.old_view, self.new_view):
            view.setOpenLinks(False)
        self.old_view.verticalScrollBar().valueChanged.connect(
            lambda _v: self._sync(self.old_view, self.new_view)
        )
        self.new_view.verticalScrollBar().valueChanged.connect(
            lambda _v: self._sync(self.new_view, self.old_view)
        )
        panes = QSplitter(Qt.Orientation.Horizontal, self)
        panes.addWidget(self.changes)
        panes.addWidget(self.old_view)
        panes.addWidget(self.new_view)
        panes.setSizes([260, 470, 470])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(panes, 1)
        self.old_box.currentIndexChanged.connect(lambda _i: self.compare())
        self.new_box.currentIndexChanged.connect(lambda _i: self.compare())
        self.compare()

    def _entry(self, box: QComboBox) -> LibraryEntry | None:
        doc_id = box.currentData()
        return next((e for e in self.entries if e.id == doc_id), None)

    def compare(self) -> None:
        """Compare the two chosen documents on a worker; show the result when it comes."""
        from desktop_app.core.doc_cache import default_cache, load_document_cached

        old, new = self._entry(self.old_box), self._entry(self.new_box)
        self._generation += 1
        generation = self._generation
        self.export_button.setEnabled(False)
        if old is None or new is None or old.id == new.id:
            self.summary.setText(self.tr("Choose two different documents of the library."))
            return
        self.summary.setText(self.tr("Comparing…"))
        self._titles = (old.title, new.title)

        def work() -> tuple[Comparison, str, str]:
            cache = default_cache()
            return prepare(load_document_cached(old.path, cache), load_document_cached(new.path, cache))

        def done(prepared: object) -> None:
            if generation == self._generation:
                self.show_result(*prepared)  # type: ignore[misc]

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.summary.setText(str(exc))

        run_in_background(work, done, failed, owner=self)

    def show_result(self, result: Comparison, old_html: str, new_html: str) -> None:
        from desktop_app.core.messages import message

        self.result = result
        self.old_view.setHtml(old_html)
        self.new_view.setHtml(new_html)
        lines = result.summary_lines()
        self.summary.setText("\n".join(lines))
        self.changes.clear()
        for i, c in enumerate(result.changes):
            side = c.new if c.new is not None else c.old
            text = side.text if side is not None else ""
            item = QListWidgetItem(f"{message('compare_' + c.kind)}　{text[:40]}")
            item.setToolTip(text)
            item.setData(CHANGE_ROLE, i)
            self.changes.addItem(item)
        self.export_button.setEnabled(True)

    def show_change(self, item: QListWidgetItem | None) -> None:
        """Both panes at the change (the anchor of its marked range on each side)."""
        if item is None or self.result is None:
            return
        c = self.result.changes[item.data(CHANGE_ROLE)]
        self._syncing = True
        try:
            if c.old is not None:
                self._scroll_to(self.old_view, c.old.start)
            if c.new is not None:
                self._scroll_to(self.new_view, c.new.start)
        finally:
            self._syncing = False

    @staticmethod
    def _scroll_to(view: QTextBrowser, offset: int) -> None:
        cursor = view.textCursor()
        cursor.setPosition(min(offset, max(0, view.document().characterCount() - 1)))
        view.setTextCursor(cursor)
        view.ensureCursorVisible()

    def _sync(self, source: QTextBrowser, other: QTextBrowser) -> None:
        """Scrolling one pane scrolls the other to the same share of its text."""
        if self._syncing:
            return
        bar, other_bar = source.verticalScrollBar(), other.verticalScrollBar()
        if bar.maximum() <= 0:
            return
        self._syncing = True
        try:
            other_bar.setValue(round(bar.value() / bar.maximum() * other_bar.maximum()))
        finally:
            self._syncing = False

    def choose_export(self) -> None:
        from desktop_app.ui import file_dialogs
        from desktop_app.ui.folders import start_folder

        name = f"{self._titles[1][:30] or 'comparison'}.docx"
        path = file_dialogs.choose_save_file(
            self,
            self.tr("Export the comparison"),
            start_folder("") / name,
            self.tr("Word (*.docx);;Web page (*.html)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        from desktop_app.study.compare_export import write_comparison

        result = self.result
        if result is None:
            return
        if path.suffix.lower() not in (".docx", ".html", ".htm"):
            path = path.with_suffix(".docx")
        old_title, new_title = self._titles

        def done(out: object) -> None:
            self.summary.setText(self.summary.text() + "\n" + self.tr("Exported to %s") % out)

        run_in_background(
            lambda: write_comparison(result, old_title, new_title, path),
            done,
            lambda e: self.summary.setText(str(e)),
            owner=self,
        )
