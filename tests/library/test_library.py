"""Adding files and folders to the library (a real store, real files, real indexes on disk)
and searching every document at once."""

from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

from desktop_app.core.loader import load_document
from desktop_app.library.adding import add_files, collect
from desktop_app.library.searching import LibrarySearch
from desktop_app.search import SearchIndex
from desktop_app.storage.notes_store import NotesStore
from tests.conftest import CORPUS, SPEECH


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    lib = tmp_path / "文库"
    (lib / "法律").mkdir(parents=True)
    for p in sorted(CORPUS.glob("*.txt")):
        shutil.copy(p, (lib / "法律" if "fa" in p.name else lib) / p.name)
    shutil.copy(SPEECH, lib / "讲话.txt")
    (lib / "图片.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (lib / "坏.txt").write_bytes(b"\x00\x01\x02\x03binary" * 10)
    (lib / ".hidden").mkdir()
    (lib / ".hidden" / "secret.txt").write_text("不应被添加", encoding="utf-8")
    (lib / "~$临时.docx").write_bytes(b"lock")
    return lib


@pytest.fixture
def store(tmp_path: Path) -> NotesStore:
    with NotesStore(tmp_path / "notes.sqlite3") as s:
        yield s


def test_collect_walks_folders_takes_documents_and_counts_the_rest(folder: Path) -> None:
    files, problems, skipped = collect([str(folder), str(folder / "讲话.txt")])
    names = sorted(Path(f).name for f in files)
    assert names == sorted([p.name for p in CORPUS.glob("*.txt")] + ["讲话.txt", "坏.txt"])
    assert problems == [] and skipped == 1  # the picture (hidden folders, Office lock files: unseen)


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_link_loop_in_a_folder_does_not_trap_the_walk(folder: Path) -> None:
    os.symlink(folder, folder / "法律" / "回到上级")
    files, _problems, _skipped = collect([str(folder)])
    assert len(files) == len(set(files)) == 6


def test_adding_reads_registers_indexes_and_says_what_failed(
    folder: Path, store: NotesStore, tmp_path: Path
) -> None:
    files, _, _ = collect([str(folder)])
    seen: list[tuple[int, int]] = []
    cache = tmp_path / "cache"
    summary = add_files(store, files, progress=lambda i, n, _p: seen.append((i, n)), cache_dir=cache)
    assert len(summary.added) == 5 and summary.already == []
    assert [Path(p).name for p, _why in summary.failed] == ["坏.txt"]
    assert "二进制" in summary.failed[0][1]
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)
    titles = {e.title for e in store.library()}
    assert "中华人民共和国宪法" in titles and len(titles) == 5
    doc = load_document(folder / "讲话.txt")  # its index was built: opening it builds nothing
    with SearchIndex.open(doc, cache_dir=cache, words=False) as index:
        assert index.built == []
    again = add_files(store, files, cache_dir=cache)
    assert len(again.already) == 5 and again.added == []
    assert "原已在文库中：5 篇" in again.lines()[0]


def test_adding_stops_when_cancelled_and_keeps_what_was_added(folder: Path, store: NotesStore) -> None:
    files, _, _ = collect([str(folder)])
    cancel = threading.Event()

    def progress(i: int, _n: int, _p: str) -> None:
        if i == 2:
            cancel.set()

    summary = add_files(store, files, progress=progress, cancel=cancel, index=False)
    assert summary.cancelled and len(store.library()) == len(summary.added) <= 3


def test_library_search_groups_hits_by_document(folder: Path, store: NotesStore, tmp_path: Path) -> None:
    files, _, _ = collect([str(folder)])
    cache = tmp_path / "cache"
    add_files(store, files, cache_dir=cache)
    moved = store.library()[0]
    Path(moved.path).rename(tmp_path / "elsewhere.txt")  # one file moved away
    with LibrarySearch(store.library(), cache) as library:
        library.prepare()
        result = library.search("人民代表大会")
        by_title = {g.entry.title: g.result for g in result.groups}
        for title, r in by_title.items():
            text = load_document(next(e.path for e in store.library() if e.title == title)).text
            assert r.total == text.count("人民代表大会")
            assert all(text[h.start : h.end] == "人民代表大会" for h in r.hits)
        assert result.total == sum(r.total for r in by_title.values())
        totals = [g.result.total for g in result.groups]
        assert totals == sorted(totals, reverse=True)  # a plain word: the most occurrences first
        assert [e.id for e, _why in result.unavailable] == [moved.id]
        assert library.search("不存在的词语组合").groups == []
        phrase = library.search('"推进机关党建" 融合')
        assert [g.entry.title[:8] for g in phrase.groups] == ["推进机关党建与全"]
