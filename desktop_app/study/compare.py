"""Comparing two versions of a document: sentence by sentence, then character by character.

The texts are cut into sentences (at 。！？； and paragraph ends, offsets kept); the two
sentence lists are aligned with rapidfuzz's Levenshtein opcodes (a well-kept C library, MIT);
in a replaced run each old sentence is paired with the most similar new one (rapidfuzz ratio
>= REWORDED) and the pair is compared character by character (what was added, removed,
reworded: Chinese has no spaces, so characters are the unit).  A sentence deleted in one
place and inserted unchanged in another is "moved".  The summary counts sections added and
removed (by title), sentences added, removed, changed and moved, and the formulations that are
new in the later version.  No Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.core.document import Document

REWORDED = 0.5  # a pair of sentences this similar is one sentence reworded, else removed + added
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+|\n|$)")

ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # ADDED, REMOVED, CHANGED, MOVED
    old: Sentence | None
    new: Sentence | None
    # CHANGED: the pieces in order, (op, old text, new text); op "equal", "insert", "delete", "replace"
    parts: tuple[tuple[str, str, str], ...] = ()

    def as_json(self) -> dict[str, object]:
        def side(s: Sentence | None) -> dict[str, object] | None:
            return None if s is None else {"start": s.start, "end": s.end, "text": s.text}

        return {
            "kind": self.kind,
            "old": side(self.old),
            "new": side(self.new),
            "parts": [list(p) for p in self.parts],
        }


@dataclass
class Comparison:
    changes: list[Change] = field(default_factory=list)
    sections_added: list[str] = field(default_factory=list)
    sections_removed: list[str] = field(default_factory=list)
    new_formulations: list[str] = field(default_factory=list)
    gone_formulations: list[str] = field(default_factory=list)
    sentences_same: int = 0

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    def summary_lines(self) -> list[str]:
        """The summary in words (the language in effect): sentences, then sections and formulations."""
        from desktop_app.core.messages import message

        lines = [
            message(
                "compare_summary",
                same=self.sentences_same,
                added=self.count(ADDED),
                removed=self.count(REMOVED),
                changed=self.count(CHANGED),
                moved=self.count(MOVED),
            )
        ]
        for key, items in (
            ("compare_sections_added", self.sections_added),
            ("compare_sections_removed", self.sections_removed),
            ("compare_new_formulations", self.new_formulations),
        ):
            if items:
                lines.append(message(key, items="、".join(items)))
        return lines

    def summary(self) -> dict[str, object]:
        return {
            "sentences_same": self.sentences_same,
            "sentences_added": self.count(ADDED),
            "sentences_removed": self.count(REMOVED),
            "sentences_changed": self.count(CHANGED),
            "sentences_moved": self.count(MOVED),
            "sections_added": self.sections_added,
            "sections_removed": self.sections_removed,
            "new_formulations": self.new_formulations,
            "gone_formulations": self.gone_formulations,
        }


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their offsets (blank pieces left out)."""
    out: list[Sentence] = []
    for m in _SENTENCE.finditer(text):
        s = m.group().strip()
        if s:
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            out.append(Sentence(start, start + len(s), s))
    return out


def char_parts(old: str, new: str) -> tuple[tuple[str, str, str], ...]:
    """``old`` -> ``new`` character by character, as (op, old piece, new piece)."""
    from rapidfuzz.distance import Levenshtein

    return tuple(
        (op.tag, old[op.src_start : op.src_end], new[op.dest_start : op.dest_end])
        for op in Levenshtein.opcodes(old, new)
    )


def _pair(olds: list[Sentence], news: list[Sentence]) -> list[Change]:
    """A replaced run: each old sentence with its most similar new one (in order), the rest
    removed or added."""
    from rapidfuzz import fuzz

    out: list[Change] = []
    j = 0
    for o in olds:
        best, best_k = 0.0, -1
        for k in range(j, len(news)):
            score = fuzz.ratio(o.text, news[k].text) / 100
            if score > best:
                best, best_k = score, k
        if best_k >= 0 and best >= REWORDED:
            out.extend(Change(ADDED, None, n) for n in news[j:best_k])
            n = news[best_k]
            out.append(Change(CHANGED, o, n, char_parts(o.text, n.text)))
            j = best_k + 1
        else:
            out.append(Change(REMOVED, o, None))
    out.extend(Change(ADDED, None, n) for n in news[j:])
    return out


def compare_texts(old: str, new: str) -> Comparison:
    """The changes from ``old`` to ``new`` (sentences; characters inside changed ones)."""
    from rapidfuzz.distance import Levenshtein

    a, b = sentences(old), sentences(new)
    result = Comparison()
    for op in Levenshtein.opcodes([s.text for s in a], [s.text for s in b]):
        olds, news = a[op.src_start : op.src_end], b[op.dest_start : op.dest_end]
        if op.tag == "equal":
            result.sentences_same += len(olds)
        elif op.tag == "delete":
            result.changes.extend(Change(REMOVED, o, None) for o in olds)
        elif op.tag == "insert":
            result.changes.extend(Change(ADDED, None, n) for n in news)
        else:
            result.changes.extend(_pair(olds, news))
    _find_moves(result)
    return result


def _find_moves(result: Comparison) -> None:
    """A sentence removed in one place and added unchanged in another: moved."""
    added: dict[str, list[int]] = {}
    for i, c in enumerate(result.changes):
        if c.kind == ADDED and c.new is not None and len(c.new.text) >= 6:
            added.setdefault(c.new.text, []).append(i)
    drop: set[int] = set()
    for i, c in enumerate(result.changes):
        if c.kind == REMOVED and c.old is not None and added.get(c.old.text):
            k = added[c.old.text].pop(0)
            result.changes[i] = Change(MOVED, c.old, result.changes[k].new)
            drop.add(k)
    result.changes = [c for i, c in enumerate(result.changes) if i not in drop]


def compare_documents(old: Document, new: Document, segment: object = None) -> Comparison:
    """:func:`compare_texts` plus what only documents have: sections added or removed (by
    title, similar titles counted as the same) and formulations new in ``new``."""
    from rapidfuzz import fuzz

    from desktop_app.core.formulations import formulations

    result = compare_texts(old.text, new.text)
    old_titles = [s.title for s in old.sections if not s.run_in]
    new_titles = [s.title for s in new.sections if not s.run_in]

    def found_in(title: str, titles: list[str]) -> bool:
        return title in titles or any(fuzz.ratio(title, t) >= 80 for t in titles)

    result.sections_added = [t for t in new_titles if not found_in(t, old_titles)]
    result.sections_removed = [t for t in old_titles if not found_in(t, new_titles)]
    before = {f.term for f in formulations(old.text, segment)}  # type: ignore[arg-type]
    after = [f.term for f in formulations(new.text, segment)]  # type: ignore[arg-type]
    result.new_formulations = [t for t in after if t not in before]
    now = set(after)
    result.gone_formulations = sorted(t for t in before if t not in now)
    return result
