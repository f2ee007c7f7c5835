"""Fill unfinished entries of the .ts from a table (context, source) -> translation.

    python build_scripts/fill_translations.py TABLE.tsv

TABLE.tsv: one line per string, ``context<TAB>source<TAB>translation`` (\\n for a newline).
A maintainer's helper next to compile_translations.py: lupdate adds the new strings,
this fills them, compile_translations.py compiles.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "resources" / "translations" / "yandu_zh_CN.ts"


def main(table: Path) -> int:
    wanted: dict[tuple[str, str], str] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ctx, src, dst = line.split("\t")
        wanted[(ctx, src.replace("\\n", "\n"))] = dst.replace("\\n", "\n")
    tree = ET.parse(TS)
    filled, missing = 0, []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            src = m.findtext("source") or ""
            if tr is None or tr.get("type") != "unfinished":
                continue
            dst = wanted.get((name, src))
            if dst is None:
                missing.append(f"{name}\t{src}")
                continue
            tr.text = dst
            del tr.attrib["type"]
            filled += 1
    ET.indent(tree, space="    ")
    TS.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        + ET.tostring(tree.getroot(), encoding="unicode")
        + "\n",
        encoding="utf-8",
    )
    print(f"filled {filled}; still unfinished {len(missing)}")
    for m in missing:
        print("  ", m)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
