"""A PDF file written by hand: pages of text in one embedded TrueType font, and filled boxes.

The notes' PDF (:mod:`.pdf`) is simple typography: one font, sizes, colours, highlight boxes and
underlines.  Qt's rich-text engine laid 10,000 notes out in 4.5-6 s (issue 14); this writer
draws what :mod:`.pdf_layout` placed, a page at a time, in a fraction of that.

What a reader needs from the file, each checked by the tests with pypdf, poppler and PDFium:
A4 pages; the font embedded as a subset (``CIDFontType2``, glyph ids as character codes,
``/Identity-H``) with its widths (``/W``), so every viewer places the glyphs where the
layout did; a ``/ToUnicode`` map, so text can be searched, selected and copied; the document
information (title, creator, dates) and nothing about the machine it was made on.
"""

from __future__ import annotations

import hashlib
import zlib
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.export.truetype import TrueTypeFont

PRODUCER = "Yandu"
FONT = "F1"  # the font's name in every page's resources
COMPRESSION = 6  # zlib level: 9 is ~2x slower for ~3 % smaller pages


def pdf_string(text: str) -> bytes:
    """A PDF text string: UTF-16BE with its byte-order mark, written as hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def pdf_date(when: datetime) -> bytes:
    return b"(D:" + when.strftime("%Y%m%d%H%M%S").encode("ascii") + b"Z)"


class GlyphCodes:
    """The font's glyph ids as the hex a content stream draws, remembering each glyph drawn
    and a character it stands for (the ``/ToUnicode`` map)."""

    def __init__(self, font: TrueTypeFont) -> None:
        self.font = font
        self._hex: dict[str, str] = {}
        self.used: dict[int, str] = {}  # glyph id -> the character it copies as

    def hex(self, text: str) -> str:
        codes = self._hex
        try:
            return "".join(map(codes.__getitem__, text))
        except KeyError:  # a character not drawn before
            glyph_of, used = self.font.glyph_of, self.used
            for c in set(text) - codes.keys():
                gid = glyph_of.get(ord(c), 0)
                codes[c] = f"{gid:04X}"
                # a glyph drawn for two characters (不 U+4E0D and its compatibility twin U+F967)
                # copies as the lower one, whatever order they came in
                if gid not in used or c < used[gid]:
                    used[gid] = c
            return "".join(map(codes.__getitem__, text))


class PdfFile:
    """Objects numbered as they are added; :meth:`finish` writes the file.

    Page contents are compressed as each page is done, so a 1,300-page file holds bytes, not
    drawing commands."""

    def __init__(self, font: TrueTypeFont, page_size: tuple[float, float], title: str) -> None:
        self.font = font
        self.codes = GlyphCodes(font)
        self.page_size = page_size
        self.title = title
        self._objects: list[bytes] = []  # object n is _objects[n - 1]
        self._pages: list[int] = []
        self._catalog = self._reserve()
        self._page_tree = self._reserve()
        self._type0 = self._reserve()  # written at finish, once the glyphs drawn are known
        self._resources = self.add(
            b"<< /Font << /" + FONT.encode() + b" %d 0 R >> /ProcSet [/PDF /Text] >>" % self._type0
        )

    def _reserve(self) -> int:
        self._objects.append(b"")
        return len(self._objects)

    def add(self, body: bytes, at: int | None = None) -> int:
        if at is None:
            self._objects.append(body)
            return len(self._objects)
        self._objects[at - 1] = body
        return at

    def add_stream(self, data: bytes, extra: bytes = b"", *, compress: bool = True) -> int:
        if compress:
            data = zlib.compress(data, COMPRESSION)
            extra += b" /Filter /FlateDecode"
        return self.add(b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream")

    def add_page(self, content: str) -> None:
        """A page drawn by ``content`` (a content stream's operators)."""
        stream = self.add_stream(content.encode("ascii"))
        width, height = self.page_size
        self._pages.append(
            self.add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f]"
                b" /Resources %d 0 R /Contents %d 0 R >>"
                % (self._page_tree, width, height, self._resources, stream)
            )
        )

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def _font_objects(self) -> None:
        font, used = self.font, self.codes.used
        units = font.units_per_em
        glyphs = sorted(used)
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(repr(glyphs).encode()).digest()[:6])
        name = f"{tag}+{font.postscript_name}".encode("ascii")
        subset = font.subset(glyphs)
        font_file = self.add_stream(subset, b" /Length1 %d" % len(subset))

        def scaled(v: float) -> int:
            return round(v * 1000 / units)

        def exact(v: float) -> bytes:  # a width as the layout used it (not rounded to 1/1000 em)
            return (b"%.3f" % (v * 1000 / units)).rstrip(b"0").rstrip(b".")

        metrics = (*font.bbox, font.ascent, font.descent, font.cap_height)
        descriptor = self.add(
            b"<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle 0"
            b" /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>"
            % (name, *(scaled(v) for v in metrics), font_file)
        )
        widths = []
        for gid in glyphs:
            w = exact(font.advances[gid])
            if w != b"1000":
                widths.append(b"%d [%s]" % (gid, w))
        cid_font = self.add(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            b" /FontDescriptor %d 0 R /DW 1000 /W [%s] /CIDToGIDMap /Identity >>"
            % (name, descriptor, b" ".join(widths))
        )
        to_unicode = self.add_stream(_to_unicode(used))
        self.add(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H"
            b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (name, cid_font, to_unicode),
            at=self._type0,
        )

    def finish(self, when: datetime | None = None) -> bytes:
        """The whole file."""
        if not self._pages:
            self.add_page("")
        self._font_objects()
        self.add(b"<< /Type /Catalog /Pages %d 0 R >>" % self._page_tree, at=self._catalog)
        kids = b" ".join(b"%d 0 R" % p for p in self._pages)
        self.add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(self._pages)), at=self._page_tree)
        stamp = pdf_date((when or datetime.now(UTC)).astimezone(UTC))
        info = self.add(
            b"<< /Title %s /Creator (Yandu) /Producer (%s) /CreationDate %s /ModDate %s >>"
            % (pdf_string(self.title), PRODUCER.encode("ascii"), stamp, stamp)
        )
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, body in enumerate(self._objects, 1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self._objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
        file_id = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest().upper().encode("ascii")
        out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\n" % (
            len(self._objects) + 1,
            self._catalog,
            info,
            file_id,
            file_id,
        )
        out += b"startxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)


def _to_unicode(used: dict[int, str]) -> bytes:
    """A CMap from glyph ids to the characters they were drawn for."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    pairs = sorted((gid, c) for gid, c in used.items() if gid)
    for at in range(0, len(pairs), 100):
        chunk = pairs[at : at + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{gid:04X}> <{c.encode('utf-16-be').hex().upper()}>" for gid, c in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")
