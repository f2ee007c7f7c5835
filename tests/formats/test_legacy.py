"""Legacy Word and WPS files (.doc, .wps), opened through a real LibreOffice: made by LibreOffice
from the corpus texts, read back through load_document and the real command line, and compared
with the same text opened as .txt; password-protected, damaged and non-Word OLE files; the
timeout, the private folder and what is left behind."""

from __future__ import annotations

import io
import os
import random
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.core.formats import identify, legacy
from desktop_app.core.loader import DocumentError, load_document
from tests.conftest import SPEECH, run_module
from tests.formats import web_fixtures as wf

OFFICE = legacy.find_soffice()
needs_office = pytest.mark.skipif(OFFICE is None, reason="LibreOffice (soffice) is not installed")

TEXTS = {
    "speech": SPEECH,
    "ershida": wf.CORPUS / "03_ershida_baogao_2022.txt",
    "xianfa": wf.CORPUS / "06_xianfa.txt",
    "paimaifa": wf.CORPUS / "08_paimaifa_2015.txt",
    "kouan": wf.CORPUS / "09_kouan_kaifang_guiding_1985.txt",
}


def soffice_convert(
    inputs: list[Path], target: str, out: Path, profile: Path, infilter: str = ""
) -> list[Path]:
    """LibreOffice's own conversion (the fixtures' maker, not the code under test)."""
    assert OFFICE
    command = [OFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target, "--outdir", str(out), *map(str, inputs)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    made = [out / f"{p.stem}.{target.split(':')[0]}" for p in inputs]
    assert all(p.is_file() for p in made), made
    return made


@pytest.fixture(scope="module")
def legacy_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each text as .doc and as .wps, written by LibreOffice from the UTF-8 .txt (one line a
    paragraph); LibreOffice writes its .wps in the Word 97 format, as WPS Office does."""
    if OFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    work = tmp_path_factory.mktemp("legacy")
    sources = []
    for name, path in TEXTS.items():
        copy = work / f"{name}.txt"
        copy.write_bytes(path.read_bytes())
        sources.append(copy)
    files: dict[str, Path] = {}
    text_filter = "Text (encoded):UTF8,LF,,,"
    for target in ("doc", "wps"):
        for made in soffice_convert(sources, target, work / target, work / "profile", text_filter):
            files[f"{made.stem}.{target}"] = made
    return files


def tree(doc: object) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in doc.sections]  # type: ignore[attr-defined]


@needs_office
@pytest.mark.parametrize("kind", ["doc", "wps"])
@pytest.mark.parametrize("name", TEXTS)
def test_a_legacy_file_reads_as_its_text(legacy_files: dict[str, Path], name: str, kind: str) -> None:
    path = legacy_files[f"{name}.{kind}"]
    data = path.read_bytes()
    assert identify(data, path.suffix) == "ole" and "WordDocument" in legacy.ole_entries(data)
    doc, txt = load_document(path), load_document(TEXTS[name])
    assert doc.text == txt.text
    assert tree(doc) == tree(txt)
    assert doc.encoding == kind


@needs_office
def test_word_list_numbering_in_a_doc_is_read_as_the_numbers(tmp_path: Path) -> None:
    """一、 and （一） as Word list numbering (not typed), saved as .doc: the numbers are back in
    the text and the tree is the .txt's."""
    from tests.formats.docx_fixtures import write_odt_with_lists

    txt = load_document(TEXTS["ershida"])
    odt = write_odt_with_lists(txt, tmp_path / "report.odt")
    (doc_file,) = soffice_convert([odt], "doc", tmp_path, tmp_path / "profile")
    assert "一、过去五年" not in odt.read_bytes().decode("latin-1")  # the numbers are not typed
    doc = load_document(doc_file)
    assert doc.text == txt.text and tree(doc) == tree(txt)


@needs_office
def test_a_doc_named_txt_opens_as_word(legacy_files: dict[str, Path], tmp_path: Path) -> None:
    renamed = tmp_path / "讲话.txt"
    renamed.write_bytes(legacy_files["speech.doc"].read_bytes())
    assert load_document(renamed).text == load_document(SPEECH).text


@needs_office
def test_the_command_line_reads_a_doc_as_it_reads_the_txt(
    legacy_files: dict[str, Path], tmp_path: Path
) -> None:
    for command in ("text", "toc"):
        legacy_out = run_module("desktop_app", command, str(legacy_files["kouan.wps"]), data_dir=tmp_path)
        text_out = run_module("desktop_app", command, str(TEXTS["kouan"]), data_dir=tmp_path)
        assert legacy_out.returncode == 0, legacy_out.stderr
        assert legacy_out.stdout == text_out.stdout and len(legacy_out.stdout) > 200


@needs_office
def test_without_libreoffice_the_message_says_to_save_as_docx(
    legacy_files: dict[str, Path], tmp_path: Path
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run_module(
        "desktop_app", "text", str(legacy_files["speech.doc"]), data_dir=tmp_path, PATH=str(empty)
    )
    assert result.returncode == 3
    assert "另存为”.docx" in result.stderr and "LibreOffice" in result.stderr
    assert "Traceback" not in result.stderr


def test_libreoffice_is_looked_for_where_its_installers_put_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    installed = r"C:\Program Files\LibreOffice\program\soffice.exe"
    monkeypatch.setattr(os.path, "isfile", lambda p: p == installed)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("ProgramFiles", raising=False)
    assert legacy.find_soffice() == installed
    monkeypatch.setattr(sys, "platform", "linux")
    assert legacy.find_soffice() is None


# --- the conversion: private, bounded, cleaned up --------------------------------------------


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            except OSError:
                continue
            if text in command:
                found.append(command)
    return found


@needs_office
def test_the_conversion_runs_privately_and_leaves_nothing(
    legacy_files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from desktop_app.paths import cache_dir

    temp = tmp_path / "tmp"  # the shared temporary folder, as this process and LibreOffice see it
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    seen: list[tuple[int, list[str]]] = []
    real_run = legacy._run

    def watched(command: list[str], folder: Path, name: str) -> None:
        seen.append((folder.stat().st_mode & 0o777, command))
        real_run(command, folder, name)

    monkeypatch.setattr(legacy, "_run", watched)
    load_document(legacy_files["paimaifa.doc"])
    ((mode, command),) = seen
    assert mode == 0o700
    folder = Path(command[-1]).parent
    assert folder.parent == cache_dir() / "convert"  # beside the user's data, not in /tmp
    assert f"-env:UserInstallation={(folder / 'profile').as_uri()}" in command and "--headless" in command
    assert "--infilter=MS Word 97" in command
    assert list(folder.parent.iterdir()) == []  # the copy, the profile and the result are gone
    assert list(temp.iterdir()) == []  # and LibreOffice wrote nothing to the shared folder
    assert _processes_mentioning(str(folder)) == []


@needs_office
def test_a_conversion_past_the_timeout_is_killed_whole(
    legacy_files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.paths import cache_dir

    temp = cache_dir() / "convert"
    monkeypatch.setattr(legacy, "TIMEOUT_SECONDS", 0.3)  # LibreOffice needs a second at least
    start = time.perf_counter()
    with pytest.raises(DocumentError) as info:
        load_document(legacy_files["ershida.doc"])
    assert info.value.key == "legacy_failed" and "0 秒内没有转换完成" in str(info.value)
    assert time.perf_counter() - start < 15
    assert list(temp.iterdir()) == []
    assert _processes_mentioning(str(temp)) == []  # soffice, oosplash, soffice.bin: all gone


# --- files that cannot be converted -----------------------------------------------------------


def test_an_ole_file_without_a_word_document_is_refused_before_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("LibreOffice must not be started")

    monkeypatch.setattr(legacy, "convert_to_docx", never)
    rng = random.Random(12)
    saved = tmp_path / "random.doc"
    saved.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(20_000))
    with pytest.raises(DocumentError) as info:
        load_document(saved)
    assert info.value.key == "legacy_failed" and "没有 Word 或 WPS 文档" in str(info.value)


@needs_office
def test_a_doc_whose_word_stream_is_garbage_fails_within_the_timeout(
    legacy_files: dict[str, Path], tmp_path: Path
) -> None:
    data = bytearray(legacy_files["kouan.doc"].read_bytes())
    _kind, first, _size = legacy.ole_entries(bytes(data))["WordDocument"]
    start = (first + 1) * 512
    data[start : start + 512] = random.Random(7).randbytes(512)  # the FIB and what follows it
    saved = tmp_path / "damaged.doc"
    saved.write_bytes(bytes(data))
    began = time.perf_counter()
    with pytest.raises(DocumentError) as info:
        load_document(saved)
    assert info.value.key == "legacy_failed" and "LibreOffice 读不了" in str(info.value)
    assert time.perf_counter() - began < legacy.TIMEOUT_SECONDS


@needs_office
@pytest.mark.parametrize("cut", [8, 511, 2048, 9000])
def test_a_truncated_doc_is_told_in_words(legacy_files: dict[str, Path], tmp_path: Path, cut: int) -> None:
    data = legacy_files["kouan.doc"].read_bytes()[:cut]
    assert isinstance(legacy.ole_entries(data), dict)  # what could be read, never an error
    saved = tmp_path / "cut.doc"
    saved.write_bytes(data)
    with pytest.raises(DocumentError):
        load_document(saved)


# --- password-protected files -----------------------------------------------------------------


def test_a_password_protected_word_file_is_told(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An encrypted .docx is an OLE file with an EncryptedPackage stream, as Word and WPS write it."""
    msoffcrypto = pytest.importorskip("msoffcrypto", reason="msoffcrypto-tool makes the encrypted file")
    from msoffcrypto.format.ooxml import OOXMLFile

    from tests.formats.docx_fixtures import docx_from_paragraphs

    plain = docx_from_paragraphs(
        ["关于做好年度工作的通知", "一、总体要求", "认真学习。"], tmp_path / "plain.docx"
    )
    encrypted = io.BytesIO()
    with plain.open("rb") as f:
        OOXMLFile(f).encrypt("密码123", encrypted)
    data = encrypted.getvalue()
    assert msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted()
    assert "EncryptedPackage" in legacy.ole_entries(data)
    monkeypatch.setattr(legacy, "convert_to_docx", lambda *a: pytest.fail("LibreOffice started"))
    for name in ("通知.docx", "通知.doc"):
        saved = tmp_path / name
        saved.write_bytes(data)
        with pytest.raises(DocumentError) as info:
            load_document(saved)
        assert info.value.key == "password_protected" and "密码" in str(info.value)


@needs_office
def test_a_doc_whose_fib_says_encrypted_is_told(legacy_files: dict[str, Path], tmp_path: Path) -> None:
    """Word 97-2003 encryption (RC4, or XOR obfuscation) is the FIB's fEncrypted bit."""
    data = bytearray(legacy_files["kouan.doc"].read_bytes())
    assert not legacy.word_is_encrypted(bytes(data), legacy.ole_entries(bytes(data)))
    _kind, first, _size = legacy.ole_entries(bytes(data))["WordDocument"]
    flags_at = (first + 1) * 512 + 10
    (flags,) = struct.unpack_from("<H", data, flags_at)
    struct.pack_into("<H", data, flags_at, flags | 0x0100)
    saved = tmp_path / "secret.doc"
    saved.write_bytes(bytes(data))
    with pytest.raises(DocumentError) as info:
        load_document(saved)
    assert info.value.key == "password_protected"
