"""What every export format shows: annotations in reading order under the document's section tree.

:func:`outline` turns a list of annotations into a flat sequence of :class:`Heading` and
:class:`Entry` items: a heading is emitted the first time an annotation falls inside a
section (with all the sections around it that were not emitted yet), so the output has
the document's headings, in order, for the parts that hold notes.  Orphans come last
under their own heading.  Formats only render this sequence.

Every piece of user text leaves here cleaned (:func:`desktop_app.export.clean.clean`: no control
characters or terminal escape sequences, line breaks kept), so no format can forget it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.core.annotations import COLOR_BY_KEY, SECTION_SEPARATOR, Annotation, Bookmark
from desktop_app.export.clean import clean
from desktop_app.export.messages import label

if TYPE_CHECKING:
    from desktop_app.core.document import Document, Section

MAX_HEADING_LEVEL = 3
SHORT_TITLE = 12  # characters of a section title kept in a location line


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1..MAX_HEADING_LEVEL (depth in the section tree, deeper ones share the last level)
    title: str
    section: Section | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    ann: Annotation | Bookmark
    location: str  # "二、找准… › 二要 · 第 25 段"
    paragraph: int  # 1-based; 0 for orphans
    section: str  # full section titles joined by " › "

    @property
    def is_bookmark(self) -> bool:
        return isinstance(self.ann, Bookmark)

    @property
    def quote(self) -> str:
        return clean(self.ann.exact)

    @property
    def note(self) -> str:
        return clean(self.ann.note if isinstance(self.ann, Annotation) else self.ann.title)

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(clean(t) for t in self.ann.tags) if isinstance(self.ann, Annotation) else ()

    @property
    def color(self) -> str:
        return self.ann.color if isinstance(self.ann, Annotation) else ""

    @property
    def color_hex(self) -> str:
        return self.ann.color_hex if isinstance(self.ann, Annotation) else "#DDDDDD"

    @property
    def color_name(self) -> str:
        c = COLOR_BY_KEY.get(self.color)
        if c is None:
            return label("bookmark")
        from desktop_app.core.messages import language

        return c.en if language() == "en" else c.zh

    @property
    def style(self) -> str:
        return self.ann.style if isinstance(self.ann, Annotation) else "bookmark"


Item = Heading | Entry


def short_title(title: str, limit: int = SHORT_TITLE) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def paragraph_number(doc: Document, offset: int) -> int:
    return doc.paragraph_at(offset).index + 1 if doc.paragraphs else 0


def entry_for(doc: Document, ann: Annotation | Bookmark) -> Entry:
    if ann.is_orphan or not doc.paragraphs:
        section = clean(ann.section)
        return Entry(ann, section, 0, section)
    path = doc.section_path(ann.start)
    n = paragraph_number(doc, ann.start)
    where = SECTION_SEPARATOR.join(short_title(clean(s.title)) for s in path)
    para = label("paragraph", n=n)
    return Entry(
        ann, f"{where} · {para}" if where else para, n, SECTION_SEPARATOR.join(clean(s.title) for s in path)
    )


def outline(doc: Document, annotations: list[Annotation], bookmarks: list[Bookmark] = ()) -> list[Item]:  # type: ignore[assignment]
    """Headings and entries in reading order; orphans (and orphaned bookmarks) last."""
    placed = [a for a in [*annotations, *bookmarks] if not a.is_orphan]
    placed.sort(key=lambda a: (a.start, isinstance(a, Bookmark), a.end, a.created))
    orphans = [a for a in [*annotations, *bookmarks] if a.is_orphan]
    items: list[Item] = []
    open_path: list[Section] = []
    for a in placed:
        path = doc.section_path(a.start) if doc.paragraphs else []
        common = 0
        while common < min(len(path), len(open_path)) and path[common] == open_path[common]:
            common += 1
        for depth in range(common, len(path)):
            s = path[depth]
            items.append(Heading(min(depth + 1, MAX_HEADING_LEVEL), clean(s.title), s))
        open_path = path
        items.append(entry_for(doc, a))
    if orphans:
        items.append(Heading(1, label("orphans")))
        items.extend(entry_for(doc, a) for a in orphans)
    return items


def title_lines(doc: Document, count: int, today: date | None = None) -> list[tuple[str, str]]:
    """``(label, value)`` lines of the title block that have a value."""
    m = doc.metadata
    speaker = f"{m.role}{m.speaker}" if m.role and m.speaker else m.speaker
    lines = [
        ("", m.doc_number),  # 发文字号 (京政发〔2024〕12号) under the title, as a 公文 shows it
        (label("source"), m.issuer),
        (label("date"), m.date),
        (label("speaker"), speaker),
        (label("exported"), (today or date.today()).isoformat()),
    ]
    out = [(k, clean(v)) for k, v in lines if v]
    out.append(("", label("count", count=count)))
    return out


def document_title(doc: Document) -> str:
    return clean(doc.title) or label("notes_of")
