"""The notes store is opened by the first document's notes job, on a worker, after the first
paint (ui/notes_loading.load_marks): opened beside the paint, its imports held the speech's
first paint back (tests/ui/test_first_frame checks nothing of it is imported before); a store
that cannot be opened is said and the document still read."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.storage import notes_store


@pytest.fixture
def opened_on(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, bool]]:
    """For each NotesStore opened: (on the window's thread, the first paint already announced)."""
    seen: list[tuple[bool, bool]] = []
    original = notes_store.NotesStore.__init__
    painted = threading.Event()

    def init(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append((threading.current_thread() is threading.main_thread(), painted.is_set()))
        original(self, *args, **kwargs)

    monkeypatch.setattr(notes_store.NotesStore, "__init__", init)
    from desktop_app.ui import main_window

    first_paint = main_window.MainWindow._after_first_paint

    def after_first_paint(self):  # type: ignore[no-untyped-def]
        painted.set()
        first_paint(self)

    monkeypatch.setattr(main_window.MainWindow, "_after_first_paint", after_first_paint)
    return seen


def test_the_first_documents_store_is_opened_once_off_the_window_thread_after_the_paint(
    make_window, qtbot: QtBot, opened_on: list[tuple[bool, bool]]
) -> None:
    window = make_window()
    qtbot.waitUntil(lambda: window.notes is not None and not window.notes.marks_pending, timeout=20_000)
    assert opened_on == [(False, True)]  # one store, on a worker, once the text was on screen
    assert window.notes.store is window.session.store


def test_a_store_that_cannot_be_opened_is_said(
    make_window, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app import paths

    (paths.data_dir() / notes_store.DB_NAME).mkdir(parents=True)  # a folder where the database goes
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    window = make_window()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert window.document is not None  # the document is read all the same
    assert window.notes is not None and window.notes.store is None


def test_todays_backup_is_made_after_the_notes_are_shown(
    make_window, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window does not wait for the day's backup (32-40 ms for 10,000 notes): when the
    notes reach it the backup is not there yet; it is made on a worker afterwards."""
    from desktop_app import paths
    from desktop_app.storage import backups
    from desktop_app.ui import notes_feature

    daily = backups.daily_path(paths.data_dir() / "backups")
    at_adopt: list[bool] = []
    adopt = notes_feature.NotesFeature.adopt

    def watched(self, loaded):  # type: ignore[no-untyped-def]
        at_adopt.append(daily.exists())
        adopt(self, loaded)

    monkeypatch.setattr(notes_feature.NotesFeature, "adopt", watched)
    window = make_window()
    qtbot.waitUntil(daily.exists, timeout=20_000)
    assert at_adopt == [False]
    assert backups.verify_backup(daily)
    assert window.notes is not None and not window.notes.store.backup_due
