"""Metadata from the head of a text: title, issuer, date, speaker and role.

Chinese speeches and reports open with a few short lines before the body:

    推进机关党建与全市中心工作深度融合——在……上的讲话      title
    北京市直机关工委 2023-06-14 20:09:45                      issuer + date
    推进机关党建与全市中心工作深度融合——在……上的讲话      title again
    市直机关工委分管日常工作的副书记李彦来                    role + speaker

or (a congress report) a two-line title, a ——subtitle, （2022年10月16日） and
the speaker's name.  We look at the first few paragraphs only, and stop at the
first one that reads like body text (long, or ending a sentence).

A 公文 (GB/T 9704-2012) opens with its 版头 and ends with a signature block:

    000001 / 机密★1年 / 特急                        份号, 密级, 紧急程度 (optional)
    北京市人民政府文件                              发文机关标志 -> issuer
    京政发〔2024〕12号        签发人：张三          发文字号 -> doc_number (签发人: 上行文)
    北京市人民政府                                  title, often on two or three lines,
    关于做好2024年度工作的通知                      joined without a space
    各区人民政府，市政府各委、办、局：              主送: body text, not the head
    ……
    北京市人民政府                                  署名 -> issuer (when no 版头)
    2024年3月1日 / 二〇二四年三月一日               成文日期 -> date
    抄送：…… / 北京市人民政府办公厅 2024年3月1日印发   版记: not read

A joint document names several organs (中共北京市委员会 / 北京市人民政府 / 文件): the
issuer is their names joined by 、.  Parts may be missing (a portal's copy has no 版头
and puts the 发文字号 under the title); the 版头, 发文字号 and title lines are the
head (``head_paragraphs``; the section tree skips them).  The 主送 line stays body
text: it has no heading number, so the tree never makes it a heading.  Documents
without a 公文 sign (版头, 发文字号, a title such as 关于……的通知, a 主送 line) are read
as before: their signature block is not looked for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from desktop_app.core.document import Metadata, Paragraph
from desktop_app.core.numerals import parse_chinese_number

_HEAD_SCAN = 8  # paragraphs looked at
_MAX_HEAD_LEN = 80  # a head line longer than this is body text
_SENTENCE_END = re.compile(r"[。！？!?；;]$|[。！？]")

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.年]\s*)(?P<m>\d{1,2})\s*(?:[-/.月]\s*)(?P<d>\d{1,2})(?:\s*日)?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
# 二〇二四年三月一日; real files also write the zero as ○ (a circle) or 零
_CN_DATE = re.compile(
    r"(?P<y>[〇零○一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日"
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

# ---- the 公文 layout (GB/T 9704-2012)
# 份号 (6 digits), 密级 with its 保密期限, 紧急程度: the first lines of a 版头
_FURNITURE = re.compile(r"\d{6}|(?:绝密|机密|秘密)(?:★[^\s]{0,6})?|特急|加急|特提|平急")
# the red rule under the 版头 (a .txt copy draws it with ━ ─ — = …), maybe with a ★
_RULE = re.compile(r"[\s─━—–\-=_＿﹏~～·•*★☆]+")
# an organ's name: Chinese characters (and （）·)
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff·（）()]{2,30}")
_NOT_A_NAME = re.compile(r"关于|的|印发|转发|批转")  # a title's words (国务院办公厅转发国家发展改革委关于……)
# how the name of an issuing organ ends (a signature line must end so)
_ORGAN_END = re.compile(
    r"(?:政府|委员会|委|办公厅|办公室|厅|局|部|院|署|会|党组|中央|公司|集团|中心|银行|大学|学院|学校"
    r"|医院|小组|指挥部|所|站|办|处|科|社|队|台|馆|司|联|团)(?:[（(][^）)]{1,10}[）)])?$"
)
# 发文字号: 机关代字 + 〔年份〕 + 发文顺序号 + 号 ([ ] and （） are common mistakes for 〔〕);
# a portal's copy may label it 发文字号：/文号：
_DOC_NUMBER = re.compile(
    r"(?:(?:发文字号|文号)\s*[:：]\s*)?"
    r"(?P<num>[\u4e00-\u9fff]{1,15}\s*[〔\[［【（(]\s*(?:19|20)\d{2}\s*[〕\]］】）)]\s*第?\s*\d{1,5}\s*号)"
)
_SIGNER = re.compile(r"签发人\s*[:：]")
# a 公文 title: 关于……的通知 (the 15 kinds of the 党政机关公文处理工作条例), maybe （试行）
_GONGWEN_TITLE = re.compile(
    r"(?:关于|印发|转发|批转).*(?:决议|决定|命令|令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要)"
    r"(?:[（(][^）)]{1,10}[）)])?$"
)
_TITLE_ISSUER = re.compile(r"(.+?)(?:关于|转发|印发|批转)")  # 北京市人民政府|关于……的通知
_MAX_ORGANS = 6
_TITLE_LINES = 4  # a 公文 title takes at most this many lines
_MAX_TITLE_LEN = 160
_PREFIX_SCAN = 12  # lines a 版头 may take: 份号, 密级, 紧急程度, three organs, 文件, rule, 字号, 签发人
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_PAREN_LINE = re.compile(r"[（(][^）)]{1,12}[）)]")  # （试行） （征求意见稿） under a title
# what precedes the signature block: the body's last sentence, or the 附件 lines
_AFTER_BODY = re.compile(r"附件|\d{1,2}\s*[.．、]|[（(]此页无正文[）)]")


def _iso(m: re.Match[str]) -> str:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def find_date(line: str) -> tuple[str, re.Match[str] | None]:
    """The first date in ``line`` as ISO ``YYYY-MM-DD`` (and its match), or ``("", None)``.

    Arabic digits (2023-06-14, 2023年6月14日, 2023/6/4) or Chinese numerals
    (二〇二三年六月十四日, also with ○ or 零 for the zero); an impossible month or day is no date."""
    m = _DATE.search(line)
    if m:
        return _iso(m), m
    m = _CN_DATE.search(line)
    if m:
        y, mo, d = (parse_chinese_number(m[k]) for k in ("y", "m", "d"))
        if y is not None and mo is not None and d is not None and 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}", m
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


def _squeeze(text: str) -> str:
    """A letter-spaced line (北 京 市 人 民 政 府 文 件, as a PDF may give a 版头) without its spaces."""
    parts = text.split()
    return "".join(parts) if len(parts) > 2 and all(len(x) == 1 for x in parts) else text.strip()


def _organs(text: str) -> list[str]:
    """The names of issuing organs a line holds (one, or several apart by spaces), else []."""
    parts = _squeeze(text).split()
    if not parts or len(parts) > _MAX_ORGANS:
        return []
    for part in parts:
        if not _NAME_CHARS.fullmatch(part) or _NOT_A_NAME.search(part) or not _ORGAN_END.search(part):
            return []
    return parts


def _masthead(text: str) -> tuple[list[str], bool] | None:
    """A line of the 版头: (its organs, whether it says 文件), or None."""
    t = _squeeze(text)
    if t == "文件":  # a joint 版头: the organs stacked, 文件 beside them
        return [], True
    says = t.endswith("文件")
    names = _organs(t[:-2] if says else t)
    return (names, says) if names else None


def _is_rule(text: str) -> bool:
    t = text.strip()
    return len(t) >= 3 and bool(_RULE.fullmatch(t)) and not set(t) <= {"·", "•", "*", "★", "☆"}


def _doc_number(text: str) -> str:
    """The 发文字号 a line consists of (签发人 may follow it), without spaces; else ""."""
    t = text.strip().translate(_FULL_WIDTH_DIGITS)
    m = _DOC_NUMBER.match(t)
    if m is None:
        return ""
    rest = t[m.end() :].strip()
    if rest and not _SIGNER.match(rest):
        return ""
    return re.sub(r"\s+", "", m["num"])


def _is_addressee(text: str) -> bool:
    """A 主送 line: 各区人民政府，市政府各委、办、局：  (not 同志们： or 各位代表：)."""
    if not text.endswith(("：", ":")) or len(text) > 200 or "。" in text:
        return False
    return any(_ORGAN_END.search(x) for x in re.split(r"[，,、；;：:\s]+", text) if x)


def _gongwen_prefix(paragraphs: Sequence[Paragraph]) -> tuple[list[int], list[str], str]:
    """The 版头 of a 公文: (its paragraph indexes, the organs it names, the 发文字号).

    份号/密级/紧急程度, the 发文机关标志 (one or more organs, 文件), the rule, the
    发文字号 and 签发人, in the order found.  Nothing unless there is a 发文机关标志 that
    says 文件 or a 发文字号: an organ's name alone is the first line of a title."""
    n = min(len(paragraphs), _PREFIX_SCAN)
    i = 0
    while i < n and (words := paragraphs[i].text.split()) and all(_FURNITURE.fullmatch(x) for x in words):
        i += 1
    j, organs, says = i, [], False
    while j < n:
        line = _masthead(paragraphs[j].text)
        if line is None or (says and not line[1]):  # after 文件: the title's first line
            break
        organs += [o for o in line[0] if o not in organs]
        says = says or line[1]
        j += 1
    k, number = j, ""
    while k < n:
        t = paragraphs[k].text
        if not number and (found := _doc_number(t)):
            number = found
        elif not (_is_rule(t) or _SIGNER.match(t.strip())):
            break
        k += 1
    if not number:  # no 发文字号: the 版头 ends at 文件 (and its rule)
        if not says:
            return [], [], ""
        k = j
        while k < n and _is_rule(paragraphs[k].text):
            k += 1
    return list(range(k)), organs, number


def _long_title(text: str) -> bool:
    """A 公文 title on one line may be longer than other head lines: 国务院办公厅转发……的通知."""
    return (
        len(text) <= _MAX_TITLE_LEN and not _SENTENCE_END.search(text) and bool(_GONGWEN_TITLE.search(text))
    )


def _join_title(parts: list[str], gongwen: bool) -> str:
    """A title broken over lines.  A 公文 title breaks anywhere (北京市人民政府 / 关于……的通知):
    joined as one, but two organs' names (a joint title) keep a space between them."""
    if not gongwen:
        return " ".join(parts)
    out = parts[0]
    for a, b in pairwise(parts):
        out += (" " if _organs(a) and _organs(b) else "") + b
    return out


def _signature(paragraphs: Sequence[Paragraph], start: int) -> tuple[list[str], str]:
    """The 发文机关署名 and 成文日期 at the end of a 公文's body: (organs, ISO date).

    The first date alone on its line (2024年3月1日, 二〇二四年三月一日) after ``start`` that
    follows up to three lines of organs' names, which follow the body (a sentence's end, or
    the 附件 lines).  A table's cells (an organ, a date) follow no sentence; the 版记's
    ``2024年3月1日印发`` is not alone."""
    for i in range(start, len(paragraphs)):
        t = paragraphs[i].text
        if len(t) > 24:
            continue
        date, m = find_date(t)
        if m is None or not date or t[: m.start()].strip() or t[m.end() :].strip():
            continue
        organs: list[str] = []
        j = i - 1
        while j >= start and i - j <= 3 and (names := _organs(paragraphs[j].text)):
            organs[:0] = [o for o in names if o not in organs]
            j -= 1
        if not organs:
            continue
        before = paragraphs[j].text if j >= start else ""
        last = before.rstrip("”’」』）)")[-1:]
        if before and not ((last and last in "。！？!?；;") or _AFTER_BODY.match(before)):
            continue
        return organs, date
    return [], ""


def extract_metadata(paragraphs: Sequence[Paragraph]) -> Metadata:
    """Read title, issuer, date, speaker and role (of a 公文: also its 发文字号) from the
    first paragraphs, and a 公文's issuer and date from its signature block."""
    meta = Metadata()
    if not paragraphs:
        return meta
    head, organs, meta.doc_number = _gongwen_prefix(paragraphs)
    meta.issuer = "、".join(organs)
    gongwen = bool(head)  # it has a 版头 (or a 发文字号)
    start = len(head)
    if start < len(paragraphs):
        _read_head(meta, paragraphs, start, head, gongwen)
    meta.head_paragraphs = tuple(head)
    after = (max(head) + 1) if head else 0
    titled = _GONGWEN_TITLE.search(meta.title)
    if not (
        gongwen
        or meta.doc_number
        or titled
        or (after < len(paragraphs) and _is_addressee(paragraphs[after].text))
    ):
        return meta
    if not (meta.issuer and meta.date):
        found, date = _signature(paragraphs, after)
        meta.issuer = meta.issuer or "、".join(found)
        meta.date = meta.date or date
    by = _TITLE_ISSUER.match(meta.title)
    if not meta.issuer and titled and by and (organs := _organs(by[1])):
        meta.issuer = "、".join(organs)  # 北京市人民政府关于……的通知: the title names its issuer
    return meta


def _read_head(
    meta: Metadata, paragraphs: Sequence[Paragraph], start: int, head: list[int], gongwen: bool
) -> None:
    """The title and byline from paragraph ``start`` on (after a 公文's 版头, if any)."""
    first = paragraphs[start].text
    if (_is_body(first) and not _long_title(first)) or (gongwen and first.endswith(("：", ":"))):
        return  # body text (or a 主送 line right under the 版头): no title
    prefix = len(head)
    meta.title = first
    head.append(start)
    title_parts = [first]
    for p in paragraphs[start + 1 : start + _HEAD_SCAN]:
        t = p.text
        if _is_body(t) or t.endswith(("：", ":")):
            break
        if _same_title(t, meta.title):  # a title repeated after the byline
            head.append(p.index)
            continue
        if _is_rule(t) or _SIGNER.match(t):
            head.append(p.index)
            continue
        number = _doc_number(t)
        if number and not meta.doc_number:  # a portal puts the 发文字号 under the title
            meta.doc_number = number
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
        in_title = len(head) - prefix == len(title_parts) and not meta.subtitle and not meta.date
        complete = bool(_GONGWEN_TITLE.search("".join(title_parts)))  # ends 的通知, 的意见 …
        if in_title and len(t) <= 40 and not _NUMBERED.match(t) and len(title_parts) < _TITLE_LINES:
            # a 公文 title on two or three lines: under a 版头, every line until it ends (的通知)
            # and a （试行） after it; else the lines that make it end so
            if gongwen:
                more = not complete or _PAREN_LINE.fullmatch(t)
            else:
                more = not complete and _GONGWEN_TITLE.search("".join([*title_parts, t]))
            if more:
                title_parts.append(t)
                head.append(p.index)
                continue
        if gongwen:
            break  # a 公文's head names no speaker
        role, name = split_role_and_name(t)
        if name and not meta.speaker:
            meta.speaker, meta.role = name, role
            head.append(p.index)
            continue
        if in_title and len(t) <= 30 and not complete and not _NUMBERED.match(t):
            # A title broken over two lines, before any byline.
            title_parts.append(t)
            head.append(p.index)
            continue
        break
    if len(title_parts) > 1:
        meta.title = _join_title(title_parts, gongwen or bool(_GONGWEN_TITLE.search("".join(title_parts))))
