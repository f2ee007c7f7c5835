"""Export figures: 1,000 notes on the speech written to each format.

    python benchmarks/export.py [--json FILE]

Each figure is the median of three runs of ``export_notes`` (rendering plus the atomic
write and fsync) for 1,000 annotations with notes and tags spread over the speech; the
floor is writing the same number of bytes of plain JSON (``json.dumps`` of the notes'
dicts and an fsynced file), the least any exporter must do.  Target: under 2 s each.
PDF includes creating the offscreen QGuiApplication once (first run only).

Benchmarks report numbers; they never fail on a slow machine.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import figures_main  # noqa: E402

NOTES = 1000
RUNS = 3


def _annotations(doc):  # type: ignore[no-untyped-def]
    from desktop_app.core.annotations import COLORS, new_annotation

    out = []
    step = max(1, (len(doc.text) - 40) // NOTES)
    for i in range(NOTES):
        start = (i * step) % (len(doc.text) - 40)
        if doc.text[start] == "\n":
            start += 1
        note = f"第 {i} 条笔记：要点 <b>加粗?</b> *星号*\n第二行" if i % 3 else ""
        out.append(
            new_annotation(
                doc,
                start,
                start + 15 + i % 20,
                color=COLORS[i % len(COLORS)].key,
                note=note,
                tags=["重点", f"t{i % 7}"],
            )
        )
    return out


def figures() -> list[dict[str, object]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop_app.core.loader import load_document
    from desktop_app.export import FORMATS, ExportOptions, export_notes
    from desktop_app.paths import bundled_speech

    doc = load_document(bundled_speech())
    anns = _annotations(doc)
    found: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="yandu-bench-export-") as tmp:
        floor_samples = []
        for _ in range(RUNS):
            t = time.perf_counter()
            path = Path(tmp) / "floor.json"
            with open(path, "w", encoding="utf-8") as f:
                f.write(json.dumps([a.to_dict() for a in anns], ensure_ascii=False))
                f.flush()
                os.fsync(f.fileno())
            floor_samples.append(time.perf_counter() - t)
        floor = statistics.median(floor_samples)
        variants = [(fmt, "default") for fmt in FORMATS] + [("docx", "gongwen")]
        for fmt, style in variants:
            samples = []
            for _ in range(RUNS):
                out = Path(tmp) / f"notes-{fmt}-{style}{FORMATS[fmt].extension}"
                t = time.perf_counter()
                export_notes(doc, anns, [], ExportOptions(format=fmt, style=style), out)
                samples.append(time.perf_counter() - t)
            name = f"export {NOTES} notes: {fmt}" + (f" ({style})" if style != "default" else "")
            found.append(
                {
                    "name": name,
                    "value": round(statistics.median(samples), 4),
                    "unit": "s",
                    "floor": round(floor, 4),
                    "target": "target < 2 s",
                }
            )
    return found


def main() -> int:
    return figures_main(__doc__, figures)  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
