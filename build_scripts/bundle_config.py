"""What goes into the frozen Yandu bundle, and what is trimmed out of it.

Plain Python with no PyInstaller import at module level, so ``yandu.spec``,
``build.py``, the benchmarks and the fast tests all read the same policy.

Adding a feature that needs more in the bundle?  Edit only the block
"WHAT GOES IN" below:

* a module imported dynamically (by name in a string)  -> ``HIDDEN_IMPORTS``
* a package that reads data files next to its code     -> ``DATA_PACKAGES``
  (e.g. ``"jieba"`` for its dictionary, ``"docx"`` for its templates)
* a package that imports its own submodules by name    -> ``SUBMODULE_PACKAGES`` (e.g. ``"whoosh"``)
* a Qt module or Qt plugin the app starts to use       -> ``QT_PLUGINS`` (and un-exclude the module)

PyInstaller has no per-plugin switch: the Qt hooks collect every plugin of a
kind; ``trim_toc`` filters the Analysis TOC afterwards and ``prune_orphans``
drops the shared libraries nothing kept still links to.
"""

from __future__ import annotations

import fnmatch
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import NamedTuple

BUILD_DIR = Path(__file__).resolve().parent
ROOT = BUILD_DIR.parent
RESOURCES = ROOT / "resources"
ICONS = RESOURCES / "icons"

APP_ID = "yandu"
APP_NAME_EN = "Yandu"
APP_NAME = "研读"
CLI_NAME = "yandu-cli"  # the console twin of the windowed exe (Windows only)
ONEFILE_NAME = "yandu-onefile"
BARE_NAME = "bare"  # the benchmark yardstick (benchmarks/bare_app.py)

# A TOC entry, as PyInstaller 6 keeps them: (name in the bundle, source path, typecode).
Entry = tuple[str, str, str]


def app_version() -> str:
    """``desktop_app.__version__``, read from the source without importing the package."""
    text = (ROOT / "desktop_app" / "__init__.py").read_text(encoding="utf-8")
    m = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", text, re.MULTILINE)
    if not m:
        raise RuntimeError("desktop_app/__init__.py has no __version__")
    return m.group(1)


def platform_key(platform: str | None = None) -> str:
    """``linux``, ``win32`` or ``darwin`` (other Unixes are treated like Linux)."""
    p = platform or sys.platform
    if p.startswith("win"):
        return "win32"
    if p == "darwin":
        return "darwin"
    return "linux"


# ======================================================================================
# WHAT GOES IN
# ======================================================================================

HIDDEN_IMPORTS: list[str] = [
    # Modules imported lazily inside functions are found by PyInstaller anyway; list here only
    # what is imported by a name computed at run time.
]

DATA_PACKAGES: list[str] = [
    # Packages whose non-Python files must ship (collect_data_files), e.g. "jieba", "docx".
    "jieba",
    "docx",  # python-docx's templates (default.docx, comments, header/footer parts)
]
# Which of a data package's files (globs relative to the package); default: all of them.
DATA_INCLUDES: dict[str, list[str]] = {
    # the tokenizer needs the dictionary and the HMM tables, not analyse/posseg/lac_small (~26 MB)
    # only our gzip of the dictionary (below): its HMM tables are read from .py modules on
    # CPython, so the .p pickles are never used
    "jieba": ["dict.txt.xz"],
}

# Folders that must exist on disk although their modules live in the archive: python-docx opens
# "docx/parts/../templates/default-footer.xml" (page numbers), which fails without docx/parts/.
DIR_ANCHORS: list[str] = ["docx/parts"]

# Left out except on Windows.  (ctypes is needed everywhere now: the PDF reader calls PDFium
# through pypdfium2's ctypes bindings; it was left out while only Windows' platformdirs used it.)
EXCLUDES_OFF_WINDOWS: list[str] = []

# Package data shipped xz-compressed (the reader opens the .xz): jieba's 5.1 MB dictionary is
# 1.5 MB so (1.9 MB with gzip); desktop_app.search.tokenizer reads dict.txt.xz when dict.txt is
# absent, once, to build its own cache of the prefix dictionary.
COMPRESSED_DATA: list[tuple[str, str]] = [("jieba", "dict.txt")]
# Resources shipped xz-compressed: the fallback font, 3.9 MB -> 1.4 MB (zlib, as in the one-file
# archive: 1.8 MB).  desktop_app.paths.bundled_font_file unpacks it into the cache folder the first
# time a machine without a Chinese font needs it (0.1 s, once).
COMPRESSED_RESOURCES: list[str] = ["fonts/wqy-microhei.ttf"]


def _xz_into(src: Path, dest: Path) -> None:
    """``src`` xz-compressed to ``dest`` (kept from an earlier build while newer than ``src``)."""
    import lzma

    if dest.is_file() and dest.stat().st_mtime >= src.stat().st_mtime:
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(lzma.compress(src.read_bytes(), preset=9 | lzma.PRESET_EXTREME))


def compressed_datas(out_dir: Path, resources: Path = RESOURCES) -> list[tuple[str, str]]:
    """Compress COMPRESSED_DATA and COMPRESSED_RESOURCES into ``out_dir``; (source, folder) pairs."""
    import importlib.util

    pairs = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for pkg, name in COMPRESSED_DATA:
        spec = importlib.util.find_spec(pkg)
        assert spec is not None and spec.origin is not None, pkg
        dest = out_dir / pkg / f"{name}.xz"
        _xz_into(Path(spec.origin).parent / name, dest)
        pairs.append((str(dest), pkg))
    for rel in COMPRESSED_RESOURCES:
        dest = out_dir / RESOURCES_DEST / f"{rel}.xz"
        _xz_into(resources / rel, dest)
        pairs.append((str(dest), str(PurePosixPath(RESOURCES_DEST, rel).parent)))
    return pairs


SUBMODULE_PACKAGES: list[str] = [
    # Packages that import their submodules by name (collect_submodules), e.g. "whoosh".
    "whoosh",
    "desktop_app.core.formats",  # read_document imports each reader by its name in READERS
]

# The repo-root resources/ folder ships as desktop_app/resources, exactly the files the
# wheel ships (pyproject.toml [tool.setuptools.package-data] "desktop_app.resources").
RESOURCES_DEST = "desktop_app/resources"
RESOURCE_PATTERNS: list[str] = [
    "*.txt", "speech.marshal", "fonts/*", "icons/*", "translations/*.qm", "*.desktop", "guide/*", "samples/*",
]  # fmt: skip


def resource_datas(resources: Path = RESOURCES) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for Analysis(datas=...)."""
    out: list[tuple[str, str]] = []
    for f in sorted(resources.rglob("*")):
        if not f.is_file():
            continue
        rel = f.relative_to(resources).as_posix()
        if rel in COMPRESSED_RESOURCES:
            continue  # shipped as .xz by compressed_datas
        if any(fnmatch.fnmatchcase(rel, pat) for pat in RESOURCE_PATTERNS):
            dest = PurePosixPath(RESOURCES_DEST, rel).parent
            out.append((str(f), str(dest)))
    return out


WHOOSH_UNUSED: list[str] = [
    "whoosh.codec.whoosh2", "whoosh.codec.plaintext", "whoosh.codec.memory",
    "whoosh.filedb.gae", "whoosh.filedb.fileindex", "whoosh.filedb.filepostings",
    "whoosh.filedb.filereading", "whoosh.filedb.filewriting", "whoosh.filedb.pools",
    "whoosh.qparser", "whoosh.spelling", "whoosh.automata.fst", "whoosh.automata.nfa",
    "whoosh.automata.reg", "whoosh.automata.glob",
    "whoosh.lang.snowball", "whoosh.lang.stopwords", "whoosh.lang.lovins", "whoosh.lang.isri",
    "whoosh.lang.paicehusk", "whoosh.lang.wordnet", "whoosh.lang.porter2", "whoosh.lang.phonetic",
    "whoosh.support.pyparsing", "whoosh.support.charset", "whoosh.support.bench",
    "whoosh.support.unicode", "whoosh.support.relativedelta", "whoosh.support.bitvector",
    "whoosh.support.base85", "whoosh.support.bitstream", "whoosh.util.testing",
]  # fmt: skip


def is_excluded(module: str) -> bool:
    """Whether ``module`` is left out of the bundle (it or a package above it is in EXCLUDES)."""
    return any(module == x or module.startswith(x + ".") for x in EXCLUDES)


# Never frozen: test and build tools, GUI toolkits we do not use, and (no network at
# run time) TLS.  hashlib falls back to its built-in md5/sha*/blake2 without _hashlib.
EXCLUDES: list[str] = [
    # parts of jieba the tokenizer never imports (keyword extraction, POS tagging, paddle)
    "jieba.analyse", "jieba.posseg", "jieba.lac_small",
    # python-docx needs only lxml.etree, the web-page reader lxml.html (the rest of lxml's
    # extensions, ~3 MB, are never used)
    "lxml.objectify", "lxml.isoschematron", "lxml.sax", "lxml.builder", "lxml.cssselect",
    "lxml.ElementInclude", "lxml.usedoctest", "lxml.doctestcompare", "lxml.pyclasslookup",
    # lxml.html's own parser is all the web-page reader uses: not its diff (0.9 MB of compiled
    # difflib), form filling or the html5lib/BeautifulSoup bridges
    "lxml.html.diff", "lxml.html._difflib", "lxml.html._diffcommand", "lxml.html.formfill",
    "lxml.html.html5parser", "lxml.html.soupparser", "lxml.html.ElementSoup", "lxml.html.usedoctest",
    # test and build tools
    "pytest", "_pytest", "pytestqt", "pytest_qt", "pytest_timeout", "pytest_benchmark", "pluggy",
    "iniconfig", "unittest", "doctest", "pdb", "pydoc", "pydoc_data", "lib2to3", "distutils",
    "setuptools", "pkg_resources", "pip", "ensurepip", "venv", "PyInstaller", "ruff", "test",
    "idlelib",
    # other GUI toolkits
    "tkinter", "_tkinter", "turtle", "turtledemo", "curses", "_curses",
    # no network at run time
    "ssl", "_ssl", "_hashlib",
    # Unused, but pulled in via typing_extensions -> asyncio -> concurrent.futures.process; bundled,
    # it adds PyInstaller's multiprocessing and pkgutil run-time hooks, ~20 ms to every start.
    # A feature that uses it must drop it here and call multiprocessing.freeze_support() in entry.py.
    "multiprocessing",
    # Whoosh's parts the index never imports (0.45 MB): other codecs and storage back ends, the
    # query parser (we build queries), stemmers and stop lists of other languages, its vendored
    # pyparsing, accent tables and benchmarks.  (collect_submodules("whoosh") lists them all.)
    *WHOOSH_UNUSED,
    # rapidfuzz and whoosh use numpy only when it happens to be installed; we never need it (~40 MB)
    "numpy",
    # the PDF reader uses pypdfium2's raw bindings (pypdfium2_raw) only: not its helper layer,
    # command line or PIL/numpy bridges (it is never imported; this keeps it so)
    "pypdfium2",
    # Qt modules we do not use (PyInstaller would pull them in as dependencies of QtGui etc.)
    "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.QtSvg", "PySide6.QtSvgWidgets", "PySide6.QtQml", "PySide6.QtQuick",
    "PySide6.QtQuickWidgets", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtXml", "PySide6.QtConcurrent", "PySide6.QtHelp", "PySide6.QtDesigner",
    "PySide6.QtUiTools",
]  # fmt: skip

# Qt plugins kept, by platform and plugin folder; a folder not listed is dropped whole.
# Names are the plugin file names without "lib" prefix and extension; "*" keeps them all.
QT_PLUGINS: dict[str, dict[str, set[str]]] = {
    "linux": {
        # xcb: every X11/XWayland desktop; offscreen: CI and selftest; minimal: last resort.
        # (No wayland plugin: on a Wayland session Qt falls back to xcb through XWayland.)
        "platforms": {"qxcb", "qoffscreen", "qminimal"},
        # GL integrations the xcb plugin loads (tiny).
        "xcbglintegrations": {"*"},
        # Portal file dialogs and desktop settings.  Not qgtk3: it drags in a private copy of
        # cairo/pango/gdk-pixbuf that must then match the system's GTK.
        "platformthemes": {"qxdgdesktopportal"},
        # Compose key and IBus (Chinese input methods); not the Qt virtual keyboard.
        "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
        # Window icon and all images are PNG, built into QtGui: no imageformats/iconengines.
        # Printing (File > Print): the system's printers through CUPS.
        "printsupport": {"cupsprintersupport"},
    },
    "win32": {
        "platforms": {"qwindows", "qdirect2d", "qoffscreen", "qminimal"},
        "styles": {"*"},  # qmodernwindowsstyle: the native Windows 10/11 look
        "printsupport": {"*"},  # the Windows printers
    },
    "darwin": {
        "platforms": {"qcocoa", "qoffscreen", "qminimal"},
        "styles": {"*"},
    },
}

# Qt's own translations: only what install_translators() loads, plus English.
QT_TRANSLATIONS: set[str] = {"qtbase_zh_CN.qm", "qtbase_en.qm"}

# Shared libraries never pruned even when nothing seems to link them (loaded by dlopen
# or by the bootloader).
NEVER_PRUNE: list[str] = [
    "libpython*", "python3*.dll", "python*.dll", "vcruntime*.dll", "msvcp*.dll", "ucrtbase*.dll",
    "api-ms-win-*.dll", "libffi*", "libxcb-cursor*",
    "libpdfium*", "pdfium.dll",  # PDFium, opened by pypdfium2_raw with ctypes (dlopen)
]  # fmt: skip


# ======================================================================================
# TRIMMING
# ======================================================================================

_QT_PREFIXES = ("PySide6/Qt/", "PySide6/")  # Linux/macOS keep plugins under Qt/, Windows not


def _qt_relative(dest: str) -> str | None:
    """The path under the Qt prefix (``plugins/...``, ``translations/...``), or None."""
    d = dest.replace("\\", "/")
    for prefix in _QT_PREFIXES:
        if d.startswith(prefix):
            rest = d[len(prefix) :]
            if rest.startswith(("plugins/", "translations/")):
                return rest
    return None


def plugin_name(filename: str) -> str:
    """``libqxcb.so`` -> ``qxcb``; ``qwindows.dll`` -> ``qwindows``."""
    name = PurePosixPath(filename).name
    name = re.sub(r"\.(so(\.[0-9.]+)?|dll|dylib)$", "", name)
    if name.startswith("lib"):
        name = name[3:]
    return name


# Files left out by name.  rapidfuzz ships each C++ module twice (SSE2 and AVX2) and picks one
# at import; the SSE2 build runs on every x86-64 CPU and is fast enough for re-anchoring notes.
# Re-anchoring calls rapidfuzz.fuzz only (fuzz_cpp, which needs distance/_initialize_cpp for its
# result types); the other modules fall back to their pure-Python twins when their C++ build is
# absent, and we never call them: the batch module (process_cpp_impl), the distance metrics
# (metrics_cpp, 3.0 MB) and the string helpers (utils_cpp).  tests/build checks that fuzz stays
# C++ without them.  A feature that calls rapidfuzz.distance in earnest takes metrics_cpp back.
DROP_PATTERNS: list[str] = [
    "rapidfuzz/*_avx2.*",
    "rapidfuzz/distance/*_avx2.*",
    "rapidfuzz/process_cpp_impl.*",
    "rapidfuzz/distance/metrics_cpp.*",
    "rapidfuzz/utils_cpp.*",
    # python-docx opens templates/default.docx and the default-*.xml parts; the unpacked
    # default-docx-template/ folder beside them (0.9 MB) is its source, never read.
    "docx/templates/default-docx-template/*",
    # The CUPS print plugin (File > Print on Linux) links libcups, which drags in TLS, Kerberos,
    # mDNS and their own dependencies (~10 MB).  A Linux desktop that prints has libcups
    # installed (its printer settings need it); we use the system's.  Without it the plugin
    # does not load and printing still offers "print to PDF".
    *(
        f"{lib}*"
        for lib in (
            "libcups.so", "libgnutls.so", "libp11-kit.so", "libunistring.so", "libidn2.so",
            "libtasn1.so", "libnettle.so", "libhogweed.so", "libgmp.so", "libkrb5.so",
            "libkrb5support.so", "libk5crypto.so", "libgssapi_krb5.so", "libcom_err.so",
            "libkeyutils.so", "libavahi-client.so", "libavahi-common.so",
        )
    ),
    # D-Bus and PNG come from the system as well: every Linux desktop has libdbus-1 (its
    # session bus), libsystemd (which libdbus links) and libpng16 (which its font and image
    # libraries link).  Bundled, the build machine's copies set the oldest glibc the program
    # runs on (Debian 11's libsystemd needs 2.30, its libpng 2.29: build_scripts/glibc_check.py),
    # and what only they pulled in (libgcrypt, liblz4, libzstd, libcap ...) goes as orphans.
    *(f"{lib}*" for lib in ("libdbus-1.so", "libsystemd.so", "libpng16.so")),
]  # fmt: skip


def keep_entry(dest: str, platform: str | None = None) -> bool:
    """Whether a bundle file survives trimming: Qt plugins and translations by the policy above,
    data files of a DATA_INCLUDES package by its globs (a contributed hook may collect them all)."""
    d = dest.replace("\\", "/")
    if any(fnmatch.fnmatch(d, p) for p in DROP_PATTERNS):
        return False
    pkg = d.split("/", 1)[0]
    if pkg in DATA_INCLUDES and "/" in d and not d.endswith((".py", ".pyc")):
        inner = d.split("/", 1)[1]
        return any(fnmatch.fnmatch(inner, g) for g in DATA_INCLUDES[pkg])
    rel = _qt_relative(dest)
    if rel is None:
        return True
    parts = rel.split("/")
    if parts[0] == "translations":
        return parts[-1] in QT_TRANSLATIONS
    if len(parts) < 3:  # plugins/<kind>/<file>
        return True
    kind, fname = parts[1], parts[-1]
    wanted = QT_PLUGINS[platform_key(platform)].get(kind)
    if not wanted:
        return False
    return "*" in wanted or plugin_name(fname) in wanted


def trim_toc(entries: Iterable[Entry], platform: str | None = None) -> tuple[list[Entry], list[Entry]]:
    """Split TOC entries into (kept, dropped) by the plugin and translation policy."""
    kept: list[Entry] = []
    dropped: list[Entry] = []
    for e in entries:
        (kept if keep_entry(e[0], platform) else dropped).append(e)
    return kept, dropped


def _is_root(dest: str) -> bool:
    """Binaries loaded for their own sake: Python extensions, Qt plugins, the Python library."""
    d = dest.replace("\\", "/")
    name = d.rsplit("/", 1)[-1]
    return (
        "/plugins/" in f"/{d}"
        or "lib-dynload/" in d
        or name.endswith(".pyd")
        or re.search(r"\.(abi3|cpython-[^.]+)\.so$", name) is not None
        or any(fnmatch.fnmatch(name.lower(), p.lower()) for p in NEVER_PRUNE)
    )


def prune_orphans(
    binaries: Iterable[Entry], deps_of: Callable[[str], Iterable[str]], datas: Iterable[Entry] = ()
) -> tuple[list[Entry], list[Entry], list[Entry]]:
    """Drop shared libraries no kept binary needs any more (after trimming plugins).

    ``deps_of(source_path)`` gives the file names a binary links to (``get_imports``).
    Roots are the Python extensions, Qt plugins and the Python library; every other
    BINARY must be reachable from them.  SYMLINK entries (PyInstaller keeps them in
    the datas) that point at a dropped library go too.
    Returns (kept binaries, kept datas, dropped entries).
    """
    binaries = list(binaries)
    datas = list(datas)
    libs = [e for e in binaries if e[2] in ("BINARY", "EXTENSION")]
    by_name: dict[str, list[Entry]] = {}
    for e in libs:
        by_name.setdefault(_base(e[0]).lower(), []).append(e)
    reached: set[str] = set()
    todo: list[Entry] = [e for e in libs if e[2] == "EXTENSION" or _is_root(e[0])]
    while todo:
        e = todo.pop()
        if e[0] in reached:
            continue
        reached.add(e[0])
        for dep in deps_of(e[1]):
            for target in by_name.get(_base(dep).lower(), []):
                if target[0] not in reached:
                    todo.append(target)
    dropped = [e for e in binaries if e[2] == "BINARY" and e[0] not in reached]
    gone = {e[0].replace("\\", "/") for e in dropped}

    def survives(e: Entry) -> bool:
        if e[2] == "BINARY":
            return e[0] in reached
        return not (e[2] == "SYMLINK" and e[1].replace("\\", "/") in gone)

    kept_bins = [e for e in binaries if survives(e)]
    kept_datas = [e for e in datas if survives(e)]
    dropped += [e for e in binaries + datas if e[2] == "SYMLINK" and not survives(e)]
    return kept_bins, kept_datas, dropped


def _base(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def elf_needed(source: str) -> list[str] | None:
    """The libraries an ELF file names itself (its DT_NEEDED entries, by ``readelf -d``), or
    None when readelf is missing or the file is not ELF."""
    import shutil
    import subprocess

    if shutil.which("readelf") is None:
        return None
    try:
        out = subprocess.run(
            ["readelf", "-d", "--wide", source], capture_output=True, text=True, check=False, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    if "Dynamic section" not in out:
        return None
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def pyinstaller_deps_of(source: str) -> list[str]:
    """The libraries a binary links to directly.

    On Linux its own DT_NEEDED list: PyInstaller's ``get_imports`` asks ``ldd``, which also
    names what the system's libraries need in turn (libgcrypt, through the system's libsystemd
    that we leave out), and those would be kept as if the bundle needed them, shadowing the
    system's own copies.  Elsewhere (PE imports are direct) PyInstaller's own tools."""
    if sys.platform.startswith("linux"):
        needed = elf_needed(source)
        if needed is not None:
            return needed
    from PyInstaller.depend import bindepend

    try:
        return [name for name, _path in bindepend.get_imports(source)]
    except Exception:
        return []


# ======================================================================================
# WINDOWS VERSION RESOURCE, LINUX DESKTOP ENTRY
# ======================================================================================

VERSION_TEMPLATE = BUILD_DIR / "windows" / "version_info.template"
DESKTOP_FILE = BUILD_DIR / "linux" / "yandu.desktop"
INSTALL_DESKTOP_SCRIPT = BUILD_DIR / "linux" / "install-desktop-entry.sh"


class Executable(NamedTuple):
    """One program the spec makes (an ``EXE()``); all of them share one folder (``COLLECT``)."""

    name: str  # file name without ``.exe``
    console: bool  # False: a windowed (GUI subsystem) Windows exe: no console window, no stdout
    version_file: str  # the version resource build.py writes for it (Windows only)
    icon: bool  # carries the program's icon (Windows)


def executables(
    platform: str | None = None, onefile: bool = False, bare: bool = False, cli_exe: bool = False
) -> list[Executable]:
    """The programs one build makes, the first being the main one.

    Windows: ``yandu.exe`` is windowed (double-clicked, opened with from Explorer: no console
    window flashes up) and so has no stdout; ``yandu-cli.exe`` is the same entry point as a
    console program, for ``selftest``, ``text``, ``toc``, ``--version`` in cmd.exe and
    PowerShell.  Both sit in one folder and share its ``_internal`` (two ``EXE()`` in one
    ``COLLECT``), so the twin costs one small launcher, not a second copy of Qt.
    Linux and macOS: one console program serves both (a terminal shows its output; a menu
    entry starts it without one).  ``cli_exe`` adds the twin there too (to test the spec's
    two-program folder on Linux).  A one-file build and the benchmark's bare app are one program.
    """
    is_win = platform_key(platform) == "win32"
    base = BARE_NAME if bare else APP_ID
    branded = is_win and not bare  # icon and version resource
    version = "version_info.txt" if branded else ""
    if onefile:
        return [Executable(f"{base}-onefile", not is_win, version, branded)]
    programs = [Executable(base, not is_win, version, branded)]
    if (is_win or cli_exe) and not bare:
        programs.append(Executable(CLI_NAME, True, "version_info-cli.txt" if branded else "", branded))
    return programs


def executable_file(name: str, platform: str | None = None) -> str:
    """``yandu`` -> ``yandu.exe`` on Windows."""
    return f"{name}.exe" if platform_key(platform) == "win32" else name


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` -> (0, 1, 0, 0); ``1.2.3rc1`` -> (1, 2, 3, 0)."""
    m = re.match(r"\d+(\.\d+)*", version)
    nums = [int(n) for n in m.group(0).split(".")[:4]] if m else []
    nums += [0] * (4 - len(nums))
    return nums[0], nums[1], nums[2], nums[3]


def render_version_info(version: str | None = None, exe: str = APP_ID) -> str:
    """The text of a PyInstaller ``version=`` file (VSVersionInfo) for ``version`` and ``exe``."""
    version = version or app_version()
    template = VERSION_TEMPLATE.read_text(encoding="utf-8")
    return template.format(
        filevers=version_tuple(version),
        version=version,
        internal=exe,
        exe=f"{exe}.exe",
        name_en=APP_NAME_EN,
        name=APP_NAME,
    )


def archive_name(
    version: str, platform: str | None = None, machine: str | None = None, onefile: bool = False
) -> str:
    """``yandu-0.1.0-linux-x86_64.tar.gz``; ``.zip`` on Windows."""
    import platform as _platform

    key = platform_key(platform)
    os_name = {"win32": "windows", "darwin": "macos"}.get(key, "linux")
    arch = (machine or _platform.machine() or "unknown").lower()
    arch = {"amd64": "x86_64", "x64": "x86_64", "arm64": "aarch64"}.get(arch, arch)
    ext = ".zip" if key == "win32" else ".tar.gz"
    return f"{APP_ID}-{version}-{os_name}-{arch}{'-onefile' if onefile else ''}{ext}"


def iter_toc_sizes(entries: Iterable[Entry]) -> Iterator[tuple[str, int]]:
    """(bundle name, source size in bytes) for each entry, 0 when unreadable or a symlink."""
    for dest, src, typ in entries:
        try:
            size = 0 if typ == "SYMLINK" else Path(src).stat().st_size
        except OSError:
            size = 0
        yield dest, size
