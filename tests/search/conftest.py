"""Fixtures for the search tests: real documents and real Whoosh indexes on disk (tmp folders)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.search import SearchIndex
from tests.conftest import CORPUS, SPEECH

CORPUS_FILES = sorted(CORPUS.glob("*.txt"))
DOC_NAMES = ["speech"] + [p.stem for p in CORPUS_FILES]


def doc_named(name: str) -> Document:
    return load_document(SPEECH if name == "speech" else CORPUS / f"{name}.txt")


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("search-index")


@pytest.fixture(scope="session")
def speech_doc() -> Document:
    return load_document(SPEECH)


@pytest.fixture(scope="session")
def indexes(index_dir: Path) -> Iterator[dict[str, SearchIndex]]:
    """An index (bigrams and words) for the speech and every corpus document, built once."""
    opened = {name: SearchIndex.open(doc_named(name), cache_dir=index_dir) for name in DOC_NAMES}
    yield opened
    for ix in opened.values():
        ix.close()


@pytest.fixture(scope="session")
def speech_index(indexes: dict[str, SearchIndex]) -> SearchIndex:
    return indexes["speech"]


def make_doc(*paragraphs: str) -> Document:
    """An in-memory document of these paragraphs (no metadata, no sections)."""
    return Document.from_paragraphs(list(paragraphs))


# 中心工作 occurs 41 times in the speech's text; one of them is in the title repeated after
# the byline (paragraph 2), which the reader hides, so every search finds 40.
CENTRAL_WORK_HITS = 40
