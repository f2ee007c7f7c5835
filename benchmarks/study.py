"""The study tools' figures (issue 16), each against a floor of the same run.

    python benchmarks/study.py        (or: python benchmarks/run.py --only study)

* Comparing two 30,000-character versions (the report's first 30,000 characters, and the
  same with 40 phrases reworded and 15 sentences added): ``study.compare.compare_texts``,
  against rapidfuzz's character opcodes of the two whole texts in one call (the plainest diff).
* The study outline (学习提纲, Word) of the speech with 100 notes, against the plain Word study
  notes of the same notes (``format="docx"``).
* Formulations and key terms of a 75,000-character document (the 20th Congress report, the
  constitution and the speech, joined): ``study.terms.document_terms``, against jieba
  segmenting the same text once (what any key-term method must do at least).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_CHARS = 75_000


def _text() -> str:
    from desktop_app.core.loader import load_document

    parts = [
        load_document(ROOT / "tests" / "data" / "corpus" / name).text
        for name in ("03_ershida_baogao_2022.txt", "06_xianfa.txt")
    ]
    parts.append(load_document(ROOT / "resources" / "speech.txt").text)
    text = "\n".join(parts)
    while len(text) < TARGET_CHARS:
        text += "\n" + parts[0]
    return text[:TARGET_CHARS]


def figures() -> list[dict[str, Any]]:
    from desktop_app.search.keyterms import segment
    from desktop_app.search.tokenizer import warm_up_tokenizer
    from desktop_app.study.terms import document_terms

    warm_up_tokenizer()  # the window has it loaded by then (its search index needs it)
    text = _text()
    ours, floor = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        found = document_terms(text)
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        segment(text)
        floor.append(time.perf_counter() - t0)
    from rapidfuzz.distance import Levenshtein

    from desktop_app.core.loader import load_document
    from desktop_app.study.compare import compare_texts

    old = load_document(ROOT / "tests" / "data" / "corpus" / "03_ershida_baogao_2022.txt").text[:30000]
    new = old.replace("坚持", "始终坚持", 40).replace("。", "。新的要求在这里提出。", 15)
    cmp_ours, cmp_floor = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        compare_texts(old, new)
        cmp_ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        Levenshtein.opcodes(old, new)
        cmp_floor.append(time.perf_counter() - t0)
    import tempfile

    from desktop_app.core.annotations import new_annotation
    from desktop_app.export import ExportOptions, export_notes

    speech = load_document(ROOT / "resources" / "speech.txt")
    step = len(speech.text) // 101
    notes = [
        new_annotation(speech, i * step, i * step + 8, note=f"笔记 {i}", doc_id="d") for i in range(1, 101)
    ]
    out_ours, out_floor = [], []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(3):
            t0 = time.perf_counter()
            export_notes(speech, notes, [], ExportOptions(format="outline"), Path(folder) / "outline.docx")
            out_ours.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            export_notes(speech, notes, [], ExportOptions(format="docx"), Path(folder) / "notes.docx")
            out_floor.append(time.perf_counter() - t0)
    return [
        {
            "name": "study outline (Word), speech + 100 notes",
            "value": statistics.median(out_ours),
            "unit": "s",
            "floor": statistics.median(out_floor),
            "target": "target <= 1 s; floor: the Word study notes of the same notes",
        },
        {
            "name": "compare two 30,000-character versions",
            "value": statistics.median(cmp_ours),
            "unit": "s",
            "floor": statistics.median(cmp_floor),
            "target": "target <= 2 s; floor: one character diff of the whole texts",
        },
        {
            "name": f"formulations + key terms, {len(text):,} characters",
            "value": statistics.median(ours),
            "unit": "s",
            "floor": statistics.median(floor),
            "target": f"target <= 1 s; floor: jieba segments it once ({len(found)} terms)",
        },
    ]


def main() -> int:
    from benchmarks.common import figures_main

    return figures_main(__doc__, figures)  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
