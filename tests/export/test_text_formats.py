"""Markdown, HTML, text, CSV and PDF read back with real parsers; the 'filter' options."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest

from desktop_app.export import ExportOptions, export_notes
from tests.export.conftest import HOSTILE, Notes


def _export(notes: Notes, tmp_path: Path, fmt: str, **kw: object) -> Path:
    opts = ExportOptions(format=fmt, **kw)  # type: ignore[arg-type]
    return export_notes(notes.doc, notes.annotations, notes.bookmarks, opts, tmp_path / f"out.{fmt}")


def test_markdown_is_commonmark_with_headings_blockquotes_and_escaped_notes(
    notes: Notes, tmp_path: Path
) -> None:
    from markdown_it import MarkdownIt

    text = _export(notes, tmp_path, "md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(text)
    kinds = {t.type for t in tokens}
    assert "html_block" not in kinds
    assert not any(c.type == "html_inline" for t in tokens for c in (t.children or []))
    inline = [c.type for t in tokens for c in t.children or []]
    assert "link_open" not in inline
    assert inline.count("strong_open") == sum(
        1 for a in notes.annotations if a.note
    )  # only our "笔记：" labels
    headings = [
        "".join(c.content for c in tokens[i + 1].children or [] if c.type == "text")
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    assert headings[0] == notes.doc.title
    assert any(h.startswith("第一条经验") for h in headings) and any(h.startswith("二要") for h in headings)
    html = MarkdownIt("commonmark").render(text)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "**粗体**" in html and "[链接](http://e.com)" in html  # shown as typed, not as markup
    assert html.count("<blockquote>") == len(notes.annotations)
    yellow = next(a for a in notes.annotations if a.color == "yellow")
    assert yellow.exact in html and "第一行<br />\n第二行" in html


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_escaped(notes: Notes, tmp_path: Path) -> None:
    raw = _export(notes, tmp_path, "html").read_text(encoding="utf-8")
    p = _Collect()
    p.feed(raw)
    p.close()
    assert "script" not in p.tags and "link" not in p.tags and "img" not in p.tags
    assert p.tags.count("mark") == len(notes.annotations) and "style" in p.tags
    assert "&lt;script&gt;" in raw
    body = "".join(p.text)
    assert HOSTILE in body  # the note's text comes back exactly, as text
    for a in notes.annotations:
        assert a.exact.replace("\n", "") in body.replace("\n", "")


def test_csv_has_bom_columns_and_one_row_per_note(notes: Notes, tmp_path: Path) -> None:
    raw = _export(notes, tmp_path, "csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "id", "section", "paragraph", "start", "end", "quote", "note", "tags", "colour", "style",
        "created", "modified", "status",
    ]  # fmt: skip
    assert [r["id"] for r in rows] == [a.id for a in notes.annotations]
    for r, a in zip(rows, notes.annotations, strict=True):
        assert (r["quote"], r["note"], r["colour"], int(r["start"])) == (a.exact, a.note, a.color, a.start)
        assert r["paragraph"] == str(notes.doc.paragraph_at(a.start).index + 1)


def test_txt_and_filters(notes: Notes, tmp_path: Path) -> None:
    text = _export(notes, tmp_path, "txt", colors={"yellow"}).read_text(encoding="utf-8")
    yellow = next(a for a in notes.annotations if a.color == "yellow")
    others = [a for a in notes.annotations if a.color != "yellow"]
    assert yellow.exact in text and all(a.exact not in text for a in others)
    text = _export(notes, tmp_path, "txt", tags={"安全"}).read_text(encoding="utf-8")
    assert HOSTILE in text and yellow.exact not in text
    text = _export(notes, tmp_path, "txt", include_bookmarks=True).read_text(encoding="utf-8")
    assert "书签一" in text


def test_pdf_text_is_extractable_chinese(notes: Notes, tmp_path: Path, qapp: object) -> None:
    pypdf = pytest.importorskip("pypdf")
    out = _export(notes, tmp_path, "pdf")
    reader = pypdf.PdfReader(str(out))
    text = "".join(p.extract_text() for p in reader.pages)
    flat = "".join(text.split())
    assert "".join(notes.doc.title.split()) in flat
    yellow = next(a for a in notes.annotations if a.color == "yellow")
    assert "".join(yellow.exact.split()) in flat and "第一行" in flat
    fonts = [f.get_object() for page in reader.pages for f in page["/Resources"]["/Font"].values()]
    assert any("/FontFile2" in str(f.get_object()) or "/DescendantFonts" in f for f in fonts)
