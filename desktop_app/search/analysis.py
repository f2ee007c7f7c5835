"""Whoosh analyzers for Chinese and the index schemas.

Whoosh pickles a schema with the import path of every analyzer class, so the
classes here must stay at ``desktop_app.search.analysis`` (an index whose
schema cannot be unpickled is treated as stale and rebuilt).

* ``bi`` (:class:`ChineseBigramAnalyzer`): the normalised paragraph as
  overlapping character bigrams, one per character.  The last character of a
  paragraph is emitted as ``c + END``, so every character starts exactly one
  token: a paragraph holding a query of two characters or more holds all its
  bigrams, one holding a one-character query a term with the prefix ``c``.
  The index stores only which paragraphs hold each bigram (Existence format):
  candidates, which our scan then checks exactly (whatever the word boundaries).
* ``w`` (:class:`ChineseWordAnalyzer`): jieba's words of the normalised
  paragraph, used only to rank a real word above a match spanning two words.

The index writer (``desktop_app.search.writer``) produces the same postings as
these analyzers without going through them (tests compare the two).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh import fields, formats
from whoosh.analysis import Token, Tokenizer

from desktop_app.search.normalization import normalize

END = "\x03"  # never in normalised text (control characters are removed)


def bigrams(text: str) -> list[str]:
    """The bigram tokens of a normalised paragraph, one per character (see module doc)."""
    n = len(text)
    if not n:
        return []
    out = [text[i : i + 2] for i in range(n - 1)]
    out.append(text[-1] + END)
    return out


def query_bigrams(term: str) -> list[str]:
    """The consecutive bigrams a term of two characters or more must match."""
    return [term[i : i + 2] for i in range(len(term) - 1)]


class _ChineseTokenizer(Tokenizer):
    """Whoosh's tokenizer protocol; subclasses give ``(text, position, start, end)`` per token.

    Position and characters are relative (``start_pos`` and ``start_char`` are added).
    """

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for text, pos, start, end in self._tokens(value, mode):
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = text
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t

    def _tokens(self, value: str, mode: str) -> Iterator[tuple[str, int, int, int]]:
        raise NotImplementedError


class ChineseBigramAnalyzer(_ChineseTokenizer):
    """Normalise, then emit overlapping character bigrams with their positions."""

    def _tokens(self, value: str, mode: str) -> Iterator[tuple[str, int, int, int]]:
        text = normalize(value)
        tokens = query_bigrams(text) if mode == "query" and len(text) > 1 else bigrams(text)
        if mode == "query" and len(text) == 1:
            tokens = [text]
        for i, tok in enumerate(tokens):
            yield tok, i, i, i + min(2, len(tok.rstrip(END)) or 1)


class ChineseWordAnalyzer(_ChineseTokenizer):
    """Normalise, then jieba's words (tokens without a letter or digit are dropped)."""

    def _tokens(self, value: str, mode: str) -> Iterator[tuple[str, int, int, int]]:
        from desktop_app.search.tokenizer import _has_alnum
        from desktop_app.search.tokenizer import tokenize as jieba_tokenize

        pos = 0
        for word, s, e in jieba_tokenize(normalize(value)):
            if not _has_alnum(word):
                continue
            yield word, pos, s, e
            pos += 1


def bigram_schema() -> fields.Schema:
    """Paragraph documents: which bigrams each holds (no positions, no counts), and where it is.

    Whoosh only says which paragraphs hold every bigram of a term (candidates); our scan of
    those paragraphs finds the exact occurrences, so positions and counts would be stored for
    nothing (issue 14: a posting is a document number, about a third of the work and memory).
    """
    bi = fields.TEXT(analyzer=ChineseBigramAnalyzer(), phrase=False)
    bi.format = formats.Existence(field_boost=1.0)
    return fields.Schema(
        bi=bi,
        doc=fields.STORED(),  # the document's fingerprint (first 16 hex digits)
        p=fields.STORED(),  # paragraph index
        start=fields.STORED(),  # global character offset of the paragraph in Document.text
        section=fields.STORED(),  # section path, joined by " › "
    )


def word_schema() -> fields.Schema:
    """The same paragraphs (same document numbers), jieba's words, for ranking.

    Ranking asks only whether a word is in the vocabulary and which paragraphs hold it
    (``ranking.py``), so a posting is a paragraph number, as for bigrams: no counts (an
    index written with counts by an earlier version reads the same)."""
    w = fields.TEXT(analyzer=ChineseWordAnalyzer(), phrase=False)
    w.format = formats.Existence(field_boost=1.0)
    return fields.Schema(w=w)
