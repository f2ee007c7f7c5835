"""Laying a long text out a few milliseconds at a time, so the window never freezes for it.

Qt lays a long ``QTextDocument`` out lazily: a 10 ms timer of its layout object lays out one
step per tick, and each step is twice the last, up to 200,000 characters.  For Chinese text a
step of that size takes about 0.1 s on an office PC, so for the first seconds after a 10 MB
document is shown the window stops for 0.1 s again and again (scrolling stutters, typing in the
find bar lags).

The pacer takes the layout over.  It holds back the events of that timer and lays the text out
itself, on a 0 ms timer, for at most :data:`BUDGET_S` per event-loop turn:
``blockBoundingRect(block)`` makes Qt lay out up to the block, in steps that stay at Qt's first
size (about 2,000 pixels of text) because the doubling happens only on the timer we hold back.
Painting, scrolling and hit tests still lay out what they need at once, as before.

Which of the layout's two timers is the layout timer is not public: the other one (sizes) emits
``documentSizeChanged`` when it fires and the layout timer never does.  So an unknown timer
event of the layout is delivered by the pacer itself while it listens for that signal; the first
one that emits nothing is the layout timer, held back from then on.  Once the text is laid out
(or the document is replaced), the pacer forgets the timer and lets every event through.
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSizeF, QTimer
from PySide6.QtGui import QTextDocument

BUDGET_S = 0.008  # layout work per event-loop turn
# How often the growing size is announced: each announcement runs the view's Python slots (scroll
# range, marks, typesetting), and while an index is built beside it each slot waits for the
# interpreter lock; ten times a second keeps the scroll bar moving and the turns short.
ANNOUNCE_S = 0.1
STEP_CHARS = 4000  # how far ahead each call asks for (Qt stops at its own ~2,000-pixel steps)


class LayoutPacer(QObject):
    """Lays the followed document out in slices of at most :data:`BUDGET_S` (see the module)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document: QTextDocument | None = None
        self._layout: QObject | None = None
        self._layout_timer: int | None = None  # the id of Qt's layout timer, once known
        self._probing = False
        self._emitted = False
        self._position = 0
        self._announced = 0.0  # when the size was last announced (_announce)
        self._page = None  # the page size the pacing started with (a new width lays out anew)
        self.held = 0  # Qt's layout-timer events held back (each one a step Qt did not take)
        self.let_through = 0  # those delivered to find out which timer is Qt's layout timer
        self._ticker = QTimer(self, interval=0)
        self._ticker.timeout.connect(self._tick)

    @property
    def active(self) -> bool:
        """Whether the pacer is laying a text out now."""
        return self._ticker.isActive()

    def follow(self, document: QTextDocument | None) -> None:
        """Pace ``document``'s layout from now on (``None``: stop pacing)."""
        self._release()
        if document is None:
            return
        layout = document.documentLayout()
        self._document, self._layout = document, layout
        layout.installEventFilter(self)
        layout.documentSizeChanged.connect(self._on_size_changed)
        document.destroyed.connect(self._on_destroyed)
        self._position = 0

    def _release(self) -> None:
        self._ticker.stop()
        layout = self._layout
        if layout is not None and shiboken6.isValid(layout):
            layout.removeEventFilter(self)
            layout.documentSizeChanged.disconnect(self._on_size_changed)
        document = self._document
        if document is not None and shiboken6.isValid(document):
            document.destroyed.disconnect(self._on_destroyed)
        self._document = self._layout = None
        self._layout_timer = None

    def _on_destroyed(self, *_args: object) -> None:
        self._ticker.stop()
        self._document = self._layout = None
        self._layout_timer = None

    def _on_size_changed(self, *_args: object) -> None:
        if self._probing:
            self._emitted = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._layout or event.type() != QEvent.Type.Timer or self._probing:
            return False
        timer_id = event.timerId()  # type: ignore[attr-defined]
        if timer_id == self._layout_timer:
            if not self._ticker.isActive():
                self._restart()
            self.held += 1
            return True  # held back: the pacer lays out instead
        # Not known yet: deliver it now and see whether it was the sizes timer.
        self._probing, self._emitted = True, False
        try:
            watched.event(event)
        finally:
            self._probing = False
        if not self._emitted:  # the layout timer (a relayout began: a new text or width)
            self.let_through += 1
            self._layout_timer = timer_id
            self._restart()
        return True

    def _restart(self) -> None:
        assert self._document is not None
        self._position = 0
        self._page = self._document.pageSize()
        self._ticker.start()

    def _tick(self) -> None:
        document, layout = self._document, self._layout
        if document is None or layout is None:
            self._ticker.stop()
            return
        if document.pageSize() != self._page:  # a new width: Qt lays out from the top again
            self._restart()
        end = document.characterCount()
        deadline = time.perf_counter() + BUDGET_S
        bottom = 0.0
        while time.perf_counter() < deadline:
            if self._position >= end:
                bottom = layout.blockBoundingRect(document.lastBlock()).bottom()  # Qt's layout ends
                self._ticker.stop()
                self._layout_timer = None  # stopped by Qt; its id may be handed out again
                self._announce(bottom)
                return
            block = document.findBlock(self._position)
            bottom = layout.blockBoundingRect(block).bottom()
            self._position = max(block.position() + block.length(), self._position + STEP_CHARS)
        if time.perf_counter() - self._announced >= ANNOUNCE_S:
            self._announce(bottom)

    def _announce(self, bottom: float) -> None:
        """Qt's sizes timer, restarted by every step, does not fire while the pacer keeps the
        event loop busy: the scroll range follows the layout through this signal instead
        (QTextEdit reads the laid-out size itself; the value is for other listeners)."""
        document, layout = self._document, self._layout
        assert document is not None and layout is not None
        self._announced = time.perf_counter()
        layout.documentSizeChanged.emit(QSizeF(document.textWidth(), bottom + document.documentMargin()))
