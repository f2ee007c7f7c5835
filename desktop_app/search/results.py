"""What a search returns (plain dataclasses: importing them costs nothing)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload


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


@dataclass(frozen=True)
class LibraryHit(Hit):
    """A hit in one document of the library (a library-wide search): which one."""

    doc_id: str = ""
    title: str = ""
    path: str = ""


class HitList(Sequence[Hit]):
    """The hits of a search, each made (snippet, section) when it is first read.

    A search for a common character has tens of thousands of hits; finding them
    takes a few milliseconds, making every snippet a second.  The search fixes
    which hits there are and their order; ``make(i)`` builds the i-th.  It only
    reads what the index never changes (the document, its sections, the
    normalised text), so a list may be read on any thread, after the search.
    """

    __slots__ = ("_count", "_made", "_make")

    def __init__(self, count: int, make: Callable[[int], Hit]) -> None:
        self._count = count
        self._make = make
        self._made: list[Hit | None] = [None] * count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, i: int) -> Hit: ...
    @overload
    def __getitem__(self, i: slice) -> list[Hit]: ...
    def __getitem__(self, i: int | slice) -> Hit | list[Hit]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._count))]
        if i < 0:
            i += self._count
        if not 0 <= i < self._count:
            raise IndexError("hit index out of range")
        hit = self._made[i]
        if hit is None:
            hit = self._made[i] = self._make(i)
        return hit

    def __iter__(self) -> Iterator[Hit]:
        for i in range(self._count):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == self._count and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable cache, like a list

    def __repr__(self) -> str:
        return f"HitList({self._count} hits)"


@dataclass
class SearchResult:
    """The hits of one query (at most ``limit``), how many there are in all, and a notice.

    ``hits`` is a :class:`HitList` from a search (a plain list elsewhere).

    ``notice`` explains what was done with a malformed query (empty otherwise).
    """

    query: str
    hits: Sequence[Hit] = field(default_factory=list)
    total: int = 0
    notice: str = ""
    elapsed_ms: float = 0.0
