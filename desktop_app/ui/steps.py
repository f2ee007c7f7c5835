"""Work split into steps that run one per turn of the event loop.

The window's menus and side panels are made after the first paint; made in one go
they held the window for ~90 ms, one per turn the longest holds it ~50 ms.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class StepsPerTurn(QObject):
    """Runs ``steps`` in order, one per event-loop turn once started, or all that are left at
    once with :meth:`finish_now`.  A step that raises (the exception goes to Qt's handler,
    which logs it) does not stop the later ones.  After the last step, the ``then`` of the
    latest :meth:`start` runs, once.  Owned by ``parent``: no step runs after it is gone."""

    def __init__(self, steps: list[Callable[[], None]], parent: QObject) -> None:
        super().__init__(parent)
        self._steps = list(steps)
        self._running = False
        self._then: Callable[[], None] | None = None

    @property
    def pending(self) -> int:
        return len(self._steps)

    def start(self, then: Callable[[], None]) -> None:
        """Run the first step now, the rest in later turns; then ``then``."""
        self._then = then
        if not self._running:
            self._running = True
            self._step()

    def finish_now(self) -> None:
        """Run every step that has not run yet, now."""
        while self._steps:
            self._steps.pop(0)()

    def _step(self) -> None:
        try:
            if self._steps:
                self._steps.pop(0)()
        finally:
            if self._steps:
                QTimer.singleShot(0, self, self._step)
            else:
                self._running = False
                then, self._then = self._then, None
                if then is not None:
                    then()
