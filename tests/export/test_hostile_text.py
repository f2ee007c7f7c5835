"""Hostile note text in every export, as properties over generated strings (hypothesis).

Defects this reproduces (issue #11, point 6): ``render_csv`` defused the quote and note cells
but joined the tags and wrote the section raw, so ``=HYPERLINK(...)``, ``=2+5`` or ``+cmd`` reached
a spreadsheet cell as a formula; terminal escape sequences (``ESC [ 2 J``, ``ESC ] 0 ; title BEL``)
and other control characters from an imported note reached the .md / .txt / .html files, where
``cat`` or ``type`` runs them in a terminal.  Found while testing: a lone surrogate in a note
(possible in a hand-made JSON file) made every text export fail with an internal error.

Notes are generated as safe text interleaved with hostile pieces; each output is parsed back with
its real reader (csv, html.parser, markdown-it) and checked: no cell starts a formula, no control
character other than a line break is left, and the safe text is all still there.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.annotations import Annotation, new_annotation
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.export import ExportOptions, export_notes
from tests.conftest import SPEECH
from tests.export.conftest import Notes

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Pieces a hostile file or a pasted terminal log may hold: escape sequences (CSI, OSC, charset,
# 8-bit CSI), bell, NUL, DEL, C1 controls, formula starts.
ESCAPES = [
    "\x1b[2J",
    "\x1b[31;1m",
    "\x1b[0m",
    "\x1b]0;owned\x07",
    "\x1b]8;;http://evil.example/\x1b\\",
    "\x1b(B",
    "\x1bc",
    "\x9b1;31m",
    "\x07",
    "\x00",
    "\x7f",
    "\x08\x08\x08",
    "\x85",
    "\x9c",
    "\x1b",
]
MARKUP = [
    "<script>alert(1)</script>",
    "**粗体**",
    "[链接](http://evil.example)",
    "<a href=x>",
    "&amp;",
    "# 标题",
]
FORMULAS = ["=2+5", '=HYPERLINK("http://evil.example","点我")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(A1)"]

safe_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12
).filter(lambda s: s.strip() == s)
piece = st.one_of(safe_text, st.sampled_from(ESCAPES))
hostile = st.lists(st.one_of(piece, st.sampled_from(FORMULAS + MARKUP)), max_size=6).map("".join)
starts_with_formula = st.tuples(
    st.sampled_from([e for e in ESCAPES if e != "\x1b"] + [""]), st.sampled_from(FORMULAS), hostile
).map("".join)

# ECMA-48: a control string (OSC, DCS, ...) up to BEL or ST; CSI; other escape sequences.
ESCAPE_SEQ = re.compile(
    r"\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|\x1b[ -/]*[0-~]"
)


def visible(text: str) -> str:
    """What survives of ``text``: escape sequences and control characters (but line breaks) gone.
    An independent statement of the rule, for comparison with what the exports wrote."""
    text = ESCAPE_SEQ.sub("", text)
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")


def no_controls(text: str) -> bool:
    return not any(unicodedata.category(c) == "Cc" and c != "\n" for c in text)


_DOC: list[Document] = []


def speech() -> Document:
    if not _DOC:
        _DOC.append(load_document(SPEECH))
    return _DOC[0]


def hostile_annotations(note: str, tags: list[str], section: str, quote: str) -> list[Annotation]:
    """A placed note with the hostile note and tags, and an orphan with a hostile quote and section."""
    doc = speech()
    placed = new_annotation(doc, 100, 110, note=note, tags=tags)
    orphan = dataclasses.replace(
        new_annotation(doc, 200, 210),
        exact=quote,
        section=section,
        status="orphan",
        note=note,
        tags=tuple(tags),
    )
    return [placed, orphan]


def export_text(fmt: str, anns: list[Annotation]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = export_notes(speech(), anns, [], ExportOptions(format=fmt), Path(tmp) / f"x.{fmt}")
        return out.read_bytes().decode("utf-8-sig")


def csv_rows(anns: list[Annotation]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export_text("csv", anns), newline="")))


PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(note=hostile, tags=st.lists(hostile, max_size=3), section=hostile, quote=hostile)
def test_no_csv_cell_starts_a_formula_or_holds_a_control_character(
    note: str, tags: list[str], section: str, quote: str
) -> None:
    anns = hostile_annotations(note, tags, section, quote)
    rows = csv_rows(anns)
    assert len(rows) == 2
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_START), (column, cell)
            assert no_controls(cell), (column, cell)
    orphan = rows[1]
    for column, value in (("note", note), ("quote", quote), ("section", section)):
        expected = visible(value).replace("\r", "")
        defused = "'" + expected if expected.startswith(FORMULA_START) else expected
        assert orphan[column] == defused, column  # a value that is only "'" stays "'"


@PROPERTY
@given(cell=starts_with_formula)
def test_every_column_that_holds_user_text_is_guarded(cell: str) -> None:
    """A formula, even behind an escape sequence, gets an apostrophe in every text column.
    (Not behind a lone ESC: ``ESC =`` is itself an escape sequence, removed whole.)"""
    anns = hostile_annotations(cell, [cell], cell, cell)
    tags_cell = csv_rows(anns)[1]
    for column in ("note", "quote", "section", "tags"):
        assert tags_cell[column].startswith("'"), (column, tags_cell[column])


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.data.append(data)


@PROPERTY
@given(note=hostile, tags=st.lists(hostile, max_size=3), section=hostile, quote=hostile)
def test_no_control_character_or_markup_reaches_markdown_text_or_html(
    note: str, tags: list[str], section: str, quote: str
) -> None:
    from markdown_it import MarkdownIt

    anns = hostile_annotations(note, tags, section, quote)
    out = {fmt: export_text(fmt, anns) for fmt in ("md", "txt", "html")}
    for fmt, text in out.items():
        assert no_controls(text), (fmt, [c for c in text if unicodedata.category(c) == "Cc"])
    tokens = MarkdownIt("commonmark").parse(out["md"])
    assert not [t for t in tokens if t.type == "html_block"]
    assert not [c for t in tokens for c in t.children or [] if c.type in ("html_inline", "link_open")]
    parser = _Text()
    parser.feed(out["html"])
    assert "script" not in parser.tags and "a" not in parser.tags
    page = "".join(parser.data)
    # The safe text is all still there: in the plain text as it was, in the page as data.
    for value in (note, quote, *tags):
        for line in visible(value).split("\n"):
            for word in line.split():
                assert word in out["txt"] and word in page, word


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "csv", "docx", "docx-annotated", "pdf", "json"])
def test_a_lone_surrogate_in_a_note_exports_in_every_format(notes: Notes, tmp_path: Path, fmt: str) -> None:
    bad = dataclasses.replace(notes.annotations[0], note="前\ud800后\udfff", tags=("标\udc80签",))
    out = export_notes(notes.doc, [bad], [], ExportOptions(format=fmt), tmp_path / f"x.{fmt}")
    data = out.read_bytes()
    if fmt not in ("docx", "docx-annotated", "pdf"):
        data.decode("utf-8")  # valid UTF-8 throughout
    if fmt == "json":  # kept losslessly, as JSON escapes
        item = json.loads(data)["first"]["items"][0]
        assert [b["value"] for b in item["body"]] == ["前\ud800后\udfff", "标\udc80签"]
    elif fmt in ("md", "txt", "html", "csv"):
        assert "前\ufffd后\ufffd" in data.decode("utf-8-sig")


def test_word_and_pdf_show_no_escape_sequence_residue(notes: Notes, tmp_path: Path) -> None:
    """Word drops the ESC that XML cannot hold; the rest ('[31m') must go with it."""
    from pypdf import PdfReader

    note = "\x1b[31m红色\x1b[0m提醒\x07\x1b]0;title\x07完"
    bad = dataclasses.replace(notes.annotations[0], note=note, tags=("\x1b[1m标签",))
    for fmt in ("docx", "docx-annotated"):
        out = export_notes(notes.doc, [bad], [], ExportOptions(format=fmt), tmp_path / f"{fmt}.docx")
        d = docx.Document(str(out))
        texts = "\n".join(p.text for p in d.paragraphs)
        if fmt == "docx-annotated":
            texts += "\n".join(c.text for c in d.comments)
        assert "红色提醒完" in texts and "[31m" not in texts and "[0m" not in texts and "title" not in texts
        assert "标签" in texts and "[1m" not in texts
    pdf = export_notes(notes.doc, [bad], [], ExportOptions(format="pdf"), tmp_path / "x.pdf")
    text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "红色提醒完" in text and "[31m" not in text and "title" not in text


def test_line_ends_and_tabs_of_any_system_become_line_breaks_and_spaces(notes: Notes, tmp_path: Path) -> None:
    """A note pasted from Windows (CRLF), old Mac (CR) or with tabs: one line break each, no CR."""
    bad = dataclasses.replace(notes.annotations[0], note="一\r\n二\r三\n四\t五")
    txt = export_notes(notes.doc, [bad], [], ExportOptions(format="txt"), tmp_path / "x.txt")
    lines = txt.read_text(encoding="utf-8").split("\n")
    assert [x for x in lines if x.startswith("    ") and "——" not in x] == [
        "    一",
        "    二",
        "    三",
        "    四 五",
    ]
    assert "\r" not in txt.read_text(encoding="utf-8")
    row = csv_rows([bad])[0]
    assert row["note"] == "一\n二\n三\n四 五"


def test_json_keeps_hostile_notes_exactly_but_as_escapes(notes: Notes, tmp_path: Path) -> None:
    """JSON is for moving notes: they go in as stored, but no control character is raw in the file."""
    note = "\x1b[31m红\x9b1m\x7f\x07\x00尾\ud800"
    bad = dataclasses.replace(notes.annotations[0], note=note, tags=("\x85标签",))
    out = export_notes(notes.doc, [bad], [], ExportOptions(format="json"), tmp_path / "x.json")
    text = out.read_bytes().decode("utf-8")
    assert no_controls(text)
    item = json.loads(text)["first"]["items"][0]
    assert [b["value"] for b in item["body"]] == [note, "\x85标签"]
