"""The marks the reader paints itself (ui/reader_marks.py): where they are after the lines are
set anew, which is on top where they overlap, and text of another colour under a highlight."""

from __future__ import annotations

import random
import re
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from desktop_app.themes import THEMES, contrast, mark_colours


def _fills(reader: object) -> list[tuple[float, float, float, float, str]]:
    return sorted(
        (r.x(), r.y(), r.width(), r.height(), c.name())
        for r, c, kind in reader.mark_shapes()  # type: ignore[attr-defined]
        if kind == "fill"
    )


def _annotate(w: object, start: int, end: int, colour: str, **kw: object) -> None:
    w.reader.select_range(start, end)  # type: ignore[attr-defined]
    assert w.notes.annotate_selection(colour, **kw)  # type: ignore[attr-defined]
    w.reader.clear_selection()  # type: ignore[attr-defined]


def test_marks_follow_the_spacing_the_run_keeper_gives_a_line(
    make_window, qtbot: QtBot, tmp_path: Path
) -> None:
    """The run keeper lays a line out again in place with other letter spacing (a number or a
    Latin word kept whole) after the marks were painted: the pieces kept for the block must not
    stay where the characters were (1-2.5 px off, a highlight cutting into a glyph)."""
    rng = random.Random(4)
    words = list("认准列商对新之西斗总素些后则个按除设将传角反林照学置建国大上报世不满院次元")
    runs = ["3.14159", "COVID-19", "1,000万", "Python", "GDP", "20:09:45", "105项"]
    paragraphs = ["".join(rng.choice(words) if rng.random() > 0.08 else rng.choice(runs) for _ in range(160))]
    path = tmp_path / "runs.txt"
    path.write_text("标题\n" + "\n".join(paragraphs * 6), encoding="utf-8")
    w = make_window(path)
    w.ensure_chrome()
    text = w.document.text
    marked = 0
    for m in re.finditer(r"[0-9A-Za-z][0-9A-Za-z.,:%\-]*", text):
        a = m.end() + 3
        if a + 3 < len(text) and "\n" not in text[m.start() : a + 3] and marked < 40:
            _annotate(w, a, a + 3, "green")
            marked += 1
    reader = w.reader
    for zoom in (1.2, 1.5):
        w.set_zoom(zoom)
        qtbot.waitUntil(lambda: bool(reader.mark_shapes()), timeout=10000)
        qtbot.wait(400)  # the run keeper settles the lines on screen
        kept = _fills(reader)
        reader._mark_pieces.clear()
        assert kept == _fills(reader), f"zoom {zoom}: pieces kept from before the lines were spaced"


def test_a_short_mark_inside_a_longer_one_begun_a_paragraph_before_shows_on_top(
    make_window, qtbot: QtBot
) -> None:
    w = make_window()
    p1 = w.document.paragraphs[3]
    p2 = w.document.paragraphs[4]
    _annotate(w, p1.start + len(p1.text) // 2, p2.start + len(p2.text) // 2, "green")
    _annotate(w, p2.start, p2.start + 4, "blue")  # at the start of the next paragraph, inside
    w.reader.scroll_to_offset(p1.start)
    qtbot.waitUntil(lambda: not w.reader.marks_waiting, timeout=5000)
    blue = mark_colours(THEMES["light"], "blue").background
    green = mark_colours(THEMES["light"], "green").background
    order = [c.name() for _r, c, kind in w.reader.mark_shapes() if kind == "fill"]
    assert blue in order and green in order
    assert max(i for i, c in enumerate(order) if c == blue) > max(
        i for i, c in enumerate(order) if c == green
    )
    rect = next(r for r, c, kind in w.reader.mark_shapes() if kind == "fill" and c.name() == blue)
    image = w.reader.viewport().grab().toImage()
    assert QColor(image.pixel(rect.toRect().topLeft() + QPoint(1, 1))).name() == blue  # above the glyphs


def test_a_heading_under_a_highlight_is_drawn_in_the_text_colour_on_it(make_window, qtbot: QtBot) -> None:
    """The reader paints marks under the text; a heading's or a byline's own colour on a dark
    theme's highlight read at ~3.3:1 and ~2.6:1, so that text is drawn again in the theme's
    text colour where a highlight covers it (as Qt's selections drew it)."""
    w = make_window()
    w.set_theme("dark")
    dark = THEMES["dark"]
    heading = next(s for s in w.document.sections if s.kind != "paragraph" and not s.run_in)
    _annotate(w, heading.start, heading.start + 4, "yellow")
    w.reader.scroll_to_offset(heading.start)
    qtbot.waitUntil(lambda: not w.reader.marks_waiting, timeout=5000)
    qtbot.wait(100)
    fill = mark_colours(dark, "yellow").background
    rect = next(r for r, c, kind in w.reader.mark_shapes() if kind == "fill" and c.name() == fill).toRect()
    image = w.reader.viewport().grab().toImage()
    seen = [
        QColor(image.pixel(x, y))
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
    ]
    text_like = [c for c in seen if contrast(c.name(), dark.text) < 1.3]  # the glyphs' cores
    # the heading's own orange (#e3a07a: red well above green); the highlight (olive) and the
    # text's grey, and their blends at the glyphs' edges, have red and green close together
    orange = [c.name() for c in seen if c.red() - c.green() > 40 and c.red() > 150]
    assert text_like, "the heading's characters in the text colour on the highlight"
    assert not orange, orange[:5]
    assert contrast(dark.text, fill) >= 4.5


def test_a_notes_dashed_line_stays_on_top_where_a_heading_is_drawn_again(make_window, qtbot: QtBot) -> None:
    """The heading's text drawn again on a highlight fills its line's piece with the highlight:
    the marks' lines there (a note's dashes) are drawn once more on top, looked up by their row
    (ui/reader_marks: only the lines that reach into the piece), so none is covered."""
    w = make_window()
    w.set_theme("dark")
    heading = next(s for s in w.document.sections if s.kind != "paragraph" and not s.run_in)
    _annotate(w, heading.start, heading.start + 4, "yellow", note="要点")
    _annotate(w, heading.start + 1, heading.start + 3, "blue", style="underline")
    w.reader.scroll_to_offset(heading.start)
    qtbot.waitUntil(lambda: not w.reader.marks_waiting, timeout=5000)
    qtbot.wait(100)
    image = w.reader.viewport().grab().toImage()
    lines = [(r, c) for r, c, kind in w.reader.mark_shapes() if kind in ("dash", "line")]
    assert {c.name() for _r, c in lines} == {
        mark_colours(THEMES["dark"], "yellow").underline,
        mark_colours(THEMES["dark"], "blue").underline,
    }
    for rect, colour in lines:
        box = rect.toAlignedRect()
        seen = {
            QColor(image.pixel(x, y)).name()
            for x in range(box.left(), box.right() + 1)
            for y in range(box.top(), box.bottom() + 1)
        }
        assert colour.name() in seen, (colour.name(), sorted(seen)[:6])
