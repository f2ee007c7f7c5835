"""The index-building child process: writes Whoosh segments for the parent (issue 14).

Building the index of a large document is pure Python; in the window's process it held the
interpreter lock and the window stalled (100-280 ms again and again for 10 MB).  The parent
(:mod:`desktop_app.search.building`) starts this program once per core and hands it jobs: a
range of normalised paragraphs and the kind of index (``bi``: bigrams, ``w``: jieba's words).
Each job becomes one Whoosh segment in the parent's private temporary folder; the parent
writes the table of contents that makes them one index and publishes it (``store.py``).

Protocol, all on pipes.  stdin: messages of an 8-byte little-endian length and a ``marshal``
payload; the first is ``(folder, cache_dir)``, then ``(job, payload)`` per job, then a length of
0 (stop).  stdout: ``ready``, ``p JOB FRACTION`` now and then, ``done JOB HEX`` (the pickled
segment) per job.  If stdin ends before the stop message, the parent is gone (killed, or it
cancelled and closed the pipe): the child exits at once, mid-job, leaving only files in the
temporary folder, which nobody publishes.

Started as ``python -m desktop_app.search.worker`` or, in the frozen program, as the program
itself with :data:`WORKER_FLAG` (``build_scripts/entry.py``).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

WORKER_FLAG = "--yandu-search-index-worker"
EXIT_ORPHANED = 3
# Workers yield the processor to the window: on a 2-core office PC two busy workers otherwise
# stretch every frame the window draws meanwhile (Qt's 0.1 s layout steps took 0.15-0.18 s).
NICENESS = 10  # POSIX: os.nice in the worker
BELOW_NORMAL_PRIORITY_CLASS = 0x00004000  # Windows: a creation flag given by the parent


def lower_priority() -> None:
    """Run this process below the window's priority (best effort)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(NICENESS)


def command() -> list[str]:
    """How to start a worker: this interpreter with ``-m``, or the frozen program itself."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable)
        if os.name == "nt":  # the console twin: a windowed exe may have no usable stdout
            twin = exe.with_name(exe.stem + "-cli" + exe.suffix)
            if twin.is_file():
                exe = twin
        return [str(exe), WORKER_FLAG]
    return [sys.executable, "-m", "desktop_app.search.worker"]


def environment() -> dict[str, str]:
    """The child's environment: ours, with this source tree importable (not installed)."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def main() -> int:
    import marshal
    import pickle
    import queue
    import threading

    lower_priority()
    inp = sys.stdin.buffer
    out = sys.stdout

    def say(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    jobs: queue.Queue = queue.Queue()

    def read_exact(n: int) -> bytes:
        parts = []
        while n:
            chunk = inp.read(n)
            if not chunk:
                os._exit(EXIT_ORPHANED)  # the parent is gone: stop now, mid-job
            parts.append(chunk)
            n -= len(chunk)
        return b"".join(parts)

    def reader() -> None:
        while True:
            size = int.from_bytes(read_exact(8), "little")
            if size == 0:  # stop: sent when we are idle and no job is left
                jobs.put(None)
                return
            jobs.put(marshal.loads(read_exact(size)))

    threading.Thread(target=reader, daemon=True, name="stdin").start()
    folder, cache_dir = jobs.get()
    from desktop_app.search import building, tokenizer

    tokenizer.set_cache_dir(Path(cache_dir) if cache_dir else None)
    say("ready")
    while (item := jobs.get()) is not None:
        job, payload = item

        def progress(fraction: float, job: int = job) -> None:
            say(f"p {job} {fraction:.3f}")

        if payload[0] != building.BIGRAM_FIELD and not tokenizer.is_loaded():
            tokenizer.warm_up_tokenizer(whole=True)  # no window here: one call, not batches
        segment = building.write_job(Path(folder), payload, progress)
        say(f"done {job} {pickle.dumps(segment, pickle.HIGHEST_PROTOCOL).hex()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
