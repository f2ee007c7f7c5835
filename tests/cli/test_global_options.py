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


def test_window_command_lines_read_quickly_as_argparse_reads_them() -> None:
    from desktop_app import cli, cli_notes

    assert {"notes", "bookmarks"} == set(cli_notes.HANDLERS)  # cli._COMMANDS names them without importing
    assert set(cli_notes.HANDLERS) <= cli._COMMANDS
    usual = [
        [],
        ["a.txt"],
        ["a.txt", "--quit-after-load"],
        ["--quit-after-load", "a.txt"],
        ["--data-dir", "/tmp/x", "a.txt"],
        ["--data-dir=/tmp/x", "--lang", "en"],
        ["a.txt", "--lang=zh", "--data-dir", "d", "--quit-after-load"],
        ["--data-dir", "d", "--data-dir", "e"],
    ]
    for argv in usual:
        quick = cli._window_args_quickly(argv)
        assert quick is not None, argv
        assert vars(quick) == vars(cli._build_window_parser().parse_args(argv)), argv
    others = (
        ["--help"], ["--version"], ["a.txt", "b.txt"], ["--lang", "fr"], ["--data-dir"], ["-x"], ["--"],
        ["--data-dir", "--quit-after-load"], ["--data-dir", "--lang", "en"],  # argparse: "expected one arg"
    )  # fmt: skip
    for argv in others:
        assert cli._window_args_quickly(argv) is None, argv
