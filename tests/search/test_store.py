"""The index on disk: reuse, rebuild after damage, concurrent builds, the writer, lazy imports, jieba."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop_app.core.document import Document
from desktop_app.search import SearchIndex
from desktop_app.search.store import FORMAT_VERSION, META_FILE, _index_files, index_root, part_dir
from tests.conftest import ROOT, SPEECH
from tests.search.conftest import CENTRAL_WORK_HITS
from tests.search.reference import visible_count


def bigram_folder(cache: Path, doc: Document) -> Path:
    return part_dir(index_root(cache), doc.fingerprint, "bigrams")


def whoosh_files(folder: Path) -> dict[str, float]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.name != META_FILE}


def refresh_meta(folder: Path) -> None:
    """Make the sizes and hashes in our meta file agree with damaged files (so Whoosh must notice)."""
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    meta["files"] = _index_files(folder)
    (folder / META_FILE).write_text(json.dumps(meta), encoding="utf-8")


def test_the_index_lives_in_the_cache_folder_keyed_by_fingerprint_and_format(
    speech_doc: Document, isolated_user_data: Path
) -> None:
    from desktop_app.paths import cache_dir

    index = SearchIndex.open(speech_doc)
    index.close()
    folder = cache_dir() / "search" / f"v{FORMAT_VERSION}" / f"{speech_doc.fingerprint}.bigrams"
    assert folder.is_dir() and (folder / META_FILE).is_file()
    assert folder.is_relative_to(isolated_user_data)
    assert (folder.parent / f"{speech_doc.fingerprint}.words").is_dir()


def test_second_open_reuses_the_index(tmp_path: Path, speech_doc: Document) -> None:
    calls: list[float] = []
    first = SearchIndex.open(speech_doc, cache_dir=tmp_path, progress=calls.append)
    assert first.built == ["bigrams", "words"]
    assert calls and calls[-1] == 1.0 and calls == sorted(calls) and 0 <= calls[0] < 0.5
    first.close()
    before = whoosh_files(bigram_folder(tmp_path, speech_doc))
    calls.clear()
    second = SearchIndex.open(speech_doc, cache_dir=tmp_path, progress=calls.append)
    assert second.built == [] and second.has_words
    assert calls == [1.0]
    assert whoosh_files(bigram_folder(tmp_path, speech_doc)) == before
    assert second.search("中心工作", limit=None).total == CENTRAL_WORK_HITS
    second.close()


def test_a_changed_document_gets_its_own_index(tmp_path: Path, speech_doc: Document) -> None:
    SearchIndex.open(speech_doc, cache_dir=tmp_path, words=False).close()
    changed = Document.from_paragraphs([p.text for p in speech_doc.paragraphs] + ["新增的一段。"])
    index = SearchIndex.open(changed, cache_dir=tmp_path, words=False)
    assert index.built == ["bigrams"]
    assert index.search("新增", limit=None).total == 1
    index.close()


def _damage(folder: Path, how: str) -> None:
    if how == "truncate segment":
        seg = max(
            (p for p in folder.iterdir() if p.suffix in (".pst", ".trm")), key=lambda p: p.stat().st_size
        )
        seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])
    elif how == "garbage in toc":
        toc = next(folder.glob("_MAIN_*.toc"))
        toc.write_bytes(b"\x00garbage" * 40)
    elif how == "missing file":
        next(folder.glob("*.trm")).unlink()
    elif how == "no meta":
        (folder / META_FILE).unlink()
    elif how == "meta of another document":
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        meta["fingerprint"] = "0" * 64
        (folder / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    elif how == "empty folder":
        for p in folder.iterdir():
            p.unlink()


@pytest.mark.parametrize(
    "how",
    [
        "truncate segment",
        "garbage in toc",
        "missing file",
        "no meta",
        "meta of another document",
        "empty folder",
    ],
)
def test_a_damaged_index_is_rebuilt(tmp_path: Path, speech_doc: Document, how: str) -> None:
    SearchIndex.open(speech_doc, cache_dir=tmp_path, words=False).close()
    _damage(bigram_folder(tmp_path, speech_doc), how)
    calls: list[float] = []
    index = SearchIndex.open(speech_doc, cache_dir=tmp_path, words=False, progress=calls.append)
    assert index.built == ["bigrams"]
    assert len(calls) > 1 and calls[-1] == 1.0
    assert index.search("中心工作", limit=None, strategy="index").total == CENTRAL_WORK_HITS
    index.close()
    again = SearchIndex.open(speech_doc, cache_dir=tmp_path, words=False)
    assert again.built == []
    again.close()


@pytest.mark.parametrize("how", ["truncate segment", "garbage in toc", "moved analyzer class"])
def test_damage_our_checksums_miss_is_caught_by_whoosh(
    tmp_path: Path, speech_doc: Document, how: str
) -> None:
    """Even if the meta file agrees with the damaged files, the index is never trusted blindly."""
    SearchIndex.open(speech_doc, cache_dir=tmp_path, words=False).close()
    folder = bigram_folder(tmp_path, speech_doc)
    if how == "moved analyzer class":
        toc = next(folder.glob("_MAIN_*.toc"))
        data = toc.read_bytes()
        assert b"desktop_app.search.analysis" in data
        toc.write_bytes(data.replace(b"desktop_app.search.analysis", b"desktop_app.search.analysiz"))
    else:
        _damage(folder, how)
    refresh_meta(folder)
    index = SearchIndex.open(speech_doc, cache_dir=tmp_path, words=False)
    # Rebuilt at open, or (if the damage only shows when reading postings) answered by the scan.
    for strategy in ("index", "auto"):
        assert index.search("中心工作", limit=None, strategy=strategy).total == CENTRAL_WORK_HITS
        assert index.search("的", limit=None, strategy=strategy).total == visible_count(speech_doc, "的")
    if how != "truncate segment":
        assert index.built == ["bigrams"]
    index.close()


def test_a_damaged_word_index_is_rebuilt(tmp_path: Path, speech_doc: Document) -> None:
    SearchIndex.open(speech_doc, cache_dir=tmp_path).close()
    folder = part_dir(index_root(tmp_path), speech_doc.fingerprint, "words")
    toc = next(folder.glob("_MAIN_*.toc"))
    toc.write_bytes(b"not a pickle")
    index = SearchIndex.open(speech_doc, cache_dir=tmp_path)
    assert index.built == ["words"] and index.has_words
    index.close()


def test_threads_opening_the_same_index_build_it_once(tmp_path: Path, speech_doc: Document) -> None:
    results: list[SearchIndex] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            results.append(SearchIndex.open(speech_doc, cache_dir=tmp_path, words=False))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(len(ix.built) for ix in results) == [0, 0, 0, 1]
    assert all(ix.search("中心工作", limit=None).total == CENTRAL_WORK_HITS for ix in results)
    for ix in results:
        ix.close()


_OPEN_AND_SEARCH = """
import sys
from pathlib import Path
from desktop_app.core.loader import load_document
from desktop_app.search import SearchIndex
doc = load_document(sys.argv[1])
index = SearchIndex.open(doc, cache_dir=Path(sys.argv[2]), words=sys.argv[3] == "words")
result = index.search("中心工作", limit=None, strategy="index")
print(result.total, ",".join(index.built) or "-", "jieba" in sys.modules)
"""


def _python(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-c", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env
    )


def test_two_processes_building_the_same_index(tmp_path: Path) -> None:
    procs = [_python(_OPEN_AND_SEARCH, str(SPEECH), str(tmp_path), "words") for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert out.split()[0] == str(CENTRAL_WORK_HITS)
    leftovers = [p.name for p in index_root(tmp_path).iterdir() if p.name.startswith(".")]
    assert leftovers == []
    out, err = _python(_OPEN_AND_SEARCH, str(SPEECH), str(tmp_path), "words").communicate(timeout=120)
    assert out.split()[:2] == [str(CENTRAL_WORK_HITS), "-"], err


def test_search_works_before_jieba_is_loaded(tmp_path: Path) -> None:
    out, err = _python(_OPEN_AND_SEARCH, str(SPEECH), str(tmp_path), "bigrams-only").communicate(timeout=120)
    assert out.split() == [str(CENTRAL_WORK_HITS), "bigrams", "False"], err


def test_importing_the_search_package_loads_neither_whoosh_nor_jieba() -> None:
    code = (
        "import sys\n"
        "from desktop_app.search import SearchIndex, find_all, warm_up_tokenizer, Hit, SearchResult\n"
        "assert find_all('中心工作，中心', '中心') == [(0, 2), (5, 7)]\n"
        "print(sorted(m for m in sys.modules if m.startswith(('whoosh', 'jieba'))))\n"
    )
    out, err = _python(code).communicate(timeout=60)
    assert out.strip() == "[]", err


def test_jieba_cache_goes_to_our_cache_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code = (
        "import jieba, tempfile, os\n"
        "from desktop_app.search.tokenizer import jieba_tokenizer\n"
        "jieba_tokenizer()  # jieba itself, as the key terms load it\n"
        "print(jieba.dt.tmp_dir)\n"
    )
    out, err = _python(code, env={"YANDU_DATA_DIR": str(data)}).communicate(timeout=120)
    assert Path(out.strip()) == data / "cache", err
    assert (data / "cache" / "jieba-dict.chunks").is_file()  # our chunked form of jieba's cache
    assert "Building prefix dict" not in err  # jieba's chatter stays quiet


def test_chunked_dictionary_cache_gives_jiebas_dictionary(tmp_path: Path) -> None:
    import jieba

    from desktop_app.search.tokenizer import _initialize_in_chunks

    reference = jieba.Tokenizer()
    reference.tmp_dir = str(tmp_path)
    reference.initialize()
    for _ in range(2):  # built from the dictionary, then read back from the chunks
        tok = jieba.Tokenizer()
        _initialize_in_chunks(tok, tmp_path / "chunks")
        assert tok.initialized and tok.total == reference.total
        assert tok.FREQ == reference.FREQ
    assert list(tok.cut("推进机关党建与中心工作深度融合")) == list(
        reference.cut("推进机关党建与中心工作深度融合")
    )
    (tmp_path / "chunks").write_bytes(b"damaged")
    tok = jieba.Tokenizer()
    _initialize_in_chunks(tok, tmp_path / "chunks")
    assert tok.FREQ == reference.FREQ


def test_configure_points_a_tokenizer_at_a_folder(tmp_path: Path) -> None:
    import jieba

    from desktop_app.search.tokenizer import configure

    tok = jieba.Tokenizer()
    path = configure(tok, tmp_path)
    tok.initialize()
    assert path == tmp_path / "jieba.cache" and path.is_file()


def test_warm_up_in_a_thread(speech_doc: Document) -> None:
    from desktop_app.search import warm_up_tokenizer
    from desktop_app.search.tokenizer import is_loaded, words

    t = threading.Thread(target=warm_up_tokenizer)
    t.start()
    t.join()
    assert is_loaded()
    assert "中心" in words("全市中心工作")


def test_old_formats_and_leftovers_are_cleaned_up(tmp_path: Path, speech_doc: Document) -> None:
    root = index_root(tmp_path)
    old = root.parent / "v0" / "x.bigrams"
    old.mkdir(parents=True)
    stale_tmp = root / ".tmp-abc"
    stale_tmp.mkdir(parents=True)
    os.utime(stale_tmp, (0, 0))
    fresh_tmp = root / ".tmp-def"
    fresh_tmp.mkdir()
    SearchIndex.open(speech_doc, cache_dir=tmp_path, words=False).close()
    assert not old.parent.exists() and not stale_tmp.exists() and fresh_tmp.exists()


def test_an_unwritable_cache_folder_still_searches(tmp_path: Path, speech_doc: Document) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    index = SearchIndex.open(speech_doc, cache_dir=blocker)
    assert index.problem and index.built == [] and not index.has_words
    assert index.search("中心工作", limit=None).total == CENTRAL_WORK_HITS
    index.close()


def test_progress_can_cancel_a_build_without_leaving_anything(tmp_path: Path, speech_doc: Document) -> None:
    class Cancelled(Exception):
        pass

    def progress(f: float) -> None:
        if f > 0.1:
            raise Cancelled

    with pytest.raises(Cancelled):
        SearchIndex.open(speech_doc, cache_dir=tmp_path, words=False, progress=progress)
    assert [p.name for p in index_root(tmp_path).iterdir()] == []
    index = SearchIndex.open(speech_doc, cache_dir=tmp_path, words=False)
    assert index.built == ["bigrams"]
    index.close()


def test_compressed_dictionary_as_shipped_in_the_bundle(tmp_path: Path) -> None:
    import lzma

    import jieba

    from desktop_app.search.tokenizer import _initialize_in_chunks

    plain = Path(jieba.__file__).with_name("dict.txt")
    gz = tmp_path / "dict.txt.xz"
    gz.write_bytes(lzma.compress(plain.read_bytes()))
    a, b = jieba.Tokenizer(), jieba.Tokenizer()
    _initialize_in_chunks(a, tmp_path / "a.chunks", plain)
    _initialize_in_chunks(b, tmp_path / "b.chunks", gz)
    assert a.FREQ == b.FREQ and a.total == b.total
