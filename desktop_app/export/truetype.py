"""The bundled TrueType font read for the PDF writer (:mod:`.pdf_file`): its glyph for each
character, the glyphs' widths, the metrics a PDF font descriptor names, and a subset holding
only the outlines a PDF draws.

Why not fontTools (MIT, a test dependency): with the bundled font (WenQuanYi Micro Hei, 3.9 MB,
34,600 characters) it takes 0.18 s to import, 0.2 s to read the character map and 0.9 s to
subset 630 characters: the whole budget of a 10,000-note PDF (issue 14).  What a PDF needs is
smaller than a general subsetter: glyph ids are kept (the PDF draws ids, ``/CIDToGIDMap
/Identity``), so the subset is the font with every outline it does not draw left empty, and
the tables a viewer reads for a ``CIDFontType2`` (ISO 32000 9.9: head, hhea, maxp, hmtx,
loca, glyf, and the hinting tables cvt, fpgm, prep).  fontTools reads the result back in the
tests.  Plain ``struct`` and slices: 20 ms to read the font, a few ms to subset.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

# Tables a PDF viewer reads from an embedded TrueType font (the rest are dropped).
KEPT_TABLES = (b"head", b"hhea", b"maxp", b"hmtx", b"cvt ", b"fpgm", b"prep", b"loca", b"glyf")

# Composite glyph flags (OpenType glyf: "Composite glyph description").
_WORDS = 0x0001
_SCALE = 0x0008
_MORE = 0x0020
_XY_SCALE = 0x0040
_TWO_BY_TWO = 0x0080


class FontError(ValueError):
    """The file is not a TrueType font this writer can embed."""


@dataclass(slots=True)
class TrueTypeFont:
    data: bytes
    tables: dict[bytes, tuple[int, int]]  # tag -> (offset, length)
    units_per_em: int
    ascent: int
    descent: int  # negative, as in hhea
    bbox: tuple[int, int, int, int]
    cap_height: int
    underline_position: int  # from the baseline, negative below it
    underline_thickness: int
    postscript_name: str
    glyph_of: dict[int, int]  # code point -> glyph id (0: none)
    advances: array  # glyph id -> advance width in font units
    _offsets: array = field(repr=False)  # loca: glyph id -> offset in glyf (numGlyphs + 1 entries)

    def table(self, tag: bytes) -> bytes:
        offset, length = self.tables[tag]
        return self.data[offset : offset + length]

    def missing(self, text: Iterable[str]) -> set[str]:
        """The characters of ``text`` this font has no glyph for (line breaks aside)."""
        glyph_of = self.glyph_of
        return {c for c in set(text) if c != "\n" and not glyph_of.get(ord(c))}

    def subset(self, glyphs: Iterable[int]) -> bytes:
        """The font with outlines only for ``glyphs`` (and the glyphs they are made of, and
        .notdef); every glyph keeps its id.  Only :data:`KEPT_TABLES`."""
        glyf_offset, _ = self.tables[b"glyf"]
        data, offsets = self.data, self._offsets
        wanted = {0, *glyphs}
        todo = list(wanted)
        while todo:  # composite glyphs: add their components
            gid = todo.pop()
            start, end = offsets[gid], offsets[gid + 1]
            if end - start < 10 or struct.unpack_from(">h", data, glyf_offset + start)[0] >= 0:
                continue
            for part in _components(data, glyf_offset + start + 10, glyf_offset + end):
                if part not in wanted and part < len(offsets) - 1:
                    wanted.add(part)
                    todo.append(part)
        glyf = bytearray()
        loca = array("I")
        for gid in range(len(offsets) - 1):
            loca.append(len(glyf))
            if gid in wanted:
                start, end = offsets[gid], offsets[gid + 1]
                glyf += data[glyf_offset + start : glyf_offset + end]
                glyf += b"\0" * (-len(glyf) % 4)
        loca.append(len(glyf))
        long_loca = len(glyf) >= 0x20000  # short offsets (halved) reach 128 KB: half the size
        if long_loca:
            loca_bytes = struct.pack(f">{len(loca)}I", *loca)
        else:
            loca_bytes = struct.pack(f">{len(loca)}H", *(v // 2 for v in loca))
        head = bytearray(self.table(b"head"))
        head[8:12] = b"\0\0\0\0"  # checkSumAdjustment, set below
        head[50:52] = struct.pack(">h", 1 if long_loca else 0)  # indexToLocFormat
        tables = {tag: self.table(tag) for tag in KEPT_TABLES if tag in self.tables}
        tables.update({b"head": bytes(head), b"loca": loca_bytes, b"glyf": bytes(glyf)})
        font, places = _sfnt(tables)
        adjustment = (0xB1B0AFBA - _checksum(font)) & 0xFFFFFFFF
        at = places[b"head"] + 8
        return font[:at] + struct.pack(">I", adjustment) + font[at + 4 :]


def _components(data: bytes, at: int, end: int) -> Iterable[int]:
    """The glyph ids a composite glyph's description (at ``at``) is made of."""
    while at + 4 <= end:
        flags, gid = struct.unpack_from(">HH", data, at)
        yield gid
        at += 4 + (4 if flags & _WORDS else 2)
        if flags & _SCALE:
            at += 2
        elif flags & _XY_SCALE:
            at += 4
        elif flags & _TWO_BY_TWO:
            at += 8
        if not flags & _MORE:
            return


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def _sfnt(tables: dict[bytes, bytes]) -> tuple[bytes, dict[bytes, int]]:
    """An sfnt file holding ``tables``, sorted by tag, each padded to four bytes; and where
    each table begins."""
    tags = sorted(tables)
    count = len(tags)
    power = 1
    while power * 2 <= count:
        power *= 2
    header = struct.pack(
        ">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16
    )
    offset = 12 + 16 * count
    directory = bytearray()
    body = bytearray()
    places = {}
    for tag in tags:
        table = tables[tag]
        places[tag] = offset + len(body)
        directory += struct.pack(">4sIII", tag, _checksum(table), places[tag], len(table))
        body += table + b"\0" * (-len(table) % 4)
    return header + bytes(directory) + bytes(body), places


def _cmap(data: bytes, offset: int) -> dict[int, int]:
    """Code point -> glyph id from the best Unicode subtable (format 12, else format 4)."""
    (count,) = struct.unpack_from(">H", data, offset + 2)
    found: dict[int, int] = {}
    subtables = []
    for i in range(count):
        platform, encoding, at = struct.unpack_from(">HHI", data, offset + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, offset + at)[0]
        if (platform, encoding, fmt) in ((3, 10, 12), (0, 4, 12), (0, 6, 12)):
            subtables.insert(0, (fmt, offset + at))
        elif (platform, encoding, fmt) in ((3, 1, 4), (0, 3, 4), (0, 1, 4), (0, 0, 4)):
            subtables.append((fmt, offset + at))
    if not subtables:
        raise FontError("no Unicode character map")
    fmt, at = subtables[0]
    if fmt == 12:
        (groups,) = struct.unpack_from(">I", data, at + 12)
        values = struct.unpack_from(f">{3 * groups}I", data, at + 16)
        for g in range(0, 3 * groups, 3):
            first, last, gid = values[g : g + 3]
            found.update(zip(range(first, last + 1), range(gid, gid + last - first + 1), strict=True))
        return found
    (segments2,) = struct.unpack_from(">H", data, at + 6)
    n = segments2 // 2
    ends = struct.unpack_from(f">{n}H", data, at + 14)
    starts = struct.unpack_from(f">{n}H", data, at + 16 + segments2)
    deltas = struct.unpack_from(f">{n}h", data, at + 16 + 2 * segments2)
    range_at = at + 16 + 3 * segments2
    range_offsets = struct.unpack_from(f">{n}H", data, range_at)
    for i in range(n):
        start, end, delta, ro = starts[i], ends[i], deltas[i], range_offsets[i]
        if start == 0xFFFF:
            continue
        if ro == 0:
            found.update((c, (c + delta) & 0xFFFF) for c in range(start, end + 1))
            continue
        base = range_at + 2 * i + ro
        ids = struct.unpack_from(f">{end - start + 1}H", data, base)
        found.update(
            (c, (gid + delta) & 0xFFFF) for c, gid in zip(range(start, end + 1), ids, strict=True) if gid
        )
    return found


def _postscript_name(data: bytes, offset: int) -> str:
    _fmt, count, strings = struct.unpack_from(">HHH", data, offset)
    for i in range(count):
        platform, _encoding, _lang, name_id, length, at = struct.unpack_from(">6H", data, offset + 6 + 12 * i)
        if name_id != 6:
            continue
        raw = data[offset + strings + at : offset + strings + at + length]
        text = raw.decode("utf-16-be", "replace") if platform in (0, 3) else raw.decode("latin-1")
        clean = "".join(c for c in text if (c.isascii() and c.isalnum()) or c in "-_")
        if clean:
            return clean
    return "Font"


def read_font(data: bytes) -> TrueTypeFont:
    """The font in ``data`` (a TrueType file with glyf outlines)."""
    try:
        version, count = struct.unpack_from(">IH", data, 0)
        if version not in (0x00010000, 0x74727565):  # 1.0, "true"
            raise FontError("not a TrueType font with glyf outlines")
        tables = {}
        for i in range(count):
            tag, _sum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            tables[tag] = (offset, length)
        for tag in (b"head", b"hhea", b"maxp", b"hmtx", b"loca", b"glyf", b"cmap"):
            if tag not in tables:
                raise FontError(f"no {tag.decode()} table")
        head = tables[b"head"][0]
        units, x0, y0, x1, y1 = struct.unpack_from(">H4x4x4x4xhhhh", data, head + 18)  # unitsPerEm ... bbox
        (long_loca,) = struct.unpack_from(">h", data, head + 50)
        hhea = tables[b"hhea"][0]
        ascent, descent = struct.unpack_from(">hh", data, hhea + 4)
        (metrics,) = struct.unpack_from(">H", data, hhea + 34)
        (glyphs,) = struct.unpack_from(">H", data, tables[b"maxp"][0] + 4)
        pairs = struct.unpack_from(f">{2 * metrics}H", data, tables[b"hmtx"][0])
        advances = array("H", pairs[::2])
        advances.extend([advances[-1]] * (glyphs - metrics))
        loca_at = tables[b"loca"][0]
        if long_loca:
            offsets = array("I", struct.unpack_from(f">{glyphs + 1}I", data, loca_at))
        else:
            offsets = array("I", (2 * v for v in struct.unpack_from(f">{glyphs + 1}H", data, loca_at)))
        underline = (-100, 50)
        if b"post" in tables:
            underline = struct.unpack_from(">hh", data, tables[b"post"][0] + 8)
        cap = ascent
        if b"OS/2" in tables:
            os2, length = tables[b"OS/2"]
            if struct.unpack_from(">H", data, os2)[0] >= 2 and length >= 90:
                (cap,) = struct.unpack_from(">h", data, os2 + 88)
        name = _postscript_name(data, tables[b"name"][0]) if b"name" in tables else "Font"
        glyph_of = _cmap(data, tables[b"cmap"][0])
    except struct.error as exc:
        raise FontError(f"truncated font: {exc}") from exc
    return TrueTypeFont(
        data=data,
        tables=tables,
        units_per_em=units,
        ascent=ascent,
        descent=descent,
        bbox=(x0, y0, x1, y1),
        cap_height=cap,
        underline_position=underline[0],
        underline_thickness=underline[1],
        postscript_name=name,
        glyph_of=glyph_of,
        advances=advances,
        _offsets=offsets,
    )


@cache
def bundled_font() -> TrueTypeFont:
    """The bundled CJK font (read once a process)."""
    from desktop_app.paths import bundled_font_bytes

    return read_font(bundled_font_bytes())
