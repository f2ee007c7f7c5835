"""Detecting the section tree (headings) of Chinese official documents.

A heading is recognised by the numbering conventions of official texts, full-width
and half-width punctuation alike:

* ``第X编`` / ``第X部分`` / ``第X章`` / ``第X节`` (kinds ``book``, ``part``, ``chapter``,
  ``section``): standalone short paragraphs, title = the whole paragraph.  A bare
  ``第一章`` followed by a short title paragraph (``总则``) is joined: ``第一章 总则``.
* ``序言`` / ``前言`` / ``总则`` / ``附则`` / ``结束语`` ... as a whole paragraph (``preface``):
  an unnumbered heading at the level of the document's top numbered kind.
* ``第X条`` + space (``article``): law articles.  **Policy:** articles are headings, the
  lowest level (under 章, or under 节), titled just ``第X条``, because readers of laws
  navigate by article.  Once a document has articles, every ``（一）``/``1.``/``一、``/
  ``一是`` line after the first article is a list item inside an article, never a heading.
* ``第一条经验`` / ``第一个方面`` / ``第一点`` ... (``lead``): ordinal lead lines, only as
  short standalone paragraphs (an unspaced ``第一条`` that starts a sentence is an article).
* ``一、`` (``cn_dun``), ``（一）``/``(一)`` (``cn_paren``), ``1.``/``1．``/``1、``
  (``num_dot``), ``（1）``/``(1)`` (``num_paren``) and the paragraph-initial enumerations
  ``一要`` / ``一是`` (``item_yao`` / ``item_shi``, always the lowest level).

Numbered paragraphs of one kind are grouped into *runs*: a run starts at 1 and each
member continues the most recent run of its kind that ended at ``n - 1`` (or at
``n - 2``: one lost number is tolerated); a number that continues no run (a stray
``十、``) is dropped, and so is a run of one.  A run is
a heading run when at least half of its members look like headings: *standalone*
(≤ 60 characters, no 。/；, ？/！ only at the end, not ending like a list item in
；，、) or *run-in* (a first sentence of ≤ 50 characters followed by body text).  All
members of a heading run become headings; the title of a run-in heading is its
first sentence (for 一要/一是 items: up to the first comma), and a member that is a
plain sentence (a numbered clause, as in 口岸规定) is titled by its head up to the
first 。/；/： cut to 40 characters with "…".  So numbered clauses form a flat list
and list items ending in ；/。 (the ``1．`` lines) never become headings.  In a run of
run-in headings, a short standalone member followed by a paragraph that opens with
a short sentence is taken as a heading broken across two lines and joined.

Levels follow the document: the first kind seen is level 1 and a new kind nests under
the open heading, like a stack, except that a kind that ranks higher by convention
(编 > 部分/章 > 节 > 条 > 一、 > 第X条经验 > （一） > 1. > （1） > 一是/一要) closes the
open headings of lower rank and becomes their sibling.  So a report that starts at
``（一）`` has ``（一）`` at level 1, and ``一、`` after ``第三条经验`` is a sibling.

A document without any heading gets a flat tree: one ``paragraph`` node per
paragraph (at most 2000, evenly spread) titled with its first 16 characters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from desktop_app.core.document import Document, Paragraph, Section
from desktop_app.core.numerals import parse_chinese_number

STANDALONE_MAX = 60  # a standalone heading paragraph is at most this long
RUN_IN_MAX = 50  # the heading part of a run-in heading is at most this long
TITLE_MAX = 40  # clause titles are cut to this length (with "…")
FLAT_TITLE_CHARS = 16
FLAT_MAX_NODES = 2000

PREFACE_WORDS = frozenset(
    {"序言", "前言", "引言", "导言", "绪论", "绪言", "总则", "分则", "附则", "结束语", "结语", "后记", "附录"}
)

# Rank of each kind by convention (smaller = higher); see the module docstring.
_RANK: dict[str, float] = {
    "book": 0, "part": 0, "chapter": 1, "section": 2, "article": 3, "cn_dun": 4, "lead": 4.5,
    "cn_paren": 5, "num_dot": 6, "num_paren": 7, "item_yao": 9, "item_shi": 9,
}  # fmt: skip
_STRUCTURE_KIND = {"编": "book", "部分": "part", "章": "chapter", "节": "section"}

_STRUCTURES = frozenset(_STRUCTURE_KIND.values()) | {"preface"}
_GROUP_KIND = {"pcn": "cn_paren", "pdg": "num_paren", "dun": "cn_dun", "dig": "num_dot", "it": "item"}

_STANDALONE, _RUN_IN, _CLAUSE = 0, 1, 2

_N = "[零〇○一二三四五六七八九十百千两]"
_HEAD = re.compile(
    rf"第\s*(?P<ord>{_N}+|\d{{1,4}})\s*(?P<unit>编|部分|章|节|条|个|项|点|方面)"
    rf"|[（(]\s*(?:(?P<pcn>{_N}+)|(?P<pdg>\d{{1,3}}))\s*[）)]"
    rf"|(?P<dun>{_N}+)、(?![一二三四五六七八九十]{{1,2}}(?:、|季度|至|到|月份|年级))"
    r"|(?P<dig>\d{1,3})[.．、](?!\d)"
    r"|(?P<itn>[一二三四五六七八九十]{1,3})(?P<it>要|是)"
)
_BARE_STRUCTURE = re.compile(rf"第\s*(?:{_N}+|\d+)\s*(?:编|部分|章|节)")
_NO_STANDALONE = re.compile(r"[。；;]")  # never inside a standalone heading
_SENTENCE_END = re.compile(r"[。！？!?]")
_ITEM_END = re.compile(r"[，,。；;：:！？!?]")
_CLAUSE_END = re.compile(r"[。；;：:！？!?]")
_PUNCT = re.compile(r"[，,。；;：:！？!?、]")
_LIST_TAIL = "；;，,、"
_START_CHARS = frozenset("第（(零〇○一二三四五六七八九十百千两") | {w[0] for w in PREFACE_WORDS}


@dataclass(slots=True)
class _Cand:
    """A paragraph that may be a heading."""

    pos: int  # position in the paragraph sequence
    kind: str
    series: str  # numbering series the run continuity is checked in
    number: int
    shape: int
    title: str
    run_in: bool
    skipped: bool = False  # in the document head: counts for runs, never a heading


def _truncate(s: str) -> str:
    return s if len(s) <= TITLE_MAX else s[: TITLE_MAX - 1] + "…"


def _shape(text: str, body: int) -> tuple[int, str]:
    """How a numbered paragraph looks (standalone, run-in or clause) and its title."""
    n = len(text)
    if (
        n <= STANDALONE_MAX
        and text[-1] not in _LIST_TAIL
        and not _NO_STANDALONE.search(text)
        and not _SENTENCE_END.search(text, 0, n - 1)
    ):
        return _STANDALONE, text.rstrip("：:") or text
    m = _SENTENCE_END.search(text, body)
    if m and m.start() <= RUN_IN_MAX and m.end() < n:
        return _RUN_IN, text[: m.start()]
    m = _CLAUSE_END.search(text, body)
    return _CLAUSE, _truncate(text[: m.start()] if m else text)


def _item_shape(text: str, body: int) -> tuple[int, str]:
    m = _ITEM_END.search(text, body)
    head = text[: m.start()] if m else text
    if len(head) > RUN_IN_MAX:
        return _CLAUSE, _truncate(head)
    return (_RUN_IN if m and m.end() < len(text) else _STANDALONE), head


@functools.lru_cache(maxsize=4096)
def _number(digits: str) -> int | None:
    """Cached :func:`parse_chinese_number` (headings repeat the same few numbers)."""
    return parse_chinese_number(digits)


def _classify(pos: int, text: str) -> _Cand | None:
    """The heading candidate a paragraph opens with, if any."""
    c0 = text[0]
    if c0 not in _START_CHARS and not c0.isdecimal():
        return None
    if len(text) <= 10 and text.replace(" ", "").replace("\u3000", "") in PREFACE_WORDS:
        return _Cand(pos, "preface", "preface", 0, _STANDALONE, text, False)
    m = _HEAD.match(text)
    if m is None:
        return None
    group = m.lastgroup
    if group == "unit":
        unit = m["unit"]
        number = _number(m["ord"])
        if not number:
            return None
        shape, title = _shape(text, m.end())
        if unit in _STRUCTURE_KIND:
            kind = _STRUCTURE_KIND[unit]
            return _Cand(pos, kind, kind, number, shape, title, False) if shape == _STANDALONE else None
        rest = text[m.end() :]
        if unit == "条" and (not rest or rest[0].isspace() or shape != _STANDALONE):
            return _Cand(pos, "article", "article", number, _RUN_IN, m[0], True)
        if shape == _STANDALONE:
            return _Cand(pos, "lead", "lead" + unit, number, shape, title, False)
        return None
    kind = _GROUP_KIND[group]
    if kind == "item":
        kind = "item_yao" if m["it"] == "要" else "item_shi"
        number = _number(m["itn"])
        shape, title = _item_shape(text, m.end())
    else:
        number = _number(m[group])
        shape, title = _shape(text, m.end())
    if not number:
        return None
    return _Cand(pos, kind, kind, number, shape, title, shape != _STANDALONE)


def _candidates(paragraphs: Sequence[Paragraph], skip: Collection[int]) -> list[_Cand]:
    out: list[_Cand] = []
    joined = -1
    for pos, p in enumerate(paragraphs):
        if pos == joined or not p.text:
            continue
        cand = _classify(pos, p.text)
        if cand is None:
            continue
        if p.index in skip:
            cand.skipped = True
        elif cand.kind in _STRUCTURES and _BARE_STRUCTURE.fullmatch(cand.title):
            # "第一章" on its own line, the chapter title on the next one.
            nxt = paragraphs[pos + 1] if pos + 1 < len(paragraphs) else None
            if (
                nxt is not None
                and nxt.index not in skip
                and 0 < len(nxt.text) <= 30
                and not _PUNCT.search(nxt.text)
                and ((c := _classify(pos + 1, nxt.text)) is None or c.kind == "preface")
            ):
                cand.title = f"{cand.title} {nxt.text}"
                joined = pos + 1
        out.append(cand)
    return out


def _runs(members: list[_Cand]) -> list[list[_Cand]]:
    """Group the members of one numbering series into runs 1, 2, 3 ... (strays dropped)."""
    runs: list[list[_Cand]] = []
    open_runs: dict[int, list[_Cand]] = {}  # last number -> the most recent run ending there
    for c in members:
        if c.number == 1:
            run = [c]
            runs.append(run)
        else:
            found = open_runs.pop(c.number - 1, None) or open_runs.pop(c.number - 2, None)
            if found is None:  # (one missing number is tolerated: a copy error)
                continue
            run = found
            run.append(c)
        open_runs[c.number] = run
    return [run for run in runs if len(run) >= 2]


def _mend_split(run: list[_Cand], paragraphs: Sequence[Paragraph], skip: Collection[int]) -> None:
    """Join a run-in heading broken across two paragraphs: "（二）坚持不懈用" + "新时代…。"."""
    run_in = [c for c in run if c.shape == _RUN_IN]
    if len(run_in) != len(run) - 1:
        return
    shortest = min(len(c.title) for c in run_in)
    for c in run:
        if c.shape != _STANDALONE or c.skipped or len(c.title) >= shortest or c.pos + 1 >= len(paragraphs):
            continue
        nxt = paragraphs[c.pos + 1]
        m = _SENTENCE_END.search(nxt.text)
        if (
            nxt.index in skip
            or m is None
            or m.start() > 30
            or m.end() >= len(nxt.text)
            or len(c.title) + m.start() > RUN_IN_MAX
            or _PUNCT.search(nxt.text, 0, m.start())
            or _classify(c.pos + 1, nxt.text) is not None
        ):
            continue
        c.title += nxt.text[: m.start()]
        c.run_in = True


def _accept(cands: list[_Cand], paragraphs: Sequence[Paragraph], skip: Collection[int]) -> list[_Cand]:
    """The candidates that are headings, in document order."""
    accepted: list[_Cand] = []
    series: dict[str, list[_Cand]] = {}
    for c in cands:
        if c.kind in _STRUCTURES:
            accepted.append(c)
        else:
            series.setdefault(c.series, []).append(c)
    articles = [c for run in _runs(series.pop("article", [])) for c in run if not c.skipped]
    if articles:
        accepted += articles
        first = min(c.pos for c in articles)
        series = {key: [c for c in members if c.pos < first] for key, members in series.items()}
    for members in series.values():
        for run in _runs(members):
            if 2 * sum(c.shape != _CLAUSE for c in run) >= len(run):
                _mend_split(run, paragraphs, skip)
                accepted += run
    accepted = [c for c in accepted if not c.skipped]
    accepted.sort(key=lambda c: c.pos)
    return accepted


def _levels(accepted: list[_Cand]) -> list[int]:
    """Assign levels with a stack of open kinds (see the module docstring)."""
    top = min((_RANK[c.kind] for c in accepted if c.kind != "preface"), default=0)
    kinds: list[str] = []  # the stack of open kinds ...
    ranks: list[float] = []  # ... and their ranks
    levels: list[int] = []
    for c in accepted:
        kind = c.kind
        if kind in kinds:
            i = kinds.index(kind)
            del kinds[i:], ranks[i:]
            rank = _RANK.get(kind, top)
        else:
            rank = top if kind == "preface" else _RANK[kind]
            while ranks and ranks[-1] >= rank:
                kinds.pop()
                ranks.pop()
        kinds.append(kind)
        ranks.append(rank)
        levels.append(len(kinds))
    return levels


def _with_ends(nodes: list[tuple[int, str, Paragraph, str, bool]], text_length: int) -> list[Section]:
    """Sections from (level, title, paragraph, kind, run_in) in order, with their ends."""
    ends = [text_length] * len(nodes)
    open_: list[int] = []
    for i, (level, _, para, _, _) in enumerate(nodes):
        while open_ and nodes[open_[-1]][0] >= level:
            ends[open_.pop()] = para.start
        open_.append(i)
    return [
        Section(level, title, para.start, end, para.index, kind, run_in)
        for (level, title, para, kind, run_in), end in zip(nodes, ends, strict=True)
    ]


def _flat(paragraphs: Sequence[Paragraph], text_length: int, skip: Collection[int]) -> list[Section]:
    body = [p for p in paragraphs if p.index not in skip and p.text]
    step = -(-len(body) // FLAT_MAX_NODES) or 1
    nodes = []
    for p in body[::step]:
        title = p.text if len(p.text) <= FLAT_TITLE_CHARS else p.text[:FLAT_TITLE_CHARS] + "…"
        nodes.append((1, title, p, "paragraph", False))
    return _with_ends(nodes, text_length)


def detect_sections(
    paragraphs: Sequence[Paragraph], text_length: int, *, skip: Collection[int] = ()
) -> list[Section]:
    """The section tree of a document as a list of sections in document order.

    ``skip`` holds the indexes of the paragraphs that form the document head
    (title, byline); they are never headings (but a numbered one still counts
    for the sequence check, so ``二、`` after a skipped ``一、`` is a heading).
    ``text_length`` is the length of the document text, the end of the last sections.
    """
    if not paragraphs:
        return []
    skip = frozenset(skip)
    accepted = _accept(_candidates(paragraphs, skip), paragraphs, skip)
    if not accepted:
        return _flat(paragraphs, text_length, skip)
    levels = _levels(accepted)
    nodes = [
        (level, c.title, paragraphs[c.pos], c.kind, c.run_in)
        for level, c in zip(levels, accepted, strict=True)
    ]
    return _with_ends(nodes, text_length)


def detect_document_sections(doc: Document, skip: Collection[int] = ()) -> list[Section]:
    """:func:`detect_sections` for a document; its head paragraphs are skipped as well."""
    return detect_sections(
        doc.paragraphs, len(doc.text), skip=frozenset(skip) | frozenset(doc.metadata.head_paragraphs)
    )


def declared_sections(
    paragraphs: Sequence[Paragraph], levels: dict[int, int], text_length: int
) -> list[Section]:
    """Sections from the headings a file declares (Word heading styles and outline levels,
    HTML h1-h6, Markdown #, a PDF's or OFD's outline): ``levels`` maps a paragraph index to its
    level (1 = top).  Levels are made consecutive (a file that jumps from 1 to 3 gets 1, 2)."""
    nodes = []
    stack: list[int] = []  # declared levels on the open path
    for i in sorted(levels):
        if not 0 <= i < len(paragraphs) or not paragraphs[i].text:
            continue
        declared = max(1, levels[i])
        while stack and stack[-1] >= declared:
            stack.pop()
        stack.append(declared)
        nodes.append((len(stack), paragraphs[i].text, paragraphs[i], "declared", False))
    return _with_ends(nodes, text_length)
