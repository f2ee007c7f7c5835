"""From a PDF's lines to paragraphs, for :mod:`.pdf` (no PDFium here): the page furniture left
out, columns read one after the other, lines joined into paragraphs, the outline's bookmarks
placed on the lines they point at.  The rules are in :mod:`.pdf`'s docstring.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from statistics import median
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable

SENTENCE_END = re.compile(r"[。！？!?；;：:…][”’」』）)】]*$")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0003ffff]")


def is_cjk(ch: str) -> bool:
    return _CJK.match(ch) is not None


class Line(NamedTuple):
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    em: float  # the height of the first character's font box: the type size
    unit: float  # the width of the line's first unbreakable unit
    space_before: bool  # the file has a space at the line's start or the previous line's end


class Mark(NamedTuple):
    """A bookmark: its title, level (1 = top) and where it points."""

    title: str
    level: int
    page: int
    y: float | None


def rebuild(lines: list[Line], marks: list[Mark]) -> tuple[list[str], dict[int, int] | None]:
    lines = _without_furniture(lines)
    if not lines:
        return [], None
    lines, columns = _in_reading_order(lines)
    heads = _place_marks(lines, marks)
    paragraphs, first_line = _paragraphs(lines, columns, heads)
    if not heads:
        return paragraphs, None
    starts = {line: n for n, line in enumerate(first_line)}
    levels = {starts[i]: level for i, level in heads.items() if i in starts}
    return paragraphs, levels or None


# -- page furniture ----------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－―_·•.]*"
    r"(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|\d+\s*[/／]\s*\d+"
    r"|(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
    r"|共\s*\d+\s*页\s*第\s*\d+\s*页"
    r"|\d+"
    r"|[ivxlc]+)"
    r"[\s\-—–－―_·•.]*$",
    re.IGNORECASE,
)


def _without_furniture(lines: list[Line]) -> list[Line]:
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        by_page.setdefault(line.page, []).append(i)
    candidates: dict[int, str] = {}  # line index -> "top" or "bottom"
    for members in by_page.values():
        order = sorted(members, key=lambda i: -lines[i].top)
        for i in order[:2]:
            candidates[i] = "top"
        for i in order[-2:]:
            candidates.setdefault(i, "bottom")
    # the same text (digits alike) at the same height on other pages
    groups: dict[tuple[str, str], list[int]] = {}
    for i, side in candidates.items():
        key = re.sub(r"\d+", "#", "".join(lines[i].text.split()))
        groups.setdefault((side, key), []).append(i)
    pages = len(by_page)
    need = max(2, -(-pages * 3 // 10))  # on at least 30% of the pages (and two)
    furniture: set[int] = set()
    for members in groups.values():
        if len({lines[i].page for i in members}) < 2:
            continue
        for i in members:
            same = {lines[j].page for j in members if abs(lines[j].top - lines[i].top) <= 4}
            if len(same) >= need or (len(same) >= 2 and _PAGE_NUMBER.match(lines[i].text)):
                furniture.add(i)
    # a page number at the very top or bottom of its page
    for members in by_page.values():
        order = sorted(members, key=lambda i: -lines[i].top)
        for end in (order[0], order[-1]):
            if len(members) > 1 and _PAGE_NUMBER.match(lines[end].text) and len(lines[end].text) < 24:
                furniture.add(end)
    kept = [line for i, line in enumerate(lines) if i not in furniture]
    return kept or lines  # a text that is all "furniture" (one line on every page) is the text


# -- columns -----------------------------------------------------------------------------------


def _in_reading_order(lines: list[Line]) -> tuple[list[Line], list[int]]:
    """Lines page by page in reading order, and each line's column (0: the page's only one,
    1 left, 2 right)."""
    out: list[Line] = []
    columns: list[int] = []
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].page == lines[start].page:
            end += 1
        page = lines[start:end]
        gutter = _gutter(page)
        if gutter is None:
            out.extend(page)
            columns.extend([0] * len(page))
        else:
            for line, col in _by_columns(page, gutter):
                out.append(line)
                columns.append(col)
        start = end
    return out, columns


def _gutter(page: list[Line]) -> float | None:
    """The x of a gutter between two columns on this page, or None."""
    if len(page) < 10:
        return None
    lo = min(line.x0 for line in page)
    hi = max(line.x1 for line in page)
    width = hi - lo
    ends = sorted(line.x1 for line in page)
    starts = sorted(line.x0 for line in page)
    best: tuple[int, int, float] | None = None
    for x in [x1 + 0.5 for x1 in ends] + [x0 - 0.5 for x0 in starts]:
        if not lo + 0.25 * width <= x <= lo + 0.75 * width:
            continue
        left = bisect_right(ends, x)
        right = len(starts) - bisect_left(starts, x)
        crossing = len(page) - left - right
        if left < 5 or right < 5 or crossing > 0.2 * len(page):
            continue
        score = (-crossing, min(left, right), x)  # fewest lines across it (hanging punctuation
        if best is None or score > best:  # reaches into the gutter), then the most on each side
            best = score
    if best is None:
        return None
    x = best[2]
    left_side = [line for line in page if line.x1 <= x]
    right_side = [line for line in page if line.x0 >= x]
    overlap = min(max(a.top for a in left_side), max(b.top for b in right_side)) - max(
        min(a.bottom for a in left_side), min(b.bottom for b in right_side)
    )
    shorter = min(
        max(a.top for a in left_side) - min(a.bottom for a in left_side),
        max(b.top for b in right_side) - min(b.bottom for b in right_side),
    )
    return x if shorter > 0 and overlap > 0.5 * shorter else None


def _by_columns(page: list[Line], gutter: float) -> list[tuple[Line, int]]:
    """Bands between lines crossing the gutter, top to bottom; in each, the left column's
    lines (in drawing order), then the right column's."""
    crossing = sorted((line for line in page if line.x0 < gutter < line.x1), key=lambda ln: -ln.top)
    out: list[tuple[Line, int]] = []
    placed: set[int] = set()
    cuts = [line.top for line in crossing]

    def band(line: Line) -> int:
        return sum(1 for c in cuts if c > line.top)  # crossing lines above it

    by_band: dict[int, list[Line]] = {}
    for line in page:
        if not line.x0 < gutter < line.x1:
            by_band.setdefault(band(line), []).append(line)
    for n in range(len(crossing) + 1):
        members = by_band.get(n, [])
        out.extend((line, 1) for line in members if line.x1 <= gutter)
        out.extend((line, 2) for line in members if line.x0 >= gutter)
        if n < len(crossing) and id(crossing[n]) not in placed:
            placed.add(id(crossing[n]))
            out.append((crossing[n], 0))
    return out


# -- bookmarks ---------------------------------------------------------------------------------


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _place_marks(lines: list[Line], marks: list[Mark]) -> dict[int, int]:
    """line index -> level of the bookmark that starts there: on the page the bookmark points
    at, the first line at or below its height that begins with its title; else the next line
    after the previous bookmark's that does (within a few hundred lines: a hostile outline of
    thousands of entries cannot make this quadratic)."""
    if not marks:
        return {}
    pages: dict[int, range] = {}
    start = 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or lines[i].page != lines[start].page:
            pages[lines[start].page] = range(start, i)
            start = i
    squeezed = [_squeeze(line.text) for line in lines]
    heads: dict[int, int] = {}
    floor = 0
    for mark in marks:
        title = _squeeze(mark.title)
        if not title:
            continue
        pointed = list(pages.get(mark.page, ()))
        if mark.y is not None:
            below = [i for i in pointed if lines[i].top <= mark.y + 2]
            pointed = below + [i for i in pointed if lines[i].top > mark.y + 2]
        nearby = range(floor, min(len(lines), floor + 400))
        found = next((i for i in [*pointed, *nearby] if _starts_with(squeezed, i, title)), None)
        if found is not None and found not in heads:
            heads[found] = mark.level
            floor = found
    return heads


def _starts_with(squeezed: list[str], i: int, title: str) -> bool:
    """Whether the text from line ``i`` on begins with ``title`` (spaces ignored)."""
    if not title.startswith(squeezed[i][: len(title)]):
        return False
    text = ""
    while i < len(squeezed) and len(text) < len(title):
        text += squeezed[i]
        i += 1
    return text.startswith(title)


# -- paragraphs --------------------------------------------------------------------------------


def _frequent(values: Iterable[float], share: float = 0.05) -> list[float]:
    """Values (to the point) shared by at least ``share`` of them and at least 2."""
    counts: dict[int, int] = {}
    total = 0
    for v in values:
        counts[round(v)] = counts.get(round(v), 0) + 1
        total += 1
    need = max(2, int(total * share))
    return sorted(v for v, c in counts.items() if c >= need)


class _Edges(NamedTuple):
    left: float
    right: float


def _column_edges(lines: list[Line], columns: list[int]) -> dict[tuple[int, int], _Edges]:
    """The left and right edges of the text, per column and page parity (mirrored margins)."""
    groups: dict[tuple[int, int], list[Line]] = {}
    for line, col in zip(lines, columns, strict=True):
        groups.setdefault((col, line.page % 2), []).append(line)
    edges: dict[tuple[int, int], _Edges] = {}
    for key, members in groups.items():
        lefts = _frequent(line.x0 for line in members) or [min(line.x0 for line in members)]
        # the right edge: where most long lines end (exactly, in justified text; ragged text
        # stops within a character of it, and punctuation may hang past it)
        widest = max(line.x1 for line in members)
        long = sorted(line.x1 for line in members if line.x1 - lefts[0] > 0.6 * (widest - lefts[0]))
        edges[key] = _Edges(lefts[0], long[int(0.8 * (len(long) - 1))] if long else widest)
    return edges


def _pitches(lines: list[Line], columns: list[int]) -> dict[int, float]:
    """The usual distance from one line to the next, per type size (to the point)."""
    steps: dict[int, list[float]] = {}
    for (a, ca), (b, cb) in zip(
        zip(lines, columns, strict=True), zip(lines[1:], columns[1:], strict=True), strict=False
    ):
        if a.page == b.page and ca == cb and abs(a.em - b.em) < 0.5:
            step = a.bottom - b.bottom
            if 0.8 * a.em < step < 3 * a.em:
                steps.setdefault(round(a.em), []).append(step)
    return {size: _low_median(v) for size, v in steps.items()}


def _low_median(values: list[float]) -> float:
    """The median of the smaller half: the pitch inside paragraphs, not the gaps between them."""
    values = sorted(values)
    return median(values[: max(1, (len(values) + 1) // 2 + len(values) // 4)])


def _paragraphs(lines: list[Line], columns: list[int], heads: dict[int, int]) -> tuple[list[str], list[int]]:
    """Paragraph texts, and the index of each paragraph's first line."""
    edges = _column_edges(lines, columns)
    pitches = _pitches(lines, columns)
    head_ends = _head_ends(lines, heads)
    paragraphs: list[str] = []
    first_line: list[int] = []
    current = ""
    for i, line in enumerate(lines):
        if i == 0 or i in heads or (i - 1) in head_ends or _new_paragraph(lines, columns, i, edges, pitches):
            if current:
                paragraphs.append(current)
            current = line.text
            first_line.append(i)
        else:
            current = _join(current, line.text, line.space_before)
    if current:
        paragraphs.append(current)
    return paragraphs, first_line


def _head_ends(lines: list[Line], heads: dict[int, int]) -> set[int]:
    """The last line of each heading placed by a bookmark (a heading may wrap)."""
    ends = set()
    for i in heads:
        j = i
        while j + 1 < len(lines) and j + 1 not in heads and lines[j + 1].em == lines[i].em:
            if lines[j].x1 < lines[j + 1].x0 or lines[j + 1].page != lines[i].page:
                break
            width = max(lines[i].x1 - lines[i].x0, 1.0)
            if lines[j].x1 - lines[i].x0 < 0.9 * width and j > i:
                break
            if not _wraps_on(lines, j):
                break
            j += 1
        ends.add(j)
    return ends


def _wraps_on(lines: list[Line], j: int) -> bool:
    """Whether line j is full and the next line has the same size and no gap (the heading goes on)."""
    a, b = lines[j], lines[j + 1]
    step = a.bottom - b.bottom
    same_size = abs(a.em - b.em) < 0.5
    return same_size and 0 < step < 1.6 * a.em and is_cjk(a.text[-1]) and abs(a.x0 - b.x0) < a.em


def _new_paragraph(
    lines: list[Line],
    columns: list[int],
    i: int,
    edges: dict[tuple[int, int], _Edges],
    pitches: dict[int, float],
) -> bool:
    prev, line = lines[i - 1], lines[i]
    em = line.em
    if abs(prev.em - em) > 0.15 * max(prev.em, em):
        return True  # another type size: a heading, a title, a note
    left, right = edges[(columns[i], line.page % 2)]
    p_left, p_right = edges[(columns[i - 1], prev.page % 2)]
    short = p_right - prev.x1
    centred = line.x0 - left > em and abs((line.x0 - left) - (right - line.x1)) < em
    prev_full = prev.x0 - p_left < 0.5 * em and short < em
    sentence_end = SENTENCE_END.search(prev.text) is not None
    if line.x0 - left >= 1.2 * em and not (centred and prev_full and not sentence_end):
        return True  # a first-line indent (or a centred or right-aligned line)
    same_flow = prev.page == line.page and columns[i - 1] == columns[i] and prev.bottom > line.bottom
    if same_flow:
        pitch = pitches.get(round(em), 1.2 * em)
        if prev.bottom - line.bottom > 1.3 * pitch + 0.5:
            return True  # a gap between paragraphs
    if short > line.unit + 0.25 * em:
        return True  # the next line's first word would have fitted: the paragraph ended
    return sentence_end and short > 1.5 * em


def _join(text: str, more: str, space: bool) -> str:
    """Two lines of one paragraph: no space between Chinese text, one between Latin words."""
    if not text:
        return more
    a, b = text[-1], more[0]
    if space and not (is_cjk(a) and is_cjk(b)):
        return f"{text} {more}"
    if is_cjk(a) or is_cjk(b) or a in "-‐/" or not (a.isalnum() or a in ",.;:!?)") or not b.isalnum():
        return text + more
    return f"{text} {more}"
