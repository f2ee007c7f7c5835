"""OFD files made per GB/T 33190-2016 from a text, laid out as a 公文 (GB/T 9704-2012).

:func:`lay_out` sets paragraphs on A4 pages the way an official document is set: a 156 mm
wide text block 37 mm from the top and 28 mm from the left, 16 pt characters (5.6 mm), 28 to
a line, a 28 pt line pitch (9.88 mm), 22 lines to a page; the title in 22 pt, centred, with a
blank line after it; the lines of the head centred; body paragraphs with a two-character
first-line indent and justified lines (a Latin word or number is never broken, closing
punctuation never starts a line, opening punctuation never ends one).

:func:`make_ofd` writes those lines as an OFD package (OFD.xml -> Doc_0/Document.xml ->
Pages/Page_N/Content.xml, PublicRes.xml with the fonts, an outline) with the variations real
producers show, chosen by :class:`Options`: namespace prefixed, default or absent; one
TextObject per line, per character, per paragraph (one TextCode a line, X left out where it
repeats), or a line split into two TextCodes of which the second has no X/Y; DeltaX with
``g N d`` runs; text scaled by a CTM of 0.5 with doubled coordinates; absolute coordinates in
a page-sized Boundary; several layers; page numbers "— N —" (odd pages right, even pages
left) and a running head; a template page with the red header; characters drawn twice (fake
bold); spaces not drawn; characters in a font's private-use codes; part names in another case
or with a leading "/".
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from desktop_app.core.formats.layout import is_wide
from desktop_app.core.loader import load_document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"
NS = "http://www.ofdspec.org/2016"

MM_PER_PT = 25.4 / 72
PAGE_W, PAGE_H = 210.0, 297.0
TOP, LEFT, WIDTH = 37.0, 28.0, 156.0  # GB/T 9704: 天头 37 mm, 订口 28 mm, 版心 156 mm wide
CHARS = 28  # characters to a line
LINES = 22  # lines to a page
BODY = 5.6  # 16 pt (3号) in mm
UNIT = WIDTH / CHARS  # the advance of one character: 28 fill the line
PITCH = 28 * MM_PER_PT  # 28 pt
TITLE = 22 * MM_PER_PT  # 22 pt (2号)
NUMBER = 14 * MM_PER_PT  # 14 pt (4号) page numbers
RUNNING = 10.5 * MM_PER_PT

CLOSING = set("，。、；：！？）》」』”’…—,.;:!?)]%")
OPENING = set("（《「『“‘([")


class Line(NamedTuple):
    """One line set on a page (mm, y downwards)."""

    text: str
    x: float  # left edge of the first character
    baseline: float
    size: float
    advances: tuple[float, ...]  # from each character to the next (the last: its own width)
    paragraph: int  # -1 for page furniture
    page: int


class Options(NamedTuple):
    namespace: str = "prefixed"  # "prefixed" (ofd: + the 2016 URI), "default" (xmlns=), "none"
    objects: str = "line"  # "line", "char", "paragraph" (a TextCode per line), "split"
    g_runs: bool = False  # DeltaX as "g N d" runs
    ctm: bool = False  # CTM 0.5 0 0 0.5 0 0 with coordinates and sizes doubled
    absolute: bool = False  # Boundary = the page, X/Y absolute
    layers: int = 1  # body lines spread over this many layers (page numbers in their own)
    page_numbers: bool = True
    running_head: str = ""  # a line at the top of every page
    red_header: str = ""  # 发文机关标志 on a template page used by the first page
    outline: dict[int, int] | None = None  # paragraph index -> level
    bookmarks: bool = False  # outline entries go to named bookmarks, not to a Dest
    bold: frozenset[int] = frozenset()  # paragraphs drawn twice, 0.15 mm apart (fake bold)
    drop_spaces: bool = False  # spaces not drawn (the next character placed past them)
    leading_slash: bool = False  # every BaseLoc and DocRoot written from the root: "/Doc_0/..."
    other_case: bool = False  # zip entries in lower case, references as written
    title: str = ""  # DocInfo/Title
    doctype_in: str = ""  # "document" or "page": that part carries a DOCTYPE with an entity
    missing_page: int = -1  # this page's Content.xml left out of the zip
    signatures: bool = False  # OFD.xml names a Signatures part that is not XML (never read)


# ---------------------------------------------------------------------------------------------
# text
# ---------------------------------------------------------------------------------------------


def corpus(name: str) -> tuple[list[str], tuple[int, ...]]:
    """The paragraphs of a corpus text (or "speech": resources/speech.txt) as the program reads
    them, and the indexes of its head (title, byline ...)."""
    path = ROOT / "resources" / "speech.txt" if name == "speech" else CORPUS / f"{name}.txt"
    doc = load_document(path)
    return [p.text for p in doc.paragraphs], tuple(doc.metadata.head_paragraphs)


def privatize(paragraphs: list[str], every: int) -> list[str]:
    """Every ``every``-th Chinese character of the body replaced by a private-use code (as a
    subset font's encoding leaves them); 1: all of them."""
    out, count = [], 0
    for text in paragraphs:
        chars = []
        for ch in text:
            if "\u4e00" <= ch <= "\u9fff":
                count += 1
                if count % every == 0:
                    ch = chr(0xE000 + (ord(ch) - 0x4E00) % 0x1900)
            chars.append(ch)
        out.append("".join(chars))
    return out


def _units(text: str) -> float:
    return sum(1.0 if is_wide(ch) else 0.5 for ch in text)


def _tokens(text: str) -> list[str]:
    """Pieces a line may break between: a Latin word or number is one piece."""
    return re.findall(r"[A-Za-z0-9][A-Za-z0-9.\-:/%]*|.", text)


def _break(text: str, first: float, rest: float) -> list[str]:
    """Lines of at most ``first`` / ``rest`` units (closing punctuation may hang over)."""
    lines: list[list[str]] = []
    cur: list[str] = []
    width, room = 0.0, first
    for tok in _tokens(text):
        w = _units(tok)
        if tok == " " and not cur and lines:
            lines[-1].append(tok)  # a space never starts a line
            continue
        if cur and width + w > room + 1e-9:
            if tok in CLOSING:
                cur.append(tok)  # hangs, squeezed into the line
                width += w
                continue
            carry: list[str] = []
            while cur and cur[-1] in OPENING:
                carry.insert(0, cur.pop())
            lines.append(cur)
            cur, room = carry, rest
            width = _units("".join(cur))
        cur.append(tok)
        width += w
    lines.append(cur)
    return ["".join(line) for line in lines if line]


def _set(text: str, unit: float, justify_to: float | None = None) -> tuple[float, ...]:
    """Advances of a line's characters, spread to ``justify_to`` mm when given."""
    natural = [unit if is_wide(ch) else unit / 2 for ch in text]
    body = len(text.rstrip(" "))
    if justify_to is not None and body > 1:
        extra = (justify_to - sum(natural[:body])) / (body - 1)
        natural = [a + extra if i < body - 1 else a for i, a in enumerate(natural)]
    return tuple(natural)


def lay_out(paragraphs: list[str], head: tuple[int, ...] = (0,), *, first_slot: int = 0) -> list[list[Line]]:
    """Pages of lines: the first paragraph (when in the head) as the title, other head
    paragraphs centred when they fit a line, the rest as body paragraphs: indented and
    justified."""
    pages: list[list[Line]] = [[]]
    slot = first_slot

    def place(text: str, x: float, size: float, unit: float, paragraph: int, justify: float | None) -> None:
        nonlocal slot
        if slot >= LINES:
            pages.append([])
            slot = 0
        baseline = TOP + BODY + slot * PITCH
        advances = _set(text, unit, justify)
        pages[-1].append(Line(text, x, baseline, size, advances, paragraph, len(pages) - 1))
        slot += 1

    for i, text in enumerate(paragraphs):
        titled = i == 0 and i in head
        if titled:
            per_line = int(WIDTH // TITLE)
            for piece in _break(text, per_line, per_line):
                w = _units(piece.rstrip()) * TITLE
                place(piece, LEFT + (WIDTH - w) / 2, TITLE, TITLE, i, None)
            if slot < LINES:
                slot += 1  # a blank line after the title
        elif i in head and _units(text) <= CHARS:
            w = _units(text) * UNIT
            place(text, LEFT + (WIDTH - w) / 2, BODY, UNIT, i, None)
        else:
            pieces = _break(text, CHARS - 2, CHARS)
            for k, piece in enumerate(pieces):
                indent = 2 * UNIT if k == 0 else 0.0
                last = k == len(pieces) - 1
                place(piece, LEFT + indent, BODY, UNIT, i, None if last else WIDTH - indent)
    return pages


def furniture(pages: list[list[Line]], options: Options) -> list[list[Line]]:
    """Page numbers (— N —, odd pages right and even pages left, a character in from the
    edge) and the running head, as lines of their own."""
    out = []
    for n in range(len(pages)):
        extra = []
        if options.page_numbers:
            text = f"— {n + 1} —"
            w = _units(text) * NUMBER
            x = LEFT + WIDTH - UNIT - w if n % 2 == 0 else LEFT + UNIT
            baseline = TOP + 225 + 7 + NUMBER
            extra.append(Line(text, x, baseline, NUMBER, _set(text, NUMBER), -1, n))
        if options.running_head:
            text = options.running_head
            w = _units(text) * RUNNING
            x = LEFT + (WIDTH - w) / 2
            extra.append(Line(text, x, TOP - 8, RUNNING, _set(text, RUNNING), -1, n))
        out.append(extra)
    return out


# ---------------------------------------------------------------------------------------------
# OFD
# ---------------------------------------------------------------------------------------------


def _n(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("", "-0") else s


def _deltas(values: list[float], g_runs: bool) -> str:
    parts = [_n(v) for v in values]
    if not g_runs:
        return " ".join(parts)
    out: list[str] = []
    i = 0
    while i < len(parts):
        j = i
        while j < len(parts) and parts[j] == parts[i]:
            j += 1
        out.append(f"g {j - i} {parts[i]}" if j - i >= 3 else " ".join(parts[i:j]))
        i = j
    return " ".join(out)


class _Writer:
    def __init__(self, options: Options) -> None:
        self.o = options
        self.next_id = 10

    def id(self) -> int:
        self.next_id += 1
        return self.next_id

    def tag(self, name: str) -> str:
        return f"ofd:{name}" if self.o.namespace == "prefixed" else name

    def root(self, name: str, body: str, attrs: str = "") -> str:
        ns = {"prefixed": f' xmlns:ofd="{NS}"', "default": f' xmlns="{NS}"', "none": ""}[self.o.namespace]
        t = self.tag(name)
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<{t}{ns}{attrs}>{body}</{t}>'

    def el(self, name: str, body: str = "", **attrs: str) -> str:
        t = self.tag(name)
        a = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
        return f"<{t}{a}>{body}</{t}>" if body else f"<{t}{a}/>"

    def loc(self, path: str) -> str:
        return "/Doc_0/" + path if self.o.leading_slash else path

    # -- text objects --------------------------------------------------------------------------

    def chars(self, line: Line) -> tuple[str, list[float]]:
        """The line's characters to draw and the advance after each (spaces folded in when
        they are not drawn)."""
        text, adv = [], []
        for ch, a in zip(line.text, line.advances, strict=True):
            if ch == " " and self.o.drop_spaces:
                if adv:
                    adv[-1] += a
                continue
            text.append(ch)
            adv.append(a)
        return "".join(text), adv

    def code(self, text: str, x: float | None, y: float | None, adv: list[float], k: float) -> str:
        attrs = {}
        if x is not None:
            attrs["X"] = _n(x * k)
        if y is not None:
            attrs["Y"] = _n(y * k)
        if len(adv) > 1:
            attrs["DeltaX"] = _deltas([a * k for a in adv[:-1]], self.o.g_runs)
        return self.el("TextCode", escape(text), **attrs)

    def text_object(
        self, x: float, top: float, size: float, codes: list[tuple], font: int, red: bool = False
    ) -> str:
        """One TextObject; ``codes`` are (text, x, y, advances) with x/y on the page (None: left
        out).  The Boundary starts at (x, top), or is the page when absolute."""
        k = 2.0 if self.o.ctm else 1.0
        bx, by = (0.0, 0.0) if self.o.absolute else (x, top)
        attrs = {
            "ID": str(self.id()),
            "Boundary": f"{_n(bx)} {_n(by)} {_n(PAGE_W if self.o.absolute else WIDTH)} {_n(size * 1.5)}",
            "Font": str(font),
            "Size": _n(size * k),
        }
        if self.o.ctm:
            attrs["CTM"] = "0.5 0 0 0.5 0 0"
        color = self.el("FillColor", Value="255 0 0" if red else "0 0 0")
        body = color + "".join(
            self.code(t, None if cx is None else cx - bx, None if cy is None else cy - by, adv, k)
            for t, cx, cy, adv in codes
        )
        return self.el("TextObject", body, **attrs)

    def line_objects(self, line: Line, font: int) -> list[str]:
        text, adv = self.chars(line)
        if not text:
            return []
        top = line.baseline - line.size
        mode = self.o.objects
        if mode == "char":
            out, x = [], line.x
            for ch, a in zip(text, adv, strict=True):
                out.append(self.text_object(x, top, line.size, [(ch, x, line.baseline, [a])], font))
                x += a
            return out
        if mode == "split" and len(text) > 3:
            half = len(text) // 2
            codes = [
                (text[:half], line.x, line.baseline, [*adv[:half], 0.0]),
                (text[half:], None, None, adv[half:]),
            ]
            # the first code's DeltaX runs to the second code's first character (its pen)
            return [self.text_object(line.x, top, line.size, codes, font)]
        return [self.text_object(line.x, top, line.size, [(text, line.x, line.baseline, adv)], font)]

    def paragraph_object(self, lines: list[Line], font: int) -> str:
        """One TextObject for a paragraph's lines on a page: a TextCode per line, X left out
        where it is the previous code's X (the standard's rule)."""
        codes, prev_x = [], None
        for line in lines:
            text, adv = self.chars(line)
            codes.append((text, None if line.x == prev_x else line.x, line.baseline, adv))
            prev_x = line.x
        return self.text_object(LEFT, lines[0].baseline - lines[0].size, lines[0].size, codes, font)

    def page(self, lines: list[Line], extra: list[Line], template: int | None) -> str:
        layers: list[list[str]] = [[] for _ in range(max(1, self.o.layers))]
        if self.o.objects == "paragraph":
            groups: dict[int, list[Line]] = {}
            for line in lines:
                groups.setdefault(line.paragraph, []).append(line)
            for k, group in enumerate(groups.values()):
                layers[k % len(layers)].append(self.paragraph_object(group, _font(group[0])))
        else:
            for k, line in enumerate(lines):
                drawn = [line, line._replace(x=line.x + 0.15)] if line.paragraph in self.o.bold else [line]
                for each in drawn:
                    layers[k % len(layers)].extend(self.line_objects(each, _font(line)))
        furniture = [obj for line in extra for obj in self.line_objects(line, 4)]
        if len(layers) > 1:  # page numbers in a layer of their own
            layers.append(furniture)
        else:
            layers[0].extend(furniture)
        types = ["Body"] * (len(layers) - 1) + ["Foreground" if len(layers) > 1 else "Body"]
        content = "".join(
            self.el("Layer", "".join(objs), ID=str(self.id()), Type=t)
            for objs, t in zip(layers, types, strict=True)
            if objs
        )
        head = self.el("Template", TemplateID=str(template), ZOrder="Background") if template else ""
        area = self.el("Area", self.el("PhysicalBox", f"0 0 {_n(PAGE_W)} {_n(PAGE_H)}"))
        return self.root("Page", head + area + self.el("Content", content))

    def template(self) -> str:
        text = self.o.red_header
        size = 15.0
        w = _units(text) * size
        x = LEFT + (WIDTH - w) / 2
        obj = self.text_object(x, 45, size, [(text, x, 45 + size, [size] * len(text))], 3, red=True)
        rule = self.el(
            "PathObject",
            self.el("StrokeColor", Value="255 0 0") + self.el("AbbreviatedData", f"M 0 0 L {_n(WIDTH)} 0"),
            ID=str(self.id()),
            Boundary=f"{_n(LEFT)} 80 {_n(WIDTH)} 1",
            LineWidth="0.35",
        )
        return self.root("Page", self.el("Content", self.el("Layer", obj + rule, ID=str(self.id()))))


def _font(line: Line) -> int:
    return 2 if line.size > BODY * 1.1 else 1


def make_ofd(
    paragraphs: list[str], head: tuple[int, ...] = (0,), options: Options | None = None
) -> tuple[bytes, list[list[Line]]]:
    """The OFD package of ``paragraphs`` laid out as a 公文, and the pages of lines set."""
    o = options or Options()
    w = _Writer(o)
    pages = lay_out(paragraphs, head, first_slot=6 if o.red_header else 0)
    extras = furniture(pages, o)
    files: dict[str, str] = {}
    page_ids = [w.id() for _ in pages]
    template_id = w.id() if o.red_header else None
    for n, (lines, extra) in enumerate(zip(pages, extras, strict=True)):
        files[f"Doc_0/Pages/Page_{n}/Content.xml"] = w.page(lines, extra, template_id if n == 0 else None)
    if o.red_header:
        files["Doc_0/Tpls/Tpl_0/Content.xml"] = w.template()
    fonts = "".join(
        w.el("Font", ID=str(i), FontName=name, FamilyName=family)
        for i, name, family in (
            (1, "仿宋_GB2312", "仿宋"),
            (2, "方正小标宋简体", "小标宋"),
            (3, "方正小标宋简体", "小标宋"),
            (4, "宋体", "宋体"),
        )
    )
    files["Doc_0/PublicRes.xml"] = w.root("Res", w.el("Fonts", fonts), ' BaseLoc="Res"')

    common = w.el("MaxUnitID", str(w.next_id + 100))
    common += w.el("PageArea", w.el("PhysicalBox", f"0 0 {_n(PAGE_W)} {_n(PAGE_H)}"))
    common += w.el("PublicRes", w.loc("PublicRes.xml"))
    if template_id:
        common += w.el("TemplatePage", ID=str(template_id), BaseLoc=w.loc("Tpls/Tpl_0/Content.xml"))
    page_list = "".join(
        w.el("Page", ID=str(pid), BaseLoc=w.loc(f"Pages/Page_{n}/Content.xml"))
        for n, pid in enumerate(page_ids)
    )
    document = w.el("CommonData", common) + w.el("Pages", page_list)
    if o.outline:
        document += w.el("Outlines", _outline(w, o, paragraphs, pages, page_ids))
        if o.bookmarks:
            marks = "".join(
                w.el(
                    "Bookmark",
                    w.el(
                        "Dest",
                        Type="XYZ",
                        PageID=str(page_ids[line.page]),
                        Left="0",
                        Top=_n(line.baseline - line.size - 1),
                    ),
                    Name=f"h{i}",
                )
                for i, line in _heading_lines(o.outline, pages)
            )
            document += w.el("Bookmarks", marks)
    document += w.el("CustomTags", w.loc("CustomTags.xml"))
    files["Doc_0/CustomTags.xml"] = w.root(
        "CustomTags", w.el("CustomTag", w.el("FileLoc", "Tag_0.xml"), NameSpace="urn:gw")
    )
    files["Doc_0/Document.xml"] = w.root("Document", document)

    info = w.el("DocID", "6d1f8a0c2b9e4f7d8a3c5e1b2d4f6a8c") + w.el("CreationDate", "2023-06-14")
    if o.title:
        info = w.el("Title", escape(o.title)) + info
    body = w.el("DocInfo", info) + w.el(
        "DocRoot", "/Doc_0/Document.xml" if o.leading_slash else "Doc_0/Document.xml"
    )
    if o.signatures:
        body += w.el("Signatures", "Doc_0/Signs/Signatures.xml")
        files["Doc_0/Signs/Signatures.xml"] = "not even XML: signatures are never read"
    files["OFD.xml"] = w.root("OFD", w.el("DocBody", body), ' Version="1.0" DocType="OFD"')

    if o.doctype_in:
        part = "Doc_0/Document.xml" if o.doctype_in == "document" else "Doc_0/Pages/Page_0/Content.xml"
        xml = files[part]
        decl, rest = xml.split("\n", 1)
        files[part] = decl + '\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n' + rest
    if o.missing_page >= 0:
        del files[f"Doc_0/Pages/Page_{o.missing_page}/Content.xml"]
    return package(files, other_case=o.other_case), pages


def _heading_lines(outline: dict[int, int], pages: list[list[Line]]) -> list[tuple[int, Line]]:
    firsts: dict[int, Line] = {}
    for lines in pages:
        for line in lines:
            firsts.setdefault(line.paragraph, line)
    return [(i, firsts[i]) for i in sorted(outline) if i in firsts]


def _outline(
    w: _Writer, o: Options, paragraphs: list[str], pages: list[list[Line]], page_ids: list[int]
) -> str:
    """Nested OutlineElems, each going to its paragraph's first line."""
    assert o.outline is not None
    entries = [(o.outline[i], i, line) for i, line in _heading_lines(o.outline, pages)]

    def goto(i: int, line: Line) -> str:
        if o.bookmarks:
            target = w.el("Bookmark", Name=f"h{i}")
        else:
            target = w.el(
                "Dest",
                Type="XYZ",
                PageID=str(page_ids[line.page]),
                Left="0",
                Top=_n(line.baseline - line.size - 1),
            )
        return w.el("Actions", w.el("Action", w.el("Goto", target), Event="CLICK"))

    def build(start: int, level: int) -> tuple[str, int]:
        out, k = "", start
        while k < len(entries) and entries[k][0] >= level:
            lvl, i, line = entries[k]
            children, k = build(k + 1, lvl + 1)
            out += w.el("OutlineElem", goto(i, line) + children, Title=paragraphs[i])
        return out, k

    return build(0, 1)[0]


def package(files: dict[str, str | bytes], *, other_case: bool = False) -> bytes:
    """A zip of ``files`` (deterministic: fixed dates, sorted names)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            data = files[name]
            info = zipfile.ZipInfo(name.lower() if other_case else name, date_time=(2023, 6, 14, 20, 9, 44))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# the selftest's sample
# ---------------------------------------------------------------------------------------------

SAMPLE = ROOT / "resources" / "samples" / "speech.ofd"
SAMPLE_PARAGRAPHS = 11  # the speech's head and its first two 经验


def make_sample() -> bytes:
    """resources/samples/speech.ofd: the first paragraphs of the speech as a 公文 of two pages,
    with page numbers and an outline of its two headings."""
    paragraphs, head = corpus("speech")
    paragraphs = paragraphs[:SAMPLE_PARAGRAPHS]
    options = Options(g_runs=True, outline={7: 1, 10: 1}, title=paragraphs[0])
    return make_ofd(paragraphs, head, options)[0]


if __name__ == "__main__":  # python3 -m tests.formats.ofd_fixtures: write the sample again
    SAMPLE.parent.mkdir(exist_ok=True)
    SAMPLE.write_bytes(make_sample())
    print(SAMPLE, SAMPLE.stat().st_size, "bytes")
