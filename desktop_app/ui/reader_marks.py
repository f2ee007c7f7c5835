"""The reader's marks and find results as Qt's extra selections (ReaderView's layer side).

Highlights, underlines and notes (``Mark``) and the find bar's results are drawn by Qt as
``QTextEdit.ExtraSelection``s.  Two things make that slow at scale, and shape this module:

* Qt walks every selection on every paint: only the marks around the view are handed over
  (at most ``MARKS_DRAWN_MAX``, chosen again as the view moves; overlapping marks of one look
  are one selection);
* a selection that spans lines, or lies beyond what is laid out, makes Qt lay the whole text
  out at once on the UI thread (~0.5 s a MB): in a long text each selection is cut at its
  laid-out line ends (``_line_pieces``), find results are handed over only as far as the text
  is laid out (the rest as the layout grows), and both are cut again after a re-wrap.

``ReaderMarks`` is a mixin of ``ReaderView`` (reader_view.py), which makes its state and timers.
"""

from __future__ import annotations

import bisect
import itertools
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from desktop_app.themes import find_colours, mark_colours

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument


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


MARKS_ALL_UP_TO = 500  # up to this many marks in a short text, Qt has them all; else those near the view
SHORT_TEXT = 200_000  # characters: a text laid out in a moment
MARKS_DRAWN_MAX = 600  # at most this many marks handed to Qt at once (those around the view)
FIND_REFRESH_MS = 250  # while a long text is laid out, its find results follow at this pace
MARKS_AFTER_RESIZE_MS = 60  # the marks near the view are chosen again once a resize stops
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
        """Draw highlights and underlines in their colours; a passage with a note gets a mark.

        Only the marks on and near the screen are handed to Qt (``_draw_marks_in_view``, again
        as the view scrolls): with 10,000 notes, making every ExtraSelection held the window
        for ~0.4 s and Qt then walked them all on every paint.  ``ordered``: already sorted by
        start (as ``notes_loading.marks_of`` gives them)."""
        self._marks = list(marks) if ordered else sorted(marks, key=lambda m: m.start)
        # running maximum of ends: the marks before index i all end before _mark_ends[i]
        self._mark_ends = list(itertools.accumulate((m.end for m in self._marks), max))
        self._any_note = any(m.note and not m.note.isspace() for m in self._marks)
        self._marks_span = self._marks_view = (0, -1)  # nothing drawn yet
        self._draw_marks_in_view(force=True)

    @property
    def marks_waiting(self) -> bool:
        """Marks are there but none has been handed to Qt yet."""
        return bool(self._marks) and self._marks_span == (0, -1)

    def _layout_growing(self) -> None:
        if self.document().characterCount() >= SHORT_TEXT:
            self._laid_out = False
            self._layout_quiet.start()
            if self._find_waits_for >= 0 and not self._find_refresh.isActive():
                self._find_refresh.start()  # the matches the layout has reached since

    def _layout_settled(self) -> None:
        self._laid_out = True
        self._refresh_matches()
        if self._marks:
            self._draw_marks_in_view(force=True)

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

    def _view_span(self, screens: float) -> tuple[int, int]:
        """The offsets from ``screens`` view heights above the view to as many below it, never
        past what is laid out: a mark handed to Qt makes it lay the text out up to the mark
        (a mark at the end of 10 MB would lay out all of it on the UI thread)."""
        if self._pending_offset is not None:  # the view goes there once the layout reaches it
            return self._pending_offset, self._pending_offset
        bar = self.verticalScrollBar().value()
        h = self.viewport().height()
        first = self.offset_at_y(max(0.0, bar - screens * h))
        block = self.document().findBlock(self.offset_at_y(bar + (1 + screens) * h))
        return first, block.position() + block.length()

    def _draw_marks_in_view(self, force: bool = False) -> None:
        """Hand Qt the ExtraSelections of the marks in and around the view (a screen each way,
        at most MARKS_DRAWN_MAX), unless those already drawn still cover the view."""
        if not self._marks:
            if force or self._layers.get("annotations"):
                self._layers["annotations"] = []
                self._apply_layers()
            return
        few = len(self._marks) <= MARKS_ALL_UP_TO and self.document().characterCount() < SHORT_TEXT
        if few:  # all of them, once
            if not force:
                return
            first, last = 0, self.document().characterCount()
        else:
            view = self._view_span(0.0)
            drawn = self._marks_span
            if (
                not force
                and not self._marks_partial
                and (view == self._marks_view or (drawn[0] <= view[0] and view[1] <= drawn[1]))
            ):
                return  # the same view, or one the marks Qt has already cover
            self._marks_view = view
            first, last = self._view_span(1.0)
            around = bisect.bisect_left(self._mark_ends, first + 1)
            if (
                len(self._marks) - around > MARKS_DRAWN_MAX
                and self._marks[around + MARKS_DRAWN_MAX].start <= last
            ):
                first, last = view  # marks this dense: those on the screen come first
        self._marks_span = (first, last)
        # Marks of one look that overlap or touch are one selection: the same pixels, and Qt's
        # paint time grows with the selections it has (dense notes: half as many or fewer).
        runs: list[list] = []  # [start, end, (colour, style, has note)] in order of start
        open_runs: dict[tuple[str, str, bool], list] = {}
        for m in self._marks[bisect.bisect_left(self._mark_ends, first + 1) :]:
            if m.start > last:
                break
            if m.end <= first:
                continue
            key = (m.color, m.style, m.has_note)
            run = open_runs.get(key)
            if run is not None and m.start <= run[1]:
                run[1] = max(run[1], m.end)
                continue
            if len(runs) >= MARKS_DRAWN_MAX:  # denser still: those up to here
                self._marks_span = (first, m.start)
                break
            run = open_runs[key] = [m.start, m.end, key]
            runs.append(run)
        qdoc = self.document()
        # In a long text each selection is cut at the ends of its laid-out lines: Qt lays the
        # whole text out at once (0.5 s a MB, on this thread) for a selection that spans lines
        # (its update rectangle takes the document's width), never for one within a line.
        by_line = qdoc.characterCount() >= SHORT_TEXT
        formats: dict[tuple[str, str, bool], QTextCharFormat] = {}
        selections: list[QTextEdit.ExtraSelection] = []
        self._marks_partial = False  # some of them wait for the layout (drawn as it grows)
        for run_start, run_end, key in runs:
            fmt = formats.get(key)
            if fmt is None:
                fmt = formats[key] = self._mark_format(*key)
            if by_line:
                pieces, whole = _line_pieces(qdoc, run_start, run_end)
                self._marks_partial = self._marks_partial or not whole
            else:
                pieces = [(run_start, run_end)]
            selections += [_selection(qdoc, a, b, fmt) for a, b in pieces]
        self._marks_width = qdoc.textWidth()
        self._layers["annotations"] = selections
        self._apply_layers()

    def _mark_format(self, color: str, style: str, has_note: bool) -> QTextCharFormat:
        """A mark's look (its note's tool tip comes from ``_show_note_tip``, not the format:
        one format per look lets overlapping marks share a selection)."""
        fmt = QTextCharFormat()
        colours = mark_colours(self._theme, color)  # readable in every theme (themes)
        if style == "underline":
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(colours.underline))
        else:
            fmt.setBackground(QColor(colours.background))
            fmt.setForeground(QColor(colours.text))  # headings and bylines too: readable on it
        if has_note:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(QColor(colours.underline))
        return fmt

    def mark_at(self, offset: int) -> Mark | None:
        """The annotation drawn over ``offset`` (the innermost one), if any."""
        lo = bisect.bisect_right(self._mark_ends, offset)
        hi = bisect.bisect_right(self._marks, offset, lo=lo, key=lambda m: m.start)
        found = [m for m in self._marks[lo:hi] if m.start <= offset < m.end]
        return min(found, key=lambda m: m.end - m.start) if found else None

    def _reapply_layers(self) -> None:
        self._marks_width = self._find_width = -1.0  # cut them at the lines as they are now
        self._apply_layers()

    def _apply_layers(self) -> None:
        qdoc = self.document()
        if qdoc.characterCount() >= SHORT_TEXT:  # re-wrapped since they were cut at line ends:
            width = qdoc.textWidth()  # cut them again (that applies them)
            if self._layers.get("annotations") and self._marks_width != width:
                self._draw_marks_in_view(force=True)
                return
            if self._layers.get("find") and self._find_width != width and self._find_args is not None:
                self.show_matches(*self._find_args[:2], limit=self._find_args[2], reveal=False)
                return
        self.setExtraSelections([sel for key in ("annotations", "find") for sel in self._layers.get(key, [])])


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
            i = max(0, layout.lineForTextPosition(max(start, base) - base).lineNumber())
            while i < layout.lineCount():
                line = layout.lineAt(i)
                a, b = base + line.textStart(), base + line.textStart() + line.textLength()
                if a >= end:
                    break
                if max(a, start) < min(b, end):
                    out.append((max(a, start), min(b, end)))
                i += 1
        elif block.isVisible():
            return out, False  # not laid out yet: nor is anything after it
        block = block.next()
    return out, True
