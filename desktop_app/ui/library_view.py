"""The library's table: title, source, date, progress, notes, last opened; sorted by any
column and filtered as you type.  One model, shown twice: in the 文库 dock (Ctrl+L) and as
the start page when no document is open (``LibraryView``).  It only shows; the library
feature (ui/library_feature.py) reads the store and acts on what is chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop_app.storage.library import LibraryEntry

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("title", "source", "date", "progress", "notes", "opened")


class Row(NamedTuple):
    entry: LibraryEntry
    missing: bool  # checked when the library was read (not at every paint)


class LibraryModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.current_id = ""  # the open document (shown in bold)
        self.headers = (
            self.tr("Title"),
            self.tr("Source"),
            self.tr("Date"),
            self.tr("Read"),
            self.tr("Notes"),
            self.tr("Last opened"),
        )

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def set_current(self, doc_id: str) -> None:
        self.current_id = doc_id
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))

    def row_of(self, doc_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.entry.id == doc_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        e, column = row.entry, COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown(row, column)
        if role == SORT_ROLE:
            return {
                "title": e.title.casefold(),
                "source": e.source,
                "date": e.date,
                "progress": e.progress,
                "notes": e.notes,
                "opened": e.last_opened,  # never opened: last when the newest are first
            }[column]
        if role == ID_ROLE:
            return e.id
        if role == Qt.ItemDataRole.ToolTipRole:
            where = self.tr("The file is no longer there: %s") % e.path if row.missing else e.path
            return f"{e.title}\n{where}"
        if role == Qt.ItemDataRole.ForegroundRole and row.missing:
            return QColor("#8a8a8a")
        if role == Qt.ItemDataRole.FontRole and (row.missing or e.id == self.current_id):
            font = QFont()
            font.setItalic(row.missing)
            font.setBold(e.id == self.current_id)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("progress", "notes"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _shown(self, row: Row, column: str) -> str:
        e = row.entry
        if column == "title":
            title = e.title or e.path
            return self.tr("%s  (file missing)") % title if row.missing else title
        if column == "source":
            return e.source
        if column == "date":
            return e.date
        if column == "progress":
            return f"{round(e.progress * 100)}%" if e.last_opened or e.progress else ""
        if column == "notes":
            return str(e.notes) if e.notes else ""
        return local_time(e.last_opened)


def local_time(stamp: str) -> str:
    """A stored UTC time (``2026-11-26T19:48:02.123Z``) as this PC's local time, to the minute."""
    if not stamp:
        return ""
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp[:16].replace("T", " ")


class _Filter(QSortFilterProxyModel):
    """Every word typed must occur in the title, source, date or file name (any case)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_words(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 (older ones: invalidateRowsFilter)
            self.beginFilterChange()
            self.words = text.casefold().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.words = text.casefold().split()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.words:
            return True
        model = self.sourceModel()
        assert isinstance(model, LibraryModel)
        e = model.rows[source_row].entry
        hay = f"{e.title}\n{e.source}\n{e.date}\n{e.path}".casefold()
        return all(w in hay for w in self.words)


class LibraryView(QWidget):
    """The filter field, the table and (while adding) a progress bar with 取消."""

    sig_open = Signal(str)  # a document's id: open it
    sig_context = Signal(str, object)  # a document's id, the global position: its menu
    sig_cancel = Signal()

    def __init__(
        self, model: LibraryModel, parent: QWidget | None = None, *, start_page: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("libraryStartPage" if start_page else "libraryView")
        self.model = model
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12) if start_page else layout.setContentsMargins(6, 6, 6, 6)
        if start_page:
            heading = QLabel(self.tr("Library"), self)
            font = heading.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            heading.setFont(font)
            layout.addWidget(heading)
            self.hint = QLabel(self)
            self.hint.setWordWrap(True)
            layout.addWidget(self.hint)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("libraryFilter")
        self.filter.setPlaceholderText(self.tr("Filter by title, source, date or file name"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(self.tr("Filter the library"))
        self.filter.textChanged.connect(self.proxy.set_words)
        layout.addWidget(self.filter)
        self.table = QTableView(self)
        self.table.setObjectName("libraryTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("opened"), Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title takes the room
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # a source can be a whole line (第八届全国人民代表大会常务委员会第二十次会议): a fixed
        # width, cut with "…" (the tooltip and the filter still have all of it)
        source = COLUMNS.index("source")
        header.setSectionResizeMode(source, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(source, self.fontMetrics().horizontalAdvance("中") * 12)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.activated.connect(self._activated)  # a double-click or Enter (not connected twice)
        self.table.customContextMenuRequested.connect(self._context)
        if not start_page:  # a side panel: the title, date, progress and notes
            for column in ("source", "opened"):
                self.table.setColumnHidden(COLUMNS.index(column), True)
        layout.addWidget(self.table, 1)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("libraryProgress")
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.cancel.clicked.connect(self.sig_cancel)
        self.busy_label = QLabel(self)
        self.busy_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel)
        layout.addWidget(self.busy_label)
        layout.addLayout(row)
        self.show_progress(None)

    def show_progress(self, done: int | None, total: int = 0, text: str = "") -> None:
        """An add's progress (None: none running)."""
        busy = done is not None
        for w in (self.progress, self.cancel, self.busy_label):
            w.setVisible(busy)
        if busy:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done or 0)
            self.busy_label.setText(text)

    def selected_id(self) -> str:
        index = self.table.currentIndex()
        return str(index.data(ID_ROLE) or "") if index.isValid() else ""

    def select(self, doc_id: str) -> None:
        row = self.model.row_of(doc_id)
        if row >= 0:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    def _activated(self, index: QModelIndex) -> None:
        doc_id = index.data(ID_ROLE)
        if doc_id:
            self.sig_open.emit(str(doc_id))

    def _context(self, pos: object) -> None:
        index = self.table.indexAt(pos)  # type: ignore[arg-type]
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.sig_context.emit(str(index.data(ID_ROLE)), self.table.viewport().mapToGlobal(pos))  # type: ignore[arg-type]
