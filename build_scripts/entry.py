"""The frozen program's entry point: what ``yandu`` (and ``yandu-cli`` on Windows) runs.

The same as the ``desktop-app`` command, plus what a frozen build needs first:
a windowed Windows exe has no console, so ``sys.stdout``/``sys.stderr`` are None
and must not crash ``print``.  (If a feature ever uses ``multiprocessing``, call
``multiprocessing.freeze_support()`` here first, or frozen children rerun the app.)
"""

from __future__ import annotations

import os
import sys


def _ensure_streams() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives with the process


def _main() -> int:
    _ensure_streams()
    if sys.argv[1:2] == ["--yandu-search-index-worker"]:  # desktop_app.search.worker.WORKER_FLAG
        from desktop_app.search.worker import main as index_worker

        return index_worker()  # a child building a large document's search index
    from desktop_app.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(_main())
