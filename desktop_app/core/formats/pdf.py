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
from bisect import bisect_left, bisect_right
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING, Any, NamedTuple

from desktop_app.core.formats import Parsed
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
            lines: list[_Line] = []
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
    paragraphs, headings = _rebuild(lines, marks)
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


class _Line(NamedTuple):
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    em: float  # the height of the first character's font box: the type size
    unit: float  # the width of the line's first unbreakable unit
    space_before: bool  # the file has a space at the line's start or the previous line's end


# Closing punctuation that never starts a line (it goes with the character before it).
_CLOSING = set("，。、；：？！）》」』】〕〉’”…—％%,.;:?!)]}·")
_OPENING = set("“‘《（(「『【〔〈[{")
_SENTENCE_END = re.compile(r"[。！？!?；;：:…][”’」』）)】]*$")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0003ffff]")
_LINE = re.compile(r"[^\r\n]+")
_SPACES = " \t\u3000\u00a0"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\u00ad\ufffd]")


def _is_cjk(ch: str) -> bool:
    return _CJK.match(ch) is not None


def _page_lines(pdfium: Any, doc: Any, index: int) -> tuple[list[_Line], bool]:
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


def _lines_of(pdfium: Any, textpage: Any, text: str, page: int) -> Iterable[_Line]:
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
            elif _is_cjk(text[k - 1]) != _is_cjk(text[k + 1]):
                if gap - _spread(text, k, a, b, edges) < 0.25 * em:
                    dropped.append(k)  # Chinese next to Latin: autospacing (~0.2 em), not a space
            elif _is_cjk(text[k - 1]) and gap - _spread(text, k, a, b, edges) < 0.2 * em:
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
) -> _Line | None:
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
    return _Line(page, piece, x0, x1, top, bottom, em, unit, space_before)


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
    if _is_cjk(text[i]) or text[i] in _CLOSING:
        i += 1
    else:
        while i < e and text[i] not in _SPACES and not _is_cjk(text[i]):
            i += 1
    while i < e and text[i] in _CLOSING:
        i += 1
    return max(i, s + 1)


class _Mark(NamedTuple):
    """A bookmark: its title, level (1 = top) and where it points."""

    title: str
    level: int
    page: int
    y: float | None


def _outline(pdfium: Any, doc: Any) -> list[_Mark]:
    """The outline in order, at most 5,000 entries and 12 levels deep (a looped or hostile
    outline stops there)."""
    import ctypes

    marks: list[_Mark] = []
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
                marks.append(_Mark(title, level, page, where))
            if level < 12:
                walk(pdfium.FPDFBookmark_GetFirstChild(doc, item), level + 1)
            item = pdfium.FPDFBookmark_GetNextSibling(doc, item)

    walk(pdfium.FPDFBookmark_GetFirstChild(doc, None), 1)
    return marks


# ---------------------------------------------------------------------------------------------
# From lines to paragraphs (no PDFium below)
# ---------------------------------------------------------------------------------------------


def _rebuild(lines: list[_Line], marks: list[_Mark]) -> tuple[list[str], dict[int, int] | None]:
    lines = _without_furniture(lines)
    if not lines:
        return [], None
    lines, columns = _in_reading_order(lines)
    heads = _place_marks(lines, marks)
    paragraphs, first_line = _paragraphs(lines, columns, heads)
    if not heads:
        return paragraphs, None
    starts = {line: n for n, line in enumerate(first_line)}
    levels = {starts[i]: level for i, level in heads.items() if i in starts}
    return paragraphs, levels or None


# -- page furniture ----------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－―_·•.]*"
    r"(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|\d+\s*[/／]\s*\d+"
    r"|(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
    r"|共\s*\d+\s*页\s*第\s*\d+\s*页"
    r"|\d+"
    r"|[ivxlc]+)"
    r"[\s\-—–－―_·•.]*$",
    re.IGNORECASE,
)


def _without_furniture(lines: list[_Line]) -> list[_Line]:
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        by_page.setdefault(line.page, []).append(i)
    candidates: dict[int, str] = {}  # line index -> "top" or "bottom"
    for members in by_page.values():
        order = sorted(members, key=lambda i: -lines[i].top)
        for i in order[:2]:
            candidates[i] = "top"
        for i in order[-2:]:
            candidates.setdefault(i, "bottom")
    # the same text (digits alike) at the same height on other pages
    groups: dict[tuple[str, str], list[int]] = {}
    for i, side in candidates.items():
        key = re.sub(r"\d+", "#", "".join(lines[i].text.split()))
        groups.setdefault((side, key), []).append(i)
    pages = len(by_page)
    need = max(2, -(-pages * 3 // 10))  # on at least 30% of the pages (and two)
    furniture: set[int] = set()
    for members in groups.values():
        if len({lines[i].page for i in members}) < 2:
            continue
        for i in members:
            same = {lines[j].page for j in members if abs(lines[j].top - lines[i].top) <= 4}
            if len(same) >= need or (len(same) >= 2 and _PAGE_NUMBER.match(lines[i].text)):
                furniture.add(i)
    # a page number at the very top or bottom of its page
    for members in by_page.values():
        order = sorted(members, key=lambda i: -lines[i].top)
        for end in (order[0], order[-1]):
            if len(members) > 1 and _PAGE_NUMBER.match(lines[end].text) and len(lines[end].text) < 24:
                furniture.add(end)
    kept = [line for i, line in enumerate(lines) if i not in furniture]
    return kept or lines  # a text that is all "furniture" (one line on every page) is the text


# -- columns -----------------------------------------------------------------------------------


def _in_reading_order(lines: list[_Line]) -> tuple[list[_Line], list[int]]:
    """Lines page by page in reading order, and each line's column (0: the page's only one,
    1 left, 2 right)."""
    out: list[_Line] = []
    columns: list[int] = []
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].page == lines[start].page:
            end += 1
        page = lines[start:end]
        gutter = _gutter(page)
        if gutter is None:
            out.extend(page)
            columns.extend([0] * len(page))
        else:
            for line, col in _by_columns(page, gutter):
                out.append(line)
                columns.append(col)
        start = end
    return out, columns


def _gutter(page: list[_Line]) -> float | None:
    """The x of a gutter between two columns on this page, or None."""
    if len(page) < 10:
        return None
    lo = min(line.x0 for line in page)
    hi = max(line.x1 for line in page)
    width = hi - lo
    ends = sorted(line.x1 for line in page)
    starts = sorted(line.x0 for line in page)
    best: tuple[int, int, float] | None = None
    for x in [x1 + 0.5 for x1 in ends] + [x0 - 0.5 for x0 in starts]:
        if not lo + 0.25 * width <= x <= lo + 0.75 * width:
            continue
        left = bisect_right(ends, x)
        right = len(starts) - bisect_left(starts, x)
        crossing = len(page) - left - right
        if left < 5 or right < 5 or crossing > 0.2 * len(page):
            continue
        score = (-crossing, min(left, right), x)  # fewest lines across it (hanging punctuation
        if best is None or score > best:  # reaches into the gutter), then the most on each side
            best = score
    if best is None:
        return None
    x = best[2]
    left_side = [line for line in page if line.x1 <= x]
    right_side = [line for line in page if line.x0 >= x]
    overlap = min(max(a.top for a in left_side), max(b.top for b in right_side)) - max(
        min(a.bottom for a in left_side), min(b.bottom for b in right_side)
    )
    shorter = min(
        max(a.top for a in left_side) - min(a.bottom for a in left_side),
        max(b.top for b in right_side) - min(b.bottom for b in right_side),
    )
    return x if shorter > 0 and overlap > 0.5 * shorter else None


def _by_columns(page: list[_Line], gutter: float) -> list[tuple[_Line, int]]:
    """Bands between lines crossing the gutter, top to bottom; in each, the left column's
    lines (in drawing order), then the right column's."""
    crossing = sorted((line for line in page if line.x0 < gutter < line.x1), key=lambda ln: -ln.top)
    out: list[tuple[_Line, int]] = []
    placed: set[int] = set()
    cuts = [line.top for line in crossing]

    def band(line: _Line) -> int:
        return sum(1 for c in cuts if c > line.top)  # crossing lines above it

    by_band: dict[int, list[_Line]] = {}
    for line in page:
        if not line.x0 < gutter < line.x1:
            by_band.setdefault(band(line), []).append(line)
    for n in range(len(crossing) + 1):
        members = by_band.get(n, [])
        out.extend((line, 1) for line in members if line.x1 <= gutter)
        out.extend((line, 2) for line in members if line.x0 >= gutter)
        if n < len(crossing) and id(crossing[n]) not in placed:
            placed.add(id(crossing[n]))
            out.append((crossing[n], 0))
    return out


# -- bookmarks ---------------------------------------------------------------------------------


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _place_marks(lines: list[_Line], marks: list[_Mark]) -> dict[int, int]:
    """line index -> level of the bookmark that starts there: on the page the bookmark points
    at, the first line at or below its height that begins with its title; else the next line
    after the previous bookmark's that does (within a few hundred lines: a hostile outline of
    thousands of entries cannot make this quadratic)."""
    if not marks:
        return {}
    pages: dict[int, range] = {}
    start = 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or lines[i].page != lines[start].page:
            pages[lines[start].page] = range(start, i)
            start = i
    squeezed = [_squeeze(line.text) for line in lines]
    heads: dict[int, int] = {}
    floor = 0
    for mark in marks:
        title = _squeeze(mark.title)
        if not title:
            continue
        pointed = list(pages.get(mark.page, ()))
        if mark.y is not None:
            below = [i for i in pointed if lines[i].top <= mark.y + 2]
            pointed = below + [i for i in pointed if lines[i].top > mark.y + 2]
        nearby = range(floor, min(len(lines), floor + 400))
        found = next((i for i in [*pointed, *nearby] if _starts_with(squeezed, i, title)), None)
        if found is not None and found not in heads:
            heads[found] = mark.level
            floor = found
    return heads


def _starts_with(squeezed: list[str], i: int, title: str) -> bool:
    """Whether the text from line ``i`` on begins with ``title`` (spaces ignored)."""
    if not title.startswith(squeezed[i][: len(title)]):
        return False
    text = ""
    while i < len(squeezed) and len(text) < len(title):
        text += squeezed[i]
        i += 1
    return text.startswith(title)


# -- paragraphs --------------------------------------------------------------------------------


def _frequent(values: Iterable[float], share: float = 0.05) -> list[float]:
    """Values (to the point) shared by at least ``share`` of them and at least 2."""
    counts: dict[int, int] = {}
    total = 0
    for v in values:
        counts[round(v)] = counts.get(round(v), 0) + 1
        total += 1
    need = max(2, int(total * share))
    return sorted(v for v, c in counts.items() if c >= need)


class _Edges(NamedTuple):
    left: float
    right: float


def _column_edges(lines: list[_Line], columns: list[int]) -> dict[tuple[int, int], _Edges]:
    """The left and right edges of the text, per column and page parity (mirrored margins)."""
    groups: dict[tuple[int, int], list[_Line]] = {}
    for line, col in zip(lines, columns, strict=True):
        groups.setdefault((col, line.page % 2), []).append(line)
    edges: dict[tuple[int, int], _Edges] = {}
    for key, members in groups.items():
        lefts = _frequent(line.x0 for line in members) or [min(line.x0 for line in members)]
        # the right edge: where most long lines end (exactly, in justified text; ragged text
        # stops within a character of it, and punctuation may hang past it)
        widest = max(line.x1 for line in members)
        long = sorted(line.x1 for line in members if line.x1 - lefts[0] > 0.6 * (widest - lefts[0]))
        edges[key] = _Edges(lefts[0], long[int(0.8 * (len(long) - 1))] if long else widest)
    return edges


def _pitches(lines: list[_Line], columns: list[int]) -> dict[int, float]:
    """The usual distance from one line to the next, per type size (to the point)."""
    steps: dict[int, list[float]] = {}
    for (a, ca), (b, cb) in zip(
        zip(lines, columns, strict=True), zip(lines[1:], columns[1:], strict=True), strict=False
    ):
        if a.page == b.page and ca == cb and abs(a.em - b.em) < 0.5:
            step = a.bottom - b.bottom
            if 0.8 * a.em < step < 3 * a.em:
                steps.setdefault(round(a.em), []).append(step)
    return {size: _low_median(v) for size, v in steps.items()}


def _low_median(values: list[float]) -> float:
    """The median of the smaller half: the pitch inside paragraphs, not the gaps between them."""
    values = sorted(values)
    return median(values[: max(1, (len(values) + 1) // 2 + len(values) // 4)])


def _paragraphs(lines: list[_Line], columns: list[int], heads: dict[int, int]) -> tuple[list[str], list[int]]:
    """Paragraph texts, and the index of each paragraph's first line."""
    edges = _column_edges(lines, columns)
    pitches = _pitches(lines, columns)
    head_ends = _head_ends(lines, heads)
    paragraphs: list[str] = []
    first_line: list[int] = []
    current = ""
    for i, line in enumerate(lines):
        if i == 0 or i in heads or (i - 1) in head_ends or _new_paragraph(lines, columns, i, edges, pitches):
            if current:
                paragraphs.append(current)
            current = line.text
            first_line.append(i)
        else:
            current = _join(current, line.text, line.space_before)
    if current:
        paragraphs.append(current)
    return paragraphs, first_line


def _head_ends(lines: list[_Line], heads: dict[int, int]) -> set[int]:
    """The last line of each heading placed by a bookmark (a heading may wrap)."""
    ends = set()
    for i in heads:
        j = i
        while j + 1 < len(lines) and j + 1 not in heads and lines[j + 1].em == lines[i].em:
            if lines[j].x1 < lines[j + 1].x0 or lines[j + 1].page != lines[i].page:
                break
            width = max(lines[i].x1 - lines[i].x0, 1.0)
            if lines[j].x1 - lines[i].x0 < 0.9 * width and j > i:
                break
            if not _wraps_on(lines, j):
                break
            j += 1
        ends.add(j)
    return ends


def _wraps_on(lines: list[_Line], j: int) -> bool:
    """Whether line j is full and the next line has the same size and no gap (the heading goes on)."""
    a, b = lines[j], lines[j + 1]
    step = a.bottom - b.bottom
    same_size = abs(a.em - b.em) < 0.5
    return same_size and 0 < step < 1.6 * a.em and _is_cjk(a.text[-1]) and abs(a.x0 - b.x0) < a.em


def _new_paragraph(
    lines: list[_Line],
    columns: list[int],
    i: int,
    edges: dict[tuple[int, int], _Edges],
    pitches: dict[int, float],
) -> bool:
    prev, line = lines[i - 1], lines[i]
    em = line.em
    if abs(prev.em - em) > 0.15 * max(prev.em, em):
        return True  # another type size: a heading, a title, a note
    left, right = edges[(columns[i], line.page % 2)]
    p_left, p_right = edges[(columns[i - 1], prev.page % 2)]
    short = p_right - prev.x1
    centred = line.x0 - left > em and abs((line.x0 - left) - (right - line.x1)) < em
    prev_full = prev.x0 - p_left < 0.5 * em and short < em
    sentence_end = _SENTENCE_END.search(prev.text) is not None
    if line.x0 - left >= 1.2 * em and not (centred and prev_full and not sentence_end):
        return True  # a first-line indent (or a centred or right-aligned line)
    same_flow = prev.page == line.page and columns[i - 1] == columns[i] and prev.bottom > line.bottom
    if same_flow:
        pitch = pitches.get(round(em), 1.2 * em)
        if prev.bottom - line.bottom > 1.3 * pitch + 0.5:
            return True  # a gap between paragraphs
    if short > line.unit + 0.25 * em:
        return True  # the next line's first word would have fitted: the paragraph ended
    return sentence_end and short > 1.5 * em


def _join(text: str, more: str, space: bool) -> str:
    """Two lines of one paragraph: no space between Chinese text, one between Latin words."""
    if not text:
        return more
    a, b = text[-1], more[0]
    if space and not (_is_cjk(a) and _is_cjk(b)):
        return f"{text} {more}"
    if _is_cjk(a) or _is_cjk(b) or a in "-‐/" or not (a.isalnum() or a in ",.;:!?)") or not b.isalnum():
        return text + more
    return f"{text} {more}"
