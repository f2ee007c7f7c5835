"""Tool tips that show what was written (no Qt here: the reading view imports it before the first paint)."""

from __future__ import annotations


def plain_tip(text: str) -> str:
    """``text`` for a tool tip, shown as written: Qt takes a tip that looks like HTML as rich
    text, so a note holding "<b>" or "<img src=...>" would be rendered (or fetch an image)."""
    import html  # here: ~4 ms at import, and the start draws no tip

    return f'<p style="white-space:pre-wrap">{html.escape(text)}</p>' if text else ""
