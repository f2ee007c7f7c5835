"""core.chunks: whole-text work in slices gives exactly the unsliced result."""

from __future__ import annotations

import random

import pytest

from desktop_app.core import chunks
from desktop_app.core.punctuation import _to_display, to_display
from tests.conftest import CORPUS, SPEECH


def texts() -> list[str]:
    out = [SPEECH.read_text(encoding="utf-8")]
    out += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:4]]
    return out


@pytest.mark.parametrize("size", [1, 7, 100, 5000])
def test_slices_join_to_the_text_and_end_after_a_line_break(size: int) -> None:
    rnd = random.Random(size)
    for text in [*texts(), "", "\n", "无换行" * 50, "\n\n甲\n\n乙\n"]:
        pieces = chunks.line_slices(text, size)
        assert "".join(pieces) == text
        assert all(p.endswith("\n") for p in pieces[:-1])
        assert all(
            len(p) > size and "\n" not in p[size:-1] for p in pieces[:-1]
        )  # cut at the first break after size
        word = "".join(rnd.choice("甲乙\n") for _ in range(200))
        assert "".join(chunks.line_slices(word, size)) == word


def test_the_display_form_in_slices_equals_the_whole_text_at_once() -> None:
    for text in texts():
        noisy = text.replace("，", ",").replace("（", "(").replace("）", ")").replace("。", ".")
        noisy = noisy.replace("“", '"').replace("”", '"').replace("：", ":")
        whole = _to_display(noisy)
        assert chunks.by_lines(_to_display, noisy, 300) == whole
        assert to_display(noisy) == whole


def test_normalising_in_slices_equals_normalising_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.search import normalization
    from desktop_app.search.normalization import NormalizedText

    samples = [t[:20000] + " Ｘｉ　Ｊｉｎｐｉｎｇ ﬁ ① \u200b ＡＢＣ，。\n" * 3 for t in texts()]
    at_once = [
        (nt.norm, [nt.to_orig(i) for i in range(0, len(nt.norm), 97)]) for nt in map(NormalizedText, samples)
    ]
    monkeypatch.setattr(normalization, "SLICE_CHARS", 333)
    sliced = [
        (nt.norm, [nt.to_orig(i) for i in range(0, len(nt.norm), 97)]) for nt in map(NormalizedText, samples)
    ]
    assert sliced == at_once
