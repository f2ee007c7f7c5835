"""Run slow work off the UI thread: ``run_in_background(fn, on_done, on_error)``.

Like Anki's ``QueryOp``: ``fn`` runs on a pool thread and must not touch
widgets; ``on_done(result)`` or ``on_error(exc)`` then run on the UI thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives on the UI thread; the worker emits, Qt queues the call over."""

    sig_done = Signal(object)
    sig_failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    @Slot()
    def run(self) -> None:
        fn, relay = self._fn, self._relay
        # The pool deletes the C++ runnable after the run, but PySide may keep this wrapper:
        # it must not keep the job's function (and what it holds) alive.
        self._fn = self._relay = None  # type: ignore[assignment]
        try:
            result = fn()
        except BaseException as exc:
            self._report(relay.sig_failed, exc)
        else:
            self._report(relay.sig_done, result)

    @staticmethod
    def _report(signal: object, value: object) -> None:
        # the program is closing and the relay is gone: nobody to tell
        with contextlib.suppress(RuntimeError):
            signal.emit(value)  # type: ignore[attr-defined]


_live: set[_Relay] = set()  # keeps relays alive until their job reports


T = TypeVar("T")  # what the job returns, handed to on_done


def run_in_background(
    fn: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None],
    owner: QObject | None = None,
) -> None:
    """Run ``fn`` on a pool thread; then ``on_done``/``on_error`` on the UI thread,
    unless ``owner`` (the widget that asked) has been deleted meanwhile."""
    relay = _Relay()
    _live.add(relay)

    def alive() -> bool:
        return owner is None or shiboken6.isValid(owner)

    def release() -> None:
        # The connections hold these functions, and they hold the relay: a cycle through C++
        # that Python's collector cannot see.  Cut it, or every job's closure (a Document, an
        # index...) stays in memory for good.
        _live.discard(relay)
        for signal in (relay.sig_done, relay.sig_failed):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect()
        relay.deleteLater()

    def done(result: object) -> None:  # not annotated T: PySide reads a slot's annotations
        release()
        if alive():
            on_done(result)  # type: ignore[arg-type]  # what fn returned, through the relay

    def failed(exc: object) -> None:
        release()
        assert isinstance(exc, BaseException)
        if alive():
            on_error(exc)

    relay.sig_done.connect(done)
    relay.sig_failed.connect(failed)
    QThreadPool.globalInstance().start(_Job(fn, relay))
