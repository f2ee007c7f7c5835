"""A document's terms for study: its key formulations (core.formulations) and its key terms
(search.keyterms, jieba), as one list with counts and every occurrence.

The window's 提法 panel and ``desktop-app terms`` both use :func:`document_terms`.
"""

from __future__ import annotations

from desktop_app.core.formulations import Formulation, formulations

KEY = "key"


def _occurrences(text: str, term: str) -> tuple[int, ...]:
    out: list[int] = []
    i = text.find(term)
    while i >= 0:
        out.append(i)
        i = text.find(term, i + len(term))
    return tuple(out)


def document_terms(text: str, *, key: int = 20) -> list[Formulation]:
    """The formulations of ``text`` (quoted, numbered: the most frequent first), then its
    ``key`` key terms (best first) that are not part of a formulation listed already."""
    from desktop_app.search.keyterms import key_terms, segment

    found = formulations(text, segment)
    if key:
        listed = [f.term for f in found]
        for k in key_terms(text, limit=key * 2):
            if any(k.term in t for t in listed):
                continue
            offsets = _occurrences(text, k.term)
            found.append(Formulation(k.term, KEY, len(offsets), offsets, 0))
            listed.append(k.term)
            if sum(1 for f in found if f.kind == KEY) >= key:
                break
    return found
