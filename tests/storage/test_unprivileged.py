"""A read-only data folder, for real: the store runs as an unprivileged user (root ignores modes).

The folder and the database are made read-only after the notes are written; the store must
open them read-only (notes listed, changes refused as "read-only"), and making the files
private on the way only takes bits away (0555 -> 0500, 0444 -> 0400), never adds write.
Skipped where the test cannot switch to another user (not root, or no ``setpriv``).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SPEECH

NOBODY = 65534

CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from desktop_app.core.annotations import new_annotation
from desktop_app.core.loader import load_document
from desktop_app.storage.notes_store import NotesStore, StorageError

db, speech, action = Path(sys.argv[2]), sys.argv[3], sys.argv[4]
doc = load_document(speech)
s = NotesStore(db)
out = {"read_only": s.read_only, "notices": s.notices}
doc_id = s.open_document(doc)
if action == "add":
    s.add(new_annotation(doc, 10, 20, note="只读之前", doc_id=doc_id))
else:
    try:
        s.add(new_annotation(doc, 30, 40, doc_id=doc_id))
    except StorageError as exc:
        out["refused"] = [exc.key, str(exc)]
out["notes"] = [a.note for a in s.annotations(doc_id)]
s.close()
print(json.dumps(out, ensure_ascii=False))
"""


def as_nobody(db: Path, action: str) -> dict[str, object]:
    r = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", sys.executable, "-c", CHILD,
         str(ROOT), str(db), str(db.parent.parent / "speech.txt"), action],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(db.parent.parent)},
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture
def nobody_folder() -> Iterator[Path]:
    """A data folder owned by the unprivileged user, in a place that user can reach.

    Not under pytest's tmp_path: its parents are 0700 (root's), so the other user could
    not even enter it.  Removed afterwards.
    """
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run the store as another (unprivileged) user")
    top = Path(tempfile.mkdtemp(prefix="yandu-unprivileged-"))
    try:
        os.chmod(top, 0o755)
        shutil.copyfile(SPEECH, top / "speech.txt")
        os.chmod(top / "speech.txt", 0o644)
        data = top / "data"
        data.mkdir()
        os.chown(data, NOBODY, NOBODY)
        probe = subprocess.run(
            ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", sys.executable, "-c",
             f"import sys; sys.path.insert(0, {str(ROOT)!r}); import desktop_app.storage.notes_store"],
            capture_output=True, timeout=60, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )  # fmt: skip
        if probe.returncode != 0:
            pytest.skip("the unprivileged user cannot run this Python or read the source tree")
        yield data
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_a_read_only_data_folder_is_read_and_changes_are_refused(nobody_folder: Path) -> None:
    db = nobody_folder / "notes.sqlite3"
    made = as_nobody(db, "add")
    assert made["read_only"] is False and made["notes"] == ["只读之前"]
    assert stat.S_IMODE(db.stat().st_mode) == 0o600  # the owner's, and only the owner's
    os.chmod(db, 0o444)
    os.chmod(nobody_folder, 0o555)

    seen = as_nobody(db, "try")
    assert seen["read_only"] is True and seen["notes"] == ["只读之前"]
    assert any("只读" in n for n in seen["notices"])  # type: ignore[union-attr]
    key, text = seen["refused"]  # type: ignore[misc]
    assert key == "readonly" and "只读" in text and "没有受到影响" in text
    assert stat.S_IMODE(nobody_folder.stat().st_mode) == 0o500  # tightened, no bit added
    assert stat.S_IMODE(db.stat().st_mode) == 0o400
