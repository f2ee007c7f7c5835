"""The notes' PDF through Qt: the HTML export -> ``QTextDocument`` -> ``QPdfWriter``, A4 portrait.

Used when a note holds a character the bundled font lacks (:mod:`.pdf` draws everything else
itself, ~5x faster): Qt finds it in the system's fonts.  The only export module that imports
Qt (lazily).  The bundled CJK font (WenQuanYi Micro Hei) is registered and set as the
document font, so the PDF embeds it and its text is selectable and searchable.  Qt needs a
``QGuiApplication``: if none exists one is created (offscreen unless ``QT_QPA_PLATFORM`` says
otherwise), so the command line works without a screen.

Sizes.  ``QTextDocument.print_()`` lays a paginated document out for the screen and then
scales it by printer DPI / screen DPI, so a page size given in printer pixels shrank the
text to a third (3.6 pt body text on A4).  Here the document is laid out *on the PDF
writer itself* (``documentLayout().setPaintDevice``): point sizes are points on paper;
each line is drawn on the page that holds it (:func:`lines_by_page`), then the page
number.  Qt's CSS lengths (margins, fixed line heights) are written from points with
units measured on the writer (:func:`measure_css_units`).  The looks are :mod:`.pdf`'s.
"""

from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING, Any, NamedTuple

from desktop_app.export.model import document_title
from desktop_app.export.options import ExportError, ExportOptions, Progress
from desktop_app.export.pdf import A4_MM, DEFAULT, HEADING_COLOUR, LOOKS, MM_PER_INCH, PdfLook
from desktop_app.export.text_formats import HTML_END, html_pieces

if TYPE_CHECKING:
    from collections.abc import Iterator

    from desktop_app.core.annotations import Annotation, Bookmark
    from desktop_app.core.document import Document

_app: list[Any] = []  # a QGuiApplication we created, kept alive

RESOLUTION = 1200  # device pixels per inch of the PDF writer (Qt's default)


def ensure_gui_app() -> None:
    """A Qt application for fonts and painting: a QApplication (a QGuiApplication that also
    allows widgets later in the same process, e.g. the window or pytest-qt)."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:
            from PySide6.QtWidgets import QApplication
        except ImportError:  # pragma: no cover - QtWidgets is part of PySide6-Essentials
            _app.append(QGuiApplication(["yandu-export"]))
        else:
            _app.append(QApplication(["yandu-export"]))


class CssUnits(NamedTuple):
    """Qt CSS pixels per point on paper, measured on the device the text is laid out on.

    Qt's rich text does not treat its pixels alike: on a 1200 dpi PDF writer, left/right
    margins and indents are device pixels, while top/bottom margins and line heights are
    scaled by device DPI / ``qt_defaultDpi()`` (the screen's).  Measuring them keeps the
    sizes right whatever the screen and the Qt version.
    """

    across: float  # margin-left / margin-right / text-indent
    down: float  # margin-top / margin-bottom
    line: float  # line-height in px


def measure_css_units(device: Any) -> CssUnits:
    from PySide6.QtGui import QTextDocument

    probe = QTextDocument()
    layout = probe.documentLayout()
    layout.setPaintDevice(device)
    probe.setDocumentMargin(0)
    n = 1000
    probe.setHtml(
        '<p style="margin: 0px">x</p>'
        f'<p style="margin: 0px; margin-top: {n}px; margin-left: {n}px; line-height: {n}px">x<br>x</p>'
    )
    first = probe.firstBlock()
    second = first.next()
    lines = second.layout()
    per_point = device.logicalDpiY() / 72
    across = lines.lineAt(0).x() / n
    down = (layout.blockBoundingRect(second).top() - layout.blockBoundingRect(first).bottom()) / n
    line = (lines.lineAt(1).y() - lines.lineAt(0).y()) / n
    layout.setPaintDevice(None)
    return CssUnits(per_point / across, per_point / down, per_point / line)


def stylesheet(look: PdfLook, units: CssUnits) -> str:
    """The HTML export's elements in ``look``, every length given in points on paper."""

    def x(points: float) -> str:
        return f"{points * units.across:.2f}px"

    def y(points: float) -> str:
        return f"{points * units.down:.2f}px"

    body = look.body_pt
    if look.line_exact_pt is not None:
        # A minimum line height: the pitch of every line up to the 18 pt headings.
        line = f"line-height: {look.line_exact_pt * units.line:.2f}px;"
        title_line = f"line-height: {look.title_pt * 1.6 * units.line:.2f}px;"
    else:
        line = f"line-height: {look.line_percent}%;"
        title_line = "line-height: 130%;"
    indent = f"text-indent: {x(2 * body)};" if look.first_line_indent else ""
    h = look.heading_pt
    # The bundled CJK font has no bold face: Qt would fake bold by drawing text twice, which
    # doubles it in the PDF's text layer.  Headings are told apart by size and colour instead.
    return f"""
body {{ font-size: {body}pt; {line} }}
p {{ margin: 0px; margin-bottom: {y(body * 0.3)}; {line} }}
h1, h2, h3, h4, b {{ font-weight: normal; }}
h1 {{ font-size: {look.title_pt}pt; text-align: center; margin: 0px; margin-bottom: {y(body)}; {title_line} }}
h2 {{ font-size: {h[0]}pt; color: {HEADING_COLOUR}; margin: 0px; margin-top: {y(body * 1.2)};
      margin-bottom: {y(body * 0.5)}; {line} }}
h3 {{ font-size: {h[1]}pt; color: {HEADING_COLOUR}; margin: 0px; margin-top: {y(body)};
      margin-bottom: {y(body * 0.4)}; {line} }}
h4 {{ font-size: {h[2]}pt; color: {HEADING_COLOUR}; margin: 0px; margin-top: {y(body * 0.8)};
      margin-bottom: {y(body * 0.3)}; {line} }}
b {{ color: {HEADING_COLOUR}; }}
.meta {{ font-size: {look.small_pt}pt; text-align: center; color: #555555; margin: 0px; }}
blockquote {{ margin: 0px; margin-left: {x(2 * body)}; margin-top: {y(body * 0.6)};
              margin-bottom: {y(body * 0.2)}; {line} }}
.note {{ {indent} }}
.where {{ font-size: {look.small_pt}pt; color: #666666; margin-bottom: {y(body * 0.6)}; }}
.tag {{ color: #555555; }}
"""


def _exact_font_sizes(text: Any) -> None:
    """Drop the size step Qt adds to headings (``FontSizeAdjustment``, +3 for h1: 20 pt came
    out as 24 pt) so the stylesheet's point sizes are the sizes on paper."""
    from PySide6.QtGui import QTextCursor, QTextFormat

    adjustment = QTextFormat.Property.FontSizeAdjustment
    changes = []
    block = text.begin()
    while block.isValid():
        if not block.blockFormat().headingLevel():  # only <h1>-<h4> get the step (see html_pieces)
            block = block.next()
            continue
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.hasProperty(adjustment):
                fmt.clearProperty(adjustment)
                changes.append((fragment.position(), fragment.length(), fmt))
            it += 1
        block = block.next()
    # One edit block: each change on its own made the layout redo the text after it
    # (10,000 notes: 70 s instead of under a second).
    cursor = QTextCursor(text)
    cursor.beginEditBlock()
    for position, length, fmt in changes:
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt)
    cursor.endEditBlock()


def keep_headings_with_next(text: Any, page_height: float) -> None:
    """Start a heading (and the headings just above it) on a new page when the entry it
    introduces would begin on the next one, so no heading is left alone at a page's foot."""
    from PySide6.QtGui import QTextCursor, QTextFormat

    layout = text.documentLayout()

    def page_of_line(block: Any, line: int) -> int:
        top = layout.blockBoundingRect(block).top() + block.layout().lineAt(line).y()
        return int((top + 1) // page_height)  # a line moved to the next page starts at its very top

    block = text.begin()
    while block.isValid():
        following = block.next()
        level = block.blockFormat().headingLevel()
        if (
            level > 1  # not the title
            and block.layout().lineCount()
            and following.isValid()
            and following.blockFormat().headingLevel() <= 1
            and following.layout().lineCount()
            and page_of_line(following, 0) > page_of_line(block, block.layout().lineCount() - 1)
        ):
            first = block
            while first.previous().isValid() and first.previous().blockFormat().headingLevel() > 1:
                first = first.previous()
            fmt = first.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(first).setBlockFormat(fmt)
        block = following


def lines_by_page(text: Any, page_height: float) -> Iterator[tuple[int, Any, float, float]]:
    """``(page, QTextLine, x, y)`` of every line in reading order, placed on its page.

    Lines are drawn one by one on the page that holds them.  ``drawContents`` with a clip
    per page (as ``QTextDocument.print_`` does) also draws the line just above the clip:
    hidden on paper, but in the text layer, so search and copy found page-foot lines twice.
    """
    block = text.begin()
    while block.isValid():
        layout = block.layout()
        origin = layout.position()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            top = origin.y() + line.y()
            page = int((top + 1) // page_height)  # a line moved to the next page starts at its very top
            yield page, line, origin.x(), origin.y() - page * page_height
        block = block.next()


def pages_used(text: Any, page_height: float) -> int:
    """Pages up to the last line of text (``pageCount()`` also counts a last paragraph's
    bottom margin, and so printed an empty page when that margin crossed a page's foot)."""
    layout = text.documentLayout()
    block = text.lastBlock()
    while block.isValid() and not block.layout().lineCount():
        block = block.previous()
    if not block.isValid():
        return 1
    line = block.layout().lineAt(block.layout().lineCount() - 1)
    bottom = layout.blockBoundingRect(block).top() + line.y() + line.height()
    return max(1, math.ceil(bottom / page_height - 1e-9))


# A part of the notes is laid out at a time: Qt's text layout cannot place anything lower than
# 2**23 device pixels (QFIXED_MAX: ~720 A4 pages at 1200 dpi; 10,000 notes need ~1,300), lays
# a long document out lazily, and its memory grows with it.  ~500 notes a part.
PART_CHARS = 150_000


def _parts(items: list[tuple[bool, str]], first: int) -> int:
    """The end of the part of ``items`` starting at ``first`` (at least one item)."""
    size = 0
    end = first
    while end < len(items) and (end == first or size < PART_CHARS):
        size += len(items[end][1])
        end += 1
    return end


def _item_starts(text: Any) -> list[Any]:
    """The first block of each outline item in a part: its heading, or its quote's blockquote."""
    from PySide6.QtGui import QTextFormat

    quote_level = QTextFormat.Property.BlockQuoteLevel
    starts = []
    block = text.begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.headingLevel() > 1 or fmt.hasProperty(quote_level):  # a quote is one block (<br>: U+2028)
            starts.append(block)
        block = block.next()
    return starts


def _line_pages(block: Any, page_height: float) -> tuple[int, int] | None:
    """The pages of a block's first and last lines (None: no lines)."""
    layout = block.layout()
    count = layout.lineCount()
    if not count:
        return None
    top = layout.position().y()
    first = int((top + layout.lineAt(0).y() + 1) // page_height)
    last = int((top + layout.lineAt(count - 1).y() + 1) // page_height)
    return first, last


def write_pdf(
    doc: Document,
    anns: list[Annotation],
    bms: list[Bookmark],
    options: ExportOptions,
    progress: Progress | None = None,
) -> bytes:
    """The PDF's bytes.  Qt writes into memory: its file writer reports no errors (a full disk
    gave an empty file and success) and warns on the console when it cannot open the file.

    The outline is laid out a part at a time (:data:`PART_CHARS`): a part's pages are drawn up
    to the last item that ends before its last page; the items from there on (with the headings
    just above them) begin the next part, on a new page.  So a page break falls between items
    about every 60 pages where one long document might have broken inside one; every page but
    a part's last is as one document lays it out."""
    try:
        ensure_gui_app()
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
        from PySide6.QtGui import (
            QColor,
            QFont,
            QPageLayout,
            QPageSize,
            QPainter,
            QPdfWriter,
            QTextDocument,
        )

        from desktop_app.qtfonts import load_bundled_font
        from desktop_app.themes import THEMES, mark_colours
    except ImportError as exc:  # pragma: no cover - PySide6 is a dependency
        raise ExportError("pdf_unavailable", reason=exc) from exc
    look = LOOKS.get(options.style, DEFAULT)
    family = load_bundled_font()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(document_title(doc))
    writer.setCreator("Yandu")
    writer.setResolution(RESOLUTION)
    # No printer margins: the page is drawn whole, the text block placed by hand below.
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )

    def dev(mm: float) -> float:
        return mm / MM_PER_INCH * RESOLUTION

    top, bottom, left, right = look.margins_mm
    block = QRectF(dev(left), dev(top), dev(A4_MM[0] - left - right), dev(A4_MM[1] - top - bottom))
    page_height = block.height()
    css = stylesheet(look, measure_css_units(writer))
    # An underline in the note's pale colour vanishes on paper: the reader's darker line colour.
    preamble, title_block, items = html_pieces(
        doc, anns, bms, options, css=css, line_colour=lambda c: mark_colours(THEMES["light"], c).underline
    )
    if progress is not None:
        progress(0.1)
    font = QFont(family)
    font.setPointSizeF(look.body_pt)
    default_css = f"body, h1, h2, h3, h4, p, blockquote, span {{ font-family: '{family}'; }}"

    def laid_out(parts: list[str]) -> Any:
        text = QTextDocument()
        # lay out in points on paper, not screen pixels (writer is deleted only after the last part)
        text.documentLayout().setPaintDevice(writer)  # noqa: F821
        text.setDocumentMargin(0)
        text.setDefaultFont(font)
        text.setDefaultStyleSheet(default_css)
        text.setHtml("\n".join([*preamble, *parts, HTML_END]) + "\n")
        _exact_font_sizes(text)
        text.setPageSize(QSizeF(block.width(), page_height))
        keep_headings_with_next(text, page_height)
        text.documentLayout().documentSize()  # the whole part laid out now, not lazily
        return text

    number_font = QFont(family)
    number_font.setPointSizeF(look.page_number_pt)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("pdf_unavailable", reason="QPainter")
    page = 0  # the page being drawn

    def page_number(n: int) -> None:
        painter.setFont(number_font)
        painter.setPen(QColor("#333333"))
        number_top = block.bottom() + dev(look.page_number_gap_mm)
        painter.drawText(
            QRectF(QPointF(block.left(), number_top), QSizeF(block.width(), dev(10))),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            f"— {n + 1} —",
        )

    def turn_to(n: int) -> None:
        nonlocal page
        while n > page:
            page_number(page)
            writer.newPage()  # noqa: F821 - deleted below, after the last page
            page += 1

    def line_pages(text: Any) -> list[tuple[int, int] | None]:
        """_line_pages of every block of a laid-out part, by block number (asked twice a block)."""
        out = []
        b = text.begin()
        while b.isValid():
            out.append(_line_pages(b, page_height))
            b = b.next()
        return out

    def draw(text: Any, base: int, stop: Any, pages_of: list[tuple[int, int] | None]) -> None:
        """Every line of ``text`` before the block ``stop`` (None: all) on its page, ``base`` on."""
        b = text.begin()
        while b.isValid() and (stop is None or b.blockNumber() != stop.blockNumber()):
            pages = pages_of[b.blockNumber()]
            if pages is not None and pages[0] == pages[1]:  # the usual case: one call for the block
                turn_to(base + pages[0])
                b.layout().draw(painter, QPointF(block.left(), block.top() - pages[0] * page_height))
            elif pages is not None:
                layout = b.layout()
                origin = layout.position()
                for i in range(layout.lineCount()):
                    line = layout.lineAt(i)
                    on = int((origin.y() + line.y() + 1) // page_height)
                    turn_to(base + on)
                    y = block.top() + origin.y() - on * page_height
                    line.draw(painter, QPointF(block.left() + origin.x(), y))
            b = b.next()

    try:
        first = 0
        base = 0
        head = title_block
        while True:
            end = _parts(items, first) if items else 0
            text = laid_out([*head, *(part for _, part in items[first:end])])
            starts = _item_starts(text)
            pages_of = line_pages(text)
            if end >= len(items) or len(starts) != end - first:
                # the last part (or one whose items cannot be told apart): all of it
                draw(text, base, None, pages_of)
                pages = pages_used(text, page_height)
                turn_to(base + pages - 1)
                if end >= len(items):
                    break
                base = page + 1
                first, head = end, []
                continue
            last_page = pages_used(text, page_height) - 1
            ends = []  # the page of each item's last line
            for k, start in enumerate(starts):
                stop = starts[k + 1] if k + 1 < len(starts) else None
                b, found = start, -1
                while b.isValid() and (stop is None or b.blockNumber() != stop.blockNumber()):
                    pages = pages_of[b.blockNumber()]
                    if pages is not None:
                        found = pages[1]
                    b = b.next()
                ends.append(found)
            r = next(k for k, e in enumerate(ends) if e >= last_page)
            while r > 0 and items[first + r - 1][0]:  # a heading goes with what follows it
                r -= 1
            if r == 0:  # one item fills the part to its last page: all of it
                draw(text, base, None, pages_of)
                turn_to(base + last_page)
                base, first, head = page + 1, end, []
                continue
            draw(text, base, starts[r], pages_of)
            turn_to(base + max(0, max(ends[:r])))
            base, first, head = page + 1, first + r, []
            del text
            if progress is not None:
                progress(0.1 + 0.85 * first / len(items))
        page_number(page)
    finally:
        painter.end()
        del writer  # finishes the PDF
    buffer.close()
    return bytes(data.data())
