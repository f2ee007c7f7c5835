"""Update and compile the UI translations.

    python build_scripts/compile_translations.py           # .ts -> .qm (lrelease)
    python build_scripts/compile_translations.py --update  # first refresh .ts from the sources (lupdate)

Sources use English in ``tr()``; ``resources/translations/yandu_zh_CN.ts`` holds the
Chinese (edit it with Qt Linguist: ``pyside6-linguist``).  The compiled ``.qm`` is
committed so that a plain ``pip install .`` needs no Qt tools.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    import PySide6

    local = Path(PySide6.__file__).parent / name
    if local.exists():
        return str(local)
    sys.exit(f"pyside6-{name} not found: pip install PySide6-Essentials")


def update() -> None:
    sources = sorted(str(p) for p in (ROOT / "desktop_app").rglob("*.py") if "ui" in p.parts)
    for lang in LANGUAGES:
        subprocess.run(
            [
                _tool("lupdate"),
                "-no-obsolete",
                "-source-language",
                "en",
                "-target-language",
                lang,
                *sources,
                "-ts",
                str(TS_DIR / f"yandu_{lang}.ts"),
            ],
            check=True,
        )


def release() -> None:
    for lang in LANGUAGES:
        # ours, and the few Qt strings Qt's own catalogue leaves untranslated (kept by hand)
        for ts in (TS_DIR / f"yandu_{lang}.ts", TS_DIR / f"qt_extra_{lang}.ts"):
            if ts.exists():
                subprocess.run([_tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--update", action="store_true", help="refresh the .ts files from the sources first")
    args = parser.parse_args()
    if args.update:
        update()
    release()


if __name__ == "__main__":
    main()
