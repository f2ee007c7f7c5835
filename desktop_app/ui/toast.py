"""A passing hint over the text ("select a passage first"): seen where the eye is, no dialog to close."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

SHOW_MS = 3500


class Toast(QLabel):
    """A rounded label at the bottom centre of ``parent``; hides itself after a few seconds
    or at the next key press or click in the parent."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(
            "QLabel#toast { background: rgba(40, 40, 40, 225); color: white;"
            " border-radius: 8px; padding: 8px 16px; }"
        )
        self._timer = QTimer(self, singleShot=True, interval=SHOW_MS)
        self._timer.timeout.connect(self.hide)
        parent.installEventFilter(self)
        self.hide()

    def show_text(self, text: str) -> None:
        self.setText(text)
        parent = self.parentWidget()
        width = min(520, max(160, parent.width() - 40)) if parent is not None else 400
        self.setFixedWidth(width)
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()
        self._timer.start()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.move((parent.width() - self.width()) // 2, parent.height() - self.height() - 24)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.isVisible():
            if event.type() == QEvent.Type.Resize:
                self._place()
            elif event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
                self.hide()
        return super().eventFilter(watched, event)
