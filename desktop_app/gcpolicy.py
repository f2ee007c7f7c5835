"""When Python's cycle collector runs: paused while long-lived objects are made, then frozen.

Two moments make many objects that live as long as the program: the window's start (Qt's
enums and classes, our modules: each of its ~35 collections walked them all, ~7 ms in all)
and loading jieba's dictionary (~600,000 objects: a full collection over them stopped every
thread, the window's too, for ~0.2 s).  During each, collection is paused; at the end what was
made is frozen (``gc.freeze``), so later collections never scan it again.

Pauses nest: jieba may load on a worker while the start's pause holds, and collection comes
back only when the last pause ends.  This is the only module that switches the collector.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0


def pause() -> None:
    """Stop cyclic collection until the matching :func:`resume`."""
    global _pauses
    with _lock:
        _pauses += 1
        gc.disable()


def resume() -> bool:
    """End one pause; the last one freezes what exists and turns collection back on.

    Returns whether collection came back on (False: another pause holds, or none was taken).
    """
    global _pauses
    with _lock:
        if _pauses == 0:
            return False
        _pauses -= 1
        if _pauses:
            return False
        gc.freeze()
        gc.enable()
        return True


@contextmanager
def paused() -> Iterator[None]:
    """``with paused():`` - collection paused for the block (see the module)."""
    pause()
    try:
        yield
    finally:
        resume()


def pauses() -> int:
    """How many pauses hold now (for tests and the start-up trace)."""
    return _pauses
