"""Properties of import (desktop_app.export.plan_import / apply_import) on random files, into a real store.

Any JSON at all, and W3C-like annotation files with every field of a random type and value (huge
and negative offsets, lone surrogates, wrong types, missing parts): ``plan_import`` either refuses
the file with an ExportError or returns a plan; with ``allow_skips`` the plan is applied in one
transaction without any other exception, and everything it added reads back from the store.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.export import ExportError, apply_import, plan_import
from desktop_app.storage.db import StorageError
from desktop_app.storage.notes_store import NotesStore
from tests.conftest import SPEECH
from tests.property.profile import prop

_names = itertools.count()


@pytest.fixture(scope="module")
def speech() -> Document:
    return load_document(SPEECH)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NotesStore]:
    s = NotesStore(tmp_path_factory.mktemp("import-props") / "notes.sqlite3")
    yield s
    s.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("import-files")


# Strings with lone surrogates too (json.dumps escapes them, json.loads gives them back).
ANY_STRING = st.one_of(
    st.text(max_size=30), st.text(st.characters(), max_size=10), st.sampled_from(["", " "])
)
NUMBERS = st.one_of(
    st.integers(-(10**25), 10**25),
    st.sampled_from([0, 1, -1, 2**31, 2**63, 2**64, 10**20]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, ANY_STRING)
ANY_JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(ANY_STRING, inner, max_size=4)),
    max_leaves=20,
)


def maybe(value: st.SearchStrategy) -> st.SearchStrategy:
    """The field's plausible value most of the time, anything else now and then."""
    return st.one_of(*[value] * 15, ANY_JSON)


@st.composite
def w3c_item(draw: st.DrawFn, text: str) -> dict:
    start = draw(st.one_of(*[st.integers(0, len(text) - 1)] * 5, NUMBERS))
    length = draw(st.integers(1, 40))
    exact = text[start : start + length] if isinstance(start, int) and 0 <= start < len(text) else "党建"
    quote = {
        "type": "TextQuoteSelector",
        "exact": draw(maybe(st.one_of(*[st.just(exact)] * 4, ANY_STRING))),
        "prefix": draw(maybe(st.just(""))),
        "suffix": draw(maybe(st.just(""))),
    }
    position = {"type": "TextPositionSelector", "start": start, "end": draw(maybe(st.just(start + length)))}
    selectors = draw(st.lists(st.sampled_from([quote, position]), min_size=1, max_size=3))
    target = {"source": draw(maybe(st.just("urn:sha256:0"))), "selector": draw(maybe(st.just(selectors)))}
    body = draw(
        st.lists(
            st.fixed_dictionaries(
                {"type": st.just("TextualBody"), "value": maybe(ANY_STRING)},
                optional={"purpose": maybe(st.sampled_from(["commenting", "tagging", "describing"]))},
            ),
            max_size=3,
        )
    )
    item = {
        "id": draw(maybe(st.one_of(*[st.uuids().map(lambda u: f"urn:uuid:{u}")] * 4, ANY_STRING))),
        "type": "Annotation",
        "motivation": draw(maybe(st.sampled_from(["highlighting", "commenting", "bookmarking"]))),
        "body": draw(maybe(st.just(body))),
        "target": draw(maybe(st.one_of(st.just(target), st.lists(st.just(target), max_size=2)))),
    }
    optional = {
        "created": maybe(st.sampled_from(["2024-05-01T08:30:00.123Z", "2024-05-01T08:30", "昨天"])),
        "modified": maybe(st.sampled_from(["2025-01-01T00:00:00Z", "2024-05-01T08:30:00+08:00", ""])),
        "yandu:color": maybe(st.sampled_from(["yellow", "黄", "Blue", "chartreuse"])),
        "yandu:style": maybe(st.sampled_from(["highlight", "underline", "bold"])),
        "yandu:status": maybe(st.sampled_from(["anchored", "orphan", "lost"])),
        "yandu:kind": maybe(st.just("bookmark")),
        "yandu:section": maybe(ANY_STRING),
        "yandu:originalExact": maybe(ANY_STRING),
        "yandu:anchoredFingerprint": maybe(ANY_STRING),
        "bodyValue": maybe(ANY_STRING),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True, max_size=6)):
        item[key] = draw(optional[key])
    return item


@st.composite
def w3c_file(draw: st.DrawFn, text: str) -> object:
    items = draw(st.lists(st.one_of(*[w3c_item(text)] * 6, ANY_JSON), max_size=6))
    shape = draw(st.sampled_from(["collection", "page", "list", "one"]))
    if shape == "collection":
        return {"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": items}}
    if shape == "page":
        return {"type": "AnnotationPage", "items": items}
    if shape == "one" and items:
        return items[0]
    return items


def _write(folder: Path, data: object | bytes) -> Path:
    path = folder / f"import-{next(_names)}.json"
    raw = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=True).encode("ascii")
    path.write_bytes(raw)
    return path


def check_import(store: NotesStore, doc: Document, path: Path) -> None:
    try:
        plan_import(store, doc, path)  # refuses a file with any malformed entry, whole
    except ExportError as exc:
        assert str(exc).strip()
        event(f"refused whole: {exc.key}")
    try:
        plan = plan_import(store, doc, path, allow_skips=True)
    except ExportError as exc:
        assert str(exc).strip()
        return
    event("planned with skips" if plan.skipped else "planned")
    event("something to add" if plan.changes else "nothing to add")
    try:
        apply_import(store, plan)
    except (ExportError, StorageError) as exc:  # a known refusal, in words
        assert str(exc).strip()
        event(f"apply refused: {type(exc).__name__}")
        return
    doc_id = plan.doc_id
    stored = {a.id: a for a in store.annotations(doc_id)}
    for a in [*plan.added, *plan.updated]:
        assert stored[a.id].note == a.note and stored[a.id].exact == a.exact
    marks = {b.id for b in store.bookmarks(doc_id)}
    assert {b.id for b in [*plan.bookmarks_added, *plan.bookmarks_updated]} <= marks


@prop(200)
@given(data=st.one_of(ANY_JSON, st.binary(max_size=200)))
def test_any_json_or_bytes_is_refused_or_planned(
    store: NotesStore, speech: Document, folder: Path, data
) -> None:  # type: ignore[no-untyped-def]
    check_import(store, speech, _write(folder, data))


@prop(200)
@given(data=st.data())
def test_w3c_like_files_are_refused_or_planned_and_applied(
    store: NotesStore, speech: Document, folder: Path, data: st.DataObject
) -> None:
    check_import(store, speech, _write(folder, data.draw(w3c_file(speech.text), label="file")))
