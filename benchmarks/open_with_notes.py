"""Open the speech in the real window with N highlights and time it until they are painted.

    python benchmarks/open_with_notes.py N     (prints one JSON line)

Run by ``benchmarks/run.py`` in a fresh process and data folder, for N = 0 and 500.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seed_notes(count: int) -> None:
    """Store ``count`` highlights spread over the speech (some with notes)."""
    from desktop_app.core.annotations import COLORS, new_annotation
    from desktop_app.core.loader import load_document
    from desktop_app.paths import bundled_speech
    from desktop_app.storage.notes_store import NotesStore

    doc = load_document(bundled_speech())
    with NotesStore() as store:
        doc_id = store.open_document(doc)
        step = max(1, (len(doc.text) - 10) // max(1, count))
        for i in range(count):
            start = (i * step) % (len(doc.text) - 8)
            note = "笔记" if i % 3 == 0 else ""
            ann = new_annotation(doc, start, start + 6, color=COLORS[i % 5].key, note=note, doc_id=doc_id)
            store.add(ann)


def main() -> int:
    count = int(sys.argv[1])
    seed_notes(count)
    from PySide6.QtCore import QEventLoop

    from desktop_app.paths import bundled_speech
    from desktop_app.ui.app import create_application
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.settings import Settings

    app = create_application()
    window = MainWindow(Settings())
    window.resize(1200, 820)
    window.show()
    app.processEvents()
    loop = QEventLoop()
    window.sig_document_shown.connect(lambda _d: loop.quit())
    t0 = time.perf_counter()
    window.open_file(str(bundled_speech()))
    loop.exec()
    window.reader.viewport().repaint()  # the highlights, drawn
    elapsed = time.perf_counter() - t0
    assert window.notes is not None and len(window.notes.annotations) == count
    print(json.dumps({"count": count, "open_s": elapsed, "marks": len(window.reader.mark_shapes())}))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
