"""Whole-text work in slices, so a worker thread never holds the interpreter lock for long.

A regular expression or ``str.replace`` over a 10 MB text is one C call: the thread running it
keeps Python's interpreter lock until it returns (0.1-0.3 s), and the window, which needs the
lock for every event it handles in Python, freezes meanwhile.  Cut into slices of
:data:`SLICE_CHARS` characters, each call lasts a few milliseconds and the window runs between
them.  Only for work that never looks across a paragraph break (``\\n``).
"""

from __future__ import annotations

from collections.abc import Callable

# 32,768 characters: a regular-expression pass or a QTextCursor.insertText of a slice takes
# 1-7 ms (256k-character slices took 15-22 ms alone and 60-80 ms on a busy 2-core machine:
# the window's longest stall opening 10 MB, issue 14); the number of slices costs nothing
SLICE_CHARS = 1 << 15


def line_slices(text: str, size: int = SLICE_CHARS) -> list[str]:
    """``text`` cut after a ``\\n`` about every ``size`` characters (``"".join`` gives it back).

    A paragraph longer than ``size`` stays whole.
    """
    if len(text) <= size:
        return [text]
    out: list[str] = []
    start = 0
    n = len(text)
    while start < n:
        cut = text.find("\n", min(start + size, n))
        end = n if cut < 0 else cut + 1
        out.append(text[start:end])
        start = end
    return out


def by_lines(convert: Callable[[str], str], text: str, size: int = SLICE_CHARS) -> str:
    """``convert(text)`` for a ``convert`` that works paragraph by paragraph, done slice by slice."""
    if len(text) <= size:
        return convert(text)
    return "".join([convert(piece) for piece in line_slices(text, size)])
