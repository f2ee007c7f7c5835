"""Properties of every exporter (desktop_app.export.export_notes), read back with the real readers.

Random notes, tags, sections and bookmark titles holding any Unicode except lone surrogates (C0/C1
controls, terminal escapes, bidirectional marks, zero-width characters, emoji, non-BMP CJK, very
long strings), quotes on the text or, for orphans, anything at all.  For each format the file:

* docx / docx-annotated: opens in python-docx, and every XML part parses as XML 1.0 with no
  character XML 1.0 forbids;
* pdf: opens in pypdf, has pages, and its text holds every note's marker;
* md: parses with markdown-it-py; html: with html.parser; txt: UTF-8; none holds a control
  character other than the line break;
* csv: parses with the csv module to exactly one row per note plus the header, 13 cells each,
  no cell a spreadsheet would run as a formula;
* json: is valid JSON, one item per note and bookmark, each note's text exactly as stored.

Every note starts with a marker (``M0017K``) that must come out in every format.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.annotations import COLORS, Annotation, Bookmark, new_annotation, new_bookmark
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.export import ExportOptions, export_notes
from tests.conftest import SPEECH
from tests.property.profile import prop
from tests.property.strategies import HOSTILE_TEXT, LONG_HOSTILE_TEXT

_names = itertools.count()
_markers = itertools.count(1)

# XML 1.0 (section 2.2, Char): no C0 control but tab, LF, CR; no surrogates, U+FFFE, U+FFFF.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# In the text formats nothing of C0/C1 but the line break (CR only as part of CSV's CRLF).
TEXT_FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def speech() -> Document:
    return load_document(SPEECH)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("export-props")


@st.composite
def notes(draw: st.DrawFn, doc: Document, long: bool) -> tuple[list[Annotation], list[Bookmark], list[str]]:
    text = LONG_HOSTILE_TEXT if long else HOSTILE_TEXT
    anns: list[Annotation] = []
    markers: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(doc.text) - 2))
        end = draw(st.integers(start + 1, min(len(doc.text), start + 60)))
        marker = f"M{next(_markers):04d}K"
        markers.append(marker)
        a = new_annotation(
            doc,
            start,
            end,
            color=draw(st.sampled_from([c.key for c in COLORS])),
            style=draw(st.sampled_from(["highlight", "underline"])),
            note=f"{marker} {draw(text)}",  # first: hostile text before it could open an escape
            tags=draw(st.lists(HOSTILE_TEXT, max_size=3)),
        )
        a = replace(a, section=draw(st.one_of(st.just(a.section), HOSTILE_TEXT)))
        if draw(st.integers(0, 3)) == 0:  # an orphan: its quote may be anything
            a = replace(a, status="orphan", exact=draw(text) or "孤", prefix=draw(HOSTILE_TEXT))
        anns.append(a)
    bms = [
        new_bookmark(doc, draw(st.integers(0, len(doc.text) - 1)), title=draw(HOSTILE_TEXT) or "书签")
        for _ in range(draw(st.integers(0, 2)))
    ]
    return anns, bms, markers


def _export(doc: Document, anns: list[Annotation], bms: list[Bookmark], fmt: str, folder: Path, **kw) -> Path:  # type: ignore[no-untyped-def]
    out = folder / f"notes-{next(_names)}.{fmt}"
    options = ExportOptions(format=fmt, include_bookmarks=True, **kw)
    return export_notes(doc, anns, bms, options, out)


def check_docx(path: Path, markers: list[str]) -> None:
    import docx
    from lxml import etree

    document = docx.Document(str(path))  # python-docx opens it
    with zipfile.ZipFile(path) as z:
        xml_text = ""
        for name in z.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            raw = z.read(name)
            etree.fromstring(raw)  # a strict XML 1.0 parser (lxml): raises on a forbidden character
            decoded = raw.decode("utf-8")
            bad = XML_FORBIDDEN.search(decoded)
            assert bad is None, (name, repr(bad.group()))
            xml_text += decoded
    body = "\n".join(p.text for p in document.paragraphs)
    for m in markers:
        assert m in body or m in xml_text, m


def check_pdf(path: Path, markers: list[str]) -> None:
    import pypdf

    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) >= 1
    text = "".join(page.extract_text() for page in reader.pages)
    squeezed = re.sub(r"\s+", "", text)
    for m in markers:
        assert m in squeezed, m


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_text(path: Path, fmt: str, markers: list[str], anns: list[Annotation], bms: list[Bookmark]) -> None:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig" if fmt == "csv" else "utf-8")
    if fmt == "json":
        data = json.loads(text)
        items = data["first"]["items"]
        assert data["total"] == len(items) == len(anns) + len(bms)
        notes_out = {
            i["id"].removeprefix("urn:uuid:"): [
                b["value"] for b in i.get("body", []) if b.get("purpose") == "commenting"
            ]
            for i in items
        }
        for a in anns:
            assert notes_out[a.id] == [a.note]  # losslessly, control characters and all
        assert TEXT_FORBIDDEN.search(raw.decode("utf-8").replace("\n", "")) is None  # escaped, not raw
        return
    if fmt == "csv":
        assert TEXT_FORBIDDEN.search(text.replace("\r\n", "")) is None
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert len(rows) == len(anns) + 1 and all(len(r) == 13 for r in rows), [len(r) for r in rows]
        for row in rows[1:]:
            for cell in row:
                assert not cell.startswith(FORMULA_START), cell
        joined = "\n".join(",".join(r) for r in rows)
    else:
        assert TEXT_FORBIDDEN.search(text) is None, repr(TEXT_FORBIDDEN.search(text).group())  # type: ignore[union-attr]
        joined = text
        if fmt == "md":
            from markdown_it import MarkdownIt

            html = MarkdownIt("commonmark").render(text)
            parser = _Collect()
            parser.feed(html)
            joined = "".join(parser.text)
        elif fmt == "html":
            parser = _Collect()
            parser.feed(text)
            parser.close()
            joined = "".join(parser.text)
    for m in markers:
        assert m in joined, m


TEXT_FORMATS = ["md", "html", "txt", "csv", "json"]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@prop(40)
@given(data=st.data())
def test_text_formats_parse_back_with_no_forbidden_characters(
    speech: Document, folder: Path, fmt: str, data: st.DataObject
) -> None:
    anns, bms, markers = data.draw(notes(speech, long=True), label="notes")
    path = _export(speech, anns, bms, fmt, folder)
    check_text(path, fmt, markers, anns, bms)


@pytest.mark.parametrize(
    ("fmt", "style"), [("docx", "default"), ("docx-annotated", "default"), ("docx", "gongwen")]
)
@prop(15)
@given(data=st.data())
def test_word_exports_open_and_are_xml_1_0(
    speech: Document, folder: Path, fmt: str, style: str, data: st.DataObject
) -> None:
    anns, bms, markers = data.draw(notes(speech, long=False), label="notes")
    check_docx(_export(speech, anns, bms, fmt, folder, style=style), markers)


@prop(10)
@given(data=st.data())
def test_pdf_export_opens_with_every_note(speech: Document, folder: Path, data: st.DataObject) -> None:
    anns, bms, markers = data.draw(notes(speech, long=False), label="notes")
    check_pdf(_export(speech, anns, bms, "pdf", folder), markers)
