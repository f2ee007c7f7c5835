"""What a search returns (plain dataclasses: importing them costs nothing)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Hit:
    """One occurrence.  ``start``/``end`` count characters of ``Document.text``.

    ``snippet`` is about 30 characters of context either side of the match, cut
    at sentence marks where there is one; ``snippet_start``/``snippet_end`` is
    the match inside it.  ``section`` is the section path joined by " › ".
    """

    start: int
    end: int
    paragraph_index: int
    section: str
    snippet: str
    snippet_start: int
    snippet_end: int
    score: float


@dataclass
class SearchResult:
    """The hits of one query (at most ``limit``), how many there are in all, and a notice.

    ``notice`` explains what was done with a malformed query (empty otherwise).
    """

    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    notice: str = ""
    elapsed_ms: float = 0.0
