"""The document model: plain text, paragraphs with offsets, metadata, sections.

Every offset anywhere in the program counts characters (code points) of
``Document.text``.  Paragraphs are separated by exactly one ``\\n`` and never
contain one, so ``text == "\\n".join(p.text for p in paragraphs)``.
"""

from __future__ import annotations

import bisect
import itertools
from typing import Any, NamedTuple

from desktop_app.core.chunks import SLICE_CHARS

# No dataclasses here: this module is imported at every start before the window shows,
# and a dataclass generates its methods when the module is imported (about 1 ms each,
# plus importing dataclasses).  Paragraph and Section are NamedTuples (the same immutable
# records, made in a tenth of the time); Metadata and Document are small slotted classes.


class Paragraph(NamedTuple):
    """One paragraph of the document text."""

    index: int
    start: int  # offset of the first character in Document.text
    text: str

    @property
    def end(self) -> int:
        """Offset one past the last character (the position of the ``\\n``)."""
        return self.start + len(self.text)


class Section(NamedTuple):
    """A heading found in the text, one node of the section tree.

    ``start`` is the offset of the heading (the paragraph start for a heading
    that opens its paragraph), ``end`` the offset where the section ends
    (the next heading of the same or a higher level, or the end of the text).
    ``kind`` names the numbering convention (``"chapter"``, ``"cn_dun"``
    for 一、, ``"item_yao"`` for 一要 ...) and ``run_in`` says whether the
    heading shares its paragraph with body text.
    """

    level: int
    title: str
    start: int
    end: int
    paragraph_index: int
    kind: str = ""
    run_in: bool = False


class _Record:
    """Equality and repr over ``__slots__`` (what a dataclass would generate)."""

    __slots__: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable, as a dataclass

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__ if not n.startswith("_"))
        return f"{type(self).__name__}({fields})"


class Metadata(_Record):
    """What the head of a document says about itself.  Empty string = unknown.

    ``head_paragraphs``: paragraph indexes that form the head (title, byline,
    repeated title; of a 公文 its 版头, 发文字号 and title lines, not the 主送 line);
    the reader shows them in its header rather than as body text.
    ``doc_number``: a 公文's 发文字号 as written (京政发〔2024〕12号).

    The constructor takes the fields in the order of ``__slots__`` (new fields are
    added at the end, so a positional call stays valid).
    """

    __slots__ = ("title", "subtitle", "issuer", "date", "speaker", "role", "head_paragraphs", "doc_number")  # noqa: RUF023  # in the constructor's order

    def __init__(
        self,
        title: str = "",
        subtitle: str = "",
        issuer: str = "",
        date: str = "",  # ISO 8601 date, YYYY-MM-DD
        speaker: str = "",
        role: str = "",
        head_paragraphs: tuple[int, ...] = (),
        doc_number: str = "",  # 发文字号
    ) -> None:
        self.title = title
        self.subtitle = subtitle
        self.issuer = issuer
        self.date = date
        self.speaker = speaker
        self.role = role
        self.head_paragraphs = head_paragraphs
        self.doc_number = doc_number

    @property
    def byline(self) -> str:
        """A one-line summary for the header: issuer · date · speaker (role)."""
        parts = [p for p in (self.issuer, self.date) if p]
        if self.speaker:
            parts.append(f"{self.role}{self.speaker}" if self.role else self.speaker)
        return " · ".join(parts)


def _section_parents(sections: list[Section]) -> tuple[list[int], list[int]]:
    """The starts of ``sections`` (sorted by start) and each one's parent index (-1: none):
    the nearest earlier section on the open path with a lower level."""
    starts = [s.start for s in sections]
    parents: list[int] = []
    stack: list[int] = []
    for i, s in enumerate(sections):
        while stack and sections[stack[-1]].level >= s.level:
            stack.pop()
        parents.append(stack[-1] if stack else -1)
        stack.append(i)
    return starts, parents


def fingerprint_text(text: str) -> str:
    """Content fingerprint of a normalised text: hex SHA-256 of its UTF-8 bytes."""
    import hashlib  # here: it loads OpenSSL, and a start from the document cache needs no hash

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Document(_Record):
    """A loaded document.  Build it with :func:`Document.from_paragraphs`."""

    __slots__ = (  # noqa: RUF023  # in the constructor's order
        "text", "paragraphs", "metadata", "sections", "path", "encoding", "fingerprint", "_starts",
        "notices", "_cache_tree", "_cache_characters",
    )  # fmt: skip

    def __init__(
        self,
        text: str,
        paragraphs: list[Paragraph],
        metadata: Metadata | None = None,
        sections: list[Section] | None = None,
        path: str = "",  # where the file was read from ("" for in-memory texts)
        encoding: str = "utf-8",
        fingerprint: str = "",
    ) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.metadata = metadata if metadata is not None else Metadata()
        self.sections: list[Section] = sections if sections is not None else []
        self.path = path
        self.encoding = encoding
        self.fingerprint = fingerprint
        self._starts = [p.start for p in paragraphs]
        # what the reader of its file format wants the user to know (pages it could not read ...)
        self.notices: tuple[str, ...] = ()
        self._cache_tree: tuple[list[Section], list[int], list[int]] | None = None
        self._cache_characters: tuple[str, frozenset[str]] | None = None

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, n) for n in self.__slots__ if not n.startswith("_cache"))

    @classmethod
    def from_paragraphs(
        cls,
        texts: list[str],
        *,
        path: str = "",
        encoding: str = "utf-8",
        fingerprint: str = "",
        text: str | None = None,
    ) -> Document:
        """The document of these paragraphs; ``fingerprint`` when already known (else computed).

        ``text``: their ``"\n".join``, when the caller has it (the parsed-documents cache)."""
        # made by C-level loops only (tuple.__new__ itself, not through _make's Python frame):
        # 42,000 paragraphs of a 10 MB text in 24 ms against 36, before the window's first paint
        starts = itertools.accumulate(map((1).__add__, map(len, texts[:-1])), initial=0)
        fields = zip(itertools.count(), starts, texts)
        paragraphs = list(map(tuple.__new__, itertools.repeat(Paragraph), fields))
        if text is None:
            text = "\n".join(texts)
        fingerprint = fingerprint or fingerprint_text(text)
        return cls(text, paragraphs, path=path, encoding=encoding, fingerprint=fingerprint)

    @property
    def title(self) -> str:
        return self.metadata.title or (self.paragraphs[0].text[:40] if self.paragraphs else "")

    def hidden_paragraphs(self) -> set[int]:
        """Paragraphs the reader does not show: the title repeated after the byline.

        They stay in the text (every offset counts them), but what the reader does not
        show is not a hit: the find bar, search and the command line all skip them.
        """
        if not self.paragraphs:
            return set()
        title = self.paragraphs[0].text
        return {i for i in self.metadata.head_paragraphs if i > 0 and self.paragraphs[i].text == title}

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph containing ``offset`` (clamped to the text)."""
        if not self.paragraphs:
            raise IndexError("empty document")
        i = bisect.bisect_right(self._starts, max(0, offset)) - 1
        return self.paragraphs[max(0, min(i, len(self.paragraphs) - 1))]

    def characters(self) -> frozenset[str]:
        """The distinct characters of the text, worked out once (0.07-0.15 s for 10 MB: the
        window has them made while the text is read, off its thread, a slice at a time so that
        the thread gives the interpreter lock back between slices)."""
        found = self._cache_characters
        if found is None or found[0] is not self.text:
            text = self.text
            step = SLICE_CHARS
            seen = frozenset().union(*(set(text[i : i + step]) for i in range(0, len(text), step)))
            found = self._cache_characters = (text, seen)
        return found[1]

    def section_path(self, offset: int) -> list[Section]:
        """The chain of sections (outermost first) that contains ``offset``.

        A binary search and a walk up the tree (the parents are worked out once per list of
        sections): exports ask once per note, and 10,000 notes on a law of 12,000 headings
        took seconds with a scan from the top each time."""
        tree = self._cache_tree
        if tree is None or tree[0] is not self.sections:
            tree = self._cache_tree = (self.sections, *_section_parents(self.sections))
        sections, starts, parents = tree
        i = bisect.bisect_right(starts, offset) - 1
        chain: list[Section] = []
        while i >= 0:
            chain.append(sections[i])
            i = parents[i]
        chain.reverse()
        return [s for s in chain if offset < s.end]
