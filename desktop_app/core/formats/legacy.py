"""Legacy Word and WPS files (.doc, .wps: OLE compound files), opened through LibreOffice.

Word 97-2003 and WPS (Kingsoft's .wps is the same binary format, a ``WordDocument`` stream in
an OLE compound file) are not read here: when LibreOffice is installed it converts the file to
.docx, which the Word reader (core/formats/docx.py) then reads, so a .doc gets the same
paragraphs, numbering and headings as a .docx.  Otherwise the message says to save it as .docx
from WPS or Word.

The conversion runs in a private folder made for it inside the program's cache folder (mode
0700, never the shared /tmp: the user's text stays where their data lives), holding the copy of
the file, LibreOffice's own temporary files (TMPDIR/TEMP point there), LibreOffice's own fresh
profile (``-env:UserInstallation``: a LibreOffice the
user has open is neither used nor disturbed) and the result; headless, with the Word import
filter named (LibreOffice would otherwise show a file it cannot read as text), and a timeout
after which the whole process group is killed.  The folder is removed whatever happens.

Before any of that, the compound file's directory is read: a password-protected file (an
``EncryptedPackage`` stream, which is what an encrypted .docx is; or a Word binary whose FIB
says encrypted or obfuscated) gets the password message, and an OLE file with no Word or WPS
document in it (an Excel or PowerPoint file, a damaged one) is refused without starting
LibreOffice.
"""

from __future__ import annotations

import importlib
import os
import struct
import sys
from pathlib import Path
from typing import Any

from desktop_app.core.formats import Parsed
from desktop_app.core.loader import DocumentError
from desktop_app.core.messages import message

TIMEOUT_SECONDS = 60.0
# Where LibreOffice is installed when it is not on PATH (Windows and macOS installers).
_WINDOWS_PLACES = (r"LibreOffice\program\soffice.exe",)
_MAC_PLACES = ("/Applications/LibreOffice.app/Contents/MacOS/soffice",)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFA  # sector numbers at or above this end a chain or mean "free"


def read(data: bytes, path: Path) -> Parsed:
    name = str(path)
    docx = importlib.import_module("desktop_app.core.formats.docx")
    entries = ole_entries(data)
    if docx.is_encrypted_office(data) or "EncryptedPackage" in entries or word_is_encrypted(data, entries):
        raise DocumentError("password_protected", name)
    if "WordDocument" in entries:
        import_filter = "MS Word 97"
    elif "CONTENTS" in entries or "MatOST" in entries:
        import_filter = ""  # Microsoft Works (.wps): LibreOffice's own detection
    else:
        raise DocumentError("legacy_failed", name, reason=message("legacy_not_word"))
    program = find_soffice()
    if program is None:
        raise DocumentError("legacy_needs_office", name)
    converted = convert_to_docx(data, path, program, import_filter)
    parsed = docx.read(converted, path)
    kind = path.suffix.lower().lstrip(".")
    return parsed._replace(encoding=kind if kind in ("doc", "wps", "dot", "wpt") else "doc")


def find_soffice() -> str | None:
    """LibreOffice's program: ``soffice`` or ``libreoffice`` on PATH, else where its installer
    puts it (C:\\Program Files\\LibreOffice\\program\\soffice.exe, /Applications/LibreOffice.app)."""
    import shutil

    for command in ("soffice", "libreoffice"):
        found = shutil.which(command)
        if found:
            return found
    places: list[str] = []
    if sys.platform == "win32":
        roots = {os.environ.get(v, "") for v in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")}
        roots |= {r"C:\Program Files", r"C:\Program Files (x86)"}
        places = [
            root.rstrip("\\/") + "\\" + tail for root in sorted(roots) if root for tail in _WINDOWS_PLACES
        ]
    elif sys.platform == "darwin":
        places = list(_MAC_PLACES)
    return next((p for p in places if os.path.isfile(p)), None)


def convert_to_docx(data: bytes, path: Path, program: str, import_filter: str = "MS Word 97") -> bytes:
    """The .docx LibreOffice makes of ``data``.  Raises DocumentError("legacy_failed")."""
    import shutil

    folder = _private_folder()
    try:
        suffix = path.suffix.lower() if path.suffix.lower() in (".doc", ".wps", ".dot", ".wpt") else ".doc"
        source = folder / f"document{suffix}"  # an ASCII name: no file-name encoding problem
        fd = os.open(source, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        result_folder = folder / "out"
        result_folder.mkdir(mode=0o700)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
        ]
        if import_filter:
            command.append(f"--infilter={import_filter}")
        command += ["--convert-to", "docx:MS Word 2007 XML", "--outdir", str(result_folder), str(source)]
        _run(command, folder, str(path))
        result = result_folder / "document.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise DocumentError("legacy_failed", str(path), reason=message("legacy_not_converted"))
        return result.read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if folder.exists():  # Windows: a file still held by a process that is going away
            import time

            time.sleep(1.0)
            shutil.rmtree(folder, ignore_errors=True)


def _private_folder() -> Path:
    """A new folder (0700) under the cache folder's ``convert``: only this user reads the copy."""
    import secrets

    from desktop_app.paths import cache_dir

    parent = cache_dir() / "convert"
    parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    while True:
        folder = parent / f"yandu-legacy-{secrets.token_hex(6)}"
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        return folder


def _run(command: list[str], folder: Path, name: str) -> None:
    """Run LibreOffice in a process group of its own, killed whole after TIMEOUT_SECONDS."""
    import subprocess

    options: dict[str, Any] = {}
    if os.name == "posix":
        options["start_new_session"] = True
    else:
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | getattr(
            subprocess, "CREATE_NO_WINDOW", 0
        )
    scratch = folder / "tmp"
    scratch.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, TMPDIR=str(scratch), TEMP=str(scratch), TMP=str(scratch))
    # Output to a file, not a pipe: a pipe held open by a stray child could block the wait.
    with open(folder / "soffice.log", "wb") as log:
        try:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=folder, env=env, **options
            )
        except OSError as exc:
            raise DocumentError(
                "legacy_failed", name, reason=message("legacy_not_started", error=exc)
            ) from None
        try:
            process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise DocumentError(
                "legacy_failed", name, reason=message("legacy_timeout", seconds=int(TIMEOUT_SECONDS))
            ) from None
        finally:
            _kill_group(process)  # what it started and left behind, if anything


def _kill_group(process: Any) -> None:
    import contextlib
    import signal
    import subprocess

    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    elif process.poll() is None:
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)],
            capture_output=True,
            check=False,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    if process.poll() is None:
        process.kill()
    process.wait()


# --- the OLE compound file's directory --------------------------------------------------------


def ole_entries(data: bytes) -> dict[str, tuple[int, int, int]]:
    """Name -> (type, first sector, size) of the streams and storages of an OLE compound file;
    every sector number and chain length is checked, so a damaged file gives what could be read
    (or nothing), never an error."""
    try:
        return _entries(data)
    except (struct.error, ValueError, IndexError, OverflowError):
        return {}


def _entries(data: bytes) -> dict[str, tuple[int, int, int]]:
    if len(data) < 512 or not data.startswith(_OLE_MAGIC):
        return {}
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):
        return {}
    size = 1 << shift
    count = (len(data) - size) // size

    def offset(sector: int) -> int:
        if not 0 <= sector < count:
            raise ValueError("a sector outside the file")
        return size * (sector + 1)

    fat_count, first_dir = struct.unpack_from("<II", data, 44)
    first_difat, difat_count = struct.unpack_from("<II", data, 68)
    fat_sectors = list(struct.unpack_from("<109I", data, 76))
    sector, hops = first_difat, 0
    while sector < _END_OF_CHAIN and hops < min(difat_count, count):
        words = struct.unpack_from(f"<{size // 4}I", data, offset(sector))
        fat_sectors.extend(words[:-1])
        sector, hops = words[-1], hops + 1
    fat: list[int] = []
    for s in fat_sectors[: min(fat_count, count)]:
        if s < _END_OF_CHAIN:
            fat.extend(struct.unpack_from(f"<{size // 4}I", data, offset(s)))
    entries: dict[str, tuple[int, int, int]] = {}
    sector, hops = first_dir, 0
    while sector < _END_OF_CHAIN and hops <= count:
        start = offset(sector)
        for entry in range(start, start + size, 128):
            length = struct.unpack_from("<H", data, entry + 64)[0]
            kind = data[entry + 66]
            if 2 <= length <= 64 and kind in (1, 2, 5):  # storage, stream, root
                name = data[entry : entry + length - 2].decode("utf-16-le", "replace")
                first, stream_size = struct.unpack_from("<II", data, entry + 116)
                entries.setdefault(name, (kind, first, stream_size))
        sector, hops = (fat[sector] if sector < len(fat) else _END_OF_CHAIN), hops + 1
    return entries


def word_is_encrypted(data: bytes, entries: dict[str, tuple[int, int, int]]) -> bool:
    """True when the Word binary's FIB (the start of its WordDocument stream) says the document
    is encrypted (fEncrypted; its XOR-obfuscated variety included): an open password."""
    entry = entries.get("WordDocument")
    if entry is None:
        return False
    _kind, first, stream_size = entry
    shift = struct.unpack_from("<H", data, 30)[0]
    if stream_size < 4096 or first >= _END_OF_CHAIN:  # a FIB lives in regular sectors
        return False
    start = (first + 1) << shift
    if start + 12 > len(data):
        return False
    ident, flags = struct.unpack_from("<H8xH", data, start)
    return ident in (0xA5EC, 0xA5DC) and bool(flags & 0x0100)
