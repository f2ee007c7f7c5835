"""The clock going backwards, and clocks that disagree: the newest-wins merge of import.

Import merges by id and keeps the version with the later ``modified`` timestamp
(desktop_app/export/importer.py ``_newer``); the store stamps an edit with the current time
(desktop_app/storage/notes_store.py ``update``).  The clock is the one thing faked here (both
modules' ``now_iso``); stores, exports and imports are real.

What the code does (the tests say it precisely):
* clocks right, either way round, and time zones mixed (``+08:00`` against ``Z``): the later edit wins;
* the clock set back on one PC after an edit (NTP correction, a dead CMOS battery), or a second
  PC whose clock is behind: an edit is stamped no earlier than the version it replaced (plus a
  millisecond: core.annotations.stamp_after), so the later edit still wins the merge.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.core import annotations as annotations_module
from desktop_app.core.annotations import new_annotation
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.export import ExportOptions, apply_import, export_notes, plan_import
from desktop_app.storage.notes_store import NotesStore
from tests.conftest import SPEECH

T0 = datetime(2025, 1, 1, 10, 0, tzinfo=UTC)


class Clock:
    """The wall clock as each PC sees it; ``at(t)`` sets it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = T0
        monkeypatch.setattr(annotations_module, "now_iso", self.iso)  # (stamp_after's too)

    def iso(self) -> str:
        return self.now.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def at(self, t: datetime) -> None:
        self.now = t


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def speech() -> Document:
    return load_document(SPEECH)


def _store(tmp_path: Path, name: str) -> NotesStore:
    folder = tmp_path / name
    folder.mkdir()
    return NotesStore(folder / "notes.sqlite3")


def _export(store: NotesStore, doc: Document, out: Path) -> Path:
    doc_id = store.open_document(doc)
    opts = ExportOptions(format="json", include_bookmarks=True)
    return export_notes(doc, store.annotations(doc_id), store.bookmarks(doc_id), opts, out)


def _import(store: NotesStore, doc: Document, path: Path) -> str:
    plan = plan_import(store, doc, path)
    apply_import(store, plan)
    (a,) = store.annotations(store.open_document(doc))
    return a.note


def _edit(store: NotesStore, doc: Document, note: str) -> None:
    (a,) = store.annotations(store.open_document(doc))
    store.update(replace(a, note=note))


def _pcs(tmp_path: Path, speech: Document, clock: Clock) -> tuple[NotesStore, NotesStore, Path]:
    """PC A makes a note at T0 and hands it to PC B (export, import)."""
    a, b = _store(tmp_path, "pc-a"), _store(tmp_path, "pc-b")
    clock.at(T0)
    a.add(new_annotation(speech, 100, 120, note="A 的原稿", doc_id=a.open_document(speech)))
    handed = _export(a, speech, tmp_path / "from-a.json")
    clock.at(T0 + timedelta(minutes=1))
    assert _import(b, speech, handed) == "A 的原稿"
    return a, b, handed


def test_clocks_that_agree_the_later_edit_wins_both_ways(
    tmp_path: Path, speech: Document, clock: Clock
) -> None:
    a, b, _ = _pcs(tmp_path, speech, clock)
    try:
        clock.at(T0 + timedelta(minutes=5))
        _edit(b, speech, "B 改过")
        assert _import(a, speech, _export(b, speech, tmp_path / "from-b.json")) == "B 改过"
        clock.at(T0 + timedelta(minutes=9))
        _edit(a, speech, "A 又改")
        assert _import(b, speech, _export(a, speech, tmp_path / "from-a2.json")) == "A 又改"
        # an older file never overwrites a newer note
        assert _import(b, speech, tmp_path / "from-b.json") == "A 又改"
    finally:
        a.close()
        b.close()


def test_time_zones_are_compared_as_instants(tmp_path: Path, speech: Document, clock: Clock) -> None:
    a, b, handed = _pcs(tmp_path, speech, clock)
    try:
        clock.at(T0 + timedelta(minutes=30))
        _edit(a, speech, "A 在 10:30Z 改过")
        text = handed.read_text(encoding="utf-8")
        # the same note edited at 18:20 in Beijing (10:20Z: earlier) and at 18:40 (10:40Z: later)
        earlier = text.replace('"A 的原稿"', '"北京 18:20"').replace(
            '"modified": "2025-01-01T10:00:00.000Z"', '"modified": "2025-01-01T18:20:00+08:00"'
        )
        later = text.replace('"A 的原稿"', '"北京 18:40"').replace(
            '"modified": "2025-01-01T10:00:00.000Z"', '"modified": "2025-01-01T18:40:00+08:00"'
        )
        (tmp_path / "earlier.json").write_text(earlier, encoding="utf-8")
        (tmp_path / "later.json").write_text(later, encoding="utf-8")
        assert _import(a, speech, tmp_path / "earlier.json") == "A 在 10:30Z 改过"
        assert _import(a, speech, tmp_path / "later.json") == "北京 18:40"
    finally:
        a.close()
        b.close()


def test_a_clock_set_back_on_one_pc_does_not_let_an_older_version_win(
    tmp_path: Path, speech: Document, clock: Clock
) -> None:
    """10:00 the note is made and sent; 10:05 it is edited; the clock is then set back an hour;
    at (real) 10:20 it is edited again, stamped 09:20.  Importing the 10:05 export again (a copy
    on a USB stick) must not bring the 10:05 text back over the 10:20 one."""
    a, b, _ = _pcs(tmp_path, speech, clock)
    try:
        clock.at(T0 + timedelta(minutes=5))
        _edit(a, speech, "10:05 的修改")
        usb = _export(a, speech, tmp_path / "usb.json")
        clock.at(T0 + timedelta(minutes=20) - timedelta(hours=1))  # the clock goes back an hour
        _edit(a, speech, "10:20 的修改（时钟慢了一小时）")
        (note,) = a.annotations(a.open_document(speech))
        assert note.modified > "2025-01-01T10:05"  # stamped after the version it replaced
        assert _import(a, speech, usb) == "10:20 的修改（时钟慢了一小时）"
    finally:
        a.close()
        b.close()


def test_an_edit_on_a_pc_whose_clock_is_behind_is_not_lost(
    tmp_path: Path, speech: Document, clock: Clock
) -> None:
    """PC B's clock is an hour behind: it receives A's 10:00 note and edits it at (real) 10:30,
    stamped 09:30.  Sent back to A, that edit must replace A's unedited 10:00 note."""
    a, b, _ = _pcs(tmp_path, speech, clock)
    try:
        clock.at(T0 + timedelta(minutes=30) - timedelta(hours=1))
        _edit(b, speech, "B 的修改（B 的时钟慢一小时）")
        assert (
            _import(a, speech, _export(b, speech, tmp_path / "from-b.json")) == "B 的修改（B 的时钟慢一小时）"
        )
    finally:
        a.close()
        b.close()
