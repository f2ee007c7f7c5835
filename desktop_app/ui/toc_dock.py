"""The 目录 (contents) dock: the section tree; clicking asks the reader to go there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QTreeView

from desktop_app.core.document import Section
from desktop_app.ui.toc_model import SectionTreeModel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


WIDTH = 330  # the dock's width when no saved window state says otherwise


class TocDock(QDockWidget):
    """Painted in the first frame: see ``first_frame`` for what it may touch."""

    sig_section_requested = Signal(int)  # offset of the heading the user chose

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tocDock")
        self.setWindowTitle(self.tr("Contents"))
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.model = SectionTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("tocTree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        # long titles are elided on the right: QTreeView's default (first_frame: no Qt.* here)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.clicked.connect(self._on_activated)
        self.tree.activated.connect(self._on_activated)  # Enter / double-click
        self.setWidget(self.tree)

    def set_sections(self, sections: list[Section]) -> None:
        self.model.set_sections(sections)
        self.tree.expandAll()

    def follow_offset(self, offset: int) -> None:
        """Select (without emitting a request) the section that holds ``offset``."""
        index = self.model.index_for_offset(offset)
        sel = self.tree.selectionModel()
        if not index.isValid():
            sel.clearSelection()
            return
        if sel.currentIndex() == index:
            return
        from PySide6.QtCore import QItemSelectionModel  # here: importing it builds its enums

        sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.tree.scrollTo(index)

    def _on_activated(self, index: QModelIndex) -> None:
        s = self.model.section(index)
        if s is not None:
            self.sig_section_requested.emit(s.start)
