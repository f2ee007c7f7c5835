"""Search normalisation: width, case, invisible characters and spaces inside Chinese.

Both sides of every comparison go through the same function, character by
character: NFKC (full-width ``，`` -> ``,``, ``Ａ`` -> ``A``, ``…`` -> ``...``),
case folding, invisible characters (controls, zero-width, BOM, variation
selectors) removed, and whitespace dropped unless it separates two non-Chinese
letters or digits (``Xi  Jinping`` -> ``xi jinping``, ``举办 6 场`` -> ``举办6场``).
``\\n`` (the paragraph separator of ``Document.text``) is kept as it is, so a
match never crosses a paragraph.

Each original character becomes 0, 1 or more normalised characters, so
:class:`NormalizedText` keeps a map from normalised positions back to the
original text: every offset leaving this module counts characters of the
*original* text.  No whoosh, no jieba: the find bar uses this directly.
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from array import array
from collections.abc import Iterator

from desktop_app.core.chunks import SLICE_CHARS

# Characters known to be their own normal form (no whitespace, nothing invisible).
# CJK ideographs are checked once by tests/search/test_normalize.py.
_CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002a6df\U0002a700-\U0002ebef\U00030000-\U0003134f"
_CANDIDATE_RANGES = ((0x21, 0x7E), (0xA1, 0x24F), (0x2010, 0x206F), (0x3001, 0x303F))
_WORD_SPACE_LIMIT = 0x2E80  # a space is kept only between alphanumerics below this (not CJK)
_DROP_CATEGORIES = {"Cc", "Cf", "Cs"}

_lock = threading.Lock()
_char_cache: dict[str, str | None] = {}
_MISSING = object()
_unstable_re: re.Pattern[str] | None = None


def _norm_char(ch: str) -> str | None:
    """The normal form of one character; ``None`` for whitespace (decided by context)."""
    got = _char_cache.get(ch, _MISSING)
    if got is not _MISSING:
        return got  # type: ignore[return-value]
    if ch == "\n":
        out: str | None = "\n"
    elif ch.isspace():
        out = None
    elif unicodedata.category(ch) in _DROP_CATEGORIES or "\ufe00" <= ch <= "\ufe0f" or ch >= "\U000e0000":
        out = ""  # controls, zero-width characters, BOM, soft hyphen, variation selectors
    else:
        n = unicodedata.normalize("NFKC", ch)
        n = unicodedata.normalize("NFKC", n.casefold())
        out = "".join(c for c in n if unicodedata.category(c) not in _DROP_CATEGORIES)
        if out and out.isspace():
            out = None  # e.g. a compatibility space
    _char_cache[ch] = out
    return out


def _unstable() -> re.Pattern[str]:
    """A regex matching every character that may need normalising."""
    global _unstable_re
    if _unstable_re is None:
        with _lock:
            if _unstable_re is None:
                stable = [
                    chr(cp)
                    for lo, hi in _CANDIDATE_RANGES
                    for cp in range(lo, hi + 1)
                    if _norm_char(chr(cp)) == chr(cp)
                ]
                body = "".join(re.escape(c) for c in stable)
                _unstable_re = re.compile(f"[^\n{body}{_CJK_RANGES}]")
    return _unstable_re


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() and ord(ch) < _WORD_SPACE_LIMIT


class NormalizedText:
    """A text with its normalised form and the map back to original offsets.

    ``norm`` is the normalised text; :meth:`to_orig` maps a position in it to a
    position in ``text``.  Build it once per text (about 0.1 s for 10 MB) and
    call :meth:`find_all` for each query.
    """

    __slots__ = ("_ex", "_nb", "_ob", "_pstarts", "has_expansions", "identity", "norm", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._nb: list[int] = [0]  # normalised start of each segment
        self._ob: list[int] = [0]  # original start of each segment
        self._ex: list[bool] = [False]  # segment = one original char expanded to several
        self._pstarts: array[int] | None = None
        self.has_expansions = False
        unstable: set[str] = set()
        findall = _unstable().findall
        for pos in range(0, len(text), SLICE_CHARS):  # slices: see desktop_app.core.chunks
            unstable.update(findall(text, pos, pos + SLICE_CHARS))
        table: dict[str, str] = {}
        special: set[str] = set()
        for ch in unstable:
            n = _norm_char(ch)
            if n is None or len(n) != 1:
                special.add(ch)
            elif n != ch:
                table[ch] = n
        self.identity = not special
        norm = text if not special else self._normalize_special(text, special, table)
        self.norm = _replace_all(norm, table)

    def _normalize_special(self, text: str, special: set[str], table: dict[str, str]) -> str:
        """Rebuild the text around the characters whose length changes, recording the map."""
        nb, ob, ex = self._nb, self._ob, self._ex
        pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(special)) + "]+")
        out: list[str] = []
        npos = 0  # length of the normalised output so far
        last = ""  # last normalised character written (for the whitespace rule)
        pos = 0
        for m in pattern.finditer(text):
            if m.start() > pos:
                chunk = text[pos : m.start()]
                out.append(chunk)
                npos += len(chunk)
                last = table.get(chunk[-1], chunk[-1])
            end = m.end()
            j = m.start()
            while j < end:
                ch = text[j]
                n = _norm_char(ch)
                if n is None:  # a whitespace run: one space between two word characters, else nothing
                    k = j  # the run: whitespace, and invisible characters inside it
                    while k < end and not _norm_char(text[k]):
                        k += 1
                    nxt = (_norm_char(text[k]) or "")[:1] if k < len(text) else ""
                    if last and nxt and _is_word_char(last) and _is_word_char(nxt):
                        out.append(" ")
                        npos += 1
                        last = " "
                        j += 1  # the first whitespace character maps to the space
                    if k > j:  # the rest is dropped: the next segment starts after the run
                        nb.append(npos)
                        ob.append(k)
                        ex.append(False)
                    j = k
                    continue
                if len(n) >= 2:
                    nb.append(npos)
                    ob.append(j)
                    ex.append(True)
                    self.has_expansions = True
                out.append(n)
                npos += len(n)
                if n:
                    last = n[-1]
                nb.append(npos)
                ob.append(j + 1)
                ex.append(False)
                j += 1
            pos = end
        if pos < len(text):
            out.append(text[pos:])
        return "".join(out)

    # -- offsets -------------------------------------------------------------

    def to_orig(self, n: int) -> int:
        """The original offset of normalised position ``n`` (``len(norm)`` -> ``len(text)``)."""
        if self.identity:
            return n
        i = bisect.bisect_right(self._nb, n) - 1
        return self._ob[i] if self._ex[i] else self._ob[i] + n - self._nb[i]

    def span_to_orig(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised span ``[start, end)`` (end > start)."""
        if self.identity:
            return start, end
        return self.to_orig(start), self.to_orig(end - 1) + 1

    def from_orig(self, offset: int) -> int:
        """The normalised position of the first character at or after original ``offset``."""
        if self.identity:
            return offset
        lo, hi = 0, len(self.norm)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.to_orig(mid) < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    @property
    def paragraph_starts(self) -> array[int]:
        """Normalised offset of each ``\\n``-separated paragraph (an array: 8 bytes a paragraph,
        where a list of ints took 36; a 10 MB text has ~42,000 paragraphs)."""
        if self._pstarts is None:
            starts = array("q", [0])
            find = self.norm.find
            i = find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._pstarts = starts
        return self._pstarts

    # -- matching ------------------------------------------------------------

    def iter_norm(self, q: str, start: int = 0, end: int | None = None) -> Iterator[int]:
        """Normalised start of each non-overlapping occurrence of normalised ``q``."""
        if not q:
            return iter(())
        if end is None:
            end = len(self.norm)
        return (m.start() for m in re.compile(re.escape(q)).finditer(self.norm, start, end))

    def find_all(self, query: str) -> list[tuple[int, int]]:
        """Every occurrence of ``query`` after normalisation, as original ``(start, end)``.

        Non-overlapping, left to right, never crossing a paragraph.
        """
        q = normalize(query).replace("\n", "")
        if not q:
            return []
        L = len(q)
        if self.identity:
            return [(s, s + L) for s in self.iter_norm(q)]
        out: list[tuple[int, int]] = []
        last_end = -1
        for s in self.iter_norm(q):
            a, b = self.span_to_orig(s, s + L)
            if a < last_end:  # inside the same expanded character as the previous match
                continue
            out.append((a, b))
            last_end = b
        return out

    def count(self, query: str) -> int:
        """How many occurrences :meth:`find_all` would return."""
        q = normalize(query).replace("\n", "")
        if not q:
            return 0
        if not self.has_expansions:
            return self.norm.count(q)
        return len(self.find_all(query))


def _replace_all(text: str, table: dict[str, str]) -> str:
    """Each character of ``table`` replaced by its one-character normal form (slice by slice)."""
    if not table:
        return text
    if len(text) > SLICE_CHARS:
        return "".join(
            [_replace_all(text[i : i + SLICE_CHARS], table) for i in range(0, len(text), SLICE_CHARS)]
        )
    if len(table) <= 24:
        for a, b in table.items():
            text = text.replace(a, b)
        return text
    pattern = re.compile("[" + "".join(re.escape(c) for c in table) + "]")
    return pattern.sub(lambda m: table[m.group()], text)


def normalize(text: str) -> str:
    """The normalised form of ``text`` (a query, a paragraph)."""
    return NormalizedText(text).norm


_cache_lock = threading.Lock()
_cache: list[NormalizedText] = []
_CACHE_SIZE = 4


def normalized(text: str) -> NormalizedText:
    """A cached :class:`NormalizedText` for ``text`` (the last few texts are kept)."""
    with _cache_lock:
        for nt in _cache:
            if nt.text is text:
                return nt
        for nt in _cache:
            if len(nt.text) == len(text) and nt.text == text:
                return nt
    nt = NormalizedText(text)
    with _cache_lock:
        _cache.insert(0, nt)
        del _cache[_CACHE_SIZE:]
    return nt


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Every normalised occurrence of ``query`` in ``text``: original ``(start, end)`` pairs.

    Non-overlapping, left to right.  The normalised form of ``text`` is cached,
    so calling this as the user types costs one scan of the text per call.
    """
    return normalized(text).find_all(query)
