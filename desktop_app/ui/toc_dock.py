"""The 目录 (contents) dock: the section tree; clicking asks the reader to go there."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QTreeView

from desktop_app.core.document import Section
from desktop_app.ui.toc_model import SectionTreeModel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


WIDTH = 330  # the dock's width when no saved window state says otherwise
MIN_ROWS = 24  # a tree of up to this many rows opens fully expanded
TREE_POINT_SIZE = 12.0  # the tree's text at 100% zoom (the reading text is 15 pt)
TREE_ZOOM_MAX = 1.3  # the tree follows the reading size up to this factor
MIN_CHARS = 8  # the narrowest the tree gets, in characters


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
        self.tree.setAccessibleName(self.tr("Contents"))
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

    def set_sections(
        self, sections: list[Section], text: str = "", shown: str = "", convert: Callable[[str], str] = str
    ) -> None:
        """Show the tree of ``sections``, expanded as deep as fits the panel (all of a speech;
        the chapters and sections of a long law, its articles folded)."""
        self.model.set_sections(sections, text, shown, convert)
        levels = self._levels_that_fit()
        if levels > 1:
            self.tree.expandToDepth(levels - 2)  # items down to depth levels-2 open: levels shown
        else:
            self.tree.collapseAll()

    def _levels_that_fit(self) -> int:
        """How many levels of the tree (at least the top one) fit the panel's height."""
        per_depth = Counter(self.model.depths())  # 13,000 sections of a 10 MB text: ~1 ms
        row = max(1, self.tree.fontMetrics().height() + 2)
        window = self.parentWidget()
        height = max(self.tree.viewport().height(), window.height() if window is not None else 0)
        fit = max(MIN_ROWS, height // row)
        shown, levels = 0, 1
        for d in sorted(per_depth):
            shown += per_depth[d]
            if shown > fit and d > 0:
                break
            levels = d + 1
        return levels

    def set_zoom(self, zoom: float, base_point_size: float) -> None:
        """The tree's text follows the reading zoom (TREE_POINT_SIZE at 100%), never smaller
        than the interface's."""
        font = self.tree.font()
        # grows with the text, but less: at 250% a tree as large as the text shows five characters
        size = max(base_point_size, TREE_POINT_SIZE * min(zoom, TREE_ZOOM_MAX))
        if abs(font.pointSizeF() - size) > 0.05:
            font.setPointSizeF(size)
            self.tree.setFont(font)
        # never so narrow that a title shows only its number: about eight characters
        self.tree.setMinimumWidth(self.tree.fontMetrics().horizontalAdvance("中") * MIN_CHARS)

    def width_for_titles(self, limit: int) -> int:
        """The width that shows the visible titles whole, at most ``limit`` pixels."""
        fm = self.tree.fontMetrics()
        indent = self.tree.indentation()
        widest = 0
        for i in range(self.model.count()):
            width = fm.horizontalAdvance(self.model.label(i)) + indent * (self.model.depth(i) + 1)
            widest = max(widest, width)
            if widest >= limit:
                return limit
        frame = self.width() - self.tree.viewport().width() if self.tree.viewport().width() > 0 else 24
        return min(limit, widest + frame + fm.horizontalAdvance("中") * 2)

    def follow_offset(self, offset: int) -> None:
        """Select (without emitting a request) the section that holds ``offset``, unfolding
        its parents: the current section is always shown."""
        index = self.model.index_for_offset(offset)
        sel = self.tree.selectionModel()
        if not index.isValid():
            sel.clearSelection()
            return
        if sel.currentIndex() == index:
            return
        from PySide6.QtCore import QItemSelectionModel  # here: importing it builds its enums

        parent = index.parent()
        while parent.isValid():
            if not self.tree.isExpanded(parent):
                self.tree.expand(parent)
            parent = parent.parent()
        sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.tree.scrollTo(index)

    def _on_activated(self, index: QModelIndex) -> None:
        s = self.model.section(index)
        if s is not None:
            self.sig_section_requested.emit(s.start)
