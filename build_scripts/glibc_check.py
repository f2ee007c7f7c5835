"""The oldest glibc a bundle runs on: the highest GLIBC_ version any of its ELF files requires.

    python build_scripts/glibc_check.py DIR [--max 2.31] [--json]

Walks DIR (a one-folder bundle), reads each ELF file's version needs with ``readelf -V``
(binutils) and reports the highest ``GLIBC_x.y`` required, with the files and symbols that
need it.  With ``--max``, exits 1 when a file needs a newer glibc than that (and says which);
exit 2 when DIR holds no ELF file or readelf is missing.  No Python packages needed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

_NEED = re.compile(r"Name:\s+(GLIBC_(\d+)\.(\d+)(?:\.(\d+))?)\s")
_SYMBOL = re.compile(r"[\s(](GLIBC_\d+\.\d+(?:\.\d+)?)\)?\s+(\S+)\s*$")

Version = tuple[int, ...]


def parse_version(text: str) -> Version:
    """``"2.31"`` or ``"GLIBC_2.31"`` -> ``(2, 31)``."""
    return tuple(int(x) for x in text.removeprefix("GLIBC_").split("."))


def show(version: Version) -> str:
    return ".".join(map(str, version))


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def elf_files(folder: Path) -> list[Path]:
    """Regular ELF files under ``folder`` (symlinks are read through their targets once)."""
    out = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            if not path.is_symlink() and is_elf(path):
                out.append(path)
    return sorted(out)


def glibc_needs(path: Path) -> set[Version]:
    """The GLIBC_ versions ``path`` requires (its .gnu.version_r section)."""
    out = subprocess.run(
        ["readelf", "-V", "--wide", str(path)], capture_output=True, text=True, check=False
    ).stdout
    return {tuple(int(g) for g in m.groups()[1:] if g is not None) for m in _NEED.finditer(out)}


def symbols_needing(path: Path, version: Version) -> list[str]:
    """The undefined dynamic symbols of ``path`` bound to GLIBC_<version> (objdump -T)."""
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=False).stdout
    wanted = f"GLIBC_{show(version)}"
    return sorted(
        {
            m.group(2)
            for line in out.splitlines()
            if "*UND*" in line and (m := _SYMBOL.search(line)) and m.group(1) == wanted
        }
    )


def check(folder: Path, maximum: Version | None = None) -> dict[str, object]:
    """The report: highest version, the files needing each version above ``maximum``."""
    files = elf_files(folder)
    needs = {path: glibc_needs(path) for path in files}
    highest = max((v for vs in needs.values() for v in vs), default=None)
    by_version: dict[Version, list[Path]] = {}
    for path, versions in needs.items():
        for v in versions:
            by_version.setdefault(v, []).append(path)
    too_new = []
    if maximum is not None:
        for v in sorted(by_version):
            if v > maximum:
                for path in by_version[v]:
                    too_new.append(
                        {
                            "version": show(v),
                            "file": path.relative_to(folder).as_posix(),
                            "symbols": symbols_needing(path, v),
                        }
                    )
    top_files = (
        sorted(p.relative_to(folder).as_posix() for p in by_version.get(highest, [])) if highest else []
    )
    return {
        "folder": str(folder),
        "elf_files": len(files),
        "highest": show(highest) if highest else None,
        "highest_files": top_files,
        "maximum": show(maximum) if maximum else None,
        "too_new": too_new,
        "versions": {show(v): len(by_version[v]) for v in sorted(by_version)},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--max", dest="maximum", help="fail when a file needs a newer glibc (e.g. 2.31)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if shutil.which("readelf") is None or shutil.which("objdump") is None:
        print("glibc_check: readelf and objdump (binutils) are needed", file=sys.stderr)
        return 2
    report = check(args.folder, parse_version(args.maximum) if args.maximum else None)
    if not report["elf_files"]:
        print(f"glibc_check: no ELF file in {args.folder}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(
            f"glibc_check: {report['elf_files']} ELF files in {args.folder}; "
            f"the highest glibc version required is {report['highest']} "
            f"({', '.join(report['highest_files'][:6])}{' ...' if len(report['highest_files']) > 6 else ''})"
        )
        for item in report["too_new"]:
            print(f"  needs GLIBC_{item['version']}: {item['file']}: {' '.join(item['symbols']) or '?'}")
    if report["too_new"]:
        print(f"glibc_check: FAILED: files need a glibc newer than {report['maximum']}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
