"""The parsed-document cache: same result as loading, invalidated by a changed file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.core.doc_cache import load_document_cached
from desktop_app.core.loader import DocumentError, load_document


def test_cached_equals_loaded_and_is_reused(tmp_path: Path, speech_path: Path) -> None:
    cache = tmp_path / "cache"
    src = tmp_path / "speech.txt"
    src.write_bytes(speech_path.read_bytes())
    first = load_document_cached(src, cache)
    fresh = load_document(src)
    assert (first.text, first.sections, first.metadata, first.fingerprint) == (
        fresh.text, fresh.sections, fresh.metadata, fresh.fingerprint,
    )  # fmt: skip
    entries = list(cache.glob("*.pickle"))
    assert len(entries) == 1
    again = load_document_cached(src, cache)
    assert again.sections == fresh.sections
    assert again.paragraph_at(fresh.paragraphs[5].start).index == 5


def test_changed_file_is_parsed_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    src = tmp_path / "a.txt"
    src.write_text("标题\n一、甲\n正文。\n二、乙\n正文。", encoding="utf-8")
    assert [s.title for s in load_document_cached(src, cache).sections] == ["一、甲", "二、乙"]
    src.write_text("标题\n一、丙\n正文。\n二、丁\n正文。", encoding="utf-8")
    os.utime(src, ns=(1, 10**18))  # a different modification time, as an edit gives
    assert [s.title for s in load_document_cached(src, cache).sections] == ["一、丙", "二、丁"]


def test_damaged_entry_is_rebuilt_and_bad_files_still_raise(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    src = tmp_path / "a.txt"
    src.write_text("标题\n正文。", encoding="utf-8")
    load_document_cached(src, cache)
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"garbage")
    assert load_document_cached(src, cache).text == "标题\n正文。"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(DocumentError):
        load_document_cached(empty, cache)
