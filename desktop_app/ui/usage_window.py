"""A formulation across the library, in a window: the documents using it, earliest first, each
with its count and sentences; a sentence opens its document there; 导出… writes the table
(Word or CSV).  Found on a worker (study/across.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop_app.ui.tasks import run_in_background

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop_app.storage.notes_store import NotesStore
    from desktop_app.study.across import Usage

WHERE_ROLE = Qt.ItemDataRole.UserRole + 1  # (doc_id, path, start)


class UsageWindow(QDialog):
    sig_open = Signal(str, str, int, int)  # doc_id, path, start, end: show this occurrence

    def __init__(self, term: str, store: NotesStore, parent: QWidget | None = None) -> None:
        from desktop_app.core.messages import message

        super().__init__(parent)
        self.setObjectName("usageWindow")
        self.term = term
        self.usages: list[Usage] = []
        self.setWindowTitle(message("usage_title", term=term))
        self.resize(900, 600)
        self.summary = QLabel(self.tr("Looking through the library…"), self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("usageTree")
        self.tree.setHeaderLabels([self.tr("Document"), self.tr("Date"), self.tr("Times")])
        self.tree.setColumnWidth(0, 560)
        self.tree.itemActivated.connect(self._activated)  # (a double-click activates: not connected twice)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.choose_export)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        self._find(store)

    def _find(self, store: NotesStore) -> None:
        from desktop_app.core.doc_cache import default_cache
        from desktop_app.study.across import usage_across
        from desktop_app.ui import notes_loading

        term = self.term

        def work() -> object:
            entries = notes_loading.job(store.library)()  # only the store's read holds its closing
            return usage_across(entries, term, default_cache())

        def done(found: object) -> None:
            self.show_usages(*found)  # type: ignore[misc]

        run_in_background(work, done, lambda e: self.summary.setText(str(e)), owner=self)

    def show_usages(self, usages: list[Usage], unreadable: list) -> None:
        from desktop_app.core.messages import message

        self.usages = usages
        self.tree.clear()
        for u in usages:
            top = QTreeWidgetItem([u.entry.title, u.entry.date, str(u.count)])
            top.setData(0, WHERE_ROLE, (u.entry.id, u.entry.path, u.offsets[0]))
            for s, start in zip(u.sentences, u.sentence_starts, strict=True):
                child = QTreeWidgetItem([s])
                child.setToolTip(0, s)
                child.setData(0, WHERE_ROLE, (u.entry.id, u.entry.path, start))
                top.addChild(child)
                child.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        if not usages:
            self.summary.setText(message("usage_none", term=self.term))
            return
        lines = [
            message("usage_summary", docs=len(usages), count=sum(u.count for u in usages)),
            message("usage_first", title=usages[0].entry.title, date=usages[0].entry.date or "?"),
        ]
        if unreadable:
            lines.append(
                self.tr("%d documents could not be read (their files are not where they were).")
                % len(unreadable)
            )
        self.summary.setText("\n".join(lines))
        self.export_button.setEnabled(True)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        where = item.data(0, WHERE_ROLE)
        if where:
            doc_id, path, start = where
            self.sig_open.emit(doc_id, path, start, start + len(self.term))

    def choose_export(self) -> None:
        from desktop_app.ui import file_dialogs
        from desktop_app.ui.folders import start_folder

        path = file_dialogs.choose_save_file(
            self,
            self.tr("Export the table"),
            start_folder("") / f"{self.term[:20]}.docx",
            self.tr("Word (*.docx);;CSV (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        from desktop_app.study.across import write_usage

        if path.suffix.lower() not in (".docx", ".csv"):
            path = path.with_suffix(".docx")
        usages, term = self.usages, self.term
        run_in_background(
            lambda: write_usage(usages, term, path),
            lambda out: self.summary.setText(self.summary.text() + "\n" + self.tr("Exported to %s") % out),
            lambda e: self.summary.setText(str(e)),
            owner=self,
        )
