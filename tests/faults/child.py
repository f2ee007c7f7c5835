"""Child processes for the fault tests: work that the parent kills with SIGKILL at chosen moments.

    python -m tests.faults.child index CACHE_DIR COPIES
        build the search index of the speech repeated COPIES times (words too) into CACHE_DIR;
        prints "ready" before and "built" after, then waits to be killed.
    python -m tests.faults.child export FORMAT OUT NOTES [pause]
        export NOTES notes of the speech to OUT in FORMAT again and again, printing "done N" after
        each export returned; with "pause", the first export stops just before its temporary file
        replaces OUT (prints "replacing TMP" and sleeps), so the parent kills it right there.

Every line is flushed, so the parent knows exactly what had finished when it killed.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEECH = ROOT / "resources" / "speech.txt"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def big_document(copies: int):  # type: ignore[no-untyped-def]
    from desktop_app.core.loader import document_from_text

    text = SPEECH.read_text(encoding="utf-8")
    return document_from_text("\n".join([text] * copies))


def index(cache: str, copies: str) -> None:
    from desktop_app.search import SearchIndex

    doc = big_document(int(copies))
    say("ready")
    ix = SearchIndex.open(doc, cache_dir=Path(cache), words=True)
    say(f"built {','.join(ix.built)} problem={ix.problem!r}")
    ix.close()
    time.sleep(120)  # alive until the parent's kill, however early the build ended


def some_notes(count: int):  # type: ignore[no-untyped-def]
    from desktop_app.core.annotations import new_annotation, new_bookmark
    from desktop_app.core.loader import load_document

    doc = load_document(SPEECH)
    rng = random.Random(11)
    anns = []
    for i in range(count):
        start = rng.randrange(0, len(doc.text) - 40)
        anns.append(
            new_annotation(doc, start, start + rng.randint(2, 40), note=f"笔记 N{i:05d}K", tags=["标签"])
        )
    return doc, anns, [new_bookmark(doc, 800, title="书签")]


def export(fmt: str, out: str, count: str, pause: str = "") -> None:
    from desktop_app.export import ExportOptions, export_notes

    doc, anns, bms = some_notes(int(count))
    if pause:
        real_replace = os.replace

        def replace_then_wait(src, dst, *a, **k):  # type: ignore[no-untyped-def]
            if Path(dst).name == Path(out).name:
                say(f"replacing {src}")
                time.sleep(120)  # the parent kills us here: the temporary file is complete
            return real_replace(src, dst, *a, **k)

        os.replace = replace_then_wait  # type: ignore[assignment]
    options = ExportOptions(format=fmt, include_bookmarks=True)
    say("ready")
    n = 0
    while True:
        export_notes(doc, anns, bms, options, Path(out))
        n += 1
        say(f"done {n}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"index": index, "export": export}[command](*args)
