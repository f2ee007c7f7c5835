"""Use a built one-folder bundle as a user would, on any system; exit 1 if anything fails.

    python build_scripts/check_bundle.py dist/yandu [--no-selftest] [--no-window]

The release workflow runs it on Windows after the build (``yandu.exe`` and ``yandu-cli.exe``);
the tests run it on Linux.  Every check runs the bundle's programs as real processes, with the
data folder and the documents in a scratch folder whose names hold Chinese characters and
spaces (``研读 检查/文件 夹/讲话 稿.txt``):

* ``--version`` names this version; ``selftest`` passes;
* ``toc``, ``text``, ``search``, ``notes add/list``, ``notes export`` (Word, PDF, Markdown, JSON)
  and ``notes import`` on that document, the exports written into that folder;
* output in the console's code page (GBK on a Chinese Windows, cp1252 on GitHub's runners) of a
  document holding characters it lacks (• € an emoji, a no-break space): no crash;
* ``CON.md`` is refused (Windows would write to the console device);
* Windows only: an export over a file another program holds open (as Word does) fails with
  "open in another program", the old file intact and no temporary file left;
* the window (offscreen): ``yandu --quit-after-load`` opens the document and exits 0, with
  nothing in the error log; the console program prints ``first-paint``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_config as cfg

WINDOWS = os.name == "nt"
TIMEOUT = 180
QUOTE = "第一时间响应"  # occurs in the bundled speech
ODD_TEXT = "关于•工作的通知\n一、总体\u00a0要求😀\n认真学习•贯彻。\n二、具体措施\n加强领导€。\n"


class CheckFailed(Exception):
    pass


class Bundle:
    def __init__(self, folder: Path, scratch: Path) -> None:
        self.folder = folder
        gui = folder / cfg.executable_file(cfg.APP_ID)
        cli = folder / cfg.executable_file(cfg.CLI_NAME)
        if not gui.is_file():
            raise CheckFailed(f"{gui} is missing")
        if WINDOWS and not cli.is_file():
            raise CheckFailed(f"{cli} is missing")
        self.gui = gui
        self.cli = cli if cli.is_file() else gui  # Linux: the one program serves both
        self.data = scratch / "数据 folder"
        self.env = _clean_env(scratch)

    def run(
        self, *args: str, program: Path | None = None, timeout: float = TIMEOUT, **env: str
    ) -> subprocess.CompletedProcess[bytes]:
        command = [str(program or self.cli), "--data-dir", str(self.data), *args]
        return subprocess.run(
            command, capture_output=True, env={**self.env, **env}, timeout=timeout, stdin=subprocess.DEVNULL
        )

    def ok(self, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
        r = self.run(*args, **env)
        if r.returncode != 0:
            raise CheckFailed(f"{' '.join(args)}: exit {r.returncode}\n{_show(r)}")
        if b"Traceback (most recent call last)" in r.stderr:
            raise CheckFailed(f"{' '.join(args)}: a Python traceback\n{_show(r)}")
        return r


def _clean_env(scratch: Path) -> dict[str, str]:
    """This environment without Python's or ours, with a private home and temp folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "YANDU_", "QT_"))}
    home = scratch / "home 家"
    temp = scratch / "temp"
    home.mkdir()
    temp.mkdir()
    env.update(HOME=str(home), TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp))
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _decode(data: bytes) -> str:
    """A child's output: in the console code page on Windows, UTF-8 elsewhere; never fails."""
    import locale

    encoding = locale.getpreferredencoding(False) if WINDOWS else "utf-8"
    return data.decode(encoding, "replace")


def _show(r: subprocess.CompletedProcess[bytes]) -> str:
    return f"--- stdout\n{_decode(r.stdout)[-3000:]}\n--- stderr\n{_decode(r.stderr)[-3000:]}"


def _check_speech_record(speech: Path) -> None:
    """The bundled speech's parsed record is beside it, is for its bytes, and reads as the
    speech parsed now (else a first start parses it again, or shows a stale tree)."""
    root = str(Path(__file__).resolve().parent.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    from desktop_app.core.doc_cache import BUNDLED_RECORD, bundled_record
    from desktop_app.core.loader import load_document

    shipped = bundled_record(speech, speech.with_name(BUNDLED_RECORD))
    if shipped is None:
        raise CheckFailed(f"the speech's record ({BUNDLED_RECORD}) beside {speech} is missing or not for it")
    fresh = load_document(speech)
    if (shipped.text, shipped.sections, shipped.metadata) != (fresh.text, fresh.sections, fresh.metadata):
        raise CheckFailed(f"{BUNDLED_RECORD} is stale: run build_scripts/bundled_record.py and build again")


def _speech(folder: Path) -> Path:
    for candidate in (
        folder / "_internal" / "desktop_app" / "resources" / "speech.txt",
        folder / "desktop_app" / "resources" / "speech.txt",
    ):
        if candidate.is_file():
            _check_speech_record(candidate)
            return candidate
    raise CheckFailed(f"the bundled speech is not in {folder}")


# --- the checks ---------------------------------------------------------------------------------


def check_version(b: Bundle, docs: Path) -> str:
    out = _decode(b.ok("--version").stdout).strip()
    expected = f"{cfg.APP_ID} {cfg.app_version()}"
    if out != expected:
        raise CheckFailed(f"--version printed {out!r}, expected {expected!r}")
    return out


def check_selftest(b: Bundle, docs: Path) -> str:
    out = _decode(b.ok("selftest").stdout)
    if "selftest passed" not in out:
        raise CheckFailed(f"selftest did not pass:\n{out[-2000:]}")
    return "passed"


def check_reading(b: Bundle, docs: Path) -> str:
    doc = docs / "讲话 稿.txt"
    items = json.loads(_decode(b.ok("toc", str(doc), "--json").stdout))
    if len(items) < 3:
        raise CheckFailed(f"toc of {doc} found {len(items)} headings")
    text = b.ok("text", str(doc)).stdout
    if len(text) < 1000:
        raise CheckFailed(f"text of {doc}: {len(text)} bytes")
    hits = json.loads(_decode(b.ok("search", QUOTE, "--doc", str(doc), "--json").stdout))
    if not hits:
        raise CheckFailed(f"search found no {QUOTE!r} in {doc}")
    return f"{len(items)} headings, {len(hits)} hits"


def check_notes_and_exports(b: Bundle, docs: Path) -> str:
    doc = docs / "讲话 稿.txt"
    b.ok("notes", "add", "--doc", str(doc), "--quote", QUOTE, "--note", "笔记 一", "--tag", "重点")
    listed = json.loads(_decode(b.ok("notes", "list", "--doc", str(doc), "--json").stdout))
    if len(listed) != 1:
        raise CheckFailed(f"notes list: {len(listed)} notes, expected 1")
    made = []
    for fmt, ext in (("docx", "docx"), ("pdf", "pdf"), ("md", "md"), ("json", "json")):
        out = docs / f"笔记 导出.{ext}"
        b.ok("notes", "export", "--doc", str(doc), "--format", fmt, "--out", str(out))
        if not out.is_file() or out.stat().st_size == 0:
            raise CheckFailed(f"notes export --format {fmt}: {out} was not written")
        made.append(out)
    with zipfile.ZipFile(docs / "笔记 导出.docx") as z:
        if "word/document.xml" not in z.namelist():
            raise CheckFailed("the Word export is not a Word file")
    if not (docs / "笔记 导出.pdf").read_bytes().startswith(b"%PDF"):
        raise CheckFailed("the PDF export is not a PDF")
    if QUOTE not in (docs / "笔记 导出.md").read_text(encoding="utf-8"):
        raise CheckFailed("the Markdown export lacks the quote")
    b.ok("notes", "import", str(docs / "笔记 导出.json"), "--doc", str(doc), "--dry-run")
    return ", ".join(p.name for p in made)


def check_code_page(b: Bundle, docs: Path) -> str:
    odd = docs / "通知 一.txt"
    odd.write_text(ODD_TEXT, encoding="utf-8")
    out = _decode(b.ok("toc", str(odd)).stdout)
    b.ok("text", str(odd))
    b.ok("search", "认真", "--doc", str(odd))
    return out.strip().replace("\n", " | ")


def check_device_name(b: Bundle, docs: Path) -> str:
    r = b.run("--lang", "en", "notes", "export", "--format", "md", "--out", str(docs / "CON.md"))
    err = _decode(r.stderr)
    if r.returncode != 1 or "Windows" not in err:
        raise CheckFailed(f"CON.md was not refused\n{_show(r)}")
    return err.strip()


def check_file_held_open(b: Bundle, docs: Path) -> str:
    if not WINDOWS:
        return "skipped (only Windows keeps an open file from being replaced)"
    target = docs / "打开 中.docx"
    target.write_bytes(b"the old file")
    with open(target, "rb"):  # as Word: open, without FILE_SHARE_DELETE
        r = b.run("--lang", "en", "notes", "export", "--format", "docx", "--out", str(target))
    err = _decode(r.stderr)
    if r.returncode != 1 or "open in another program" not in err:
        raise CheckFailed(f"export over an open file\n{_show(r)}")
    if target.read_bytes() != b"the old file":
        raise CheckFailed("the file held open was changed")
    left = [p.name for p in docs.glob(".yandu-*.tmp")]
    if left:
        raise CheckFailed(f"temporary files left: {left}")
    return err.strip()


def check_window(b: Bundle, docs: Path) -> str:
    doc = docs / "讲话 稿.txt"
    r = b.run(str(doc), "--quit-after-load", program=b.gui)
    if r.returncode != 0:
        raise CheckFailed(f"{b.gui.name} --quit-after-load: exit {r.returncode}\n{_show(r)}")
    log = b.data / "logs" / "errors.log"
    if log.is_file():
        raise CheckFailed(f"the window logged errors:\n{log.read_text(encoding='utf-8', errors='replace')}")
    r = b.run(str(doc), "--quit-after-load")
    if r.returncode != 0 or b"first-paint" not in r.stdout:
        raise CheckFailed(f"{b.cli.name} --quit-after-load did not print first-paint\n{_show(r)}")
    return f"{b.gui.name} and {b.cli.name}"


CHECKS: list[tuple[str, Callable[[Bundle, Path], str]]] = [
    ("version", check_version),
    ("selftest", check_selftest),
    ("reading", check_reading),
    ("notes and exports", check_notes_and_exports),
    ("code page", check_code_page),
    ("device name", check_device_name),
    ("file held open", check_file_held_open),
    ("window", check_window),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path, help="the one-folder bundle, e.g. dist/yandu")
    ap.add_argument("--no-selftest", action="store_true", help="leave out the selftest (run on its own)")
    ap.add_argument("--no-window", action="store_true", help="leave out the window start")
    args = ap.parse_args(argv)
    skip = {name for name, off in (("selftest", args.no_selftest), ("window", args.no_window)) if off}
    failed = 0
    with tempfile.TemporaryDirectory(prefix="yandu-check-") as tmp:
        scratch = Path(tmp) / "研读 检查"
        docs = scratch / "文件 夹"
        docs.mkdir(parents=True)
        try:
            bundle = Bundle(args.folder.resolve(), scratch)
            shutil.copyfile(_speech(bundle.folder), docs / "讲话 稿.txt")
        except CheckFailed as exc:
            print(f"FAIL {exc}", flush=True)
            return 1
        print(f"checking {bundle.folder} ({bundle.gui.name}, {bundle.cli.name}) in {docs}", flush=True)
        for name, check in CHECKS:
            if name in skip:
                continue
            t0 = time.perf_counter()
            try:
                said = check(bundle, docs)
            except (CheckFailed, subprocess.TimeoutExpired, ValueError, OSError) as exc:
                failed += 1
                print(f"FAIL {name}: {exc}", flush=True)
                continue
            print(f"ok   {name} ({time.perf_counter() - t0:.1f} s): {said}", flush=True)
        temp = Path(bundle.env["TEMP"])
        left = sorted(p.name for p in temp.iterdir())
        if left:
            failed += 1
            print(f"FAIL temp folder: left behind {left}", flush=True)
    print("bundle check " + ("FAILED" if failed else "passed"), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
