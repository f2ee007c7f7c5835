"""Finding an annotated passage again in a text that may have been revised.

An anchor is a W3C TextQuoteSelector (``exact`` + ``prefix``/``suffix`` context)
plus a TextPositionSelector (``start``/``end``).  :func:`reanchor` tries, in order:

1. **position** - ``text[start:end] == exact`` with the context unchanged (also at
   the shift the previous note moved by, see :func:`reanchor_all`);
2. **quote** - every exact occurrence of the quote, ranked by how well its
   context agrees with the stored prefix/suffix and by nearness to the old place;
3. **fuzzy** - approximate matching (rapidfuzz) in windows around the old place,
   around places where pieces of the quote or its context still occur, and over
   the whole text when it is short; boundaries are refined edge by edge;
4. **first quote** - an Annotation keeps the quote it was made on (``original_exact``): when an
   edit that cut into the note is undone, that quote is found again and the note gets its whole
   passage back (issue 11: a note moved by an edit goes back when the edit is undone).

Weak matches are refused: the result is then an *orphan* (never a guess).  A
fuzzy match needs quote similarity >= ``MIN_QUOTE_SIMILARITY``; a short quote
(under ``SHORT_QUOTE`` characters) also needs its context to agree
(>= ``MIN_CONTEXT_SIMILARITY``), since a few characters occur everywhere.
Similarities are rapidfuzz's normalised Indel similarity (0..1).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

CONTEXT_CHARS = 32
MIN_QUOTE_SIMILARITY = 0.75
MIN_CONTEXT_SIMILARITY = 0.5
SHORT_QUOTE = 10
MIN_FUZZY_QUOTE = 4  # shorter quotes are only ever found exactly
WHOLE_TEXT_LIMIT = 50_000  # texts up to this many characters are also searched whole
SEED_CHARS = 6
MAX_SEED_HITS = 24  # a piece occurring more often than this says nothing about where
MAX_SEED_WINDOWS = 6
MAX_OCCURRENCES = 10_000
EDGE_CONTEXT_WEIGHT = 0.05
NEAR_SCALE = 2_000  # characters: nearness 0.5 at this distance from the expected place
# A window is looked at closely (edges refined, similarity checked) when some stretch of it as long
# as the quote aligns with the quote at least this well (0..100).  A passage that grew by k
# characters inside still has similarity 2n / (2n + k) >= MIN_QUOTE_SIMILARITY to a quote of n
# characters up to k = 2n / 3, but an n-character stretch of it then matches only (n - k) / n:
# 1/3 at that limit (deletions and replacements give more).  So the cutoff follows from the threshold;
# the threshold itself is still checked on the refined span.
ALIGNMENT_CUTOFF = 100 * (3 * MIN_QUOTE_SIMILARITY - 2) / MIN_QUOTE_SIMILARITY
# Ranking weights: quote similarity, context similarity, nearness.
W_QUOTE, W_CONTEXT, W_NEAR = 0.6, 0.3, 0.1

ANCHORED = "anchored"
ORPHAN = "orphan"


@dataclass(frozen=True, slots=True)
class Selectors:
    """A passage's W3C selectors in one text."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def as_w3c(self) -> list[dict[str, Any]]:
        return [
            {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix},
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]


def make_quote(text: str, start: int, end: int, *, context: int = CONTEXT_CHARS) -> Selectors:
    """Selectors for ``text[start:end]`` with up to ``context`` characters either side."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Selectors(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


class Anchorable(Protocol):
    """Anything with a quote and a position: Annotation, Bookmark, Selectors."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def exact(self) -> str: ...
    @property
    def prefix(self) -> str: ...
    @property
    def suffix(self) -> str: ...


@dataclass(frozen=True, slots=True)
class AnchorResult:
    start: int
    end: int
    status: str  # ANCHORED or ORPHAN
    score: float  # 0..1: 1 = same place, same text, same context
    method: str  # "position", "quote", "fuzzy" or "none"
    quote_similarity: float = 0.0
    context_similarity: float = 0.0

    @property
    def anchored(self) -> bool:
        return self.status == ANCHORED


_fuzz: Any = None


def _rapidfuzz() -> Any:
    """rapidfuzz.fuzz, imported on first use (it costs ~10 ms at start-up otherwise)."""
    global _fuzz
    if _fuzz is None:
        from rapidfuzz import fuzz

        _fuzz = fuzz
    return _fuzz


def _sim(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return (_fuzz or _rapidfuzz()).ratio(a, b) / 100.0


def context_similarity(target: Anchorable, text: str, start: int, end: int) -> float:
    """How well the text around ``start..end`` agrees with the stored prefix and suffix.

    Each side counts by its length: a note one character from the start of the text has a
    prefix of one character, which says little (a "0" before a "1" occurs anywhere), and its
    32 characters of suffix say much.
    """
    p, s = target.prefix, target.suffix
    before = text[max(0, start - len(p)) : start]
    after = text[end : end + len(s)]
    if not p and not s:
        return 1.0
    if not p:
        return _sim(s, after)
    if not s:
        return _sim(p, before)
    return (len(p) * _sim(p, before) + len(s) * _sim(s, after)) / (len(p) + len(s))


def _nearness(pos: int, expected: int) -> float:
    return 1.0 / (1.0 + abs(pos - expected) / NEAR_SCALE)


def _acceptable(quote_len: int, q: float, ctx: float) -> bool:
    if q < MIN_QUOTE_SIMILARITY:
        return False
    return quote_len >= SHORT_QUOTE or ctx >= MIN_CONTEXT_SIMILARITY


def _at_position(target: Anchorable, text: str, start: int) -> bool:
    end = start + len(target.exact)
    if start < 0 or end > len(text) or text[start:end] != target.exact:
        return False
    p, s = target.prefix, target.suffix
    return text[max(0, start - len(p)) : start] == p and text[end : end + len(s)] == s


def _occurrences(text: str, needle: str, limit: int) -> list[int]:
    out: list[int] = []
    i = text.find(needle)
    while i != -1 and len(out) < limit:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _by_quote(target: Anchorable, text: str, expected: int) -> AnchorResult | None:
    exact = target.exact
    best: tuple[float, int, float] | None = None
    for pos in _occurrences(text, exact, MAX_OCCURRENCES):
        ctx = context_similarity(target, text, pos, pos + len(exact))
        rank = W_CONTEXT * ctx + W_NEAR * _nearness(pos, expected)
        if best is None or rank > best[0]:
            best = (rank, pos, ctx)
    if best is None:
        return None
    _, pos, ctx = best
    if not _acceptable(len(exact), 1.0, ctx):
        return None
    score = W_QUOTE + W_CONTEXT * ctx + W_NEAR * _nearness(pos, expected)
    return AnchorResult(pos, pos + len(exact), ANCHORED, round(score, 4), "quote", 1.0, ctx)


def _seed_starts(target: Anchorable, text: str) -> list[int]:
    """Likely new starts of the quote: where pieces of prefix+exact+suffix still occur."""
    joined = target.prefix + target.exact + target.suffix
    offset = len(target.prefix)
    votes: Counter[int] = Counter()
    for i in range(0, max(1, len(joined) - SEED_CHARS + 1), SEED_CHARS):
        piece = joined[i : i + SEED_CHARS]
        if len(piece) < SEED_CHARS:
            break
        hits = _occurrences(text, piece, MAX_SEED_HITS + 1)
        if len(hits) > MAX_SEED_HITS:
            continue
        for h in hits:
            votes[(h - (i - offset)) // 16] += 1
    return [bucket * 16 for bucket, _ in votes.most_common(MAX_SEED_WINDOWS)]


def _refine(target: Anchorable, text: str, start: int, end: int) -> tuple[int, int, float]:
    """Move each edge of ``start..end`` a little while that makes it more like the quote.

    Quote similarity decides; context similarity breaks near-ties (an edge character
    that was replaced scores the same inside or outside the span, its neighbours don't).
    """
    exact = target.exact
    # Far enough for the edits a match allows (an alignment may start on a stray character of the
    # context: "青年，让面建设社会主" for "青春在全面建设社会主" once "青春在全" was cut).
    reach = max(2, min(32, 2 * len(exact) // 3))

    def value(s: int, e: int, beat: float) -> float:
        q = _sim(exact, text[s:e])
        if q + EDGE_CONTEXT_WEIGHT <= beat:  # cannot beat it whatever the context: skip that
            return q
        return q + EDGE_CONTEXT_WEIGHT * context_similarity(target, text, s, e)

    best = value(start, end, -1.0)
    for _ in range(2):
        moved = False
        for e in range(max(start + 1, end - reach), min(len(text), end + reach) + 1):
            v = value(start, e, best)
            if v > best:
                best, end, moved = v, e, True
        for s in range(max(0, start - reach), min(end - 1, start + reach) + 1):
            v = value(s, end, best)
            if v > best:
                best, start, moved = v, s, True
        if not moved:
            break
    return start, end, _sim(exact, text[start:end])


def _fuzzy(target: Anchorable, text: str, expected: int) -> AnchorResult | None:
    exact = target.exact
    n = len(exact)
    if n < MIN_FUZZY_QUOTE or not text:
        return None
    pad = max(64, n)
    # The old place itself first: a window gives one alignment, the leftmost of equals, so in a
    # wide one a similar passage earlier ("。\n第五十一条 中华" for "。\n第五十六条 中华" with
    # "六" cut) would hide the note's own place.
    windows: list[tuple[int, int]] = [(max(0, expected - n), min(len(text), expected + 2 * n))]
    for centre in [expected, *_seed_starts(target, text)]:
        windows.append((max(0, centre - pad), min(len(text), centre + n + pad)))
    if len(text) <= WHOLE_TEXT_LIMIT:
        windows.append((0, len(text)))
    best: AnchorResult | None = None
    best_rank = -1.0
    seen: set[tuple[int, int]] = set()
    cutoff = ALIGNMENT_CUTOFF
    for a, b in windows:
        if b - a <= 0:
            continue
        al = _rapidfuzz().partial_ratio_alignment(exact, text[a:b], score_cutoff=cutoff)
        if al is None:
            continue
        s, e = a + al.dest_start, a + al.dest_end
        if (s, e) in seen:
            continue
        seen.add((s, e))
        s, e, q = _refine(target, text, s, max(e, s + 1))
        ctx = context_similarity(target, text, s, e)
        if not _acceptable(n, q, ctx):
            continue
        rank = W_QUOTE * q + W_CONTEXT * ctx + W_NEAR * _nearness(s, expected)
        if rank > best_rank:
            best_rank = rank
            best = AnchorResult(s, e, ANCHORED, round(rank, 4), "fuzzy", round(q, 4), round(ctx, 4))
    return best


def reanchor(target: Anchorable, text: str, *, shift: int = 0) -> AnchorResult:
    """Where ``target``'s passage is in ``text`` now, or an orphan result.

    ``shift`` is a guess of how far text before it moved (the previous note's move).
    """
    exact = target.exact
    if not exact:
        return AnchorResult(target.start, target.end, ORPHAN, 0.0, "none")
    for guess in (target.start, target.start + shift) if shift else (target.start,):
        if _at_position(target, text, guess):
            found = AnchorResult(guess, guess + len(exact), ANCHORED, 1.0, "position", 1.0, 1.0)
            return _with_original_quote(target, text, found)
    expected = target.start + shift
    found = _by_quote(target, text, expected) or _fuzzy(target, text, expected)
    if found is None:
        found = _by_original_quote(target, text, expected)
    if found is None:
        return AnchorResult(target.start, target.end, ORPHAN, 0.0, "none")
    return _with_original_quote(target, text, found)


def _by_original_quote(target: Anchorable, text: str, expected: int) -> AnchorResult | None:
    """The note's first quote (``original_exact``), found exactly, when its current one is lost.

    An edit that cut a note's quote short can leave it too short to be found without its
    context; once the edit is undone, that context is gone again, but the first quote is back.
    It is accepted on the same terms as any quote (a short one needs its context to agree).
    """
    original = getattr(target, "original_exact", "")
    if not original or original == target.exact:
        return None
    first = Selectors(original, target.prefix, target.suffix, target.start, target.start + len(original))
    return _by_quote(first, text, expected)


def _with_original_quote(target: Anchorable, text: str, found: AnchorResult) -> AnchorResult:
    """The note's first quote instead of ``found`` when that quote is whole again where it was found.

    An edit that cut into a note shortens its quote (``"列现场会(第七场)上"`` -> ``"(第七场)上"``);
    when the edit is undone, the shortened quote is found exactly, but the note should get its
    whole passage back.  So if an exact occurrence of ``original_exact`` (an Annotation's quote
    as first made; bookmarks have none) overlaps the place found, the note takes it (the one
    nearest to the place found, if several do).
    """
    original = getattr(target, "original_exact", "")
    if not original or original == target.exact:
        return found
    best: int | None = None
    i = text.find(original, max(0, found.start - len(original) + 1))
    while i != -1 and i < found.end:
        if best is None or abs(i - found.start) < abs(best - found.start):
            best = i
        i = text.find(original, i + 1)
    if best is None:
        return found
    return AnchorResult(
        best, best + len(original), ANCHORED, found.score, found.method,
        found.quote_similarity, found.context_similarity,
    )  # fmt: skip


def reanchor_all(targets: Iterable[Anchorable], text: str) -> list[AnchorResult]:
    """Re-anchor many targets onto one text; results in the order given.

    Targets are visited in position order, and the move of the last one found
    is tried first for the next (a paragraph inserted earlier moves all later ones).
    """
    items: Sequence[Anchorable] = list(targets)
    order = sorted(range(len(items)), key=lambda i: (items[i].start, items[i].end))
    results: list[AnchorResult | None] = [None] * len(items)
    shift = 0
    for i in order:
        r = reanchor(items[i], text, shift=shift)
        if r.anchored:
            shift = r.start - items[i].start
        results[i] = r
    return [r for r in results if r is not None]
