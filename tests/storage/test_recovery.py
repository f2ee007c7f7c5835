"""Damaged databases, backups, read-only folders, a full disk, a busy database: nothing saved is lost."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop_app.core import messages
from desktop_app.core.annotations import new_annotation
from desktop_app.core.document import Document
from desktop_app.storage import backups as bk
from desktop_app.storage.db import connect, error_kind
from desktop_app.storage.notes_store import NotesStore, StorageError


def _fill(doc: Document, n: int = 50) -> tuple[str, list[str]]:
    """A store with ``n`` notes, closed (so today's backup holds them); (doc_id, ids)."""
    with NotesStore() as s:
        doc_id = s.open_document(doc)
        ids = [s.add(new_annotation(doc, i * 10, i * 10 + 8, note="备份 " * 40)).id for i in range(n)]
    return doc_id, ids


def _integrity(path: Path) -> str:
    c = sqlite3.connect(path)
    try:
        return c.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        c.close()


def _truncate(db: Path) -> None:
    with db.open("r+b") as f:
        f.truncate(db.stat().st_size // 2)


def _garbage(db: Path) -> None:
    with db.open("r+b") as f:
        f.seek(4096 * 2)
        f.write(bytes(range(256)) * 40)


def _header(db: Path) -> None:
    with db.open("r+b") as f:
        f.write(b"\x00garbage" * 12)


def _not_a_database(db: Path) -> None:
    db.write_text("这不是数据库，只是一段文字。" * 100, encoding="utf-8")


def _empty(db: Path) -> None:
    db.write_bytes(b"")


@pytest.mark.parametrize("damage", [_truncate, _garbage, _header, _not_a_database, _empty])
def test_damaged_database_is_moved_aside_and_restored_from_backup(
    damage, speech_doc: Document, isolated_user_data: Path
) -> None:  # type: ignore[no-untyped-def]
    doc_id, ids = _fill(speech_doc)
    db = isolated_user_data / "notes.sqlite3"
    damage(db)
    damaged = db.read_bytes()
    with NotesStore() as s:
        assert len(s.notices) == 1
        assert (
            "已从" in s.notices[0] and "备份中恢复" in s.notices[0] and "损坏的文件没有删除" in s.notices[0]
        )
        assert s.open_document(speech_doc) == doc_id
        assert {a.id for a in s.annotations(doc_id)} == set(ids)
        s.add(new_annotation(speech_doc, 0, 4))  # and it works
    [aside] = list(isolated_user_data.glob("notes.sqlite3.corrupt-*"))
    assert aside.name in s.notices[0] and aside.read_bytes() == damaged  # kept, not deleted
    assert _integrity(db) == "ok"


def test_newest_backup_damaged_falls_back_to_an_older_one(
    speech_doc: Document, isolated_user_data: Path
) -> None:
    doc_id, _ids = _fill(speech_doc, 5)
    folder = isolated_user_data / "backups"
    today = bk.daily_path(folder)
    older = bk.daily_path(folder, date.today() - timedelta(days=1))
    shutil.copyfile(today, older)
    os.utime(older, (today.stat().st_mtime - 86400,) * 2)
    _truncate(today)
    _not_a_database(isolated_user_data / "notes.sqlite3")
    with NotesStore() as s:
        assert (date.today() - timedelta(days=1)).isoformat() in s.notices[0]
        assert len(s.annotations(doc_id)) == 5


def test_no_backup_starts_empty_and_keeps_the_damaged_file(isolated_user_data: Path) -> None:
    db = isolated_user_data / "notes.sqlite3"
    _not_a_database(db)
    with NotesStore() as s:
        assert len(s.notices) == 1 and "没有可用的备份" in s.notices[0]
        assert s.documents() == []
    assert len(list(isolated_user_data.glob("notes.sqlite3.corrupt-*"))) == 1


def test_notices_in_english(isolated_user_data: Path) -> None:
    messages.set_language("en")
    _not_a_database(isolated_user_data / "notes.sqlite3")
    with NotesStore() as s:
        assert "no usable backup" in s.notices[0] and "not a database" in s.notices[0]


def test_foreign_sqlite_file_is_moved_aside(isolated_user_data: Path) -> None:
    c = sqlite3.connect(isolated_user_data / "notes.sqlite3")
    c.execute("CREATE TABLE something_else (x)")
    c.commit()
    c.close()
    with NotesStore() as s:
        assert "不是研读的笔记库" in s.notices[0]


def test_one_backup_a_day_seven_kept(speech_doc: Document, isolated_user_data: Path) -> None:
    _fill(speech_doc, 2)
    folder = isolated_user_data / "backups"
    today = bk.daily_path(folder)
    for days in range(1, 12):
        shutil.copyfile(today, bk.daily_path(folder, date.today() - timedelta(days=days)))
    (folder / "notes-2000-01-01.sqlite3.123.tmp").write_bytes(b"half")
    os.utime(folder / "notes-2000-01-01.sqlite3.123.tmp", (0, 0))
    with NotesStore() as s:
        s.add(new_annotation(speech_doc, 0, 3, doc_id=s.open_document(speech_doc)))
    daily = sorted(p.name for p in folder.iterdir())
    assert len(daily) == 7 and daily[-1] == today.name
    assert daily[0] == bk.daily_path(folder, date.today() - timedelta(days=6)).name
    assert all(bk.verify_backup(folder / n) for n in daily)


def test_backup_is_a_single_self_contained_file(speech_doc: Document, isolated_user_data: Path) -> None:
    _fill(speech_doc, 3)
    with NotesStore(read_only=True) as s:
        [backup] = s.backups()
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]
    c = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert c.execute("SELECT COUNT(*) FROM annotations").fetchone()[0] == 3
    c.close()


def test_restore_backup_sets_the_current_notes_aside_first(
    speech_doc: Document, isolated_user_data: Path
) -> None:
    doc_id, ids = _fill(speech_doc, 3)
    with NotesStore() as s:
        [daily] = s.backups()
        later = s.add(new_annotation(speech_doc, 500, 510, doc_id=doc_id))
        s.restore_backup(daily)
        assert {a.id for a in s.annotations(doc_id)} == set(ids)  # `later` is gone
        assert "已从备份" in s.notices[-1]
        snapshot = next(p for p in s.backups() if p.name.startswith("notes-before-restore-"))
        s.add(new_annotation(speech_doc, 600, 610, doc_id=doc_id))  # still writable
    c = sqlite3.connect(f"{snapshot.as_uri()}?mode=ro", uri=True)
    assert c.execute("SELECT COUNT(*) FROM annotations WHERE id = ?", (later.id,)).fetchone()[0] == 1
    c.close()
    with NotesStore() as s:
        assert len(s.annotations(doc_id)) == 4 and s.notices == []


def test_restore_refuses_a_bad_backup(store: NotesStore, tmp_path: Path) -> None:
    bad = tmp_path / "notes-2020-01-01.sqlite3"
    bad.write_text("nope", encoding="utf-8")
    with pytest.raises(StorageError) as err:
        store.restore_backup(bad)
    assert err.value.key == "backup_bad" and str(bad) in str(err.value)


def test_disk_full_refuses_the_change_and_harms_nothing(store: NotesStore, speech_doc: Document) -> None:
    doc_id = store.open_document(speech_doc)
    kept = [store.add(new_annotation(speech_doc, i, i + 5, note=f"已保存 {i}")) for i in range(5)]
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StorageError) as err:
        store.add(new_annotation(speech_doc, 100, 110, note="很长的笔记" * 20_000))
    assert err.value.key == "full" and "磁盘已满" in str(err.value) and "没有受到影响" in str(err.value)
    assert store.annotations(doc_id) == kept
    store.update(replace(kept[0], note="短"))  # small changes still fit in the pages there are
    store._conn.execute("PRAGMA max_page_count = 1073741823")
    store.add(new_annotation(speech_doc, 100, 110, note="空间腾出来以后"))
    assert len(store.annotations(doc_id)) == 6
    assert _integrity(store.path) == "ok"


def test_read_only_database_refuses_changes_with_a_clear_message(
    speech_doc: Document, isolated_user_data: Path
) -> None:
    doc_id, ids = _fill(speech_doc, 3)
    if os.geteuid() != 0:  # a real read-only folder (chmod is no obstacle to root)
        os.chmod(isolated_user_data / "notes.sqlite3", 0o444)
        os.chmod(isolated_user_data, 0o555)
        s = NotesStore()
    else:
        s = NotesStore(read_only=True)
    try:
        assert s.read_only
        assert {a.id for a in s.annotations(doc_id)} == set(ids)
        with pytest.raises(StorageError) as err:
            s.add(new_annotation(speech_doc, 0, 5, doc_id=doc_id))
        assert err.value.key == "readonly" and "只读" in str(err.value) and "没有受到影响" in str(err.value)
        with pytest.raises(StorageError):
            s.delete(ids[0])
    finally:
        s.close()
        os.chmod(isolated_user_data, 0o755)
        os.chmod(isolated_user_data / "notes.sqlite3", 0o644)
    with NotesStore() as s:
        assert {a.id for a in s.annotations(doc_id)} == set(ids)


def test_sqlite_readonly_error_is_reported_in_plain_words(store: NotesStore, speech_doc: Document) -> None:
    """The real SQLITE_READONLY from SQLite (a connection opened mode=ro), not our own check."""
    doc_id = store.open_document(speech_doc)
    writable = store._conn
    store._conn = connect(store.path, read_only=True)
    try:
        with pytest.raises(StorageError) as err:
            store.add(new_annotation(speech_doc, 0, 5, doc_id=doc_id))
        assert err.value.key == "readonly" and "只读" in str(err.value)
    finally:
        store._conn.close()
        store._conn = writable
    assert store.annotations(doc_id) == []


def test_busy_database_is_reported_not_waited_on_forever(store: NotesStore, speech_doc: Document) -> None:
    doc_id = store.open_document(speech_doc)
    store._conn.execute("PRAGMA busy_timeout = 200")
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError) as err:
            store.add(new_annotation(speech_doc, 0, 5, doc_id=doc_id))
        assert err.value.key == "busy" and "另一个研读窗口" in str(err.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.add(new_annotation(speech_doc, 0, 5, doc_id=doc_id))


def test_error_kinds() -> None:
    assert error_kind(PermissionError(13, "denied")) == "readonly"
    assert error_kind(OSError(28, "No space left on device")) == "full"
    assert error_kind(sqlite3.OperationalError("disk I/O error")) == "io"
    assert error_kind(sqlite3.OperationalError("something else")) == "unknown"
    assert "出错" in str(StorageError("unknown", reason="x"))


def test_database_from_a_newer_program_is_left_alone(isolated_user_data: Path) -> None:
    db = isolated_user_data / "notes.sqlite3"
    c = sqlite3.connect(db)
    c.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
    c.execute("INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00.000Z')")
    c.commit()
    c.close()
    with pytest.raises(StorageError) as err:
        NotesStore()
    assert err.value.key == "too_new" and "99" in str(err.value)
    assert not list(isolated_user_data.glob("*.corrupt-*")) and not (isolated_user_data / "backups").exists()
    c = sqlite3.connect(db)
    assert c.execute("SELECT version FROM schema_version").fetchall() == [(99,)]
    c.close()


def test_full_disk_while_reanchoring_keeps_the_new_places_in_memory(speech_file: Path) -> None:
    from desktop_app.core.loader import load_document
    from tests.storage.conftest import revise

    doc = load_document(speech_file)
    with NotesStore() as s:
        doc_id = s.open_document(doc)
        for i in range(200):
            s.add(new_annotation(doc, i * 10, i * 10 + 8))
        pages = s._conn.execute("PRAGMA page_count").fetchone()[0]
        s._conn.execute(f"PRAGMA max_page_count = {pages}")
        revised = revise(speech_file, lambda p: p.insert(0, "新" * 3000))
        assert s.open_document(revised) == doc_id  # no exception: the reader still opens
        assert "磁盘已满" in s.notices[-1]
        first = s.annotations(doc_id)[0]
        assert first.start == 3001 and revised.text[first.start : first.end] == first.exact
    with NotesStore() as s:  # nothing half-written: the old places, still consistent
        assert s.annotations(doc_id)[0].start == 0
        assert _integrity(s.path) == "ok"


def test_the_days_first_opening_checks_in_full_a_later_one_the_pages(
    isolated_user_data: Path, speech_doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """integrity_check (every index against its table) before the day's backup is made, so no
    backup is made of a database it would fault; later openings that day run quick_check (the
    pages and records: 12 against 35 ms for 10,000 notes, waited for before their marks show).
    Both find a damaged page: test_damaged_database_is_moved_aside_and_restored_from_backup
    damages a database whose day's backup is made, as every later opening of the day sees it."""
    from desktop_app.storage import opening

    checks: list[bool] = []
    original = opening.check_integrity

    def spy(conn, path=None, *, full=True):  # type: ignore[no-untyped-def]
        checks.append(full)
        original(conn, path, full=full)

    monkeypatch.setattr(opening, "check_integrity", spy)
    with NotesStore() as s:  # a new database: the day's first opening
        s.open_document(speech_doc)
    assert bk.daily_path(isolated_user_data / "backups").exists()
    NotesStore().close()  # the same day again
    assert checks == [True, False]
    bk.daily_path(isolated_user_data / "backups").unlink()  # as on the next day
    NotesStore().close()
    assert checks == [True, False, True]


def test_a_deferred_daily_backup_is_made_when_asked_and_holds_the_notes(
    speech_doc: Document, isolated_user_data: Path
) -> None:
    """The window opens the store without today's backup (it waited 32-40 ms for 10,000 notes')
    and asks for it once the marks are shown: made then, through a reader of its own, with the
    notes the database held; asked again, nothing is done."""
    folder = isolated_user_data / "backups"
    with NotesStore(defer_daily_backup=True) as s:
        doc_id = s.open_document(speech_doc)
        s.add(new_annotation(speech_doc, 0, 4, doc_id=doc_id, note="推迟的备份"))
        assert not bk.daily_path(folder).exists() and s.backup_due
        s.add(new_annotation(speech_doc, 10, 14, doc_id=doc_id))
        assert s.backup_if_due() == ""
        made = bk.daily_path(folder)
        assert made.exists() and bk.verify_backup(made) and not s.backup_due
        stamp = made.stat().st_mtime_ns
        assert s.backup_if_due() == "" and made.stat().st_mtime_ns == stamp
    c = sqlite3.connect(f"{made.as_uri()}?mode=ro", uri=True)
    try:
        assert c.execute("SELECT COUNT(*) FROM annotations").fetchone()[0] == 2
    finally:
        c.close()
    with NotesStore(read_only=True, defer_daily_backup=True) as ro:
        assert not ro.backup_due and ro.backup_if_due() == ""  # a read-only store backs nothing up


def test_the_deferred_backup_and_a_backup_now_at_once_both_succeed(
    speech_doc: Document, isolated_user_data: Path
) -> None:
    """The window's deferred backup (a worker) and "back up now" (another thread) at the same
    moment: they once wrote the same temporary file, and one failed (found by the CI run)."""
    import threading

    folder = isolated_user_data / "backups"
    with NotesStore(defer_daily_backup=True) as s:
        s.add(new_annotation(speech_doc, 0, 4, doc_id=s.open_document(speech_doc)))
        for _ in range(8):
            bk.daily_path(folder).unlink(missing_ok=True)
            s.backup_due = True
            start = threading.Barrier(2)
            failures: list[BaseException] = []

            def deferred(start: threading.Barrier, failures: list[BaseException]) -> None:
                start.wait()
                try:
                    assert s.backup_if_due() == ""
                except BaseException as exc:
                    failures.append(exc)

            worker = threading.Thread(target=deferred, args=(start, failures))
            worker.start()
            start.wait()
            s.backup_now()
            worker.join()
            assert failures == []
            assert bk.verify_backup(bk.daily_path(folder))
            assert not list(folder.glob("*.tmp"))


def test_a_deferred_backup_not_made_yet_is_made_at_close(
    speech_doc: Document, isolated_user_data: Path
) -> None:
    """The window may be closed (or the lists read another way) before the deferred backup ran:
    closing the store makes it, whether or not anything changed."""
    folder = isolated_user_data / "backups"
    with NotesStore(defer_daily_backup=True) as s:
        s.open_document(speech_doc)
        assert s.backup_due and not bk.daily_path(folder).exists()
    assert bk.verify_backup(bk.daily_path(folder))


def test_a_restore_beside_the_deferred_backup_both_succeed(
    speech_doc: Document, isolated_user_data: Path
) -> None:
    """Restoring a backup snapshots and rotates the folder; the deferred backup lists and rotates
    it too: one at a time (a file rotated away under the other's listing was reported as a
    failed backup)."""
    import threading

    folder = isolated_user_data / "backups"
    _fill(speech_doc, 3)
    older = folder / "notes-2000-01-01.sqlite3"
    shutil.copyfile(bk.daily_path(folder), older)
    with NotesStore(defer_daily_backup=True) as s:
        for _ in range(bk.KEEP_SNAPSHOTS + 12):  # past the kept snapshots: each restore rotates one away
            bk.daily_path(folder).unlink(missing_ok=True)
            s.backup_due = True
            notices: list[str] = []
            start = threading.Barrier(2)

            def deferred(said: list[str] = notices, go: threading.Barrier = start) -> None:
                go.wait()
                said.append(s.backup_if_due())

            worker = threading.Thread(target=deferred)
            worker.start()
            start.wait()
            s.restore_backup(older)
            worker.join()
            assert notices == [""]
            assert bk.verify_backup(bk.daily_path(folder))
