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
    src = tmp_path / "speech.txt"  # a copy: the bundled speech itself is read from its record
    src.write_bytes(speech_path.read_bytes())
    load_document_cached(src, cache)
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
    src = tmp_path / "speech.txt"  # a copy: the bundled speech itself is read from its record
    src.write_bytes(SPEECH.read_bytes())
    first = load_document_cached(src, cache)
    expected = display.shown_text(first)
    display._memo.clear()
    again = load_document_cached(src, cache)  # from the entry

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


def test_an_edited_parser_source_changes_the_signature(tmp_path: Path) -> None:
    """The signature follows each ``core`` source's size and modification time (an edit changes
    them): measured on a copy of the sources, so the tree itself is never touched."""
    import shutil

    from desktop_app.core import doc_cache

    core = tmp_path / "core"
    shutil.copytree(Path(doc_cache.__file__).parent, core, ignore=shutil.ignore_patterns("__pycache__"))
    before = doc_cache.sources_signature(core)
    assert doc_cache.sources_signature(core) == before
    source = core / "structure.py"
    st = source.stat()
    os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert doc_cache.sources_signature(core) != before
    os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert doc_cache.sources_signature(core) == before
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # one byte more
    os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert doc_cache.sources_signature(core) != before


# --- the bundled speech's shipped record (resources/speech.marshal) --------------------------
def test_the_shipped_record_is_the_speech_as_parsed_now() -> None:
    from desktop_app.core import display
    from desktop_app.core.doc_cache import BUNDLED_RECORD, bundled_record
    from desktop_app.paths import bundled_speech

    speech = bundled_speech()
    shipped = bundled_record(speech, speech.with_name(BUNDLED_RECORD))
    regenerate = "the parser reads the speech differently now: run python build_scripts/bundled_record.py"
    assert shipped is not None, regenerate
    fresh = load_document(speech)
    assert (shipped.text, shipped.sections, shipped.metadata, shipped.fingerprint, shipped.notices) == (
        fresh.text, fresh.sections, fresh.metadata, fresh.fingerprint, fresh.notices,
    ), regenerate  # fmt: skip
    assert [p.start for p in shipped.paragraphs] == [p.start for p in fresh.paragraphs]
    assert display.shown_text(shipped) == display._work_out(fresh, True), regenerate
    assert shipped.path == str(speech) and shipped.encoding == fresh.encoding


def test_a_first_start_reads_the_speech_without_parsing_it(tmp_path: Path) -> None:
    """In a fresh process with an empty cache: the detectors (and their patterns) are never
    imported, and nothing is written to the cache."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    probe = (
        "import sys; from pathlib import Path;"
        "from desktop_app.core.doc_cache import load_document_cached;"
        "from desktop_app.paths import bundled_speech;"
        f"d = load_document_cached(bundled_speech(), Path({str(tmp_path / 'cache')!r}));"
        "print(len(d.sections), d.path == str(bundled_speech()),"
        " [m for m in ('desktop_app.core.structure', 'desktop_app.core.metadata') if m in sys.modules])"
    )
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    sections, right_path, parsers = done.stdout.split(maxsplit=2)
    assert int(sections) > 5 and right_path == "True"
    assert parsers.strip() == "[]"
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())


def test_a_changed_or_damaged_speech_record_is_not_used(tmp_path: Path) -> None:
    from desktop_app.core.doc_cache import BUNDLED_RECORD, bundled_record
    from desktop_app.paths import bundled_speech

    speech, record = tmp_path / "speech.txt", tmp_path / BUNDLED_RECORD
    speech.write_bytes(bundled_speech().read_bytes())
    record.write_bytes(bundled_speech().with_name(BUNDLED_RECORD).read_bytes())
    assert bundled_record(speech, record) is not None
    speech.write_bytes(bundled_speech().read_bytes().replace("讲话".encode(), "发言".encode(), 1))
    assert bundled_record(speech, record) is None  # another text: parsed as any file
    speech.write_bytes(bundled_speech().read_bytes())
    damaged = bytearray(record.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    record.write_bytes(bytes(damaged))
    assert bundled_record(speech, record) is None
    record.unlink()
    assert bundled_record(speech, record) is None
