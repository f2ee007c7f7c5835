"""Properties of re-anchoring (desktop_app/core/anchoring.py, core/annotations.py, and the re-anchoring
step the notes store runs when a document's text changed, storage/documents.reanchor_notes).

A note is made on a real text (lines of the corpus), the text is edited at random (insertions,
deletions, replacements: characters or whole paragraphs), and the note is re-anchored:

* it is either an orphan, or on text whose similarity to its quote is at least the threshold
  (0.75, computed here independently: Indel similarity through a longest common subsequence),
  with its context agreeing for a short quote: never moved to unrelated text;
* when the edits did not touch the quote or its 32 characters of context, it is found, exactly
  where the edits moved it;
* when the edits are undone, a note that moved (or was rewritten) goes back to where it was,
  with its original quote.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import assume, event, example, given
from hypothesis import strategies as st

from desktop_app.core.anchoring import MIN_CONTEXT_SIMILARITY, MIN_QUOTE_SIMILARITY, SHORT_QUOTE
from desktop_app.core.annotations import Annotation, new_annotation
from desktop_app.core.document import Document
from desktop_app.storage.documents import reanchor_notes
from tests.property.profile import NO_SHRINK, prop
from tests.property.strategies import CHINESE, corpus_lines


def lcs(a: str, b: str) -> int:
    """Length of the longest common subsequence (plain dynamic programming)."""
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def similarity(a: str, b: str) -> float:
    """Normalised Indel similarity: 1 - (insertions + deletions) / (len a + len b)."""
    if not a and not b:
        return 1.0
    return 2 * lcs(a, b) / (len(a) + len(b))


def context_agrees(ann: Annotation, text: str, start: int, end: int) -> float:
    p, s = ann.prefix, ann.suffix
    before, after = text[max(0, start - len(p)) : start], text[end : end + len(s)]
    if not p and not s:
        return 1.0
    if not p:
        return similarity(s, after)
    if not s:
        return similarity(p, before)
    return (len(p) * similarity(p, before) + len(s) * similarity(s, after)) / (len(p) + len(s))


def doc_of(text: str) -> Document:
    """A document whose text is exactly ``text`` (the edits below keep offsets exact)."""
    return Document.from_paragraphs(text.split("\n"))


@dataclass
class Edited:
    text: str
    touched: bool  # an edit fell inside the note's quote or context
    shift: int  # how far the note's start moved (when not touched)
    window: tuple[int, int]  # where the quote and its context are in the edited text (about, if touched)
    quote: tuple[int, int] | None = None  # where the quote is in the edited text (small edits inside it)


LINES = st.lists(st.sampled_from(corpus_lines()), min_size=3, max_size=25, unique=True)
INSERT = st.one_of(
    st.text(CHINESE, min_size=1, max_size=30).map(lambda s: s.replace("\n", "")),
    st.sampled_from(corpus_lines()).map(lambda line: "\n" + line),  # a new paragraph
)


SMALL_INSERT = st.text(CHINESE, min_size=1, max_size=4).map(lambda s: s.replace("\n", "") or "改")


@st.composite
def edits(draw: st.DrawFn, text: str, window: tuple[int, int], quote: tuple[int, int] | None) -> Edited:
    """1 to 4 random edits of ``text`` (characters or whole paragraphs); ``window`` is the note's
    quote with its context.  With ``quote``: 1 or 2 small edits (a few characters inserted,
    deleted or replaced: a typo fixed, a word changed) inside the quote."""
    ws, we = window
    touched, shift = False, 0
    for _ in range(draw(st.integers(1, 2) if quote else st.integers(1, 4))):
        if quote:
            a = draw(st.integers(quote[0], quote[1]))
            b = min(len(text), a + draw(st.sampled_from([0, 1, 2, 3])))
            ins = draw(st.one_of(st.just(""), SMALL_INSERT)) if b > a else draw(SMALL_INSERT)
            quote = (quote[0], max(quote[0], quote[1] + len(ins) - (b - a)))
        else:
            a = draw(st.integers(0, len(text)))
            b = min(len(text), a + draw(st.sampled_from([0, 0, 1, 3, 10, 40, 200])))
            ins = draw(st.one_of(st.just(""), INSERT)) if b > a else draw(INSERT)
        text = text[:a] + ins + text[b:]
        delta = len(ins) - (b - a)
        if b <= ws:
            ws, we, shift = ws + delta, we + delta, shift + delta
        elif a >= we:
            pass
        else:
            touched = True
            we = max(we + delta, ws)
    return Edited(text, touched, shift, (ws, we), quote)


@st.composite
def a_note_and_edits(
    draw: st.DrawFn, *, inside: bool = False, lengths: tuple[int, ...] = (2, 5, 12, 30, 80)
) -> tuple[Document, Annotation, Edited]:
    doc = doc_of("\n".join(draw(LINES)))
    n = len(doc.text)
    start = draw(st.integers(0, n - 1))
    end = draw(st.integers(start + 1, min(n, start + draw(st.sampled_from(lengths)))))
    ann = new_annotation(doc, start, end, note="笔记")
    window = (start - len(ann.prefix), end + len(ann.suffix))
    return doc, ann, draw(edits(doc.text, window, (start, end) if inside else None))


def reanchored(ann: Annotation, doc: Document) -> Annotation:
    (moved,), _ = reanchor_notes(doc, [ann], [])
    return moved


@prop(300)
@given(case=a_note_and_edits())
def test_a_note_is_on_matching_text_or_an_orphan(case: tuple[Document, Annotation, Edited]) -> None:
    _doc, ann, edited = case
    new_doc = doc_of(edited.text)
    moved = reanchored(ann, new_doc)
    event("orphan" if moved.is_orphan else "anchored")
    if moved.is_orphan:
        return
    text = new_doc.text
    assert 0 <= moved.start < moved.end <= len(text)
    assert moved.exact == text[moved.start : moved.end]
    assert moved.original_exact == ann.exact and moved.note == ann.note and moved.id == ann.id
    q = similarity(ann.exact, moved.exact)
    assert q >= MIN_QUOTE_SIMILARITY - 1e-9, (ann.exact, moved.exact, q)
    if len(ann.exact) < SHORT_QUOTE:
        assert context_agrees(ann, text, moved.start, moved.end) >= MIN_CONTEXT_SIMILARITY - 1e-9


def _unique(ann: Annotation, *texts: str) -> bool:
    """The quote with its whole context occurs once: else two places are equally right."""
    return all(t.count(ann.prefix + ann.exact + ann.suffix) == 1 for t in texts)


@prop(300)
@given(case=a_note_and_edits())
def test_edits_away_from_a_note_move_it_exactly_and_undoing_them_moves_it_back(
    case: tuple[Document, Annotation, Edited],
) -> None:
    doc, ann, edited = case
    assume(not edited.touched and _unique(ann, doc.text, edited.text))
    moved = reanchored(ann, doc_of(edited.text))
    assert not moved.is_orphan
    assert (moved.start, moved.end, moved.exact) == (
        ann.start + edited.shift,
        ann.end + edited.shift,
        ann.exact,
    )
    # Undoing: exact whenever the moved note's own quote and context still identify one place in the
    # original text.  An edit right next to the note (inside its new 32 characters of context) is,
    # undone, an edit inside that context: a one-character note beside its twin ("——" at the start
    # of the text, a paragraph inserted before it) may then come back one character off.
    window = moved.prefix + moved.exact + moved.suffix
    if doc.text.count(window) != 1 and (len(ann.exact) < SHORT_QUOTE or doc.text.count(ann.exact) != 1):
        event("undo not checked: the edit is inside the moved note's context and the quote is short")
        return
    back = reanchored(moved, doc)
    assert (back.start, back.end, back.exact, back.status) == (ann.start, ann.end, ann.exact, ann.status)
    assert (back.prefix, back.suffix) == (ann.prefix, ann.suffix)


def _undo_check(doc: Document, ann: Annotation, edited: Edited, *, away_is_known: bool = False) -> None:
    """If the note stayed with its passage (found overlapping where the passage is now), undoing
    the edits gives back its original place and quote.

    The quote must occur once in the original text (deleting one of two identical neighbours,
    "——" -> "—", cannot be undone to a single right answer) and be at least SHORT_QUOTE long: a
    shorter quote is found by its context as much as by itself, and an edit that rewrote the
    context may leave too little of it to come back (a one-character note whose 32 characters of
    prefix were all inserted before it is an orphan once they are removed again: by design).

    ``away_is_known``: a note found on another, similar passage (not overlapping its own quote)
    is the open defect of test_undoing_bigger_edits_around_a_note_brings_it_back; counted here,
    not failed twice."""
    assume(edited.touched and len(ann.exact) >= SHORT_QUOTE and doc.text.count(ann.exact) == 1)
    moved = reanchored(ann, doc_of(edited.text))
    ws, we = edited.window
    assume(not moved.is_orphan)
    if away_is_known and edited.quote and not (moved.start < edited.quote[1] and edited.quote[0] < moved.end):
        event("found on another similar passage (the open defect, see the xfail test)")
        return
    event("quote unchanged by the edits" if moved.exact == ann.exact else "quote rewritten by the edits")
    assert moved.start < we and ws < moved.end, (
        f"{ann.exact!r} moved away from its passage, to {moved.exact!r} at {moved.start}"
    )
    back = reanchored(moved, doc)
    assert not back.is_orphan, (ann.exact, moved.exact)
    assert (back.start, back.end, back.exact) == (ann.start, ann.end, ann.exact), (ann.exact, moved.exact)


@prop(300)
@given(case=a_note_and_edits(inside=True, lengths=(12, 20, 40, 80)))
def test_undoing_small_edits_inside_a_note_brings_it_back(case: tuple[Document, Annotation, Edited]) -> None:
    """A few characters inserted, deleted or replaced inside the quote (a typo fixed, a word
    changed), then undone: the note is back where it was, with its whole quote."""
    _undo_check(*case, away_is_known=True)


@st.composite
def edits_around_a_note(draw: st.DrawFn) -> tuple[Document, Annotation, Edited]:
    """Bigger edits starting inside a note's quote or context: up to 40 characters deleted,
    text or whole paragraphs inserted (a paragraph pasted into the middle of a note)."""
    doc = doc_of("\n".join(draw(LINES)))
    n = len(doc.text)
    start = draw(st.integers(0, n - 1))
    end = draw(st.integers(start + 1, min(n, start + draw(st.sampled_from([12, 20, 40, 80])))))
    ann = new_annotation(doc, start, end, note="笔记")
    ws, we = start - len(ann.prefix), end + len(ann.suffix)
    text, touched = doc.text, False
    for _ in range(draw(st.integers(1, 3))):
        a = draw(st.integers(ws, min(len(text), we)))
        b = min(len(text), a + draw(st.sampled_from([0, 0, 1, 3, 10, 40])))
        ins = draw(st.one_of(st.just(""), INSERT)) if b > a else draw(INSERT)
        text = text[:a] + ins + text[b:]
        touched = touched or a < we
        we = max(we + len(ins) - (b - a), ws)
    return doc, ann, Edited(text, touched, 0, (ws, we))


_LAW = (
    "中华人民共和国主席、副主席都缺位的时候，由全国人民代表大会补选；在补选以前，"
    "由全国人民代表大会常务委员会委员长暂时代理主席职位。"
)
_LAW_NOTE = new_annotation(doc_of(_LAW), 15, 25)  # 位的时候，由全国人民
_MOVED_AWAY = (doc_of(_LAW), _LAW_NOTE, Edited(_LAW.replace("副主席都缺位的时候，", ""), True, 0, (0, 56)))


@pytest.mark.xfail(
    strict=True,
    reason="desktop_app/core/anchoring.py _fuzzy/_acceptable: a fuzzy match of a quote of 10 or more "
    "characters needs no context at all, so a note whose passage was cut moves to another clause that "
    "reaches the 0.75 threshold exactly, and stays there when the cut is undone. Minimal input: the note "
    "'位的时候，由全国人民' in '中华人民共和国主席、副主席都缺位的时候，由全国人民代表大会补选；在补选以前，"
    "由全国人民代表大会常务委员会…', with '副主席都缺位的时候，' deleted: the note moves 20 characters on "
    "to '，由全国人民' of '在补选以前，由全国人民代表大会常务委员会' (quote similarity 12/16 = 0.75, its "
    "context unlike the note's), and undoing the deletion leaves it there (issue 11 point 13).",
)
@prop(200, phases=NO_SHRINK)
@given(case=edits_around_a_note())
@example(case=_MOVED_AWAY)
def test_undoing_bigger_edits_around_a_note_brings_it_back(case: tuple[Document, Annotation, Edited]) -> None:
    _undo_check(*case)


_SPEECH_HEAD = (
    "北京市直机关工委 2023-06-14 20:09:45\n市直机关工委以“推进机关党建与全市中心工作深度融合”为主题"
)
_CONSTITUTION = (
    "第六十一条 全国人民代表大会会议每年举行一次，由全国人民代表大会常务委员会召集。如果全国人民代表大会常务"
    "委员会认为必要，或者有五分之一以上的全国人民代表大会代表提议，可以临时召集全国人民代表大会会议。"
)
_PASTED = "\n推进机关党建与全市中心工作深度融合——在市直机关“机关党建高质量发展”系列现场会(第七场)上的讲话"


def _cut(text: str, what: str, count: int) -> str:
    i = text.index(what)
    return text[:i] + text[i + count :]


def _paste_after(text: str, what: str) -> str:
    i = text.index(what) + len(what)
    return text[:i] + _PASTED + text[i:]


@pytest.mark.parametrize(
    ("text", "quote", "edited"),
    [  # each failed before the fix in core/anchoring.py that came with these tests
        # the quote lost its first character; undone, it came back without it
        (_SPEECH_HEAD, "直机关工委以“推进机", _cut(_SPEECH_HEAD, "直机关工委以", 1)),
        # "06-" cut from " 2023-06-14 "; undone, the note was an orphan (the alignment cutoff
        # was stricter than the threshold: 6 of 9 characters in a window of 9 is 0.667 < 0.675)
        (_SPEECH_HEAD, " 2023-06-14 ", _cut(_SPEECH_HEAD, "06-", 3)),
        # a paragraph pasted inside the note; undone, the note stayed on a piece of it
        (_CONSTITUTION, "委员会召集。如果全国人民代表大会常务委员", _paste_after(_CONSTITUTION, "如果全")),
        # the same in the byline's time
        (_SPEECH_HEAD.replace("\n市直机关工委", "\n在新中国成立"), "6-14 20:09:45\n",
         _paste_after(_SPEECH_HEAD, "20:")),
    ],
)  # fmt: skip
def test_undoing_an_edit_that_cut_into_a_note(text: str, quote: str, edited: str) -> None:
    doc = doc_of(text)
    start = text.index(quote)
    ann = new_annotation(doc, start, start + len(quote))
    moved = reanchored(ann, doc_of(edited))
    assert not moved.is_orphan and moved.exact != ann.exact  # the edit did cut into it
    back = reanchored(moved, doc)
    assert (back.status, back.start, back.end, back.exact) == ("anchored", ann.start, ann.end, ann.exact)
