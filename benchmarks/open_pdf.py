"""Opening a 100-page PDF, against ``pdftotext`` (poppler) on the same file in the same run
(issue #12 point 11).

    python benchmarks/open_pdf.py                 # prints the figures
    python benchmarks/open_pdf.py --json out.json
    YANDU_BENCH_PDF_PAGES=1000 python benchmarks/open_pdf.py   # also 1,000 pages (slow to make)

``figures()`` returns a list of dicts {name, value, unit, floor, target} (``benchmarks/run.py``'s
shape).  The file: the corpus texts and the speech, twice, laid out by LibreOffice (A4, 12 pt,
headings in the outline, a running title and "— n —" page numbers), and the auction law once
more: 103 pages.

* **read**: ``load_document`` in this process (the PDF reader, paragraphs, metadata, the tree),
  median of several after one warm-up, against ``pdftotext FILE OUT`` run as a process (its
  whole run: the floor is the plainest way to get a PDF's text).  Target <= 1.5x.
* **first read in a new process**: the same, cold (pypdfium2 imported, PDFium started).
* **shown**: the window started with the file until its text and tree are painted
  (``--quit-after-load``), in a new process with an empty data folder.  Target <= 2 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import figures_main, run_once  # noqa: E402

RUNS = 7
TEXTS = ["03_ershida_baogao_2022", "06_xianfa", "08_paimaifa_2015", "09_kouan_kaifang_guiding_1985", "speech"]


def make_pdf(out: Path, texts: list[str]) -> Path:
    """The corpus ``texts`` one after the other, as one PDF made by LibreOffice."""
    from tests.formats.pdf_fixtures import Layout, corpus_text, libreoffice_pdf

    paragraphs: list[str] = []
    headings: dict[int, int] = {}
    for name in texts:
        text, levels = corpus_text(name)
        headings.update({len(paragraphs) + i: level for i, level in levels.items()})
        paragraphs.extend(text)
    return libreoffice_pdf(out, paragraphs, headings, Layout(header="文件汇编", footer="dash"))


def pages_of(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def read_figures(path: Path, label: str, runs: int = RUNS) -> list[dict[str, object]]:
    from desktop_app.core.formats.pdf import read
    from desktop_app.core.loader import load_document

    out_txt = path.with_suffix(".txt")

    def ours() -> None:
        load_document(path)

    def reader() -> None:
        read(path.read_bytes(), path)

    def floor() -> None:
        subprocess.run(["pdftotext", str(path), str(out_txt)], check=True)

    fns = {"ours": ours, "reader": reader, "floor": floor}
    for fn in fns.values():
        fn()  # warm-up: imports, the file in the page cache
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(runs):  # interleaved, so that drift hits all alike
        for key, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[key].append(time.perf_counter() - start)
    t = {k: statistics.median(v) for k, v in times.items()}
    doc = load_document(path)
    what = f"{pages_of(path)} pages, {len(doc.text):,} chars, {len(doc.sections)} sections"
    return [
        {"name": f"read a {label} PDF (load_document)", "value": t["ours"], "unit": "s", "floor": t["floor"],
         "target": f"<= 1.5x pdftotext ({what})"},
        {"name": "  of which the PDF reader alone", "value": t["reader"], "unit": "s", "floor": t["floor"],
         "target": "reported"},
    ]  # fmt: skip


def cold_read(path: Path, floor: float) -> dict[str, object]:
    """load_document in a new process, imports and PDFium's start included (median of 3)."""
    code = (
        "import sys, time; t = time.perf_counter(); from desktop_app.core.loader import load_document;"
        f"load_document({str(path)!r}); print(time.perf_counter() - t)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-c", code]
    values = []
    for _ in range(3):
        values.append(float(subprocess.run(run, capture_output=True, text=True, check=True, env=env).stdout))
    return {"name": "  first read in a new process", "value": statistics.median(values), "unit": "s",
            "floor": floor, "target": "reported (imports, PDFium's start)"}  # fmt: skip


def shown(path: Path) -> dict[str, object]:
    """The window started with the PDF until it is painted, median of 3 starts."""
    values = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as data:
            env = {**os.environ, "PYTHONPATH": str(ROOT), "YANDU_DATA_DIR": data}
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
            env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
            cmd = [sys.executable, "-m", "desktop_app", "--data-dir", data, str(path), "--quit-after-load"]
            values.append(run_once(cmd, env).to_paint_s)
    return {"name": "  shown: window start to first paint", "value": statistics.median(values), "unit": "s",
            "floor": None, "target": "<= 2 s"}  # fmt: skip


def figures() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as work:
        path = make_pdf(Path(work) / "hundred.pdf", TEXTS * 2 + ["08_paimaifa_2015"])
        found = read_figures(path, "100-page")
        out.extend(found)
        out.append(cold_read(path, float(found[0]["floor"])))  # type: ignore[arg-type]
        out.append(shown(path))
        if os.environ.get("YANDU_BENCH_PDF_PAGES") == "1000":
            big = make_pdf(Path(work) / "thousand.pdf", TEXTS * 21)
            out.extend(read_figures(big, "1,000-page", runs=3))
    return out


if __name__ == "__main__":
    sys.exit(figures_main(__doc__, figures))
