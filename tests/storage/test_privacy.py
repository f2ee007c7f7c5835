"""Shared office PCs: the notes, backups, settings, indexes and caches are readable by the user only.

Modes are read back with ``os.stat`` from real files made by the real code (SQLite, QSettings,
Whoosh, jieba); the process umask is 022 here, so a file made with the default mode is
0644 and would fail these tests.  POSIX only: on Windows the profile's folders are the
user's alone by their NTFS permissions, and chmod there only sets the read-only flag.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import privacy
from desktop_app.core.annotations import new_annotation
from desktop_app.core.document import Document
from desktop_app.storage.notes_store import NotesStore
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    os.name == "nt", reason="POSIX modes; on Windows the profile folders' NTFS ACLs are per-user"
)


@pytest.fixture(autouse=True)
def usual_umask():  # type: ignore[no-untyped-def]
    """A typical umask (022): what the program creates must be private whatever the umask."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def too_open(folder: Path) -> list[str]:
    """Everything in ``folder`` (itself included) that a group or other users may read or enter."""
    found = [] if not mode(folder) & 0o077 else [f". {mode(folder):o}"]
    for root, dirs, files in os.walk(folder):
        for name in (*dirs, *files):
            p = Path(root, name)
            if not p.is_symlink() and mode(p) & 0o077:
                found.append(f"{p.relative_to(folder)} {mode(p):o}")
    return found


def widen(folder: Path) -> None:
    """What an older version (or a copy from another PC) left: folders 0755, files 0644."""
    os.chmod(folder, 0o755)
    for root, dirs, files in os.walk(folder):
        for d in dirs:
            os.chmod(Path(root, d), 0o755)
        for f in files:
            os.chmod(Path(root, f), 0o644)


def test_a_new_store_its_wal_and_its_backups_are_private(tmp_path: Path, speech_doc: Document) -> None:
    data = tmp_path / "data"  # made by the store, as on a first start
    s = NotesStore(data / "notes.sqlite3")
    try:
        s.add(new_annotation(speech_doc, 10, 20, note="我的笔记", doc_id=s.open_document(speech_doc)))
        wal, shm = data / "notes.sqlite3-wal", data / "notes.sqlite3-shm"
        assert wal.exists() and shm.exists()  # open: the WAL holds the note
        assert too_open(data) == []
    finally:
        s.close()  # refreshes today's backup
    assert [p.name for p in (data / "backups").iterdir()]
    assert mode(data) == 0o700 and mode(data / "backups") == 0o700
    assert mode(data / "notes.sqlite3") == 0o600
    assert too_open(data) == []


def test_wider_modes_left_by_an_older_version_are_tightened_at_open(
    tmp_path: Path, speech_doc: Document
) -> None:
    data = tmp_path / "data"
    with NotesStore(data / "notes.sqlite3") as s:
        s.add(new_annotation(speech_doc, 10, 20, doc_id=s.open_document(speech_doc)))
    (data / "notes.sqlite3-wal").write_bytes(b"")  # as a crashed copy leaves them
    (data / "notes.sqlite3-shm").write_bytes(b"")
    widen(data)
    assert len(too_open(data)) >= 5
    with NotesStore(data / "notes.sqlite3") as s:
        assert too_open(data / "backups") == []
        assert [mode(data / n) for n in ("notes.sqlite3", "notes.sqlite3-wal", "notes.sqlite3-shm")] == [
            0o600
        ] * 3
    assert too_open(data) == []


def test_the_known_top_level_paths_are_fixed_up_at_start_and_nothing_else_is_walked(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for d in ("backups", "logs", "inbox", "cache"):
        (data / d).mkdir(parents=True)
    for f in ("notes.sqlite3", "notes.sqlite3-wal", "notes.sqlite3-shm", "settings.ini", "logs/errors.log"):
        (data / f).write_text("x", encoding="utf-8")
    deep = data / "backups" / "notes-2024-01-01.sqlite3"  # below the top level: the store's job
    deep.write_text("x", encoding="utf-8")
    widen(data)
    assert privacy.secure_data_dir(data) == data
    assert too_open(data) == [f"backups/{deep.name} 644"]

    cache = tmp_path / "cache"
    for d in ("search/v1", "documents"):
        (cache / d).mkdir(parents=True)
    for f in ("jieba.cache", "jieba-dict.chunks"):
        (cache / f).write_bytes(b"x")
    widen(cache)
    privacy.secure_cache_dir(cache)
    assert sorted(too_open(cache)) == ["search/v1 755"]  # inside a 0700 folder; the index fixes its own


def test_a_data_folder_that_does_not_exist_yet_is_created_private(tmp_path: Path) -> None:
    data = privacy.secure_data_dir(tmp_path / "new" / "yandu")
    assert data.is_dir() and mode(data) == 0o700


def test_open_private_creates_0600_and_tightens_an_existing_file(tmp_path: Path) -> None:
    log = tmp_path / "errors.log"
    with privacy.open_private(log, "a") as fh:
        fh.write("第一条\n")
    assert mode(log) == 0o600
    os.chmod(log, 0o644)
    with privacy.open_private(log, "a") as fh:
        fh.write("第二条\n")
    assert mode(log) == 0o600 and log.read_text(encoding="utf-8") == "第一条\n第二条\n"
    privacy.write_private_bytes(tmp_path / "entry.marshal", b"\x00\x01")
    assert mode(tmp_path / "entry.marshal") == 0o600


def test_settings_ini_is_private_new_or_old(isolated_user_data: Path) -> None:
    from desktop_app.ui.settings import Settings

    ini = isolated_user_data / "settings.ini"
    s = Settings()
    s.zoom = 1.5
    s.sync()
    assert mode(ini) == 0o600 and "zoom" in ini.read_text(encoding="utf-8")
    os.chmod(ini, 0o644)
    s = Settings()
    s.zoom = 1.25  # Qt replaces the file (QSaveFile): the mode must survive that too
    s.sync()
    assert mode(ini) == 0o600 and "1.25" in ini.read_text(encoding="utf-8")


def test_search_index_files_are_private_and_old_ones_are_tightened(
    tmp_path: Path, speech_doc: Document
) -> None:
    from desktop_app.search import SearchIndex

    cache = tmp_path / "cache"
    with SearchIndex.open(speech_doc, cache_dir=cache, words=False) as index:
        assert index.search("中心工作").total
    search = cache / "search"
    files = [p for p in search.rglob("*") if p.is_file()]
    assert len(files) >= 3 and too_open(search) == []

    widen(search)
    with SearchIndex.open(speech_doc, cache_dir=cache, words=False) as index:
        assert not index.built  # reused, not rebuilt
    assert too_open(search) == []


def test_jieba_dictionary_cache_is_private(tmp_path: Path) -> None:
    import jieba

    from desktop_app.search import tokenizer

    tk = jieba.Tokenizer()
    cache = tokenizer.configure(tk, tmp_path / "cache")
    tokenizer._initialize_in_chunks(tk, cache.with_name(tokenizer.CHUNKED_CACHE_FILE))
    chunks = tmp_path / "cache" / tokenizer.CHUNKED_CACHE_FILE
    assert chunks.stat().st_size > 1_000_000
    assert mode(chunks) == 0o600 and mode(tmp_path / "cache") == 0o700


def _selftest_with(extra) -> str:  # type: ignore[no-untyped-def]
    from desktop_app import selftest

    checks = [c for c in selftest.CHECKS if c[0] in ("notes", "privacy")]
    if extra is not None:
        checks.insert(-1, ("leak", extra))
    lines: list[str] = []
    old = selftest.CHECKS
    selftest.CHECKS = checks
    try:
        selftest.run_selftest(lines.append)
    finally:
        selftest.CHECKS = old
    return "\n".join(lines)


def test_selftest_privacy_check_fails_on_a_file_others_can_read() -> None:
    def leak(ctx: dict[str, object]) -> str:
        path = Path(str(ctx["tmp"])) / "leaked.txt"
        path.write_text("我的笔记", encoding="utf-8")
        os.chmod(path, 0o644)
        return "wrote a 0644 file"

    out = _selftest_with(leak)
    assert re.search(r"FAIL privacy: .*leaked\.txt 644", out), out
    assert "ok   privacy" in _selftest_with(None)


def test_selftest_runs_in_a_private_temp_folder_and_removes_it(tmp_path: Path) -> None:
    shared = tmp_path / "shared-tmp"  # the shared temporary folder, as /tmp is
    shared.mkdir(mode=0o1777)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", "TMPDIR": str(shared)}
    r = subprocess.run(
        [sys.executable, "-m", "desktop_app", "selftest"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.search(r"ok   privacy .*readable by this user only", r.stdout), r.stdout
    assert list(shared.iterdir()) == []  # nothing left behind


# Modules allowed to use the shared temporary folder, and why.
TEMP_USERS = {
    "desktop_app/selftest.py": "the selftest's own data folder: mkdtemp (0700), the bundled speech only",
    "desktop_app/export/selftest_check.py": "the selftest's export: mkdtemp (0700), removed at once",
}


def test_only_the_selftest_uses_the_shared_temporary_folder() -> None:
    """No user text or notes go to /tmp (or %TEMP%): exports and indexes write beside their target."""
    code = re.compile(
        r"^\s*(import tempfile|from tempfile )|gettempdir\(|environ.*[\"'](TMPDIR|TEMP|TMP)[\"']", re.M
    )
    users = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "desktop_app").rglob("*.py")
        if code.search(path.read_text(encoding="utf-8"))
    }
    assert "desktop_app/selftest.py" in users  # the pattern finds what it looks for
    assert users <= set(TEMP_USERS), sorted(users - set(TEMP_USERS))


def test_windows_is_left_to_its_acls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    f = tmp_path / "f"
    f.write_text("x", encoding="utf-8")
    os.chmod(f, 0o644)
    monkeypatch.setattr(privacy, "ENABLED", False)
    assert privacy.tighten(f) is False and mode(f) == 0o644
    assert privacy.make_private_dir(tmp_path / "d").is_dir()
