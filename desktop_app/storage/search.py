"""Matching notes against a search query: every word must occur, normalised, in any case."""

from __future__ import annotations

from desktop_app.core.folding import fold


def matches(query: str, *fields: str) -> bool:
    """True when every whitespace-separated word of ``query`` occurs in one of ``fields``.

    An empty query matches everything.
    """
    words = fold(query).split()
    if not words:
        return True
    haystack = "\n".join(fold(f) for f in fields)
    return all(w in haystack for w in words)
