"""Database rows <-> Annotation / Bookmark, and the statements that write them."""

from __future__ import annotations

import json
import sqlite3

from desktop_app.core.annotations import Annotation, Bookmark

_ANN_COLUMNS = (
    "id, doc_id, start_offset, end_offset, exact, prefix, suffix, section, color, style, note, tags, "
    "created, modified, status, anchored_fingerprint, original_exact"
)
_BM_COLUMNS = (
    "id, doc_id, pos, exact, prefix, suffix, title, section, created, modified, status, anchored_fingerprint"
)
ANNOTATION_INSERT = f"INSERT INTO annotations ({_ANN_COLUMNS}) VALUES ({', '.join('?' * 17)})"
ANNOTATION_UPSERT = f"INSERT OR REPLACE INTO annotations ({_ANN_COLUMNS}) VALUES ({', '.join('?' * 17)})"
BOOKMARK_INSERT = f"INSERT INTO bookmarks ({_BM_COLUMNS}) VALUES ({', '.join('?' * 12)})"
BOOKMARK_UPSERT = f"INSERT OR REPLACE INTO bookmarks ({_BM_COLUMNS}) VALUES ({', '.join('?' * 12)})"


def dump_tags(tags: tuple[str, ...] | list[str]) -> str:
    return json.dumps(list(tags), ensure_ascii=False)


def _load_tags(raw: str) -> tuple[str, ...]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return ()
    return tuple(str(t) for t in value) if isinstance(value, list) else ()


def annotation(r: sqlite3.Row) -> Annotation:
    return Annotation(
        id=r["id"],
        doc_id=r["doc_id"],
        start=r["start_offset"],
        end=r["end_offset"],
        exact=r["exact"],
        prefix=r["prefix"],
        suffix=r["suffix"],
        section=r["section"],
        color=r["color"],
        style=r["style"],
        note=r["note"],
        tags=_load_tags(r["tags"]),
        created=r["created"],
        modified=r["modified"],
        status=r["status"],
        anchored_fingerprint=r["anchored_fingerprint"],
        original_exact=r["original_exact"],
    )


def annotation_params(a: Annotation) -> tuple[object, ...]:
    return (
        a.id,
        a.doc_id,
        a.start,
        a.end,
        a.exact,
        a.prefix,
        a.suffix,
        a.section,
        a.color,
        a.style,
        a.note,
        dump_tags(a.tags),
        a.created,
        a.modified,
        a.status,
        a.anchored_fingerprint,
        a.original_exact,
    )


def bookmark(r: sqlite3.Row) -> Bookmark:
    return Bookmark(
        id=r["id"],
        doc_id=r["doc_id"],
        offset=r["pos"],
        exact=r["exact"],
        prefix=r["prefix"],
        suffix=r["suffix"],
        title=r["title"],
        section=r["section"],
        created=r["created"],
        modified=r["modified"],
        status=r["status"],
        anchored_fingerprint=r["anchored_fingerprint"],
    )


def bookmark_params(b: Bookmark) -> tuple[object, ...]:
    return (
        b.id,
        b.doc_id,
        b.offset,
        b.exact,
        b.prefix,
        b.suffix,
        b.title,
        b.section,
        b.created,
        b.modified,
        b.status,
        b.anchored_fingerprint,
    )
