"""Paragraphs set into lines and lines onto pages, for the PDF writer (:mod:`.pdf_file`).

A :class:`Block` is a paragraph in one size: runs of text each with a colour, and a highlight
box or an underline.  Lines are broken the way Chinese is set: between any two ideographs,
never before a closing mark (，。、；：？！）》」… nor inside —— and ……) or after an opening
one (（《「“), and in Latin text (words, numbers, addresses) only at its spaces.  Widths are the
font's own advances (an ideograph is one em), found with a running sum and a binary search,
so a line costs a few list operations, not a Python step per character.

Lines go onto pages top to bottom; a block's space above and the one before it below
collapse to the larger (CSS's rule, and Qt's, which the previous writer used); a page starts
with no space above its first line.  A heading is kept with the first line under it: when
they would part at a page's foot, the heading (and any headings just above it) begin the
next page.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from desktop_app.export.pdf_file import PdfFile

# Marks that may not begin a line (GB/T 15834 and the usual 禁则 of Chinese typesetting) and
# marks that may not end one.  ASCII closing marks too: notes mix them in.
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉］｝〗〙〛｠”’…—·%‰℃,.;:?!)]}>、゜")
NO_LINE_END = frozenset("（《「『【〔〈［｛〖〘〚｟“‘([{<")
BACKTRACK = 40  # characters a break may move back for the rules above before a line is cut anyway


@dataclass(frozen=True, slots=True)
class Look:
    """How a run of text is drawn: its colour, and a highlight box or an underline in another."""

    colour: str = "#000000"
    background: str | None = None
    underline: str | None = None


@dataclass(slots=True)
class Block:
    runs: list[tuple[str, Look]]  # "\n" in a run breaks the line
    size: float  # points
    pitch: float  # points from one line's top to the next
    before: float = 0.0  # space above, points
    after: float = 0.0
    indent: float = 0.0  # left indent of every line
    first_indent: float = 0.0  # more for the first line
    centre: bool = False
    keep_with_next: bool = False  # a heading
    lines: list[tuple[int, int]] = field(default_factory=list)  # (start, end) in text, once broken
    text: str = field(init=False)  # the runs' text

    def __post_init__(self) -> None:
        runs = self.runs
        self.text = runs[0][0] if len(runs) == 1 else "".join([text for text, _ in runs])


def _glued(a: str, b: str) -> bool:
    """Whether no line may break between ``a`` and ``b``."""
    if b == " " or a == " ":
        return False
    if b in NO_LINE_START or a in NO_LINE_END:
        return True
    # Latin words, numbers and addresses (http://e.com/x) stay together: a break only at a space
    return a < "\u2e80" and b < "\u2e80"


def break_lines(
    text: str, units: dict[str, int], per_unit: float, width: float, first: float
) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` (``units``: a character's advance in font
    units, ``per_unit``: points per unit); the first line is ``first`` points narrower.
    Spaces at a break are dropped; "\\n" ends a line."""
    limit = width / per_unit
    if "\n" not in text and sum(map(units.__getitem__, text)) <= limit - first / per_unit + 1e-6:
        return [(0, len(text))]  # the usual case: one line
    out: list[tuple[int, int]] = []
    pos = 0
    for segment in text.split("\n"):
        n = len(segment)
        if not n:
            out.append((pos, pos))
        cum = [0, *accumulate(map(units.__getitem__, segment))]
        i = 0
        while i < n:
            room = limit - (first / per_unit if not out else 0)
            end = bisect_right(cum, cum[i] + room + 1e-6) - 1
            if end >= n:
                out.append((pos + i, pos + n))
                break
            end = max(end, i + 1)
            cut = end
            while cut > i and cut > end - BACKTRACK and _glued(segment[cut - 1], segment[cut]):
                cut -= 1
            if cut <= i or cut <= end - BACKTRACK:
                cut = end  # no place to break within reach: cut the line where it is full
            stop = cut
            while stop > i and segment[stop - 1] == " ":
                stop -= 1
            out.append((pos + i, pos + stop))
            i = cut
            while i < n and segment[i] == " ":
                i += 1
        pos += n + 1
    return out


class PageSetter:
    """Places blocks on the pages of a :class:`PdfFile` inside a text block of the page."""

    def __init__(
        self,
        pdf: PdfFile,
        box: tuple[float, float, float, float],  # left, top, width, height in points from the page's top
        page_number: Callable[[int], tuple[str, float, float, str]] | None = None,
    ) -> None:
        self.pdf = pdf
        font = pdf.font
        self.left, self.top, self.width, self.height = box
        self.page_height = pdf.page_size[1]
        self.units: dict[str, int] = {}
        self._em = font.units_per_em
        self._ascent = font.ascent / self._em
        self._natural = (font.ascent - font.descent) / self._em
        self._under = (font.underline_position / self._em, max(font.underline_thickness / self._em, 0.05))
        self._page_number = page_number  # n -> (text, size, top of its line, colour)
        self._ops: list[str] = []
        self._y = 0.0  # from the top of the text block
        self._after = 0.0  # space owed below the last block
        self._colours: dict[str, str] = {}
        self._starts: dict[tuple[float, str], str] = {}  # the operators before a run's position
        self._hex = pdf.codes.hex

    # --- measuring --------------------------------------------------------------------------

    def know(self, text: str) -> None:
        """Learn the advances of the characters in ``text`` (all a layout will meet: once)."""
        units = self.units
        glyph_of, advances = self.pdf.font.glyph_of, self.pdf.font.advances
        for c in {c for c in set(text) if c not in units}:
            units[c] = advances[glyph_of.get(ord(c), 0)]

    def _broken(self, block: Block) -> list[tuple[int, int]]:
        if not block.lines:
            text = block.text
            width = self.width - block.indent
            block.lines = break_lines(text, self.units, block.size / self._em, width, block.first_indent)
        return block.lines

    def _gap(self, block: Block) -> float:
        return 0.0 if self._y == 0 else max(self._after, block.before)

    # --- placing ----------------------------------------------------------------------------

    def place(self, blocks: list[Block], progress: Callable[[float], None] | None = None) -> None:
        count = len(blocks)
        self.know(blocks_text(blocks))
        for k, block in enumerate(blocks):
            lines = self._broken(block)
            if block.keep_with_next and (k == 0 or not blocks[k - 1].keep_with_next) and self._y > 0:
                need = self._gap(block)
                after = block.after
                j = k
                while j < count and blocks[j].keep_with_next:  # the headings and the line under them
                    if j > k:
                        need += max(after, blocks[j].before)
                    need += len(self._broken(blocks[j])) * blocks[j].pitch
                    after = blocks[j].after
                    j += 1
                if j < count and self._broken(blocks[j]):
                    need += max(after, blocks[j].before) + blocks[j].pitch
                if self._y + need > self.height + 0.01:
                    self.new_page()
            self._y += self._gap(block)
            for n, (start, end) in enumerate(lines):
                if self._y + block.pitch > self.height + 0.01 and self._y > 0:
                    self.new_page()
                self._line(block, n, start, end)
                self._y += block.pitch
            self._after = block.after
            if progress is not None and k % 500 == 0:
                progress(k / count)

    def new_page(self) -> None:
        if self._page_number is not None:
            text, size, top, colour = self._page_number(self.pdf.page_count)
            self.know(text)
            width = sum(map(self.units.__getitem__, text)) * size / self._em
            x = self.left + (self.width - width) / 2
            self._text(x, top + self._ascent * size, size, colour, text)
        self.pdf.add_page("\n".join(self._ops))
        self._ops = []
        self._y = 0.0
        self._after = 0.0

    def finish(self) -> None:
        self.new_page()

    # --- drawing ----------------------------------------------------------------------------

    def _rgb(self, colour: str) -> str:
        found = self._colours.get(colour)
        if found is None:
            r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
            found = self._colours[colour] = f"{r:.3f} {g:.3f} {b:.3f}"
        return found

    def _text(self, x: float, baseline: float, size: float, colour: str, text: str) -> None:
        start = self._starts.get((size, colour))
        if start is None:
            start = self._starts[size, colour] = f"BT /F1 {size:g} Tf {self._rgb(colour)} rg 1 0 0 1 "
        self._ops.append(f"{start}{x:.2f} {self.page_height - baseline:.2f} Tm <{self._hex(text)}> Tj ET")

    def _box(self, x: float, top: float, width: float, height: float, colour: str) -> None:
        y = self.page_height - top - height
        self._ops.append(f"{self._rgb(colour)} rg {x:.2f} {y:.2f} {width:.2f} {height:.2f} re f")

    def _line(self, block: Block, number: int, start: int, end: int) -> None:
        size = block.size
        per_unit = size / self._em
        units = self.units
        natural = self._natural * size
        baseline = self.top + self._y + (block.pitch - natural) / 2 + self._ascent * size
        x = self.left + block.indent + (block.first_indent if number == 0 else 0)
        if block.centre:
            width = sum(map(units.__getitem__, block.text[start:end])) * per_unit
            x = self.left + block.indent + (self.width - block.indent - width) / 2
        runs = block.runs
        if len(runs) == 1 and not (runs[0][1].background or runs[0][1].underline):  # plain text
            piece = runs[0][0][start:end]
            if piece.strip():
                self._text(x, baseline, size, runs[0][1].colour, piece)
            return
        pieces: list[tuple[float, float, str, Look]] = []  # x, width, text, look
        at = 0
        for text, look in runs:
            run_end = at + len(text)
            if run_end > start and at < end:
                piece = text[max(start, at) - at : min(end, run_end) - at]
                if run_end < end or look.background or look.underline:
                    width = sum(map(units.__getitem__, piece)) * per_unit
                else:  # the line's last piece, unmarked: its width is not needed
                    width = 0.0
                pieces.append((x, width, piece, look))
                x += width
            at = run_end
            if at >= end:
                break
        for px, width, _, look in pieces:
            if look.background:
                self._box(px, baseline - self._ascent * size, width, natural, look.background)
        for px, _, piece, look in pieces:
            if piece.strip():
                self._text(px, baseline, size, look.colour, piece)
        position, thickness = self._under
        for px, width, _, look in pieces:
            if look.underline:
                self._box(px, baseline - position * size, width, thickness * size, look.underline)


def blocks_text(blocks: Iterable[Block]) -> str:
    """Every character the blocks draw (to check the font has them)."""
    return "".join(block.text for block in blocks)
