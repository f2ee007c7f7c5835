"""Properties of structure detection (desktop_app/core/structure.py) on random office texts.

Never raises; every section starts at its paragraph inside the text and ends after it starts;
sections are in document order; levels start at 1 and go at most one deeper at a time; a
section lies inside its parent (children deeper than parents); ends are where the next section
of the same or a higher level starts; the document head is never a heading.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.document import Document, Section
from desktop_app.core.loader import DocumentError, document_from_text
from desktop_app.core.structure import FLAT_MAX_NODES, detect_sections
from tests.property.profile import prop
from tests.property.strategies import HOSTILE_TEXT, PARAGRAPHS


def check_tree(doc: Document, sections: list[Section], skip: frozenset[int] = frozenset()) -> None:
    text = doc.text
    assert len(sections) <= max(FLAT_MAX_NODES, len(doc.paragraphs))
    previous: Section | None = None
    for i, s in enumerate(sections):
        para = doc.paragraphs[s.paragraph_index]
        assert s.start == para.start, "a heading starts its paragraph"
        assert 0 <= s.start < s.end <= len(text), s
        assert s.level >= 1 and s.title and "\n" not in s.title
        assert s.paragraph_index not in skip, "the document head is never a heading"
        if previous is None:
            assert s.level == 1
        else:
            assert previous.start < s.start, "sections in document order, one per paragraph"
            assert s.level <= previous.level + 1, "a level is never skipped"
        # The end: where the next section of the same or a higher level starts, else the end.
        following = [t for t in sections[i + 1 :] if t.level <= s.level]
        assert s.end == (following[0].start if following else len(text))
        # The parent: the nearest earlier section of a lower level; it holds this one.
        parents = [t for t in sections[:i] if t.level < s.level]
        if s.level > 1:
            parent = parents[-1]
            assert parent.level == s.level - 1
            assert parent.start < s.start and s.end <= parent.end
        previous = s
    for offset in {0, len(text) // 2, max(0, len(text) - 1), *(s.start for s in sections[:50])}:
        chain = doc.section_path(offset)
        assert [c.level for c in chain] == list(range(1, len(chain) + 1)), "children deeper than parents"
        assert all(c.start <= offset < c.end for c in chain)


@prop(300)
@given(paragraphs=PARAGRAPHS)
def test_sections_of_random_office_texts_are_a_consistent_tree(paragraphs: list[str]) -> None:
    doc = Document.from_paragraphs(paragraphs)
    doc.sections = detect_sections(doc.paragraphs, len(doc.text))
    check_tree(doc, doc.sections)


@prop(200)
@given(paragraphs=PARAGRAPHS, skip=st.sets(st.integers(0, 5), max_size=4))
def test_skipped_head_paragraphs_are_never_headings(paragraphs: list[str], skip: set[int]) -> None:
    doc = Document.from_paragraphs(paragraphs)
    skip_ = frozenset(i for i in skip if i < len(paragraphs))
    doc.sections = detect_sections(doc.paragraphs, len(doc.text), skip=skip_)
    check_tree(doc, doc.sections, skip_)


@prop(200)
@given(text=st.one_of(HOSTILE_TEXT, st.lists(HOSTILE_TEXT, max_size=20).map("\n".join)))
def test_any_text_gives_a_consistent_tree_or_a_document_error(text: str) -> None:
    """The whole loader after decoding (metadata, head, sections) on any Unicode."""
    try:
        doc = document_from_text(text)
    except DocumentError:
        return
    check_tree(doc, doc.sections, frozenset(doc.metadata.head_paragraphs))
