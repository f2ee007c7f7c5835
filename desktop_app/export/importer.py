"""Importing notes from W3C Web Annotation JSON: ours (see :mod:`.w3c`) or another tool's.

Two steps, so the user sees what will happen first:

* :func:`plan_import` reads and validates the whole file (size and count capped, every
  field type-checked), re-anchors each note onto the document's *current* text and
  compares it with the store: the :class:`ImportPlan` lists what would be added, updated
  (the file's ``modified`` is newer), left unchanged, skipped (with the reason) and which
  of the imported notes could not be located (they are imported as orphans, never lost).
* :func:`apply_import` writes the plan in one transaction (``NotesStore.upsert_many``).

A note whose anchor still fits the text (same fingerprint and quote) is imported exactly
as exported: id, created, modified, colour, style, note, tags, quote, context, offsets,
section, status.  From other tools the minimum is a target with a TextQuoteSelector or a
TextPositionSelector; the note is the commenting (or unlabelled) TextualBody or
``bodyValue``, tags the tagging bodies.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.anchoring import make_quote, reanchor
from desktop_app.core.annotations import (
    ANCHORED,
    DEFAULT_COLOR,
    DEFAULT_STYLE,
    ORPHAN,
    STATUSES,
    STYLES,
    Annotation,
    Bookmark,
    color_key,
    normalise_tags,
    now_iso,
    placed_at,
    section_label,
    validate,
)
from desktop_app.export.messages import message
from desktop_app.export.options import ExportError
from desktop_app.export.w3c import URN_SHA256, URN_UUID
from desktop_app.storage.rows import storable  # False for a lone surrogate ("\\ud800" in JSON)

if TYPE_CHECKING:
    from desktop_app.core.document import Document
    from desktop_app.storage.notes_store import NotesStore

MAX_BYTES = 50 * 1024 * 1024
MAX_ITEMS = 100_000
MAX_NOTE = 1_000_000  # characters
MAX_QUOTE = 100_000
MAX_TAGS = 200
MAX_OFFSET = 2**31 - 1  # the loader reads at most 200 MB: no text is this long; larger are refused
_ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$")
_IMPORT_NS = uuid.UUID("6f1c2a52-6a43-4f0e-9d39-2f1f3c9b7a10")


@dataclass(frozen=True, slots=True)
class Skipped:
    label: str  # "#3 (urn:uuid:…)": where in the file
    reason: str  # for the user


@dataclass(slots=True)
class ImportPlan:
    path: Path
    doc_id: str
    fingerprint: str
    added: list[Annotation] = field(default_factory=list)
    updated: list[Annotation] = field(default_factory=list)
    unchanged: list[Annotation] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    orphans: list[Annotation] = field(default_factory=list)  # among added/updated: not found in the text
    bookmarks_added: list[Bookmark] = field(default_factory=list)
    bookmarks_updated: list[Bookmark] = field(default_factory=list)
    bookmarks_unchanged: list[Bookmark] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.updated) + len(self.bookmarks_added) + len(self.bookmarks_updated)

    def summary(self) -> str:
        return message(
            "plan_summary",
            added=len(self.added) + len(self.bookmarks_added),
            updated=len(self.updated) + len(self.bookmarks_updated),
            unchanged=len(self.unchanged) + len(self.bookmarks_unchanged),
            skipped=len(self.skipped),
            orphans=len(self.orphans),
        )


class _Skip(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(message(key, **params))


# ----- reading the file ---------------------------------------------------------------------


def read_items(path: Path) -> list[Any]:
    """The raw annotation objects of a file; raises ExportError for a file that is not one."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ExportError("import_missing", path=path) from None
    except OSError as exc:
        raise ExportError("import_unreadable", path=path, reason=exc.strerror or exc) from exc
    if size > MAX_BYTES:
        raise ExportError("import_too_big", size=round(size / 2**20, 1), limit=MAX_BYTES // 2**20)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExportError("import_unreadable", path=path, reason=exc.strerror or exc) from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ExportError("import_bad_json", reason="not UTF-8") from exc
    except (ValueError, RecursionError) as exc:
        raise ExportError("import_bad_json", reason=str(exc)[:200]) from exc
    items = _items_of(data)
    if items is None:
        raise ExportError("import_not_annotations")
    if len(items) > MAX_ITEMS:
        raise ExportError("import_too_many", count=len(items), limit=MAX_ITEMS)
    return items


def _items_of(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return None
    kind = data.get("type")
    if kind == "Annotation" or "target" in data:
        return [data]
    if isinstance(data.get("items"), list):  # an AnnotationPage, or a page-like wrapper
        return data["items"]
    first = data.get("first")
    if isinstance(first, dict) and isinstance(first.get("items"), list):
        return first["items"]
    if kind in ("AnnotationCollection", "AnnotationPage"):
        return []
    return None


# ----- one item -------------------------------------------------------------------------------


def _str(obj: dict[str, Any], key: str, default: str = "", *, limit: int = MAX_NOTE) -> str:
    value = obj.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise _Skip("skip_bad_field", field=key)
    if len(value) > limit:
        raise _Skip("skip_too_long")
    if not storable(value):
        raise _Skip("skip_bad_text", field=key)
    return value


def _int(obj: dict[str, Any], key: str) -> int:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_OFFSET:
        raise _Skip("skip_bad_field", field=key)
    return value


def _time(obj: dict[str, Any], key: str, default: str) -> str:
    value = _str(obj, key, "", limit=64)
    if not value:
        return default
    if not _ISO.match(value):
        raise _Skip("skip_bad_field", field=key)
    return value


def _when(stamp: str) -> datetime | None:
    try:
        d = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return d if d.tzinfo else None


def _newer(a: str, b: str) -> bool:
    """Whether timestamp ``a`` is later than ``b``."""
    da, db = _when(a), _when(b)
    if da is not None and db is not None:
        return da > db
    return a > b


def _our_id(raw_id: Any, item: dict[str, Any]) -> str:
    if raw_id is not None and not isinstance(raw_id, str):
        raise _Skip("skip_bad_field", field="id")
    if raw_id:
        s = raw_id.removeprefix(URN_UUID)
        try:
            return str(uuid.UUID(s))
        except ValueError:
            return _uuid5(raw_id)  # another tool's id: stable across imports
    digest = json.dumps(item.get("target"), sort_keys=True, ensure_ascii=False, default=str)
    return _uuid5(digest + json.dumps(item.get("body"), default=str))


def _uuid5(name: str) -> str:
    """``uuid5`` in our namespace; a name with lone surrogates is hashed by its code units
    (``uuid.uuid5`` would raise: it encodes the name as UTF-8)."""
    if storable(name):
        return str(uuid.uuid5(_IMPORT_NS, name))
    digest = hashlib.sha1(_IMPORT_NS.bytes + name.encode("utf-8", "surrogatepass")).digest()
    return str(uuid.UUID(bytes=digest[:16], version=5))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


@dataclass(slots=True)
class _Parsed:
    kind: str  # "annotation" | "bookmark"
    id: str
    exact: str | None
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    fingerprint: str
    note: str
    tags: tuple[str, ...]
    color: str
    style: str
    section: str
    status: str
    created: str
    modified: str
    original_exact: str
    title: str
    dated: bool = True  # the file gave a modified time (else an existing note is never overwritten)


def parse_item(raw: Any) -> _Parsed:
    if not isinstance(raw, dict):
        raise _Skip("skip_not_object")
    ann_id = _our_id(raw.get("id"), raw)
    targets = [t for t in _as_list(raw.get("target")) if isinstance(t, dict)]
    if not targets:
        raise _Skip("skip_no_target")
    target = targets[0]
    quote = pos = None
    for s in _as_list(target.get("selector")):
        if isinstance(s, dict) and s.get("type") == "TextQuoteSelector" and quote is None:
            quote = s
        elif isinstance(s, dict) and s.get("type") == "TextPositionSelector" and pos is None:
            pos = s
    if quote is None and pos is None:
        raise _Skip("skip_no_target")
    exact = prefix = suffix = None
    if quote is not None:
        exact = _str(quote, "exact", limit=MAX_QUOTE)
        prefix, suffix = _str(quote, "prefix", limit=MAX_QUOTE), _str(quote, "suffix", limit=MAX_QUOTE)
        if not exact:
            raise _Skip("skip_bad_field", field="exact")
    start = end = None
    if pos is not None:
        start, end = _int(pos, "start"), _int(pos, "end")
        if end <= start:
            raise _Skip("skip_bad_field", field="end")
    source = target.get("source")
    fp = _str(raw, "yandu:anchoredFingerprint", limit=128)
    if not fp and isinstance(source, str) and source.startswith(URN_SHA256):
        fp = _str(target, "source", limit=MAX_QUOTE).removeprefix(URN_SHA256)
    motivations = [m for m in _as_list(raw.get("motivation")) if isinstance(m, str)]
    kind = "bookmark" if raw.get("yandu:kind") == "bookmark" or "bookmarking" in motivations else "annotation"
    notes: list[str] = []
    tags: list[str] = []
    title = ""
    if isinstance(raw.get("bodyValue"), str):
        notes.append(_str(raw, "bodyValue"))
    for body in _as_list(raw.get("body")):
        if isinstance(body, str):
            continue  # an IRI body: nothing to show
        if not isinstance(body, dict):
            raise _Skip("skip_bad_field", field="body")
        if "value" not in body:
            continue
        value = _str(body, "value")
        purpose = [p for p in _as_list(body.get("purpose")) if isinstance(p, str)]
        if "tagging" in purpose:
            tags.append(value)
        elif "describing" in purpose and kind == "bookmark":
            title = value
        else:
            notes.append(value)
    note = "\n\n".join(n for n in notes if n)
    if len(note) > MAX_NOTE or len(tags) > MAX_TAGS:
        raise _Skip("skip_too_long")
    color_raw = _str(raw, "yandu:color", limit=64)
    try:
        color = color_key(color_raw) if color_raw else DEFAULT_COLOR
    except ValueError:
        raise _Skip("skip_bad_field", field="yandu:color") from None
    style = _str(raw, "yandu:style", limit=64) or DEFAULT_STYLE
    if style not in STYLES:
        raise _Skip("skip_bad_field", field="yandu:style")
    status = _str(raw, "yandu:status", limit=64) or ANCHORED
    if status not in STATUSES:
        raise _Skip("skip_bad_field", field="yandu:status")
    now = now_iso()
    created = _time(raw, "created", now)
    return _Parsed(
        kind=kind,
        id=ann_id,
        exact=exact,
        prefix=prefix or "",
        suffix=suffix or "",
        start=start,
        end=end,
        fingerprint=fp,
        note=note,
        tags=normalise_tags(tags),
        color=color,
        style=style,
        section=_str(raw, "yandu:section", limit=MAX_QUOTE),
        status=status,
        created=created,
        modified=_time(raw, "modified", created),
        original_exact=_str(raw, "yandu:originalExact", limit=MAX_QUOTE),
        title=_str(raw, "yandu:title", limit=MAX_QUOTE) or title,
        dated=bool(raw.get("modified") or raw.get("created")),
    )


def place(p: _Parsed, doc: Document, doc_id: str) -> Annotation:
    """The parsed item as an annotation on ``doc``'s current text (re-anchored, or an orphan)."""
    text = doc.text
    if p.exact is None:  # a position only: take the text that is there now
        if p.end is None or p.start is None or p.end > len(text):
            raise _Skip("skip_out_of_range")
        sel = make_quote(text, p.start, p.end)
        exact, prefix, suffix, start, end = sel.exact, sel.prefix, sel.suffix, sel.start, sel.end
    else:
        exact, prefix, suffix = p.exact, p.prefix, p.suffix
        start = p.start if p.start is not None else 0
        end = p.end if p.end is not None else start + len(exact)
    ann = Annotation(
        id=p.id,
        doc_id=doc_id,
        start=start,
        end=end,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        section=p.section,
        color=p.color,
        style=p.style,
        note=p.note,
        tags=p.tags,
        created=p.created,
        modified=p.modified,
        status=p.status,
        anchored_fingerprint=p.fingerprint,
        original_exact=p.original_exact or exact,
    )
    fits = text[start:end] == exact
    if fits and p.exact is not None and p.fingerprint == doc.fingerprint and p.start is not None:
        return ann if p.status == ANCHORED else replace(ann, status=ANCHORED)  # exactly as exported
    if fits and p.exact is None:
        return replace(
            ann, section=section_label(doc, start), status=ANCHORED, anchored_fingerprint=doc.fingerprint
        )
    found = reanchor(ann, text)
    if not found.anchored:
        return replace(ann, status=ORPHAN)
    return placed_at(ann, doc, found.start, found.end)


def to_bookmark(a: Annotation, p: _Parsed) -> Bookmark:
    return Bookmark(
        id=a.id,
        doc_id=a.doc_id,
        offset=a.start,
        exact=a.exact,
        prefix=a.prefix,
        suffix=a.suffix,
        title=p.title,
        section=a.section,
        created=a.created,
        modified=a.modified,
        status=a.status,
        anchored_fingerprint=a.anchored_fingerprint,
    )


# ----- the plan -------------------------------------------------------------------------------


def plan_import(store: NotesStore, doc: Document, path: Path) -> ImportPlan:
    items = read_items(path)  # before touching the store: a bad file changes nothing
    doc_id = store.open_document(doc)
    plan = ImportPlan(path=path, doc_id=doc_id, fingerprint=doc.fingerprint)
    mine = {a.id: a for a in store.annotations(doc_id)}
    my_bms = {b.id: b for b in store.bookmarks(doc_id)}
    seen: set[str] = set()
    for i, raw in enumerate(items):
        where = f"#{i + 1}"
        try:
            p = parse_item(raw)
            where = f"#{i + 1} ({p.id})"
            if p.id in seen:
                raise _Skip("skip_duplicate")
            seen.add(p.id)
            ann = validate(place(p, doc, doc_id))
            if p.kind == "bookmark":
                _plan_bookmark(store, plan, to_bookmark(ann, p), my_bms, p.dated)
            else:
                _plan_annotation(store, plan, ann, mine, p.dated)
        except _Skip as skip:
            plan.skipped.append(Skipped(where, str(skip)))
        except ValueError as exc:  # validate(): colour, style, range
            plan.skipped.append(Skipped(where, str(exc)))
    return plan


def _plan_annotation(
    store: NotesStore, plan: ImportPlan, ann: Annotation, mine: dict[str, Annotation], dated: bool
) -> None:
    old = mine.get(ann.id)
    if old is None:
        if store.annotation(ann.id) is not None:
            raise _Skip("skip_other_document")
        plan.added.append(ann)
    elif dated and _newer(ann.modified, old.modified):
        plan.updated.append(ann)
    else:
        plan.unchanged.append(old)
        return
    if ann.is_orphan:
        plan.orphans.append(ann)


def _plan_bookmark(
    store: NotesStore, plan: ImportPlan, bm: Bookmark, mine: dict[str, Bookmark], dated: bool
) -> None:
    old = mine.get(bm.id)
    if old is None:
        if store.matching_ids(bm.id, bookmarks=True) == [bm.id]:
            raise _Skip("skip_other_document")
        plan.bookmarks_added.append(bm)
    elif dated and _newer(bm.modified, old.modified):
        plan.bookmarks_updated.append(bm)
    else:
        plan.bookmarks_unchanged.append(old)


def apply_import(store: NotesStore, plan: ImportPlan) -> None:
    """Write the plan's additions and updates in one transaction."""
    store.upsert_many([*plan.added, *plan.updated], [*plan.bookmarks_added, *plan.bookmarks_updated])
