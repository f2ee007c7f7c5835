"""The text as the reader shows it: the same length as ``Document.text``, character for character.

Offsets, search hits, notes and exports all count ``Document.text``; the view shows
:func:`shown_text`, which only replaces characters one for one, so every position is the
same in both:

* half-width , ; : ( ) ! ? between Chinese characters become full-width
  (:func:`desktop_app.core.punctuation.to_display`), when the view option is on;
* the clock time a web portal stamps after the date in the byline ("2023-06-14 20:09:45")
  becomes spaces: a reader wants the date (trailing spaces take no room in a centred line).

Copying from the view gives what is shown (Qt copies the view's characters).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from desktop_app.core.punctuation import to_display

if TYPE_CHECKING:
    from desktop_app.core.document import Document

# a time of day at the end of a head line, after a date: " 20:09:45", " 9:30"
CLOCK_AFTER_DATE = re.compile(r"(?<=\d)(\s+\d{1,2}:\d{2}(?::\d{2})?)$")


def clock_spans(doc: Document) -> list[tuple[int, int]]:
    """Where the head's lines end in a clock time after a date (offsets into ``doc.text``)."""
    spans = []
    for i in doc.metadata.head_paragraphs:
        if i >= len(doc.paragraphs):
            continue
        p = doc.paragraphs[i]
        found = CLOCK_AFTER_DATE.search(p.text)
        if found is not None:
            spans.append((p.start + found.start(1), p.start + found.end(1)))
    return spans


_MEMO_SIZE = 2
_memo: dict[tuple[str, bool], str] = {}  # (fingerprint, full_width) -> shown text, newest last


def remember(fingerprint: str, full_width: bool, shown: str) -> None:
    """Keep a shown text worked out before (the document cache stores it): the next
    :func:`shown_text` of that document is then free, so a start converts nothing."""
    if not fingerprint:
        return
    _memo.pop((fingerprint, full_width), None)
    _memo[(fingerprint, full_width)] = shown
    while len(_memo) > _MEMO_SIZE:
        _memo.pop(next(iter(_memo)))


def shown_text(doc: Document, full_width: bool = True) -> str:
    """``doc.text`` as the reader shows it (same length; see the module's docstring)."""
    known = _memo.get((doc.fingerprint, full_width))
    if known is not None and len(known) == len(doc.text):
        return known
    shown = _work_out(doc, full_width)
    remember(doc.fingerprint, full_width, shown)
    return shown


def _work_out(doc: Document, full_width: bool) -> str:
    text = to_display(doc.text) if full_width else doc.text
    spans = clock_spans(doc)
    if not spans:
        return text
    parts, last = [], 0
    for a, b in spans:
        parts += [text[last:a], " " * (b - a)]
        last = b
    parts.append(text[last:])
    return "".join(parts)
