"""Loading .txt files: encodings, line ends, paragraphs, bad input."""

from __future__ import annotations

import codecs
import os
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
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 500, "not_supported_image"),  # said what it is
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


def test_huge_file_is_refused_by_its_size_before_reading(tmp_path: Path) -> None:
    """A 64 GB (sparse) file: refused at once by stat, nothing read (was: read until memory ran out)."""
    import time

    from desktop_app.core import loader

    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.write("第一条 正文。\n".encode())
        fh.truncate(64 * 2**30)
    t0 = time.perf_counter()
    with pytest.raises(DocumentError) as err:
        load_document(huge)
    assert err.value.key == "too_big" and "65536 MB" in str(err.value)
    assert str(loader.MAX_FILE_BYTES // 2**20) in str(err.value)
    assert time.perf_counter() - t0 < 0.5


def test_a_file_growing_while_read_is_cut_at_the_limit(tmp_path: Path) -> None:
    """The read itself stops at the limit: a file that grows after its stat cannot fill the memory."""
    from desktop_app.core.loader import read_at_most

    path = tmp_path / "log.txt"
    path.write_bytes(b"x" * 5000)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert read_at_most(fd, 5000) == b"x" * 5000
        os.lseek(fd, 0, os.SEEK_SET)
        with pytest.raises(DocumentError) as err:
            read_at_most(fd, 4999, str(path))
        assert err.value.key == "too_big"
        # it read no more than the limit and one byte
        assert os.lseek(fd, 0, os.SEEK_CUR) == 5000
    finally:
        os.close(fd)
    # /dev/zero never ends: the bounded read stops it
    fd = os.open("/dev/zero", os.O_RDONLY) if os.path.exists("/dev/zero") else None
    if fd is not None:
        try:
            with pytest.raises(DocumentError):
                read_at_most(fd, 3 * 2**20 + 7)
        finally:
            os.close(fd)


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    """A pipe, a device, a socket and a folder are refused by their type, at once, in plain words."""
    from tests import hostile

    fifo = hostile.make_fifo(tmp_path)
    device = hostile.make_char_device(tmp_path)
    with hostile.listening_socket() as sock:
        cases = {fifo: ("fifo", "管道"), device: ("device", "设备"), sock: ("socket", "套接字")}
        cases[tmp_path] = ("is_dir", "文件夹")
        for path, (key, words) in cases.items():
            with pytest.raises(DocumentError) as err:
                load_document(path)  # a FIFO without a writer hung here
            assert err.value.key == key, path
            assert words in str(err.value) and str(path) in str(err.value)
    if Path("/dev/urandom").exists():
        with pytest.raises(DocumentError) as err:
            load_document("/dev/urandom")
        assert err.value.key == "device"


def test_a_link_to_a_pipe_is_refused_like_the_pipe(tmp_path: Path) -> None:
    from tests import hostile

    link = tmp_path / "link.txt"
    link.symlink_to(hostile.make_fifo(tmp_path))
    with pytest.raises(DocumentError) as err:
        load_document(link)
    assert err.value.key == "fifo"


def test_symbolic_links(tmp_path: Path) -> None:
    """A link loop says so (was: "file not found"); a broken link names where it points; a good one opens."""
    from tests import hostile

    loop = hostile.make_loop(tmp_path)
    with pytest.raises(DocumentError) as err:
        load_document(loop)
    assert err.value.key == "link_loop" and "找不到" not in str(err.value)
    assert "符号链接" in str(err.value) and str(loop) in str(err.value)
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(DocumentError) as err:
        load_document(broken)
    assert err.value.key == "broken_link" and "gone.txt" in str(err.value)
    real = tmp_path / "real.txt"
    real.write_text(SAMPLE, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.symlink_to(real)
    assert load_document(good).paragraphs[0].text == "第一章 总则"
    set_language("en")
    with pytest.raises(DocumentError, match="link loop"):
        load_document(loop)


def test_a_missing_folder_on_the_way_is_not_found(tmp_path: Path) -> None:
    afile = tmp_path / "a.txt"
    afile.write_text("正文", encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        load_document(afile / "b.txt")
    assert err.value.key == "not_found"
    with pytest.raises(DocumentError) as err:
        load_document(tmp_path / ("长" * 300 + ".txt"))
    assert err.value.key == "name_too_long"


def test_unreadable_file_gives_a_message(tmp_path: Path) -> None:
    """A file without read permission, refused by the system for real (as root: without root's powers)."""
    import subprocess
    import sys

    from tests import hostile
    from tests.conftest import ROOT

    target = tmp_path / "locked.txt"
    target.write_text("正文。", encoding="utf-8")
    target.chmod(0)
    tmp_path.chmod(0o755)
    code = (
        "import sys; from desktop_app.core.loader import DocumentError, load_document\n"
        "try: load_document(sys.argv[1])\n"
        "except DocumentError as exc: print(exc.key, exc, sep='|')\n"
    )
    cmd = hostile.unprivileged([sys.executable, "-c", code, str(target)])
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=60, encoding="utf-8")
    assert r.returncode == 0, r.stderr
    key, text = r.stdout.strip().split("|")
    assert key == "no_permission" and str(target) in text


def test_a_file_name_that_is_not_utf8_opens_and_is_printable(tmp_path: Path) -> None:
    """GBK bytes in a file name (a Windows zip unpacked on Linux): the file opens; messages
    naming it hold replacement characters, not lone surrogates that crash print and SQLite."""
    from tests import hostile

    path = hostile.gbk_named_file(tmp_path)
    doc = load_document(path)
    assert doc.paragraphs[1].text.startswith("第一条")
    assert os.fsencode(doc.path).endswith(hostile.GBK_NAME)  # the path is kept losslessly
    missing = Path(str(path) + ".bak")
    with pytest.raises(DocumentError) as err:
        load_document(missing)
    text = str(err.value)
    text.encode("utf-8")  # no lone surrogates left
    assert "\ufffd" in text and text.endswith(".txt.bak")


def test_control_characters_in_a_name_do_not_reach_the_message(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as err:
        load_document(tmp_path / "a\x1b[2Jb\nc.txt")
    assert "\x1b" not in str(err.value) and "\n" not in str(err.value)
