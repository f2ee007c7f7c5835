"""``json.dumps(value, ensure_ascii=False, indent=1)``, the same characters, about 3x faster.

json's indenting encoder is pure Python generators; this one joins strings and uses json's own
C string escaping.  Values other than dict (str keys), list, tuple, str, int, finite float,
bool and None are left to ``json.dumps`` (raises :class:`TypeError` to say so).
"""

from __future__ import annotations

import math
from json.encoder import encode_basestring
from typing import Any

_KEYS: dict[str, str] = {}  # a key -> its encoded form and ": "


def dumps(value: Any, level: int = 0) -> str:
    """``value`` as ``json.dumps(..., ensure_ascii=False, indent=1)`` writes it at depth ``level``."""
    if isinstance(value, str):
        return encode_basestring(value)  # type: ignore[no-any-return]
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TypeError("not finite")
        return float.__repr__(value)
    inner = "\n" + " " * (level + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = []
        append, keys, enc = parts.append, _KEYS, encode_basestring
        for k, v in value.items():
            key = keys.get(k)
            if key is None:
                if not isinstance(k, str):
                    raise TypeError("key not a string")
                key = enc(k) + ": "
                if len(keys) < 256:  # the few keys of notes and bookmarks, encoded once
                    keys[k] = key
            # the usual values written here, without a call each (10,000 notes: 190,000 values)
            t = type(v)
            if t is str:
                append(key + enc(v))
            elif t is int:
                append(key + int.__repr__(v))
            elif v is None:
                append(key + "null")
            elif t is list and all(type(x) is str for x in v):  # tags
                deeper = inner + " "
                append(key + ("[" + deeper + ("," + deeper).join(map(enc, v)) + inner + "]" if v else "[]"))
            else:
                append(key + dumps(v, level + 1))
        return "{" + inner + ("," + inner).join(parts) + "\n" + " " * level + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = [encode_basestring(v) if type(v) is str else dumps(v, level + 1) for v in value]
        return "[" + inner + ("," + inner).join(items) + "\n" + " " * level + "]"
    raise TypeError(f"not JSON: {type(value).__name__}")
