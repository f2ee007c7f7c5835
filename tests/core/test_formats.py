"""Recognising a file by its content, and the Document made from what a reader found."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.formats import Parsed, document_from_parsed, identify
from desktop_app.core.loader import DocumentError, load_document
from tests.conftest import SPEECH


def zipped(names: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in names.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "suffix", "kind"),
    [
        (zipped({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<t/>"}), ".txt", "docx"),
        (zipped({"OFD.xml": b"<o/>"}), ".zip", "ofd"),
        (zipped({"mimetype": b"application/epub+zip", "a.opf": b"<p/>"}), ".epub", "epub"),
        (zipped({"a.txt": b"x"}), ".docx", "zip"),
        (b"%PDF-1.7\n...", ".txt", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".doc", "ole"),
        (b"\x89PNG\r\n\x1a\n", ".pdf", "image"),
        (b"<!DOCTYPE html><html><body>x</body></html>", ".txt", "html"),
        (b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n", ".mht", "mhtml"),
        ("# 标题\n正文".encode(), ".md", "markdown"),
        ("一、总则\n正文。".encode(), ".txt", "text"),
        ("一、总则\n正文。".encode(), ".docx", "text"),
    ],
)
def test_the_kind_is_told_by_the_content(data: bytes, suffix: str, kind: str) -> None:
    assert identify(data, suffix) == kind


def test_a_text_file_named_docx_is_refused_with_what_it_is(tmp_path: Path) -> None:
    fake = tmp_path / "讲话.docx"
    fake.write_text("一、总则\n正文。", encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        load_document(fake)
    assert info.value.key == "named_but_text" and ".txt" in str(info.value)


def test_a_text_renamed_txt_still_reads_as_before(tmp_path: Path) -> None:
    copy = tmp_path / "speech.text"
    copy.write_bytes(SPEECH.read_bytes())
    a, b = load_document(SPEECH), load_document(copy)
    assert (a.text, a.sections, a.metadata) == (b.text, b.sections, b.metadata)


def test_declared_headings_make_the_tree() -> None:
    parsed = Parsed(
        [
            "关于做好年度工作的通知",
            "总体要求",
            "  认真学习。\n深入领会。",
            "具体安排",
            "工作步骤",
            "按时完成。",
        ],
        headings={1: 1, 3: 1, 4: 3},  # a jump from 1 to 3 becomes 2
        title="文件标题",
    )
    doc = document_from_parsed(parsed, path="x.docx", encoding="docx")
    assert [p.text for p in doc.paragraphs][2:4] == ["认真学习。", "深入领会。"]  # split and trimmed
    assert [(s.level, s.title) for s in doc.sections] == [(1, "总体要求"), (1, "具体安排"), (2, "工作步骤")]
    assert doc.sections[0].end == doc.sections[1].start
    assert doc.encoding == "docx"


def test_without_declared_headings_the_text_conventions_find_the_tree() -> None:
    parsed = Parsed(["关于做好年度工作的通知", "一、总体要求", "认真学习。", "二、具体安排", "按时完成。"])
    doc = document_from_parsed(parsed)
    assert [s.title for s in doc.sections] == ["一、总体要求", "二、具体安排"]


def test_a_file_with_no_text_is_empty() -> None:
    with pytest.raises(DocumentError) as info:
        document_from_parsed(Parsed(["  ", "\u3000"]))
    assert info.value.key == "empty"
