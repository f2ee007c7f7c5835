"""Fast checks of the bundle configuration; none of them runs PyInstaller.

The real build is checked by build_scripts/ci_bundle_check.sh.
"""

from __future__ import annotations

import ast
import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_scripts import bundle_config as cfg
from build_scripts.make_icons import ico_bytes

ROOT = Path(__file__).resolve().parents[2]


def qt_plugin(kind: str, file: str) -> str:
    return f"PySide6/Qt/plugins/{kind}/{file}"


# --- trimming: Qt plugins and translations --------------------------------------------


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        (qt_plugin("platforms", "libqxcb.so"), True),
        (qt_plugin("platforms", "libqoffscreen.so"), True),
        (qt_plugin("platforms", "libqminimal.so"), True),
        (qt_plugin("platforms", "libqwayland.so"), False),
        (qt_plugin("platforms", "libqeglfs.so"), False),
        (qt_plugin("platforms", "libqvnc.so"), False),
        (qt_plugin("platforms", "libqlinuxfb.so"), False),
        (qt_plugin("platforms", "libqminimalegl.so"), False),
        (qt_plugin("xcbglintegrations", "libqxcb-glx-integration.so"), True),
        (qt_plugin("platformthemes", "libqxdgdesktopportal.so"), True),
        (qt_plugin("platformthemes", "libqgtk3.so"), False),
        (qt_plugin("platforminputcontexts", "libibusplatforminputcontextplugin.so"), True),
        (qt_plugin("platforminputcontexts", "libcomposeplatforminputcontextplugin.so"), True),
        (qt_plugin("platforminputcontexts", "libqtvirtualkeyboardplugin.so"), False),
        (qt_plugin("wayland-shell-integration", "libxdg-shell.so"), False),
        (qt_plugin("egldeviceintegrations", "libqeglfs-x11-integration.so"), False),
        (qt_plugin("imageformats", "libqjpeg.so"), False),
        (qt_plugin("generic", "libqevdevmouseplugin.so"), False),
        (qt_plugin("tls", "libqopensslbackend.so"), False),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_zh_CN.qm", False),
        ("PySide6/Qt/translations/assistant_zh_CN.qm", False),
        # not Qt's: never judged
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("PySide6/QtWidgets.abi3.so", True),
        ("desktop_app/resources/translations/yandu_zh_CN.qm", True),
        ("desktop_app/resources/fonts/wqy-microhei.ttf", True),
        ("libxcb-cursor.so.0", True),
    ],
)
def test_linux_keeps_only_the_plugins_and_translations_we_use(dest: str, kept: bool) -> None:
    assert cfg.keep_entry(dest, "linux") is kept


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/plugins/platforms/qdirect2d.dll", True),
        ("PySide6/plugins/platforms/qoffscreen.dll", True),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/plugins/imageformats/qjpeg.dll", False),
        ("PySide6/plugins/generic/qtuiotouchplugin.dll", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/translations/qtbase_zh_CN.qm", True),
        ("PySide6/translations/qtbase_ja.qm", False),
        ("PySide6/Qt6Core.dll", True),
    ],
)
def test_windows_keeps_the_windows_platform_and_styles(dest: str, kept: bool) -> None:
    assert cfg.keep_entry(dest, "win32") is kept


def test_trim_toc_splits_entries() -> None:
    toc = [
        (qt_plugin("platforms", "libqxcb.so"), "/src/libqxcb.so", "BINARY"),
        (qt_plugin("platforms", "libqwayland.so"), "/src/libqwayland.so", "BINARY"),
        ("PySide6/Qt/translations/qtbase_fr.qm", "/src/qtbase_fr.qm", "DATA"),
    ]
    kept, dropped = cfg.trim_toc(toc, "linux")
    assert [e[0] for e in kept] == [qt_plugin("platforms", "libqxcb.so")]
    assert len(dropped) == 2


@pytest.mark.parametrize(
    ("filename", "name"),
    [
        ("libqxcb.so", "qxcb"),
        ("qwindows.dll", "qwindows"),
        ("libqcocoa.dylib", "qcocoa"),
        ("libfoo.so.6.1", "foo"),
    ],
)
def test_plugin_name(filename: str, name: str) -> None:
    assert cfg.plugin_name(filename) == name


def test_every_platform_keeps_offscreen_for_selftest_and_ci() -> None:
    for policy in cfg.QT_PLUGINS.values():
        assert "qoffscreen" in policy["platforms"]


# --- pruning libraries nothing links to any more ----------------------------------------


def test_prune_orphans_follows_links_and_drops_dangling_symlinks() -> None:
    binaries = [
        ("PySide6/QtGui.abi3.so", "/s/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/s/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/s/libQt6XcbQpa.so.6", "BINARY"),
        ("libxcb-icccm.so.4", "/usr/lib/libxcb-icccm.so.4", "BINARY"),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", "/s/libQt6WaylandClient.so.6", "BINARY"),  # orphan
        ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),  # orphan (was needed by qgtk3)
        ("libpython3.11.so.1.0", "/usr/lib/libpython3.11.so.1.0", "BINARY"),  # root
    ]
    datas = [
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6WaylandClient.so.6", "PySide6/Qt/lib/libQt6WaylandClient.so.6", "SYMLINK"),
        ("desktop_app/resources/speech.txt", "/r/speech.txt", "DATA"),
    ]
    deps = {
        "/s/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/s/libqxcb.so": ["libQt6XcbQpa.so.6", "libQt6Gui.so.6"],
        "/s/libQt6XcbQpa.so.6": ["libxcb-icccm.so.4"],
    }
    bins, kept_datas, dropped = cfg.prune_orphans(binaries, lambda src: deps.get(src, []), datas)
    assert {e[0] for e in dropped} == {
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "libcairo.so.2",
        "libQt6WaylandClient.so.6",
    }
    assert "libxcb-icccm.so.4" in {e[0] for e in bins}
    assert "libpython3.11.so.1.0" in {e[0] for e in bins}
    assert [e[0] for e in kept_datas] == ["libQt6Gui.so.6", "desktop_app/resources/speech.txt"]


def test_prune_orphans_matches_windows_names_case_insensitively() -> None:
    binaries = [
        ("PySide6/QtCore.pyd", "C:/s/QtCore.pyd", "EXTENSION"),
        ("PySide6/Qt6Core.dll", "C:/s/Qt6Core.dll", "BINARY"),
        ("VCRUNTIME140.dll", "C:/w/VCRUNTIME140.dll", "BINARY"),
    ]
    deps = {"C:/s/QtCore.pyd": ["QT6CORE.DLL"]}
    bins, _datas, dropped = cfg.prune_orphans(binaries, lambda src: deps.get(src, []))
    assert dropped == []  # Qt6Core reached, vcruntime never pruned
    assert len(bins) == 3


# --- what goes in ----------------------------------------------------------------------


def _imported_modules(where: Path) -> set[str]:
    names: set[str] = set()
    for py in [where] if where.is_file() else where.rglob("*.py"):
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_nothing_the_app_imports_is_excluded_from_the_bundle() -> None:
    """A feature that starts using an excluded module must take it out of EXCLUDES."""
    used = _imported_modules(ROOT / "desktop_app") | _imported_modules(ROOT / "build_scripts" / "entry.py")
    excluded = set(cfg.EXCLUDES)
    clashes = sorted(m for m in used if m in excluded or m.split(".")[0] in excluded)
    assert not clashes, f"desktop_app imports modules bundle_config.EXCLUDES leaves out: {clashes}"


def test_test_and_build_tools_are_excluded() -> None:
    for mod in ("pytest", "_pytest", "tkinter", "unittest", "pydoc", "setuptools", "pip", "PyInstaller"):
        assert mod in cfg.EXCLUDES


def test_resource_patterns_match_the_wheel_package_data() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = pyproject["tool"]["setuptools"]["package-data"]["desktop_app.resources"]
    assert sorted(cfg.RESOURCE_PATTERNS) == sorted(package_data)


def test_resource_datas_ship_the_speech_font_licence_and_icons() -> None:
    pairs = cfg.resource_datas()
    shipped = {Path(src).relative_to(cfg.RESOURCES).as_posix(): dest for src, dest in pairs}
    for rel in ("speech.txt", "fonts/LICENSE-wqy-microhei.txt", "icons/yandu.png"):
        assert rel in shipped, rel
    assert all(dest.startswith(cfg.RESOURCES_DEST) for dest in shipped.values())
    assert "fonts/wqy-microhei.ttf" not in shipped  # shipped compressed (compressed_datas)


def test_the_font_ships_compressed_where_the_program_unpacks_it(tmp_path: Path) -> None:
    import lzma

    from desktop_app.paths import BUNDLED_FONT

    pairs = dict(cfg.compressed_datas(tmp_path))
    (src,) = [s for s in pairs if s.endswith("wqy-microhei.ttf.xz")]
    assert pairs[src] == "desktop_app/resources/fonts" and "/".join(BUNDLED_FONT) in cfg.COMPRESSED_RESOURCES
    font = cfg.RESOURCES / "fonts" / "wqy-microhei.ttf"
    assert lzma.decompress(Path(src).read_bytes()) == font.read_bytes()
    assert Path(src).stat().st_size < 0.4 * font.stat().st_size  # 3.9 MB -> 1.4 MB


def test_whoosh_ships_without_the_parts_the_index_never_imports() -> None:
    """Each left-out module exists (the list is not stale) and none is imported by using an index."""
    import importlib.util
    import subprocess
    import sys

    for mod in cfg.WHOOSH_UNUSED:
        assert importlib.util.find_spec(mod) is not None, mod
        assert cfg.is_excluded(mod) and cfg.is_excluded(mod + ".x")
    assert not cfg.is_excluded("whoosh.codec.whoosh3") and not cfg.is_excluded("whoosh.lang.porter")
    code = (
        "import sys, tempfile\n"
        "from desktop_app.core.loader import document_from_text\n"
        "from desktop_app.search import SearchIndex\n"
        "doc = document_from_text(('一、总体要求\\n' + '全面从严治党，推动高质量发展。' * 40 + '\\n') * 60)\n"
        "d = tempfile.mkdtemp()\n"
        "ix = SearchIndex.open(doc, cache_dir=d, words=True)\n"
        "for q in ('发展', '全', '从严 OR 总体', '\"高质量\" -治党'):\n"
        "    list(ix.search(q).hits); ix.search(q, order='document')\n"
        "ix.close(); ix = SearchIndex.open(doc, cache_dir=d, words=True); ix.search('发展'); ix.close()\n"
        "print('\\n'.join(m for m in sys.modules if m.startswith('whoosh')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    used = set(out.stdout.split())
    assert "whoosh.codec.whoosh3" in used
    assert not [m for m in used if cfg.is_excluded(m)]


def test_resources_dest_is_where_the_frozen_app_looks() -> None:
    source = (ROOT / "desktop_app" / "paths.py").read_text(encoding="utf-8")
    assert '"desktop_app" / "resources"' in source
    assert cfg.RESOURCES_DEST == "desktop_app/resources"


def test_spec_and_scripts_are_valid() -> None:
    compile((cfg.BUILD_DIR / "yandu.spec").read_text(encoding="utf-8"), "yandu.spec", "exec")
    script = (cfg.BUILD_DIR / "ci_bundle_check.sh").read_text(encoding="utf-8")
    assert "set -euo pipefail" in script
    if shutil.which("bash"):
        for sh in ("ci_bundle_check.sh", "linux/install-desktop-entry.sh"):
            subprocess.run(["bash", "-n", str(cfg.BUILD_DIR / sh)], check=True)


# --- version resource, archive name ----------------------------------------------------


def test_app_version_is_the_package_version() -> None:
    import desktop_app

    assert cfg.app_version() == desktop_app.__version__


@pytest.mark.parametrize(
    ("version", "tup"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2.3.4", (1, 2, 3, 4)),
        ("2.0", (2, 0, 0, 0)),
        ("1.2.3rc1", (1, 2, 3, 0)),
        ("0.1.0+git5", (0, 1, 0, 0)),
    ],
)
def test_version_tuple(version: str, tup: tuple[int, int, int, int]) -> None:
    assert cfg.version_tuple(version) == tup


def test_version_file_carries_the_version_and_evaluates() -> None:
    text = cfg.render_version_info("0.1.0")
    assert "filevers=(0, 1, 0, 0)" in text
    assert "StringStruct('FileVersion', '0.1.0')" in text
    assert "StringStruct('ProductVersion', '0.1.0')" in text
    assert "StringStruct('OriginalFilename', 'yandu.exe')" in text
    assert "'yandu-cli.exe'" in cfg.render_version_info("0.1.0", exe="yandu-cli")

    # Evaluate it as PyInstaller does (eval), with stand-ins for its structure classes.
    def make(kind: str):
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct"]
    names += ["VarFileInfo", "VarStruct"]
    info = eval(text, {n: make(n) for n in names})
    assert info[0] == "VSVersionInfo"
    assert info[2]["ffi"][2]["filevers"] == (0, 1, 0, 0)


def test_version_file_for_the_current_version() -> None:
    assert f"'{cfg.app_version()}'" in cfg.render_version_info()


@pytest.mark.parametrize(
    ("platform", "machine", "onefile", "name"),
    [
        ("linux", "x86_64", False, "yandu-0.1.0-linux-x86_64.tar.gz"),
        ("linux", "x86_64", True, "yandu-0.1.0-linux-x86_64-onefile.tar.gz"),
        ("win32", "AMD64", False, "yandu-0.1.0-windows-x86_64.zip"),
        ("darwin", "arm64", False, "yandu-0.1.0-macos-aarch64.tar.gz"),
    ],
)
def test_archive_name(platform: str, machine: str, onefile: bool, name: str) -> None:
    assert cfg.archive_name("0.1.0", platform, machine, onefile) == name


# --- Linux menu entry ------------------------------------------------------------------


def test_desktop_file_is_valid() -> None:
    path = cfg.DESKTOP_FILE
    if shutil.which("desktop-file-validate"):
        proc = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Yandu"
    assert entry["Name[zh_CN]"] == "研读"
    assert entry["Icon"] == cfg.APP_ID
    assert re.fullmatch(r"yandu %[fF]", entry["Exec"])
    assert entry["Terminal"] == "false"
    assert entry["StartupWMClass"] == cfg.APP_ID  # app.setDesktopFileName(APP_ID)
    assert entry["Categories"].endswith(";")


@pytest.mark.skipif(sys.platform == "win32" or not shutil.which("sh"), reason="POSIX shell script")
def test_install_desktop_entry_points_the_menu_at_the_unpacked_folder(tmp_path: Path) -> None:
    folder = tmp_path / "my apps" / "yandu"
    folder.mkdir(parents=True)
    for name in ("yandu.desktop", "install-desktop-entry.sh"):
        src = cfg.DESKTOP_FILE if name.endswith(".desktop") else cfg.INSTALL_DESKTOP_SCRIPT
        shutil.copy2(src, folder / name)
    shutil.copy2(cfg.ICONS / "yandu.png", folder / "yandu.png")
    shutil.copy2(cfg.ICONS / "yandu-48.png", folder / "yandu-48.png")
    (folder / "yandu").write_text("#!/bin/sh\n")
    (folder / "yandu").chmod(0o755)
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run(["sh", str(folder / "install-desktop-entry.sh")], check=True, env=env, capture_output=True)
    installed = tmp_path / "data" / "applications" / "yandu.desktop"
    text = installed.read_text(encoding="utf-8")
    assert f'Exec="{folder}/yandu" %f' in text
    assert (tmp_path / "data" / "icons" / "hicolor" / "256x256" / "apps" / "yandu.png").is_file()
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(installed)], check=True)
    subprocess.run(
        ["sh", str(folder / "install-desktop-entry.sh"), "--remove"], check=True, env=env, capture_output=True
    )
    assert not installed.exists()


# --- icons -----------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize(("name", "size"), [("yandu.png", 256), ("yandu-48.png", 48)])
def test_png_icons_exist_with_their_sizes(name: str, size: int) -> None:
    assert _png_size((cfg.ICONS / name).read_bytes()) == (size, size)


def _ico_images(data: bytes) -> dict[int, bytes]:
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    images = {}
    for i in range(count):
        w, h, _colors, _res, planes, bpp, size, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        assert w == h and planes == 1 and bpp == 32
        images[w or 256] = data[offset : offset + size]
    return images


def test_ico_holds_the_windows_sizes() -> None:
    images = _ico_images((cfg.ICONS / "yandu.ico").read_bytes())
    assert {16, 24, 32, 48, 256} <= set(images)
    for size, png in images.items():
        assert _png_size(png) == (size, size)


def test_ico_writer_round_trips() -> None:
    fake = {16: b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + struct.pack(">II", 16, 16) + b"x" * 10}
    fake[256] = fake[16][:16] + struct.pack(">II", 256, 256) + b"y" * 20
    data = ico_bytes(sorted(fake.items()))
    assert _ico_images(data) == fake


def test_svg_icon_is_self_contained() -> None:
    root = ET.fromstring((cfg.ICONS / "yandu.svg").read_text(encoding="utf-8"))
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 256 256"
    assert not any(el.tag.endswith("text") for el in root.iter()), "glyph must be outlines, not font text"
    assert any(el.tag.endswith("path") and len(el.get("d", "")) > 100 for el in root.iter())


def test_jieba_ships_only_what_the_tokenizer_reads(tmp_path: Path) -> None:
    import lzma

    assert cfg.keep_entry("jieba/dict.txt.xz")  # the dictionary, compressed (5.1 -> 1.5 MB)
    assert not cfg.keep_entry("jieba/dict.txt.gz")
    assert not cfg.keep_entry("jieba/dict.txt")
    assert not cfg.keep_entry("jieba/finalseg/prob_emit.p")  # CPython reads the .py tables
    assert not cfg.keep_entry("jieba/analyse/idf.txt")
    assert not cfg.keep_entry("jieba/lac_small/model_baseline/word_emb")
    assert not cfg.keep_entry("jieba/posseg/prob_emit.p")
    assert "numpy" in cfg.EXCLUDES
    ((src, dest_dir),) = [pair for pair in cfg.compressed_datas(tmp_path) if pair[1] == "jieba"]
    import jieba

    assert dest_dir == "jieba" and src.endswith("dict.txt.xz")
    assert lzma.decompress(Path(src).read_bytes()) == Path(jieba.__file__).with_name("dict.txt").read_bytes()


def test_rapidfuzz_keeps_one_build_of_each_module() -> None:
    assert not cfg.keep_entry("rapidfuzz/fuzz_cpp_avx2.cpython-311-x86_64-linux-gnu.so")
    assert not cfg.keep_entry("rapidfuzz/distance/metrics_cpp_avx2.cpython-311-x86_64-linux-gnu.so")
    assert cfg.keep_entry("rapidfuzz/fuzz_cpp.cpython-311-x86_64-linux-gnu.so")
    assert not cfg.keep_entry("rapidfuzz/process_cpp_impl.cpython-311-x86_64-linux-gnu.so")


def _dropped_rapidfuzz_modules() -> list[str]:
    """The rapidfuzz extension modules of this installation that trimming leaves out."""
    import rapidfuzz

    base = Path(rapidfuzz.__file__).parent
    names = []
    for so in base.rglob("*.so"):
        rel = so.relative_to(base.parent).as_posix()
        if not cfg.keep_entry(rel):
            names.append(rel.split(".", 1)[0].replace("/", "."))
    return sorted(names)


def test_rapidfuzz_fuzz_stays_compiled_without_the_dropped_modules() -> None:
    """Re-anchoring's fuzz.ratio and partial_ratio_alignment keep their C++ build when the
    dropped modules are missing (they must not fall back to pure Python, ~50x slower)."""
    dropped = _dropped_rapidfuzz_modules()
    assert "rapidfuzz.distance.metrics_cpp" in dropped and "rapidfuzz.fuzz_cpp" not in dropped
    code = (
        "import sys\n"
        f"for name in {dropped!r}: sys.modules[name] = None\n"
        "from rapidfuzz import fuzz\n"
        "from desktop_app.core import anchoring\n"
        "assert fuzz.ratio.__module__ == 'rapidfuzz.fuzz_cpp', fuzz.ratio.__module__\n"
        "assert fuzz.partial_ratio_alignment.__module__ == 'rapidfuzz.fuzz_cpp'\n"
        "al = fuzz.partial_ratio_alignment(\n"
        "    '全国人民代表大会', '由全国人民代表大会常务委员会', score_cutoff=80)\n"
        "assert (al.dest_start, al.dest_end) == (1, 9), al\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def test_the_web_page_reader_works_without_the_excluded_parts_of_lxml(tmp_path: Path) -> None:
    blocked = sorted(m for m in cfg.EXCLUDES if m.startswith("lxml"))
    assert "lxml.html.diff" in blocked
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><meta charset='utf-8'><title>通知</title></head><body><nav>首页</nav>"
        "<div class='article'><h1>关于做好工作的通知</h1><p>一、总体要求</p><p>认真学习。</p></div>"
        "</body></html>",
        encoding="utf-8",
    )
    code = (
        "import sys\n"
        f"for name in {blocked!r}: sys.modules[name] = None\n"
        "from pathlib import Path\n"
        "from desktop_app.core.loader import load_document\n"
        f"doc = load_document(Path({str(page)!r}))\n"
        "assert '认真学习。' in doc.text, doc.text\n"
        "print('ok')\n"
    )
    env = {**os.environ, "YANDU_DATA_DIR": str(tmp_path / "data")}
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, env=env
    )
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


# --- the programs a build makes (yandu.spec builds one EXE() per entry) -------------------


def test_windows_makes_a_windowed_yandu_exe_and_a_console_twin_sharing_one_folder() -> None:
    main, cli = cfg.executables("win32")
    assert (main.name, main.console, main.icon) == ("yandu", False, True)  # no console window
    assert (cli.name, cli.console, cli.icon) == ("yandu-cli", True, True)  # stdout for cmd.exe
    assert (main.version_file, cli.version_file) == ("version_info.txt", "version_info-cli.txt")
    assert [cfg.executable_file(p.name, "win32") for p in (main, cli)] == ["yandu.exe", "yandu-cli.exe"]


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_elsewhere_one_console_program_serves_window_and_command_line(platform: str) -> None:
    (main,) = cfg.executables(platform)
    assert (main.name, main.console, main.icon, main.version_file) == ("yandu", True, False, "")
    assert cfg.executable_file(main.name, platform) == "yandu"
    # --cli-exe makes the twin on Linux too (the spec's two-program folder, tested here)
    assert [p.name for p in cfg.executables(platform, cli_exe=True)] == ["yandu", "yandu-cli"]


@pytest.mark.parametrize(
    ("platform", "onefile", "bare", "expected"),
    [
        ("win32", True, False, [("yandu-onefile", False)]),  # one file: the windowed program only
        ("linux", True, False, [("yandu-onefile", True)]),
        ("win32", False, True, [("bare", False)]),  # the benchmark's yardstick: one, unbranded
        ("linux", False, True, [("bare", True)]),
    ],
)
def test_one_file_and_bare_builds_make_one_program(
    platform: str, onefile: bool, bare: bool, expected: list[tuple[str, bool]]
) -> None:
    programs = cfg.executables(platform, onefile=onefile, bare=bare)
    assert [(p.name, p.console) for p in programs] == expected
    assert all(p.icon == (platform == "win32" and not bare) for p in programs)


def test_the_spec_builds_every_program_from_executables_into_one_collect() -> None:
    """The spec must take its programs from bundle_config.executables (one EXE each) and put them
    all into one COLLECT: a hand-written EXE or a second COLLECT would split the folder."""
    tree = ast.parse((cfg.BUILD_DIR / "yandu.spec").read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
    names = [c.func.id for c in calls]  # type: ignore[union-attr]
    assert names.count("EXE") == 1 and names.count("COLLECT") == 1
    (collect,) = [c for c in calls if c.func.id == "COLLECT"]  # type: ignore[union-attr]
    assert isinstance(collect.args[0], ast.Starred) and ast.unparse(collect.args[0]) == "*exes"
    exe_kwargs = {k.arg: ast.unparse(k.value) for c in calls if c.func.id == "EXE" for k in c.keywords}  # type: ignore[union-attr]
    assert exe_kwargs["console"] == "program.console" and exe_kwargs["name"] == "program.name"
    assert "cfg.executables(" in ast.unparse(tree)
    assert "manifest" not in exe_kwargs  # PyInstaller's manifest: long paths, no DPI setting (Qt sets it)


def test_build_writes_a_version_resource_for_each_windows_program(tmp_path: Path) -> None:
    from build_scripts import build

    build.write_version_files(tmp_path, "1.2.3")
    for program in cfg.executables("win32"):
        text = (tmp_path / program.version_file).read_text(encoding="utf-8")
        assert f"'{program.name}.exe'" in text and "'1.2.3'" in text


def test_the_windows_readme_in_the_folder_names_the_console_program(tmp_path: Path) -> None:
    from build_scripts import build

    build.write_readme(tmp_path, "1.2.3", "win32")
    data = (tmp_path / "README.txt").read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # Notepad's line ends
    text = data.decode("utf-8")
    assert "yandu-cli.exe selftest" in text and "yandu.exe" in text
