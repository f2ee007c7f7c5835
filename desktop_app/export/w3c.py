"""Notes as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).

The file is one ``AnnotationCollection`` whose ``first`` is an embedded ``AnnotationPage``
holding every item (so a reader that knows only the W3C model finds them; a bare list or
page from another tool is accepted on import too).  The ``@context`` is the W3C one plus
our namespace for the fields the model has no place for::

    {"@context": ["http://www.w3.org/ns/anno.jsonld", {"yandu": "https://yandu.example/ns#"}],
     "type": "AnnotationCollection", "label": <title>, "total": n,
     "yandu:document": {"title", "fileName", "fingerprint", "issuer", "date", "speaker"},
     "first": {"type": "AnnotationPage", "startIndex": 0, "items": [<Annotation>, ...]}}

An item: ``id`` ``urn:uuid:<our id>``, ``type`` Annotation, ``motivation`` (highlighting,
commenting when it has a note, bookmarking for a bookmark), ``created``/``modified``,
``body`` (TextualBody purpose commenting for the note, one purpose tagging per tag; none
for a bare highlight), ``target`` {``source`` ``urn:sha256:<fingerprint of the text the
offsets count>``, ``selector`` [TextQuoteSelector, TextPositionSelector]} and ``yandu:color``,
``yandu:style``, ``yandu:section``, ``yandu:status``, ``yandu:paragraph``,
``yandu:originalExact``, ``yandu:anchoredFingerprint`` (``yandu:kind`` "bookmark" and
``yandu:title`` for bookmarks).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.annotations import Annotation, Bookmark
from desktop_app.export.options import ExportOptions, Progress

if TYPE_CHECKING:
    from desktop_app.core.document import Document

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
YANDU_NS = "https://yandu.example/ns#"
CONTEXT: list[Any] = [W3C_CONTEXT, {"yandu": YANDU_NS}]
URN_UUID = "urn:uuid:"
URN_SHA256 = "urn:sha256:"


def _target(doc: Document, a: Annotation | Bookmark) -> dict[str, Any]:
    fp = a.anchored_fingerprint or doc.fingerprint
    target: dict[str, Any] = {
        "source": URN_SHA256 + fp,
        "selector": [
            {"type": "TextQuoteSelector", "exact": a.exact, "prefix": a.prefix, "suffix": a.suffix},
            {"type": "TextPositionSelector", "start": a.start, "end": a.end},
        ],
    }
    if doc.path:
        target["yandu:fileName"] = Path(doc.path).name
    return target


def annotation_item(doc: Document, a: Annotation) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if a.note:
        body.append({"type": "TextualBody", "value": a.note, "format": "text/plain", "purpose": "commenting"})
    body += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in a.tags]
    item: dict[str, Any] = {
        "id": URN_UUID + a.id,
        "type": "Annotation",
        "motivation": "commenting" if a.note else "highlighting",
        "created": a.created,
        "modified": a.modified,
    }
    if body:
        item["body"] = body
    item["target"] = _target(doc, a)
    item.update(
        {
            "yandu:color": a.color,
            "yandu:colorHex": a.color_hex,
            "yandu:style": a.style,
            "yandu:section": a.section,
            "yandu:status": a.status,
            "yandu:originalExact": a.original_exact or a.exact,
            "yandu:anchoredFingerprint": a.anchored_fingerprint,
        }
    )
    if not a.is_orphan and doc.paragraphs:
        item["yandu:paragraph"] = doc.paragraph_at(a.start).index + 1
    return item


def bookmark_item(doc: Document, b: Bookmark) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": URN_UUID + b.id,
        "type": "Annotation",
        "motivation": "bookmarking",
        "created": b.created,
        "modified": b.modified,
    }
    if b.title:
        item["body"] = [{"type": "TextualBody", "value": b.title, "purpose": "describing"}]
    item["target"] = _target(doc, b)
    item.update(
        {
            "yandu:kind": "bookmark",
            "yandu:title": b.title,
            "yandu:section": b.section,
            "yandu:status": b.status,
            "yandu:anchoredFingerprint": b.anchored_fingerprint,
        }
    )
    return item


def collection(doc: Document, anns: list[Annotation], bms: list[Bookmark]) -> dict[str, Any]:
    items = [annotation_item(doc, a) for a in anns] + [bookmark_item(doc, b) for b in bms]
    return _collection(doc, items, len(items))


def _collection(doc: Document, items: list[Any], total: int) -> dict[str, Any]:
    m = doc.metadata
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": doc.title,
        "total": total,
        "yandu:document": {
            "title": doc.title,
            "fileName": Path(doc.path).name if doc.path else "",
            "fingerprint": doc.fingerprint,
            "issuer": m.issuer,
            "docNumber": m.doc_number,
            "date": m.date,
            "speaker": m.speaker,
        },
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


# json.dumps escapes C0 controls but writes DEL, C1 controls (0x9B is an 8-bit CSI) and lone
# surrogates (which UTF-8 cannot hold) as they are.
_UNSAFE_IN_FILE = re.compile("[\x7f-\x9f\ud800-\udfff]")


def write_json(
    doc: Document,
    anns: list[Annotation],
    bms: list[Bookmark],
    options: ExportOptions,
    progress: Progress | None = None,
) -> bytes:
    """The collection as UTF-8 JSON.  The notes go in exactly as stored, losslessly: every control
    character and a lone surrogate is written as a ``\\uXXXX`` escape (none reaches a terminal
    that shows the file), which reads back as the same string."""
    from desktop_app.export.jsontext import dumps

    def safe(text: str) -> bytes:
        return _UNSAFE_IN_FILE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")

    if not anns and not bms:
        return safe(dumps(collection(doc, [], [])) + "\n")
    try:
        # One item at a time into UTF-8 (10,000 notes: 16 MB of JSON; no dicts or str of all of it)
        # in the place of a marker in the collection's text: the same bytes as json.dumps.
        marker = "\x00yandu-items\x00"
        head, tail = dumps(_collection(doc, [marker], len(anns) + len(bms))).split(dumps(marker))
        items = (annotation_item(doc, a) for a in anns)
        parts = [safe(head)]
        for n, item in enumerate([*items, *(bookmark_item(doc, b) for b in bms)] if bms else items):
            if n:
                parts.append(b",\n   ")
            parts.append(safe(dumps(item, 3)))
        parts.append(safe(tail + "\n"))
        return b"".join(parts)
    except TypeError:  # a value jsontext leaves to json
        data = json.dumps(collection(doc, anns, bms), ensure_ascii=False, indent=1)
        data = _UNSAFE_IN_FILE.sub(lambda m: f"\\u{ord(m.group()):04x}", data)
        return (data + "\n").encode("utf-8")
