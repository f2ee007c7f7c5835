"""``desktop-app selftest``: check every capability without a window, in a temporary data folder.

One line per check (``ok`` / ``FAIL``), exit status non-zero on any failure.
Later features add their checks to ``CHECKS``.

The temporary data folder is made by ``mkdtemp`` (0700: only this user can enter it), holds
only the bundled speech and the checks' own notes, and is removed at the end.  The last
check, ``privacy``, proves that everything the others wrote there is the user's alone.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app import __version__

Check = Callable[[dict[str, object]], str]

EXPECTED_TOP_SECTIONS = 6  # the speech: 3 条经验 + 一、二、三、


def check_resources(ctx: dict[str, object]) -> str:
    from desktop_app.paths import bundled_font_file, bundled_speech

    speech = bundled_speech()
    try:
        font = bundled_font_file()  # the bundle's packed font is unpacked to the cache here
    except OSError as exc:
        raise AssertionError(f"bundled font missing or not unpacked: {exc}") from None
    size = font.stat().st_size // 1024
    return f"{speech.name} {speech.stat().st_size} bytes, font {size} KiB ({font.parent.name})"


def check_load_speech(ctx: dict[str, object]) -> str:
    from desktop_app.core.loader import load_document
    from desktop_app.paths import bundled_speech

    doc = load_document(bundled_speech())
    ctx["doc"] = doc
    if doc.metadata.speaker != "李彦来" or doc.metadata.date != "2023-06-14":
        raise AssertionError(f"metadata wrong: {doc.metadata}")
    return f"{len(doc.paragraphs)} paragraphs, {len(doc.text)} characters, title {doc.title[:12]}…"


def check_section_tree(ctx: dict[str, object]) -> str:
    from desktop_app.core.document import Document

    doc = ctx["doc"]
    assert isinstance(doc, Document)
    top = [s for s in doc.sections if s.level == 1]
    kids = [s for s in doc.sections if s.level == 2]
    if len(top) != EXPECTED_TOP_SECTIONS or len(kids) != 7:
        raise AssertionError(f"expected 6 top-level and 7 second-level sections, got {len(top)}/{len(kids)}")
    return f"{len(top)} top-level sections, {len(kids)} sub-items"


def check_font_covers_speech(ctx: dict[str, object]) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from desktop_app.core.document import Document
    from desktop_app.ui import fonts

    _app = QGuiApplication.instance() or QGuiApplication([])
    doc = ctx["doc"]
    assert isinstance(doc, Document)
    families = fonts.reading_font_families(doc.text)
    bundled = fonts.load_bundled_font()
    missing = fonts.font_covering([bundled], doc.text)
    if missing:
        raise AssertionError(f"bundled font lacks {len(missing)} characters: {''.join(sorted(missing))[:20]}")
    missing = fonts.font_covering(families, doc.text)
    if missing:
        raise AssertionError(f"reading fonts {families} lack: {''.join(sorted(missing))[:20]}")
    return f"{len(set(doc.text))} distinct characters drawn by {', '.join(families)}"


def check_search(ctx: dict[str, object]) -> str:
    from desktop_app.core.document import Document
    from desktop_app.paths import cache_dir
    from desktop_app.search import SearchIndex, normalize

    doc = ctx["doc"]
    assert isinstance(doc, Document)
    query = "中心工作"
    with SearchIndex.open(doc) as index:
        built = ", ".join(index.built) or "reused"
        result = index.search(query, limit=None, order="document")
    shown = "\n".join(  # what the reader does not show (a repeated title) is not a hit
        p.text for p in doc.paragraphs if p.index not in doc.hidden_paragraphs()
    )
    expected = normalize(shown).count(normalize(query))
    if result.total != expected or len(result.hits) != expected:
        raise AssertionError(f"{query}: {result.total} hits, the text holds {expected}")
    wrong = [h for h in result.hits if normalize(doc.text[h.start : h.end]) != query]
    if wrong:
        raise AssertionError(f"{query}: hit at {wrong[0].start}-{wrong[0].end} is not the query")
    if not (cache_dir() / "search").is_dir():
        raise AssertionError("the search index is not in the cache folder")
    from desktop_app.search import segmenter

    if segmenter.load() is None:  # the words would be cut by jieba itself, ~25x slower
        raise AssertionError("jieba-rs (rjieba) is missing")
    words = f"words by jieba-rs, loaded {segmenter.how}"
    return f"{query}: {expected} hits (index {built}; {words}), {result.elapsed_ms:.1f} ms"


def check_guide(ctx: dict[str, object]) -> str:
    """The user guide (帮助 → 使用指南) is shipped in both languages, its links all lead somewhere."""
    import re

    from desktop_app.paths import resource

    sizes = []
    for lang in ("zh", "en"):
        path = resource("guide", f"guide_{lang}.html")
        text = path.read_text(encoding="utf-8")
        names = set(re.findall(r'<a name="([^"]+)"', text))
        broken = set(re.findall(r'href="#([^"]+)"', text)) - names
        if broken or len(re.findall(r"<h2>", text)) < 5:
            raise AssertionError(f"{path.name}: broken links {sorted(broken)} or sections missing")
        sizes.append(f"{path.name} {path.stat().st_size // 1024} KiB")
    return ", ".join(sizes)


def check_privacy(ctx: dict[str, object]) -> str:
    """Every folder and file the checks made in the data folder is private (0700 / 0600)."""
    import stat

    from desktop_app import privacy

    folder = ctx["tmp"]
    assert isinstance(folder, Path)
    if not privacy.ENABLED:
        return "skipped on Windows: the profile's folders are the user's alone (NTFS permissions)"
    seen = 0
    too_open: list[str] = []
    for root, dirs, files in os.walk(folder):
        for name in (*dirs, *files):
            path = Path(root, name)
            mode = stat.S_IMODE(path.lstat().st_mode)
            seen += 1
            if mode & 0o077 and not path.is_symlink():
                too_open.append(f"{path.relative_to(folder)} {mode:o}")
    mode = stat.S_IMODE(folder.stat().st_mode)
    if mode & 0o077:
        too_open.insert(0, f". {mode:o}")
    if too_open:
        raise AssertionError(f"readable by other users: {', '.join(too_open[:5])}")
    return f"{seen} files and folders, all readable by this user only"


def _check_notes(ctx: dict[str, object]) -> str:
    from desktop_app.storage.selftest_check import check_notes

    return check_notes(ctx)


def _check_export(ctx: dict[str, object]) -> str:
    from desktop_app.export.selftest_check import check_export

    return check_export(ctx)


def _check_library(ctx: dict[str, object]) -> str:
    from desktop_app.library.selftest_check import check_library

    return check_library(ctx)


SAMPLE_FORMATS = ("speech.docx", "speech.pdf", "speech.ofd", "speech.html", "speech.md")


def check_formats(ctx: dict[str, object]) -> str:
    """Every reader of a bundle works: each sample (the speech's first paragraphs in that
    format) opens with the speech's words, its title and a section tree."""
    from desktop_app.core.loader import load_document
    from desktop_app.paths import resource

    opened = []
    for name in SAMPLE_FORMATS:
        path = resource("samples", name)
        if not path.is_file():
            raise AssertionError(f"missing sample: {name}")
        doc = load_document(path)
        if "机关党建" not in doc.text or not doc.title.startswith("推进机关党建"):
            raise AssertionError(f"{name}: the speech's text was not read ({doc.title[:20]!r})")
        if not doc.sections:
            raise AssertionError(f"{name}: no section tree")
        opened.append(f"{path.suffix[1:]} {len(doc.paragraphs)}")
    return "opened " + ", ".join(opened) + " (paragraphs)"


CHECKS: list[tuple[str, Check]] = [
    ("resources", check_resources),
    ("load speech", check_load_speech),
    ("section tree", check_section_tree),
    ("file formats", check_formats),
    ("font coverage", check_font_covers_speech),
    ("user guide", check_guide),
    ("search", check_search),
    ("notes", _check_notes),
    ("export", _check_export),
    ("library", _check_library),
    ("privacy", check_privacy),  # last: it looks at what the others wrote
]


def run_selftest(out: Callable[[str], None] = print) -> int:
    """Run every check in a throw-away data folder; return the exit status."""
    from desktop_app import paths

    failures = 0
    out(f"yandu {__version__} selftest")
    with tempfile.TemporaryDirectory(prefix="yandu-selftest-") as tmp:
        paths.set_data_dir(Path(tmp))
        ctx: dict[str, object] = {"tmp": Path(tmp)}
        for name, check in CHECKS:
            t0 = time.perf_counter()
            try:
                detail = check(ctx)
            except Exception as exc:
                failures += 1
                out(f"FAIL {name}: {type(exc).__name__}: {exc}")
            else:
                out(f"ok   {name} ({(time.perf_counter() - t0) * 1000:.0f} ms): {detail}")
        paths.set_data_dir(None)
    out("selftest passed" if not failures else f"selftest FAILED: {failures} check(s)")
    return 0 if not failures else 1
