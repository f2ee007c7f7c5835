"""Colours of the themes: every mark readable (WCAG contrast, computed), the current find match
the strongest mark, the system choice resolved; and the formats the reading view really applies."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCharFormat
from pytestqt.qtbot import QtBot

from desktop_app import themes
from desktop_app.core.annotations import COLORS
from desktop_app.themes import THEMES, contrast, find_colours, mark_colours

ALL = [(t, c) for t in THEMES.values() for c in COLORS]
IDS = [f"{t.key}-{c.key}" for t, c in ALL]


def delta_e(a: str, b: str) -> float:
    """CIE76 colour difference in CIELAB (D65): about 2 is just noticeable, 20+ plainly different."""

    def lab(colour: str) -> tuple[float, float, float]:
        q = QColor(colour)

        def lin(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b_ = lin(q.redF()), lin(q.greenF()), lin(q.blueF())
        x = (0.4124 * r + 0.3576 * g + 0.1805 * b_) / 0.95047
        y = 0.2126 * r + 0.7152 * g + 0.0722 * b_
        z = (0.0193 * r + 0.1192 * g + 0.9505 * b_) / 1.08883

        def f(t: float) -> float:
            return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

        return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))

    la, lb = lab(a), lab(b)
    return sum((p - q) ** 2 for p, q in zip(la, lb, strict=True)) ** 0.5


def test_contrast_is_wcags() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-fails grey
    assert contrast("#ffffff", "#777777") == contrast("#777777", "#ffffff")
    # the defect as reported: light text on the old dark-theme yellow (#FFE066 at alpha 170) ~1.8:1
    old = themes.blend("#FFE066", 170, THEMES["dark"].background)
    assert contrast(THEMES["dark"].text, old) == pytest.approx(1.8, abs=0.05)


@pytest.mark.parametrize(("t", "c"), ALL, ids=IDS)
def test_text_on_every_highlight_reads(t, c) -> None:
    m = mark_colours(t, c.key)
    assert m == mark_colours(t, c.hex)  # a key or the colour stored with the mark: the same
    assert m.text == t.text
    assert contrast(m.text, m.background) >= themes.TEXT_CONTRAST
    assert QColor(m.background).alpha() == 255  # opaque: what is tested is what is seen


@pytest.mark.parametrize(("t", "c"), ALL, ids=IDS)
def test_underline_stands_out_from_page_and_highlight(t, c) -> None:
    m = mark_colours(t, c.key)
    assert contrast(m.underline, t.background) >= themes.MARK_CONTRAST  # an underline mark
    assert contrast(m.underline, m.background) >= themes.MARK_CONTRAST  # a note on a highlight


@pytest.mark.parametrize("t", THEMES.values(), ids=list(THEMES))
def test_highlights_show_and_differ(t) -> None:
    """Readable must not mean invisible: each highlight shows on the page (sepia paper is
    yellowish), and no two colours, nor a colour and the selection, look alike."""
    backgrounds = {c.key: mark_colours(t, c.key).background for c in COLORS}
    assert contrast(t.text, t.selection) >= themes.TEXT_CONTRAST
    for key, bg in backgrounds.items():
        assert delta_e(bg, t.background) >= 20, key
        assert delta_e(bg, t.selection) >= 10, key  # selecting over a highlight shows
    for a, b in itertools.combinations(backgrounds, 2):
        assert delta_e(backgrounds[a], backgrounds[b]) >= 10, (a, b)


@pytest.mark.parametrize("t", THEMES.values(), ids=list(THEMES))
def test_current_find_match_is_the_strongest_mark(t) -> None:
    f = find_colours(t)
    assert contrast(f.match_text, f.match) >= themes.TEXT_CONTRAST
    assert contrast(f.current_text, f.current) >= themes.TEXT_CONTRAST
    others = [f.match, *(mark_colours(t, c.key).background for c in COLORS)]
    for other in others:  # it stands out from the page more than anything else drawn on it
        assert contrast(f.current, t.background) > contrast(other, t.background), other
        assert delta_e(f.current, t.background) > delta_e(other, t.background), other
    for other in [*others, t.selection]:  # and looks like none of them
        assert delta_e(f.current, other) >= 20, other
    for c in COLORS:  # a find match is not mistaken for a highlight either
        assert delta_e(f.match, mark_colours(t, c.key).background) >= 15, c.key


def test_unknown_colour_or_theme_falls_back() -> None:
    assert themes.theme("no-such-theme") == THEMES[themes.DEFAULT_THEME]
    light = THEMES["light"]
    assert mark_colours(light, "not a colour") == mark_colours(light, "yellow")
    assert mark_colours(light, "#abc") == mark_colours(light, "#aabbcc")


class _Hints:
    def __init__(self, scheme: Qt.ColorScheme) -> None:
        self.scheme = scheme

    def colorScheme(self) -> Qt.ColorScheme:  # Qt's name
        return self.scheme


@pytest.mark.parametrize(("scheme", "key"), [(Qt.ColorScheme.Dark, "dark"), (Qt.ColorScheme.Light, "light")])
def test_system_choice_follows_the_colour_scheme(qapp, monkeypatch, scheme, key) -> None:
    # the system's setting is outside the program (and the offscreen platform has none)
    monkeypatch.setattr(QGuiApplication, "styleHints", staticmethod(lambda: _Hints(scheme)))
    assert themes.theme(themes.SYSTEM).key == key


def test_system_choice_without_a_scheme_reads_the_palette(qapp) -> None:
    assert QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Unknown  # offscreen says nothing
    themes.apply_to_application(THEMES["light"])  # the system's own palette (earlier tests set ours)
    before = QGuiApplication.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    light = QPalette(before)
    light.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
    try:
        QGuiApplication.setPalette(dark)  # as a dark desktop hands it over
        assert themes.theme(themes.SYSTEM).key == "dark"
        themes.apply_to_application(THEMES["dark"])  # our dark palette on, then back to light:
        themes.apply_to_application(THEMES["light"])  # the system's palette is what is read
        assert themes.theme(themes.SYSTEM).key == "dark"
        QGuiApplication.setPalette(light)
        assert themes.theme(themes.SYSTEM).key == "light"
        themes.apply_to_application(THEMES["dark"])  # our dark palette on: the system's still counts
        assert QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert themes.theme(themes.SYSTEM).key == "light"
    finally:
        themes.apply_to_application(THEMES["light"])
        QGuiApplication.setPalette(before)


# --- what the reading view applies ---------------------------------------------------------------
def _shown(fmt: QTextCharFormat, page: str, text: str) -> tuple[str, str]:
    """The background as seen (its alpha blended over the page) and the text colour on it."""
    brush = fmt.background().color()
    seen = themes.blend(brush.name(), brush.alpha(), page)
    has_fg = fmt.hasProperty(QTextCharFormat.Property.ForegroundBrush)
    return seen, fmt.foreground().color().name() if has_fg else text


def test_dark_theme_marks_as_drawn_are_readable(make_window, qtbot: QtBot) -> None:
    from tests.ui.test_notes import select_text

    w = make_window()
    w.set_theme("dark")
    dark = THEMES["dark"]
    words = ["踩准点", "发好力", "抓队伍", "中心工作", "融合", "党支部", "服务"]
    for word, c in zip(words, COLORS, strict=False):
        select_text(w, word)
        w.notes.annotate_selection(c.key)
    select_text(w, words[-1])
    w.notes.annotate_selection("blue", "underline", note="一条批注")
    w.open_find_bar()
    w.find_bar.edit.setText("党建")
    qtbot.waitUntil(lambda: w.find_bar.current >= 0, timeout=3000)
    current = w.find_bar.matches[w.find_bar.current]

    found = w.reader.extraSelections()  # the find results: Qt's selections, text coloured too
    assert len(found) == len(w.find_bar.matches)
    strength: dict[tuple[int, int], float] = {}
    for s in found:
        seen, fg = _shown(s.format, dark.background, dark.text)
        span = (s.cursor.selectionStart(), s.cursor.selectionEnd())
        assert contrast(fg, seen) >= 4.5, (span, fg, seen)
        strength[span] = contrast(seen, dark.background)
    assert strength[current] == max(strength.values())
    assert sorted(strength.values()).count(strength[current]) == 1

    # the marks, painted by the reader under the text (the theme's text colour on them)
    w.reader.scroll_to_offset(w.document.text.index("党支部"))
    qtbot.waitUntil(lambda: bool(w.reader.mark_shapes()), timeout=3000)
    shapes = w.reader.mark_shapes()
    fills = {colour.name() for _rect, colour, kind in shapes if kind == "fill"}
    assert fills and fills <= {mark_colours(dark, c.key).background for c in COLORS}
    for colour in fills:
        assert contrast(dark.text, colour) >= 4.5, colour
    w.reader.scroll_to_offset(w.document.text.index("服务"))  # the note
    qtbot.waitUntil(lambda: any(kind == "dash" for _r, _c, kind in w.reader.mark_shapes()), timeout=3000)
    lines = [(rect, colour) for rect, colour, kind in w.reader.mark_shapes() if kind == "dash"]
    for _rect, colour in lines:
        assert contrast(colour.name(), dark.background) >= 3.0
    w.reader.scroll_to_offset(w.document.text.index("党支部"))
    qtbot.waitUntil(lambda: any(kind == "fill" for _r, _c, kind in w.reader.mark_shapes()), timeout=3000)
    image = w.reader.viewport().grab().toImage()  # and they are on the screen, under the text
    rect, colour, _kind = next(s for s in w.reader.mark_shapes() if s[2] == "fill")
    corner = rect.toRect().topLeft() + QPoint(1, 1)
    assert QColor(image.pixel(corner)).name() == colour.name()

    # the theme changes back: the marks are drawn in the light theme's colours again
    w.set_theme("light")
    light_marks = {mark_colours(THEMES["light"], c.key).background for c in COLORS}
    seen = {colour.name() for _rect, colour, kind in w.reader.mark_shapes() if kind == "fill"}
    assert seen and seen <= light_marks


@pytest.mark.parametrize("t", THEMES.values(), ids=lambda t: t.key)
def test_mark_colours_worked_out_in_advance_are_what_it_computes(t, monkeypatch: pytest.MonkeyPatch) -> None:
    computed = {c.key: themes._work_out_mark_colours(t, c.hex) for c in COLORS}
    for c in COLORS:
        worked_out = themes.MARKS_WORKED_OUT[(t.key, t.background, t.text, c.hex.lower())]
        assert worked_out == (computed[c.key].background, computed[c.key].underline)
    themes._mark_cache.clear()  # the table answers, by key or by colour in either case
    calls: list[object] = []
    monkeypatch.setattr(themes, "_work_out_mark_colours", lambda *a: calls.append(a))
    for c in COLORS:
        for colour in (c.key, c.hex, c.hex.lower()):
            assert mark_colours(t, colour) == computed[c.key]
    assert calls == []
    themes._mark_cache.clear()
