"""How much of one text another keeps: sentence signatures (finding a revised version).

A text's signature is the CRC-32s of its sentences (at least MIN_SENTENCE characters, cut
at 。！？；and line ends), the SKETCH smallest kept: a bottom-k sketch, so two texts' sketches
are comparable whatever their length and a 10 MB text's signature is 16 KB.  Two versions of
a report share most sentences; two different speeches almost none.
"""

from __future__ import annotations

import re
import time
import zlib
from array import array

from desktop_app.core.chunks import SLICE_CHARS, line_slices

MIN_SENTENCE = 8
SKETCH = 4096
SAME_DOCUMENT = 0.5  # share of sentences kept from which a text is taken for a version of another
SAME_TITLE_SHARE = 0.1  # with the same title, this much in common is enough
PAUSED_SLICE = 8192  # characters between two pauses (sentence_hashes)

_SENTENCE_END = re.compile(r"[。！？；!?;]+")


def sentence_hashes(text: str, pause: float = 0.0) -> set[int]:
    """The CRC-32s of ``text``'s sentences of MIN_SENTENCE characters or more.

    Slice by slice: one split of a 10 MB text would hold the interpreter lock ~0.2 s (a worker
    doing this must not freeze the window).  ``pause``: seconds to sleep after each slice of
    PAUSED_SLICE characters (~1 ms of work), for a worker beside a window still busy laying a
    long text out: its steps then wait ~1 ms for the lock instead of up to 5."""
    crc, split = zlib.crc32, _SENTENCE_END.split
    found: set[int] = set()
    for piece in line_slices(text, PAUSED_SLICE if pause else SLICE_CHARS):
        found.update(
            crc(s.strip().encode("utf-8", "surrogatepass"))
            for line in piece.split("\n")
            for s in split(line)
            if len(s) >= MIN_SENTENCE
        )
        if pause:
            time.sleep(pause)
    return found


def signature(text: str, pause: float = 0.0) -> bytes:
    """``text``'s sketch: its SKETCH smallest sentence hashes, as 4-byte little-endian integers
    (``pause``: see :func:`sentence_hashes`)."""
    kept = array("I", sorted(sentence_hashes(text, pause))[:SKETCH])
    if kept.itemsize != 4:  # (not on any platform we run on; kept exact if so)
        kept = array("L", kept)
    return kept.tobytes()


def _unpack(blob: bytes | None) -> set[int]:
    if not blob:
        return set()
    values = array("I")
    values.frombytes(blob[: len(blob) - len(blob) % values.itemsize])
    return set(values)


def kept_share(old: bytes | None, new: bytes | None) -> float:
    """Of the sentences the shorter sketch holds, the share the other holds too (0..1).

    Both sketches keep the smallest hashes, so they are compared below the larger of their
    two cut-offs: what one left out for length is not counted as missing from it."""
    a, b = _unpack(old), _unpack(new)
    if not a or not b:
        return 0.0
    if len(a) >= SKETCH or len(b) >= SKETCH:
        limit = min(max(a) if len(a) >= SKETCH else 2**32, max(b) if len(b) >= SKETCH else 2**32)
        a = {h for h in a if h <= limit}
        b = {h for h in b if h <= limit}
        if not a or not b:
            return 0.0
    return len(a & b) / min(len(a), len(b))
