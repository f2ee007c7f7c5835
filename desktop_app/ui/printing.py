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
PDF file; :func:`build_print_document` (in :mod:`.print_text`) builds the pages' text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPainter,
    QPen,
    QTextBlock,
    QTextDocument,
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
from desktop_app.core.document import Document, Section
from desktop_app.ui import fonts
from desktop_app.ui.print_text import (  # re-exported: the window and the tests ask here
    MARGIN_PT,
    MUTED_COLOUR,
    SUBTITLE_DASH,
    PrintOptions,
    body_rect_points,
    build_print_document,
    default_page_layout,
    layout_dpi,
    print_font,
)

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
        header_font = print_font(families, MARGIN_PT)
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
    families = list(families or fonts.document_font_families(doc))
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
        self.families = list(families or fonts.document_font_families(doc))
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
