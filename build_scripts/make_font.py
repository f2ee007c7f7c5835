"""Make the bundled font, resources/fonts/wqy-microhei.ttf, from WenQuanYi Micro Hei as Debian ships it.

    apt-get download fonts-wqy-microhei && dpkg-deb -x fonts-wqy-microhei_*.deb wqy
    python -m pip install fonttools          # a build tool only (MIT); the program never imports it
    python build_scripts/make_font.py wqy/usr/share/fonts/truetype/wqy/wqy-microhei.ttc

The upstream file (0.2.0-beta, sha256 2420e807...09b3, 5.2 MB) is a collection of two faces,
"WenQuanYi Micro Hei" and its monospaced twin "Micro Hei Mono", plus a table of 49,531 glyph
names.  The program uses the first face only (ui/fonts.py), and no renderer needs glyph names,
so this keeps that face with every character it maps, its hinting and its layout tables, and
writes it as one TrueType font without glyph names (``post`` format 3): 3.9 MB, the same
characters and the same shapes.  The result is checked here (every mapped character kept, the
family name unchanged) and by tests/ui/test_bundled_font.py.

Licence: WenQuanYi Micro Hei is Apache-2.0 (or GPLv3 with the font exception); we use it under
Apache-2.0, whose section 4(b) asks that a modified file say so: the font's licence file
(resources/fonts/LICENSE-wqy-microhei.txt) records this change.
"""

from __future__ import annotations

import argparse
import hashlib
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "fonts" / "wqy-microhei.ttf"
UPSTREAM_SHA256 = "2420e8078af796b19a3f6ef13de527a1a91c1e7171eea115926c614ced1009b3"
FAMILY = "WenQuanYi Micro Hei"


def make(source: Path, target: Path = TARGET) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    face = TTCollection(str(source)).fonts[0]
    assert face["name"].getDebugName(1) == FAMILY, face["name"].getDebugName(1)
    mapped = dict(face.getBestCmap())
    options = subset.Options()
    options.glyph_names = False  # post format 3
    options.hinting = True
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.legacy_kern = True
    options.symbol_cmap = True
    options.recalc_bounds = False
    options.drop_tables = ["FFTM"]  # FontForge's time stamps
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=list(mapped))
    subsetter.subset(face)
    out = io.BytesIO()
    face.save(out)
    data = out.getvalue()

    from fontTools.ttLib import TTFont

    check = TTFont(io.BytesIO(data))
    assert set(check.getBestCmap()) == set(mapped), "a character was lost"
    assert check["name"].getDebugName(1) == FAMILY
    target.write_bytes(data)
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path, help="wqy-microhei.ttc from Debian's fonts-wqy-microhei")
    ap.add_argument("--out", type=Path, default=TARGET)
    args = ap.parse_args()
    digest = hashlib.sha256(args.source.read_bytes()).hexdigest()
    if digest != UPSTREAM_SHA256:
        print(f"note: {args.source} is not the 0.2.0-beta file this was made from (sha256 {digest})")
    data = make(args.source, args.out)
    print(f"{args.source} ({args.source.stat().st_size} bytes) -> {args.out} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
