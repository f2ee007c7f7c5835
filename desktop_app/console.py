"""Writing to the console from the command line, whatever its encoding."""

from __future__ import annotations

import sys


def print_line(text: str) -> None:
    """Print Chinese text whatever the console's encoding (a Windows console may be GBK)."""
    out = sys.stdout
    try:
        out.write(text + "\n")
    except UnicodeEncodeError:
        out.buffer.write((text + "\n").encode(out.encoding or "utf-8", errors="replace"))
    out.flush()
