"""A slow, obviously-correct reference for normalised matching, written independently of the engine.

The rules (see desktop_app/search/normalization.py): each character becomes
NFKC(casefold(NFKC(ch))); controls, format characters, surrogates and variation
selectors vanish; ``\\n`` stays; a run of whitespace becomes one space only
between two non-CJK letters/digits, else nothing.  Matches are non-overlapping,
left to right, in original offsets; a match inside the expansion of a character
already used by the previous match is skipped.
"""

from __future__ import annotations

import functools
import unicodedata


def _char(ch: str) -> str:
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs") or "\ufe00" <= ch <= "\ufe0f" or ch >= "\U000e0000":
        return ""
    n = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", ch).casefold())
    return "".join(c for c in n if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))


def _wordish(c: str) -> bool:
    return c.isalnum() and ord(c) < 0x2E80


@functools.lru_cache(maxsize=8)
def ref_chars(text: str) -> tuple[tuple[str, int], ...]:
    """(normalised character, original index) for the whole text."""
    raw: list[tuple[str, int, bool]] = []  # char, orig index, is whitespace
    for i, ch in enumerate(text):
        if ch == "\n":
            raw.append(("\n", i, False))
        elif ch.isspace():
            raw.append((" ", i, True))
        else:
            n = _char(ch)
            if n.isspace():
                raw.append((" ", i, True))
            else:
                raw.extend((c, i, False) for c in n)
    out: list[tuple[str, int]] = []
    k = 0
    while k < len(raw):
        c, i, ws = raw[k]
        if not ws:
            out.append((c, i))
            k += 1
            continue
        j = k
        while j < len(raw) and raw[j][2]:
            j += 1
        before = out[-1][0] if out else ""
        after = raw[j][0] if j < len(raw) else ""
        if before and after and _wordish(before) and _wordish(after):
            out.append((" ", i))
        k = j
    return tuple(out)


def ref_normalize(text: str) -> str:
    return _joined(text)


@functools.lru_cache(maxsize=8)
def _joined(text: str) -> str:
    return "".join(c for c, _i in ref_chars(text))


def ref_find_all(text: str, query: str) -> list[tuple[int, int]]:
    q = ref_normalize(query).replace("\n", "")
    if not q:
        return []
    chars = ref_chars(text)
    norm = _joined(text)
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        k = norm.find(q, pos)
        if k < 0:
            return out
        a, b = chars[k][1], chars[k + len(q) - 1][1] + 1
        if not out or a >= out[-1][1]:
            out.append((a, b))
        pos = k + len(q)
