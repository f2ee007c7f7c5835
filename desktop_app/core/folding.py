"""How typed words and names are compared: one fold for the notes search, section titles and
colour names (the text search has its own, finer normaliser: ``search/normalization.py``)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """``text`` NFKC-normalised (full-width letters and digits to half-width, compatibility
    forms to plain ones) and case-folded: ``ＡＢＣ``, ``abc`` and ``ABC`` fold alike."""
    return unicodedata.normalize("NFKC", text).casefold()
