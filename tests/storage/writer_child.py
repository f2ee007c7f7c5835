"""A child process for the durability tests: add notes in a loop, print each id once add() returned.

    python -m tests.storage.writer_child DATA_DIR DOC_FILE COUNT [TAG]

COUNT 0 means forever (until killed).  Every id is printed (and flushed) only
after ``NotesStore.add`` returned, so the parent knows which notes must exist.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path


def main() -> int:
    data_dir, doc_file, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    tag = sys.argv[4] if len(sys.argv) > 4 else "child"
    from desktop_app import paths

    paths.set_data_dir(Path(data_dir))
    from desktop_app.core.annotations import new_annotation
    from desktop_app.core.loader import load_document
    from desktop_app.storage.notes_store import NotesStore

    doc = load_document(doc_file)
    store = NotesStore()
    store.open_document(doc)
    print("ready", flush=True)
    rng = random.Random()
    n = 0
    while count == 0 or n < count:
        start = rng.randrange(0, len(doc.text) - 40)
        ann = new_annotation(doc, start, start + rng.randint(2, 40), note=f"{tag} {n}", tags=[tag])
        store.add(ann)
        sys.stdout.write(ann.id + "\n")
        sys.stdout.flush()
        n += 1
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
