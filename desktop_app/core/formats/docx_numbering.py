"""Word's automatic numbering (``word/numbering.xml``): the number text a paragraph shows.

In official documents "一、", "（一）", "第一条" are often list numbering, not typed text, so
the text of the paragraph holds no number at all: the page shows it because Word counts.
:class:`Numbering` counts the same way while the reader walks the paragraphs in order:

* a paragraph's ``w:numPr`` (numId, ilvl), or its style's (the style chain, ``w:basedOn``);
  ``numId 0`` turns numbering off; a style-linked list finds its level by ``w:pStyle``;
* ``w:num`` -> ``w:abstractNum`` (also through ``w:numStyleLink``), with the num's
  ``w:lvlOverride`` (``w:startOverride``, a whole ``w:lvl``) over the abstract level;
* counters are kept per abstract list (Word continues a list across nums that share it)
  unless a num restarts it with ``w:startOverride``, which gives that num counters of its own;
  using a level restarts the deeper ones (``w:lvlRestart`` can narrow or stop that);
* ``w:lvlText`` with ``%1``..``%9`` replaced by each level's counter in its ``w:numFmt``
  (decimal, chineseCounting, chineseCountingThousand, chineseLegalSimplified,
  ideographTraditional 甲乙丙, upperLetter, lowerRoman, decimalEnclosedCircle ① ...;
  ``w:isLgl`` shows them all as decimal), then ``w:suff`` (tab, space or nothing).

Nothing here reads files: :mod:`desktop_app.core.formats.docx` hands over parsed elements.
"""

from __future__ import annotations

from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_VAL = W + "val"
MAX_LEVELS = 9

# ---------------------------------------------------------------- number formats

_CN_DIGITS = "〇一二三四五六七八九"
_CN_UNITS = ("", "十", "百", "千")
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_UNITS = ("", "拾", "佰", "仟")
_LEGAL_TRAD_DIGITS = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def _chinese_below_10000(n: int, digits: str, units: tuple[str, ...], zero: str) -> str:
    """``n`` < 10,000 in counting form: digits with their units, one zero for a gap."""
    out = []
    pending_zero = False
    for power in range(3, -1, -1):
        d = n // 10**power % 10
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        out.append(digits[d] + units[power])
    return "".join(out)


def chinese_counting(n: int, digits: str = _CN_DIGITS, units: tuple[str, ...] = _CN_UNITS) -> str:
    """一, 十, 十一, 二十, 一百零一, 一千零一十, 一万零五 ... as Word counts in Chinese."""
    zero = "零"  # inside a number 一百零一 (as the corpus's 第一百零一条); 〇 only digit by digit
    if n <= 0:
        return zero
    high, low = divmod(n, 10_000)
    wan = "萬" if digits is _LEGAL_TRAD_DIGITS else "万"
    if high:
        text = chinese_counting(high, digits, units) + wan
        if low:
            text += (zero if low < 1000 else "") + _chinese_below_10000(low, digits, units, zero)
        return text
    text = _chinese_below_10000(low, digits, units, zero)
    if 10 <= n < 20 and units is _CN_UNITS:
        text = text[1:]  # 十一, not 一十一
    return text


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # A..Z, AA..ZZ, AAA ... as Word


def _enclosed_circle(n: int) -> str:
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


def _in_range(start: int, n: int, count: int) -> str:
    return chr(start + n - 1) if 1 <= n <= count else str(n)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_FORMATS: dict[str, Any] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "ordinal": _ordinal,
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "japaneseCounting": chinese_counting,
    "taiwaneseCounting": chinese_counting,
    "taiwaneseCountingThousand": chinese_counting,
    "koreanCounting": chinese_counting,
    "chineseLegalSimplified": lambda n: chinese_counting(n, _LEGAL_DIGITS, _LEGAL_UNITS),
    "ideographLegalTraditional": lambda n: chinese_counting(n, _LEGAL_TRAD_DIGITS, _LEGAL_UNITS),
    "japaneseLegal": lambda n: chinese_counting(n, _LEGAL_TRAD_DIGITS, _LEGAL_UNITS),
    "ideographDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "taiwaneseDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "japaneseDigitalTenThousand": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: _STEMS[(n - 1) % 10],
    "ideographZodiac": lambda n: _BRANCHES[(n - 1) % 12],
    "ideographZodiacTraditional": lambda n: _STEMS[(n - 1) % 10] + _BRANCHES[(n - 1) % 12],
    "decimalEnclosedCircle": _enclosed_circle,
    "decimalEnclosedCircleChinese": _enclosed_circle,
    "ideographEnclosedCircle": lambda n: _in_range(0x3280, n, 10),  # ㊀ .. ㊉
    "decimalEnclosedParen": lambda n: _in_range(0x2474, n, 20),  # ⑴ .. ⒇
    "decimalEnclosedFullstop": lambda n: _in_range(0x2488, n, 20),  # ⒈ .. ⒛
    "none": lambda n: "",
}
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def format_number(n: int, fmt: str) -> str:
    """``n`` as the number format ``fmt`` shows it (unknown formats as decimal)."""
    return _FORMATS.get(fmt, str)(n)


# ---------------------------------------------------------------- the definitions


class Level:
    """One level of a list: where it starts, how it shows, what restarts it."""

    __slots__ = ("fmt", "legal", "restart", "start", "style", "suffix", "text")

    def __init__(self, lvl: Any) -> None:
        self.start = _int(lvl.find(W + "start"), 1)
        self.fmt = _num_fmt(lvl)
        text = lvl.find(W + "lvlText")
        self.text = "" if text is None else text.get(_VAL, "")
        suff = lvl.find(W + "suff")
        self.suffix = {"space": " ", "nothing": ""}.get(suff.get(_VAL, "") if suff is not None else "", "\t")
        restart = lvl.find(W + "lvlRestart")
        self.restart = None if restart is None else _int(restart, -1)  # None: after any higher level
        legal = lvl.find(W + "isLgl")
        self.legal = legal is not None and legal.get(_VAL, "1") not in ("0", "false", "off")
        style = lvl.find(W + "pStyle")
        self.style = "" if style is None else style.get(_VAL, "")


def _int(el: Any, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(_VAL, default))
    except (TypeError, ValueError):
        return default


def _num_fmt(lvl: Any) -> str:
    fmt = lvl.find(W + "numFmt")
    if fmt is None:  # Word 2010+: a custom format in mc:Choice, a classic one in mc:Fallback
        fmt = lvl.find(f"{MC}AlternateContent/{MC}Fallback/{W}numFmt")
    return "decimal" if fmt is None else fmt.get(_VAL, "decimal")


def _levels(parent: Any) -> dict[int, Level]:
    out = {}
    for lvl in parent.iterfind(W + "lvl"):
        ilvl = _int_attr(lvl, W + "ilvl")
        if ilvl is not None and 0 <= ilvl < MAX_LEVELS:
            out[ilvl] = Level(lvl)
    return out


def _int_attr(el: Any, name: str) -> int | None:
    try:
        return int(el.get(name))
    except (TypeError, ValueError):
        return None


class _Num:
    __slots__ = ("abstract", "levels", "starts")

    def __init__(self, abstract: str, levels: dict[int, Level], starts: dict[int, int]) -> None:
        self.abstract = abstract
        self.levels = levels  # the abstract list's levels with this num's overrides
        self.starts = starts  # startOverride per level: this num restarts the list


class Numbering:
    """The lists of a document and their counters, advanced paragraph by paragraph."""

    def __init__(self, root: Any | None, style_num: dict[str, tuple[str, int | None]]) -> None:
        """``root``: the parsed numbering.xml (or None); ``style_num``: style id -> (numId, ilvl)
        of styles that carry a ``w:numPr`` (for ``w:numStyleLink``)."""
        self._nums: dict[str, _Num] = {}
        self._counters: dict[object, list[int | None]] = {}
        if root is None:
            return
        abstracts: dict[str, Any] = {}
        for ab in root.iterfind(W + "abstractNum"):
            abstracts[ab.get(W + "abstractNumId", "")] = ab
        raw_nums = {num.get(W + "numId", ""): num for num in root.iterfind(W + "num")}

        def abstract_of(num_id: str, hops: int = 0) -> tuple[str, dict[int, Level]] | None:
            num = raw_nums.get(num_id)
            if num is None or hops > 4:
                return None
            ref = num.find(W + "abstractNumId")
            ab_id = "" if ref is None else ref.get(_VAL, "")
            ab = abstracts.get(ab_id)
            if ab is None:
                return None
            link = ab.find(W + "numStyleLink")
            if link is not None and link.get(_VAL, "") in style_num:  # the list is defined by a style
                linked = style_num[link.get(_VAL, "")][0]
                if linked != num_id:
                    return abstract_of(linked, hops + 1)
            return ab_id, _levels(ab)

        for num_id, num in raw_nums.items():
            found = abstract_of(num_id)
            if found is None:
                continue
            ab_id, levels = found
            starts = {}
            for override in num.iterfind(W + "lvlOverride"):
                ilvl = _int_attr(override, W + "ilvl")
                if ilvl is None or not 0 <= ilvl < MAX_LEVELS:
                    continue
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = Level(lvl)
                start = override.find(W + "startOverride")
                if start is not None:
                    starts[ilvl] = _int(start, 1)
            self._nums[num_id] = _Num(ab_id, levels, starts)

    def __bool__(self) -> bool:
        return bool(self._nums)

    def level_of_style(self, num_id: str, style_id: str) -> int:
        """The level a style-linked list gives paragraphs of ``style_id`` (0 if none names it)."""
        num = self._nums.get(num_id)
        if num is not None:
            for ilvl, level in num.levels.items():
                if level.style == style_id:
                    return ilvl
        return 0

    def next_label(self, num_id: str, ilvl: int) -> str:
        """Count one paragraph of list ``num_id`` at level ``ilvl``; the text its number shows,
        with its suffix ("" for an unknown list)."""
        num = self._nums.get(num_id)
        if num is None or not 0 <= ilvl < MAX_LEVELS:
            return ""
        level = num.levels.get(ilvl)
        if level is None:
            return ""
        key: object = ("num", num_id) if num.starts else num.abstract
        counters = self._counters.get(key)
        if counters is None:
            counters = self._counters[key] = [None] * MAX_LEVELS
        value = counters[ilvl]
        counters[ilvl] = self._start(num, ilvl) if value is None else value + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            sub = num.levels.get(deeper)
            restart = None if sub is None else sub.restart
            if restart is None or (restart > 0 and ilvl < restart):
                counters[deeper] = None
        return self._label(num, level, counters)

    @staticmethod
    def _start(num: _Num, ilvl: int) -> int:
        if ilvl in num.starts:
            return num.starts[ilvl]
        level = num.levels.get(ilvl)
        return 1 if level is None else level.start

    def _label(self, num: _Num, level: Level, counters: list[int | None]) -> str:
        text = level.text
        if "%" in text:
            for k in range(MAX_LEVELS, 0, -1):  # %1 .. %9 (from %9 down, so %1 never eats %1x)
                mark = f"%{k}"
                if mark not in text:
                    continue
                value = counters[k - 1]
                if value is None:
                    value = self._start(num, k - 1)
                ref = num.levels.get(k - 1)
                fmt = "decimal" if level.legal or ref is None else ref.fmt
                text = text.replace(mark, format_number(value, fmt))
        if level.fmt == "bullet":
            text = "".join("•" if "\ue000" <= ch <= "\uf8ff" else ch for ch in text)  # symbol-font bullets
        if not text:
            return ""
        return text + _separator(text, level.suffix)


def _separator(label: str, suffix: str) -> str:
    """What stands between the number and the text: a space is a space; a tab (Word's default)
    shows as a gap, which in a Chinese text after "一、" or "（一）" is no character at all, and
    after "第一章" or "1" a space."""
    if suffix != "\t":
        return suffix
    last = label[-1]
    if last in "、，,.．。:：)）]】〕」』》>" or last in "•·":
        return ""
    return " "
