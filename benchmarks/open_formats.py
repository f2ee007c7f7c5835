"""Opening documents of each format, against a floor measured in the same run (issue #12 point 11).

    python benchmarks/open_formats.py            # prints the figures
    python benchmarks/open_formats.py --json out.json

``figures()`` returns a list of dicts {name, value, unit, floor, target} for ``benchmarks/run.py``.
Each format adds one function to ``GROUPS``: it is given a scratch folder, makes its files there
and returns its figures.  Times are the median of several opens in this process, after one
warm-up open (imports and first-use costs are not counted, on either side).

Word: ours is ``load_document`` (read, numbering, paragraphs, metadata and the section tree);
the floor is python-docx's bare paragraph walk ``[p.text for p in Document(path).paragraphs]``
(no tables, numbering, tree or metadata).  Files: the speech, and a 75,000-character law (the
constitution's text repeated to that length) whose 第X章 / 第X节 / 第X条 are Word list
numbering, both made with python-docx.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEECH = ROOT / "resources" / "speech.txt"
CORPUS = ROOT / "tests" / "data" / "corpus"
sys.path.insert(0, str(ROOT))

from benchmarks.common import figures_main  # noqa: E402

RUNS = 15
LAW_CHARS = 75_000


def median_time(fn: Callable[[], Any], runs: int = RUNS) -> float:
    """The median seconds of ``fn()`` over ``runs`` calls, after one call not counted."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(fns: dict[str, Callable[[], Any]], runs: int = RUNS) -> dict[str, float]:
    """Median seconds of each of ``fns``, their calls interleaved so drift hits all alike."""
    for fn in fns.values():
        fn()
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(runs):
        for key, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[key].append(time.perf_counter() - start)
    return {k: statistics.median(v) for k, v in times.items()}


# ---------------------------------------------------------------- Word


def _law_paragraphs() -> list[str]:
    from desktop_app.core.loader import load_document

    law = [p.text for p in load_document(CORPUS / "06_xianfa.txt").paragraphs]
    out: list[str] = []
    while sum(map(len, out)) < LAW_CHARS:
        out.extend(law)
    while sum(map(len, out)) - len(out[-1]) >= LAW_CHARS:
        out.pop()
    return out


def word_figures(work: Path) -> list[dict[str, object]]:
    import docx

    from desktop_app.core.formats.docx import read
    from desktop_app.core.loader import load_document
    from tests.formats.docx_fixtures import docx_from_paragraphs

    speech = [p.text for p in load_document(SPEECH).paragraphs]
    files = {
        "the speech as .docx": docx_from_paragraphs(speech, work / "speech.docx"),
        f"a {LAW_CHARS:,}-character law as .docx (numbered)": docx_from_paragraphs(
            _law_paragraphs(), work / "law.docx", numbered=True
        ),
    }
    out: list[dict[str, object]] = []
    for label, path in files.items():
        chars = len(load_document(path).text)
        t = interleaved(
            {
                "ours": lambda path=path: load_document(path),
                "reader": lambda path=path: read(path.read_bytes(), path),
                "floor": lambda path=path: [p.text for p in docx.Document(str(path)).paragraphs],
            }
        )
        out.append({"name": f"open {label}", "value": t["ours"], "unit": "s", "floor": t["floor"],
                    "target": f"<= 1.5x python-docx paragraph walk ({chars:,} chars)"})  # fmt: skip
        out.append({"name": "  of which the Word reader alone", "value": t["reader"], "unit": "s",
                    "floor": t["floor"], "target": "reported"})  # fmt: skip
    return out


# Each format's figures: name -> function(scratch folder) -> figures.  Add yours here.
GROUPS: dict[str, Callable[[Path], list[dict[str, object]]]] = {
    "word": word_figures,
}


def figures(only: set[str] | None = None) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for name, group in GROUPS.items():
        if only and name not in only:
            continue
        with tempfile.TemporaryDirectory() as work:
            out.extend(group(Path(work)))
    return out


if __name__ == "__main__":
    sys.exit(figures_main(__doc__, figures))
