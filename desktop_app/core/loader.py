"""Reading a text file into a :class:`Document`: decoding, line ends, paragraphs.

Errors are raised as :class:`DocumentError` with a message meant for the user
(Chinese by default; the CLI prints it as it is, the window shows it in a box).
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from pathlib import Path

from desktop_app.core.document import Document
from desktop_app.core.messages import message, os_reason

# Files larger than this are refused: a study text is a few MB at most, and a
# 200 MB "text" is almost always a mistake (a log, a database dump).
MAX_FILE_BYTES = 200 * 1024 * 1024

# Whitespace that may surround a paragraph: ASCII, U+3000 ideographic space,
# NBSP, zero-width characters and the BOM left inside a text by bad copy/paste.
_EDGE_SPACE = " \t\u3000\u00a0\u200b\u200c\u200d\ufeff\u2002\u2003\u2009\u3164"
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x0b|\x0c|\x85")


class DocumentError(Exception):
    """A document could not be opened; ``str(exc)`` is a message for the user."""

    def __init__(self, key: str, path: str = "", **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = {"path": path, **params}

    def __str__(self) -> str:
        return message(self.key, **self.params)


def paragraphs_from_text(text: str) -> list[str]:
    """Split decoded text into paragraphs.

    Every line ending (CRLF, CR, LF, Unicode separators) ends a paragraph; leading
    and trailing spaces (including the full-width indentation U+3000) are removed
    and blank lines are dropped, so no paragraph is empty and none holds ``\\n``.
    """
    text = _LINE_BREAKS.sub("\n", text)
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip(_EDGE_SPACE)
        if line:
            out.append(line)
    return out


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings a Chinese office text comes in, in the order we trust them.  GBK and
# GB2312 texts are read as GB18030, their superset, so no character is lost.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "hz", "euc_cn"}


def _is_binary(sample: str) -> bool:
    """True when decoded text is mostly control characters: not a text file."""
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\x0b\x0c\x1a")
    return bad > max(2, len(sample) // 100)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file; return ``(text, encoding name)``.

    BOMs decide first; then strict UTF-8; otherwise charset-normalizer's best
    guess (GB family widened to GB18030).  Raises :class:`DocumentError`.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                raise DocumentError("bad_bom", encoding=enc.upper().replace("-SIG", "")) from None
            return text.lstrip("\ufeff"), enc.replace("-sig", "")
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16/32 without a BOM is possible, but NUL bytes usually mean binary.
        utf16 = _utf16_by_its_nuls(data)
        if utf16 is not None:
            return utf16
        guess = _guess(data)
        if guess is None or (not guess[1].startswith("utf_16") and not guess[1].startswith("utf_32")):
            raise DocumentError("binary")
        return guess
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = _guess(data)
    if guess is None:
        raise DocumentError("unknown_encoding")
    return guess


def _utf16_by_its_nuls(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM, told by where its NUL bytes are: the high byte of every ASCII
    character, all at odd positions (little-endian) or all at even ones (big-endian).  A binary
    file has them on both; the text must decode strictly and hold no control characters."""
    head = data[: 8192 - 8192 % 2]
    if len(data) % 2:
        return None
    odd = head[1::2].count(0)
    even = head[0::2].count(0)
    if odd and not even:
        enc = "utf-16-le"
    elif even and not odd:
        enc = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    if any(ord(ch) < 32 and ch not in "\n\r\t\f" for ch in text[:8192]):
        return None
    return text, enc.replace("-", "_")


def _cjk_share(text: str) -> float:
    """The share of Chinese characters and marks among the non-space characters of ``text``."""
    sample = [ch for ch in text[:8000] if not ch.isspace()]
    if not sample:
        return 0.0
    cjk = sum(1 for ch in sample if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    return cjk / len(sample)


def _utf16_reads_better(data: bytes, gb_text: str) -> tuple[str, str] | None:
    """UTF-16 without a BOM and without ASCII (so without NUL bytes): a Chinese text whose
    bytes also decode as GB18030, into Chinese mixed with stray Latin letters.  UTF-16 wins
    when it reads as Chinese throughout and clearly better than the GB18030 reading."""
    if len(data) % 2:
        return None
    for enc in ("utf-16-be", "utf-16-le"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _cjk_share(text) > 0.95 and _cjk_share(gb_text) < 0.85:
            return text, enc.replace("-", "_")
    return None


def _guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # imported lazily: ~30 ms

    # Try the Chinese encodings first and strictly: a GB18030 text that decodes
    # cleanly and reads as Chinese is what an office PC saved.
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _mostly_cjk(text):
        return _utf16_reads_better(data, text) or (text, "gb18030")
    best = from_bytes(data).best()
    if best is None:
        return None
    enc = best.encoding
    if enc in _GB_FAMILY:
        enc = "gb18030"
    try:
        return data.decode(enc), enc
    except (UnicodeDecodeError, LookupError):
        return str(best), best.encoding


def _mostly_cjk(text: str) -> bool:
    sample = text[:20000]
    # every non-ASCII character counts, the ideographic space U+3000 too: an English or
    # numbered text indented the Chinese way has no other
    letters = [ch for ch in sample if not ch.isascii()]
    if not letters:
        return False
    cjk = sum(1 for ch in letters if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    return cjk / len(letters) > 0.8


def document_from_text(text: str, *, path: str = "", encoding: str = "utf-8") -> Document:
    """Build a document (with metadata and sections) from decoded text."""
    from desktop_app.core.metadata import extract_metadata
    from desktop_app.core.structure import detect_sections

    if _is_binary(text[:8192]):
        raise DocumentError("binary", path)
    paragraphs = paragraphs_from_text(text)
    if not paragraphs:
        raise DocumentError("empty", path)
    doc = Document.from_paragraphs(paragraphs, path=path, encoding=encoding)
    doc.metadata = extract_metadata(doc.paragraphs)
    doc.sections = detect_sections(doc.paragraphs, len(doc.text), skip=doc.metadata.head_paragraphs)
    return doc


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read a document (text, Word, PDF, OFD, web page ...: see core/formats) from disk.
    Raises :class:`DocumentError` in plain words.

    Only a regular file is read (a pipe, a device such as ``/dev/zero``, a socket or a
    folder is refused by its type before anything is read), and never more than
    :data:`MAX_FILE_BYTES`: the size is checked by ``stat`` and again by the read itself,
    so a file that grows while it is read cannot fill the memory.
    """
    from desktop_app.core.formats import read_document  # every format: core/formats

    p = Path(path)
    data = read_file_bytes(p)
    if not data.strip():
        raise DocumentError("empty", str(p))
    try:
        return read_document(data, p)
    except DocumentError as exc:
        exc.params["path"] = exc.params.get("path") or str(p)
        raise


def read_file_bytes(path: Path) -> bytes:
    """The bytes of the regular file at ``path`` (symbolic links followed), at most
    :data:`MAX_FILE_BYTES`.  Raises :class:`DocumentError` for anything else."""
    name = str(path)
    try:
        _check_kind(os.stat(path), name)
        # O_NONBLOCK: a pipe put in the file's place after the stat is opened without waiting
        # for a writer, and refused by the fstat below (for a regular file it changes nothing).
        fd = os.open(path, os.O_RDONLY | _O_BINARY | _O_NONBLOCK)
    except OSError as exc:
        raise _open_error(exc, path) from None
    try:
        _check_kind(os.fstat(fd), name)
        return read_at_most(fd, MAX_FILE_BYTES, name)
    except OSError as exc:
        raise _open_error(exc, path) from None
    finally:
        os.close(fd)


_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX only


def _check_kind(st: os.stat_result, name: str) -> None:
    mode = st.st_mode
    if stat.S_ISREG(mode):
        if st.st_size > MAX_FILE_BYTES:
            raise DocumentError("too_big", name, size=st.st_size // 2**20, limit=MAX_FILE_BYTES // 2**20)
        return
    if stat.S_ISDIR(mode):
        raise DocumentError("is_dir", name)
    if stat.S_ISFIFO(mode):
        raise DocumentError("fifo", name)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise DocumentError("device", name)
    if stat.S_ISSOCK(mode):
        raise DocumentError("socket", name)
    raise DocumentError("not_regular", name)


def read_at_most(fd: int, limit: int, name: str = "") -> bytes:
    """Read the open file ``fd`` to its end; refuse it (``too_big``) past ``limit`` bytes.

    The size given by ``stat`` is only what the file held then: one that is still being
    written (a log) can grow while it is read, so the read itself stops at the limit.
    """
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise DocumentError("too_big", name, size=total // 2**20, limit=limit // 2**20)


WINDOWS_MAX_PATH = 259  # MAX_PATH (260) less the terminating NUL: Windows' limit unless long paths are on
ERROR_FILENAME_EXCED_RANGE = 206  # OSError.winerror


def _open_error(exc: OSError, path: Path, windows: bool = os.name == "nt") -> DocumentError:
    """The plain message for a file that could not be opened or read."""
    name = str(path)
    code = exc.errno
    if windows and (
        getattr(exc, "winerror", None) == ERROR_FILENAME_EXCED_RANGE
        or (code == errno.ENOENT and len(os.path.abspath(name)) > WINDOWS_MAX_PATH)
    ):
        # a Windows without long paths switched on answers "not found" for a file that is there
        return DocumentError("name_too_long", name)
    if code == errno.ELOOP:
        return DocumentError("link_loop", name)
    if code in (errno.ENOENT, errno.ENOTDIR):
        if code == errno.ENOENT and os.path.islink(path):
            return DocumentError("broken_link", name, target=_link_target(path))
        return DocumentError("not_found", name)
    if code in (errno.EACCES, errno.EPERM):
        return DocumentError("no_permission", name)
    if code == errno.ENAMETOOLONG:
        return DocumentError("name_too_long", name)
    if code == errno.EISDIR:
        return DocumentError("is_dir", name)
    return DocumentError("unreadable", name, reason=os_reason(exc))


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"
