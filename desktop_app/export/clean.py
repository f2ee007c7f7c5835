"""Text from notes made safe for a file someone will open: no control characters, no terminal
escape sequences, no spreadsheet formulas.

Notes can come from anywhere (an imported JSON file, a pasted terminal log).  Every export
shows them through :func:`clean`: ECMA-48 escape sequences (``ESC [ 2 J``, ``ESC ] 0 ; title
BEL``, their 8-bit forms) are removed whole, so no ``[31m`` is left behind; other control
characters go, except the line break (``\\r\\n`` and ``\\r`` become ``\\n``, a tab a space);
a lone surrogate, which no UTF file can hold, becomes U+FFFD.  Printable text is never touched.
CSV cells also go through :func:`csv_cell` (OWASP's guard against formula injection).
"""

from __future__ import annotations

import re

# ESC ] / P / X / ^ / _ (and their 8-bit forms): a string up to BEL or ST (ESC \ or 0x9C).
_STRING = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
_CSI = r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # ESC [ params intermediates final
_ESC = r"\x1b[ -/]*[0-~]"  # ESC intermediates final (charset, reset, ...)
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]"
_DIRTY = re.compile(f"{_STRING}|{_CSI}|{_ESC}|\r\n?|\t|{_CONTROL}|[\ud800-\udfff]")
# Every match of _DIRTY starts with one of these: one character class is ten times quicker to
# search than the alternation, and most text has none of them.
_SUSPECT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_FIX = {"\r": "\n", "\r\n": "\n", "\t": " "}

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _fix(m: re.Match[str]) -> str:
    s = m.group()
    if s in _FIX:
        return _FIX[s]
    if "\ud800" <= s <= "\udfff":
        return "\ufffd"
    return ""


def clean(text: str) -> str:
    """``text`` without escape sequences or control characters; line breaks kept as ``\\n``."""
    if _SUSPECT.search(text) is None:  # the common case: nothing to do
        return text
    return _DIRTY.sub(_fix, text)


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as typed: cleaned text, and an apostrophe before a
    leading = + - @ (which Excel, WPS and LibreOffice would run as a formula).  Numbers stay."""
    if isinstance(value, int):
        return value
    text = clean(str(value))
    return "'" + text if text.startswith(FORMULA_START) else text
