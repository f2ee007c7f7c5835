"""Web pages as bytes to text, for :mod:`.html`: the charset (a BOM; bytes that are valid UTF-8;
the MHTML part's or the page's own declaration: <meta charset>, <meta http-equiv>, <?xml
encoding>; else detection) and MHTML archives (Chrome's "single file", IE and Edge's "web
archive": MIME multipart/related, the page its text/html part, quoted-printable or base64).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from desktop_app.core.loader import DocumentError, decode_bytes

# --- decoding ---------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.I)
_GB = {"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "gb18030", "euc-cn", "csgb2312", "chinese", "936"}
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def declared_charset(data: bytes) -> str:
    """The charset a page declares in its first 16 KB (a Python codec name), or ""."""
    head = data[:16384]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return _codec(match.group(1).decode("ascii", "replace")) if match else ""


def _codec(label: str) -> str:
    import codecs

    label = label.strip().lower()
    if label in _GB:
        return "gb18030"  # GB2312 and GBK pages are read as their superset: no character lost
    if label.startswith(("utf-16", "utf-32", "unicode")):
        return "utf-8"  # a page that says UTF-16 without a BOM is UTF-8 (the HTML standard's rule)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return ""


def decode_html(data: bytes, charset: str = "") -> tuple[str, str]:
    """The page's text and its encoding: a BOM decides; then bytes that are valid UTF-8 are
    UTF-8; then ``charset`` (the MHTML part's), the page's declaration, detection."""
    if data.startswith(_BOMS) or data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return decode_bytes(data)
    declared = _codec(charset) if charset else ""
    declared = declared or declared_charset(data)
    # Valid UTF-8 is UTF-8 whatever the page says (a site moved to UTF-8 and kept its old
    # <meta charset=gb2312>; GBK text is almost never valid UTF-8), then the declaration.
    for codec in ("utf-8", declared) if declared and declared != "utf-8" else ("utf-8",):
        try:
            return _decode_cut(data, codec), codec
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return decode_bytes(data)
    except DocumentError:
        if not declared:
            raise
        return data.decode(declared, errors="replace"), declared


def _decode_cut(data: bytes, codec: str) -> str:
    """``data`` decoded strictly, but for a character cut in two at the very end (a page whose
    download or copy stopped short)."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.start < len(data) - 4:
            raise
        return data[: exc.start].decode(codec)


# --- MHTML ------------------------------------------------------------------------------------


def html_of_mhtml(data: bytes, path: Path) -> tuple[bytes, str]:
    """The page (text/html part) of an MHTML file and its declared charset.  The parts are
    found by their boundary in the bytes and only the page's part is decoded (the email
    package's parser keeps every line of every part: 450 MB for a 50 MB file)."""
    from email import policy
    from email.parser import BytesHeaderParser

    headers = BytesHeaderParser(policy=policy.compat32)
    end = _blank_line(data, 0)
    top = headers.parsebytes(data[:end])
    boundary = top.get_param("boundary") if top.get_content_maintype() == "multipart" else None
    if not isinstance(boundary, str) or not boundary:
        return _html_of_message(data, path)
    start = str(top.get_param("start") or "").strip("<>")
    location = top.get("Snapshot-Content-Location", "")
    delimiter = b"\n--" + boundary.encode("latin-1")
    found: list[tuple[int, Any, int, int]] = []  # rank, headers, body start, body end
    at = data.find(delimiter, end - 2)
    while at >= 0:
        begin = data.find(b"\n", at + len(delimiter))
        if begin < 0 or data[at + len(delimiter) : at + len(delimiter) + 2] == b"--":
            break
        body = _blank_line(data, begin + 1)
        nxt = data.find(delimiter, body)
        part = headers.parsebytes(data[begin + 1 : body])
        kind = part.get_content_type()
        if kind.startswith("multipart/"):
            return _html_of_message(data, path)  # nested parts: the email package reads them
        if kind in ("text/html", "text/plain"):
            cid = (part.get("Content-ID") or "").strip().strip("<>")
            rank = (
                0
                if start and cid == start
                else 1
                if location and part.get("Content-Location") == location
                else 2
            )
            found.append((rank + 3 * (kind == "text/plain"), part, body, len(data) if nxt < 0 else nxt))
        at = nxt
    if not found:
        raise DocumentError("damaged_file", str(path), kind="MHTML")
    _rank, part, body_start, body_end = min(found, key=lambda item: item[0])
    payload = _decoded(data[body_start:body_end], part.get("Content-Transfer-Encoding", ""))
    return _page_of(payload, part.get_content_charset() or "", part.get_content_type(), path)


def _blank_line(data: bytes, start: int) -> int:
    """Where the body begins after the headers starting at ``start`` (after the blank line)."""
    ends = [i for i in (data.find(b"\r\n\r\n", start), data.find(b"\n\n", start)) if i >= 0]
    if not ends:
        return len(data)
    first = min(ends)
    return first + (4 if data.startswith(b"\r\n\r\n", first) else 2)


def _decoded(body: bytes, transfer: str) -> bytes:
    import binascii

    transfer = transfer.strip().lower()
    try:
        if transfer == "quoted-printable":
            return binascii.a2b_qp(body)
        if transfer == "base64":
            return binascii.a2b_base64(body)
    except (binascii.Error, ValueError):
        pass
    return body


def _html_of_message(data: bytes, path: Path) -> tuple[bytes, str]:
    """The page of a MIME message the quick splitter does not take (not multipart, nested)."""
    import email
    from email import policy

    message = email.message_from_bytes(data, policy=policy.compat32)
    parts = [p for p in message.walk() if p.get_content_type() in ("text/html", "text/plain")]
    if not parts:
        raise DocumentError("damaged_file", str(path), kind="MHTML")
    part = min(parts, key=lambda p: p.get_content_type() != "text/html")
    payload = part.get_payload(decode=True) or b""
    return _page_of(payload, part.get_content_charset() or "", part.get_content_type(), path)


def _page_of(payload: bytes, charset: str, kind: str, path: Path) -> tuple[bytes, str]:
    if kind == "text/plain":  # a text part only: a page of its paragraphs
        from html import escape

        text, _ = decode_html(payload, charset)
        payload, charset = ("<html><body><pre>" + escape(text) + "</pre></body></html>").encode(), "utf-8"
    if not payload.strip():
        raise DocumentError("empty", str(path))
    return payload, charset
