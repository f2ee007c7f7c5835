"""Writing to the console from the command line, whatever its encoding."""

from __future__ import annotations

import sys


def print_line(text: str) -> None:
    """Print Chinese text whatever the console's encoding (a Windows console may be GBK).

    What the console cannot show becomes ``?``; a file name's bytes that are not UTF-8 (lone
    surrogates from ``os.fsdecode``) are shown as replacement characters first (core.messages).
    """
    out = sys.stdout
    try:
        out.write(text + "\n")
    except UnicodeEncodeError:
        from desktop_app.core.messages import printable

        shown = "\n".join(printable(line) for line in text.split("\n"))
        out.buffer.write((shown + "\n").encode(out.encoding or "utf-8", errors="replace"))
    out.flush()
