"""Reading zip containers and XML from files nobody vouches for.

Word and OFD files are zip archives of XML.  A hostile one can be a zip bomb (a few KB that
unpack to gigabytes), hold thousands of entries, or carry XML with a DOCTYPE, external
entities (which would read local files or the network) or entity expansion ("billion
laughs").  Every reader goes through these two functions:

* :func:`open_zip` checks the archive before anything is unpacked: the number of entries,
  the declared sizes (each and in all) and the compression ratio of each entry;
  :func:`read_member` then reads one entry with a hard limit, whatever its header claims.
* :func:`parse_xml` refuses any DOCTYPE outright (no Word or OFD part has one) and parses
  with lxml set never to resolve entities, load a DTD or touch the network.

Both raise :class:`DocumentError` with a message for the user.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

from desktop_app.core.loader import DocumentError

MAX_ENTRIES = 10_000
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # one unpacked part
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # the whole archive unpacked
MAX_RATIO = 200  # unpacked / packed size of one part (XML compresses 10-30x, a bomb 1000x)
SMALL_PART = 1024 * 1024  # parts this small are never counted as bombs by their ratio


def open_zip(data: bytes, path: Path, kind: str) -> zipfile.ZipFile:
    """The archive in ``data``, once its directory shows nothing dangerous."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DocumentError("damaged_file", str(path), kind=kind) from None
    if len(infos) > MAX_ENTRIES:
        raise DocumentError("zip_bomb", str(path))
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise DocumentError("zip_bomb", str(path))
        if info.file_size > SMALL_PART and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise DocumentError("zip_bomb", str(path))
        if info.flag_bits & 0x1:  # an encrypted entry
            raise DocumentError("password_protected", str(path))
    return archive


def read_member(archive: zipfile.ZipFile, name: str, path: Path, kind: str) -> bytes:
    """The unpacked bytes of ``name``, never more than its declared size (nor MAX_MEMBER_BYTES)."""
    try:
        info = archive.getinfo(name)
        limit = min(info.file_size, MAX_MEMBER_BYTES)
        with archive.open(info) as member:
            data = member.read(limit + 1)
    except KeyError:
        raise DocumentError("damaged_file", str(path), kind=kind) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error):
        raise DocumentError("damaged_file", str(path), kind=kind) from None
    if len(data) > limit:  # the header lied about the size
        raise DocumentError("zip_bomb", str(path))
    return data


def find_member(archive: zipfile.ZipFile, name: str) -> str | None:
    """The archive's own spelling of ``name`` (OFD producers differ in case and in leading '/')."""
    wanted = name.lstrip("/").lower()
    for candidate in archive.namelist():
        if candidate.lstrip("/").lower() == wanted:
            return candidate
    return None


def parse_xml(data: bytes, path: Path, kind: str) -> Any:
    """The root element of ``data``; a DOCTYPE, an entity or anything that is not well-formed
    XML is refused (no file or network is ever read)."""
    from lxml import etree

    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise DocumentError("xml_refused", str(path))
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise DocumentError("damaged_file", str(path), kind=kind) from None
    if root is None:
        raise DocumentError("damaged_file", str(path), kind=kind)
    return root
