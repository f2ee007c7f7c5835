"""Matching notes against a search query: every word must occur, normalised, in any case."""

from __future__ import annotations

import unicodedata


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits -> half-width) and case folding."""
    return unicodedata.normalize("NFKC", text).casefold()


def matches(query: str, *fields: str) -> bool:
    """True when every whitespace-separated word of ``query`` occurs in one of ``fields``.

    An empty query matches everything.
    """
    words = normalise(query).split()
    if not words:
        return True
    haystack = "\n".join(normalise(f) for f in fields)
    return all(w in haystack for w in words)
