"""Metadata from the head of a text: title, issuer, date, speaker and role.

Chinese speeches and reports open with a few short lines before the body:

    推进机关党建与全市中心工作深度融合——在……上的讲话      title
    北京市直机关工委 2023-06-14 20:09:45                      issuer + date
    推进机关党建与全市中心工作深度融合——在……上的讲话      title again
    市直机关工委分管日常工作的副书记李彦来                    role + speaker

or (a congress report) a two-line title, a ——subtitle, （2022年10月16日） and
the speaker's name.  We look at the first few paragraphs only, and stop at the
first one that reads like body text (long, or ending a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop_app.core.document import Metadata, Paragraph

_HEAD_SCAN = 8  # paragraphs looked at
_MAX_HEAD_LEN = 80  # a head line longer than this is body text
_SENTENCE_END = re.compile(r"[。！？!?；;]$|[。！？]")

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.年]\s*)(?P<m>\d{1,2})\s*(?:[-/.月]\s*)(?P<d>\d{1,2})日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
_CN_DIGITS = "〇一二三四五六七八九"
_CN_DATE = re.compile(
    r"(?P<y>[〇零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日"
)

# Words that end a job title: the name follows them.
_ROLE_SUFFIXES = (
    "副书记",
    "书记",
    "副主任",
    "主任",
    "副局长",
    "局长",
    "副部长",
    "部长",
    "副市长",
    "市长",
    "副省长",
    "省长",
    "副主席",
    "主席",
    "委员",
    "副组长",
    "组长",
    "秘书长",
    "副厅长",
    "厅长",
    "副处长",
    "处长",
    "副院长",
    "院长",
    "副校长",
    "校长",
    "总经理",
    "董事长",
    "副区长",
    "区长",
    "副县长",
    "县长",
    "总理",
    "副总理",
    "常委",
    "部长助理",
    "巡视员",
    "主任委员",
    "理事长",
    "会长",
)
_ROLE_RE = re.compile("(" + "|".join(sorted(map(re.escape, _ROLE_SUFFIXES), key=len, reverse=True)) + ")")
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
# A line that opens with heading numbering is body (一、 （一） 1. 第一章), never a title line.
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十百\d]+[章节条编])"
)
_ISSUER_HINT = re.compile(
    r"(委员会|工委|党委|政府|办公厅|办公室|人民代表大会|国务院|部|局|委|厅|院|会|社|报|网)$"
)


def _iso(m: re.Match[str]) -> str:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _cn_num(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_DIGITS.index(s[1])
    if "十" in s:
        tens, _, ones = s.partition("十")
        return _CN_DIGITS.index(tens) * 10 + (_CN_DIGITS.index(ones) if ones else 0)
    return _CN_DIGITS.index(s)


def find_date(line: str) -> tuple[str, re.Match[str] | None]:
    """The first date in ``line`` as ISO ``YYYY-MM-DD`` (and its match), or ``("", None)``."""
    m = _DATE.search(line)
    if m:
        return _iso(m), m
    m = _CN_DATE.search(line.replace("零", "〇"))
    if m:
        y = int("".join(str(_CN_DIGITS.index(c)) for c in m["y"]))
        return f"{y:04d}-{_cn_num(m['m']):02d}-{_cn_num(m['d']):02d}", m
    return "", None


def split_role_and_name(line: str) -> tuple[str, str]:
    """``市直机关工委分管日常工作的副书记李彦来`` → (``市直机关工委分管日常工作的副书记``, ``李彦来``)."""
    line = line.strip().strip("（）()")
    if _NAME.match(line):
        return "", line
    last = None
    for m in _ROLE_RE.finditer(line):
        last = m
    if last is not None:
        role, name = line[: last.end()].strip(), line[last.end() :].strip(" 　:：")
        if _NAME.match(name):
            return role, name
    # "李彦来 副书记" order: name first, role after a space.
    parts = line.split()
    if len(parts) == 2 and _NAME.match(parts[0]) and _ROLE_RE.search(parts[1]):
        return parts[1], parts[0]
    return "", ""


def _is_body(text: str) -> bool:
    return len(text) > _MAX_HEAD_LEN or bool(_SENTENCE_END.search(text.rstrip("：:")))


def _same_title(a: str, b: str) -> bool:
    norm = re.compile(r"[\s　()（）“”\"'‘’,，]")
    return norm.sub("", a) == norm.sub("", b)


def extract_metadata(paragraphs: Sequence[Paragraph]) -> Metadata:
    """Read title, issuer, date, speaker and role from the first paragraphs."""
    meta = Metadata()
    if not paragraphs:
        return meta
    first = paragraphs[0].text
    if _is_body(first):
        return meta
    meta.title = first
    head = [0]
    title_parts = [first]
    for p in paragraphs[1:_HEAD_SCAN]:
        t = p.text
        if _is_body(t) or t.endswith(("：", ":")):
            break
        if _same_title(t, meta.title):  # a title repeated after the byline
            head.append(p.index)
            continue
        if t.startswith(("——", "—", "--")):
            meta.subtitle = t.lstrip("—- ")
            date, _m = find_date(meta.subtitle)  # ——2024年3月5日在……会议上
            meta.date = meta.date or date
            head.append(p.index)
            continue
        date, m = find_date(t)
        if date and m is not None:
            if not meta.date:
                meta.date = date
            rest = (t[: m.start()] + " " + t[m.end() :]).strip(" （）()")
            rest = re.sub(r"\s+", " ", rest).strip()
            if rest.endswith(("发布", "印发", "通过", "公布")) and not meta.issuer:
                meta.issuer = rest[:-2].strip()
            elif rest and not meta.issuer and len(rest) <= 30 and _ISSUER_HINT.search(rest):
                meta.issuer = rest
            head.append(p.index)
            continue
        role, name = split_role_and_name(t)
        if name and not meta.speaker:
            meta.speaker, meta.role = name, role
            head.append(p.index)
            continue
        if (
            len(head) == len(title_parts)
            and not meta.subtitle
            and len(t) <= 30
            and not meta.date
            and not _NUMBERED.match(t)
        ):
            # A title broken over two lines, before any byline.
            title_parts.append(t)
            head.append(p.index)
            continue
        break
    meta.title = " ".join(title_parts) if len(title_parts) > 1 else meta.title
    meta.head_paragraphs = tuple(head)
    return meta
