"""Word (.docx): the body's paragraphs in reading order, with the numbers Word draws.

Read with lxml over the zip (through :mod:`safety`), not python-docx: python-docx builds
a proxy object for every run and is lenient about what it skips; this reader walks the XML once
and streams ``word/document.xml`` (each top-level block is dropped once read), so a 50 MB part
costs its own bytes in memory, not a tree of several times that.

What is read, and what is left out (and why):

* Body paragraphs and tables in document order; a table cell's paragraphs are paragraphs,
  row by row, cell by cell (nested tables likewise).  Content controls (``w:sdt``),
  ``w:customXml``, ``w:smartTag`` and hyperlinks are read through.
* Headers, footers, footnotes, endnotes and comments are other parts of the package and are
  not read: they are page furniture or remarks, not the text.  Their reference marks are
  dropped too.
* Text boxes are kept, where they sit: their paragraphs follow the paragraph that anchors
  them.  In a 公文 a text box holds text of the document (a boxed note, a 版头 or 版记 drawn
  as a box), which a search must find; only one of the two copies Word writes (``mc:Choice``
  for DrawingML, ``mc:Fallback`` for VML) is read.
* Tracked changes read as accepted: ``w:ins`` and ``w:moveTo`` kept, ``w:del``,
  ``w:moveFrom`` and deleted rows dropped; a deleted paragraph mark joins the paragraph to the
  next.  Hidden text (``w:vanish``) is not shown on the page and is dropped.
* Fields show their result, never their code (``w:instrText``, the part before
  ``w:fldChar separate``); ``w:fldSimple`` keeps its result runs.
* A line break (``w:br``, ``w:cr``) ends a line: in a 公文 a manual break is a real line
  (the lines of an address, the signature block, an issuer and a date), so it becomes a
  paragraph break (a heading stays one paragraph).  A tab (``w:tab``, ``w:ptab``) is a space.
* Automatic numbering is rebuilt from numbering.xml (:mod:`.docx_numbering`): a list's
  "一、", "（一）", "第一条" is put in front of the text as the page shows it.
* Headings: a heading style (Heading 1..9, 标题 1..9) or ``w:outlineLvl`` (on the paragraph
  or in its style chain) declares the paragraph a heading of that level (Parsed.headings).
* The title in the core properties (``dc:title``) is the file's title.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from desktop_app.core.formats import Parsed
from desktop_app.core.formats.docx_numbering import MC, Numbering, W
from desktop_app.core.formats.safety import find_member, open_zip, parse_xml, read_member
from desktop_app.core.loader import DocumentError

KIND = "Word"
_VAL = W + "val"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_OMATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_HEADING_NAME = re.compile(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)
_HEADING_ID = re.compile(r"Heading([1-9])")
# Top-level elements of the body the reader acts on (the stream stops at each).
_BLOCKS = (W + "p", W + "tbl", W + "sdt", W + "customXml", MC + "AlternateContent")
_FALSE = ("0", "false", "off")
_P, _R, _T, _PPR, _RPR, _PSTYLE = (W + n for n in ("p", "r", "t", "pPr", "rPr", "pStyle"))
_OUTLINE, _NUMPR, _VANISH, _FLD_CHAR = (W + n for n in ("outlineLvl", "numPr", "vanish", "fldChar"))
_SDT, _SDT_CONTENT, _ALTERNATE = W + "sdt", W + "sdtContent", MC + "AlternateContent"
_DELETED = frozenset((W + "del", W + "moveFrom"))
_TBL = W + "tbl"


def read(data: bytes, path: Path) -> Parsed:
    archive = open_zip(data, path, KIND)
    main = _main_part(archive, path)
    styles = _Styles(_part(archive, "word/styles.xml", path))
    numbering = Numbering(_part(archive, "word/numbering.xml", path), styles.num_pr)
    reader = _BodyReader(styles, numbering)
    reader.read_stream(_member(archive, main, path), path)
    title = _core_title(_part(archive, "docProps/core.xml", path))
    if not any(p.strip() for p in reader.paragraphs):
        raise DocumentError("empty", str(path))
    return Parsed(reader.paragraphs, reader.headings or None, title=title, encoding="docx")


def _part(archive: Any, name: str, path: Path) -> Any | None:
    member = find_member(archive, name)
    return None if member is None else parse_xml(_member(archive, member, path), path, KIND)


def _member(archive: Any, name: str, path: Path) -> bytes:
    """read_member, with a corrupt deflate stream (zlib.error, which is none of the errors
    read_member knows) said as a damaged file too."""
    import zlib

    try:
        return read_member(archive, name, path, KIND)
    except zlib.error:
        raise DocumentError("damaged_file", str(path), kind=KIND) from None


def _main_part(archive: Any, path: Path) -> str:
    """The main document part: named by the package's relationships (word/document.xml)."""
    rels = _part(archive, "_rels/.rels", path)
    if rels is not None:
        for rel in rels.iterfind(_REL + "Relationship"):
            if rel.get("Type") == _OFFICE_DOCUMENT:
                member = find_member(archive, rel.get("Target", "").lstrip("/"))
                if member is not None:
                    return member
    member = find_member(archive, "word/document.xml")
    if member is None:
        raise DocumentError("damaged_file", str(path), kind=KIND)
    return member


def _core_title(root: Any | None) -> str:
    if root is None:
        return ""
    el = root.find(_DC_TITLE)
    return (el.text or "").strip() if el is not None else ""


class _Styles:
    """The paragraph styles: heading level and list membership, each through ``w:basedOn``."""

    def __init__(self, root: Any | None) -> None:
        self.level: dict[str, int | None] = {}  # style id -> heading level (None: body text)
        self.num_pr: dict[str, tuple[str, int | None]] = {}  # style id -> (numId, ilvl)
        self.default = ""
        if root is None:
            return
        raw: dict[str, tuple[str, int | None, tuple[str, int | None] | None, str]] = {}
        for style in root.iterfind(W + "style"):
            kind = style.get(W + "type", "paragraph")
            if kind not in ("paragraph", "numbering"):  # a numbering style is a list's definition
                continue
            sid = style.get(W + "styleId", "")
            if kind == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
                self.default = sid
            name_el = style.find(W + "name")
            name = "" if name_el is None else name_el.get(_VAL, "")
            based = style.find(W + "basedOn")
            ppr = style.find(W + "pPr")
            outline = num = None
            if ppr is not None:
                outline = _outline(ppr)
                num = _num_pr(ppr)
            match = _HEADING_NAME.fullmatch(name.strip()) or _HEADING_ID.fullmatch(sid)
            named = int(match.group(1)) if match and kind == "paragraph" else None
            raw[sid] = ("" if based is None else based.get(_VAL, ""), outline, num, str(named or ""))
        for sid in raw:
            chain = []
            seen = set()
            current = sid
            while current in raw and current not in seen and len(chain) < 20:
                seen.add(current)
                chain.append(raw[current])
                current = raw[current][0]
            level: int | None = None
            for _based, outline, _num, _named in chain:  # the nearest outline level decides
                if outline is not None:
                    level = outline if outline < 10 else None
                    break
            else:
                names = [int(named) for *_, named in chain if named]
                level = names[0] if names else None
            self.level[sid] = level
            for entry in chain:
                if entry[2] is not None:
                    self.num_pr[sid] = entry[2]
                    break


def _outline(ppr: Any) -> int | None:
    el = ppr.find(_OUTLINE)
    return None if el is None else _outline_value(el)


def _outline_value(el: Any) -> int | None:
    """1..9 for ``w:outlineLvl`` 0..8, 10 for 9 (body text), None when not readable."""
    try:
        value = int(el.get(_VAL, "9"))
    except ValueError:
        return None
    return value + 1 if 0 <= value <= 8 else 10


def _num_pr(ppr: Any) -> tuple[str, int | None] | None:
    num_pr = ppr.find(_NUMPR)
    return None if num_pr is None else _num_pr_value(num_pr)


def _num_pr_value(num_pr: Any) -> tuple[str, int | None]:
    """(numId, ilvl or None) of a ``w:numPr``."""
    num_id = num_pr.find(W + "numId")
    ilvl = num_pr.find(W + "ilvl")
    level = None
    if ilvl is not None:
        try:
            level = int(ilvl.get(_VAL, "0"))
        except ValueError:
            level = 0
    return ("" if num_id is None else num_id.get(_VAL, "")), level


def _is_on(el: Any) -> bool:
    return el is not None and el.get(_VAL, "1") not in _FALSE


class _BodyReader:
    """Walks the body's blocks in order, collecting paragraphs and declared headings."""

    def __init__(self, styles: _Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.paragraphs: list[str] = []
        self.headings: dict[int, int] = {}
        self._carry = ""  # text of paragraphs whose mark was deleted (tracked): joins the next
        self._code = 0  # open fields in their code part (before fldChar separate)
        self._fields: list[bool] = []  # per open field: True while in its code part
        self._numbered = bool(numbering)

    # -------------------------------------------------------------- blocks

    def read_stream(self, xml: bytes, path: Path) -> None:
        """Read the main part, one top-level block at a time (each is freed once read)."""
        from lxml import etree

        if b"<!doctype" in xml[:4096].lower():
            raise DocumentError("xml_refused", str(path))
        events = etree.iterparse(
            io.BytesIO(xml),
            events=("end",),
            tag=_BLOCKS,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        body = W + "body"
        checked = False
        try:
            for _event, el in events:
                if not checked:  # a DOCTYPE anywhere in the prolog (entities need one)
                    docinfo = el.getroottree().docinfo
                    if docinfo.doctype or docinfo.internalDTD is not None:
                        raise DocumentError("xml_refused", str(path))
                    checked = True
                parent = el.getparent()
                if parent is None or parent.tag != body:
                    continue
                self.block(el)
                el.clear()
                while el.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError:
            raise DocumentError("damaged_file", str(path), kind=KIND) from None
        if self._carry.strip():
            self.paragraphs.append(self._carry)

    def block(self, el: Any) -> None:
        tag = el.tag
        if tag == _P:
            self.paragraph(el)
        elif tag == _TBL:
            self.table(el)
        elif tag == W + "sdt":
            content = el.find(W + "sdtContent")
            if content is not None:
                self.blocks(content)
        elif tag == W + "customXml":
            self.blocks(el)
        elif tag == MC + "AlternateContent":
            chosen = _alternative(el)
            if chosen is not None:
                self.blocks(chosen)

    def blocks(self, parent: Any) -> None:
        for child in parent:
            self.block(child)

    def table(self, tbl: Any) -> None:
        for row in _children(tbl, W + "tr"):
            tr_pr = row.find(W + "trPr")
            if tr_pr is not None and tr_pr.find(W + "del") is not None:
                continue  # a deleted row (tracked)
            for cell in _children(row, W + "tc"):
                self.blocks(cell)

    # -------------------------------------------------------------- paragraphs

    def paragraph(self, p: Any) -> None:
        style = self.styles.default
        level: int | None = None
        direct_num = None
        mark_deleted = False
        ppr = p[0] if len(p) and p[0].tag == _PPR else p.find(_PPR)  # pPr comes first
        if ppr is not None:
            for child in ppr:  # one pass over the properties (find() per property costs 2x)
                tag = child.tag
                if tag == _PSTYLE:
                    style = child.get(_VAL, style)
                elif tag == _OUTLINE:
                    level = _outline_value(child)
                elif tag == _NUMPR:
                    direct_num = _num_pr_value(child)
                elif tag == _RPR:
                    mark_deleted = any(c.tag in _DELETED for c in child)
        if level is None:
            level = self.styles.level.get(style)
        elif level == 10:
            level = None
        parts: list[str] = []
        boxes: list[Any] = []
        self.inline(p, parts, boxes)
        text = "".join(parts)
        if mark_deleted:  # accepted, the paragraph runs on into the next one
            self._carry += text
            self._code = sum(self._fields)
            self._boxes(boxes)
            return
        if self._numbered:
            text = self.number(style, direct_num) + self._carry + text
        elif self._carry:
            text = self._carry + text
        self._carry = ""
        if self._fields:  # a field's code never spans paragraphs: an unclosed one is dropped
            self._fields = [code for code in self._fields if not code]
            self._code = 0
        if level is not None and text.strip():
            self.headings[len(self.paragraphs)] = level
        self.paragraphs.append(text)
        if boxes:
            self._boxes(boxes)

    def number(self, style: str, direct: tuple[str, int | None] | None) -> str:
        styled = self.styles.num_pr.get(style)
        num_id, ilvl = direct if direct is not None else (styled or ("", None))
        if not num_id or num_id == "0":
            return ""
        if ilvl is None:
            ilvl = styled[1] if styled and styled[0] == num_id and styled[1] is not None else None
        if ilvl is None:
            ilvl = self.numbering.level_of_style(num_id, style)
        return self.numbering.next_label(num_id, ilvl)

    def _boxes(self, boxes: list[Any]) -> None:
        for box in boxes:  # text boxes: their paragraphs follow the one that anchors them
            self.blocks(box)

    def inline(self, parent: Any, out: list[str], boxes: list[Any]) -> None:
        """The text of the runs under ``parent`` (a paragraph or an inline container)."""
        for child in parent:
            tag = child.tag
            if tag == _R:
                self.run(child, out, boxes)
            elif tag in _INLINE_CONTAINERS:
                self.inline(child, out, boxes)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.inline(content, out, boxes)
            elif tag == _ALTERNATE:
                chosen = _alternative(child)
                if chosen is not None:
                    self.inline(chosen, out, boxes)
            elif tag in _MATH and not self._code:
                out.extend(t.text or "" for t in child.iter(_OMATH_T))
            # w:del, w:moveFrom, w:pPr, bookmarks, comment ranges, proofing marks: nothing shown

    def run(self, r: Any, out: list[str], boxes: list[Any]) -> None:
        for child in r:
            tag = child.tag
            if tag == _T:
                if not self._code:
                    out.append(child.text or "")
            elif tag == _RPR:
                if len(child) and _is_on(child.find(_VANISH)):
                    return  # hidden text (webHidden is shown on the page: it stays)
            elif tag in _SPACES:
                if not self._code:
                    out.append(_SPACES[tag])
            elif tag == _FLD_CHAR:
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    if len(self._fields) < 64:
                        self._fields.append(True)
                elif kind == "separate":
                    if self._fields:
                        self._fields[-1] = False
                elif kind == "end" and self._fields:
                    self._fields.pop()
                self._code = sum(self._fields)
            elif tag == W + "sym":
                char = _symbol(child)
                if char and not self._code:
                    out.append(char)
            elif tag in _DRAWINGS:
                boxes.extend(_text_boxes(child))
            elif tag == W + "ruby":
                base = child.find(W + "rubyBase")
                if base is not None:
                    self.inline(base, out, boxes)


_INLINE_CONTAINERS = frozenset(
    W + name
    for name in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo", "rubyBase")
)
_MATH = frozenset(
    "{http://schemas.openxmlformats.org/officeDocument/2006/math}" + n for n in ("oMath", "oMathPara")
)
_SPACES = {
    W + "tab": " ",
    W + "ptab": " ",
    W + "br": "\n",
    W + "cr": "\n",
    W + "noBreakHyphen": "-",
    W + "softHyphen": "",
}
_DRAWINGS = frozenset((W + "drawing", W + "pict", W + "object", MC + "AlternateContent"))
_TXBX = W + "txbxContent"


def _children(parent: Any, tag: str) -> list[Any]:
    """``parent``'s children of ``tag``, looking through content controls and custom XML."""
    out = []
    for child in parent:
        if child.tag == tag:
            out.append(child)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                out.extend(_children(content, tag))
        elif child.tag == W + "customXml":
            out.extend(_children(child, tag))
    return out


def _alternative(el: Any) -> Any | None:
    """The one branch of ``mc:AlternateContent`` to read: the first Choice, else the Fallback."""
    chosen = el.find(MC + "Choice")
    return chosen if chosen is not None else el.find(MC + "Fallback")


def _text_boxes(el: Any) -> list[Any]:
    """The outermost text box contents under a drawing (one branch of an AlternateContent)."""
    if el.tag == MC + "AlternateContent":
        el = _alternative(el)
        if el is None:
            return []
    found = []
    stack = [el]
    while stack:
        node = stack.pop()
        for child in node:
            if child.tag == _TXBX:
                found.append(child)
            elif child.tag == MC + "AlternateContent":
                chosen = _alternative(child)
                if chosen is not None:
                    stack.append(chosen)
            elif len(child):
                stack.append(child)
    return found


def _symbol(el: Any) -> str:
    """A ``w:sym`` character; symbol-font code points (private use) show nothing readable."""
    try:
        code = int(el.get(W + "char", ""), 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
        return chr(code) if 0x20 <= code < 0x7F and el.get(W + "font", "").lower() == "symbol" else ""
    return chr(code) if 0x20 <= code < 0x110000 and not 0xD800 <= code < 0xE000 else ""


# ---------------------------------------------------------------- encrypted Office files

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage"


def is_encrypted_office(data: bytes) -> bool:
    """True when ``data`` is a password-protected Office file: an OLE compound file holding an
    ``EncryptedPackage`` stream (a .docx/.xlsx/.pptx encrypted by Word, WPS or LibreOffice,
    which identify() reports as "ole").  Reads only the compound file's directory, with every
    sector number and chain length checked, so a damaged file gives False, never an error."""
    try:
        return _ENCRYPTED_PACKAGE in _cfb_names(data)
    except (IndexError, ValueError, OverflowError):
        return False


def _cfb_names(data: bytes) -> set[str]:
    import struct

    if len(data) < 512 or not data.startswith(_CFB_MAGIC):
        return set()
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):
        return set()
    size = 1 << shift
    sectors = (len(data) - size) // size  # the header takes the first sector's place
    first_dir = struct.unpack_from("<I", data, 48)[0]
    fat_count = struct.unpack_from("<I", data, 44)[0]
    first_difat, difat_count = struct.unpack_from("<II", data, 68)

    def sector(n: int) -> int:
        if not 0 <= n < sectors:
            raise ValueError("sector out of range")
        return size * (n + 1)

    fat_sectors = list(struct.unpack_from("<109I", data, 76))
    n, hops = first_difat, 0
    while n < 0xFFFFFFFA and hops < difat_count and hops <= sectors:
        words = struct.unpack_from(f"<{size // 4}I", data, sector(n))
        fat_sectors.extend(words[:-1])
        n, hops = words[-1], hops + 1
    fat: list[int] = []
    for s in fat_sectors[: min(fat_count, sectors)]:
        if s >= 0xFFFFFFFA:
            continue
        fat.extend(struct.unpack_from(f"<{size // 4}I", data, sector(s)))
    names = set()
    n, hops = first_dir, 0
    while n < 0xFFFFFFFA and hops <= sectors:
        start = sector(n)
        for entry in range(start, start + size, 128):
            length = struct.unpack_from("<H", data, entry + 64)[0]
            if 2 <= length <= 64 and data[entry + 66] in (1, 2, 5):  # storage, stream, root
                names.add(data[entry : entry + length - 2].decode("utf-16-le", "replace"))
        n, hops = (fat[n] if n < len(fat) else 0xFFFFFFFE), hops + 1
    return names
