"""A Qt item model over the section list: the tree shown in the 目录 dock."""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex

from desktop_app.core.document import Section
from desktop_app.ui.first_frame import DISPLAY_ROLE, TOOLTIP_ROLE, USER_ROLE

_Index = QModelIndex | QPersistentModelIndex
_ROOT = -1


class SectionTreeModel(QAbstractItemModel):
    """Sections (a flat list in document order with levels) as a tree.

    Internal ids are positions in the section list; the invisible root is -1.  It is
    painted in the first frame, so it names roles by number (see ``first_frame``) and
    keeps QAbstractItemModel's own ``flags()`` (enabled and selectable).
    """

    START_ROLE = USER_ROLE + 1
    LEVEL_ROLE = USER_ROLE + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sections: list[Section] = []
        self._parent: list[int] = []
        self._children: dict[int, list[int]] = {_ROOT: []}
        self._row: list[int] = []
        self._starts: list[int] = []

    def set_sections(self, sections: list[Section]) -> None:
        self.beginResetModel()
        self._sections = list(sections)
        self._parent = []
        self._children = {_ROOT: []}
        self._row = []
        stack: list[int] = []
        for i, s in enumerate(self._sections):
            while stack and self._sections[stack[-1]].level >= s.level:
                stack.pop()
            parent = stack[-1] if stack else _ROOT
            siblings = self._children.setdefault(parent, [])
            self._parent.append(parent)
            self._row.append(len(siblings))
            siblings.append(i)
            self._children[i] = []
            stack.append(i)
        self._starts = [s.start for s in self._sections]
        self.endResetModel()

    def section(self, index: _Index) -> Section | None:
        if not index.isValid():
            return None
        return self._sections[index.internalId()]

    def index_for_offset(self, offset: int) -> QModelIndex:
        """The deepest section whose heading is at or before ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return QModelIndex()
        return self.createIndex(self._row[i], 0, i)

    # --- QAbstractItemModel --------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        pid = parent.internalId() if parent.isValid() else _ROOT
        kids = self._children.get(pid, [])
        if column != 0 or not 0 <= row < len(kids):
            return QModelIndex()
        return self.createIndex(row, 0, kids[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        pid = self._parent[index.internalId()]
        if pid == _ROOT:
            return QModelIndex()
        return self.createIndex(self._row[pid], 0, pid)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        pid = parent.internalId() if parent.isValid() else _ROOT
        return len(self._children.get(pid, []))

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        s = self._sections[index.internalId()]
        if role in (DISPLAY_ROLE, TOOLTIP_ROLE):
            return s.title
        if role == self.START_ROLE:
            return s.start
        if role == self.LEVEL_ROLE:
            return s.level
        return None
