"""The printed copy's text: the open document as its own ``QTextDocument`` in print sizes, its
highlights and its numbered notes (:func:`build_print_document`); :mod:`.printing` paints it on
pages, previews and prints it.

Print sizes: 12 pt body whatever the window's zoom, an 18 pt title, bold headings; black text on
white; the hidden repeated title left out.  Notes are printed right after the paragraph that
holds their passage (a superscript [1] at the end of the passage, then "[1] note" in smaller grey
type, indented), and a heading is kept with the first line under it.  Laid out in the units Qt's
text layout uses without a paint device (see :mod:`.printing`, "Units").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from desktop_app.core.annotations import Annotation
from desktop_app.core.display import CLOCK_AFTER_DATE
from desktop_app.core.document import Document
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


def print_font(families: Sequence[str], size: float, bold: bool = False) -> QFont:
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
    c.setFont(print_font(families, size, bold))
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
    families = list(families or fonts.document_font_families(doc))
    scale = layout_dpi() / 72.0
    em = BODY_PT * scale
    qdoc = QTextDocument()
    qdoc.setUndoRedoEnabled(False)
    qdoc.setUseDesignMetrics(True)  # the same line breaks in the preview and on paper
    qdoc.setDocumentMargin(0)
    qdoc.setDefaultFont(print_font(families, BODY_PT))

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
