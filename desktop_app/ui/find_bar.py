"""The find bar (Ctrl+F): every occurrence in the text, marked as you type; "3 / 17"; next/previous.

It asks a :class:`~desktop_app.search.NormalizedText` for occurrences (exact, width-
and case-insensitive, no index needed) and emits requests; the main window wires them
to the reading view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop_app.ui.icons import icon

if TYPE_CHECKING:
    from desktop_app.core.document import Document

DEBOUNCE_MS = 120


class VisibleText:
    """The document's text as the find bar searches it: normalised (width, case), and
    without occurrences inside paragraphs the reader hides (a repeated title)."""

    def __init__(self, doc: Document) -> None:
        from desktop_app.search import NormalizedText

        self._text = NormalizedText(doc.text)
        from desktop_app.core.display import clock_spans

        hidden = sorted(doc.hidden_paragraphs())
        self._hidden = [(doc.paragraphs[i].start, doc.paragraphs[i].end) for i in hidden]
        self._hidden += clock_spans(doc)  # the byline's clock time, shown as blanks

    def find_all(self, query: str) -> list[tuple[int, int]]:
        hits = self._text.find_all(query)
        if not self._hidden:
            return hits
        return [(s, e) for s, e in hits if not any(a <= s < b for a, b in self._hidden)]


class FindBar(QWidget):
    """Emits ``sig_matches_changed(matches, current)`` and ``sig_closed``; the view draws them."""

    sig_matches_changed = Signal(list, int)  # [(start, end)], index of the current match or -1
    sig_closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._text: VisibleText | None = None
        self._matches: list[tuple[int, int]] = []
        self._current = -1
        self._anchor = 0  # search from here (the top of the view) when the query changes
        self.closed_on: tuple[int, int] | None = None  # the current match when the bar closed

        self.edit = QLineEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setAccessibleName(self.tr("Find in text"))
        self.edit.setPlaceholderText(self.tr("Find in text"))
        self.edit.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("findCount")
        self.count_label.setMinimumWidth(80)
        self.prev_button = QToolButton(self, autoRaise=True)
        self.prev_button.setToolTip(self.tr("Previous match (Shift+Enter, Shift+F3)"))
        self.next_button = QToolButton(self, autoRaise=True)
        self.next_button.setToolTip(self.tr("Next match (Enter, F3)"))
        close = QToolButton(self, autoRaise=True)
        close.setToolTip(self.tr("Close (Esc)"))
        self._icon_buttons = {"previous": self.prev_button, "next": self.next_button, "close": close}
        for button in self._icon_buttons.values():
            button.setAccessibleName(button.toolTip())
        self._paint_icons()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel(self.tr("Find:"), self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addWidget(close)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search)
        self.edit.textChanged.connect(lambda _t: self._debounce.start())
        self.edit.returnPressed.connect(self.find_next)
        self.edit.installEventFilter(self)
        self.next_button.clicked.connect(self.find_next)
        self.prev_button.clicked.connect(self.find_previous)
        close.clicked.connect(self.close_bar)
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self,
            self.close_bar,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.hide()

    def _paint_icons(self) -> None:
        colour = self.palette().color(self.foregroundRole()).name()
        for name, button in self._icon_buttons.items():
            button.setIcon(icon(name, colour))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_icons()  # the theme changed

    # --- the session's protocol: another document, or none, is open ------------------------
    def document_opened(self, _doc: object) -> None:
        self.close_bar()
        self.set_text(None)

    document_closed = document_opened

    # --- API for the window --------------------------------------------------------------
    def set_text(self, text: VisibleText | None) -> None:
        """The document to search (None while there is none); re-runs the current query."""
        self._text = text
        if self.isVisible() and self.edit.text():
            self._search()

    def open_bar(self, anchor: int, initial: str = "") -> None:
        self._anchor = anchor
        self.show()
        if initial:
            self.edit.setText(initial)
        self.edit.setFocus()
        self.edit.selectAll()
        if self.edit.text():
            self._search()

    def close_bar(self) -> None:
        self._debounce.stop()
        # the window selects it (Ctrl+H can then highlight what was found)
        self.closed_on = self._matches[self._current] if 0 <= self._current < len(self._matches) else None
        self._matches, self._current = [], -1
        self.hide()
        self.sig_matches_changed.emit([], -1)
        self.sig_closed.emit()

    @property
    def matches(self) -> list[tuple[int, int]]:
        return self._matches

    @property
    def current(self) -> int:
        return self._current

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    # --- internals -----------------------------------------------------------------------
    def _search(self) -> None:
        self._debounce.stop()
        query = self.edit.text()
        if self._text is None or not query.strip():
            self._matches, self._current = [], -1
        else:
            self._matches = self._text.find_all(query)
            # the first match at or after the anchor (the top of the view), else the first
            self._current = next((i for i, (s, _e) in enumerate(self._matches) if s >= self._anchor), 0)
            if not self._matches:
                self._current = -1
        self._update_label()
        self.sig_matches_changed.emit(self._matches, self._current)

    def _step(self, delta: int) -> None:
        if self._debounce.isActive():
            self._search()  # Enter typed before the pause: search now
            return
        if not self._matches:
            return
        self._current = (self._current + delta) % len(self._matches)
        self._anchor = self._matches[self._current][0]
        self._update_label()
        self.sig_matches_changed.emit(self._matches, self._current)

    def _update_label(self) -> None:
        if not self.edit.text().strip():
            self.count_label.setText("")
        elif not self._matches:
            self.count_label.setText(self.tr("No matches"))
        else:
            self.count_label.setText(f"{self._current + 1} / {len(self._matches)}")
        self.edit.setProperty("notFound", bool(self.edit.text().strip()) and not self._matches)
        self.edit.setStyleSheet(
            "QLineEdit { background: #f8d7d7; }" if self.edit.property("notFound") else ""
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Shift+Enter in the box goes to the previous match (QLineEdit treats it as Enter)."""
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.find_previous()
            return True
        return super().eventFilter(watched, event)
