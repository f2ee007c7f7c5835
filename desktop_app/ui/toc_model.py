"""A Qt item model over the section list: the tree shown in the 目录 dock."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex

from desktop_app.core.document import Section
from desktop_app.ui.first_frame import DISPLAY_ROLE, TOOLTIP_ROLE, USER_ROLE

_Index = QModelIndex | QPersistentModelIndex
_ROOT = -1
# A heading that is only its number: 第六十二条, 第3条 (law articles), 第二节 ...
BARE_NUMBER = re.compile(r"第[零〇一二三四五六七八九十百千两\d]+[条款项节]")
LABEL_WORDS = 12  # words of an article's text shown after its bare number


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
        self._depth: list[int] = []  # 0 = top level
        self._starts: list[int] = []
        self._text = ""
        self._plain = ""
        self._convert: Callable[[str], str] = str
        self._labels: dict[int, str] = {}

    def set_sections(
        self, sections: list[Section], text: str = "", shown: str = "", convert: Callable[[str], str] = str
    ) -> None:
        """The tree of ``sections``.  Titles are shown as the text shows them: taken from
        ``shown`` (the text as the reader shows it, the same length as ``text``), else put
        through ``convert``; an entry that is only a number (第六十二条) shows the first words
        after it, as law readers do."""
        self.beginResetModel()
        self._sections = list(sections)
        self._plain = text
        self._text = shown if len(shown) == len(text) else text
        self._convert = convert
        self._labels: dict[int, str] = {}
        self._parent = []
        self._children = {_ROOT: []}
        self._row = []
        self._depth = []
        stack: list[int] = []
        for i, s in enumerate(self._sections):
            while stack and self._sections[stack[-1]].level >= s.level:
                stack.pop()
            parent = stack[-1] if stack else _ROOT
            siblings = self._children.setdefault(parent, [])
            self._parent.append(parent)
            self._row.append(len(siblings))
            self._depth.append(len(stack))
            siblings.append(i)
            self._children[i] = []
            stack.append(i)
        self._starts = [s.start for s in self._sections]
        self.endResetModel()

    @property
    def shown_text(self) -> str:
        return self._text

    def label_of(self, s: Section) -> str:
        """A section's title as the text shows it."""
        end = s.start + len(s.title)
        if self._plain[s.start : end] == s.title:
            return self._text[s.start : end]
        return self._convert(s.title)  # a title the structure tidied (rare)

    def label(self, i: int) -> str:
        """What the tree shows for section ``i``: its title, and for a bare number such as
        第六十二条 the first words of its text (第六十二条 拍卖人应当…)."""
        s = self._sections[i]
        found = self._labels.get(i)
        if found is not None:
            return found
        if not self._text or not BARE_NUMBER.fullmatch(s.title):
            found = self.label_of(s)
        else:
            after = self._text[s.start + len(s.title) : s.start + len(s.title) + 40].split("\n", 1)[0]
            words = after.strip(" 　:：,，")
            if len(words) > LABEL_WORDS:
                words = words[:LABEL_WORDS] + "…"
            found = f"{s.title} {words}" if words else s.title
        self._labels[i] = found
        return found

    def depth(self, i: int) -> int:
        """How deep section ``i`` sits in the tree (0 = top level)."""
        return self._depth[i]

    def depths(self) -> list[int]:
        """The depth of every section, in order."""
        return self._depth

    def count(self) -> int:
        return len(self._sections)

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
        if role == DISPLAY_ROLE:
            return self.label(index.internalId())
        if role == TOOLTIP_ROLE:
            return s.title
        if role == self.START_ROLE:
            return s.start
        if role == self.LEVEL_ROLE:
            return s.level
        return None
