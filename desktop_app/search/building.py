"""Building and checking the Whoosh indexes of a document (bigrams; jieba's words).

Nothing here imports whoosh or jieba at import time.
"""

from __future__ import annotations

import bisect
import contextlib
import os
from array import array
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.search.fields import BIGRAM_FIELD, WORD_FIELD
from desktop_app.search.normalization import NormalizedText
from desktop_app.search.snippets import paragraph_sections

if TYPE_CHECKING:
    from desktop_app.core.document import Document

Progress = Callable[[float], None]


def check_bigrams(fingerprint: str, doc: Document) -> Callable[[Any], bool]:
    def check(ix: Any) -> bool:
        from desktop_app.search.analysis import ChineseBigramAnalyzer

        if not isinstance(ix.schema[BIGRAM_FIELD].analyzer, ChineseBigramAnalyzer):
            return False
        with ix.searcher() as s:
            if doc.paragraphs:
                first, last = s.stored_fields(0), s.stored_fields(len(doc.paragraphs) - 1)
                if first.get("doc") != fingerprint[:16] or last.get("start") != doc.paragraphs[-1].start:
                    return False
                if last.get("p") != len(doc.paragraphs) - 1:  # segments out of order
                    return False
        return True

    return check


def check_words(ix: Any) -> bool:
    from desktop_app.search.analysis import ChineseWordAnalyzer

    return isinstance(ix.schema[WORD_FIELD].analyzer, ChineseWordAnalyzer)


def scaled(progress: Progress | None, lo: float, hi: float) -> Progress | None:
    if progress is None:
        return None
    last = [-1.0]

    def report(f: float) -> None:
        v = lo + (hi - lo) * min(1.0, max(0.0, f))
        if v - last[0] >= 0.005 or f >= 1.0:
            last[0] = v
            progress(v)

    return report


# Large documents are indexed by child processes (worker.py), one per core, each job a range of
# normalised characters written as one Whoosh segment: the window's process only waits, and a
# child's memory stays bounded whatever the document's size.  A job is a twentieth of the text,
# at least JOB_CHARS_MIN and at most JOB_CHARS characters: a job's postings are most of a worker's
# memory (two 400,000-character jobs took ~45 MB, two of 200,000 ~27 MB, 10 MB of text), and every
# segment costs each search a little (50 MB in 88 segments searched 1.5-2x slower than in 44).
CHILD_MIN_CHARS = int(os.environ.get("YANDU_INDEX_CHILD_MIN_CHARS", "400000"))
JOB_CHARS = 400_000
JOB_CHARS_MIN = 200_000
JOBS_AIMED = 20
MAX_WORKERS = 4


def job_chars(chars: int) -> int:
    """How many characters one job of a text of ``chars`` characters takes."""
    return min(max(chars // JOBS_AIMED, JOB_CHARS_MIN), JOB_CHARS)


def _ranges(starts: Sequence[int], ends: Sequence[int], job_chars: int) -> list[tuple[int, int]]:
    """Consecutive paragraph ranges ``[a, b)`` of about ``job_chars`` characters each."""
    out: list[tuple[int, int]] = []
    a = 0
    n = len(starts)
    while a < n:
        b = bisect.bisect_right(starts, starts[a] + job_chars, a + 1)
        out.append((a, b))
        a = b
    return out


def write_job(folder: Path, payload: tuple, progress: Progress | None = None) -> Any:
    """Write one job's paragraphs as a segment of the index in ``folder``; returns the segment.

    ``payload``: ``("bi", text, docid, first, starts, sections)`` or ``("w", text)``, where
    ``text`` is the range's normalised paragraphs joined by ``\n``.  Runs in a worker process
    or, for a small document, in this one.
    """
    from desktop_app.search.writer import BulkWriter, JobStorage

    kind, text = payload[0], payload[1]
    paragraphs = text.split("\n")
    storage = JobStorage(str(folder))
    ix = storage.open_index()
    writer = BulkWriter(ix, kind)
    try:
        count = len(paragraphs)
        step = max(1, count // 20)
        if kind == BIGRAM_FIELD:
            _kind, _text, docid, first, starts, sections = payload
            add = writer.add_bigrams
            for i, para in enumerate(paragraphs):
                add(para, {"doc": docid, "p": first + i, "start": starts[i], "section": sections[i]})
                if progress is not None and i % step == 0:
                    progress(0.9 * i / count)
        else:
            from desktop_app.search.tokenizer import warm_up_tokenizer, words

            warm_up_tokenizer()
            add_words = writer.add_words
            for i, para in enumerate(paragraphs):
                add_words(words(para))
                if progress is not None and i % step == 0:
                    progress(0.9 * i / count)
        segment = writer.write_segment()
    except BaseException:
        with contextlib.suppress(Exception):
            writer.cancel()
        raise
    finally:
        ix.close()
        storage.clean()
    if progress is not None:
        progress(1.0)
    return segment


class Jobs:
    """The jobs of one index: consecutive paragraph ranges ``[a, b)``, each job's payload made
    when it is taken (made all at once, they were a second copy of the normalised text in the
    window's process: 10 MB of text, ~7 MB more while its index was built)."""

    def __init__(self, starts: Sequence[int], ends: Sequence[int], make: Callable[[int, int], tuple]) -> None:
        size = job_chars(ends[-1] - starts[0]) if starts else 0
        self._ranges = _ranges(starts, ends, size) if starts else []
        self._make = make
        self.chars = sum(ends[b - 1] - starts[a] for a, b in self._ranges)

    def __len__(self) -> int:
        return len(self._ranges)

    def __getitem__(self, i: int) -> tuple:
        return self._make(*self._ranges[i])

    def __iter__(self) -> Iterator[tuple]:
        return (self._make(a, b) for a, b in self._ranges)


def _write_index(folder: Path, schema: Callable[[], Any], payloads: Jobs, progress: Progress | None) -> None:
    """Create the index in ``folder`` from the jobs' segments (children for a large text)."""
    from whoosh.filedb.filestore import FileStorage

    from desktop_app.search.writer import publish_segments

    ix = FileStorage(str(folder)).create_index(schema())
    try:
        if payloads.chars >= CHILD_MIN_CHARS and len(payloads) > 0:
            segments = _in_children(folder, payloads, progress)
        else:
            segments = []
            for i, payload in enumerate(payloads):
                share = scaled(progress, i / len(payloads), (i + 1) / len(payloads))
                segments.append(write_job(folder, payload, share))
        publish_segments(ix, segments)
    finally:
        ix.close()


class BuildFailed(ChildProcessError):
    """A worker process died or failed (the index is not written; searching scans instead)."""


def _in_children(folder: Path, payloads: Jobs, progress: Progress | None) -> list[Any]:
    """Run the jobs on worker processes (one per core, at most MAX_WORKERS); their segments in order.

    A cancel (``progress`` raising) or any error kills every worker before it comes out.
    """
    import marshal
    import pickle
    import queue
    import subprocess
    import threading

    from desktop_app.search import tokenizer, worker

    count = len(payloads)
    workers = max(1, min(MAX_WORKERS, os.cpu_count() or 1, count))
    events: queue.Queue = queue.Queue()
    procs: list[subprocess.Popen] = []
    errs: list[Any] = []
    listeners: list[threading.Thread] = []
    segments: list[Any] = [None] * count
    fractions = [0.0] * count
    todo = list(range(count - 1, -1, -1))  # popped from the end: in document order
    busy: dict[int, int] = {}  # worker -> job

    def send(proc: subprocess.Popen, obj: Any) -> None:
        data = b"" if obj is None else marshal.dumps(obj)
        assert proc.stdin is not None
        proc.stdin.write(len(data).to_bytes(8, "little") + data)
        proc.stdin.flush()

    def listen(k: int, proc: subprocess.Popen) -> None:
        assert proc.stdout is not None
        with contextlib.suppress(ValueError, OSError):  # the pipe closed under it (a cancel's cleanup)
            for line in proc.stdout:
                events.put((k, line.decode("ascii", "replace").rstrip("\n")))
        events.put((k, None))

    def give(k: int) -> None:
        if todo:
            job = todo.pop()
            busy[k] = job
            send(procs[k], (job, payloads[job]))
        else:
            busy.pop(k, None)
            send(procs[k], None)

    flags = 0x08000000 | worker.BELOW_NORMAL_PRIORITY_CLASS if os.name == "nt" else 0  # CREATE_NO_WINDOW
    cache = str(tokenizer._cache_dir or "")
    ok = False
    try:
        for k in range(workers):
            # the worker's error output (it may quote the text) beside its segments, in the
            # private build folder under the cache, never the shared /tmp; removed in finally
            err_path = folder / f"worker-{k}.stderr"
            err = open(err_path, "w+b")  # noqa: SIM115 - closed in finally
            errs.append((err, err_path))
            proc = subprocess.Popen(
                worker.command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                env=worker.environment(),
                creationflags=flags,
            )
            procs.append(proc)
            listener = threading.Thread(target=listen, args=(k, proc), daemon=True, name=f"index-worker-{k}")
            listeners.append(listener)
            listener.start()
            send(proc, (str(folder), cache))
            give(k)
        finished = 0
        ended: set[int] = set()
        while finished < count:
            try:
                k, line = events.get(timeout=0.05)
            except queue.Empty:
                if progress is not None:
                    progress(sum(fractions) / count)
                continue
            if line is None:
                ended.add(k)
                if k in busy:
                    procs[k].wait()
                    errs[k][0].seek(0)
                    tail = errs[k][0].read()[-2000:].decode("utf-8", "replace")
                    raise BuildFailed(f"index worker ended (status {procs[k].returncode}): {tail.strip()}")
                continue
            if line.startswith("p "):
                _p, job, fraction = line.split(" ")
                fractions[int(job)] = float(fraction)
            elif line.startswith("done "):
                _d, job, blob = line.split(" ")
                segments[int(job)] = pickle.loads(bytes.fromhex(blob))
                fractions[int(job)] = 1.0
                finished += 1
                give(k)
            if progress is not None:
                progress(sum(fractions) / count)
        ok = True
        return segments
    finally:
        for proc in procs:
            if not ok and proc.poll() is None:
                proc.kill()  # a cancel or a failure: no worker outlives the build
            with contextlib.suppress(OSError):
                if proc.stdin is not None:
                    proc.stdin.close()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for listener in listeners:  # each reads its pipe to the end the dead worker left it at
            listener.join(timeout=5)
        for proc in procs:  # then the pipes are closed (closed under a reader, it raised: CI, issue 14)
            if proc.stdout is not None:
                proc.stdout.close()
        for err, err_path in errs:
            err.close()
            with contextlib.suppress(OSError):
                err_path.unlink()


def _payloads_bigrams(
    doc: Document, nt: NormalizedText, fingerprint: str, sections: list[str] | None = None
) -> Jobs:
    norm = nt.norm
    starts = nt.paragraph_starts
    ends = array("q", map((-1).__add__, starts[1:]))  # arrays: 8 bytes a paragraph, not 36
    ends.append(len(norm))
    if sections is None:
        sections = paragraph_sections(doc)
    docid = fingerprint[:16]
    pstarts = array("q", [p.start for p in doc.paragraphs])

    def make(a: int, b: int) -> tuple:  # (marshal sends lists, not arrays)
        return (BIGRAM_FIELD, norm[starts[a] : ends[b - 1]], docid, a, pstarts[a:b].tolist(), sections[a:b])

    return Jobs(starts, ends, make)


def build_bigrams(
    folder: Path,
    doc: Document,
    nt: NormalizedText,
    fingerprint: str,
    progress: Progress | None,
    sections: list[str] | None = None,
) -> None:
    """The bigram index of ``doc``'s paragraphs, with where each paragraph is (stored fields;
    ``sections``: ``paragraph_sections(doc)`` if the caller has it)."""
    from desktop_app.search.analysis import bigram_schema

    if not doc.paragraphs:
        _write_index(folder, bigram_schema, Jobs([], [], tuple), progress)
    else:
        _write_index(folder, bigram_schema, _payloads_bigrams(doc, nt, fingerprint, sections), progress)
    if progress is not None:
        progress(1.0)


def build_words(
    folder: Path, nt: NormalizedText, starts: Sequence[int], ends: Sequence[int], progress: Progress | None
) -> None:
    """jieba's word index of the paragraphs ``nt.norm[starts[i]:ends[i]]`` (loads jieba)."""
    from desktop_app.search.analysis import word_schema

    norm = nt.norm

    def make(a: int, b: int) -> tuple:
        return (WORD_FIELD, norm[starts[a] : ends[b - 1]])

    _write_index(folder, word_schema, Jobs(starts, ends, make), progress)
