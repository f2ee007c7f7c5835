"""``desktop-app library ...`` and a library-wide ``search``, as real processes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from desktop_app.core.loader import load_document
from tests.cli.test_cli import run_cli
from tests.conftest import CORPUS, SPEECH


def _library(tmp_path: Path) -> Path:
    lib = tmp_path / "docs"
    lib.mkdir()
    for p in sorted(CORPUS.glob("*.txt")):
        shutil.copy(p, lib / p.name)
    (lib / "坏.txt").write_bytes(b"\x00\x01\x02binary" * 10)
    return lib


def test_add_list_search_remove_relocate(tmp_path: Path) -> None:
    data, lib = tmp_path / "data", _library(tmp_path)
    r = run_cli("library", "add", str(lib), str(SPEECH), "--json", data_dir=data)
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert len(summary["added"]) == 5 and [Path(f["path"]).name for f in summary["failed"]] == ["坏.txt"]

    listed = json.loads(run_cli("library", "list", "--json", data_dir=data).stdout)
    assert {e["title"] for e in listed} >= {"中华人民共和国宪法", "中华人民共和国拍卖法"}
    constitution = next(e for e in listed if e["title"] == "中华人民共和国宪法")
    assert constitution["format"] == "txt" and constitution["notes"] == 0 and not constitution["missing"]

    s = run_cli("search", "人民代表大会", "--limit", "0", "--json", data_dir=data)
    assert s.returncode == 0, s.stderr
    hits = json.loads(s.stdout)
    texts = {e["id"]: load_document(e["path"]).text for e in listed}
    assert {h["doc_id"] for h in hits} <= set(texts)
    assert len(hits) == sum(t.count("人民代表大会") for t in texts.values())
    for h in hits:
        assert texts[h["doc_id"]][h["start"] : h["end"]] == "人民代表大会" and h["title"]
    plain = run_cli("search", "人民代表大会", "--limit", "3", data_dir=data)
    assert plain.stdout.startswith("== ") and "中华人民共和国宪法" in plain.stdout.splitlines()[0]

    short = constitution["id"][:8]
    moved = tmp_path / "moved.txt"
    Path(constitution["path"]).rename(moved)
    assert "[" in run_cli("library", "list", data_dir=data).stdout  # shown as missing
    r = run_cli("library", "relocate", short, str(moved), data_dir=data)
    assert r.returncode == 0, r.stderr
    again = json.loads(run_cli("library", "list", "--json", data_dir=data).stdout)
    assert next(e for e in again if e["id"] == constitution["id"])["missing"] is False

    assert run_cli("library", "remove", short, data_dir=data).returncode == 0
    remaining = json.loads(run_cli("library", "list", "--json", data_dir=data).stdout)
    assert constitution["id"] not in {e["id"] for e in remaining}
    everything = json.loads(run_cli("library", "list", "--all", "--json", data_dir=data).stdout)
    assert constitution["id"] in {e["id"] for e in everything}


def test_a_new_version_is_offered_and_its_notes_carried(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert (
        run_cli("notes", "add", "--quote", "种好各自的责任田", "--note", "要点", data_dir=data).returncode
        == 0
    )
    revised = tmp_path / "修订稿.txt"
    revised.write_text(SPEECH.read_text(encoding="utf-8").replace("踩准点", "找准点", 1), encoding="utf-8")
    r = run_cli("library", "add", str(revised), "--json", data_dir=data)
    assert r.returncode == 0, r.stderr
    added = json.loads(r.stdout)["added"][0]
    assert len(added["versions"]) == 1 and added["versions"][0]["kept"] > 0.9
    text_hint = run_cli("library", "add", str(revised), data_dir=data)  # already there: no hint again
    assert "version" not in text_hint.stderr
    c = run_cli(
        "library", "version", added["id"][:8], "--of", added["versions"][0]["id"][:8], "--json", data_dir=data
    )
    assert c.returncode == 0, c.stderr
    assert json.loads(c.stdout) == {"carried": 1, "bookmarks": 0, "orphans": []}
    notes = json.loads(run_cli("notes", "list", "--doc", str(revised), "--json", data_dir=data).stdout)
    assert [(n["quote"], n["note"]) for n in notes] == [("种好各自的责任田", "要点")]


def test_bad_ids_and_paths_say_what_is_wrong(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_cli("library", "add", str(SPEECH), data_dir=data).returncode == 0
    for args in (("remove", "zzzz"), ("relocate", "zzzz", str(SPEECH)), ("version", "zz", "--of", "yy")):
        r = run_cli("library", *args, data_dir=data)
        assert r.returncode == 3 and "zz" in r.stderr and "Traceback" not in r.stderr
    only = json.loads(run_cli("library", "list", "--json", data_dir=data).stdout)[0]["id"]
    r = run_cli("library", "relocate", only[:8], str(tmp_path / "none.txt"), data_dir=data)
    assert r.returncode == 3 and "找不到文件" in r.stderr
    r = run_cli("library", "add", str(tmp_path / "none.txt"), data_dir=data)
    assert r.returncode == 3 and "找不到文件" in r.stderr


def test_search_with_an_empty_library_searches_the_speech(tmp_path: Path) -> None:
    r = run_cli("search", "踩准点", data_dir=tmp_path / "data")
    assert r.returncode == 0 and "文库中还没有文档" in r.stderr and "踩准点" in r.stdout


def test_the_notes_of_a_document_whose_file_is_gone_are_still_exported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    copy = tmp_path / "讲话.txt"
    copy.write_bytes(SPEECH.read_bytes())
    assert (
        run_cli(
            "notes", "add", "--doc", str(copy), "--quote", "种好各自的责任田", "--note", "要点", data_dir=data
        ).returncode
        == 0
    )
    doc_id = json.loads(run_cli("library", "list", "--json", data_dir=data).stdout)[0]["id"]
    copy.unlink()  # the file is gone; the notes are not
    out = tmp_path / "笔记.md"
    r = run_cli("library", "export", doc_id[:8], "--format", "md", "--out", str(out), data_dir=data)
    assert r.returncode == 0, r.stderr
    assert "文件不在原处" in r.stderr
    text = out.read_text(encoding="utf-8")
    assert "种好各自的责任田" in text and "要点" in text and "推进机关党建" in text  # its title kept
    word = tmp_path / "笔记.docx"
    assert (
        run_cli(
            "library", "export", doc_id[:8], "--format", "docx", "--out", str(word), data_dir=data
        ).returncode
        == 0
    )
    from docx import Document as Docx

    assert any("种好各自的责任田" in p.text for p in Docx(str(word)).paragraphs)
    r = run_cli(
        "library", "export", doc_id[:8], "--format", "docx-annotated", "--out", str(word), data_dir=data
    )
    assert r.returncode == 1 and "原文" in r.stderr and "Traceback" not in r.stderr
