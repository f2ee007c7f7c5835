"""The parsed-document cache: same result as loading, invalidated by a changed file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.core.doc_cache import load_document_cached
from desktop_app.core.loader import DocumentError, load_document
from tests.conftest import SPEECH


def test_cached_equals_loaded_and_is_reused(tmp_path: Path, speech_path: Path) -> None:
    cache = tmp_path / "cache"
    src = tmp_path / "speech.txt"
    src.write_bytes(speech_path.read_bytes())
    first = load_document_cached(src, cache)
    fresh = load_document(src)
    assert (first.text, first.sections, first.metadata, first.fingerprint) == (
        fresh.text, fresh.sections, fresh.metadata, fresh.fingerprint,
    )  # fmt: skip
    entries = list(cache.glob("*.marshal"))
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
    for entry in cache.glob("*.marshal"):
        entry.write_bytes(b"garbage")
    assert load_document_cached(src, cache).text == "标题\n正文。"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(DocumentError):
        load_document_cached(empty, cache)


def test_an_entry_for_another_file_is_a_miss(tmp_path: Path) -> None:
    """Entry names are short checksums; the key stored inside decides."""
    cache = tmp_path / "cache"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("甲文\n一、甲\n正文。", encoding="utf-8")
    b.write_text("乙文\n一、乙\n正文。", encoding="utf-8")
    load_document_cached(a, cache)
    (entry_a,) = cache.glob("*.marshal")
    load_document_cached(b, cache)
    (entry_b,) = set(cache.glob("*.marshal")) - {entry_a}
    entry_b.write_bytes(entry_a.read_bytes())  # as if both names clashed: b's entry holds a's record
    doc = load_document_cached(b, cache)
    fresh = load_document(b)
    assert doc.text.startswith("乙文")
    assert (doc.paragraphs, doc.sections) == (fresh.paragraphs, fresh.sections)


def test_old_pickled_entries_are_cleared(tmp_path: Path, speech_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "0123.pickle").write_bytes(b"old format")
    load_document_cached(speech_path, cache)
    assert not list(cache.glob("*.pickle")) and len(list(cache.glob("*.marshal"))) == 1


def test_a_damaged_text_in_an_entry_is_a_miss_not_another_document(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    src = tmp_path / "a.txt"
    src.write_text("标题\n一、甲\n正文正文正文。", encoding="utf-8")
    load_document_cached(src, cache)
    (entry,) = cache.glob("*.marshal")
    blob = bytearray(entry.read_bytes())
    at = bytes(blob).index("正文正文".encode())
    blob[at : at + 3] = "乙".encode()  # still a well-formed record, with another text
    entry.write_bytes(bytes(blob))
    assert load_document_cached(src, cache).text == "标题\n一、甲\n正文正文正文。"


def test_a_start_from_the_cache_converts_no_punctuation(tmp_path: Path, monkeypatch) -> None:
    """The entry keeps the text as the reader shows it: the first paint converts nothing."""
    from desktop_app.core import display

    cache = tmp_path / "cache"
    first = load_document_cached(SPEECH, cache)
    expected = display.shown_text(first)
    display._memo.clear()
    again = load_document_cached(SPEECH, cache)  # from the entry

    def no_conversion(_text: str) -> str:
        raise AssertionError("converted again")

    monkeypatch.setattr(display, "to_display", no_conversion)
    assert display.shown_text(again) == expected
    assert "第一条经验，主动" in expected


def test_an_entry_whose_sections_have_other_fields_is_a_miss(tmp_path: Path) -> None:
    """Sections are made without _make's check (faster): a record from another layout of them,
    with a valid checksum, is parsed again rather than read as broken sections."""
    from desktop_app.core import doc_cache

    cache = tmp_path / "cache"
    src = tmp_path / "a.txt"
    src.write_text("标题\n一、甲\n正文正文正文。\n二、乙\n正文。", encoding="utf-8")
    loaded = load_document_cached(src, cache)
    assert len(loaded.sections) == 2
    (entry,) = cache.glob("*.marshal")
    record = list(doc_cache._unpack(entry.read_bytes()))
    record[8] = [tuple(s)[:-1] for s in record[8]]  # one field fewer
    entry.write_bytes(doc_cache._pack(tuple(record)))
    again = load_document_cached(src, cache)
    assert again.sections == loaded.sections and all(s.run_in is False for s in again.sections)
