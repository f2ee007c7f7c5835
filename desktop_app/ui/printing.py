"""Printing the open document: its highlights, its notes, A4, page numbers; preview and PDF.

The printed copy is its own ``QTextDocument`` (:func:`build_print_document`), not the reading
view's: print sizes (12 pt body whatever the window's zoom, an 18 pt title, bold headings), black
text on white, the hidden repeated title left out, and notes numbered in the text.

Notes are printed right after the paragraph that holds their passage (a superscript [1] at the end
of the passage, then "[1] note" in smaller grey type, indented), not at the end of the document.
Qt's text layout has no real footnotes; end notes would make the reader turn pages back and forth
for every mark, while a note under its paragraph is read with the passage it is about, which is
what a printed study copy is for.  Highlights keep their colours as backgrounds (they print as
light grey on a black-and-white printer, the text stays legible) and underlines stay underlines.

Units.  The document is laid out in the units Qt's text layout uses without a paint device (the
screen's logical DPI, usually 96 per inch); pages are then painted on the printer scaled by
``printer DPI / layout DPI``.  Layout therefore does not depend on the printer's resolution, so the
preview breaks pages exactly where the paper does, and a 12 pt font comes out 12 pt on paper
(``QTextDocument.print_`` on a paginated document applies the same scale).  Each page is painted
line by line (:func:`page_lines`), header and footer unscaled, in points of the printer.

API for the window (import this module on use: it builds PySide's Qt namespace):
:func:`open_print_preview` (the preview, with what to print and a notes switch in a row under its
tool bar) and :func:`print_document` (the print dialog, then print); :func:`write_pdf` prints to a
PDF file, :func:`build_print_document` builds the pages' text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QWidget,
)

from desktop_app.core.annotations import Annotation
from desktop_app.core.display import CLOCK_AFTER_DATE
from desktop_app.core.document import Document, Section
from desktop_app.core.punctuation import to_display
from desktop_app.ui import fonts

BODY_PT = 12.0  # 小四: the usual size of printed Chinese reports
TITLE_PT = 18.0  # 小二
HEADING_PT = {1: 14.0}  # 四号 for top-level headings, the body size (bold) below
SUBTITLE_PT = 14.0  # 四号
HEAD_LINE_PT = 10.5  # 五号: the byline under the title
NOTE_PT = 10.5
MARGIN_PT = 9.0  # header and footer
LINE_HEIGHT = 150  # percent: one and a half lines, as printed reports are set
# Word's and WPS's A4 defaults in China: 2.54 cm top and bottom, 3.18 cm left and right
MARGINS_MM = QMarginsF(31.8, 25.4, 31.8, 25.4)  # left, top, right, bottom
TEXT_COLOUR = "#000000"
MUTED_COLOUR = "#555555"
MARKER_COLOUR = "#7a1f1f"  # the light theme's heading red: dark enough for a grey-scale printer

SUBTITLE_DASH = "——"
_HEADING_PROPERTY = QTextFormat.Property.UserProperty + 2  # marks heading blocks (kept with the next)


class PrintOptions(NamedTuple):
    """What to print.  ``start``/``end`` limit the body to offsets of ``Document.text``
    (``end=None``: to the end); the document's head (title, byline) is always printed."""

    notes: bool = True
    highlights: bool = True
    start: int = 0
    end: int | None = None
    full_width: bool = True  # half-width , ; : ( ) ! ? between Chinese printed full-width, as shown


# --- building the printed text -------------------------------------------------------------


def layout_dpi() -> float:
    """The DPI Qt's text layout turns points into units with when it has no paint device."""
    if QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_Use96Dpi):
        return 96.0
    screen = (
        QGuiApplication.primaryScreen() if isinstance(QGuiApplication.instance(), QGuiApplication) else None
    )
    return float(round(screen.logicalDotsPerInchY())) if screen is not None else 100.0


def default_page_layout() -> QPageLayout:
    """A4 portrait with the margins above."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def body_rect_points(page: QPageLayout) -> QRectF:
    """Where the text goes on the page, in points from the paper's top-left corner."""
    full = page.fullRect(QPageLayout.Unit.Point)
    m = page.margins(QPageLayout.Unit.Point)
    return QRectF(
        m.left(), m.top(), full.width() - m.left() - m.right(), full.height() - m.top() - m.bottom()
    )


class _Piece(NamedTuple):
    """A printed paragraph: ``doc.text[lo:hi]`` (for a head line, perhaps shortened)."""

    index: int
    lo: int
    hi: int
    role: str  # "title", "subtitle", "head", "heading", "body"
    level: int = 0


def _pieces(doc: Document, options: PrintOptions) -> list[_Piece]:
    meta = doc.metadata
    hidden = doc.hidden_paragraphs()
    head = [i for i in meta.head_paragraphs if i not in hidden]
    start = max(0, options.start)
    end = len(doc.text) if options.end is None else min(len(doc.text), options.end)
    headings = {s.paragraph_index: s for s in doc.sections if s.kind != "paragraph" and not s.run_in}
    out: list[_Piece] = []
    for p in doc.paragraphs:
        if p.index in hidden:
            continue
        if p.index in head:
            out.extend(_head_pieces(doc, p.index, p.index == head[0]))
            continue
        lo, hi = max(p.start, start), min(p.end, end)
        if hi <= lo and not (p.start == p.end and start <= p.start < end):
            continue
        sec = headings.get(p.index)
        if sec is not None:
            out.append(_Piece(p.index, lo, hi, "heading", sec.level))
        else:
            out.append(_Piece(p.index, lo, hi, "body"))
    return out


def _head_pieces(doc: Document, index: int, first: bool) -> list[_Piece]:
    """A head line: the title (a "——subtitle" on the same line goes to a line of its own),
    a subtitle, or a byline (without a clock time)."""
    p, meta = doc.paragraphs[index], doc.metadata
    if first or p.text == meta.title or p.text in meta.title.split(" "):
        dash = p.text.find(SUBTITLE_DASH)
        if dash > 0:
            return [
                _Piece(index, p.start, p.start + dash, "title"),
                _Piece(index, p.start + dash, p.end, "subtitle"),
            ]
        return [_Piece(index, p.start, p.end, "title")]
    if p.text.startswith(SUBTITLE_DASH) or (meta.subtitle and p.text.strip("—") == meta.subtitle):
        return [_Piece(index, p.start, p.end, "subtitle")]
    shown = CLOCK_AFTER_DATE.sub("", p.text)  # "2023-06-14 20:09:45": the date is enough
    return [_Piece(index, p.start, p.start + len(shown), "head")]


def _fonts(families: Sequence[str], size: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(list(families))
    f.setPointSizeF(size)
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


def _char(
    families: Sequence[str], size: float, bold: bool = False, colour: str = TEXT_COLOUR
) -> QTextCharFormat:
    c = QTextCharFormat()
    c.setFont(_fonts(families, size, bold))
    c.setForeground(QColor(colour))
    return c


def _block(
    em: float,
    *,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignJustify,
    indent: float = 0.0,
    left: float = 0.0,
    top: float = 0.0,
    bottom: float = 0.0,
    line_height: int = LINE_HEIGHT,
) -> QTextBlockFormat:
    b = QTextBlockFormat()
    b.setAlignment(align)
    b.setTextIndent(indent * em)
    b.setLeftMargin(left * em)
    b.setTopMargin(top * em)
    b.setBottomMargin(bottom * em)
    b.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    return b


def _formats(piece: _Piece, families: Sequence[str], em: float) -> tuple[QTextBlockFormat, QTextCharFormat]:
    if piece.role == "title":
        return _block(em, align=Qt.AlignmentFlag.AlignHCenter, bottom=0.5, line_height=130), _char(
            families, TITLE_PT, bold=True
        )
    if piece.role == "subtitle":
        return _block(em, align=Qt.AlignmentFlag.AlignHCenter, bottom=0.5, line_height=140), _char(
            families, SUBTITLE_PT
        )
    if piece.role == "head":
        return _block(em, align=Qt.AlignmentFlag.AlignHCenter, bottom=0.2, line_height=140), _char(
            families, HEAD_LINE_PT, colour=MUTED_COLOUR
        )
    if piece.role == "heading":
        fmt = _block(
            em,
            align=Qt.AlignmentFlag.AlignLeft,
            indent=0 if piece.level == 1 else 2,
            top=0.8 if piece.level == 1 else 0.4,
            bottom=0.3,
        )
        fmt.setProperty(_HEADING_PROPERTY, piece.level)
        return fmt, _char(families, HEADING_PT.get(piece.level, BODY_PT), bold=True)
    return _block(em, indent=2, bottom=0.25), _char(families, BODY_PT)


def _ranges(pieces: list[_Piece], starts: list[int], lo: int, hi: int) -> list[tuple[int, int]]:
    """Print positions of ``doc.text[lo:hi]``, one range per printed paragraph it touches."""
    out = []
    for piece, pos in zip(pieces, starts, strict=True):
        a, b = max(lo, piece.lo), min(hi, piece.hi)
        if a < b:
            out.append((pos + a - piece.lo, pos + b - piece.lo))
    return out


def build_print_document(
    doc: Document,
    annotations: Sequence[Annotation] = (),
    options: PrintOptions | None = None,
    *,
    families: Sequence[str] | None = None,
    body_size_pt: QSizeF | None = None,
) -> QTextDocument:
    """The text to print, laid out in pages of ``body_size_pt`` (A4 inside the margins by default).

    Its page size is in layout units (:func:`layout_dpi`); :func:`paint_pages` prints it.
    """
    options = options or PrintOptions()
    families = list(families or fonts.reading_font_families(doc.characters()))
    scale = layout_dpi() / 72.0
    em = BODY_PT * scale
    qdoc = QTextDocument()
    qdoc.setUndoRedoEnabled(False)
    qdoc.setUseDesignMetrics(True)  # the same line breaks in the preview and on paper
    qdoc.setDocumentMargin(0)
    qdoc.setDefaultFont(_fonts(families, BODY_PT))

    pieces = _pieces(doc, options)
    shown = to_display(doc.text) if options.full_width else doc.text  # the same length
    starts: list[int] = []
    cursor = QTextCursor(qdoc)
    excerpt_at = _last_head(pieces) + 1 if options.start > 0 or options.end is not None else -1
    first = True
    for n, piece in enumerate(pieces):
        if n == excerpt_at:  # under the head of a partial print: (节选) or (节选自：二、……)
            block_fmt = _block(em, align=Qt.AlignmentFlag.AlignHCenter, bottom=0.8, line_height=140)
            char_fmt = _char(families, HEAD_LINE_PT, colour=MUTED_COLOUR)
            _new_block(cursor, first, block_fmt, char_fmt)
            cursor.insertText(_excerpt_label(doc, options), char_fmt)
            first = False
        block_fmt, char_fmt = _formats(piece, families, em)
        _new_block(cursor, first, block_fmt, char_fmt)
        first = False
        starts.append(cursor.position())
        cursor.insertText(shown[piece.lo : piece.hi], char_fmt)

    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    for s in doc.sections:  # run-in headings: the title words in bold
        if s.run_in and s.kind != "paragraph":
            for a, b in _ranges(pieces, starts, s.start, s.start + len(s.title)):
                c = QTextCursor(qdoc)
                c.setPosition(a)
                c.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
                c.mergeCharFormat(bold)

    marks = [a for a in annotations if not a.is_orphan and a.end > a.start]
    if options.highlights:
        for a in sorted(marks, key=lambda a: a.start - a.end):  # longest first: inner marks on top
            fmt = QTextCharFormat()
            colour = QColor(a.color_hex)
            if a.style == "underline":
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(colour.darker(150))
            else:
                fmt.setBackground(colour)
            for lo, hi in _ranges(pieces, starts, a.start, a.end):
                c = QTextCursor(qdoc)
                c.setPosition(lo)
                c.setPosition(hi, QTextCursor.MoveMode.KeepAnchor)
                c.mergeCharFormat(fmt)
    if options.notes:
        _insert_notes(qdoc, pieces, starts, [a for a in marks if a.note.strip()], families, em)

    size = body_size_pt or body_rect_points(default_page_layout()).size()
    qdoc.setPageSize(QSizeF(size.width() * scale, size.height() * scale))
    _keep_headings_with_next(qdoc)
    return qdoc


def _new_block(
    cursor: QTextCursor, first: bool, block_fmt: QTextBlockFormat, char_fmt: QTextCharFormat
) -> None:
    if first:  # the document's first block exists already
        cursor.setBlockFormat(block_fmt)
        cursor.setBlockCharFormat(char_fmt)
    else:
        cursor.insertBlock(block_fmt, char_fmt)


def _last_head(pieces: list[_Piece]) -> int:
    return max((i for i, p in enumerate(pieces) if p.role in ("title", "subtitle", "head")), default=-1)


def _excerpt_label(doc: Document, options: PrintOptions) -> str:
    path = [s for s in doc.section_path(options.start) if s.kind != "paragraph" and not s.run_in]
    if not path or path[-1].start == options.start:  # a whole section shows its own heading
        return QCoreApplication.translate("Printing", "(Excerpt)")
    return QCoreApplication.translate("Printing", "(Excerpt from: %1)").replace("%1", path[-1].title)


def _insert_notes(
    qdoc: QTextDocument,
    pieces: list[_Piece],
    starts: list[int],
    noted: list[Annotation],
    families: Sequence[str],
    em: float,
) -> None:
    """Number the notes in reading order; a superscript [n] ends each passage and the notes
    follow their paragraph.  Done from the last paragraph back, so earlier positions hold."""
    placed: list[tuple[int, int, Annotation]] = []  # (piece number, end offset of the marker, note)
    for a in noted:
        where = [i for i, p in enumerate(pieces) if p.lo < a.end and a.start < p.hi]
        if where:
            i = where[-1]
            placed.append((i, min(a.end, pieces[i].hi), a))
    placed.sort(key=lambda t: (t[0], t[1], t[2].start))
    numbers = {id(a): n for n, (_i, _e, a) in enumerate(placed, 1)}

    marker = QTextCharFormat()
    marker.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    marker.setForeground(QColor(MARKER_COLOUR))
    marker.setFontWeight(QFont.Weight.Bold)
    note_block = _block(em, align=Qt.AlignmentFlag.AlignJustify, left=2, bottom=0.25, line_height=140)
    note_char = _char(families, NOTE_PT, colour=MUTED_COLOUR)
    label_char = _char(families, NOTE_PT, bold=True, colour=MARKER_COLOUR)

    for i in sorted({t[0] for t in placed}, reverse=True):
        here = [t for t in placed if t[0] == i]
        piece, pos = pieces[i], starts[i]
        cursor = QTextCursor(qdoc)
        cursor.setPosition(pos + piece.hi - piece.lo)  # the end of the paragraph
        for _i, _e, a in here:
            cursor.insertBlock(note_block, note_char)
            cursor.insertText(f"[{numbers[id(a)]}] ", label_char)
            cursor.insertText(" ".join(a.note.split()), note_char)
        for _i, end, a in sorted(here, key=lambda t: t[1], reverse=True):
            cursor.setPosition(pos + end - piece.lo)
            fmt = QTextCharFormat(cursor.charFormat())
            fmt.merge(marker)
            fmt.clearBackground()
            fmt.setFontUnderline(False)
            cursor.insertText(f"[{numbers[id(a)]}]", fmt)


def _keep_headings_with_next(qdoc: QTextDocument, limit: int = 300) -> None:
    """A heading at the foot of a page moves to the next page, with the text it heads.

    Each move is followed by a full layout (re-setting the page size): Qt's incremental relayout
    after a block format change left the blocks after it unlaid (zero height, lost on paper).
    Earlier blocks do not move, so the walk goes on from the moved heading.
    """
    height = qdoc.pageSize().height()
    layout = qdoc.documentLayout()
    block = qdoc.begin()
    while block.isValid() and limit > 0:
        nxt = block.next()
        fmt = block.blockFormat()
        if nxt.isValid() and fmt.hasProperty(_HEADING_PROPERTY) and not _breaks_before(fmt):
            page = int(layout.blockBoundingRect(block).top() // height)
            if int(_first_line_bottom(nxt) // height) > page:
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)
                qdoc.setPageSize(qdoc.pageSize())  # lay the whole document out again
                limit -= 1
        block = nxt


def _breaks_before(fmt: QTextBlockFormat) -> bool:
    return bool(fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def _first_line_bottom(block: QTextBlock) -> float:
    """Where the block's first line ends, in document units (pages are stacked)."""
    lay = block.layout()
    if lay is None or lay.lineCount() == 0:
        return lay.position().y() if lay is not None else 0.0
    line = lay.lineAt(0)
    return lay.position().y() + line.y() + line.height() - 1


# --- painting pages ------------------------------------------------------------------------


def new_printer(
    title: str = "", mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution
) -> QPrinter:
    """A printer set to A4 portrait with our margins, painting over the whole page."""
    printer = QPrinter(mode)
    printer.setPageLayout(default_page_layout())
    printer.setFullPage(True)  # we place the header and footer in the margins ourselves
    printer.setDocName(title or "Yandu")
    printer.setCreator("Yandu")
    return printer


def page_lines(qdoc: QTextDocument) -> dict[int, list[tuple[QTextBlock, int]]]:
    """The text lines of each page (0-based), as (block, line number).

    Pages are painted line by line rather than with ``drawContents(clip)``: Qt draws the lines
    of a block that crosses the clip's edge up to a line or two beyond it, and a PDF keeps text
    the clip hides, so copying from the PDF would give the last line of a page twice.
    """
    height = qdoc.pageSize().height()
    out: dict[int, list[tuple[QTextBlock, int]]] = {}
    block = qdoc.begin()
    while block.isValid():
        lay = block.layout()
        if block.isVisible() and lay is not None:
            top = lay.position().y()
            for i in range(lay.lineCount()):
                line = lay.lineAt(i)
                page = int((top + line.y() + line.height() / 2) // height)
                out.setdefault(page, []).append((block, i))
        block = block.next()
    return out


def paint_pages(printer: QPrinter, qdoc: QTextDocument, title: str, families: Sequence[str]) -> int:
    """Paint ``qdoc`` page by page on ``printer`` (full-page mode) with a header and page numbers.

    Honours the printer's page range and copies; returns the number of pages painted.
    """
    page_layout = printer.pageLayout()
    body = body_rect_points(page_layout)
    full = page_layout.fullRect(QPageLayout.Unit.Point)
    pages = qdoc.pageCount()
    first, last = 1, pages
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(pages, printer.toPage() or pages)
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        device_per_pt = painter.device().logicalDpiX() / 72.0
        scale = painter.device().logicalDpiX() / layout_dpi()
        page_h = qdoc.pageSize().height()
        lines = page_lines(qdoc)
        header_font = _fonts(families, MARGIN_PT)
        painted = 0
        for _copy in range(copies):
            for page in range(first, last + 1):
                if painted:
                    printer.newPage()
                painter.save()
                painter.translate(body.left() * device_per_pt, body.top() * device_per_pt)
                painter.scale(scale, scale)
                painter.translate(0, -(page - 1) * page_h)
                for block, i in lines.get(page - 1, ()):
                    block.layout().lineAt(i).draw(painter, block.layout().position())
                painter.restore()
                _paint_margins(painter, page, pages, title, header_font, body, full, device_per_pt)
                painted += 1
        return painted
    finally:
        painter.end()


def _paint_margins(
    painter: QPainter,
    page: int,
    pages: int,
    title: str,
    font: QFont,
    body: QRectF,
    full: QRectF,
    k: float,  # device units per point
) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(MUTED_COLOUR))
    metrics = QFontMetricsF(font, painter.device())
    line_h = metrics.height()
    if page > 1 and title:  # the first page shows the title itself
        text = metrics.elidedText(title, Qt.TextElideMode.ElideMiddle, body.width() * k)
        rule_y = (body.top() - 10) * k
        painter.drawText(
            QRectF(body.left() * k, rule_y - line_h - 3 * k, body.width() * k, line_h),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
            text,
        )
        pen = QPen(QColor("#999999"))
        pen.setWidthF(0.5 * k)
        painter.setPen(pen)
        painter.drawLine(QPointF(body.left() * k, rule_y), QPointF(body.right() * k, rule_y))
        painter.setPen(QColor(MUTED_COLOUR))
    # spelled out in each call (not through a helper) so that lupdate finds the strings
    footer = QCoreApplication.translate("Printing", "Page %1 of %2")
    footer = footer.replace("%1", str(page)).replace("%2", str(pages))
    top = (body.bottom() + (full.bottom() - body.bottom()) * 0.4) * k
    painter.drawText(
        QRectF(body.left() * k, top, body.width() * k, line_h),
        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
        footer,
    )
    painter.restore()


def header_title(doc: Document) -> str:
    """The title for the running header: the main title, without a "——subtitle"; for a text
    without a title, its file name (not the first words of its first paragraph)."""
    title = doc.metadata.title or (Path(doc.path).stem if doc.path else "")
    dash = title.find(SUBTITLE_DASH)
    return title[:dash] if dash > 0 else title


def print_to(
    printer: QPrinter,
    doc: Document,
    annotations: Sequence[Annotation] = (),
    options: PrintOptions | None = None,
    families: Sequence[str] | None = None,
) -> int:
    """Lay out for the printer's page and paint: the one printing path (preview, paper, PDF)."""
    families = list(families or fonts.reading_font_families(doc.characters()))
    body = body_rect_points(printer.pageLayout())
    qdoc = build_print_document(doc, annotations, options, families=families, body_size_pt=body.size())
    return paint_pages(printer, qdoc, header_title(doc), families)


def write_pdf(
    path: str,
    doc: Document,
    annotations: Sequence[Annotation] = (),
    options: PrintOptions | None = None,
    families: Sequence[str] | None = None,
) -> int:
    """Print to a PDF file (A4); returns the number of pages."""
    printer = new_printer(doc.title)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    return print_to(printer, doc, annotations, options, families)


# --- the window's entry points -------------------------------------------------------------


def section_range(doc: Document, offset: int) -> tuple[int, int] | None:
    """The current section around ``offset``: the deepest heading on a line of its own."""
    path: list[Section] = [s for s in doc.section_path(offset) if s.kind != "paragraph" and not s.run_in]
    return (path[-1].start, path[-1].end) if path else None


class PrintPreviewDialog(QPrintPreviewDialog):
    """Qt's print preview (its title and tool bar translated by Qt) with a row of our own under
    the tool bar: what to print (the whole document, the current section, the selection) and
    notes on/off.  Its print button prints what it shows.
    """

    sig_options_changed = Signal(object)  # PrintOptions: for the window to remember the choice

    def __init__(
        self,
        parent: QWidget | None,
        doc: Document,
        annotations: Sequence[Annotation],
        options: PrintOptions | None = None,
        *,
        selection: tuple[int, int] | None = None,
        current_offset: int | None = None,
        families: Sequence[str] | None = None,
    ) -> None:
        self.printer = new_printer(doc.title)
        super().__init__(self.printer, parent)
        self.doc = doc
        self.annotations = list(annotations)
        self.families = list(families or fonts.reading_font_families(doc.characters()))
        self.options = options or PrintOptions()
        self.pages_painted = 0
        self._toolbar_width = 0
        self.paintRequested.connect(self._paint)

        self.notes_box = QCheckBox(self.tr("Print &notes"))
        self.notes_box.setToolTip(self.tr("Print the notes, numbered, under their paragraphs"))
        self.notes_box.setChecked(self.options.notes)
        self.notes_box.toggled.connect(self._changed)
        self.scope_box = QComboBox()
        self.scope_box.setAccessibleName(self.tr("What to print"))
        self.scope_box.addItem(self.tr("Whole document"), None)
        section = section_range(doc, current_offset) if current_offset is not None else None
        if section is not None:
            self.scope_box.addItem(self.tr("Current section"), section)
        if selection is not None and selection[1] > selection[0]:
            self.scope_box.addItem(self.tr("Selection"), (min(selection), max(selection)))
        for i in range(self.scope_box.count()):  # the range given in the options, if one matches
            rng = self.scope_box.itemData(i)
            if rng is not None and tuple(rng) == (self.options.start, self.options.end):
                self.scope_box.setCurrentIndex(i)
        if self.scope_box.currentIndex() == 0 and is_long(doc) and self.scope_box.count() > 1:
            self.scope_box.setCurrentIndex(1)  # a long text starts with its current section
        self._scope_index = self.scope_box.currentIndex()
        self.scope_box.setEnabled(self.scope_box.count() > 1)
        self.scope_box.currentIndexChanged.connect(self._changed)
        # A row of its own under Qt's tool bar, which is wide enough already to overflow on a
        # small screen: these two stay in view, with a label.
        row = QWidget(self)
        row.setObjectName("print_options")
        lay = QHBoxLayout(row)
        lay.setContentsMargins(8, 2, 8, 2)
        label = QLabel(self.tr("&Print:"), row)
        label.setBuddy(self.scope_box)
        lay.addWidget(label)
        lay.addWidget(self.scope_box)
        lay.addSpacing(16)
        lay.addWidget(self.notes_box)
        lay.addStretch(1)
        inner = self.findChild(QMainWindow)  # Qt's dialog holds its tool bar and pages in one
        if inner is not None:
            options_bar = QToolBar(self.tr("Print options"), inner)
            options_bar.setObjectName("print_options_bar")
            options_bar.setMovable(False)
            options_bar.addWidget(row)
            inner.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
            inner.addToolBar(Qt.ToolBarArea.TopToolBarArea, options_bar)
        elif isinstance(self.layout(), QBoxLayout):
            self.layout().insertWidget(0, row)  # type: ignore[union-attr]
        bar = self.findChild(QToolBar)
        self._toolbar_width = bar.sizeHint().width() if bar is not None else 0

    @property
    def preview_widget(self) -> QPrintPreviewWidget:
        widget = self.findChild(QPrintPreviewWidget)
        assert widget is not None
        return widget

    def current_options(self) -> PrintOptions:
        rng = self.scope_box.currentData()
        start, end = (0, None) if rng is None else (int(rng[0]), int(rng[1]))
        return self.options._replace(notes=self.notes_box.isChecked(), start=start, end=end)

    def _changed(self) -> None:
        to_whole = self.scope_box.currentIndex() == 0 and self._scope_index != 0
        if to_whole and is_long(self.doc) and not confirm_long_print(self, self.doc):
            self.scope_box.blockSignals(True)
            self.scope_box.setCurrentIndex(self._scope_index)
            self.scope_box.blockSignals(False)
            return
        self._scope_index = self.scope_box.currentIndex()
        self.options = self.current_options()
        self.sig_options_changed.emit(self.options)
        self.preview_widget.updatePreview()

    def _paint(self, printer: QPrinter) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a long document takes seconds
        try:
            self.pages_painted = print_to(
                printer, self.doc, self.annotations, self.current_options(), self.families
            )
        finally:
            QGuiApplication.restoreOverrideCursor()


LONG_PRINT_CHARS = 300_000  # about 200 A4 pages: laying them out takes a long while


def is_long(doc: Document) -> bool:
    return len(doc.text) > LONG_PRINT_CHARS


def confirm_long_print(parent: QWidget | None, doc: Document) -> bool:
    """Ask before laying out a very long text whole (the window waits while it is done)."""
    pages = max(1, len(doc.text) // 1500)
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("Printing", "A long document"),
        QCoreApplication.translate(
            "Printing",
            "The whole document is about %1 pages. Preparing them takes a while, during which "
            "the window cannot be used. Continue?",
        ).replace("%1", str(pages)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def open_print_preview(
    parent: QWidget | None,
    doc: Document,
    annotations: Sequence[Annotation],
    options: PrintOptions | None = None,
    *,
    selection: tuple[int, int] | None = None,
    current_offset: int | None = None,
    families: Sequence[str] | None = None,
) -> PrintPreviewDialog:
    """Show the print preview (window-modal, not blocking) and return it; it deletes itself on close.

    ``selection``: the reader's selection (offers "Selection"); ``current_offset``: where the
    reader is (offers "Current section"); ``families``: the reading fonts (default: chosen here).
    """
    dialog = PrintPreviewDialog(
        parent,
        doc,
        annotations,
        options,
        selection=selection,
        current_offset=current_offset,
        families=families,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    width, height = max(900, dialog._toolbar_width + 30), 1000
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    if screen is not None:  # the whole tool bar in view, on a 1024x700 screen too
        avail = screen.availableGeometry()
        width, height = min(width, avail.width() - 20), min(height, avail.height() - 40)
    dialog.resize(width, height)
    dialog.open()
    return dialog


def print_document(
    parent: QWidget | None,
    doc: Document,
    annotations: Sequence[Annotation],
    options: PrintOptions | None = None,
    *,
    selection: tuple[int, int] | None = None,
    printer: QPrinter | None = None,
    families: Sequence[str] | None = None,
) -> bool:
    """The system's print dialog, then print.  With a selection the dialog offers "Selection";
    the notes follow ``options`` (the preview is where they are switched).  True if printed.

    ``printer``: one made by :func:`new_printer` (default: a new one)."""
    options = options or PrintOptions()
    has_selection = selection is not None and selection[1] > selection[0]
    whole = options.start == 0 and options.end is None
    if whole and not has_selection and is_long(doc) and not confirm_long_print(parent, doc):
        return False
    printer = printer or new_printer(doc.title)
    dialog = QPrintDialog(printer, parent)  # titled and translated by Qt
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, has_selection)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    if has_selection and printer.printRange() == QPrinter.PrintRange.Selection:
        assert selection is not None
        options = options._replace(start=min(selection), end=max(selection))
    return print_to(printer, doc, annotations, options, families) > 0
