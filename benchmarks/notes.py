"""Notes figures: a durable add against a bare SQLite insert, re-anchoring 500 notes.

    python benchmarks/notes.py [--json FILE]

* adding an annotation (``NotesStore.add``, committed and fsynced) against the
  floor of a bare ``INSERT`` of the same row into the same table with the same
  pragmas (WAL, synchronous=FULL), one row per transaction; the two alternate so
  that disk drift hits both alike.  Also reported: building the annotation
  (``new_annotation``: quote, context, section, uuid, ~30-80 us) plus the add;
* re-anchoring 500 notes onto a revised speech (a paragraph inserted, characters
  changed in every fourth paragraph, one paragraph deleted) through
  ``NotesStore.open_document``, i.e. including writing the new positions.

Benchmarks report numbers; they never fail on a slow machine.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import figures_main  # noqa: E402

ADDS = 600
WARM_UP = 20
NOTES = 500


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def _revised(paras: list[str]) -> list[str]:
    out = list(paras)
    out.insert(3, "修订时插入的新段落，说明会议的背景。")
    for i in range(5, len(out), 4):
        p = out[i]
        out[i] = p[: len(p) // 2] + "改" + p[len(p) // 2 + 1 :]
    del out[10]
    return out


def add_figures(tmp: Path) -> list[dict[str, object]]:
    from desktop_app import paths
    from desktop_app.core.annotations import new_annotation
    from desktop_app.core.loader import load_document
    from desktop_app.storage import rows
    from desktop_app.storage.db import connect
    from desktop_app.storage.notes_store import NotesStore

    paths.set_data_dir(tmp / "ours")
    doc = load_document(paths.bundled_speech())
    store = NotesStore()
    doc_id = store.open_document(doc)
    floor_db = connect(tmp / "floor.sqlite3")  # the same pragmas
    for (sql,) in store._conn.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name IN ('documents', 'annotations') AND sql IS NOT NULL"
    ):
        floor_db.execute(sql)
    floor_db.execute("INSERT INTO documents VALUES (?, '', '', '', '', '')", (doc_id,))

    rng = random.Random(11)
    ours: list[float] = []
    built: list[float] = []
    floor: list[float] = []
    for i in range(ADDS + WARM_UP):
        start = rng.randrange(0, len(doc.text) - 40)
        t0 = time.perf_counter()
        ann = new_annotation(
            doc, start, start + rng.randint(2, 40), note=f"笔记 {i}", tags=["基准"], doc_id=doc_id
        )
        t_built = time.perf_counter() - t0
        row = (f"floor-{i}", *rows.annotation_params(ann)[1:])
        timed: dict[str, float] = {}
        # Alternate which goes first, so that neither always follows the other's fsync.
        for which in ("ours", "floor") if i % 2 else ("floor", "ours"):
            t0 = time.perf_counter()
            if which == "ours":
                store.add(ann)
            else:
                floor_db.execute(rows.ANNOTATION_INSERT, row)  # autocommit: one row, one transaction
            timed[which] = time.perf_counter() - t0
        if i >= WARM_UP:
            ours.append(timed["ours"] * 1000)
            floor.append(timed["floor"] * 1000)
            built.append((t_built + timed["ours"]) * 1000)
    store.close()
    floor_db.close()
    return [
        {
            "name": "add a note, durable (p95)",
            "value": _p95(ours),
            "unit": "ms",
            "floor": _p95(floor),
            "target": "target <= 1.5x bare insert",
        },
        {
            "name": "add a note, durable (median)",
            "value": statistics.median(ours),
            "unit": "ms",
            "floor": statistics.median(floor),
            "target": "reported",
        },
        {
            "name": "new_annotation + add (p95)",
            "value": _p95(built),
            "unit": "ms",
            "floor": _p95(floor),
            "target": "reported (the whole UI action)",
        },
    ]


def reanchor_figures(tmp: Path) -> list[dict[str, object]]:
    from desktop_app import paths
    from desktop_app.core.anchoring import reanchor_all
    from desktop_app.core.annotations import new_annotation
    from desktop_app.core.loader import load_document
    from desktop_app.storage.notes_store import NotesStore

    paths.set_data_dir(tmp / "reanchor")
    speech = paths.bundled_speech()
    doc_file = tmp / "speech.txt"
    doc_file.write_text(speech.read_text(encoding="utf-8"), encoding="utf-8")
    doc = load_document(doc_file)
    rng = random.Random(7)
    with NotesStore() as store:
        doc_id = store.open_document(doc)
        anns = []
        for _ in range(NOTES):
            start = rng.randrange(0, len(doc.text) - 60)
            anns.append(store.add(new_annotation(doc, start, start + rng.randint(4, 60))))
    doc_file.write_text("\n".join(_revised([p.text for p in doc.paragraphs])), encoding="utf-8")
    revised = load_document(doc_file)

    t0 = time.perf_counter()
    results = reanchor_all(anns, revised.text)
    pure = time.perf_counter() - t0

    t0 = time.perf_counter()
    store = NotesStore()
    opened = time.perf_counter() - t0
    t0 = time.perf_counter()
    store.open_document(revised)
    through_store = time.perf_counter() - t0
    report = store.last_open
    assert report is not None
    orphans = sum(1 for a in store.annotations(doc_id) if a.status == "orphan")
    store.close()
    fuzzy = sum(1 for r in results if r.method == "fuzzy")
    return [
        {
            "name": f"re-anchor {NOTES} notes onto a revised text",
            "value": through_store,
            "unit": "s",
            "floor": None,
            "target": "target <= 1 s",
        },
        {
            "name": f"  of which matching alone ({fuzzy} fuzzy, {orphans} orphans)",
            "value": pure,
            "unit": "s",
            "floor": None,
            "target": "reported",
        },
        {
            "name": f"open the store ({NOTES} notes, integrity check)",
            "value": opened,
            "unit": "s",
            "floor": None,
            "target": "reported",
        },
    ]


def figures() -> list[dict[str, object]]:
    """All notes figures as dicts {name, value, unit, floor, target} (``benchmarks/run.py``'s Figure)."""
    with tempfile.TemporaryDirectory(prefix="yandu-bench-notes-") as tmp:
        return add_figures(Path(tmp)) + reanchor_figures(Path(tmp))


def main() -> int:
    return figures_main(__doc__, figures)  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
