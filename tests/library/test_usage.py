"""A formulation across the library (study/across.py and desktop-app usage): documents by date,
counts, sentences; the table as CSV and Word, read back."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from docx import Document as Docx

from desktop_app.core.loader import load_document
from desktop_app.library.adding import add_files, collect
from desktop_app.storage.notes_store import NotesStore
from desktop_app.study.across import sentence_at, usage_across, write_usage
from tests.cli.test_cli import run_cli
from tests.conftest import CORPUS, SPEECH


def _library(tmp_path: Path) -> tuple[Path, list]:
    lib = tmp_path / "lib"
    lib.mkdir()
    for p in [*sorted(CORPUS.glob("*.txt")), SPEECH]:
        shutil.copy(p, lib / p.name)
    with NotesStore(tmp_path / "notes.sqlite3") as store:
        add_files(store, collect([str(lib)])[0], index=False)
        return lib, store.library()


def test_documents_by_date_with_counts_and_sentences(tmp_path: Path) -> None:
    _lib, entries = _library(tmp_path)
    usages, unreadable = usage_across(entries, "人民代表大会")
    assert unreadable == []
    assert [u.entry.date for u in usages] == sorted(u.entry.date for u in usages)  # earliest first
    assert usages[0].entry.title == "中华人民共和国宪法"
    for u in usages:
        text = load_document(u.entry.path).text
        assert u.count == text.count("人民代表大会")
        assert all("人民代表大会" in s and s in text for s in u.sentences)
    assert usage_across(entries, "新质生产力")[0] == []


def test_the_table_as_csv_and_word(tmp_path: Path) -> None:
    _lib, entries = _library(tmp_path)
    usages, _ = usage_across(entries, "党建")
    rows = list(
        csv.reader(
            write_usage(usages, "党建", tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()
        )
    )
    assert rows[0] == ["提法", "文档", "日期", "来源", "原句"]
    assert len(rows) - 1 == sum(len(u.sentences) for u in usages) and all("党建" in r[4] for r in rows[1:])
    d = Docx(str(write_usage(usages, "党建", tmp_path / "t.docx")))
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["文档", "日期", "次数", "原句"]
    assert len(table.rows) == 1 + len(usages)
    assert table.rows[1].cells[2].text == str(usages[0].count)


def test_sentence_at_cuts_at_sentence_marks() -> None:
    text = "第一句话。这里说到党建工作，要抓实。第三句"
    i = text.index("党建")
    assert sentence_at(text, i, i + 2) == "这里说到党建工作，要抓实。"


def test_the_command(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lib = tmp_path / "docs"
    lib.mkdir()
    for p in [*sorted(CORPUS.glob("*.txt")), SPEECH]:
        shutil.copy(p, lib / p.name)
    assert run_cli("library", "add", str(lib), data_dir=data).returncode == 0
    r = run_cli("usage", "人民代表大会", "--json", "--out", str(tmp_path / "u.docx"), data_dir=data)
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    assert items[0]["title"] == "中华人民共和国宪法" and items[0]["count"] > 100
    assert (tmp_path / "u.docx").is_file()
    plain = run_cli("usage", "人民代表大会", data_dir=data)
    assert "最早出现：《中华人民共和国宪法》（1982-12-04）" in plain.stderr
    none = run_cli("usage", "新质生产力", data_dir=data)
    assert none.returncode == 0 and "没有文档使用" in none.stderr


def test_each_sentence_points_at_its_own_occurrence(tmp_path: Path) -> None:
    from desktop_app.storage.library import LibraryEntry

    f = tmp_path / "t.txt"
    f.write_text("党建引领，党建促业务。\n另一句讲党建。", encoding="utf-8")
    entry = LibraryEntry("i", "t", str(f), "", "", "txt", 0, 0, "", "", 0, 0.0, True, "", "", 0)
    (u,), _ = usage_across([entry], "党建")
    assert u.count == 3 and len(u.sentences) == 2
    text = load_document(f).text
    for s, start in zip(u.sentences, u.sentence_starts, strict=True):
        assert text[start : start + 2] == "党建" and start >= text.index(s)
