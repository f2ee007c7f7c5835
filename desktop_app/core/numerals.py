"""Chinese numerals as they appear in headings: 一, 十一, 九十九, 一百零一, 二〇二三 ...

:func:`parse_chinese_number` turns the numeral part of a heading number (第一百零一条,
（十二）, 二十、) into an ``int``.  Arabic digits (ASCII or full-width) are accepted too.
"""

from __future__ import annotations

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10_000}

# Every character that may occur in a Chinese numeral.
NUMERAL_CHARS = frozenset(DIGITS) | frozenset(UNITS)


def parse_chinese_number(text: str) -> int | None:
    """The value of a Chinese (or Arabic) numeral, ``None`` if ``text`` is not one.

    Handles the positional forms 十一 (11), 二十 (20), 一百零一 (101), 一百一十 (110),
    the colloquial 一百一 (110), 两百 (200), 一万零五 (10005), and digit-by-digit
    numbers without units such as 二〇二三 (2023).
    """
    s = text.strip()
    if not s:
        return None
    if s.isdecimal():
        return int(s)
    if any(ch not in NUMERAL_CHARS for ch in s):
        return None
    if not any(ch in UNITS for ch in s):
        if len(s) > 1 and "两" in s:
            return None
        return int("".join(str(DIGITS[ch]) for ch in s))

    total = 0  # value of the completed 万 groups
    group = 0  # value below 万
    digit: int | None = None
    last_unit = 0  # the last unit below 万 in this group (units must decrease)
    after_unit = 0  # the unit just before a trailing digit (一百一 = 110)
    zero = False
    for ch in s:
        if ch in DIGITS:
            d = DIGITS[ch]
            if d == 0:
                zero = True
                continue
            if digit is not None:
                return None  # two digits in a row: 一二十
            digit = d
            continue
        unit = UNITS[ch]
        if unit == 10_000:
            group += digit or 0
            if group == 0 or total:
                return None
            total, group, digit, last_unit, after_unit, zero = group * 10_000, 0, None, 0, 10_000, False
            continue
        if last_unit and unit >= last_unit:
            return None  # 十百, 百百
        group += (1 if digit is None else digit) * unit
        digit, last_unit, after_unit, zero = None, unit, unit, False
    if digit is not None:
        group += digit if zero or not after_unit else digit * (after_unit // 10)
    return total + group
