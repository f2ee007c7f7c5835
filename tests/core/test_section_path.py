"""Document.section_path (a binary search and a walk up the tree) equals the plain scan it replaced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.document import Document, Section


def scan(sections: list[Section], offset: int) -> list[Section]:
    chain: list[Section] = []
    for s in sections:
        if s.start > offset:
            break
        while chain and chain[-1].level >= s.level:
            chain.pop()
        chain.append(s)
    return [s for s in chain if offset < s.end]


@settings(max_examples=200, deadline=None)
@given(
    heads=st.lists(st.tuples(st.integers(0, 300), st.integers(1, 4), st.integers(1, 120)), max_size=40),
    offsets=st.lists(st.integers(-5, 420), min_size=1, max_size=30),
)
def test_the_tree_walk_equals_the_scan(heads: list[tuple[int, int, int]], offsets: list[int]) -> None:
    doc = Document.from_paragraphs(["x" * 400])
    sections = sorted(
        (Section(level, f"h{i}", start, start + length, 0) for i, (start, level, length) in enumerate(heads)),
        key=lambda s: s.start,
    )
    doc.sections = sections
    for offset in offsets:
        assert doc.section_path(offset) == scan(sections, offset)
    doc.sections = sections[: len(sections) // 2]  # a new list of sections: worked out again
    for offset in offsets:
        assert doc.section_path(offset) == scan(doc.sections, offset)


def test_equal_documents_stay_equal_whatever_was_asked() -> None:
    a = Document.from_paragraphs(["一、甲", "正文"])
    b = Document.from_paragraphs(["一、甲", "正文"])
    a.section_path(3)  # builds a's cache only
    assert a == b
