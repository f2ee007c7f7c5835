"""A cache of parsed documents: reopening a file you read yesterday skips decoding and detection.

The key is the file (resolved path, size, modification time) and the code that
parsed it (a checksum of the size and modification time of every source file of
``core``, or the program version in a frozen build), so a changed file or a new
detector never gets a stale tree.  Each entry is one ``marshal`` record (plain strings, numbers and tuples, no
code: faster to read than a pickle, and nothing to import) after its CRC-32, written
atomically; it holds its own key, so a clash of file names, a damaged entry or
anything unreadable is a miss and the file is parsed again.  Saves about 25 ms at
every start: the detector's regular expressions are not even compiled, and the text
is not hashed (SHA-256) again.

The bundled speech, the document of every first start, ships parsed beside itself
(``resources/speech.marshal``, made by ``build_scripts/bundled_record.py``): its record is
keyed by the speech's own bytes (size and CRC-32), not by its path, which changes with
every start of a one-file build, nor by the parser's files, which a frozen build does not
have; ``tests/core/test_doc_cache.py`` holds it equal to the speech as parsed now.  A first
start then compiles no detector pattern (~15-25 ms of Python before the first paint).
"""

from __future__ import annotations

import contextlib
import itertools
import marshal
import os
import zlib
from functools import lru_cache
from pathlib import Path

from desktop_app import __version__
from desktop_app.core.document import Document, Metadata, Section
from desktop_app.core.loader import load_document

FORMAT = 5  # 1 was a pickle; 2 had no checksum; 3 had no shown text; 4 no notices
SUFFIX = ".marshal"
MAX_ENTRIES = 1500  # a library's documents (as many as the search indexes kept, search/store.py)
_PARSER_MODULES = ("desktop_app.core.loader", "desktop_app.core.metadata", "desktop_app.core.structure",
                   "desktop_app.core.numerals", "desktop_app.core.document",
                   "desktop_app.core.punctuation", "desktop_app.core.display")  # fmt: skip
_METADATA_FIELDS = Metadata.__slots__


@lru_cache(maxsize=1)
def parser_signature() -> str:
    """Identifies the code that turns a file into a Document: every module of ``core`` and
    ``core/formats`` (no hand-kept list: a new reader or a changed one invalidates the cache)."""
    return sources_signature(Path(__file__).resolve().parent)


def sources_signature(core: Path) -> str:
    """:func:`parser_signature` of the source folder ``core``."""
    crc = zlib.crc32(f"{FORMAT}|{__version__}".encode())
    sources = sorted([*core.glob("*.py"), *core.glob("formats/*.py")])
    if not sources:  # a frozen build: the sources are inside the archive; the version decides
        for name in _PARSER_MODULES:
            crc = zlib.crc32(name.encode(), crc)
    for source in sources:  # each file's size and modification time: any edit changes one
        try:  # (reading all ~320 KB of them cost 1.5 ms of every start; a stat of each, 0.2)
            st = source.stat()
            stamp = f"{source.relative_to(core).as_posix()}|{st.st_size}|{st.st_mtime_ns}"
        except OSError:
            stamp = source.name
        crc = zlib.crc32(stamp.encode("utf-8", "surrogatepass"), crc)
    return f"{__version__}-{crc:08x}"


def _key(path: Path) -> str | None:
    try:
        st = path.stat()
        return f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{parser_signature()}"
    except OSError:
        return None


def _entry(key: str, cache: Path) -> Path:
    data = key.encode("utf-8", "surrogatepass")
    return cache / f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{SUFFIX}"


def to_record(doc: Document, key: str) -> tuple[object, ...]:
    """The document as a record; with the text as the reader shows it (full-width marks), so
    that a start from the cache converts nothing (core.display.remember)."""
    from desktop_app.core.display import shown_text

    m = doc.metadata
    return (
        FORMAT,
        key,
        doc.text,
        len(doc.paragraphs),
        doc.path,
        doc.encoding,
        doc.fingerprint,
        {f: getattr(m, f) for f in _METADATA_FIELDS},
        tuple(tuple(s) for s in doc.sections),
        shown_text(doc, full_width=True),
        tuple(doc.notices),
    )


def from_record(record: object, key: str) -> Document | None:
    """The document stored in ``record`` if it is one for ``key``, else None."""
    if not isinstance(record, tuple) or len(record) != 11 or record[:2] != (FORMAT, key):
        return None
    _, _, text, count, path, encoding, fingerprint, meta, sections, shown, notices = record
    paragraphs = text.split("\n") if count else []
    if len(paragraphs) != count:
        return None
    doc = Document.from_paragraphs(
        paragraphs, path=path, encoding=encoding, fingerprint=fingerprint, text=text
    )
    doc.metadata = Metadata(**meta)
    if any(len(s) != len(Section._fields) for s in sections):
        return None  # (tuple.__new__ below does not check what _make would)
    doc.sections = list(map(tuple.__new__, itertools.repeat(Section), sections))
    doc.notices = tuple(n for n in notices if isinstance(n, str)) if isinstance(notices, tuple) else ()
    if isinstance(shown, str) and len(shown) == len(text):
        from desktop_app.core.display import remember

        remember(fingerprint, True, shown)
    return doc


BUNDLED_RECORD = "speech.marshal"  # beside the bundled speech in resources/
BUNDLED_RECORD_VERSION = 4  # marshal's format, pinned: every supported Python reads it


def bundled_key(data: bytes) -> str:
    """The shipped record's key: the speech's bytes, whatever its path or the parser's files."""
    return f"bundled|{len(data)}|{zlib.crc32(data):08x}"


def bundled_record(speech: Path, record_file: Path) -> Document | None:
    """The speech at ``speech`` from its shipped record, or None (another text, a damaged or
    missing record, one of another format: the caller parses the file)."""
    try:
        key = bundled_key(speech.read_bytes())
        doc = from_record(_unpack(record_file.read_bytes()), key)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if doc is not None:
        doc.path = str(speech)
    return doc


def write_bundled_record(speech: Path, record_file: Path) -> None:
    """Parse ``speech`` and write its record (build_scripts/bundled_record.py)."""
    doc = load_document(speech)
    doc.path = ""  # where it is read from is known at each start
    record = to_record(doc, bundled_key(speech.read_bytes()))
    data = marshal.dumps(record, BUNDLED_RECORD_VERSION)
    record_file.write_bytes(zlib.crc32(data).to_bytes(4, "little") + data)


def _is_bundled_speech(path: Path) -> bool:
    from desktop_app.paths import bundled_speech

    try:
        speech = bundled_speech()
        return path.name == speech.name and path.resolve() == speech.resolve()
    except (OSError, RuntimeError):  # no resources folder (a broken install): not the speech
        return False


def default_cache() -> Path | None:
    """The parsed-documents folder in the user's cache (None when there is no usable cache)."""
    from desktop_app.paths import cache_dir

    try:
        return cache_dir() / "documents"
    except OSError:
        return None


def load_document_cached(path: str | os.PathLike[str], cache: Path | None) -> Document:
    """Like :func:`load_document`, from the cache when the file and the parser are unchanged."""
    p = Path(path)
    if _is_bundled_speech(p):
        shipped = bundled_record(p, p.with_name(BUNDLED_RECORD))
        if shipped is not None:
            return shipped
    key = _key(p) if cache is not None else None
    entry = _entry(key, cache) if key is not None and cache is not None else None
    if entry is not None and key is not None:
        try:
            doc = from_record(_unpack(entry.read_bytes()), key)
            if doc is not None:
                return doc
        except (OSError, ValueError, EOFError, TypeError):
            pass  # missing or damaged: parse again
    doc = load_document(p)  # raises DocumentError for bad files: nothing is cached then
    if entry is not None and key is not None:
        _store(entry, to_record(doc, key))
    return doc


def _pack(record: tuple[object, ...]) -> bytes:
    """The record, after a CRC-32 of it: a damaged entry is noticed, not read as another text."""
    data = marshal.dumps(record)
    return zlib.crc32(data).to_bytes(4, "little") + data


def _unpack(blob: bytes) -> object:
    data = blob[4:]
    if len(blob) < 4 or zlib.crc32(data) != int.from_bytes(blob[:4], "little"):
        raise ValueError("damaged cache entry")
    return marshal.loads(data)


def _store(entry: Path, record: tuple[object, ...]) -> None:
    from desktop_app.privacy import make_private_dir, write_private_bytes

    try:
        make_private_dir(entry.parent)  # the texts people study are theirs alone (shared PCs)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        write_private_bytes(tmp, _pack(record))
        os.replace(tmp, entry)
        old = sorted(entry.parent.glob(f"*{SUFFIX}"), key=lambda f: f.stat().st_mtime)
        for f in old[:-MAX_ENTRIES]:
            with contextlib.suppress(OSError):
                f.unlink()
        for f in entry.parent.glob("*.pickle"):  # FORMAT 1's entries
            with contextlib.suppress(OSError):
                f.unlink()
    except (OSError, ValueError):
        pass  # a cache, nothing more: a full or read-only disk only costs speed
