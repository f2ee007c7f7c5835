"""Where a hit is: the section path of every paragraph, and a snippet around a match."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.core.document import Document

SECTION_SEPARATOR = " › "
SNIPPET_RADIUS = 30
SENTENCE_MARKS = "。！？；!?;"


def paragraph_sections(doc: Document) -> list[str]:
    """The section path of every paragraph's start, joined by " › " (one sweep)."""
    out: list[str] = []
    sections = doc.sections
    chain: list[Any] = []
    k = 0
    cache: dict[tuple[int, ...], str] = {}
    for para in doc.paragraphs:
        offset = para.start
        while k < len(sections) and sections[k].start <= offset:
            s = sections[k]
            while chain and chain[-1].level >= s.level:
                chain.pop()
            chain.append(s)
            k += 1
        live = tuple(i for i, s in enumerate(chain) if offset < s.end)
        key = tuple(id(chain[i]) for i in live)
        text = cache.get(key)
        if text is None:
            text = cache[key] = SECTION_SEPARATOR.join(chain[i].title for i in live)
        out.append(text)
    return out


def make_snippet(text: str, start: int, end: int, radius: int = SNIPPET_RADIUS) -> tuple[str, int, int]:
    """About ``radius`` characters either side of ``text[start:end]``, cut at sentence marks.

    Returns ``(snippet, match start in snippet, match end in snippet)``; ``…``
    marks a cut that is not at a sentence boundary.
    """
    lo = max(0, start - radius)
    left = text[lo:start]
    cut = max(left.rfind(m) for m in SENTENCE_MARKS)
    if cut >= 0:
        left = left[cut + 1 :].lstrip()
        lo = -1
    right = text[end : end + radius]
    marks = [i for i in (right.find(m) for m in SENTENCE_MARKS) if i >= 0]
    hi_cut = end + radius < len(text)
    if marks:
        right = right[: min(marks) + 1]
        hi_cut = False
    prefix = "…" if lo > 0 else ""
    snippet = prefix + left + text[start:end] + right + ("…" if hi_cut else "")
    s = len(prefix) + len(left)
    return snippet, s, s + (end - start)
