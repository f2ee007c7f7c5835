"""The notes store is opened on a thread of its own from the first ``open_file`` on, beside the
document's reading and first paint (ui/notes_loading.EarlyStore), and handed to the notes job; a
store that cannot be opened is said as before; a window closed before its notes were read closes
the store it opened."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.storage import notes_store


@pytest.fixture
def opened_on(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each NotesStore opened: whether on the window's thread."""
    seen: list[bool] = []
    original = notes_store.NotesStore.__init__

    def init(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(threading.current_thread() is threading.main_thread())
        original(self, *args, **kwargs)

    monkeypatch.setattr(notes_store.NotesStore, "__init__", init)
    return seen


def test_the_first_documents_store_is_opened_once_off_the_window_thread(
    make_window, qtbot: QtBot, opened_on: list[bool]
) -> None:
    window = make_window()
    qtbot.waitUntil(lambda: window.notes is not None and not window.notes.marks_pending, timeout=20_000)
    assert opened_on == [False]  # one store, opened on its own thread
    assert window._early_store is None  # handed to the notes job
    assert window.notes.store is window.session.store


def test_a_store_that_cannot_be_opened_is_said(
    make_window, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app import paths
    from desktop_app.ui.notes_loading import EarlyStore

    (paths.data_dir() / notes_store.DB_NAME).mkdir(parents=True)  # a folder where the database goes
    early = EarlyStore("cannot: %s")
    store, said = early.take()
    assert store is None and len(said) == 1 and said[0].startswith("cannot: ")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    window = make_window()  # the window's own early store meets the same folder
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert window.document is not None  # the document is read all the same


def test_a_window_closed_before_its_notes_were_read_closes_the_store(qtbot: QtBot, qapp: object) -> None:
    from desktop_app.ui.notes_loading import EarlyStore

    early = EarlyStore("%s")
    store, said = early.take()
    assert store is not None and said == []
    store.close()
