"""SIGKILL during every export format (a real process writing real files).

* Killed at the worst moment, with the new file complete in its temporary name and about to
  replace the old one: the old file at the target is intact, byte for byte.
* Killed at random moments of repeated exports: the target is always a complete export that the
  real reader opens (python-docx, pypdf, json, csv, markdown-it-py), never half a file.
* What is left: the killed export's temporary file (``.yandu-XXXXXXXXXXXX.tmp``, hidden on Linux and
  macOS, next to the target); the tests list it, and check that nothing else is left.
"""

from __future__ import annotations

import csv
import io
import json
import random
import time
from pathlib import Path

import pytest

from desktop_app.export import FORMATS
from tests.faults.conftest import child, kill, needs_posix

pytestmark = needs_posix

NOTES = 150
OLD = b"OLD EXPORT, must survive\n" * 100


def readable(path: Path, fmt: str) -> None:
    """The real reader opens the whole file."""
    if FORMATS[fmt].extension == ".docx":  # the study notes, the annotated copy, the outline
        import docx

        doc = docx.Document(str(path))
        assert any("N00000K" in p.text for p in doc.paragraphs) or fmt == "docx-annotated"
    elif fmt == "pdf":
        import pypdf

        reader = pypdf.PdfReader(str(path))
        assert len(reader.pages) >= 1 and reader.pages[-1].extract_text() is not None
    elif fmt == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["total"] == NOTES + 1 == len(data["first"]["items"])
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        assert len(rows) == NOTES + 1
    else:
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n") and "N00149K" in text
        if FORMATS[fmt].extension == ".md":  # the notes or the study outline
            from markdown_it import MarkdownIt

            MarkdownIt("commonmark").render(text)
        elif fmt == "html":
            assert text.rstrip().endswith("</html>")


def _others(folder: Path, target: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p != target)


def _wait_for(proc, prefix: bytes, timeout: float = 120) -> bytes:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"the child ended: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        if line.startswith(prefix):
            return line
    raise AssertionError(f"no {prefix!r} from the child")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_killed_just_before_the_replace_the_old_file_is_intact(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"notes{FORMATS[fmt].extension}"
    target.write_bytes(OLD)
    proc = child("export", fmt, str(target), str(NOTES), "pause", data_dir=tmp_path / "data")
    try:
        line = _wait_for(proc, b"replacing ")
    finally:
        kill(proc)
    tmp = Path(line.decode().split(" ", 1)[1].strip())
    assert target.read_bytes() == OLD  # the old file, byte for byte
    left = _others(folder, target)
    # The complete new file is left under its temporary name (hidden: a leading dot).
    assert left == [tmp.name] and tmp.name.startswith(".") and tmp.name.endswith(".tmp")
    readable(tmp, fmt)  # it was complete: only the rename was missing


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_killed_at_random_moments_the_target_is_always_a_whole_export(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"notes{FORMATS[fmt].extension}"
    rng = random.Random(fmt)
    leftovers: list[str] = []
    for round_ in range(2):
        target.write_bytes(OLD)
        proc = child("export", fmt, str(target), str(NOTES), data_dir=tmp_path / f"data{round_}")
        try:
            first = _wait_for(proc, b"done ")  # one export finished: the target is the new file
            assert first
            time.sleep(rng.uniform(0.0, 0.4))  # then kill somewhere in the next ones
        finally:
            out = kill(proc)
        done = 1 + out.count(b"done ")
        assert target.read_bytes() != OLD
        readable(target, fmt)
        leftovers += _others(folder, target)
        print(f"{fmt}: killed after {done} complete exports; left: {_others(folder, target)}")
        for name in _others(folder, target):
            assert name.startswith(".") and name.endswith(".tmp"), name
            (folder / name).unlink()
