"""Fixtures for widget tests: a real main window on the real speech, in the isolated data folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.ui.app import install_translators
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import Settings


@pytest.fixture
def make_window(qtbot: QtBot, qapp: object) -> Iterator[Callable[..., MainWindow]]:
    """Build (and later close) main windows; each opens a file and waits until it is painted."""
    windows: list[MainWindow] = []
    install_translators(qapp, "zh")  # type: ignore[arg-type]

    def make(path: Path | None = None, size: tuple[int, int] = (1100, 700)) -> MainWindow:
        from desktop_app.paths import bundled_speech

        w = MainWindow(Settings())
        qtbot.addWidget(w)
        w.resize(*size)
        w.show()
        qtbot.waitExposed(w)
        with qtbot.waitSignal(w.sig_document_shown, timeout=20000):
            w.open_file(str(path or bundled_speech()))
        windows.append(w)
        return w

    yield make
    for w in windows:
        w.close()
