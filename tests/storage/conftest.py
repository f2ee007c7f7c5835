"""Fixtures for the notes store: the speech as a file in tmp_path, a store in the test's data folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.storage.notes_store import NotesStore
from tests.conftest import SPEECH


@pytest.fixture
def speech_file(tmp_path: Path) -> Path:
    """A copy of the speech that a test may move, rename or revise."""
    target = tmp_path / "docs" / "speech.txt"
    target.parent.mkdir()
    shutil.copyfile(SPEECH, target)
    return target


@pytest.fixture
def speech_doc(speech_file: Path) -> Document:
    return load_document(speech_file)


@pytest.fixture
def store() -> Iterator[NotesStore]:
    s = NotesStore()
    yield s
    s.close()


def revise(path: Path, edit) -> Document:  # type: ignore[no-untyped-def]
    """Rewrite the file at ``path`` with ``edit(list of paragraphs)`` applied; load it again."""
    paras = [p.text for p in load_document(path).paragraphs]
    edit(paras)
    path.write_text("\n".join(paras) + "\n", encoding="utf-8")
    return load_document(path)
