"""Every file format the program opens, turned into the one :class:`Document`.

A reader is a module of this package with ``read(data: bytes, path: Path) -> Parsed``:
the file's bytes (already checked: a regular file, within the size limit) become its
paragraphs in reading order, the headings the file declares, and what it says of itself.
:func:`document_from_parsed` makes the Document of today from that: one offset space
(paragraphs joined by ``\\n``), metadata from the head of the text (and the file's own title
when the text has none), and the section tree, from the declared headings when there are
some, else from the text's numbering conventions.

The format is recognised by the content (:func:`identify`), the name's extension only
breaking ties: a .docx renamed .txt opens as Word, and a text file named .docx is refused
with a message that says what it is.  Nothing here imports Qt; each reader imports its own
libraries when it is first used.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from desktop_app.core.document import Document
from desktop_app.core.loader import DocumentError

# The kinds :func:`identify` names, and the reader module of each.
READERS = {
    "text": "desktop_app.core.formats.text",
    "docx": "desktop_app.core.formats.docx",
    "pdf": "desktop_app.core.formats.pdf",
    "ofd": "desktop_app.core.formats.ofd",
    "html": "desktop_app.core.formats.html",
    "mhtml": "desktop_app.core.formats.html",
    "markdown": "desktop_app.core.formats.markdown",
    "legacy": "desktop_app.core.formats.legacy",
}
# File name patterns for the open dialog and drag and drop (every kind above).
SUFFIXES = (".txt", ".text", ".docx", ".pdf", ".ofd", ".html", ".htm", ".mhtml", ".mht", ".md",
            ".markdown", ".doc", ".wps")  # fmt: skip


class Parsed(NamedTuple):
    """What a reader found in a file."""

    paragraphs: list[str]  # in reading order; a reader may leave them untrimmed
    headings: dict[int, int] | None = None  # paragraph index -> declared level (1 = top); None: none
    title: str = ""  # the file's own title (core properties, <title>, PDF info), used if the text has none
    encoding: str = ""  # what is reported as the document's encoding ("utf-8", "docx", "pdf" ...)
    notices: tuple[str, ...] = ()  # things the user should know (pages without text ...)


def identify(data: bytes, suffix: str = "") -> str:
    """The kind of file ``data`` is (a key of READERS), or "epub", "zip", "ole" (Word/WPS
    binary or an encrypted Office file), "image", "binary" for what cannot be read."""
    head = data[:4096]
    suffix = suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    for magic in (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*"):
        if head.startswith(magic):
            return "image"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM (Notepad's "Unicode")
        head = head.decode("utf-16", "ignore").encode("utf-8", "ignore")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"mime-version:" in lowered[:2048] and b"multipart/related" in lowered:
        return "mhtml"
    if lowered.startswith((b"<!doctype html", b"<html")) or (
        suffix in (".html", ".htm") and (b"<html" in lowered or b"<body" in lowered or b"<div" in lowered)
    ):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def _zip_kind(data: bytes) -> str:
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "damaged-zip"  # truncated or broken: a damaged Word/OFD file if so named
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names or "ofd.xml" in {n.lower() for n in names}:
        return "ofd"
    if "mimetype" in names and any(n.endswith(".opf") for n in names):
        return "epub"
    return "zip"


def read_document(data: bytes, path: Path) -> Document:
    """The Document of the file ``path`` whose bytes are ``data``.  Raises DocumentError."""
    import importlib

    name = str(path)
    kind = identify(data, path.suffix)
    expected = _KIND_OF_SUFFIX.get(path.suffix.lower())
    if kind == "damaged-zip":
        if expected in ("docx", "ofd"):  # a truncated or damaged Word/OFD file
            raise DocumentError("damaged_file", name, kind=_KIND_NAMES[expected])
        kind = "zip"
    if kind in ("epub", "zip", "image", "binary"):
        raise DocumentError(f"not_supported_{kind}", name)
    if kind == "ole":
        kind = "legacy"
    if kind == "text" and expected not in (None, "text", "markdown", "html"):
        if _looks_binary(data):  # junk, or a file of this kind damaged past recognition
            raise DocumentError("damaged_file", name, kind=_KIND_NAMES[expected])
        raise DocumentError("named_but_text", name, kind=_KIND_NAMES[expected])
    try:
        parsed = importlib.import_module(READERS[kind]).read(data, path)
    except DocumentError as exc:
        exc.params.setdefault("path", name)
        if not exc.params.get("path"):
            exc.params["path"] = name
        raise
    return document_from_parsed(parsed, path=str(path.resolve()), encoding=parsed.encoding or kind)


def _looks_binary(data: bytes) -> bool:
    """Whether ``data`` cannot be read as text at all (the text reader would refuse it)."""
    from desktop_app.core.loader import decode_bytes

    try:
        decode_bytes(data[:65536])
    except DocumentError:
        return True
    return False


_KIND_OF_SUFFIX = {
    ".txt": "text", ".text": "text", ".docx": "docx", ".pdf": "pdf", ".ofd": "ofd", ".html": "html",
    ".htm": "html", ".mhtml": "mhtml", ".mht": "mhtml", ".md": "markdown", ".markdown": "markdown",
    ".doc": "legacy", ".wps": "legacy",
}  # fmt: skip
_KIND_NAMES = {
    "docx": "Word (.docx)", "pdf": "PDF", "ofd": "OFD", "mhtml": "MHTML", "legacy": "Word/WPS (.doc/.wps)",
}  # fmt: skip


def document_from_parsed(parsed: Parsed, *, path: str = "", encoding: str = "utf-8") -> Document:
    """The Document of a reader's paragraphs: trimmed and split like a text file's, its
    metadata from the head of the text (the file's title when the text has none), and its
    tree from the declared headings, else from the text's numbering."""
    from desktop_app.core.loader import paragraphs_from_text
    from desktop_app.core.metadata import extract_metadata
    from desktop_app.core.structure import detect_sections

    paragraphs: list[str] = []
    levels: dict[int, int] = {}
    headings = parsed.headings or {}
    for i, raw in enumerate(parsed.paragraphs):
        pieces = paragraphs_from_text(raw)
        if i in headings and pieces:
            levels[len(paragraphs)] = headings[i]
            pieces = [" ".join(pieces)]  # a heading stays one paragraph
        paragraphs.extend(pieces)
    if not paragraphs:
        raise DocumentError("empty", path)
    doc = Document.from_paragraphs(paragraphs, path=path, encoding=encoding)
    doc.notices = tuple(parsed.notices)
    doc.metadata = extract_metadata(doc.paragraphs)
    if not doc.metadata.title and parsed.title.strip():
        doc.metadata.title = parsed.title.strip()
    title = doc.metadata.title
    declared = {i: level for i, level in levels.items() if i > 0 and doc.paragraphs[i].text != title}
    if declared:  # the head ends where the file's first declared heading begins
        first = min(declared)
        doc.metadata.head_paragraphs = tuple(i for i in doc.metadata.head_paragraphs if i < first)
    head = frozenset(doc.metadata.head_paragraphs)
    detected = detect_sections(doc.paragraphs, len(doc.text), skip=head)
    if declared:
        doc.sections = _with_declared(doc, declared, detected)
    else:
        doc.sections = detected
    return doc


def _with_declared(doc: Document, declared: dict[int, int], detected: list) -> list:
    """The tree when the file declares headings.  When the text's own numbering finds every
    declared heading (a law whose 第一章 is styled Heading 1), its tree is the richer one: it
    also has the run-in 第一条 and （一） under them.  Otherwise the declared headings make the
    tree (headings with no numbering: only the file says they are headings)."""
    from desktop_app.core.structure import declared_sections

    starts = {s.paragraph_index for s in detected if s.kind != "paragraph" and not s.run_in}
    if detected and set(declared) <= starts:
        return detected
    return declared_sections(doc.paragraphs, declared, len(doc.text))
