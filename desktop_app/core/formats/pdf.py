"""PDF (.pdf) with a text layer, through PDFium (pypdfium2's raw bindings; BSD-3-Clause/Apache-2.0).

PDFium gives each page's text in drawing order, with the lines it sees ended by generated
line breaks, and the box of every character.  From that this module rebuilds what a reader
of the page sees:

* **Lines**: one record per line with its box (left, right, top, bottom, in points from the
  page's bottom left), its size (the height of its first character's font box) and the width
  of its first unbreakable unit (a Chinese character with the closing punctuation that must
  stay with it, or a Latin word).  Spaces PDFium inserted between Chinese and Latin text
  (LibreOffice's autospacing is drawn as a gap) are dropped; spaces in the file are kept.  A
  line that holds text from two columns (a wide gap at a space PDFium made) is cut in two.
* **Page furniture**: the top two and bottom two lines of each page are running headers,
  footers or page numbers when their text (digits counted alike) comes back at the same
  height on other pages, or when they are a page number ("— 3 —", "- 3 -", "第 3 页 共 9 页",
  "3 / 9", "Page 3 of 9") at the top or bottom of the page.  They are left out.
* **Columns**: when a page's lines fall on both sides of a vertical gutter, each band between
  lines that cross it is read left column first, then right (never line by line across).
* **Paragraphs**: consecutive lines are joined (no space between Chinese characters, one
  space between two Latin words) unless a new paragraph starts: a first-line indent (the line
  starts a character or more right of the column's left edge), a vertical gap larger than the
  text's line pitch, a change of type size, or a previous line that ends short of the right
  edge (the next line's first unit would have fitted, or the line ends a sentence).  A centred
  title's last line stays with the full line above it.
* **Outline**: the PDF's bookmarks are placed on the line they point at (page and height,
  checked against the title's text, else found by the text) and start paragraphs there.
  They are the declared headings (core/formats uses the text's own numbering instead when it
  finds every one of them: a law whose outline lists only its chapters keeps its articles).

A PDF with no text at all is a scan (``pdf_images_only``); pages without text in a PDF that
has some are reported in the notices.  An encrypted PDF opens when it needs no password to be
read (permissions only); one that needs a password gets ``password_protected``.  A file PDFium
cannot repair gets ``damaged_file``, and more than :data:`MAX_PAGES` pages ``too_many_pages``
(checked before any page is read).
"""

from __future__ import annotations

import re
import threading
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.formats import Parsed
from desktop_app.core.formats.pdf_lines import Line, Mark, is_cjk, rebuild
from desktop_app.core.loader import DocumentError

if TYPE_CHECKING:
    from collections.abc import Iterable

# The most pages a PDF may have.  Reading costs 4-5 ms a page (benchmarks/open_pdf.py: 1,014
# pages of the corpus in 4.1-6 s on a 2-core machine, pdftotext 3.1-3.8 s; peak memory 77 MB),
# so 3,000 pages open in about 15 s on the window's worker thread: a law compilation or a
# yearbook fits, and a 10,000-page file (a scanned archive, a generated report) is refused at
# once, before a page is read.
MAX_PAGES = 3000

# PDFium is not thread-safe: one document at a time (the window reads on a worker thread).
_LOCK = threading.Lock()
_initialised: list[bool] = []

_FPDF_ERR_PASSWORD = 4
_FPDF_ERR_SECURITY = 6
_FPDF_PAGEOBJ_IMAGE = 3


def read(data: bytes, path: Path) -> Parsed:
    name = str(path)
    with _LOCK:
        pdfium = _library()
        doc = _open(pdfium, data, name)
        try:
            pages = pdfium.FPDF_GetPageCount(doc)
            if pages > MAX_PAGES:
                raise DocumentError("too_many_pages", name, pages=pages, limit=MAX_PAGES)
            lines: list[Line] = []
            empty_pages: list[int] = []
            images = False
            for index in range(pages):
                page_lines, has_images = _page_lines(pdfium, doc, index)
                if not page_lines:
                    empty_pages.append(index)
                    images = images or has_images
                lines.extend(page_lines)
            marks = _outline(pdfium, doc)
            title = _meta_text(pdfium, doc, "Title")
        finally:
            pdfium.FPDF_CloseDocument(doc)
    if not lines:
        raise DocumentError("pdf_images_only" if images or pages else "empty", name)
    paragraphs, headings = rebuild(lines, marks)
    notices: tuple[str, ...] = ()
    if empty_pages:
        from desktop_app.core.messages import message

        shown = "、".join(str(n + 1) for n in empty_pages[:20]) + ("…" if len(empty_pages) > 20 else "")
        notices = (message("pdf_pages_without_text", pages=shown, path=name),)
    return Parsed(paragraphs, headings, title=title, encoding="pdf", notices=notices)


# ---------------------------------------------------------------------------------------------
# PDFium
# ---------------------------------------------------------------------------------------------


def _library() -> Any:
    """pypdfium2's raw ctypes bindings (12 ms to import; its helper layer costs 80 ms more and
    is not needed), PDFium initialised once per process."""
    import pypdfium2_raw as pdfium

    if not _initialised:
        config = pdfium.FPDF_LIBRARY_CONFIG(
            version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0
        )
        pdfium.FPDF_InitLibraryWithConfig(config)
        _initialised.append(True)
    return pdfium


def _open(pdfium: Any, data: bytes, name: str) -> Any:
    doc = pdfium.FPDF_LoadMemDocument64(data, len(data), None)
    if doc:
        return doc
    error = pdfium.FPDF_GetLastError()
    if error in (_FPDF_ERR_PASSWORD, _FPDF_ERR_SECURITY):
        raise DocumentError("password_protected", name)
    raise DocumentError("damaged_file", name, kind="PDF")


def _utf16(raw: bytes) -> str:
    return raw.decode("utf-16-le", "replace").split("\x00", 1)[0]


def _meta_text(pdfium: Any, doc: Any, key: str) -> str:
    import ctypes

    tag = key.encode("ascii")
    size = pdfium.FPDF_GetMetaText(doc, tag, None, 0)
    if size <= 2 or size > 1 << 16:
        return ""
    buf = ctypes.create_string_buffer(size)
    pdfium.FPDF_GetMetaText(doc, tag, buf, size)
    return " ".join(_utf16(buf.raw).split())


# Closing punctuation that never starts a line (it goes with the character before it).
_CLOSING = set("，。、；：？！）》」』】〕〉’”…—％%,.;:?!)]}·")
_OPENING = set("“‘《（(「『【〔〈[{")
_LINE = re.compile(r"[^\r\n]+")
_SPACES = " \t\u3000\u00a0"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\u00ad\ufffd]")


def _page_lines(pdfium: Any, doc: Any, index: int) -> tuple[list[Line], bool]:
    """The lines of page ``index`` in PDFium's order, and whether the page draws images."""
    import ctypes

    page = pdfium.FPDF_LoadPage(doc, index)
    if not page:
        return [], False
    textpage = pdfium.FPDFText_LoadPage(page)
    try:
        n = pdfium.FPDFText_CountChars(textpage) if textpage else 0
        if n <= 0:
            return [], _has_images(pdfium, page)
        buf = ctypes.create_string_buffer((n + 1) * 2)
        pdfium.FPDFText_GetText(textpage, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
        text = buf.raw[: n * 2].decode("utf-16-le", "replace")
        if len(text) != n:  # characters outside the BMP came as surrogate pairs: one by one
            text = "".join(chr(pdfium.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(n))
        lines = list(_lines_of(pdfium, textpage, text, index))
        return lines, bool(not lines and _has_images(pdfium, page))
    finally:
        if textpage:
            pdfium.FPDFText_ClosePage(textpage)
        pdfium.FPDF_ClosePage(page)


def _has_images(pdfium: Any, page: Any) -> bool:
    count = pdfium.FPDFPage_CountObjects(page)
    return any(
        pdfium.FPDFPageObj_GetType(pdfium.FPDFPage_GetObject(page, i)) == _FPDF_PAGEOBJ_IMAGE
        for i in range(min(count, 10_000))
    )


def _lines_of(pdfium: Any, textpage: Any, text: str, page: int) -> Iterable[Line]:
    import ctypes

    rect = pdfium.FS_RECTF()
    box = pdfium.FPDFText_GetLooseCharBox
    pref = ctypes.byref(rect)
    previous_ended_with_space = False

    def edges(i: int) -> tuple[float, float, float, float]:
        box(textpage, i, pref)
        return rect.left, rect.right, rect.top, rect.bottom

    for m in _LINE.finditer(text):
        a, b = m.span()
        raw = text[a:b]
        lead = len(raw) - len(raw.lstrip(_SPACES))
        trail = len(raw) - len(raw.rstrip(_SPACES))
        space_before = previous_ended_with_space or lead > 0
        previous_ended_with_space = trail > 0
        a, b = a + lead, b - trail
        if a >= b:
            continue
        # Cut the line where PDFium bridged a wide gap (two columns) or a change of line with a
        # space of its own; drop the spaces it made of gaps that are not spaces in the text.
        pieces = [a]
        dropped: list[int] = []
        for k in range(a + 1, b - 1):
            if text[k] != " " or not pdfium.FPDFText_IsGenerated(textpage, k):
                continue
            left = edges(k - 1)
            right = edges(k + 1)
            gap = right[0] - left[1]
            em = _size(pdfium, textpage, k - 1, left)
            if gap > 1.5 * em or gap < -em or abs(right[3] - left[3]) > 0.5 * em:
                pieces.append(k)
            elif is_cjk(text[k - 1]) != is_cjk(text[k + 1]):
                if gap - _spread(text, k, a, b, edges) < 0.25 * em:
                    dropped.append(k)  # Chinese next to Latin: autospacing (~0.2 em), not a space
            elif is_cjk(text[k - 1]) and gap - _spread(text, k, a, b, edges) < 0.2 * em:
                dropped.append(k)  # a justified line's spread, not a space
        pieces.append(b)
        for s, e in pairwise(pieces):
            while s < e and text[s] in _SPACES:
                s += 1
            while e > s and text[e - 1] in _SPACES:
                e -= 1
            if s >= e:
                continue
            first, last = edges(s), edges(e - 1)
            em = _size(pdfium, textpage, s, first)
            if abs(first[3] - last[3]) > 0.5 * em:  # lines PDFium joined without a mark
                cuts = [s, *_baseline_changes(text, s, e, em, edges), e]
            else:
                cuts = [s, e]
            for c0, c1 in pairwise(cuts):
                line = _line(pdfium, textpage, text, c0, c1, page, dropped, edges, space_before)
                if line is not None:
                    yield line
                space_before = False


def _line(
    pdfium: Any,
    textpage: Any,
    text: str,
    s: int,
    e: int,
    page: int,
    dropped: list[int],
    edges: Any,
    space_before: bool,
) -> Line | None:
    """The line of characters s..e-1 (spaces at its ends and the ``dropped`` ones left out)."""
    while s < e and text[s] in _SPACES:
        s += 1
    while e > s and text[e - 1] in _SPACES:
        e -= 1
    if s >= e:
        return None
    angle = pdfium.FPDFText_GetCharAngle(textpage, s)
    if 0.02 < angle < 6.26:  # turned text (radians): a watermark, a stamp, a margin note
        return None
    first = edges(s)
    x0, _, top, bottom = first
    em = _size(pdfium, textpage, s, first)
    x1 = edges(e - 1)[1]
    u = _unit_end(text, s, e)
    unit = edges(u - 1)[1] - x0
    piece = text[s:e]
    inside = [k for k in dropped if s < k < e]
    if inside:
        chars = list(piece)
        for k in inside:
            chars[k - s] = ""
        piece = "".join(chars)
    piece = _CONTROL.sub("", piece)
    if not piece.strip(_SPACES):
        return None
    return Line(page, piece, x0, x1, top, bottom, em, unit, space_before)


def _baseline_changes(text: str, s: int, e: int, em: float, edges: Any) -> list[int]:
    """Where the baseline changes within characters s..e-1 (one by one: rare and slower)."""
    cuts = []
    base = edges(s)[3]
    for i in range(s + 1, e):
        if text[i] in _SPACES:
            continue
        bottom = edges(i)[3]
        if abs(bottom - base) > 0.5 * em:
            cuts.append(i)
            base = bottom
    return cuts


def _spread(text: str, k: int, a: int, b: int, edges: Any) -> float:
    """The gap between the characters on either side of position k (the spread a justified
    line puts between every two characters), from the pairs next to it."""
    gaps = [
        edges(j + 1)[0] - edges(j)[1]
        for j in (k - 2, k + 1)
        if a <= j and j + 1 < b and text[j] not in _SPACES and text[j + 1] not in _SPACES
    ]
    return min(gaps) if gaps else 0.0


def _size(pdfium: Any, textpage: Any, i: int, box: tuple[float, float, float, float]) -> float:
    """The type size of character i in points on the page: the font size scaled by the text's
    matrix (Qt writes 200-point text scaled down), else its font box's height."""
    matrix = _MATRIX[0] if _MATRIX else _MATRIX.append(pdfium.FS_MATRIX()) or _MATRIX[0]
    size = pdfium.FPDFText_GetFontSize(textpage, i)
    if pdfium.FPDFText_GetMatrix(textpage, i, matrix):
        size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    height = box[2] - box[3]
    if not 0.5 * height <= size <= 2 * max(height, 1.0):
        size = height
    return max(size, 1.0)


_MATRIX: list[Any] = []


def _unit_end(text: str, s: int, e: int) -> int:
    """The end of the first unit of text[s:e] that a line break cannot split."""
    i = s
    while i < e - 1 and text[i] in _OPENING:
        i += 1
    if is_cjk(text[i]) or text[i] in _CLOSING:
        i += 1
    else:
        while i < e and text[i] not in _SPACES and not is_cjk(text[i]):
            i += 1
    while i < e and text[i] in _CLOSING:
        i += 1
    return max(i, s + 1)


def _outline(pdfium: Any, doc: Any) -> list[Mark]:
    """The outline in order, at most 5,000 entries and 12 levels deep (a looped or hostile
    outline stops there)."""
    import ctypes

    marks: list[Mark] = []
    seen: set[int] = set()
    has_x, has_y, has_zoom = pdfium.FPDF_BOOL(), pdfium.FPDF_BOOL(), pdfium.FPDF_BOOL()
    x, y, zoom = pdfium.FS_FLOAT(), pdfium.FS_FLOAT(), pdfium.FS_FLOAT()

    def walk(item: Any, level: int) -> None:
        while item and len(marks) < 5000:
            key = ctypes.cast(item, ctypes.c_void_p).value or 0
            if key in seen:
                return
            seen.add(key)
            size = pdfium.FPDFBookmark_GetTitle(item, None, 0)
            title = ""
            if 2 < size < 4096:
                buf = ctypes.create_string_buffer(size)
                pdfium.FPDFBookmark_GetTitle(item, buf, size)
                title = " ".join(_utf16(buf.raw).split())
            dest = pdfium.FPDFBookmark_GetDest(doc, item)
            if not dest:
                action = pdfium.FPDFBookmark_GetAction(item)
                dest = pdfium.FPDFAction_GetDest(doc, action) if action else None
            page = pdfium.FPDFDest_GetDestPageIndex(doc, dest) if dest else -1
            where = None
            if dest and pdfium.FPDFDest_GetLocationInPage(dest, has_x, has_y, has_zoom, x, y, zoom):
                where = y.value if has_y.value else None
            if title:
                marks.append(Mark(title, level, page, where))
            if level < 12:
                walk(pdfium.FPDFBookmark_GetFirstChild(doc, item), level + 1)
            item = pdfium.FPDFBookmark_GetNextSibling(doc, item)

    walk(pdfium.FPDFBookmark_GetFirstChild(doc, None), 1)
    return marks
