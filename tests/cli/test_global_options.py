"""Global options work before and after the command."""

from __future__ import annotations

from pathlib import Path

from desktop_app import paths
from desktop_app.cli import main


def test_data_dir_before_the_command(tmp_path: Path, speech_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("YANDU_DATA_DIR", raising=False)
    paths.set_data_dir(None)
    target = tmp_path / "here"
    assert (
        main(["--data-dir", str(target), "notes", "add", "--doc", str(speech_path), "--quote", "踩准点"]) == 0
    )
    assert (target / "notes.sqlite3").is_file()
    other = tmp_path / "there"
    assert main(["notes", "list", "--doc", str(speech_path), "--data-dir", str(other)]) == 0
    assert (other / "notes.sqlite3").is_file()
