"""The small toolbar that appears over a selection: a colour, underline, note, copy, remove.

Its symbols are drawn icons (``ui/icons.py``): the bundled font has no ⧉ or ✎."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, Signal
from PySide6.QtGui import QColor, QIcon, QPainter
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from desktop_app.core import messages
from desktop_app.core.annotations import COLORS
from desktop_app.ui.icons import icon, sharp_pixmap

if TYPE_CHECKING:
    from desktop_app.core.annotations import Color


@functools.lru_cache(maxsize=64)
def colour_icon(hex_colour: str, size: int = 16) -> QIcon:
    """A filled circle in ``hex_colour`` (cached: the notes panel asks once per entry)."""
    pix = sharp_pixmap(size)  # drawn at the screen's scale (125%, 150% ... stay crisp)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(hex_colour))
    p.setPen(QColor(hex_colour).darker(150))
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return QIcon(pix)


def colour_name(c: Color) -> str:
    """The colour's name in the interface language in effect."""
    return c.en if messages.language() == "en" else c.zh


class SelectionToolbar(QFrame):
    """Floats over the reading view; emits what the user chose for the current selection."""

    sig_highlight = Signal(str)  # colour key
    sig_underline = Signal()
    sig_note = Signal()
    sig_copy = Signal()
    sig_card = Signal()
    sig_remove = Signal()

    def __init__(self, parent: QWidget) -> None:
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
            b.setToolTip(self.tr("Highlight: %s") % colour_name(c))
            b.setAccessibleName(b.toolTip())
            b.clicked.connect(lambda _=False, k=c.key: self.sig_highlight.emit(k))
            layout.addWidget(b)
            self.colour_buttons[c.key] = b
        self.tool_buttons: dict[str, QToolButton] = {}
        for name, tip, signal in (
            ("underline", self.tr("Underline"), self.sig_underline),
            ("note", self.tr("Add a note"), self.sig_note),
            ("copy", self.tr("Copy"), self.sig_copy),
            ("card", self.tr("Copy as a note card (picture and text)"), self.sig_card),
            ("remove", self.tr("Remove highlight"), self.sig_remove),
        ):
            b = QToolButton(self, autoRaise=True)
            b.setToolTip(tip)
            b.setAccessibleName(tip)
            b.clicked.connect(signal.emit)
            b.clicked.connect(self.hide)
            layout.addWidget(b)
            self.tool_buttons[name] = b
        self._paint_icons()
        for b in self.colour_buttons.values():
            b.clicked.connect(self.hide)
        self.hide()

    def _paint_icons(self) -> None:
        colour = self.palette().color(self.foregroundRole()).name()
        for name, b in self.tool_buttons.items():
            b.setIcon(icon(name, colour))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_icons()  # the theme changed: icons in its text colour

    def show_for(self, selection: QRect) -> None:
        """Show just above ``selection`` (its lines' rectangle in parent coordinates), or
        just below it when there is no room above: never over the selected text."""
        self.adjustSize()
        parent = self.parentWidget()
        x = selection.center().x() - self.width() // 2
        y = selection.top() - self.height() - 6
        if parent is not None:
            x = max(2, min(x, parent.width() - self.width() - 2))
            if y < 2:
                y = selection.bottom() + 6
                if y + self.height() > parent.height() - 2:  # a selection taller than the view
                    y = 2
        self.move(x, y)
        self.show()
        self.raise_()
