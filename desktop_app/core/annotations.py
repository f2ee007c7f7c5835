"""Highlights, notes and bookmarks as plain data (no Qt, no SQLite).

An :class:`Annotation` marks ``Document.text[start:end]`` with a colour and a
style and may carry a note and tags.  Its anchor follows the W3C Web Annotation
model: a TextQuoteSelector (``exact`` with up to 32 characters of ``prefix`` and
``suffix``) and a TextPositionSelector (``start``/``end``), so that it can be found
again in a revised text (:mod:`desktop_app.core.anchoring`).  A :class:`Bookmark`
marks one position the same way.  Both are frozen: edit with
:func:`dataclasses.replace` and hand the copy to the store.

Timestamps are ISO 8601 in UTC with milliseconds (``2024-05-01T08:30:00.123Z``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from desktop_app.core.anchoring import CONTEXT_CHARS, make_quote
from desktop_app.core.folding import fold

if TYPE_CHECKING:
    from collections.abc import Iterable

    from desktop_app.core.document import Document

ANCHORED = "anchored"
ORPHAN = "orphan"  # the text it was made on changed and its passage could not be found again
STATUSES = (ANCHORED, ORPHAN)

STYLES = ("highlight", "underline")
DEFAULT_COLOR = "yellow"
DEFAULT_STYLE = "highlight"
BOOKMARK_QUOTE_CHARS = 24  # characters after a bookmark's position kept to find it again
SECTION_SEPARATOR = " › "


@dataclass(frozen=True, slots=True)
class Color:
    key: str  # stored in the database and given on the command line
    zh: str
    en: str
    hex: str  # for drawing; the UI may lighten it for the dark theme


COLORS: tuple[Color, ...] = (
    Color("yellow", "黄", "Yellow", "#FFE066"),
    Color("green", "绿", "Green", "#A8E6A1"),
    Color("blue", "蓝", "Blue", "#9CCBFF"),
    Color("pink", "粉", "Pink", "#FFB3C8"),
    Color("purple", "紫", "Purple", "#D4B8FF"),
    Color("orange", "橙", "Orange", "#FFC78A"),
)
COLOR_BY_KEY: dict[str, Color] = {c.key: c for c in COLORS}


def color_key(name: str) -> str:
    """The colour key for an English key or name, or a Chinese name (``黄``, ``黄色``).

    Raises :class:`ValueError` for anything else.
    """
    n = fold(name).strip()
    for c in COLORS:
        if n in (c.key, c.en.casefold(), c.zh, c.zh + "色"):
            return c.key
    raise ValueError(f"unknown colour: {name!r}")


def now_iso() -> str:
    """The current time as ISO 8601 UTC with milliseconds and a ``Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def stamp_after(previous: str) -> str:
    """The time to stamp an edit with: now, but never earlier than the version it replaces
    (plus a millisecond).  A PC whose clock was set back (a dead CMOS battery, an NTP fix)
    would otherwise stamp a later edit earlier, and the newest-wins merge of an import would
    let the older version win over it (a Lamport-style stamp: an edit is newer than its
    source, whatever the clock says)."""
    from datetime import timedelta

    now = now_iso()
    try:
        before = datetime.fromisoformat(previous.replace("Z", "+00:00")) if previous else None
        current = datetime.fromisoformat(now.replace("Z", "+00:00"))
    except ValueError:
        return now
    if before is None or before.tzinfo is None or current > before:
        return now
    later = (before + timedelta(milliseconds=1)).astimezone(UTC)
    return later.isoformat(timespec="milliseconds").replace("+00:00", "Z")


# The most highlights and notes one document keeps.  Measured at this size (benchmarks/
# scale_notes.py, README "At scale"): the window shows them all within a second and every
# export finishes; beyond it adding is refused with a message instead of everything slowing.
MAX_NOTES_PER_DOCUMENT = 20_000
# What a view draws of a document's notes, answered from the index annotations_marks alone,
# in its order (doc_id, start_offset, end_offset, ...): the ORDER BY costs SQLite no sorting.
MARK_COLUMN_NAMES = ("id", "start_offset", "end_offset", "color", "style", "note")
MARK_COLUMNS = ", ".join(MARK_COLUMN_NAMES)
MARK_ROWS_SQL = (
    f"SELECT {MARK_COLUMNS} FROM annotations WHERE doc_id = ? AND status != ? AND end_offset > start_offset"
    # the index's own order (status: only "anchored" ones here): ui/notes_loading.marks_of's
    " ORDER BY start_offset, end_offset, status, color, style, id"
)
# ... read on a worker as one row of six JSON arrays, a column each: json.loads of six flat
# arrays holds the interpreter lock ~3-4 ms for 10,000 marks, where one array of 10,000 rows
# took 5-17 ms and making the tuples and sorting them 3-5 ms more (the window waits for each).
MARK_COLUMNS_SQL = (
    "SELECT " + ", ".join(f"json_group_array({c})" for c in MARK_COLUMN_NAMES) + f" FROM ({MARK_ROWS_SQL})"
)
# Many rows are read as one row of JSON made by SQLite (NotesStore._read_as_json): Python's sqlite3
# lets the interpreter lock go for every row it steps to and takes it back for the next, so while
# another thread runs Python (the window laying a text out) each row waits for it: 10,000 marks
# took 87-95 s beside a busy thread, as JSON 50 ms (idle: 27 and 35 ms).  A row of JSON holds at
# most JSON_ROWS rows: parsing it keeps the lock (10,000 records in one: a 0.13-0.18 s stall of
# the window), a thousand at a time ~5 ms.
JSON_ROWS = 1000
JSON_ROWS_SQL = (
    "SELECT json_group_array(json_array({columns})) FROM"
    " (SELECT {columns}, (row_number() OVER ()) / {rows} AS chunk_ FROM ({sql})) GROUP BY chunk_"
)
FETCH_ROWS = 256  # rows per fetch (see _read)


def new_id() -> str:
    import uuid  # not at start-up: it imports platform

    return str(uuid.uuid4())


def section_label(doc: Document, offset: int) -> str:
    """The titles of the sections holding ``offset``, outermost first, joined by `` › ``."""
    return SECTION_SEPARATOR.join(s.title for s in doc.section_path(offset))


BOOKMARK_TITLE_CHARS = 16  # words of the paragraph's start in a bookmark's default title


def default_bookmark_title(doc: Document, offset: int) -> str:
    """A name for a bookmark at ``offset``: its section and the start of its paragraph
    (``二要聚焦关键任务 · 市政务服务局……``), not the words of a line cut mid-sentence."""
    if not doc.paragraphs:
        return ""
    para = doc.paragraph_at(offset)
    path = doc.section_path(offset)
    section = path[-1].title if path else ""
    words = para.text.strip()
    if section and words.startswith(section):  # the heading's own paragraph
        words = words[len(section) :].lstrip(" ,，。:：")
    if len(words) > BOOKMARK_TITLE_CHARS:
        words = words[:BOOKMARK_TITLE_CHARS] + "…"
    return " · ".join(part for part in (section, words) if part)


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags stripped, empty ones dropped, duplicates (after NFKC) removed, order kept."""
    out: list[str] = []
    for t in tags:
        t = unicodedata.normalize("NFKC", str(t)).strip()
        if t and t not in out:
            out.append(t)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlight or underline on ``text[start:end]`` of a document, with an optional note."""

    id: str
    doc_id: str
    start: int
    end: int
    exact: str  # the quoted text as it is in the text the offsets refer to
    prefix: str = ""
    suffix: str = ""
    section: str = ""  # "第一条经验 › （一）…" at ``start``
    color: str = DEFAULT_COLOR
    style: str = DEFAULT_STYLE
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str = ""
    modified: str = ""
    status: str = ANCHORED
    # Fingerprint of the text that start/end/exact/prefix/suffix describe: the
    # text it was made on, or the last revision it was re-anchored onto.
    anchored_fingerprint: str = ""
    original_exact: str = ""  # the quote as first annotated (kept when re-anchoring changes it)

    @property
    def quote(self) -> str:
        return self.exact

    @property
    def is_orphan(self) -> bool:
        return self.status == ORPHAN

    @property
    def color_hex(self) -> str:
        return COLOR_BY_KEY.get(self.color, COLORS[0]).hex

    def selectors(self) -> list[dict[str, Any]]:
        """The anchor as W3C Web Annotation selectors."""
        return [
            {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix},
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the command line's ``--json`` form)."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "quote": self.exact,
            "start": self.start,
            "end": self.end,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "section": self.section,
            "color": self.color,
            "style": self.style,
            "note": self.note,
            "tags": list(self.tags),
            "status": self.status,
            "created": self.created,
            "modified": self.modified,
            "original_quote": self.original_exact or self.exact,
        }


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A marked position (Ctrl+D), found again like an annotation by the text that follows it."""

    id: str
    doc_id: str
    offset: int
    exact: str  # up to BOOKMARK_QUOTE_CHARS characters from ``offset``
    prefix: str = ""
    suffix: str = ""
    title: str = ""
    section: str = ""
    created: str = ""
    modified: str = ""
    status: str = ANCHORED
    anchored_fingerprint: str = ""

    @property
    def start(self) -> int:
        return self.offset

    @property
    def end(self) -> int:
        return self.offset + len(self.exact)

    @property
    def is_orphan(self) -> bool:
        return self.status == ORPHAN

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "offset": self.offset,
            "title": self.title,
            "quote": self.exact,
            "section": self.section,
            "status": self.status,
            "created": self.created,
            "modified": self.modified,
        }


def _check_style(style: str) -> str:
    if style not in STYLES:
        raise ValueError(f"unknown style: {style!r} (one of {', '.join(STYLES)})")
    return style


def validate(ann: Annotation) -> Annotation:
    """Raise :class:`ValueError` for a colour, style, status or range the program cannot show."""
    if ann.color not in COLOR_BY_KEY:
        raise ValueError(f"unknown colour: {ann.color!r}")
    _check_style(ann.style)
    if ann.status not in STATUSES:
        raise ValueError(f"unknown status: {ann.status!r}")
    if not 0 <= ann.start < ann.end:
        raise ValueError(f"empty or negative range {ann.start}..{ann.end}")
    return ann


def placed_at(ann: Annotation, doc: Document, start: int, end: int, **changes: Any) -> Annotation:
    """``ann`` anchored on ``doc.text[start:end]``: new selectors, section and fingerprint.

    Used when re-anchoring finds a passage again and when an orphan is re-attached.
    """
    sel = make_quote(doc.text, start, end)
    return replace(
        ann,
        start=sel.start,
        end=sel.end,
        exact=sel.exact,
        prefix=sel.prefix,
        suffix=sel.suffix,
        section=section_label(doc, sel.start),
        status=ANCHORED,
        anchored_fingerprint=doc.fingerprint,
        **changes,
    )


def new_annotation(
    doc: Document,
    start: int,
    end: int,
    *,
    color: str = DEFAULT_COLOR,
    style: str = DEFAULT_STYLE,
    note: str = "",
    tags: Iterable[str] = (),
    doc_id: str = "",
) -> Annotation:
    """An annotation on ``doc.text[start:end]``, not yet stored.

    ``doc_id`` may stay empty: the store finds the document by the fingerprint
    (the document must have been opened with ``NotesStore.open_document``).
    """
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"range {start}..{end} is empty or outside the text (0..{len(doc.text)})")
    sel = make_quote(doc.text, start, end)
    now = now_iso()
    return Annotation(
        id=new_id(),
        doc_id=doc_id,
        start=start,
        end=end,
        exact=sel.exact,
        prefix=sel.prefix,
        suffix=sel.suffix,
        section=section_label(doc, start),
        color=color_key(color),
        style=_check_style(style),
        note=note,
        tags=normalise_tags(tags),
        created=now,
        modified=now,
        status=ANCHORED,
        anchored_fingerprint=doc.fingerprint,
        original_exact=sel.exact,
    )


def bookmark_selectors(text: str, offset: int) -> tuple[int, str, str, str]:
    """``(offset, exact, prefix, suffix)`` for a bookmark at ``offset`` (clamped into the text)."""
    offset = max(0, min(offset, len(text) - 1)) if text else 0
    sel = make_quote(text, offset, min(len(text), offset + BOOKMARK_QUOTE_CHARS), context=CONTEXT_CHARS)
    return offset, sel.exact, sel.prefix, sel.suffix


def new_bookmark(doc: Document, offset: int, *, title: str = "", doc_id: str = "") -> Bookmark:
    """A bookmark at ``offset`` of ``doc.text``, not yet stored."""
    offset, exact, prefix, suffix = bookmark_selectors(doc.text, offset)
    now = now_iso()
    return Bookmark(
        id=new_id(),
        doc_id=doc_id,
        offset=offset,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        title=title.strip() or default_bookmark_title(doc, offset),
        section=section_label(doc, offset) if doc.text else "",
        created=now,
        modified=now,
        status=ANCHORED,
        anchored_fingerprint=doc.fingerprint,
    )
