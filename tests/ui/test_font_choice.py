"""The reading fonts are chosen for the text's characters only where the system has a Chinese
font of its own, and those characters are gathered on the worker that reads the file, never on
the window's thread (``set()`` of a 10 MB text: 0.07-0.15 s; issue 14)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.core.document import Document
from desktop_app.ui import fonts

BODY = "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。\n"


def large_text(tmp_path: Path) -> Path:
    path = tmp_path / "大文件.txt"
    path.write_text("关于加强学习的报告\n" + BODY * 6000, encoding="utf-8")  # ~700 KB: read on a worker
    return path


@pytest.fixture
def gathered(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each time a document's characters are gathered: whether on the window's thread."""
    seen: list[bool] = []
    original = Document.characters

    def characters(self: Document) -> frozenset[str]:
        if self._cache_characters is None:
            seen.append(threading.current_thread() is threading.main_thread())
        return original(self)

    monkeypatch.setattr(Document, "characters", characters)
    return seen


def test_with_no_chinese_font_of_its_own_the_text_is_not_looked_through(
    make_window, tmp_path: Path, qtbot: QtBot, gathered: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    # as on this test machine, which has none (earlier tests in the same run may add one)
    monkeypatch.setattr(fonts, "system_cjk_family", lambda: None)
    window = make_window(large_text(tmp_path))
    assert window._families == (fonts.load_bundled_font(),)
    assert gathered == []


def test_with_a_chinese_font_of_its_own_the_characters_are_gathered_off_the_window_thread(
    make_window, tmp_path: Path, qtbot: QtBot, gathered: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = fonts.load_bundled_font()
    monkeypatch.setattr(fonts, "system_cjk_family", lambda: bundled)  # as if installed
    window = make_window(large_text(tmp_path))
    assert gathered == [False]  # once, on the worker
    assert window.document.characters() == frozenset(window.document.text)
