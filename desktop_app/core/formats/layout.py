"""Positioned glyphs -> lines -> paragraphs, with page furniture removed.

Fixed-layout formats (OFD, PDF) hold characters at positions, not paragraphs.  This module
rebuilds the paragraphs from the positions alone, so every such reader shares one set of
rules.  It knows nothing of the file format: a reader hands it simple records.

Coordinates are in any one unit (mm for OFD, pt for PDF) with **x growing to the right and y
growing downwards** (the top of the page is 0; a PDF reader passes ``page_height - y``).

* :class:`Glyph` is one character's box: ``x`` its left edge, ``y`` its top, ``width`` its
  natural advance (the font's width, not the distance to the next character), ``height``
  about the font size (a font's ascent + descent, not the tight box of the ink: "一" is as
  tall as "国"), ``page`` the page's index.
* :func:`lines_from_glyphs` groups glyphs that share a baseline into lines (sorted by x,
  characters drawn twice for fake bold dropped, a space put where a gap shows one that was
  not drawn), cuts a line at a wide gap into segments, and puts the segments of a page in
  reading order (two columns are read one after the other, with full-width lines between).
* :func:`remove_furniture` drops page numbers ("— 3 —", "- 3 -", "第 3 页 共 9 页", "3 / 9",
  bare numbers counting with the pages) and running heads and footers (the same text at the
  same place at the top or bottom of many pages).
* :func:`paragraphs_from_lines` joins lines into paragraphs: a new paragraph where a line is
  indented (the two-character first-line indent of Chinese documents), after a vertical gap
  larger than the line pitch, where the size changes, and after a line that stops short (by
  more than one and a half characters and ending a sentence, or by a lot).  Lines are joined
  without a space between Chinese characters (a space only between two Latin words).
* :func:`paragraphs_from_glyphs` does all three.

A reader that gets whole lines from its library (not glyphs) can make :class:`Line` records
itself and call the last two.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple


class Glyph(NamedTuple):
    """One character (or a few drawn as one) at its place on a page."""

    text: str
    x: float  # left edge
    y: float  # top (y grows downwards)
    width: float  # natural advance of the character
    height: float  # about the font size
    page: int  # 0-based page index


class Line(NamedTuple):
    """Characters on one baseline of a page (or one segment of it, cut at a wide gap)."""

    text: str
    page: int
    x0: float  # left edge of the first character that is not a space
    x1: float  # right edge of the last character that is not a space
    top: float
    bottom: float  # the glyph boxes' bottom: the baseline, give or take the descent
    size: float  # the most common glyph height on the line
    column: int = 0  # 0 single or left column, 1 right column, -1 spanning both


class Block(NamedTuple):
    """A paragraph rebuilt from lines."""

    text: str
    page: int  # page of its first line
    top: float  # top of its first line
    size: float  # size of its first line
    lines: int  # how many lines it was made of


# ---------------------------------------------------------------------------------------------
# glyphs -> lines
# ---------------------------------------------------------------------------------------------

BASELINE_TOLERANCE = 0.4  # glyphs whose bottoms differ by less than this x height share a line
SEGMENT_GAP = 2.5  # a gap wider than this x size cuts a line into segments (table, 签发人 ...)
SPACE_GAP = 0.4  # a gap this wide (x size) between characters is a space that was not drawn
LETTER_SPACE_GAP = 0.6  # the same after a Latin letter (whose width, unlike a digit's, varies)


def is_wide(ch: str) -> bool:
    """A full-width character (Chinese, full-width punctuation, ambiguous ones such as “”)."""
    return unicodedata.east_asian_width(ch) in "WFA"


def _space_gap(before: str) -> float:
    """The gap after ``before`` that shows a space: the width of a Chinese character or a digit
    is known (one or half a character), a Latin letter's is a guess."""
    return LETTER_SPACE_GAP if before.isascii() and before.isalpha() else SPACE_GAP


def lines_from_glyphs(glyphs: Iterable[Glyph]) -> list[Line]:
    """The lines of every page, pages in order, each page in reading order."""
    by_page: dict[int, list[Glyph]] = defaultdict(list)
    for g in glyphs:
        if g.text and g.height > 0:
            by_page[g.page].append(g)
    out: list[Line] = []
    for page in sorted(by_page):
        rows = _rows(by_page[page])
        gutter = _gutter(rows)
        segments: list[Line] = []
        for row in rows:
            segments.extend(_segments(row, page, gutter))
        out.extend(_reading_order(segments, gutter))
    return out


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by baseline, top to bottom, each row sorted by x."""
    glyphs.sort(key=lambda g: g.y + g.height)
    rows: list[list[Glyph]] = []
    ref = 0.0
    tolerance = 0.0
    for g in glyphs:
        bottom = g.y + g.height
        if rows and bottom - ref <= tolerance:
            rows[-1].append(g)
            tolerance = max(tolerance, BASELINE_TOLERANCE * g.height)
        else:
            rows.append([g])
            ref, tolerance = bottom, BASELINE_TOLERANCE * g.height
    for row in rows:
        row.sort(key=lambda g: g.x)
    return rows


def _segments(row: list[Glyph], page: int, gutter: tuple[float, float] | None) -> list[Line]:
    size = _common(g.height for g in row)
    pieces: list[list[Glyph]] = [[]]
    texts: list[list[str]] = [[]]
    last: Glyph | None = None  # the last glyph that is not a space
    drawn: Glyph | None = None  # the last glyph, space or not
    space_since = False
    for g in row:
        if drawn is not None and g.text == drawn.text and abs(g.x - drawn.x) < 0.25 * max(drawn.width, 1e-9):
            continue  # drawn twice, a little apart: fake bold
        drawn = g
        if not g.text.strip():
            space_since = True
            if pieces[-1]:  # a space inside a segment is kept, never one that starts it
                texts[-1].append(g.text)
            continue
        if last is not None:
            gap = g.x - (last.x + last.width)
            across = (
                gutter is not None and last.x + last.width / 2 < gutter[0] and g.x + g.width / 2 > gutter[1]
            )
            if gap > SEGMENT_GAP * size or across:
                pieces.append([])
                texts.append([])
            elif not space_since and gap > _space_gap(last.text[-1]) * size:
                texts[-1].append(" ")
        pieces[-1].append(g)
        texts[-1].append(g.text)
        last = g
        space_since = False
    out = []
    for piece, text in zip(pieces, texts, strict=True):
        if not piece:
            continue
        out.append(
            Line(
                text="".join(text),
                page=page,
                x0=piece[0].x,
                x1=max(g.x + g.width for g in piece),
                top=min(g.y for g in piece),
                bottom=max(g.y + g.height for g in piece),
                size=_common(g.height for g in piece),
            )
        )
    return out


def _reading_order(segments: list[Line], gutter: tuple[float, float] | None) -> list[Line]:
    """Segments of one page (given row by row, top to bottom, each row left to right) in
    reading order: as given, and when the page has two columns, the left column before the
    right one within each band between full-width lines."""
    if gutter is None:
        return segments
    g0, g1 = gutter
    ordered: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for s in segments:
        if s.x1 <= g1 and s.x0 < g0:
            left.append(s._replace(column=0))
        elif s.x0 >= g0 and s.x1 > g1:
            right.append(s._replace(column=1))
        else:  # spanning the gutter: a band of its own
            ordered += left + right
            left, right = [], []
            ordered.append(s._replace(column=-1))
    return ordered + left + right


def _runs(row: list[Glyph]) -> Iterable[tuple[float, float, float]]:
    """The stretches of text of a row, (x0, x1, size), broken at gaps wider than a character."""
    start = end = size = 0.0
    started = False
    for g in row:
        if not g.text.strip():
            continue
        if started and g.x - end <= g.height:
            end = max(end, g.x + g.width)
            continue
        if started:
            yield start, end, size
        start, end, size, started = g.x, g.x + g.width, g.height, True
    if started:
        yield start, end, size


def _gutter(rows: list[list[Glyph]]) -> tuple[float, float] | None:
    """An empty vertical strip in the middle of the page with columns of text on both sides:
    at least three long stretches of text each, as wide as a quarter of the text (a table's
    short cells are read row by row, not as columns)."""
    runs = [r for row in rows for r in _runs(row) if r[1] - r[0] > 4 * r[2]]
    if len(runs) < 6:
        return None
    size = _common(r[2] for r in runs)
    lo, hi = min(r[0] for r in runs), max(r[1] for r in runs)
    step = size / 4
    cells = int((hi - lo) / step) + 1
    if cells < 16 or cells > 40_000:
        return None
    cover = [0] * cells
    for x0, x1, _ in runs:
        for c in range(int((x0 - lo) / step) + 1, min(cells, int((x1 - lo) / step))):
            cover[c] += 1
    allowed = len(runs) // 10  # a few full-width lines (a title) may cross the gutter
    best = (0, 0)
    c, stop = cells // 5, cells - cells // 5
    while c < stop:
        start = c
        while c < stop and cover[c] <= allowed:
            c += 1
        if c - start > best[1] - best[0]:
            best = (start, c)
        c += 1
    if (best[1] - best[0]) * step < 0.8 * size:
        return None
    g0, g1 = lo + best[0] * step, lo + best[1] * step
    left = sorted(x1 - x0 for x0, x1, _ in runs if x1 <= g1 and x0 < g0)
    right = sorted(x1 - x0 for x0, x1, _ in runs if x0 >= g0 and x1 > g1)
    wide = 0.25 * (hi - lo)
    if len(left) < 3 or len(right) < 3 or left[len(left) // 2] < wide or right[len(right) // 2] < wide:
        return None
    return g0, g1


# ---------------------------------------------------------------------------------------------
# page furniture
# ---------------------------------------------------------------------------------------------

_DASHES = r"[-—–－‐―~·•・\s]*"
# A page number with something around it that says so: — 3 —, - 3 -, 第 3 页, 第3页 共9页,
# 3 / 9, 3/9, Page 3, Page 3 of 9, ·3·.
_PAGE_NUMBER = re.compile(
    rf"^{_DASHES}(?:第\s*(?P<a>\d{{1,5}})\s*页(?:\s*[，,/]?\s*共\s*\d{{1,5}}\s*页)?"
    rf"|(?P<b>\d{{1,5}})\s*(?:/|／|of)\s*\d{{1,5}}"
    rf"|page\s*(?P<c>\d{{1,5}})(?:\s*(?:/|of)\s*\d{{1,5}})?"
    rf"|[-—–－‐―~·•・]\s*(?P<d>\d{{1,5}})\s*[-—–－‐―~·•・])(?:\s*页)?{_DASHES}$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\s*(\d{1,5})\s*$")
EDGE_LINES = 2  # how many lines at the top and at the bottom of a page may be furniture
REPEATED_SHARE = 0.4  # a running head or footer is on at least this share of the pages


def remove_furniture(lines: Sequence[Line]) -> list[Line]:
    """``lines`` without page numbers and running heads and footers (kept in their order)."""
    pages: dict[int, list[int]] = defaultdict(list)  # page -> indexes into lines, top to bottom
    for i, line in enumerate(lines):
        pages[line.page].append(i)
    for members in pages.values():
        members.sort(key=lambda i: lines[i].bottom)
    edges = {
        page: list(dict.fromkeys(members[:EDGE_LINES] + members[-EDGE_LINES:]))
        for page, members in pages.items()
    }
    drop: set[int] = set()
    bare: list[tuple[int, int, int]] = []  # (line index, page, number)
    for page, members in edges.items():
        for i in members:
            text = lines[i].text.strip()
            if _PAGE_NUMBER.match(text):
                drop.add(i)
            elif m := _BARE_NUMBER.match(text):
                bare.append((i, page, int(m.group(1))))
    # bare numbers are page numbers when they count with the pages (or the file has one page)
    offsets = Counter(number - page for _, page, number in bare)
    if offsets:
        offset, count = offsets.most_common(1)[0]
        if count >= 2 or len(pages) == 1:
            drop.update(i for i, page, number in bare if number - page == offset)
    drop.update(_running_lines(lines, edges, len(pages)))
    return [line for i, line in enumerate(lines) if i not in drop]


def _running_lines(lines: Sequence[Line], edges: dict[int, list[int]], page_count: int) -> set[int]:
    """Lines at a page's top or bottom whose text (digits aside) recurs at the same place and
    size on many pages."""
    if page_count < 2:
        return set()
    groups: dict[tuple[str, float], list[int]] = defaultdict(list)
    for members in edges.values():
        for i in members:
            key = re.sub(r"\d+", "#", re.sub(r"\s+", "", lines[i].text))
            if key:
                groups[(key, round(lines[i].size, 1))].append(i)
    out: set[int] = set()
    need = max(2, REPEATED_SHARE * page_count)
    for members in groups.values():
        # the same place: split by the line's top, within a line size of each other
        members.sort(key=lambda i: lines[i].top)
        cluster: list[int] = []
        for i in [*members, -1]:
            if i >= 0 and cluster and lines[i].top - lines[cluster[0]].top <= lines[i].size:
                cluster.append(i)
                continue
            if len({lines[j].page for j in cluster}) >= need:
                out.update(cluster)
            cluster = [i] if i >= 0 else []
    return out


# ---------------------------------------------------------------------------------------------
# lines -> paragraphs
# ---------------------------------------------------------------------------------------------

INDENT = 1.2  # a line starting this many x size right of the margin starts a paragraph
SHORT = 1.5  # a line ending this many x size before the margin, with a full stop, ends one
VERY_SHORT = 5.0  # ... and this many, whatever it ends with
GAP = 0.3  # a gap of the pitch + this x size between lines is a blank line
LARGER = 1.15  # lines this much larger than the body text (titles) keep together
_SENTENCE_END = "。！？；：…!?;:"
_CLOSING = "”’」』）)》〉]】\"' "


class _Geometry:
    """What a document's lines say of its layout: the body size, the line pitch of each size,
    and the left and right margins of each page and column."""

    def __init__(self, lines: Sequence[Line]) -> None:
        weight: Counter[float] = Counter()
        for line in lines:
            weight[round(line.size, 1)] += len(line.text)
        self.body = weight.most_common(1)[0][0] if weight else 0.0
        pitches: dict[float, Counter[float]] = defaultdict(Counter)
        for a, b in pairwise(lines):
            if a.page == b.page and a.column == b.column and abs(a.size - b.size) < 0.05 * a.size:
                delta = b.bottom - a.bottom
                if 0.9 * a.size < delta < 3 * a.size:
                    pitches[round(a.size, 1)][round(delta, 1)] += 1
        self.pitches = {size: c.most_common(1)[0][0] for size, c in pitches.items()}
        by_place: dict[tuple[int, int], list[Line]] = defaultdict(list)
        by_column: dict[int, list[Line]] = defaultdict(list)
        for line in lines:
            by_place[(line.page, line.column)].append(line)
            by_column[line.column].append(line)
        overall = {column: _margins(members) for column, members in by_column.items()}
        self.margins = {
            place: _margins(members) if len(members) >= 6 else overall[place[1]]
            for place, members in by_place.items()
        }

    def pitch(self, size: float) -> float:
        return self.pitches.get(round(size, 1), 1.2 * size)


def _margins(lines: Sequence[Line]) -> tuple[float, float]:
    """The left margin (the smallest x0 that several lines share) and the right one (the
    largest x1 that several share; justified lines end there)."""
    size = _common(line.size for line in lines)
    left = _edge([line.x0 for line in lines], size, low=True)
    return left, _edge([line.x1 for line in lines], size, low=False)


def _edge(values: list[float], size: float, *, low: bool) -> float:
    values = sorted(values, reverse=not low)
    need = 2 if len(values) >= 2 else 1
    tolerance = 0.3 * size
    for i, v in enumerate(values):
        shared = 0
        for w in values[i:]:
            if abs(w - v) > tolerance:
                break
            shared += 1
        if shared >= need:
            return v
    return values[0]


def paragraphs_from_lines(lines: Sequence[Line]) -> list[Block]:
    """Paragraphs from lines in reading order (see the module's description for the rules)."""
    if not lines:
        return []
    geometry = _Geometry(lines)
    groups: list[list[Line]] = [[lines[0]]]
    for prev, line in pairwise(lines):
        if _breaks(prev, line, geometry):
            groups.append([line])
        else:
            groups[-1].append(line)
    return [_block(group) for group in groups]


def _block(group: list[Line]) -> Block:
    text = group[0].text
    for t in (line.text for line in group[1:]):
        a, b = text.rstrip()[-1:], t.lstrip()[:1]
        if text and not text[-1].isspace() and _latin(a) and _latin(b):
            text += " "  # two Latin words split by a line break (a Chinese one needs no space)
        text += t
    return Block(text.strip(), group[0].page, group[0].top, group[0].size, len(group))


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _breaks(prev: Line, line: Line, geometry: _Geometry) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev``."""
    size = line.size
    if abs(prev.size - size) > 0.1 * max(prev.size, size):
        return True
    same_place = prev.page == line.page and prev.column == line.column
    if same_place and line.bottom - prev.bottom > geometry.pitch(size) + GAP * size:
        return True
    if same_place and line.bottom - prev.bottom < 0.5 * size:
        return True  # another segment of the same row
    left, right = geometry.margins[(line.page, line.column)]
    prev_left, prev_right = geometry.margins[(prev.page, prev.column)]
    shortfall = prev_right - prev.x1
    short = shortfall > SHORT * prev.size
    if geometry.body and size > LARGER * geometry.body:
        # a title: its lines stay together, full ones or centred (balanced) ones
        return short and not (_centred(prev, prev_left, prev_right) and _centred(line, left, right))
    if line.x0 - left > INDENT * size:
        return True
    if shortfall > VERY_SHORT * prev.size:
        return True
    return short and prev.text.rstrip(_CLOSING)[-1:] in _SENTENCE_END


def _centred(line: Line, left: float, right: float) -> bool:
    return abs((line.x0 - left) - (right - line.x1)) <= 1.5 * line.size


def paragraphs_from_glyphs(glyphs: Iterable[Glyph]) -> list[Block]:
    """Glyphs -> lines -> page furniture removed -> paragraphs."""
    return paragraphs_from_lines(remove_furniture(lines_from_glyphs(glyphs)))


def _common(values: Iterable[float]) -> float:
    counts = Counter(round(v, 2) for v in values)
    return counts.most_common(1)[0][0] if counts else 0.0
