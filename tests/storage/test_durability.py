"""Real processes, real files: SIGKILL at random moments, two writers at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.storage import backups as bk
from desktop_app.storage.notes_store import NotesStore
from tests.conftest import ROOT, SPEECH

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

KILLS = 25


def _child(data_dir: Path, count: int, tag: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "YANDU_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.storage.writer_child", str(data_dir), str(SPEECH), str(count), tag],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )


def _returned_ids(out: bytes) -> list[str]:
    """Ids from complete lines only (a line cut by the kill does not count)."""
    lines = out.decode("ascii", errors="replace").split("\n")[:-1]
    return [line for line in lines if len(line) == 36]


def _check(db: Path) -> set[str]:
    c = sqlite3.connect(db)
    try:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {r[0] for r in c.execute("SELECT id FROM annotations")}
    finally:
        c.close()


def test_sigkill_at_random_moments_loses_nothing_that_was_saved(isolated_user_data: Path) -> None:
    rng = random.Random(20240605)
    returned: list[str] = []
    rounds_with_writes = 0
    for _ in range(KILLS):
        proc = _child(isolated_user_data, 0, "kill")
        assert proc.stdout is not None
        head = b""
        if rng.random() < 0.3:  # a kill anywhere, start-up included (open, check, migrate, backup)
            time.sleep(rng.uniform(0.0, 0.5))
        else:  # a kill among the writes, however slow the machine starts
            head = proc.stdout.readline()
            time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        out, _err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        ids = _returned_ids(head + out)
        rounds_with_writes += bool(ids)
        returned += ids
        # Every round, straight from SQLite (no recovery by our code could hide damage):
        assert set(returned) <= _check(isolated_user_data / "notes.sqlite3")
    print(f"{len(returned)} notes saved across {KILLS} kills, {rounds_with_writes} of them among writes")
    assert rounds_with_writes >= KILLS // 2  # the kills did land among the writes
    with NotesStore() as s:
        assert s.notices == []  # nothing was damaged, so nothing was recovered
        stored = {a.id for d in s.documents() for a in s.annotations(d.id)}
    assert set(returned) <= stored
    assert not list(isolated_user_data.glob("*.corrupt-*"))
    assert s.backups() and all(bk.verify_backup(p) for p in s.backups())  # no half-written backup


def test_two_processes_writing_at_once(isolated_user_data: Path) -> None:
    NotesStore().close()  # both children find the database made
    procs = [_child(isolated_user_data, 80, tag) for tag in ("left", "right")]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err.decode(errors="replace")
    ids = [_returned_ids(out) for out, _ in outs]
    assert [len(i) for i in ids] == [80, 80]
    stored = _check(isolated_user_data / "notes.sqlite3")
    assert set(ids[0]) | set(ids[1]) <= stored and len(stored) == 160
    with NotesStore() as s:
        [doc] = s.documents()  # one document, not one per process
        notes = s.annotations(doc.id)
    assert {a.tags[0] for a in notes} == {"left", "right"}
