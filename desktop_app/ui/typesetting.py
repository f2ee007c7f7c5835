"""Justified paragraphs that never spread the characters of a number or a Latin word.

How Qt 6 justifies a line (``QTextEngine::justify`` in qtextengine.cpp): when a line is
shaped, every cluster whose first character is a letter or a number gets an
inter-character opportunity (``Justification_Character``) after it, and a space gets
``Justification_Space``, except in a Han/kana run, where it too gets the character kind.
Digits, spaces and punctuation are of the Common script and take the script of the text
around them, so "出台 105 项" is one Han item.  The space the line lacks is then shared
equally by the opportunities of the highest kind on the line.  In Chinese text that is
every character: the digits of "105" move apart exactly as much as the Han characters.

No format changes that: the kind comes from the character class alone, and no character
may be added (one block per paragraph, cursor positions = ``Document.text`` offsets).
Tried on a real layout (``tests/ui/test_typesetting.py`` keeps the evidence): a Latin
font, letter spacing, word spacing, kerning off, ``PreferNoShaping``, small caps, fixed
pitch, stretch, an object type: the digits move apart like the Han characters.  Only a
ligature (one cluster) hides the opportunities, which no font offers for any number.

So the spreading is undone after the fact, line by line.  Once Qt has laid out a block,
each justified line holding a run is measured (``QTextLine.glyphRuns``): what Qt added
after each character inside a run is taken back by a negative letter spacing on it and
shared among the line's other opportunities (the characters Qt spread), as if the run had
offered none.  The widths on the line add up to the same total, so the line breaks stay
and so does Qt's share per opportunity: the run sits at its natural advances, the Han
characters around it are spread a little more.  The spacing goes into the block layout's
additional formats (``QTextLayout.setFormats``, what ``QSyntaxHighlighter`` uses): display
only.  The document's text and formats, cursor positions, copying and undo are untouched.

It depends on the line, so it is done lazily for the paragraphs on screen, and again when
the column is re-wrapped: :class:`RunKeeper` does that for a ``QTextEdit``.  The lines are
made again in place, not by the document layout (which walks every block: 20 ms per
paragraph on a 10 MB text).  Cost: 0.3-0.6 ms per paragraph holding a run, whatever the
size of the text; nothing for the others.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtGui import QFont, QTextCharFormat, QTextFormat

from desktop_app.ui.first_frame import ALIGN_JUSTIFY

if TYPE_CHECKING:
    from PySide6.QtGui import QTextBlock, QTextDocument, QTextLayout, QTextLine
    from PySide6.QtWidgets import QTextEdit

_LETTER = "0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
# A number or a Latin word, with what joins its parts: 91.31%, 2023-06-14, 20:09:45, 1,000,
# COVID-19, don't, www.gov.cn.  Two characters at least (one has nothing inside to spread).
RUN = re.compile(f"[{_LETTER}]+(?:[.,:/%\\-+_'&@#~]+[{_LETTER}]+)*%?")
RUN_CHARS = re.compile(f"[{_LETTER}]")

_UNIT = 1 / 64  # Qt's QFixed: positions and spacings are whole 64ths of a pixel
_EPSILON = 0.02  # px: less than this left after settling counts as natural


def glyph_positions(line: QTextLine, start: int, length: int) -> dict[int, tuple[float, float]]:
    """Character index in the block -> (x, natural advance) of the glyph that starts there."""
    from PySide6.QtGui import QTextLayout  # here: its enums are built on first import

    flags = QTextLayout.GlyphRunRetrievalFlag.RetrieveAll
    found: dict[int, tuple[float, float]] = {}
    for run in line.glyphRuns(start, length, flags):
        advances = run.rawFont().advancesForGlyphIndexes(run.glyphIndexes())
        for index, pos, adv in zip(run.stringIndexes(), run.positions(), advances, strict=False):
            found.setdefault(index, (pos.x(), adv.x()))
    return found


def _current_spacing(layout: QTextLayout, length: int) -> list[float]:
    """The letter spacing our formats give each character of the block (0.0 where none)."""
    spacing = [0.0] * length
    for rng in layout.formats():
        if rng.format.hasProperty(QTextFormat.Property.FontLetterSpacing):
            for i in range(rng.start, min(rng.start + rng.length, len(spacing))):
                spacing[i] = rng.format.fontLetterSpacing()
    return spacing


def compensation(block: QTextBlock) -> list[tuple[int, int, float]]:
    """The letter spacings that keep ``block``'s runs at their natural advances in its
    current layout: ``(start, length, spacing in px)`` per range, block-relative.
    (:func:`_spacing_by_line`, in one list.)"""
    return [rng for ranges in _spacing_by_line(block).values() for rng in ranges]


def _spacing_by_line(
    block: QTextBlock, spared: frozenset[int] = frozenset()
) -> dict[int, list[tuple[int, int, float]]]:
    """Line number -> the letter spacings that keep the runs on it at their natural
    advances in the block's current layout: ``(start, length, px)``, block-relative.
    On the ``spared`` lines the last two characters take no share.

    On each justified line holding a run, what Qt added after the characters inside runs
    is taken back from them and shared among the line's other justification points (the
    characters Qt spread), as if the runs had offered none.  Measured on the layout as it
    is, any spacing already applied taken into account, so asking again after applying
    the answer gives the same answer.
    """
    layout = block.layout()
    text = block.text()
    if (
        layout is None
        or layout.lineCount() < 2  # the last line of a paragraph is not justified
        or block.blockFormat().intProperty(QTextFormat.Property.BlockAlignment) & 0x0F != ALIGN_JUSTIFY
        or RUN_CHARS.search(text) is None
    ):
        return {}
    current = _current_spacing(layout, len(text)) if layout.formats() else None
    last_line = layout.lineCount() - 1
    inner_by_line: dict[int, list[int]] = {}  # line -> characters inside runs (not the last of each)
    for m in RUN.finditer(text):
        for i in range(m.start(), m.end() - 1):
            line = layout.lineForTextPosition(i)
            # a run broken over two lines: nothing is inside it across the break
            if line.isValid() and i + 1 < line.textStart() + line.textLength():
                inner_by_line.setdefault(line.lineNumber(), []).append(i)
    ranges: dict[int, list[tuple[int, int, float]]] = {}
    for number, inner in sorted(inner_by_line.items()):
        if number == last_line:
            continue
        line = layout.lineAt(number)
        s = line.textStart()
        visible_end = s + len(text[s : s + line.textLength()].rstrip())
        glyphs = glyph_positions(line, s, line.textLength())
        extra: dict[int, int] = {}  # what Qt added after each character, in 64ths of a pixel
        for i in range(s, visible_end - 1):
            if i in glyphs and i + 1 in glyphs:
                applied = current[i] if current is not None else 0.0
                units = round((glyphs[i + 1][0] - glyphs[i][0] - glyphs[i][1] - applied) / _UNIT)
                if units * _UNIT >= _EPSILON:
                    extra[i] = units
        inside = set(inner)
        taken = {i: extra[i] for i in inner if i in extra}
        tail = visible_end - 2 if number in spared else visible_end
        receivers = [i for i in sorted(extra) if i not in inside and i < tail]
        total = sum(taken.values())
        if not total or not receivers:
            continue  # nothing spread inside a run, or nothing else on the line to take it
        base, rest = divmod(total, len(receivers))
        spacing = {i: -units for i, units in taken.items()}
        for k, i in enumerate(receivers):
            if base + (k < rest):
                spacing[i] = base + (k < rest)
        ranges[number] = _merge(spacing)
    return ranges


def _merge(spacing: dict[int, int]) -> list[tuple[int, int, float]]:
    """Adjacent characters with the same spacing (in 64ths) as one range each."""
    out: list[tuple[int, int, float]] = []
    for i in sorted(spacing):
        value = spacing[i] * _UNIT
        if out and out[-1][0] + out[-1][1] == i and out[-1][2] == value:
            out[-1] = (out[-1][0], out[-1][1] + 1, value)
        else:
            out.append((i, 1, value))
    return out


def _formats(ranges: list[tuple[int, int, float]]) -> list[QTextLayout.FormatRange]:
    from PySide6.QtGui import QTextLayout

    formats = []
    for start, length, spacing in ranges:
        rng = QTextLayout.FormatRange()
        rng.start, rng.length = start, length
        fmt = QTextCharFormat()
        fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        fmt.setFontLetterSpacing(spacing)
        rng.format = fmt
        formats.append(rng)
    return formats


def _relayout(block: QTextBlock, ranges: list[tuple[int, int, float]]) -> bool:
    """Give the block's layout these spacings and lay its lines out again in place.

    ``setFormats`` drops the block's lines; they are made again with the widths and
    positions the document layout gave them, as it would (QTextDocumentLayout's
    layoutBlock).  That is exact when the line breaks stay, which the spacings are made
    for, and costs a fraction of a millisecond; ``markContentsDirty`` (what
    QSyntaxHighlighter uses) walks every block after this one: 20 ms on a 10 MB text.
    Only when the lines come out fewer or more (the block would change height) is the
    document layout asked to do it; returns False then.

    (``setFormats`` also notes the block as changed in the document: the next edit of the
    document, or ``markContentsDirty``, lays out again everything from the first block so
    noted to the last, as after a highlighter's changes.  The reading document is not
    edited once built.)
    """
    layout = block.layout()
    lines = [layout.lineAt(i) for i in range(layout.lineCount())]
    placed = [(line.width(), line.position(), line.leadingIncluded()) for line in lines]
    layout.setFormats(_formats(ranges))
    layout.beginLayout()
    same = True
    for width, position, leading in placed:
        line = layout.createLine()
        if not line.isValid():
            same = False
            break
        line.setLeadingIncluded(leading)
        line.setLineWidth(width)
        line.setPosition(position)
    else:
        same = not layout.createLine().isValid()
    layout.endLayout()
    if not same:
        block.document().markContentsDirty(block.position(), block.length())
    return same


def clear_block(block: QTextBlock) -> bool:
    """Drop the block's run spacing; False if it had none."""
    layout = block.layout()
    if layout is None or not layout.formats():
        return False
    _relayout(block, [])
    return True


def settle_block(block: QTextBlock) -> bool:
    """Keep the runs of ``block`` together in its layout at the current width.

    Any earlier spacing is dropped first, so the block is measured as Qt justifies it and
    the answer never depends on an older layout.  The block must be laid out (shown by a
    view, or its document's ``documentLayout().blockBoundingRect(block)`` asked).
    Returns whether the block's spacing changed.
    """
    layout = block.layout()
    if layout is None or layout.lineCount() == 0:
        return False
    had = clear_block(block)
    by_line = _spacing_by_line(block)
    widths = [layout.lineAt(i).naturalTextWidth() for i in range(layout.lineCount())]
    spared: set[int] = set()
    while by_line:
        if not _relayout(block, [rng for ranges in by_line.values() for rng in ranges]):
            break  # the document layout placed the lines anew
        # Each line must measure what it did (the spacings add up to nothing).  Qt 6.11
        # counts a spacing on one of the last two characters of some lines twice (seen
        # before a line starting with a Latin letter): such a line is measured again with
        # its share kept off its end, and if that fails too, left as Qt justifies it.
        off = {n for n in by_line if abs(layout.lineAt(n).naturalTextWidth() - widths[n]) > _UNIT / 2}
        if not off:
            break
        retry = off - spared
        spared |= off
        for n in off:
            del by_line[n]
        if retry:
            _relayout(block, [rng for ranges in by_line.values() for rng in ranges])
            again = _spacing_by_line(block, frozenset(retry))
            by_line.update({n: again[n] for n in retry if n in again})
        elif not by_line:
            _relayout(block, [])
    return had or bool(by_line)


def settle_document(qdoc: QTextDocument) -> int:
    """:func:`settle_block` on every block of a laid-out document (for printing, images and
    tests; a view settles only what it shows, see :class:`RunKeeper`).  Returns how many
    blocks got spacing."""
    count = 0
    block = qdoc.begin()
    while block.isValid():
        if block.isVisible() and RUN_CHARS.search(block.text()) and settle_block(block):
            count += 1
        block = block.next()
    return count


class RunKeeper(QObject):
    """Keeps the runs of the paragraphs a ``QTextEdit`` shows together.

    Settles each block on screen once per layout (width and font); scrolling settles the
    blocks coming into view before they are painted, a re-wrap (resize, font) settles the
    visible ones again on the next turn of the event loop.  Blocks settled for an older
    layout keep their spacing until they are shown again (then they are measured afresh),
    so a resize costs nothing for the paragraphs off screen.
    """

    def __init__(self, view: QTextEdit) -> None:
        super().__init__(view)
        self._view = view
        self._doc: QTextDocument | None = None
        self._settled: dict[int, tuple[float, str]] = {}  # block number -> layout it was settled in
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.settle_visible)
        # directly, not queued: the blocks scrolled into view are settled before the paint
        view.verticalScrollBar().valueChanged.connect(self._on_scroll)
        view.textChanged.connect(self.schedule)  # a read-only view: a new document was set
        self.settle_visible()

    def _on_scroll(self, _value: int) -> None:
        self.settle_visible()

    def schedule(self) -> None:
        """Settle the visible blocks on the next turn of the event loop."""
        self._timer.start()

    def _attach(self, doc: QTextDocument) -> None:
        self._doc = doc
        self._settled.clear()
        # After any (re)layout: a resize, a font change, the background layout of a big text.
        doc.documentLayout().update.connect(self.schedule)

    def settle_visible(self) -> int:
        """Settle the blocks on screen that are not settled for the current layout;
        returns how many were measured."""
        if self._busy:
            return 0
        view = self._view
        doc = view.document()
        if doc is not self._doc:
            self._attach(doc)
        if doc.isEmpty():
            return 0
        key = (doc.textWidth(), doc.defaultFont().key())
        layout = doc.documentLayout()
        top = view.verticalScrollBar().value()
        bottom = top + view.viewport().height()
        # the reader's binary search over laid-out blocks: Qt's hit test walks the blocks one by
        # one (~90 ms at the top of a 10 MB text while its layout grows)
        offset_at_y = getattr(view, "offset_at_y", None)
        if offset_at_y is not None:
            block = doc.findBlock(offset_at_y(top))
        else:
            block = view.cursorForPosition(QPoint(0, 0)).block()
        measured = changed = 0
        self._busy = True  # a block the document layout must place anew may scroll the view
        try:
            while block.isValid():
                if block.isVisible():
                    if layout.blockBoundingRect(block).top() > bottom:
                        break
                    number = block.blockNumber()
                    if self._settled.get(number) != key and RUN_CHARS.search(block.text()):
                        changed += settle_block(block)
                        measured += 1
                    self._settled[number] = key
                block = block.next()
        finally:
            self._busy = False
        if changed:
            view.viewport().update()  # lines made again in place: the layout does not know
        return measured
