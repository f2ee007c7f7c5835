"""Properties of search (desktop_app/search) on a real Whoosh index on disk, for random texts and queries.

* A plain query (no operators) finds exactly the occurrences a slow, independent substring scan of
  the visible text finds (``tests/search/reference.py``: ``ref_find_all_doc``, normalised for width,
  case, invisible characters and spaces inside Chinese; without the hidden repeated title and the
  byline's clock time), with every strategy: index, scan, auto.
* Any query at all (operators, quotes, hostile Unicode) never raises, and the index and the scan
  give the same hits.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from desktop_app.core.display import clock_spans
from desktop_app.core.document import Document
from desktop_app.core.loader import DocumentError, document_from_text
from desktop_app.search import SearchIndex
from tests.property.profile import prop
from tests.property.strategies import CHINESE, HOSTILE_TEXT, PARAGRAPHS
from tests.search.reference import ref_find_all_doc

STRATEGIES = ("index", "scan", "auto")

# A small alphabet with width, case and space variants, so random queries hit often and
# normalisation (ＡＢＣ = abc, "中 国" = 中国, U+200B vanishes) is exercised.
SMALL = st.sampled_from(list("中国人民的党，,。.aAbBａＢ１1 \u3000\u200b-ー（(）)"))
SMALL_PARAGRAPHS = st.lists(st.text(SMALL, min_size=1, max_size=40), min_size=1, max_size=25)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A document as the loader makes it; sometimes with a head whose title is repeated after the
    byline (the reader hides that paragraph, so it is not a hit)."""
    paragraphs = draw(st.one_of(PARAGRAPHS, SMALL_PARAGRAPHS))
    if draw(st.booleans()):
        title = draw(st.text(SMALL, min_size=4, max_size=20)).strip() or "中国人民"
        paragraphs = [title, "北京市直机关工委 2023-06-14 20:09:45", title, *paragraphs]
    try:
        return document_from_text("\n".join(paragraphs))
    except DocumentError:  # blank after stripping, or mostly control characters
        return document_from_text("中国人民")


def _plain(q: str) -> bool:
    """No operator of the query language (desktop_app/search/query.py): no space, quote, leading -, OR."""
    return (
        bool(q) and not any(c.isspace() for c in q) and '"' not in q and not q.startswith("-") and q != "OR"
    )


_WIDE = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


@st.composite
def plain_queries(draw: st.DrawFn, doc: Document) -> str:
    text = doc.text
    kind = draw(st.integers(0, 3))
    if kind <= 1 and text:  # a piece of the text, maybe in the other width or case
        i = draw(st.integers(0, len(text) - 1))
        q = text[i : i + draw(st.integers(1, 12))]
        if kind == 1:
            q = draw(st.sampled_from([q.upper(), q.lower(), "".join(_WIDE.get(c, c) for c in q)]))
    elif kind == 2:
        q = draw(st.text(SMALL, min_size=1, max_size=6))
    else:
        q = draw(st.text(CHINESE, min_size=1, max_size=4))
    q = "".join(c for c in q if not c.isspace()).lstrip("-").replace('"', "")
    return q if _plain(q) else "中"


_case = itertools.count()


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("search-props")


def _index(doc: Document, cache: Path) -> SearchIndex:
    # words=False: the bigram index (what finds candidates); jieba's words only rank.
    return SearchIndex.open(doc, cache_dir=cache / str(next(_case) % 8), words=False)


def visible_occurrences(doc: Document, q: str) -> list[tuple[int, int]]:
    """``ref_find_all_doc`` without the occurrences that start in the byline's clock time, which the
    reader shows as spaces (core/display.py: what the reader does not show is not a hit)."""
    clocks = clock_spans(doc)
    return [(a, b) for a, b in ref_find_all_doc(doc, q) if not any(s <= a < e for s, e in clocks)]


def spans(result) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return [(h.start, h.end) for h in result.hits]


@prop(120)
@given(data=st.data(), doc=documents())
def test_plain_queries_find_exactly_the_visible_occurrences(
    cache: Path, data: st.DataObject, doc: Document
) -> None:
    queries = data.draw(st.lists(plain_queries(doc), min_size=1, max_size=6), label="queries")
    event("a hidden paragraph" if doc.hidden_paragraphs() else "nothing hidden")
    with _index(doc, cache) as index:
        for q in queries:
            expected = visible_occurrences(doc, q)
            event("a query with hits" if expected else "a query without hits")
            for strategy in STRATEGIES:
                r = index.search(q, limit=None, order="document", strategy=strategy)
                assert spans(r) == expected, (q, strategy)
                assert r.total == len(expected)
                for h in r.hits:  # offsets into Document.text, inside one paragraph
                    para = doc.paragraph_at(h.start)
                    assert para.start <= h.start < h.end <= para.end
            ranked = index.search(q, limit=None, order="rank", strategy="index")
            assert sorted(spans(ranked)) == expected


ANY_QUERY = st.one_of(
    HOSTILE_TEXT,
    st.lists(st.one_of(st.text(SMALL, min_size=1, max_size=5), st.sampled_from(["OR", "-", '"', " ", "-中"])),
             max_size=8).map(" ".join),
    st.lists(st.text(SMALL, max_size=5), max_size=6).map('"'.join),
)  # fmt: skip


@prop(120)
@given(doc=documents(), queries=st.lists(ANY_QUERY, min_size=1, max_size=6))
def test_any_query_never_raises_and_index_equals_scan(cache: Path, doc: Document, queries: list[str]) -> None:
    with _index(doc, cache) as index:
        for q in queries:
            by_index = index.search(q, limit=None, order="document", strategy="index")
            by_scan = index.search(q, limit=None, order="document", strategy="scan")
            assert spans(by_index) == spans(by_scan), q
            assert by_index.total == by_scan.total == len(by_index.hits)
            limited = index.search(q, limit=3, order="rank")
            assert len(limited.hits) <= 3 and limited.total == by_scan.total
