"""Knowing when a new document's text and its contents tree are on screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


class FirstPaintWatch(QObject):
    """After :meth:`expect`, emits ``sig_painted`` once the text view has been painted (when
    that frame is done) and the tree too: it is drawn in the same frame, normally; if not,
    it is repainted first.  Benchmarks time the start to this moment."""

    sig_painted = Signal()

    def __init__(self, text_view: QWidget, tree_view: QWidget, parent: QObject) -> None:
        super().__init__(parent)
        self._text, self._tree = text_view, tree_view
        self._awaiting_text = False
        self._tree_unpainted = False
        text_view.installEventFilter(self)
        tree_view.installEventFilter(self)

    def expect(self) -> None:
        """A new document and its tree are being shown: announce their next paint."""
        self._awaiting_text = self._tree_unpainted = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (self._awaiting_text or self._tree_unpainted) and event.type() == QEvent.Type.Paint:
            if watched is self._tree:
                self._tree_unpainted = False
            elif self._awaiting_text and watched is self._text:
                self._awaiting_text = False
                QTimer.singleShot(0, self, self._announce)  # once this frame is painted
        return False

    def _announce(self) -> None:
        if self._tree_unpainted:
            self._tree.repaint()
            self._tree_unpainted = False
        self.sig_painted.emit()
