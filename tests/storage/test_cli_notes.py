"""``desktop-app notes`` / ``bookmarks`` run as real processes (``python -m desktop_app.cli_notes``)."""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

from desktop_app import cli_notes
from desktop_app.core.loader import load_document
from tests.conftest import SPEECH, run_module


def notes_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return run_module("desktop_app.cli_notes", *args, data_dir=data_dir)


def test_add_list_delete_on_the_speech(isolated_user_data: Path) -> None:
    text = load_document(SPEECH).text
    quote = "机关党建"
    r = notes_cli(
        "notes", "add", "--quote", quote, "--occurrence", "3", "--color", "黄",
        "--note", "第一行\n第二行", "--tag", "重点", "--tag", "复习", "--json",
        data_dir=isolated_user_data,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    added = json.loads(r.stdout)
    third = text.index(quote, text.index(quote, text.index(quote) + 1) + 1)
    assert (added["start"], added["end"], added["color"]) == (third, third + 4, "yellow")

    r = notes_cli("notes", "list", "--json", data_dir=isolated_user_data)
    assert r.returncode == 0, r.stderr
    [item] = json.loads(r.stdout)
    assert set(item) >= {"id", "quote", "start", "end", "color", "note", "tags", "section", "status"}
    assert set(item) >= {"created", "modified"}
    assert item["quote"] == quote and item["note"] == "第一行\n第二行" and item["tags"] == ["重点", "复习"]
    assert item["status"] == "anchored" and item["id"] == added["id"]

    r = notes_cli("notes", "list", data_dir=isolated_user_data)
    assert r.returncode == 0 and added["id"] in r.stdout and f"{third}-{third + 4}" in r.stdout

    r = notes_cli("notes", "delete", added["id"][:8], data_dir=isolated_user_data)
    assert r.returncode == 0, r.stderr
    r = notes_cli("notes", "list", "--json", data_dir=isolated_user_data)
    assert json.loads(r.stdout) == []


def test_absent_quote_is_one_line_and_exit_3(isolated_user_data: Path) -> None:
    r = notes_cli("notes", "add", "--quote", "这句话不在讲话里", data_dir=isolated_user_data)
    assert r.returncode == 3 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "找不到这段文字" in r.stderr
    r = notes_cli("notes", "add", "--quote", "机关党建", "--occurrence", "999", data_dir=isolated_user_data)
    assert r.returncode == 3 and "只出现" in r.stderr
    r = notes_cli("notes", "delete", "no-such-id", data_dir=isolated_user_data)
    assert r.returncode == 3 and r.stderr.count("\n") == 1


def test_bad_colour_is_a_usage_error(isolated_user_data: Path) -> None:
    r = notes_cli("notes", "add", "--quote", "机关党建", "--color", "chartreuse", data_dir=isolated_user_data)
    assert r.returncode == 2 and "chartreuse" in r.stderr


def test_list_on_a_revised_file_shows_and_stores_the_new_offsets(
    isolated_user_data: Path, tmp_path: Path
) -> None:
    doc_file = tmp_path / "speech.txt"
    doc_file.write_text(SPEECH.read_text(encoding="utf-8"), encoding="utf-8")
    quote = "跳出机关党建看机关党建"
    r = notes_cli(
        "notes", "add", "--doc", str(doc_file), "--quote", quote, "--json", data_dir=isolated_user_data
    )
    before = json.loads(r.stdout)
    inserted = "修订稿在这里加了一段。"
    doc_file.write_text(inserted + "\n" + SPEECH.read_text(encoding="utf-8"), encoding="utf-8")
    r = notes_cli("notes", "list", "--doc", str(doc_file), "--json", data_dir=isolated_user_data)
    [after] = json.loads(r.stdout)
    assert after["start"] == before["start"] + len(inserted) + 1 and after["status"] == "anchored"
    assert load_document(doc_file).text[after["start"] : after["end"]] == quote
    r = notes_cli("notes", "list", "--all", "--json", data_dir=isolated_user_data)
    assert json.loads(r.stdout)[0]["start"] == after["start"]  # stored, not only shown


def test_bookmarks_add_list_delete(isolated_user_data: Path) -> None:
    r = notes_cli("bookmarks", "add", "--offset", "1200", "--title", "读到这里", data_dir=isolated_user_data)
    assert r.returncode == 0, r.stderr
    bm_id = r.stdout.strip()
    r = notes_cli("bookmarks", "list", "--json", data_dir=isolated_user_data)
    [item] = json.loads(r.stdout)
    assert (item["id"], item["offset"], item["title"]) == (bm_id, 1200, "读到这里")
    r = notes_cli("bookmarks", "add", "--offset", "99999999", data_dir=isolated_user_data)
    assert r.returncode == 3
    assert notes_cli("bookmarks", "delete", bm_id, data_dir=isolated_user_data).returncode == 0
    r = notes_cli("bookmarks", "list", data_dir=isolated_user_data)
    assert "没有书签" in r.stdout


def test_english_messages(isolated_user_data: Path) -> None:
    r = notes_cli("notes", "add", "--quote", "absent words", "--lang", "en", data_dir=isolated_user_data)
    assert r.returncode == 3 and "does not occur" in r.stderr


def test_wiring_into_a_parser_like_cli_py(isolated_user_data: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """How cli.py uses it: global options before or after the command, handler by name."""

    def _add_global_options(p: argparse.ArgumentParser) -> None:  # as in cli.py: default None
        p.add_argument("--data-dir", metavar="DIR")
        p.add_argument("--lang", choices=["zh", "en"])

    parser = argparse.ArgumentParser(prog="desktop-app")
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command")
    cli_notes.add_subparsers(sub, _add_global_options)
    args = parser.parse_args(["--data-dir", "/somewhere", "notes", "list", "--json"])
    assert (args.data_dir, args.command, args.notes_command, args.json) == (
        "/somewhere",
        "notes",
        "list",
        True,
    )
    args = parser.parse_args(["bookmarks", "list", "--lang", "en"])
    assert args.lang == "en"
    args = parser.parse_args(["notes", "add", "--quote", "机关党建"])
    assert cli_notes.HANDLERS[args.command](args) == 0
    assert len(capsys.readouterr().out.strip()) == 36
