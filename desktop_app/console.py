"""Writing to the console from the command line, whatever its encoding.

A Windows console shows Unicode (Python writes to it in UTF-16), but output that is piped or
redirected (``yandu-cli.exe toc a.docx > toc.txt``, ``| findstr``) is in the system's code
page: GBK (cp936) on a Chinese Windows, cp1252 on an English one.  Characters that code page
lacks (``•``, a no-break space, an emoji, ``€``) must neither end the program with a
``UnicodeEncodeError`` nor turn the rest into mojibake: they are shown as ``?``.
"""

from __future__ import annotations

import codecs
import contextlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TextIO

# Encodings that hold every character: nothing is ever replaced in them.
_WHOLE_UNICODE = ("utf-8", "utf-16", "utf-32", "gb18030")


def holds_everything(encoding: str | None) -> bool:
    """Whether ``encoding`` can write every Unicode character (UTF-*, GB18030)."""
    if not encoding:
        return False
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith(_WHOLE_UNICODE)


def prepare_streams() -> None:
    """stdout and stderr in a code page that cannot hold every character (GBK, cp1252, ASCII)
    write ``?`` for what it lacks instead of failing (stdout) or printing ``\\u2022`` (stderr)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if encoding and not holds_everything(encoding) and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):  # closed, or not a text stream after all
                stream.reconfigure(errors="replace")


def unshowable(text: str, encoding: str | None) -> int:
    """How many characters of ``text`` ``encoding`` cannot write (0 for UTF-8 or GB18030)."""
    if holds_everything(encoding):
        return 0
    lost = 0
    for ch in set(text):
        try:
            ch.encode(encoding or "ascii")
        except UnicodeEncodeError:
            lost += text.count(ch)
    return lost


def print_line(text: str, out: TextIO | None = None) -> None:
    """Print Chinese text whatever the console's encoding (a Windows console may be GBK).

    What the console cannot show becomes ``?``; a file name's bytes that are not UTF-8 (lone
    surrogates from ``os.fsdecode``) are shown as replacement characters first (core.messages).
    """
    out = out or sys.stdout
    try:
        out.write(text + "\n")
    except UnicodeEncodeError:
        from desktop_app.core.messages import printable

        shown = "\n".join(printable(line) for line in text.split("\n"))
        out.flush()
        out.buffer.write((shown + "\n").encode(out.encoding or "utf-8", errors="replace"))
    out.flush()
