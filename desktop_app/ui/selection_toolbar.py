"""The small toolbar that appears over a selection: a colour, underline, note, copy, remove."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from desktop_app.core.annotations import COLORS

if TYPE_CHECKING:
    from desktop_app.core.annotations import Color


@functools.lru_cache(maxsize=64)
def colour_icon(hex_colour: str, size: int = 16) -> QIcon:
    """A filled circle in ``hex_colour`` (cached: the notes panel asks once per entry)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(hex_colour))
    p.setPen(QColor(hex_colour).darker(150))
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return QIcon(pix)


def colour_name(c: Color, chinese: bool) -> str:
    return c.zh if chinese else c.en


class SelectionToolbar(QFrame):
    """Floats over the reading view; emits what the user chose for the current selection."""

    sig_highlight = Signal(str)  # colour key
    sig_underline = Signal()
    sig_note = Signal()
    sig_copy = Signal()
    sig_remove = Signal()

    def __init__(self, parent: QWidget, chinese: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("selectionToolbar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        self.colour_buttons: dict[str, QToolButton] = {}
        for c in COLORS[:5]:
            b = QToolButton(self, autoRaise=True)
            b.setIcon(colour_icon(c.hex))
            b.setToolTip(self.tr("Highlight: %s") % colour_name(c, chinese))
            b.clicked.connect(lambda _=False, k=c.key: self.sig_highlight.emit(k))
            layout.addWidget(b)
            self.colour_buttons[c.key] = b
        for text, tip, signal in (
            ("U̲", self.tr("Underline"), self.sig_underline),
            ("✎", self.tr("Add a note"), self.sig_note),
            ("⧉", self.tr("Copy"), self.sig_copy),
            ("✕", self.tr("Remove highlight"), self.sig_remove),
        ):
            b = QToolButton(self, text=text, autoRaise=True)
            b.setToolTip(tip)
            b.clicked.connect(signal.emit)
            b.clicked.connect(self.hide)
            layout.addWidget(b)
        for b in self.colour_buttons.values():
            b.clicked.connect(self.hide)
        self.hide()

    def show_at(self, anchor: QPoint) -> None:
        """Show just above ``anchor`` (parent coordinates), kept inside the parent."""
        self.adjustSize()
        parent = self.parentWidget()
        x = anchor.x() - self.width() // 2
        y = anchor.y() - self.height() - 6
        if parent is not None:
            x = max(2, min(x, parent.width() - self.width() - 2))
            if y < 2:
                y = anchor.y() + 28
        self.move(x, y)
        self.show()
        self.raise_()
