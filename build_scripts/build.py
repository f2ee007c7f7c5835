"""Build the standalone Yandu program with PyInstaller: one command, one folder or one file.

    python build_scripts/build.py              dist/yandu/yandu       (one folder: ship this, fast start)
    python build_scripts/build.py --onefile    dist/yandu-onefile     (one self-extracting file)

Either also packs a versioned archive next to it, e.g. ``dist/yandu-0.1.0-linux-x86_64.tar.gz``
(``.zip`` on Windows; ``...-onefile.tar.gz`` for the one-file build).  On Windows the folder
holds ``yandu.exe`` (windowed, with icon and version resource) and ``yandu-cli.exe`` (the same
program as a console exe, for ``selftest``/``text``/``toc``).  On Linux the folder also holds
``yandu.desktop``, the icons and ``install-desktop-entry.sh`` for the application menu.

Needs: ``pip install -e .[build]`` (PyInstaller).  Runs offline.  The policy (what is bundled,
what is trimmed) is in ``bundle_config.py``; the PyInstaller wiring in ``yandu.spec``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_config as cfg

SPEC = cfg.BUILD_DIR / "yandu.spec"

README_TXT = """\
研读 Yandu {version}

运行 / Run:
  {run}

不需要安装 Python、网络或中文字体；所需的一切都在这个文件夹里。
Needs no Python, no network and no Chinese fonts: everything is in this folder.

命令行 / Command line:
  {cli} --help
  {cli} selftest        检查所有功能 / check every capability
  {cli} --data-dir DIR  把设置和笔记放在 DIR / keep settings and notes in DIR
{extra}"""

LINUX_EXTRA = """
加入应用程序菜单 / Add to the application menu:
  ./install-desktop-entry.sh            (./install-desktop-entry.sh --remove 撤销 / to undo)
"""


def tree_size(path: Path) -> tuple[int, int]:
    """(bytes, files) of a file or a folder, symlinks not followed and not counted."""
    if path.is_file():
        return path.stat().st_size, 1
    total = files = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
            files += 1
    return total, files


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def write_version_files(workpath: Path, version: str) -> Path:
    """version_info.txt for yandu.exe, version_info-cli.txt for yandu-cli.exe; returns the first."""
    workpath.mkdir(parents=True, exist_ok=True)
    for exe, suffix in ((cfg.APP_ID, ""), (cfg.CLI_NAME, "-cli")):
        text = cfg.render_version_info(version, exe=exe)
        (workpath / f"version_info{suffix}.txt").write_text(text, encoding="utf-8")
    return workpath / "version_info.txt"


def run_pyinstaller(args: argparse.Namespace, workpath: Path, version_file: Path) -> None:
    spec_args = []
    if args.onefile:
        spec_args.append("--onefile")
    if args.bare:
        spec_args.append("--bare")
    if args.no_trim:
        spec_args.append("--no-trim")
    if args.cli_exe:
        spec_args.append("--cli-exe")
    spec_args += ["--version-file", str(version_file)]
    for opt in args.python_option:
        spec_args += [f"--python-option={opt}"]
    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm",
        "--distpath", str(args.distpath), "--workpath", str(workpath),
        "--log-level", args.log_level,
    ]  # fmt: skip
    if args.clean:
        cmd.append("--clean")
    cmd += [str(SPEC), "--", *spec_args]
    print("build.py: $ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=cfg.ROOT)


def add_linux_extras(folder: Path) -> None:
    """The menu entry and its icons go next to the program, where a user finds them."""
    shutil.copy2(cfg.DESKTOP_FILE, folder / "yandu.desktop")
    shutil.copy2(cfg.INSTALL_DESKTOP_SCRIPT, folder / "install-desktop-entry.sh")
    (folder / "install-desktop-entry.sh").chmod(0o755)
    shutil.copy2(cfg.ICONS / "yandu.png", folder / "yandu.png")
    shutil.copy2(cfg.ICONS / "yandu-48.png", folder / "yandu-48.png")


def write_readme(folder: Path, version: str, plat: str) -> None:
    if plat == "win32":
        run, cli, extra = "双击 yandu.exe / double-click yandu.exe", "yandu-cli.exe", ""
    else:
        run, cli, extra = "./yandu", "./yandu", LINUX_EXTRA if plat == "linux" else ""
    text = README_TXT.format(version=version, run=run, cli=cli, extra=extra)
    (folder / "README.txt").write_text(text, encoding="utf-8", newline="\r\n" if plat == "win32" else "\n")


def make_archive(target: Path, archive: Path) -> Path:
    """Pack the folder (as its own top directory) or the single file."""
    archive.unlink(missing_ok=True)
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            if target.is_dir():
                for p in sorted(target.rglob("*")):
                    z.write(p, p.relative_to(target.parent).as_posix())
            else:
                z.write(target, target.name)
    else:
        with tarfile.open(archive, "w:gz", compresslevel=6) as t:
            t.add(target, arcname=target.name)
    return archive


def xcb_missing_libraries(folder: Path) -> list[str]:
    """Libraries the bundled xcb platform plugin needs but neither the bundle nor this
    machine has: the bundle then cannot open a window on an X11 desktop lacking them too."""
    internal = folder / "_internal"
    plugin = internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file() or not shutil.which("ldd"):
        return []
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env).stdout
    return sorted({line.split()[0] for line in out.splitlines() if "not found" in line})


def required_glibc(folder: Path) -> str | None:
    """The newest glibc symbol version any bundled ELF file needs: the oldest Linux it runs on."""
    if not shutil.which("objdump"):
        return None
    newest: tuple[int, ...] = ()
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    for p in files:
        with p.open("rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        out = subprocess.run(["objdump", "-T", str(p)], capture_output=True, text=True).stdout
        for m in re.finditer(r"GLIBC_(\d+(?:\.\d+)+)", out):
            newest = max(newest, tuple(int(x) for x in m.group(1).split(".")))
    return ".".join(map(str, newest)) or None


def build(args: argparse.Namespace) -> dict[str, object]:
    plat = cfg.platform_key()
    version = cfg.app_version()
    name = cfg.BARE_NAME if args.bare else cfg.APP_ID
    variant = name + ("-onefile" if args.onefile else "") + ("-untrimmed" if args.no_trim else "")
    workpath = (args.workpath or cfg.ROOT / "build" / "pyinstaller") / variant
    args.distpath = args.distpath.resolve()
    t0 = time.perf_counter()
    run_pyinstaller(args, workpath.resolve(), write_version_files(workpath, version))
    seconds = time.perf_counter() - t0

    made_by_spec = cfg.executables(plat, args.onefile, args.bare, args.cli_exe)
    programs = [cfg.executable_file(p.name, plat) for p in made_by_spec]
    if args.onefile:
        target = args.distpath / programs[0]
        made = [target]
    else:
        target = args.distpath / name
        made = [target / p for p in programs]  # Windows: yandu.exe and yandu-cli.exe
        if not args.bare:
            if plat == "linux":
                add_linux_extras(target)
            write_readme(target, version, plat)
    program = made[0]
    for f in made:
        if not f.is_file():
            raise SystemExit(f"build.py: PyInstaller finished but {f} is missing")
    size, files = tree_size(target)
    result: dict[str, object] = {
        "name": name,
        "onefile": args.onefile,
        "trimmed": not args.no_trim,
        "program": str(program),
        "programs": [str(f) for f in made],
        "target": str(target),
        "bytes": size,
        "files": files,
        "build_seconds": round(seconds, 1),
        "version": version,
    }
    report = workpath / SPEC.stem / "trim-report.json"  # PyInstaller's work dir is named after the spec
    if report.is_file():
        dropped = json.loads(report.read_text(encoding="utf-8")).get("dropped", {})
        result["trimmed_away"] = {k: {"files": v["files"], "bytes": v["bytes"]} for k, v in dropped.items()}
    if not args.onefile and plat == "linux":
        result["xcb_missing"] = xcb_missing_libraries(target)
        result["glibc"] = required_glibc(target)
    if not args.no_archive and not args.bare:
        archive = args.distpath / cfg.archive_name(version, onefile=args.onefile)
        make_archive(target, archive)
        result["archive"] = str(archive)
        result["archive_bytes"] = archive.stat().st_size
    return result


def print_summary(r: dict[str, object]) -> None:
    kind = "one file" if r["onefile"] else "one folder"
    print(f"build.py: built {r['program']} ({kind}, {mb(int(r['bytes']))} in {r['files']} files, "
          f"{r['build_seconds']} s)")  # fmt: skip
    for label, v in dict(r.get("trimmed_away", {})).items():
        print(f"build.py:   trimmed {label}: {v['files']} files, {mb(v['bytes'])} (before strip)")
    if "archive" in r:
        print(f"build.py: archive {r['archive']} ({mb(int(r['archive_bytes']))})")
    if r.get("glibc"):
        print(f"build.py: runs on Linux with glibc >= {r['glibc']} (build on the oldest Linux to support)")
    missing = r.get("xcb_missing")
    if missing:
        print(
            "build.py: WARNING: the xcb (X11) platform plugin needs libraries this build machine lacks, so\n"
            f"          they are not bundled: {', '.join(missing)}\n"
            "          The bundle still runs offscreen, but needs them on the user's PC to open a window.\n"
            "          Install them here and rebuild, e.g. on Debian/Ubuntu:\n"
            "          sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 "
            "libxcb-render-util0 libxkbcommon-x11-0",
            file=sys.stderr,
        )
    if cfg.platform_key() == "linux" and not r["onefile"] and r["name"] == cfg.APP_ID:
        folder = r["target"]
        print(
            "build.py: to add Yandu to your application menu (~/.local/share/applications):\n"
            f"          {folder}/install-desktop-entry.sh"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the standalone Yandu program with PyInstaller.")
    ap.add_argument("--onefile", action="store_true", help="one self-extracting file instead of a folder")
    ap.add_argument("--bare", action="store_true", help="freeze benchmarks/bare_app.py (benchmark yardstick)")
    ap.add_argument("--no-trim", action="store_true", help="no excludes, plugin/translation filter or strip")
    ap.add_argument("--distpath", type=Path, default=cfg.ROOT / "dist", help="output folder (default dist/)")
    ap.add_argument("--workpath", type=Path, default=None, help="PyInstaller work folder (default build/)")
    ap.add_argument(
        "--cli-exe",
        action="store_true",
        help="also make the console twin yandu-cli in the folder (always on Windows; elsewhere to test it)",
    )
    ap.add_argument("--no-archive", action="store_true", help="skip the versioned .tar.gz/.zip")
    ap.add_argument("--clean", action="store_true", help="clear PyInstaller's cache first")
    ap.add_argument("--log-level", default="WARN", help="PyInstaller log level (default WARN)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON on the last line")
    ap.add_argument(
        "--python-option",
        action="append",
        default=[],
        metavar="OPT",
        help='a Python run-time option baked into the exe, e.g. "X importtime" (diagnosis only)',
    )
    args = ap.parse_args(argv)
    try:
        result = build(args)
    except subprocess.CalledProcessError as exc:
        print(f"build.py: PyInstaller failed (status {exc.returncode})", file=sys.stderr)
        return 1
    print_summary(result)
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
