"""A slow, obviously-correct reference for normalised matching, written independently of the engine.

The rules (see desktop_app/search/normalization.py): each character becomes
NFKC(casefold(NFKC(ch))); controls, format characters, surrogates and variation
selectors vanish; ``\\n`` stays; a run of whitespace becomes one space only
between two non-CJK letters/digits, else nothing.  Matches are non-overlapping,
left to right, in original offsets; a match inside the expansion of a character
already used by the previous match is skipped.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.core.document import Document


def _char(ch: str) -> str:
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs") or "\ufe00" <= ch <= "\ufe0f" or ch >= "\U000e0000":
        return ""
    n = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", ch).casefold())
    return "".join(c for c in n if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))


def _wordish(c: str) -> bool:
    return c.isalnum() and ord(c) < 0x2E80


@functools.lru_cache(maxsize=8)
def ref_chars(text: str) -> tuple[tuple[str, int], ...]:
    """(normalised character, original index) for the whole text."""
    raw: list[tuple[str, int, bool]] = []  # char, orig index, is whitespace
    for i, ch in enumerate(text):
        if ch == "\n":
            raw.append(("\n", i, False))
        elif ch.isspace():
            raw.append((" ", i, True))
        else:
            n = _char(ch)
            if n.isspace():
                raw.append((" ", i, True))
            else:
                raw.extend((c, i, False) for c in n)
    out: list[tuple[str, int]] = []
    k = 0
    while k < len(raw):
        c, i, ws = raw[k]
        if not ws:
            out.append((c, i))
            k += 1
            continue
        j = k
        while j < len(raw) and raw[j][2]:
            j += 1
        before = out[-1][0] if out else ""
        after = raw[j][0] if j < len(raw) else ""
        if before and after and _wordish(before) and _wordish(after):
            out.append((" ", i))
        k = j
    return tuple(out)


def ref_normalize(text: str) -> str:
    return _joined(text)


@functools.lru_cache(maxsize=8)
def _joined(text: str) -> str:
    return "".join(c for c, _i in ref_chars(text))


def ref_find_all(text: str, query: str) -> list[tuple[int, int]]:
    q = ref_normalize(query).replace("\n", "")
    if not q:
        return []
    chars = ref_chars(text)
    norm = _joined(text)
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        k = norm.find(q, pos)
        if k < 0:
            return out
        a, b = chars[k][1], chars[k + len(q) - 1][1] + 1
        if not out or a >= out[-1][1]:
            out.append((a, b))
        pos = k + len(q)


# -- what the reader shows -------------------------------------------------------
# The reader hides some paragraphs (Document.hidden_paragraphs(): the title repeated
# after the byline); what it does not show is not a hit, so the engine never returns
# an occurrence that starts inside one.  These filter a whole-text reference the same way.


def substring_scan(text: str, q: str) -> list[tuple[int, int]]:
    """Every literal, non-overlapping occurrence of ``q`` in ``text``, left to right."""
    out, i = [], text.find(q)
    while i >= 0:
        out.append((i, i + len(q)))
        i = text.find(q, i + len(q))
    return out


def hidden_ranges(doc: Document) -> list[tuple[int, int]]:
    """(start, end) of what the reader hides, in document order: the hidden paragraphs (a title
    repeated after the byline) and the byline's clock time (shown as blanks)."""
    from desktop_app.core.display import clock_spans

    paragraphs = [(doc.paragraphs[i].start, doc.paragraphs[i].end) for i in doc.hidden_paragraphs()]
    return sorted(paragraphs + clock_spans(doc))


def _in_hidden(ranges: list[tuple[int, int]], a: int) -> bool:
    return any(s <= a < e for s, e in ranges)


def visible_hits(doc: Document, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that do not start inside a hidden paragraph (the hits the engine should give)."""
    ranges = hidden_ranges(doc)
    return [(a, b) for a, b in spans if not _in_hidden(ranges, a)]


def hidden_hits(doc: Document, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that start inside a hidden paragraph (never returned by the engine)."""
    ranges = hidden_ranges(doc)
    return [(a, b) for a, b in spans if _in_hidden(ranges, a)]


def ref_find_all_doc(doc: Document, query: str) -> list[tuple[int, int]]:
    """:func:`ref_find_all` over the document's text, without what the reader hides."""
    return visible_hits(doc, ref_find_all(doc.text, query))


def visible_count(doc: Document, needle: str) -> int:
    """``doc.text.count(needle)`` without the occurrences starting in a hidden paragraph."""
    return len(visible_hits(doc, substring_scan(doc.text, needle)))
