"""Reading themes: light, dark and 护眼 (sepia)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Theme:
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
