"""The reading view: a read-only text view over the built QTextDocument.

Offsets in and out are character offsets of ``Document.text`` (one block per
paragraph makes cursor positions and offsets the same numbers).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QTextEdit

from desktop_app.themes import DEFAULT_THEME, THEMES, Theme, mark_colours
from desktop_app.ui.reader_marks import (
    FIND_REFRESH_MS,
    LAYOUT_QUIET_MS,
    SHORT_TEXT,
    Mark,
    ReaderMarks,
)
from desktop_app.ui.tips import plain_tip

if TYPE_CHECKING:
    from PySide6.QtGui import QBrush, QContextMenuEvent, QPaintEvent, QResizeEvent, QTextDocument
    from PySide6.QtWidgets import QMenu, QWidget

    from desktop_app.ui.layout_pacer import LayoutPacer


MEASURE_EM = 40  # at most this many characters per line: a readable measure
MIN_MEASURE_EM = 22  # the reading column never gets narrower than this (side panels yield)
FOCUS_FRACTION = 0.3  # a passage brought into view is placed this far down the view (upper middle)
FOCUS_BAND = (0.12, 0.7)  # ... unless it already lies in this band of the view
FOCUS_MARK_MS = 2500  # how long the margin bar beside a revealed passage shows
NOTE_DOTS_MAX = 300  # note dots drawn at most on one screen


class ReaderView(ReaderMarks, QTextEdit):
    """Shows one document; reports the offset at the top of the view as it scrolls."""

    sig_position_changed = Signal(int)  # offset of the first visible character
    sig_selection_made = Signal(int, int, QRect)  # start, end, its lines' rectangle (viewport)
    sig_marks_painted = Signal()  # the marks just shown have been painted (once per show_annotations)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # read-only: selectable by mouse; keyboard selection is added by enable_keyboard_selection()
        self.setUndoRedoEnabled(False)
        self.setCursorWidth(0)  # a reader, not an editor: no blinking caret
        self._em = 16.0
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._marks: list[Mark] = []
        self._mark_ends: list[int] = []
        self._any_note = False
        # block number -> (its lines' shape, its marks' pieces): see ReaderMarks._block_marks
        self._mark_pieces: dict[int, tuple[tuple, list[tuple]]] = {}
        self._marks_painted = False
        # (colour, 0) -> its solid brush, (colour, line width) -> its dash pattern
        self._brushes: dict[tuple[int, float], QBrush] = {}
        self._painted_shapes: tuple[QRect | None, list] = (None, [])  # paint_marks's, this paint
        # find results shown while a long text is laid out: the rest added as the layout grows
        self._find_next = self._find_stop = 0  # the results not handed to Qt yet
        self._find_formats = (QTextCharFormat(), QTextCharFormat())  # (weak, current)
        self._find_waits_for = -1  # the end of the first match not shown yet (-1: none left)
        self._find_args: tuple[list[tuple[int, int]], int, int] | None = None  # the last results
        self._find_width = -1.0  # the text width they were cut at line ends for
        self._find_refresh = QTimer(self, singleShot=True, interval=FIND_REFRESH_MS)
        self._find_refresh.timeout.connect(self._refresh_matches)
        # Handing Qt an ExtraSelection that spans lines makes it lay the whole text out at once
        # (QTextDocument::size(): 0.5 s a MB) while its incremental layout is still running, so
        # a long text's find results are cut at line ends (_line_pieces), and cut again for the final
        # layout once it has not grown for a moment.
        self._layout_quiet = QTimer(self, singleShot=True, interval=LAYOUT_QUIET_MS)
        self._layout_quiet.timeout.connect(self._layout_settled)
        self._laid_out = True
        # Called with the context menu and the selection (or the clicked offset twice) to add
        # the annotation actions; set by the window.
        self.menu_provider: Callable[[QMenu, int, int], None] | None = None
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(40)
        self._position_timer.timeout.connect(self._emit_position)
        # not .start directly: valueChanged(int) would pick the start(msec) overload
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._position_timer.start())
        # A scroll target beyond what is laid out yet is kept and applied as the layout grows:
        # the offset, and where in the view its line goes (0 = the top, FOCUS_FRACTION = upper middle).
        self._pending_offset: int | None = None
        self._pending_fraction = 0.0
        self._run_keeper: QObject | None = None
        self._pacer: LayoutPacer | None = None
        # The passage being worked on (a selection, a revealed note or hit): kept in view
        # when the column is re-wrapped (a panel opens), marked in the margin for a moment.
        self._focus: tuple[int, int] | None = None
        self._focus_mark_timer = QTimer(self, singleShot=True, interval=FOCUS_MARK_MS)
        self._focus_mark_timer.timeout.connect(self.viewport().update)
        self.verticalScrollBar().rangeChanged.connect(self._apply_pending_scroll)
        self.verticalScrollBar().actionTriggered.connect(self._drop_pending_scroll)

    def enable_keyboard_selection(self) -> None:
        """Shift+arrows select too.  Called after the first paint (see ``first_frame``)."""
        from PySide6.QtCore import Qt

        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )

    def keep_runs_together(self) -> None:
        """Justified lines never spread a number or a Latin word (typesetting.RunKeeper).
        Made after the first paint: the first frame has no business with it."""
        if self._run_keeper is None:
            from desktop_app.ui.typesetting import RunKeeper

            self._run_keeper = RunKeeper(self)

    # --- content -------------------------------------------------------------------------
    def show_document(self, qdoc: QTextDocument, em: float) -> None:
        """Take a freshly built document (the view becomes its parent)."""
        qdoc.setParent(self)
        # QTextEdit copies its widget font into the document on every font change
        # (an application font change included): keep the two the same.
        self.setFont(qdoc.defaultFont())
        self._layers.clear()  # their cursors belong to the previous document
        self._find_args, self._find_waits_for = None, -1
        self._find_refresh.stop()
        self._marks, self._mark_ends, self._any_note = [], [], False
        self._mark_pieces.clear()
        self._em = em
        self._update_measure()  # first: new margins would lay the text out again
        old = self.document()
        self._laid_out = qdoc.characterCount() < SHORT_TEXT
        self._layout_quiet.stop()
        # Qt keeps the selections across setDocument: their cursors would outlive the old
        # document (deleted below: a crash at the next update) and Qt would lay the new text out
        # up to their offsets.  Dropped while the old document and its layout are still there.
        self.setExtraSelections([])
        self.setDocument(qdoc)
        qdoc.documentLayout().documentSizeChanged.connect(lambda _size: self._layout_growing())
        if not self._laid_out:  # a long text: laid out a few ms at a time (layout_pacer)
            if self._pacer is None:
                from desktop_app.ui.layout_pacer import LayoutPacer

                self._pacer = LayoutPacer(self)
            self._pacer.follow(qdoc)
        elif self._pacer is not None:
            self._pacer.follow(None)
        if old is not qdoc and shiboken6.isValid(old) and old.parent() is self:
            # QTextEdit does not delete a document it was handed (only its own first one):
            # each opened document would stay in memory as our child until the window closes.
            old.deleteLater()
        self.setCursorWidth(0)
        self._position_timer.start()

    _theme: Theme = THEMES[DEFAULT_THEME]  # marks take their colours from it (themes.mark_colours)

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        pal = self.palette()
        for role, colour in (
            (QPalette.ColorRole.Base, theme.background),
            (QPalette.ColorRole.Window, theme.background),
            (QPalette.ColorRole.Text, theme.text),
            (QPalette.ColorRole.Highlight, theme.selection),
            (QPalette.ColorRole.HighlightedText, theme.text),
        ):
            pal.setColor(role, QColor(colour))
        self.setPalette(pal)
        self.setAutoFillBackground(True)
        self.viewport().setAutoFillBackground(True)

    # --- positions -----------------------------------------------------------------------
    def top_offset(self) -> int:
        """Offset of the first character visible at the top of the view."""
        if self._pending_offset is not None:
            return self._pending_offset
        return self.offset_at_y(self.verticalScrollBar().value() + 2)

    def offset_at_y(self, y: float) -> int:
        """Offset of the first character on the line at document height ``y``.

        Walks the layout (binary search over blocks) rather than hit-testing the
        viewport, so it is right even before the view has painted.
        """
        qdoc = self.document()
        layout = qdoc.documentLayout()
        lo, hi = 0, qdoc.blockCount() - 1
        while lo < hi:  # last block whose top is <= y
            mid = (lo + hi + 1) // 2
            probe = qdoc.findBlockByNumber(mid)
            while probe.isValid() and not probe.isVisible():  # hidden blocks have no place
                probe = probe.next()
            # A visible block with no lines is not laid out yet, so it lies below anything
            # the view can show; asking for its rectangle would force the layout up to it.
            beyond = not probe.isValid() or probe.layout().lineCount() == 0
            if not beyond and layout.blockBoundingRect(probe).top() <= y:
                lo = mid
            else:
                hi = mid - 1
        block = qdoc.findBlockByNumber(lo)
        rect = layout.blockBoundingRect(block)
        if rect.height() <= 0 or y > rect.bottom():  # hidden block, or the gap below a block
            nxt = block.next()
            while nxt.isValid() and not nxt.isVisible():
                nxt = nxt.next()
            return nxt.position() if nxt.isValid() and y > rect.bottom() else block.position()
        tl = block.layout()
        for i in range(tl.lineCount()):
            line = tl.lineAt(i)
            if rect.top() + line.y() + line.height() > y:
                return block.position() + line.textStart()
        return block.position()

    def progress(self) -> float:
        """How far through the document the view is, 0.0-1.0."""
        bar = self.verticalScrollBar()
        return 1.0 if bar.maximum() <= 0 else bar.value() / bar.maximum()

    def offset_y(self, offset: int) -> float:
        """Document y coordinate of the line holding ``offset``."""
        qdoc = self.document()
        offset = max(0, min(offset, qdoc.characterCount() - 1))
        block = qdoc.findBlock(offset)
        while block.isValid() and not block.isVisible():
            block = block.next()
        rect = qdoc.documentLayout().blockBoundingRect(block)
        layout = block.layout()
        y = rect.top()
        if layout is not None and layout.lineCount():
            line = layout.lineForTextPosition(max(0, offset - block.position()))
            if line.isValid():
                y += line.y()
        return y

    def scroll_to_offset(self, offset: int, fraction: float = 0.0) -> None:
        """Scroll so that the line holding ``offset`` is at the top of the view, or
        ``fraction`` of the view's height down from it (0.3: the upper middle)."""
        self._pending_offset = None
        y = self.offset_y(offset)
        first = self.document().firstBlock()
        while first.isValid() and not first.isVisible():
            first = first.next()
        if fraction <= 0.0 and offset <= first.position() + 1:
            y = 0  # the first line of the text: the very top, margin included
        else:
            y = int(max(0.0, y - self._em * 0.4 - fraction * self.viewport().height()))
        bar = self.verticalScrollBar()
        bar.setValue(y)
        if bar.value() < y:  # the scroll range is not up to date yet
            self._pending_offset, self._pending_fraction = offset, fraction
        self._position_timer.start()

    def _apply_pending_scroll(self, _min: int = 0, _max: int = 0) -> None:
        if self._pending_offset is not None:
            self.scroll_to_offset(self._pending_offset, self._pending_fraction)

    def _drop_pending_scroll(self, _action: int = 0) -> None:
        self._pending_offset = None  # the user scrolled: their place wins

    def select_range(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._focus = (start, end)

    def clear_selection(self) -> None:
        """Drop the selection, the cursor staying at its end (a new highlight shows its colour)."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.setPosition(cursor.selectionEnd())
            bar = self.verticalScrollBar()
            keep = bar.value()
            self.setTextCursor(cursor)
            bar.setValue(keep)  # the text stays where it is

    def paintEvent(self, event: QPaintEvent) -> None:
        first_marks = bool(self._marks) and not self._marks_painted
        if self._marks:  # under the text (ReaderMarks.paint_marks)
            from PySide6.QtGui import QPainter  # here: importing a Qt class builds its enums (first_frame)

            painter = QPainter(self.viewport())
            self.paint_marks(painter, event.rect())
            painter.end()
        try:
            self._paint_text_and_over(event)
        finally:
            if first_marks:  # the marks just shown are on the screen (nothing painted by the slots)
                self.sig_marks_painted.emit()

    def _paint_text_and_over(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        focus_mark = self._focus is not None and self._focus_mark_timer.isActive()
        if not focus_mark and not self._marks:
            return
        from PySide6.QtGui import QPainter

        painter = QPainter(self.viewport())
        if self._marks:  # headings and bylines under a highlight: in the text's colour on it
            self.paint_marks_over_coloured_text(painter, event.rect())
        if focus_mark:
            self._paint_focus_mark(painter)
        if not self._any_note:
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top, bottom = 0, self.viewport().height()
        bar = self.verticalScrollBar().value()
        first = self.offset_at_y(bar) if self._pending_offset is None else 0
        last = self.offset_at_y(bar + bottom + self._em * 3)
        lo = bisect.bisect_left(self._mark_ends, first)
        dots: dict[int, str] = {}  # one dot per place (thousands of notes may share a screen)
        for m in self._marks[lo:]:
            if m.start > last or len(dots) >= NOTE_DOTS_MAX:
                break
            if m.end >= first and m.has_note and m.end not in dots:
                dots[m.end] = m.color
        r = max(3.0, self._em * 0.18)
        cursor = QTextCursor(self.document())
        colours: dict[str, QColor] = {}  # five at most: worked out once a paint, not once a dot
        for end, colour_key in dots.items():
            cursor.setPosition(end)
            rect = self.cursorRect(cursor)
            if rect.bottom() < top or rect.top() > bottom:
                continue
            colour = colours.get(colour_key)
            if colour is None:
                colour = colours[colour_key] = QColor(mark_colours(self._theme, colour_key).underline)
            painter.setPen(colour)
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(rect.right() + r, rect.top() + r), r, r)  # a note sits here
        painter.end()

    def _paint_focus_mark(self, painter: object) -> None:
        """A bar in the margin beside the passage just revealed: the eye finds it at once,
        and its highlight keeps its own colour (it is not selected)."""
        assert self._focus is not None
        rect = self.range_rect(*self._focus)
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight)).darker(130)
        x = max(2.0, rect.left() - self._em * 0.9)
        painter.fillRect(QRectF(x, rect.top(), max(3.0, self._em * 0.2), max(rect.height(), 4)), colour)  # type: ignore[attr-defined]

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            return self._show_note_tip(event)
        if event.type() == QEvent.Type.MouseButtonRelease:
            QTimer.singleShot(0, self._report_selection)
        return super().viewportEvent(event)

    def _show_note_tip(self, event: QEvent) -> bool:
        from PySide6.QtGui import QHelpEvent
        from PySide6.QtWidgets import QToolTip

        if not isinstance(event, QHelpEvent):
            return super().viewportEvent(event)
        mark = self.mark_at(self.cursorForPosition(event.pos()).position())
        if mark is not None and mark.note:
            QToolTip.showText(event.globalPos(), plain_tip(mark.note), self.viewport())
        else:
            QToolTip.hideText()
        return True

    def _report_selection(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            self._focus = (start, end)
            self.sig_selection_made.emit(start, end, self.range_rect(start, end))

    def range_rect(self, start: int, end: int) -> QRect:
        """The rectangle (viewport coordinates) from the top of ``start``'s line to the
        bottom of ``end``'s line, as wide as the text column."""
        a, b = QTextCursor(self.document()), QTextCursor(self.document())
        a.setPosition(start)
        b.setPosition(end)
        top, bottom = self.cursorRect(a), self.cursorRect(b)
        left = min(top.left(), bottom.left())
        return QRect(left, top.top(), max(top.right(), bottom.right()) - left, bottom.bottom() - top.top())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        cursor = self.textCursor()
        offset = self.cursorForPosition(event.pos()).position()
        if self.menu_provider is not None:
            start, end = (
                (cursor.selectionStart(), cursor.selectionEnd())
                if cursor.hasSelection()
                else (offset, offset)
            )
            self.menu_provider(menu, start, end)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def reveal_range(self, start: int, end: int, *, select: bool = True, mark: bool = True) -> None:
        """Bring ``start``-``end`` into the upper middle of the view (unless it is there already);
        select it, or leave its own colours visible and mark it in the margin for a moment."""
        if select:
            self.select_range(start, end)
        else:
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            self.setTextCursor(cursor)
        self._focus = (start, end)
        if not self.in_focus_band(start):
            self.scroll_to_offset(start, FOCUS_FRACTION)
        if mark and not select:
            self._focus_mark_timer.start()
            self.viewport().update()

    def in_focus_band(self, offset: int) -> bool:
        """Whether ``offset``'s line lies in the comfortable band of the view (FOCUS_BAND)."""
        y = self.offset_y(offset) - self.verticalScrollBar().value()
        h = self.viewport().height()
        return FOCUS_BAND[0] * h <= y <= FOCUS_BAND[1] * h

    def _emit_position(self) -> None:
        self.sig_position_changed.emit(self.top_offset())

    # --- layout --------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        # Keep the reader's place: a narrower or wider column re-wraps every line above it.
        # The passage being worked on (selected, or just revealed) stays in view if it was:
        # a panel opening beside the text must not scroll it away.
        laid_out = event.oldSize().width() > 0 and self.document().characterCount() > 1
        keep, fraction = (self.top_offset(), 0.0) if laid_out else (None, 0.0)
        if laid_out and self._focus is not None and self._pending_offset is None:
            y = self.offset_y(self._focus[0]) - self.verticalScrollBar().value()
            old_height = max(1, event.oldSize().height())
            if 0 <= y < old_height:
                keep = self._focus[0]
                fraction = min(max(y / old_height, FOCUS_BAND[0]), FOCUS_BAND[1] - 0.1)
        rewrap = event.oldSize().width() != event.size().width()
        if rewrap and self.extraSelections() and self.document().characterCount() >= SHORT_TEXT:
            # dropped while the old layout is valid: Qt would work out their places on the new,
            # unfinished one (laying the text out up to them); cut again at the new line ends
            self.setExtraSelections([])
            QTimer.singleShot(0, self, self._reapply_layers)
        super().resizeEvent(event)
        self._update_measure()
        if keep is not None and (event.oldSize() != event.size()):
            if fraction == 0.0 and event.oldSize().width() == event.size().width():
                return  # only the height changed: the top line stays where it is
            self._pending_offset, self._pending_fraction = keep, fraction
            QTimer.singleShot(0, self._apply_pending_scroll)

    def minimum_column_width(self) -> int:
        """The narrowest the view may get: MIN_MEASURE_EM characters, the document margins and
        the scroll bar (the window makes side panels yield before the text gets narrower)."""
        return int(self._em * (MIN_MEASURE_EM + 3)) + self.verticalScrollBar().sizeHint().width()

    def _update_measure(self) -> None:
        """Centre a column at most MEASURE_EM characters wide (plus the document margin)."""
        width = self.width() - self.verticalScrollBar().sizeHint().width()
        column = int(self._em * (MEASURE_EM + 3))
        side = max(0, (width - column) // 2)
        self.setViewportMargins(side, 0, side, 0)
