"""The query language, parsed without Whoosh's parser (it never raises).

* plain text: every exact occurrence (after normalisation);
* terms separated by spaces: all must occur in the paragraph;
* ``"a quoted phrase"`` may hold spaces;
* ``a OR b``: either (OR binds tighter than the implicit AND: ``x a OR b`` = x AND (a OR b));
* ``-term`` / ``-"phrase"``: paragraphs holding it are left out.

Only ASCII ``"`` and ``-`` are operators: Chinese quotes “” and full-width
dashes are searched as text.  A malformed query is searched as well as it can
be, with a :attr:`ParsedQuery.notice` saying what was done.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.search.normalization import normalize

_NOTICES: dict[str, tuple[str, str]] = {
    "empty": ("请输入要查找的文字。", "Type something to search for."),
    "unbalanced_quote": (
        "引号没有配对：最后一个引号之后的文字按一个短语查找。",
        "Unbalanced quote: the text after it is searched as one phrase.",
    ),
    "dangling_or": (
        "OR 两边都要有要查找的词，多余的 OR 已忽略。",
        "OR needs a term on each side; the extra OR was ignored.",
    ),
    "only_excluded": (
        "只有排除的词（-词语），请再输入一个要查找的词。",
        "Only excluded terms (-term): add a term to search for.",
    ),
    "literal": (
        "查询中只有运算符，已按原文查找：{text}",
        "The query holds only operators; searched for it as text: {text}",
    ),
    "nothing": ("查询中没有可以查找的文字。", "The query holds no characters that can be searched."),
}


def notice(key: str, **params: object) -> str:
    from desktop_app.core import messages

    zh, en = _NOTICES[key]
    return (en if messages.language() == "en" else zh).format(**params)


@dataclass
class ParsedQuery:
    """An AND of OR-groups of normalised literal terms, minus excluded terms."""

    raw: str
    groups: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    notice: str = ""
    plain: bool = False  # one term, no operators: the hits are simply its occurrences

    @property
    def terms(self) -> list[str]:
        """Distinct positive terms, in query order."""
        seen: dict[str, None] = {}
        for g in self.groups:
            for t in g:
                seen.setdefault(t, None)
        return list(seen)


@dataclass
class _Token:
    text: str
    kind: str = "term"  # "term" or "or"
    negated: bool = False


def _lex(raw: str) -> tuple[list[_Token], bool]:
    tokens: list[_Token] = []
    unbalanced = False
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch.isspace():
            i += 1
            continue
        negated = False
        if ch == "-" and i + 1 < n and not raw[i + 1].isspace():
            negated = True
            i += 1
            ch = raw[i]
        if ch == '"':
            j = raw.find('"', i + 1)
            if j < 0:
                unbalanced = True
                j = n
            tokens.append(_Token(raw[i + 1 : j], negated=negated))
            i = j + 1
            continue
        j = i
        while j < n and not raw[j].isspace() and raw[j] != '"':
            j += 1
        word = raw[i:j]
        if word == "OR" and not negated:
            tokens.append(_Token(word, kind="or"))
        else:
            tokens.append(_Token(word, negated=negated))
        i = j
    return tokens, unbalanced


def parse_query(raw: str) -> ParsedQuery:
    """Parse ``raw``; see the module doc.  Never raises."""
    pq = ParsedQuery(raw=raw)
    if not raw or not raw.strip():
        pq.notice = notice("empty")
        return pq
    tokens, unbalanced = _lex(raw)
    notices: list[str] = []
    if unbalanced:
        notices.append(notice("unbalanced_quote"))
    groups: list[list[str]] = []
    excluded: list[str] = []
    join_next = False
    dangling = False
    for k, tok in enumerate(tokens):
        if tok.kind == "or":
            prev_ok = k > 0 and tokens[k - 1].kind == "term" and not tokens[k - 1].negated
            next_ok = k + 1 < len(tokens) and tokens[k + 1].kind == "term" and not tokens[k + 1].negated
            if prev_ok and next_ok and groups:
                join_next = True
            else:
                dangling = True
            continue
        term = normalize(tok.text).replace("\n", "")
        if not term:
            join_next = False
            continue
        if tok.negated:
            excluded.append(term)
            join_next = False
            continue
        if join_next and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if dangling:
        notices.append(notice("dangling_or"))
    if not groups:
        if excluded:
            notices.append(notice("only_excluded"))
        else:
            literal = normalize(raw.strip()).replace("\n", "")
            if literal:
                groups = [[literal]]
                notices = [notice("literal", text=raw.strip())]
            else:
                notices.append(notice("nothing"))
    pq.groups = [list(dict.fromkeys(g)) for g in groups]
    pq.excluded = list(dict.fromkeys(excluded))
    pq.notice = " ".join(notices)
    pq.plain = len(pq.groups) == 1 and len(pq.groups[0]) == 1 and not pq.excluded
    return pq
