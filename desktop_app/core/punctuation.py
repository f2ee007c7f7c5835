"""Half-width punctuation in Chinese text shown as the full-width marks a reader expects.

Many texts put ASCII ``, ; : ! ? ( ) " .`` between Chinese characters
("第一条经验,主动在全市…", "现场会(第七场)").  :func:`to_display` swaps them for
``，；：！？（）“”。`` **character for character**: the result has the same length and
differs only where a mark was swapped, so every offset (sections, search hits, notes,
the reading position) holds for the shown text as for ``Document.text``.  Copying from
the view gives what is shown.

What is converted, and why the rest is left alone:

* ``, ; : ! ?``: when the nearest character before or after (over spaces and other such
  marks) is Chinese: a Han character or CJK punctuation.  Between Latin letters or
  digits they stay: ``1,000``, ``5.12``, ``10:30``, ``A, B``, ``http://``, ``a?b=1``.
  After a number but before Chinese they convert (``5%,其中`` -> ``5%，其中``).
* ``( )`` as pairs (matched within the paragraph, nesting allowed): a pair converts when
  its content holds a Chinese character (``(第七场)``, ``GDP(国内生产总值)``), or when it
  stands in Chinese context on both sides (a Chinese character or the paragraph's edge,
  not both edges): ``(1) 以下`` and ``见图(a)`` -> ``（1）``, ``（a）`` as Chinese numbering and
  references are set, while ``f(x)``, ``print(x)`` and ``(a) Section`` stay.  A paren
  without its partner converts by the rule for ``, ; :``.
* ``"``: only in a paragraph with an even number of them, paired first-second,
  third-fourth ...; a pair converts to ``“ ”`` when its content or its context is Chinese.
  An odd count means the pairing is unknown: all stay.
* ``.``: only to end a sentence: after a Chinese character (or CJK closing mark) and
  before the end of the paragraph or a closing quote/bracket.  ``.`` between Chinese
  characters is left alone: it is as often a name dot (``卡尔.马克思``, properly ``·``) as
  a sentence end; ``..``/``...`` are left alone; after digits or Latin it is a decimal
  point or an abbreviation.
* ``'`` (apostrophes make pairing unreliable), ``[ ] < > - ~`` are not touched.

The function is idempotent and never turns a full-width mark into a half-width one.
Each stage decides from the text as the earlier stages left it and treats its own and
later stages' marks the same in either width, which is what makes a second run a no-op.
Cost: about 0.1 s for 10 MB of Chinese text (see ``tests/core/test_punctuation.py``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from desktop_app.core.chunks import by_lines

__all__ = ["HALF_TO_FULL", "to_display", "to_plain"]

HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）", ".": "。"}
_FULL_TO_HALF = {v: k for k, v in HALF_TO_FULL.items()} | {"“": '"', "”": '"'}

# Chinese characters: Han (BMP, compatibility and the supplementary planes), kana, bopomofo.
_HAN = "\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
# ... and the punctuation and symbols of Chinese text: CJK symbols (、《》「」【】… but not the
# ideographic space and 。), enclosed CJK and circled numbers, full-width forms, Chinese
# quotes, ellipsis, dashes and the middle dot.
_CJK_MARKS = (
    "\u3001\u3003-\u303f\u2460-\u24ff\u3200-\u33ff\ufe10-\ufe1f\ufe30-\ufe4f"
    "\uff01-\uff60\uffe0-\uffe6\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u00b7"
)
_SPACES = " \t\u3000\u00a0"
_SINGLE = ",;:!?"  # the marks converted one by one
_SINGLE_FULL = "，；：！？"
_ANY_MARK = ',;:!?()".'


def _cjk_class(excluded: str = "") -> str:
    """A pattern for one Chinese character or mark, less ``excluded`` (re has no class
    intersection: a negative lookahead does it)."""
    return f"(?![{re.escape(excluded)}])[{_HAN}{_CJK_MARKS}]" if excluded else f"[{_HAN}{_CJK_MARKS}]"


# --- , ; : ! ? ----------------------------------------------------------------------------
# A run is a stretch of these marks, spaces and periods (a period belongs to a later stage
# and counts the same whatever its width).  A run converts when the character before or
# after it is Chinese; all of its marks then convert together.  Each pattern starts with
# its mark, so the regex engine skips ahead with a fast literal search; "after" is the same
# pattern run over the reversed text.
_RUNSET = f"{_SPACES}{_SINGLE}.。"
_CJK_M = _cjk_class("。")

# --- . ------------------------------------------------------------------------------------
_CLOSERS = "”’）」』》〉】〕〗〙〛］｝"

# Each pattern is compiled at its first use, not at import and not all at once: their large
# character classes cost 1.5-2.5 ms each to compile (sre builds a bitmap of every code point
# in them), ~15 ms in all, and the window's first paint converts its title (the speech's:
# one pair of parentheses, so one pattern) and perhaps a text holding only some of the marks.
_SOURCES = {
    "han": f"[{_HAN}]",
    "cjk": f"[{_HAN}{_CJK_MARKS}]",
    **{mark: f"{re.escape(mark)}(?=[{re.escape(_RUNSET)}]*{_CJK_M})" for mark in _SINGLE},
    ".": f"\\.(?<={_cjk_class('。')}\\.)(?=[{_SPACES}]*(?:[\\n{_CLOSERS}]|\\Z))",
    "()": f"\\(([^()\\n]*[{_HAN}][^()\\n]*)\\)",  # an innermost pair holding Chinese
}


@functools.cache
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(_SOURCES[name])


# --- ( ) and " ----------------------------------------------------------------------------
# What the context search steps over, per stage (see the module docstring).
_SKIP_FOR_QUOTES = frozenset(_SPACES + _SINGLE + _SINGLE_FULL + '.。()（）"“”')
_SKIP_FOR_PARENS = frozenset(_SPACES + _SINGLE + _SINGLE_FULL + ".。()（）")


def _neighbour(line: str, i: int, step: int, skip: frozenset[str]) -> str:
    """The first character from ``line[i]`` on in direction ``step`` not in ``skip``
    ("" at the edge of the paragraph)."""
    n = len(line)
    while 0 <= i < n:
        ch = line[i]
        if ch not in skip:
            return ch
        i += step
    return ""


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _pattern("cjk").match(ch) is not None


def _convert_quotes(line: str) -> str:
    positions = [i for i, ch in enumerate(line) if ch == '"']
    if len(positions) % 2:
        return line  # an odd count: which quote opens and which closes is unknown
    chars = list(line)
    for a, b in zip(positions[::2], positions[1::2], strict=True):
        if (
            _pattern("han").search(line, a + 1, b)
            or _is_cjk(_neighbour(line, a - 1, -1, _SKIP_FOR_QUOTES))
            or _is_cjk(_neighbour(line, b + 1, 1, _SKIP_FOR_QUOTES))
        ):
            chars[a], chars[b] = "“", "”"
    return "".join(chars)


def _convert_parens(line: str) -> str:
    chars = list(line)
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    single: list[int] = []
    for i, ch in enumerate(line):
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                pairs.append((stack.pop(), i))
            else:
                single.append(i)
    single.extend(stack)
    for a, b in pairs:
        if _pattern("han").search(line, a + 1, b):
            chars[a], chars[b] = "（", "）"
            continue
        before = _neighbour(line, a - 1, -1, _SKIP_FOR_PARENS)
        after = _neighbour(line, b + 1, 1, _SKIP_FOR_PARENS)
        if (before or after) and (not before or _is_cjk(before)) and (not after or _is_cjk(after)):
            chars[a], chars[b] = "（", "）"
    for i in single:
        if _is_cjk(_neighbour(line, i - 1, -1, _SKIP_FOR_PARENS)) or _is_cjk(
            _neighbour(line, i + 1, 1, _SKIP_FOR_PARENS)
        ):
            chars[i] = HALF_TO_FULL[line[i]]
    return "".join(chars)


def _full_pair(m: re.Match[str]) -> str:
    return f"（{m.group(1)}）"


def _each_line_with(text: str, marks: re.Pattern[str], convert: Callable[[str], str]) -> str:
    """``text`` with ``convert`` applied to each paragraph holding a match of ``marks``."""
    parts: list[str] = []
    done = 0  # text[:done] is in parts
    pos = 0
    while (m := marks.search(text, pos)) is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        parts.append(text[done:start])
        parts.append(convert(text[start:end]))
        done = pos = end
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


_QUOTE = re.compile('"')
_PAREN = re.compile("[()]")


def to_display(text: str) -> str:
    """``text`` with half-width punctuation in Chinese context shown full-width.

    ``len(to_display(t)) == len(t)``, and only the characters ``, ; : ! ? ( ) " .``
    may differ (see the module docstring for the rules).  Every rule looks inside one
    paragraph only, so a long text is converted in slices (``core.chunks``): a worker
    thread converting 10 MB never holds the interpreter lock for more than a few ms.
    """
    return by_lines(_to_display, text)


def _to_display(text: str) -> str:
    if not any(mark in text for mark in _ANY_MARK):
        return text  # nothing to convert: no pattern needs compiling
    if '"' in text:
        text = _each_line_with(text, _QUOTE, _convert_quotes)
    if "(" in text or ")" in text:
        # innermost pairs holding Chinese first (most of them, cheaply), repeated for nesting;
        # then each paragraph still holding a paren is matched in full.
        count = 1
        while count:
            text, count = _pattern("()").subn(_full_pair, text)
        if "(" in text or ")" in text:
            text = _each_line_with(text, _PAREN, _convert_parens)
    present = [mark for mark in _SINGLE if mark in text]
    if present:
        for mark in present:  # runs with Chinese after them
            text = _pattern(mark).sub(HALF_TO_FULL[mark], text)
        present = [mark for mark in present if mark in text]
        if present:  # runs with Chinese before them: the same over the reversed text
            text = text[::-1]
            for mark in present:
                text = _pattern(mark).sub(HALF_TO_FULL[mark], text)
            text = text[::-1]
    if "." in text:
        text = _pattern(".").sub("。", text)
    return text


def to_plain(text: str) -> str:
    """The reverse mapping of every mark :func:`to_display` may produce (``，`` -> ``,`` ...).

    Not an exact inverse (a full-width mark of the original becomes half-width too): for
    comparing a shown text with its source, e.g. in tests.  Copying from the view gives
    what is shown, so the program itself does not need it.
    """
    return text.translate(str.maketrans(_FULL_TO_HALF))
