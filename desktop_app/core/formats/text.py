"""Plain text (.txt): the decoding of today (BOMs, UTF-8, GB18030, detection)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.formats import Parsed
from desktop_app.core.loader import DocumentError, decode_bytes


def read(data: bytes, path: Path) -> Parsed:
    from desktop_app.core.loader import _is_binary

    if not data.strip():
        raise DocumentError("empty", str(path))
    text, encoding = decode_bytes(data)
    if _is_binary(text[:8192]):
        raise DocumentError("binary", str(path))
    return Parsed([text], encoding=encoding)
