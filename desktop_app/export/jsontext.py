"""``json.dumps(value, ensure_ascii=False, indent=1)``, the same characters, about 3x faster.

json's indenting encoder is pure Python generators; this one joins strings and uses json's own
C string escaping.  Values other than dict (str keys), list, tuple, str, int, finite float,
bool and None are left to ``json.dumps`` (raises :class:`TypeError` to say so).
"""

from __future__ import annotations

import math
from json.encoder import encode_basestring
from typing import Any


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
        for k, v in value.items():
            if type(k) is not str and not isinstance(k, str):
                raise TypeError("key not a string")
            # the usual values written here, without a call each (10,000 notes: 190,000 values)
            t = type(v)
            text = (
                encode_basestring(v)
                if t is str
                else "null"
                if v is None
                else int.__repr__(v)
                if t is int
                else dumps(v, level + 1)
            )
            parts.append(f"{encode_basestring(k)}: {text}")
        return "{" + inner + ("," + inner).join(parts) + "\n" + " " * level + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = [encode_basestring(v) if type(v) is str else dumps(v, level + 1) for v in value]
        return "[" + inner + ("," + inner).join(items) + "\n" + " " * level + "]"
    raise TypeError(f"not JSON: {type(value).__name__}")
