"""The document model: plain text, paragraphs with offsets, metadata, sections.

Every offset anywhere in the program counts characters (code points) of
``Document.text``.  Paragraphs are separated by exactly one ``\\n`` and never
contain one, so ``text == "\\n".join(p.text for p in paragraphs)``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import NamedTuple

# Paragraph and Section are NamedTuples rather than frozen dataclasses: the same immutable
# records, made in a tenth of the time at import (dataclasses generate their methods then),
# which every start pays before the window shows.


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


@dataclass(slots=True)
class Metadata:
    """What the head of a document says about itself.  Empty string = unknown."""

    title: str = ""
    subtitle: str = ""
    issuer: str = ""
    date: str = ""  # ISO 8601 date, YYYY-MM-DD
    speaker: str = ""
    role: str = ""
    # Paragraph indexes that form the head (title, byline, repeated title):
    # the reader shows them in its header rather than as body text.
    head_paragraphs: tuple[int, ...] = ()

    @property
    def byline(self) -> str:
        """A one-line summary for the header: issuer · date · speaker (role)."""
        parts = [p for p in (self.issuer, self.date) if p]
        if self.speaker:
            parts.append(f"{self.role}{self.speaker}" if self.role else self.speaker)
        return " · ".join(parts)


def fingerprint_text(text: str) -> str:
    """Content fingerprint of a normalised text: hex SHA-256 of its UTF-8 bytes."""
    import hashlib  # here: it loads OpenSSL, and a start from the document cache needs no hash

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Document:
    """A loaded document.  Build it with :func:`Document.from_paragraphs`."""

    text: str
    paragraphs: list[Paragraph]
    metadata: Metadata = field(default_factory=Metadata)
    sections: list[Section] = field(default_factory=list)
    path: str = ""  # where the file was read from ("" for in-memory texts)
    encoding: str = "utf-8"
    fingerprint: str = ""
    _starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def from_paragraphs(
        cls, texts: list[str], *, path: str = "", encoding: str = "utf-8", fingerprint: str = ""
    ) -> Document:
        """The document of these paragraphs; ``fingerprint`` when already known (else computed)."""
        paragraphs: list[Paragraph] = []
        offset = 0
        for i, t in enumerate(texts):
            paragraphs.append(Paragraph(i, offset, t))
            offset += len(t) + 1
        text = "\n".join(texts)
        doc = cls(
            text=text,
            paragraphs=paragraphs,
            path=path,
            encoding=encoding,
            fingerprint=fingerprint or fingerprint_text(text),
        )
        doc._starts = [p.start for p in paragraphs]
        return doc

    @property
    def title(self) -> str:
        return self.metadata.title or (self.paragraphs[0].text[:40] if self.paragraphs else "")

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph containing ``offset`` (clamped to the text)."""
        if not self.paragraphs:
            raise IndexError("empty document")
        i = bisect.bisect_right(self._starts, max(0, offset)) - 1
        return self.paragraphs[max(0, min(i, len(self.paragraphs) - 1))]

    def section_path(self, offset: int) -> list[Section]:
        """The chain of sections (outermost first) that contains ``offset``."""
        chain: list[Section] = []
        for s in self.sections:  # sorted by start
            if s.start > offset:
                break
            while chain and chain[-1].level >= s.level:
                chain.pop()
            chain.append(s)
        return [s for s in chain if offset < s.end]
