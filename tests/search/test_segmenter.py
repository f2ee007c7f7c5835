"""The word segmenter (jieba-rs with jieba's dictionary) cuts the words jieba cuts.

Real libraries on both sides: jieba's own tokenizer is the reference; the fast one is
loaded the way the window loads it (in batches, without the package's default tokenizer)
and the way a worker process does (whole).
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from desktop_app.search import segmenter, tokenizer
from desktop_app.search.normalization import normalize

ROOT = Path(__file__).resolve().parents[2]
SPEECH = ROOT / "resources" / "speech.txt"
CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.fixture(scope="module")
def batched() -> object:
    return segmenter._load_in_batches(None)


@pytest.fixture(scope="module")
def jieba_tokens():
    tk = tokenizer.jieba_tokenizer()
    return lambda text: list(tk.tokenize(text, mode="default", HMM=True))


def _corpus() -> str:
    return normalize("\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))))


def _chinese(tokens: list) -> list:
    return [t for t in tokens if any("\u4e00" <= c <= "\u9fff" for c in t[0])]


def test_the_speech_is_cut_as_jieba_cuts_it(batched, jieba_tokens) -> None:
    text = normalize(SPEECH.read_text(encoding="utf-8"))
    ours, theirs = segmenter.tokenize(batched, text), jieba_tokens(text)
    assert _chinese(ours) == _chinese(theirs)  # every Chinese word, same places
    # the one difference: jieba-rs keeps a date as one token, jieba cuts it at the dashes
    assert [w for w, _s, _e in ours if w not in {t[0] for t in theirs}] == ["2023-06-14"]


def test_the_corpus_is_cut_as_jieba_cuts_it_but_for_dates(batched, jieba_tokens) -> None:
    text = _corpus()
    ours, theirs = set(segmenter.tokenize(batched, text)), set(jieba_tokens(text))
    assert len(ours & theirs) / len(theirs) > 0.999
    assert set(_chinese(list(ours))) == set(_chinese(list(theirs)))
    # the known difference: jieba-rs keeps 2023-06-14 as one token, jieba cuts it in five
    assert {w for w, _s, _e in ours - theirs} <= {w for w in (w for w, _s, _e in ours) if "-" in w}
    assert all(w.isascii() for w, _s, _e in theirs - ours)


def test_batches_load_the_same_dictionary_as_the_binding_itself(batched) -> None:
    whole = segmenter._load_whole()
    text = _corpus()
    assert segmenter.tokenize(batched, text) == segmenter.tokenize(whole, text)


def test_long_texts_are_cut_in_slices_with_the_same_words(batched) -> None:
    text = _corpus()
    assert len(text) > 5 * segmenter.SLICE
    tokens = segmenter.tokenize(batched, text)
    assert tokens == batched.tokenize(text)  # slices end at sentence ends: nothing changes
    assert all(text[s:e] == w for w, s, e in tokens)
    assert [s for _w, s, _e in tokens[1:]] == [e for _w, _s, e in tokens[:-1]]  # contiguous


def test_a_text_with_no_sentence_end_is_still_cut_and_covered(batched) -> None:
    text = "中国特色社会主义" * (segmenter.SLICE // 4)  # 2 slices' worth, no punctuation
    tokens = segmenter.tokenize(batched, text)
    assert "".join(w for w, _s, _e in tokens) == text
    assert all(text[s:e] == w for w, s, e in tokens)
    assert Counter(w for w, _s, _e in tokens)["社会主义"] >= segmenter.SLICE // 4 - 2


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_loading_in_batches_never_builds_the_packages_default_tokenizer() -> None:
    # importing rjieba builds a whole tokenizer in one call (~0.1 s holding the interpreter
    # lock: a frozen window); the window's load must not import the package
    out = _python(
        "import sys\n"
        "import PySide6.QtWidgets  # a process with a window\n"
        "from desktop_app.search import tokenizer\n"
        "tokenizer.warm_up_tokenizer()\n"
        "print(list(tokenizer.tokenize('加强机关党建')))\n"
        "print('rjieba' in sys.modules, 'jieba' in sys.modules)\n"
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines[0] == "[('加强', 0, 2), ('机关', 2, 4), ('党建', 4, 6)]"
    assert lines[1] == "False False"  # neither the binding's default nor jieba's 80 MB


def test_without_the_binding_jieba_cuts_the_words() -> None:
    out = _python(
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'rjieba':\n"
        "            raise ImportError('no wheel here')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from desktop_app.search import tokenizer\n"
        "print(list(tokenizer.tokenize('加强机关党建')))\n"
        "print('jieba' in sys.modules)\n"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines() == ["[('加强', 0, 2), ('机关', 2, 4), ('党建', 4, 6)]", "True"]


def test_a_long_text_with_commas_only_is_cut_at_commas_not_inside_words(batched) -> None:
    text = "中华人民共和国，" * 3000  # 24,000 characters, no sentence end
    assert segmenter.tokenize(batched, text) == batched.tokenize(text)


def test_loading_whole_reuses_the_packages_own_tokenizer() -> None:
    # importing rjieba already builds one (0.1 s, ~24 MB): a worker must not build a second
    out = _python(
        "import rjieba\n"
        "from desktop_app.search import segmenter\n"
        "print(segmenter._load_whole() is rjieba._DEFAULT_JIEBA)\n"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"


def test_a_damaged_dictionary_falls_back_to_the_bindings_own(tmp_path: Path) -> None:
    bad = tmp_path / "dict.txt.xz"
    bad.write_bytes(b"not xz at all")
    loaded = segmenter._load_in_batches(bad)
    assert loaded.tokenize("加强机关党建") == [("加强", 0, 2), ("机关", 2, 4), ("党建", 4, 6)]


def test_a_process_with_no_window_loads_it_in_one_call() -> None:
    # the command line: no window to keep answering, so the quicker load (0.1 s, not 0.5 s)
    out = _python(
        "from desktop_app.search import segmenter, tokenizer\n"
        "print(list(tokenizer.tokenize('加强机关党建'))[0], segmenter.how)\n"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "('加强', 0, 2) whole"
