"""Key formulations (提法) of a document: quoted ones and numbered ones, with every occurrence.

* **Quoted**: what the text puts in “…” (or 「…」) and is a phrase, not a sentence: two to
  twenty-four characters of Chinese (digits and a few joining marks allowed), no sentence mark
  inside.  “四个中心”, “接诉即办”, “要围绕中心抓党建、抓好党建促业务”.  A single character in
  quotes (“人”) is emphasis, not a formulation.
* **Numbered**: a number word, a classifier (个 项 条 大 种) and a short noun phrase
  (四个服务, 两个确立, 六个引领), or the pattern of 三会一课 / 两学一做 / 五位一体.  Not an
  ordinal (第一条), not a count of time, people or things (三个月, 两个人, 三条经验 when it is
  the text's own numbering).

Each is counted wherever the phrase occurs, quoted or not (``offsets``); ``quoted`` counts
the quoted occurrences.  No Qt and no jieba here: the caller may pass a word segmenter
(``segment``: the search package's jieba), which finds where a numbered formulation's noun
ends (四项基本原则, 八项规定, not 四项基本); without one, a plain rule cuts it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

QUOTED = "quoted"
NUMBERED = "numbered"

_NUM = "一二两三四五六七八九十"
_QUOTE = re.compile(r"[“「]([^“”「」\n]{2,24})[”」]")
_SENTENCE = re.compile(r"[。！？；!?;：:]")
_PHRASE_OK = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z、·\-—]+$")
# number + classifier + 2-4 characters, not after 第 (an ordinal) or another numeral
_NUMBERED = re.compile(rf"(?<![第{_NUM}])([{_NUM}]{{1,2}})([个项条大种])(?=([\u4e00-\u9fff]{{1,8}}))")
# 三会一课, 两学一做, 五位一体, 四下基层 ...: numeral, character, numeral, character
_PAIRED = re.compile(rf"(?<![第{_NUM}])([{_NUM}][\u4e00-\u9fff][{_NUM}][\u4e00-\u9fff])(?![{_NUM}])")
# what follows a classifier when it counts time, people or generic things, not a formulation
_NOT_A_NOUN = tuple(
    [
        "月",
        "人",
        "年",
        "天",
        "日",
        "小时",
        "星期",
        "周",
        "多",
        "方面",
        "部门",
        "单位",
        "同志",
        "以上",
        "左右",
        "经验",
        "问题",
        "百分点",
        "地方",
        "时候",
        "次",
        "回",
        "字",
    ]
)
# where a numbered formulation's noun phrase ends: function words and verbs of the sentence
_STOP = set("的是和与及在了要把对从为以就也都而并或等上下中里")
_PAIRED_BAD = set(f"个项条大种是要对在和与次分些百千万亿零〇年月日号点{_NUM}")  # not 九百六十, 一九四九
# a first word that does not end a name by itself (四项基本原则): joined with the next one
_MODIFIERS = {"基本", "重大", "重要", "主要", "根本", "总体", "核心", "关键", "基础性"}
LONGEST_NUMBERED_NOUN = 4


class Formulation(NamedTuple):
    term: str
    kind: str  # QUOTED or NUMBERED
    count: int  # occurrences of the phrase in the text, quoted or not
    offsets: tuple[int, ...]  # every occurrence's start
    quoted: int = 0  # of them, the ones in quotation marks

    def as_json(self) -> dict[str, object]:
        return {"term": self.term, "kind": self.kind, "count": self.count, "offsets": list(self.offsets)}


def _occurrences(text: str, term: str) -> list[int]:
    out: list[int] = []
    i = text.find(term)
    while i >= 0:
        out.append(i)
        i = text.find(term, i + len(term))
    return out


def quoted_terms(text: str) -> dict[str, int]:
    """Each quoted phrase and how many times it is quoted."""
    found: dict[str, int] = {}
    for m in _QUOTE.finditer(text):
        phrase = m.group(1).strip()
        if len(phrase) < 2 or _SENTENCE.search(phrase) or not _PHRASE_OK.match(phrase):
            continue
        if sum(1 for c in phrase if "\u4e00" <= c <= "\u9fff") < 2:
            continue
        found[phrase] = found.get(phrase, 0) + 1
    return found


def _noun_of(tail: str) -> str:
    """The noun phrase at the start of ``tail`` (what follows 四个): cut at the first function
    word, at most LONGEST_NUMBERED_NOUN characters; "" when it counts time, people, things."""
    noun = ""
    for c in tail:
        if c in _STOP or len(noun) >= LONGEST_NUMBERED_NOUN:
            break
        noun += c
    if len(noun) < 2 or noun.startswith(_NOT_A_NOUN):
        return ""
    return noun


Segmenter = Callable[[str], list[str]]


def _noun_by_words(text: str, head: str, tail: str, segment: Segmenter) -> str:
    """The noun after ``head`` (四个): its first word (服务, 确立, 规定), joined with the next
    when the first is a modifier that names nothing alone (基本 -> 四项基本原则)."""
    words = [w for w in segment(tail) if w.strip()]
    if not words or len(words[0]) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in words[0]):
        return ""
    noun = words[0]
    if noun in _MODIFIERS and len(words) > 1 and len(noun + words[1]) <= LONGEST_NUMBERED_NOUN:
        noun += words[1]
    return "" if noun.startswith(_NOT_A_NOUN) or noun[0] in _STOP else noun


def _starts_a_word(text: str, at: int, segment: Segmenter) -> bool:
    """Whether a word of ``text`` begins at ``at`` (segmenting a few characters around it)."""
    lo = max(0, at - 4)
    pos = lo
    for w in segment(text[lo : at + 6]):
        if pos == at:
            return True
        if pos > at:
            return False
        pos += len(w)
    return pos == at


def numbered_terms(text: str, segment: Segmenter | None = None) -> set[str]:
    """The numbered formulations of ``text`` (每个 as written: 四个服务, 三会一课 ...)."""
    found: set[str] = set()
    for m in _NUMBERED.finditer(text):
        numeral, classifier = m.group(1), m.group(2)
        if numeral == "一" or (classifier == "大" and len(numeral) > 1):  # "a ...", 十八大
            continue
        head = numeral + classifier
        noun = _noun_by_words(text, head, m.group(3), segment) if segment else _noun_of(m.group(3))
        if noun:
            found.add(head + noun)
    for m in _PAIRED.finditer(text):
        p = m.group(1)
        if p[1] in _PAIRED_BAD or p[3] in _PAIRED_BAD:
            continue
        if segment is not None and not _starts_a_word(text, m.start(), segment):
            continue  # 长三角一体化: the 三 belongs to the word before
        found.add(p)
    # a numbered one inside a longer one that also occurs (四个服务 in “四个服务”型) is kept,
    # but a shorter cut of a longer numbered one seen the same number of times is dropped
    counts = {t: text.count(t) for t in found}
    return {t for t in found if not any(o != t and o.startswith(t) and counts[o] == counts[t] for o in found)}


def formulations(text: str, segment: Segmenter | None = None) -> list[Formulation]:
    """Every key formulation of ``text``, the most frequent first (then in order of appearance)."""
    quoted = quoted_terms(text)
    out: dict[str, Formulation] = {}
    for term, times in quoted.items():
        offsets = _occurrences(text, term)
        out[term] = Formulation(term, QUOTED, len(offsets), tuple(offsets), times)
    for term in numbered_terms(text, segment):
        if term in out or any(term.startswith(q) for q in quoted):  # “四个全面” then 四个全面战略
            continue
        offsets = _occurrences(text, term)
        # a cut of a quoted one found exactly where it is (六个引领工作 of “六个引领工作法”): not another
        longer = [q for q in out.values() if q.term != term and q.term.startswith(term)]
        if offsets and not any(q.count == len(offsets) for q in longer):
            out[term] = Formulation(term, NUMBERED, len(offsets), tuple(offsets), 0)
    return sorted(out.values(), key=lambda f: (-f.count, f.offsets[0] if f.offsets else 0))
