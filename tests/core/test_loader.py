"""Loading .txt files: encodings, line ends, paragraphs, bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from desktop_app.core.document import Document
from desktop_app.core.loader import DocumentError, decode_bytes, load_document, paragraphs_from_text
from desktop_app.core.messages import set_language

SAMPLE = (
    "第一章 总则\r\n\u3000\u3000第一条 为了规范拍卖行为，制定本法。\r\n"
    "\r\n\u3000\u3000第二条 本法适用于拍卖企业。\r\n"
)


def test_paragraphs_drop_blank_lines_and_fullwidth_indent() -> None:
    assert paragraphs_from_text("　　甲。\n\n\n　乙\r\n丙\r丁\u2029戊 ") == ["甲。", "乙", "丙", "丁", "戊"]


def test_document_offsets_count_characters(speech_path: Path) -> None:
    doc = load_document(speech_path)
    assert doc.text == "\n".join(p.text for p in doc.paragraphs)
    for p in doc.paragraphs:
        assert doc.text[p.start : p.end] == p.text
        assert "\n" not in p.text and p.text == p.text.strip()
    assert doc.paragraph_at(doc.paragraphs[5].start + 3).index == 5
    assert len(doc.fingerprint) == 64


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("gb18030", b""),
        ("gbk", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "law.txt"
    path.write_bytes(bom + SAMPLE.encode(encoding))
    doc = load_document(path)
    assert doc.paragraphs[1].text == "第一条 为了规范拍卖行为，制定本法。"
    assert [p.text for p in doc.paragraphs] == paragraphs_from_text(SAMPLE)


def test_gbk_speech_reads_the_same_as_utf8(tmp_path: Path, speech_path: Path) -> None:
    text = speech_path.read_text(encoding="utf-8")
    gbk = tmp_path / "speech-gbk.txt"
    gbk.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    a, b = load_document(speech_path), load_document(gbk)
    assert a.text == b.text and a.fingerprint == b.fingerprint
    assert b.encoding == "gb18030"


def test_gb18030_only_characters_survive() -> None:
    text = "𠀀𪚥 是扩展区汉字，䶮 也是。" * 20
    decoded, enc = decode_bytes(text.encode("gb18030"))
    assert decoded == text and enc == "gb18030"


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"", "empty"),
        (b"  \r\n\t\r\n", "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 500, "binary"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd bad", "bad_bom"),
    ],
)
def test_bad_files_raise_plain_messages(tmp_path: Path, content: bytes, key: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as err:
        load_document(path)
    assert err.value.key == key
    assert str(path) in str(err.value)
    assert "Traceback" not in str(err.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="找不到文件"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="文件夹"):
        load_document(tmp_path)


def test_messages_in_english(tmp_path: Path) -> None:
    set_language("en")
    with pytest.raises(DocumentError, match="File not found"):
        load_document(tmp_path / "nope.txt")


def test_fingerprint_ignores_line_ending_style(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("甲\n乙\n", encoding="utf-8")
    b.write_bytes("\ufeff　　甲\r\n\r\n乙".encode())
    assert load_document(a).fingerprint == load_document(b).fingerprint


def test_section_path_nests() -> None:
    from desktop_app.core.loader import document_from_text

    doc: Document = document_from_text(
        "标题\n一、总体要求\n正文。\n二、主要任务\n（一）加强学习。正文。\n正文。\n（二）改进作风。正文。"
    )
    offset = doc.text.index("改进作风") + 2
    assert [s.title for s in doc.section_path(offset)] == ["二、主要任务", "（二）改进作风"]
    assert doc.section_path(0) == []


def test_too_big_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.core import loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("字" * 2000, encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        load_document(big)
    assert err.value.key == "too_big" and "MB" in str(err.value)


def test_unreadable_file_gives_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "locked.txt"
    target.write_text("正文。", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(DocumentError) as err:
        load_document(target)
    assert err.value.key == "no_permission" and str(target) in str(err.value)
