"""The reader's marks (painted by the reader) and find results (Qt's extra selections).

Highlights, underlines and notes (``Mark``) are painted by the reader itself, under the text of
the visible lines (``paint_marks``, called from ReaderView.paintEvent before Qt draws the text):
only the blocks on screen are looked at, their pieces kept per block until it is laid out anew.
As Qt's ExtraSelections they cost 60-100 ms to paint the first time with 600 on a screen (10,000
notes), 16-20 ms on every repaint, and one that spans lines made Qt lay a long text out at once.

The find bar's results stay ExtraSelections (they colour the text too): in a long text still
being laid out only those in what is laid out are handed over, each cut at its line ends
(``_line_pieces``: a selection across lines or beyond the layout makes Qt lay the whole text out
at once on the UI thread, ~0.5 s a MB), the rest as the layout grows, cut again after a re-wrap.

``ReaderMarks`` is a mixin of ``ReaderView`` (reader_view.py), which makes its state and timers.
"""

from __future__ import annotations

import bisect
import itertools
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from desktop_app.themes import find_colours, mark_colours
from desktop_app.ui.first_frame import solid_brush

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtCore import QRect
    from PySide6.QtGui import QBrush, QPainter, QTextBlock, QTextDocument, QTextLayout, QTextLine


class Mark(NamedTuple):  # not a dataclass: made at start-up, a NamedTuple is ten times faster
    """How one annotation is drawn: range, colour, highlight or underline, and its note."""

    id: str
    start: int
    end: int
    color: str  # "#rrggbb"
    style: str = "highlight"
    note: str = ""

    @property
    def has_note(self) -> bool:
        return bool(self.note.strip())


SHORT_TEXT = 200_000  # characters: a text laid out in a moment
FIND_REFRESH_MS = 250  # while a long text is laid out, its find results follow at this pace
LAYOUT_QUIET_MS = 120  # a long text's layout is taken as finished when it has not grown for this long


class ReaderMarks:
    """The marks and find-result layers of ``ReaderView`` (see the module)."""

    def show_matches(
        self, matches: list[tuple[int, int]], current: int, *, limit: int = 5000, reveal: bool = True
    ) -> None:
        """Mark find results in the text (the current one stronger, selected and scrolled to)."""
        qdoc = self.document()
        colours = find_colours(self._theme)  # the current match is the strongest mark (themes)
        weak = QTextCharFormat()
        weak.setBackground(QColor(colours.match))
        weak.setForeground(QColor(colours.match_text))
        strong = QTextCharFormat()
        strong.setBackground(QColor(colours.current))
        strong.setForeground(QColor(colours.current_text))
        lo = max(0, current - limit // 2) if current >= 0 else 0
        self._find_args, self._find_width = (matches, current, limit), qdoc.textWidth()
        self._find_formats = (weak, strong)
        self._find_next, self._find_stop = lo, min(len(matches), lo + limit)
        self._layers["find"] = []
        self._add_matches()
        if reveal and 0 <= current < len(matches):
            start, end = matches[current]
            # not selected: the selection colour would hide the current match's own mark
            self.reveal_range(start, end, select=False, mark=False)

    def _add_matches(self) -> None:
        """Hand Qt the find results from ``_find_next`` on.  In a long text still being laid out
        only those in what is laid out, each cut at its line ends (a selection beyond the layout
        or across lines makes Qt lay the whole text out at once); the rest are added as the
        layout reaches them (``_refresh_matches``), without making the others again."""
        assert self._find_args is not None
        matches, current, _limit = self._find_args
        weak, strong = self._find_formats
        qdoc = self.document()
        laid_out_to = self._laid_out_end() if not self._laid_out else None
        selections = self._layers.setdefault("find", [])
        self._find_waits_for = -1
        i = self._find_next
        while i < self._find_stop:
            start, end = matches[i]
            if laid_out_to is not None:
                if end > laid_out_to:
                    self._find_waits_for = end  # nothing new to show before the layout gets here
                    break
                pieces, _whole = _line_pieces(qdoc, start, end)  # (it ends in what is laid out)
            else:
                pieces = [(start, end)]
            fmt = strong if i == current else weak
            selections += [_selection(qdoc, a, b, fmt) for a, b in pieces]
            i += 1
        self._find_next = i
        self._apply_layers()

    def show_annotations(self, marks: list[Mark], *, ordered: bool = False) -> None:
        """Draw highlights and underlines in their colours; a passage with a note gets a dashed
        underline (and a dot at its end, reader_view).

        The reader paints them itself under the visible lines (``paint_marks``), not as Qt's
        ExtraSelections: with 10,000 notes Qt took 60-100 ms to paint 600 selections the first
        time and 16-20 ms on every repaint, and one selection across lines made it lay a long
        text out at once.  ``ordered``: already sorted by start (as ``notes_loading.marks_of``
        gives them)."""
        self._marks = list(marks) if ordered else sorted(marks, key=lambda m: m.start)
        # running maximum of ends: the marks before index i all end before _mark_ends[i]
        self._mark_ends = list(itertools.accumulate((m.end for m in self._marks), max))
        self._any_note = any(m.note and not m.note.isspace() for m in self._marks)
        self._mark_pieces.clear()
        self._marks_painted = False
        self.viewport().update()

    @property
    def marks_waiting(self) -> bool:
        """Marks are there but have not been painted yet."""
        return bool(self._marks) and not self._marks_painted

    def _layout_growing(self) -> None:
        if self.document().characterCount() >= SHORT_TEXT:
            self._laid_out = False
            self._layout_quiet.start()
            if self._find_waits_for >= 0 and not self._find_refresh.isActive():
                self._find_refresh.start()  # the matches the layout has reached since

    def _layout_settled(self) -> None:
        self._laid_out = True
        self._refresh_matches()

    def _refresh_matches(self) -> None:
        if self._find_args is None or self._find_waits_for < 0:
            return  # every match is shown
        if not self._laid_out and self._laid_out_end() < self._find_waits_for:
            return  # the layout has not reached the next one yet
        self._add_matches()

    def _laid_out_end(self) -> int:
        """The offset up to which the text is laid out (binary search over the blocks)."""
        qdoc = self.document()
        if qdoc.lastBlock().layout().lineCount():
            return qdoc.characterCount()
        lo, hi = 0, qdoc.blockCount() - 1  # the last block with lines
        while lo < hi:
            mid = (lo + hi + 1) // 2
            block = qdoc.findBlockByNumber(mid)
            while block.isValid() and not block.isVisible():
                block = block.next()
            if block.isValid() and block.layout().lineCount():
                lo = mid
            else:
                hi = mid - 1
        block = qdoc.findBlockByNumber(lo)
        return block.position() + block.length() - 1 if block.layout().lineCount() else 0

    def marks(self) -> list[Mark]:
        """Every mark shown (on screen or not), sorted by start."""
        return self._marks

    def paint_marks(self, painter: QPainter, rect: QRect) -> None:
        """Paint the marks on the visible lines inside ``rect`` (viewport coordinates), under
        the text: called by the reader's paintEvent before Qt draws the text.  Only filled
        rectangles (an underline is a thin one, a dashed one filled with a dash pattern):
        Qt's pen strokes cost ~15 us a line, a fill ~2."""
        shapes = self._mark_shapes(rect)
        for shape, colour, style in shapes:
            self._fill_shape(painter, shape, colour, style)
        self._painted_shapes = (rect, shapes)  # for paint_marks_over_coloured_text, same paint
        self._marks_painted = True  # (the reader says so when this paint is over: paintEvent)

    def paint_marks_over_coloured_text(self, painter: QPainter, rect: QRect) -> None:
        """Called after Qt has drawn the text: where a highlight lies over text of another colour
        than the body's (a heading, a byline, a run-in title), that text is drawn again in the
        theme's text colour on the highlight, as Qt's selections drew it (a heading's colour on a
        dark theme's highlight reads at ~3.3:1, a byline's at ~2.6:1), and the marks' lines there
        again on top."""
        from PySide6.QtGui import QTextLayout

        # the marks' lines, to draw again, by their top (a piece covers one line of text)
        lines: list[tuple[QRectF, QColor, str]] | None = None
        tops: list[float] = []
        reach = 0.0
        formats: dict[str, QTextCharFormat] = {}
        area = QRectF(rect)
        for block, layout, ox, oy in self._blocks_in(rect):
            entry = self._mark_pieces.get(block.blockNumber())
            if entry is None or not entry[2]:
                continue
            for colour_key, lo, hi, x1, y, x2, height in entry[2]:
                piece = QRectF(ox + x1, oy + y, x2 - x1, height)
                if not piece.intersects(area):
                    continue
                if lines is None:
                    painted_rect, shapes = self._painted_shapes
                    if painted_rect != rect:
                        shapes = self._mark_shapes(rect)
                    lines = sorted((shape for shape in shapes if shape[2] != "fill"), key=_top)
                    tops = [shape[0].top() for shape in lines]
                    reach = max((shape[0].height() for shape in lines), default=0.0)
                fmt = formats.get(colour_key)
                if fmt is None:
                    fmt = formats[colour_key] = QTextCharFormat()
                    fmt.setBackground(QColor(mark_colours(self._theme, colour_key).background))
                    fmt.setForeground(QColor(self._theme.text))
                selection = QTextLayout.FormatRange()
                selection.start, selection.length, selection.format = lo, hi - lo, fmt
                painter.save()
                painter.setClipRect(piece)
                layout.draw(painter, QPointF(ox, oy) - layout.position(), [selection], piece)  # (adds it)
                painter.restore()
                # only the lines that reach into the piece's height (sorted by top: stable, so
                # those of one row keep their painting order)
                first = bisect.bisect_left(tops, piece.top() - reach)
                last = bisect.bisect_right(tops, piece.bottom(), lo=first)
                for shape, colour, style in lines[first:last]:
                    if shape.intersects(piece):
                        self._fill_shape(painter, shape, colour, style)

    def _fill_shape(self, painter: QPainter, shape: QRectF, colour: QColor, style: str) -> None:
        if style == "dash":
            painter.setBrushOrigin(shape.topLeft())
            painter.fillRect(shape, self._dash_brush(colour, shape.height()))
        else:
            painter.fillRect(shape, self._solid_brush(colour))

    def _solid_brush(self, colour: QColor) -> QBrush:
        """``colour`` as a brush, made once per colour (a paint fills ~1,000 pieces in a few colours),
        without building Qt's namespace (first_frame.solid_brush)."""
        key = (colour.rgba(), 0.0)
        brush = self._brushes.get(key)
        if brush is None:
            brush = self._brushes[key] = solid_brush(colour)
        return brush

    def _dash_brush(self, colour: QColor, thickness: float) -> QBrush:
        """A brush of Qt's dash pattern (4 on, 2 off, in line widths) in ``colour``."""
        key = (colour.rgba(), thickness)
        brush = self._brushes.get(key)
        if brush is None:
            from PySide6.QtGui import QBrush, QPainter, QPixmap

            t = max(1, round(thickness))
            tile = QPixmap(6 * t, t)
            tile.fill(QColor(0, 0, 0, 0))  # transparent
            tile_painter = QPainter(tile)
            tile_painter.fillRect(QRectF(0, 0, 4 * t, t), self._solid_brush(colour))
            tile_painter.end()
            brush = self._brushes[key] = QBrush(tile)
        return brush

    def mark_shapes(self) -> list[tuple[QRectF, QColor, str]]:
        """What ``paint_marks`` draws in the whole view: ``(rectangle in viewport coordinates,
        colour, "fill" | "line" | "dash")`` in painting order (backgrounds first)."""
        return self._mark_shapes(self.viewport().rect())

    def _blocks_in(self, rect: QRect) -> Iterator[tuple[QTextBlock, QTextLayout, float, float]]:
        """``(block, its layout, x, y of its origin in the viewport)`` of the visible, laid-out
        blocks that reach into ``rect`` (viewport coordinates)."""
        qdoc = self.document()
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        bottom = dy + rect.bottom() + 1  # in document coordinates
        block = qdoc.findBlock(self.offset_at_y(dy + rect.top()))
        while block.isValid():
            layout = block.layout()
            if not block.isVisible():
                block = block.next()
                continue
            if not layout.lineCount():
                return  # not laid out yet: nor is anything after it
            origin = layout.position()
            if origin.y() > bottom:
                return
            yield block, layout, origin.x() - dx, origin.y() - dy
            block = block.next()

    def _mark_shapes(self, rect: QRect) -> list[tuple[QRectF, QColor, str]]:
        if not self._marks:
            return []
        fills: list[tuple[QRectF, QColor, str]] = []
        lines: list[tuple[QRectF, QColor, str]] = []
        colours: dict[tuple[str, str], QColor] = {}  # a few looks: worked out once a paint

        def colour_of(key: str, part: str) -> QColor:
            colour = colours.get((key, part))
            if colour is None:
                colour = colours[key, part] = QColor(getattr(mark_colours(self._theme, key), part))
            return colour

        from PySide6.QtGui import QFontMetricsF  # here: a Qt class builds its enums (first_frame)

        metrics = QFontMetricsF(self.document().defaultFont())  # the underline where Qt draws one
        thickness, below = metrics.lineWidth(), metrics.underlinePos() + metrics.lineWidth() / 2
        top, bottom = rect.top(), rect.bottom() + 1
        for block, layout, ox, oy in self._blocks_in(rect):
            for (colour_key, kind), x1, y, x2, height, ascent in self._block_marks(block, layout):
                if oy + y > bottom or oy + y + height < top:
                    continue
                if kind == "fill":
                    fill = QRectF(ox + x1, oy + y, x2 - x1, height)
                    fills.append((fill, colour_of(colour_key, "background"), kind))
                else:
                    under = QRectF(ox + x1, oy + y + ascent + below, x2 - x1, thickness)
                    lines.append((under, colour_of(colour_key, "underline"), kind))
        return fills + lines

    def _block_marks(self, block: QTextBlock, layout: QTextLayout) -> list[tuple]:
        """``((colour, "fill" | "line" | "dash"), x1, y, x2, height, ascent)`` of the marks on
        each line of ``block``, in its layout's coordinates, in painting order: a highlight is a
        fill, an underline a line, a note adds a dashed line; a mark that starts later (or, at
        the same start, is shorter) is painted over one that starts earlier, as Qt's selections
        were.  Kept until the marks change or the block is laid out anew (its lines' count, width,
        height, last break or added formats change: a re-wrap, a zoom, a font, the RunKeeper's
        spacing)."""
        base = block.position()
        end = base + block.length() - 1
        i = bisect.bisect_left(self._mark_ends, base + 1)
        if i >= len(self._marks) or self._marks[i].start >= end:
            return []
        count = layout.lineCount()
        first, last = layout.lineAt(0), layout.lineAt(count - 1)
        spacing = tuple((r.start, r.length, r.format.fontLetterSpacing()) for r in layout.formats())
        shape = (count, first.width(), first.height(), last.textStart(), last.naturalTextWidth(), spacing)
        number = block.blockNumber()
        cached = self._mark_pieces.get(number)
        if cached is not None and cached[0] == shape:
            return cached[1]
        # Marks of one look that overlap or touch are one run: the same pixels, drawn once
        # (two notes on every character of the speech: thousands of marks on one screen).
        # A run: [start, end] in the block, and the first mark's [start, end] in the text (its order).
        runs: dict[tuple[str, str], list[list[int]]] = {}
        for m in self._marks[i:]:
            if m.start >= end:
                break
            if m.end <= base:
                continue
            a, b = max(m.start, base) - base, min(m.end, end) - base
            looks = [(m.color, "dash")] if m.has_note else []
            if m.style != "underline":
                looks.append((m.color, "fill"))
            elif not looks:
                looks.append((m.color, "line"))
            for look in looks:
                spans = runs.setdefault(look, [])
                if spans and a <= spans[-1][1]:
                    spans[-1][1] = max(spans[-1][1], b)
                else:
                    spans.append([a, b, m.start, m.end])
        ordered = sorted(
            (
                (start, start - stop, a, b, look)
                for look, spans in runs.items()
                for a, b, start, stop in spans
            ),
            key=lambda run: run[:2],
        )
        coloured = _coloured_text(block, self._theme.text) if any(r[4][1] == "fill" for r in ordered) else []
        pieces, recolour = [], []
        for _start, _length, a, b, look in ordered:
            for lo, hi, line in _line_cuts(layout, a, b):
                y, height = line.y(), line.height()
                x1, x2 = _x_span(line, lo, hi)
                pieces.append((look, x1, y, x2, height, line.ascent()))
                if look[1] != "fill":
                    continue
                for c_lo, c_hi in coloured:  # text of another colour under the fill
                    r_lo, r_hi = max(lo, c_lo), min(hi, c_hi)
                    if r_lo < r_hi:
                        rx1, rx2 = _x_span(line, r_lo, r_hi)
                        recolour.append((look[0], r_lo, r_hi, rx1, y, rx2, height))
        self._mark_pieces[number] = (shape, pieces, recolour)
        return pieces

    def mark_at(self, offset: int) -> Mark | None:
        """The annotation drawn over ``offset`` (the innermost one), if any."""
        lo = bisect.bisect_right(self._mark_ends, offset)
        hi = bisect.bisect_right(self._marks, offset, lo=lo, key=lambda m: m.start)
        found = [m for m in self._marks[lo:hi] if m.start <= offset < m.end]
        return min(found, key=lambda m: m.end - m.start) if found else None

    def _reapply_layers(self) -> None:
        self._find_width = -1.0  # cut them at the lines as they are now
        self._apply_layers()

    def _apply_layers(self) -> None:
        qdoc = self.document()
        if qdoc.characterCount() >= SHORT_TEXT:  # re-wrapped since they were cut at line ends:
            width = qdoc.textWidth()  # cut them again (that applies them)
            if self._layers.get("find") and self._find_width != width and self._find_args is not None:
                self.show_matches(*self._find_args[:2], limit=self._find_args[2], reveal=False)
                return
        self.setExtraSelections(self._layers.get("find", []))


def _top(shape: tuple[QRectF, QColor, str]) -> float:
    return shape[0].top()


def _line_cuts(layout: QTextLayout, a: int, b: int) -> Iterator[tuple[int, int, QTextLine]]:
    """``[a, b)`` of a laid-out block (offsets in it) cut at the ends of its lines: each part and
    the line that holds it."""
    count = layout.lineCount()
    n = max(0, layout.lineForTextPosition(a).lineNumber())
    while n < count:
        line = layout.lineAt(n)
        start = line.textStart()
        if start >= b:
            break
        lo, hi = max(a, start), min(b, start + line.textLength())
        if lo < hi:
            yield lo, hi, line
        n += 1


def _x_span(line: QTextLine, lo: int, hi: int) -> tuple[float, float]:
    x1, x2 = line.cursorToX(lo)[0], line.cursorToX(hi)[0]
    return min(x1, x2), max(x1, x2)


def _coloured_text(block: QTextBlock, body: str) -> list[tuple[int, int]]:
    """The ranges of ``block`` (relative to it) whose text is not in the body's colour ``body``."""
    out = []
    base = block.position()
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        brush = fragment.charFormat().foreground()
        if brush.style().value and brush.color().name() != body:  # (NoBrush is 0: the default)
            out.append((fragment.position() - base, fragment.position() - base + fragment.length()))
        it += 1
    return out


def _selection(qdoc: QTextDocument, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    sel = QTextEdit.ExtraSelection()
    sel.cursor = QTextCursor(qdoc)
    sel.cursor.setPosition(start)
    sel.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    sel.format = fmt
    return sel


def _line_pieces(qdoc: QTextDocument, start: int, end: int) -> tuple[list[tuple[int, int]], bool]:
    """``[start, end)`` cut at the ends of its laid-out lines, and whether that is all of it: the
    part in blocks not laid out yet is left out (handed to Qt once the layout gets there)."""
    out: list[tuple[int, int]] = []
    block = qdoc.findBlock(start)
    while block.isValid() and block.position() < end:
        layout = block.layout()
        if block.isVisible() and layout.lineCount():
            base = block.position()
            cuts = _line_cuts(layout, max(start, base) - base, end - base)
            out += [(base + lo, base + hi) for lo, hi, _line in cuts]
        elif block.isVisible():
            return out, False  # not laid out yet: nor is anything after it
        block = block.next()
    return out, True
