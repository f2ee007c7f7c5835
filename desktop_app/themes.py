"""Reading themes (light, dark, 护眼 sepia, or the system's choice) and the colours of marks.

The colours of highlights, note underlines and find marks are decided here, per theme,
so that they stay readable (WCAG 2 contrast, computed): the text on every highlight at
least 4.5:1, an underline at least 3:1 against what it is drawn on, and the current find
match the strongest mark on the screen.  ``tests/ui/test_themes.py`` computes them all.

This module is imported before the first paint: it imports nothing at the top and
computes colours only when they are first asked for (after the first paint).
"""

from __future__ import annotations

from typing import NamedTuple


class Theme(NamedTuple):  # a NamedTuple, not a dataclass: made at start-up, and ten times faster
    key: str
    background: str
    text: str
    heading: str
    muted: str
    selection: str


THEMES: dict[str, Theme] = {
    "light": Theme("light", "#fbfbf8", "#1f1f1f", "#7a1f1f", "#6b6b6b", "#99bfeb"),
    "dark": Theme("dark", "#1e1f22", "#d7d7d2", "#e3a07a", "#9a9a94", "#485a78"),
    "sepia": Theme("sepia", "#f3e9d2", "#3b2f22", "#8a3b12", "#7d6b55", "#d9c39a"),
}
DEFAULT_THEME = "light"
SYSTEM = "system"  # a choice, not a theme: light or dark as the system is set
THEME_CHOICES = (*THEMES, SYSTEM)

TEXT_CONTRAST = 4.5  # WCAG AA for body text
MARK_CONTRAST = 3.0  # WCAG AA for graphics (an underline, the note dot)
# A margin over the thresholds for the colours computed here: a rounding or a slightly
# different screen must not tip them under.
_TEXT_TARGET = 5.0
_LINE_TARGET = 3.5


def theme(key: str) -> Theme:
    """The theme for a stored choice: ``system`` is resolved; an unknown key is the default."""
    if key == SYSTEM:
        return THEMES["dark" if system_is_dark() else "light"]
    return THEMES.get(key, THEMES[DEFAULT_THEME])


def system_is_dark() -> bool:
    """Whether the system asks for dark colours (Qt's colour scheme; else its palette).

    Touches PySide's ``Qt`` namespace (see first_frame): only a start with the choice
    ``system`` pays for it.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QPalette

    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    # No answer (an X11 desktop without a portal): the system's palette (saved while ours is on)
    saved = app.property("yandu_default_palette")
    palette = saved if isinstance(saved, QPalette) else QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def apply_to_application(t: Theme) -> None:
    """Colour the whole window (menus, tree, status bar) to match the reading theme."""
    from PySide6.QtGui import QColor, QGuiApplication, QPalette

    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    if t.key == DEFAULT_THEME:
        saved = app.property("yandu_default_palette")
        if saved is not None:  # the system's palette again (system_is_dark reads it)
            QGuiApplication.setPalette(saved)
            app.setProperty("yandu_default_palette", None)
        return
    if app.property("yandu_default_palette") is None:
        app.setProperty("yandu_default_palette", QGuiApplication.palette())
    dark = t.key == "dark"
    pal = QPalette()
    panel = QColor(t.background).darker(112 if not dark else 90)
    roles = {
        QPalette.ColorRole.Window: panel,
        QPalette.ColorRole.Base: QColor(t.background),
        QPalette.ColorRole.AlternateBase: panel,
        QPalette.ColorRole.Button: panel,
        QPalette.ColorRole.Text: QColor(t.text),
        QPalette.ColorRole.WindowText: QColor(t.text),
        QPalette.ColorRole.ButtonText: QColor(t.text),
        QPalette.ColorRole.ToolTipBase: QColor(t.background),
        QPalette.ColorRole.ToolTipText: QColor(t.text),
        QPalette.ColorRole.Highlight: QColor(t.selection),
        QPalette.ColorRole.HighlightedText: QColor(t.text),
        QPalette.ColorRole.PlaceholderText: QColor(t.muted),
    }
    for role, colour in roles.items():
        pal.setColor(role, colour)
    # Disabled controls (a 删除 button with nothing selected) must look disabled: their text
    # half-way into the background, in every role a widget may draw it with.
    faded = QColor(blend(t.text, 110, t.background))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.HighlightedText,
        QPalette.ColorRole.PlaceholderText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, faded)
    link = "#8ab4f8" if dark else "#1d4f91"  # readable links (the guide, the about box)
    pal.setColor(QPalette.ColorRole.Link, QColor(link))
    pal.setColor(QPalette.ColorRole.LinkVisited, QColor(link))
    QGuiApplication.setPalette(pal)


# --- contrast (WCAG 2) ----------------------------------------------------------------------
def _rgb(colour: str) -> tuple[int, int, int]:
    h = colour.strip().lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    try:
        value = int(h[:6], 16) if len(h) >= 6 else -1
    except ValueError:
        value = -1
    if value < 0:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def _hex(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(v))):02x}" for v in (r, g, b))


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB ``#rrggbb`` colour (0 black - 1 white)."""

    def linear(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb(colour)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 - 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def blend(colour: str, alpha: int, over: str) -> str:
    """``colour`` with opacity ``alpha`` (0-255) painted over ``over``, as an opaque colour."""
    a = alpha / 255
    top, below = _rgb(colour), _rgb(over)
    return _hex(*(t * a + u * (1 - a) for t, u in zip(top, below, strict=True)))


def _with_lightness(colour: str, saturation: float | None, fits: object, darker: bool) -> str:
    """``colour``'s hue at the lightness nearest its own (going darker or lighter) that
    ``fits`` (a predicate on the candidate colour); black or white if none does."""
    import colorsys

    r, g, b = (v / 255 for v in _rgb(colour))
    hue, lightness, sat = colorsys.rgb_to_hls(r, g, b)
    sat = sat if saturation is None else saturation
    steps = 200
    for i in range(steps + 1):
        lum = lightness * (1 - i / steps) if darker else lightness + (1 - lightness) * i / steps
        candidate = _hex(*(v * 255 for v in colorsys.hls_to_rgb(hue, lum, sat)))
        if fits(candidate):  # type: ignore[operator]
            return candidate
    return "#000000" if darker else "#ffffff"


# --- marks ----------------------------------------------------------------------------------
class MarkColours(NamedTuple):
    """How a highlight colour is drawn in a theme (opaque ``#rrggbb`` colours)."""

    background: str  # the highlight, as it looks over the page
    text: str  # the text on it (the theme's body text, headings included: muted would not do)
    underline: str  # a note's underline and dot, and an underline-style mark


# Light themes show the highlight colours as they are, partly see-through (as before).
# Sepia paper is itself yellowish: the colours go on thicker there, or yellow and orange
# would hardly show.  The dark theme cannot show pale colours under light text at all:
# there each is a dark tone of its hue (saturation below), as light as the text allows.
_HIGHLIGHT_ALPHA = {"light": 170, "sepia": 210}
_DARK_SATURATION = 0.5
_mark_cache: dict[tuple[str, str], MarkColours] = {}
# (theme, its background, its text, colour in lower case) -> (background, underline) as
# mark_colours works them out for the built-in themes and colours: ~1 ms a colour, on the first
# paint of a document's marks otherwise.  tests/ui/test_themes.py keeps it equal to what is
# computed.
MARKS_WORKED_OUT: dict[tuple[str, str, str, str], tuple[str, str]] = {
    ("light", "#fbfbf8", "#1f1f1f", "#ffe066"): ("#fee997", "#947600"),
    ("light", "#fbfbf8", "#1f1f1f", "#a8e6a1"): ("#c4edbe", "#2e8624"),
    ("light", "#fbfbf8", "#1f1f1f", "#9ccbff"): ("#bcdbfd", "#006ae0"),
    ("light", "#fbfbf8", "#1f1f1f", "#ffb3c8"): ("#fecbd8", "#dd003d"),
    ("light", "#fbfbf8", "#1f1f1f", "#d4b8ff"): ("#e1cefd", "#883bff"),
    ("light", "#fbfbf8", "#1f1f1f", "#ffc78a"): ("#fed8af", "#b15c00"),
    ("dark", "#1e1f22", "#d7d7d2", "#ffe066"): ("#635621", "#ffe066"),
    ("dark", "#1e1f22", "#d7d7d2", "#a8e6a1"): ("#276221", "#a8e6a1"),
    ("dark", "#1e1f22", "#d7d7d2", "#9ccbff"): ("#2e5989", "#9ccbff"),
    ("dark", "#1e1f22", "#d7d7d2", "#ffb3c8"): ("#97324e", "#ffb3c8"),
    ("dark", "#1e1f22", "#d7d7d2", "#d4b8ff"): ("#6a3bb2", "#d4b8ff"),
    ("dark", "#1e1f22", "#d7d7d2", "#ffc78a"): ("#744f27", "#ffc78a"),
    ("sepia", "#f3e9d2", "#3b2f22", "#ffe066"): ("#fde279", "#917300"),
    ("sepia", "#f3e9d2", "#3b2f22", "#a8e6a1"): ("#b5e7aa", "#2c8022"),
    ("sepia", "#f3e9d2", "#3b2f22", "#9ccbff"): ("#abd0f7", "#0063d0"),
    ("sepia", "#f3e9d2", "#3b2f22", "#ffb3c8"): ("#fdbdca", "#d2003a"),
    ("sepia", "#f3e9d2", "#3b2f22", "#d4b8ff"): ("#d9c1f7", "#7e29ff"),
    ("sepia", "#f3e9d2", "#3b2f22", "#ffc78a"): ("#fdcd97", "#a95800"),
}


def _colour_hex(colour: str) -> str:
    """``#rrggbb`` for a colour key (``yellow``) or a colour; yellow for anything unknown."""
    from desktop_app.core.annotations import COLOR_BY_KEY, DEFAULT_COLOR

    if colour in COLOR_BY_KEY:
        return COLOR_BY_KEY[colour].hex
    try:
        return _hex(*_rgb(colour))
    except ValueError:
        return COLOR_BY_KEY[DEFAULT_COLOR].hex


def mark_colours(t: Theme, colour: str) -> MarkColours:
    """The colours of a highlight of ``colour`` (key or ``#rrggbb``) in theme ``t``."""
    cached = _mark_cache.get((t.key, colour))  # as asked (a paint asks hundreds of times)
    if cached is not None:
        return cached
    hexed = _colour_hex(colour)
    cached = _mark_cache.get((t.key, hexed))
    if cached is not None:
        _mark_cache[(t.key, colour)] = cached
        return cached
    known = MARKS_WORKED_OUT.get((t.key, t.background, t.text, hexed.lower()))
    if known is not None:
        result = _mark_cache[(t.key, hexed)] = _mark_cache[(t.key, colour)] = MarkColours(
            known[0], t.text, known[1]
        )
        return result
    result = _mark_cache[(t.key, colour)] = _work_out_mark_colours(t, hexed)
    return result


def _work_out_mark_colours(t: Theme, hexed: str) -> MarkColours:
    dark = relative_luminance(t.background) < relative_luminance(t.text)
    if dark:
        background = _with_lightness(
            hexed, _DARK_SATURATION, lambda c: contrast(t.text, c) >= _TEXT_TARGET, darker=True
        )
    else:
        background = blend(hexed, _HIGHLIGHT_ALPHA.get(t.key, 170), t.background)
        if contrast(t.text, background) < _TEXT_TARGET:  # a paler paper could need it
            background = _with_lightness(
                background, None, lambda c: contrast(t.text, c) >= _TEXT_TARGET, darker=False
            )
    # The underline is drawn on the page (an underline mark) or on the highlight (a note):
    # it must stand out from both.  Dark themes lighten it, light ones darken it.
    underline = _with_lightness(
        hexed,
        None,
        lambda c: min(contrast(c, t.background), contrast(c, background)) >= _LINE_TARGET,
        darker=not dark,
    )
    result = MarkColours(background, t.text, underline)
    _mark_cache[(t.key, hexed)] = result
    return result


class FindColours(NamedTuple):
    """The find bar's marks in a theme: every match, and the current one (strongest)."""

    match: str
    match_text: str
    current: str
    current_text: str


# Saturated yellow and orange, as browsers mark found text: stronger than any pale
# highlight and far from the selection blue.  In the dark theme both are bright, with
# dark text on them, so they stand out from the dark highlight tones.
_FIND = {
    "light": ("#ffe14d", None, "#ff7b2e", None),
    "sepia": ("#ffe84a", None, "#ff7b2e", None),
    "dark": ("#ac8e2e", "background", "#ff9232", "background"),
}


def find_colours(t: Theme) -> FindColours:
    match, match_text, current, current_text = _FIND.get(t.key, _FIND[DEFAULT_THEME])
    text = {None: t.text, "background": t.background}
    return FindColours(match, text[match_text], current, text[current_text])
