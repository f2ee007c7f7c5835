"""Sentence signatures (core/similarity.py), computed slice by slice: the same sketch as one
pass over the whole text, with or without the pauses a worker beside a busy window takes."""

from __future__ import annotations

import zlib

from desktop_app.core import similarity
from desktop_app.core.chunks import SLICE_CHARS
from tests.conftest import CORPUS, SPEECH


def _whole_text_hashes(text: str) -> set[int]:
    """The definition, in one pass (what the slices must give)."""
    return {
        zlib.crc32(s.strip().encode("utf-8", "surrogatepass"))
        for line in text.split("\n")
        for s in similarity._SENTENCE_END.split(line)
        if len(s) >= similarity.MIN_SENTENCE
    }


def test_sliced_and_paused_hashes_are_the_whole_texts() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    # long enough for many slices either way, one line longer than a slice, a lone surrogate
    long_line = "长句子没有句号" * (SLICE_CHARS // 5)
    surrogate = "孤立的代理\ud800字符在这一句里面。"
    text = "\n".join([SPEECH.read_text(encoding="utf-8"), *texts * 3, long_line, surrogate])
    assert len(text) > 4 * SLICE_CHARS
    whole = _whole_text_hashes(text)
    assert similarity.sentence_hashes(text) == whole
    assert similarity.sentence_hashes(text, pause=0.0001) == whole
    assert similarity.signature(text, pause=0.0001) == similarity.signature(text)
    assert similarity.kept_share(similarity.signature(text), similarity.signature(text, 0.0001)) == 1.0
