"""OFD (GB/T 33190-2016, the national standard for electronic documents): a zip of XML.

The path through the package: ``OFD.xml`` -> its first ``DocBody`` -> ``DocRoot`` (the
document's ``Document.xml``, relative to the package root) -> ``Pages/Page`` in order, each
``BaseLoc`` relative to the folder of ``Document.xml`` -> each page's ``Content.xml`` ->
``Content/Layer`` (every layer, page blocks included) -> ``TextObject`` -> ``TextCode``.

Each character is placed at its absolute position on the page (mm, y downwards): the text
object's ``Boundary`` origin, then its ``CTM``, then the code's ``X``/``Y`` and the
``DeltaX``/``DeltaY`` steps (``g N d`` is N steps of d).  The shared layout rules
(:mod:`desktop_app.core.formats.layout`) turn the characters into lines and paragraphs and
drop page numbers and running heads.  The outline (``Outlines/OutlineElem`` with a ``Goto``
to a page and a height) names the headings; it is used for the tree when it declares a
heading the text's numbering does not already find.

Left out on purpose (docs/OFD.md says why): templates (``TemplatePage``: the red header and
other furniture drawn on every page; read only when the pages themselves hold no text),
annotations, signatures and seals, custom tags, attachments, images and paths, composite
objects, and text turned by its CTM (watermarks).  Text in the private-use area of an
embedded subset font cannot be read without the font: mostly so -> refused with a message,
a few characters -> shown as "□" with a notice.  A scan (images, no text) is said to be one.
Every zip entry and XML part goes through :mod:`desktop_app.core.formats.safety`; tags are
matched by local name, so the ``ofd:`` prefix and namespace are optional, and part names match
in any case, with or without a leading "/".
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from desktop_app.core.formats import Parsed, safety
from desktop_app.core.formats.layout import Block, Glyph, is_wide, paragraphs_from_glyphs
from desktop_app.core.loader import DocumentError

KIND = "OFD"
# A 公文 is a few pages, a law or a report a hundred; 2,000 pages (about two million
# characters) is beyond any document read here, and keeps a hostile file to seconds.
MAX_PAGES = 2000
# Characters placed in all (a 2,000-page report holds about three million): a page part can
# hold millions of tiny TextCodes within the zip limits, each costing memory here.
MAX_CHARACTERS = 5_000_000
PRIVATE_SHARE = 0.5  # more than this share of private-use characters: the text cannot be read
UNREADABLE = "□"  # what stands for a character in a font's private code (a 缺字 mark)


def read(data: bytes, path: Path) -> Parsed:
    archive = _open(data, path)
    parts = _Parts(archive, path)
    ofd = parts.xml(parts.find("", "OFD.xml"))
    body = _child(ofd, "DocBody")
    if body is None:
        raise DocumentError("damaged_file", str(path), kind=KIND)
    title = (_text(_child(_child(body, "DocInfo"), "Title"))).strip()
    document_name = parts.find("", _text(_child(body, "DocRoot")))
    document = parts.xml(document_name)
    folder = posixpath.dirname(document_name)

    pages = [(_attr(p, "ID"), _attr(p, "BaseLoc")) for p in _children(_child(document, "Pages"), "Page")]
    if len(pages) > MAX_PAGES:
        raise DocumentError("too_many_pages", str(path), pages=len(pages), limit=MAX_PAGES)
    if not pages:
        raise DocumentError("empty", str(path))

    glyphs: list[Glyph] = []
    missing: list[int] = []
    images = False
    for index, (_, loc) in enumerate(pages):
        page = parts.optional_xml(folder, loc)
        if page is None:
            missing.append(index + 1)
            continue
        glyphs.extend(_page_glyphs(page, index))
        images = images or next(_descendants(page, "ImageObject"), None) is not None
        if len(glyphs) > MAX_CHARACTERS:
            raise DocumentError("zip_bomb", str(path))
    if len(missing) == len(pages):
        raise DocumentError("damaged_file", str(path), kind=KIND)
    if not glyphs:  # some producers draw everything on templates: read them then
        glyphs = list(_template_glyphs(document, folder, pages, parts))
    if not glyphs and images:
        raise DocumentError("ofd_images_only", str(path))

    glyphs, unreadable = _readable(glyphs, path)
    kept = [(b, text) for b in paragraphs_from_glyphs(glyphs) if (text := _one_line(b.text))]
    if not kept:
        raise DocumentError("empty", str(path))
    blocks, paragraphs = [b for b, _ in kept], [text for _, text in kept]
    page_index = {page_id: i for i, (page_id, _) in enumerate(pages) if page_id}
    headings = _declared(paragraphs, _outline_headings(document, blocks, paragraphs, page_index))

    from desktop_app.core.messages import language, message

    notices = []
    if missing:
        listed = (", " if language() == "en" else "、").join(map(str, missing))
        notices.append(message("ofd_missing_pages", pages=listed))
    if unreadable:
        notices.append(message("ofd_private_chars", count=unreadable))
    return Parsed(paragraphs, headings, title, "ofd", tuple(notices))


def _open(data: bytes, path: Path) -> zipfile.ZipFile:
    try:
        return safety.open_zip(data, path, KIND)
    except DocumentError as exc:
        if exc.key == "zip_bomb":  # too many entries: say so when they are pages
            _refuse_page_count(data, path)
        raise


def _refuse_page_count(data: bytes, path: Path) -> None:
    """Too many pages, counted from the zip's directory alone (nothing is unpacked)."""
    import io

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    pages = sum(1 for n in names if n.lower().endswith("content.xml") and "/tpl" not in n.lower())
    if pages > MAX_PAGES:
        raise DocumentError("too_many_pages", str(path), pages=pages, limit=MAX_PAGES)


# ---------------------------------------------------------------------------------------------
# parts and XML
# ---------------------------------------------------------------------------------------------


class _Parts:
    """Finding and parsing the package's parts, as producers spell their paths."""

    def __init__(self, archive: zipfile.ZipFile, path: Path) -> None:
        self.archive = archive
        self.path = path
        # safety.find_member's rule (any case, with or without a leading "/"), indexed once:
        # a page at a time it would scan the whole directory for each of thousands of pages
        self.names: dict[str, str] = {}
        for name in archive.namelist():
            self.names.setdefault(name.lstrip("/").lower(), name)

    def resolve(self, folder: str, loc: str) -> str | None:
        """The archive's name for ``loc`` written in a part of ``folder``: relative to that folder
        (the standard), else to the package root; a leading "/" is from the root; "\\" is "/"."""
        loc = loc.strip().replace("\\", "/")
        if not loc:
            return None
        tries = [loc] if loc.startswith("/") else [posixpath.join(folder, loc), loc]
        for candidate in tries:
            name = self.names.get(posixpath.normpath("/" + candidate).lstrip("/").lower())
            if name is not None:
                return name
        return None

    def find(self, folder: str, loc: str) -> str:
        name = self.resolve(folder, loc)
        if name is None:
            raise DocumentError("damaged_file", str(self.path), kind=KIND)
        return name

    def xml(self, name: str) -> Any:
        return safety.parse_xml(safety.read_member(self.archive, name, self.path, KIND), self.path, KIND)

    def optional_xml(self, folder: str, loc: str) -> Any | None:
        """A page's part, or None when it is missing or not well-formed (a DOCTYPE is refused)."""
        name = self.resolve(folder, loc)
        if name is None:
            return None
        try:
            return self.xml(name)
        except DocumentError as exc:
            if exc.key == "damaged_file":
                return None
            raise


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


# "{*}name" is lxml's match for the name in any namespace or none: ofd:Page, Page, x:Page.
def _children(element: Any, name: str) -> Iterator[Any]:
    return element.iterchildren("{*}" + name) if element is not None else iter(())


def _child(element: Any, name: str) -> Any:
    return next(_children(element, name), None)


def _descendants(element: Any, name: str) -> Iterator[Any]:
    return element.iter("{*}" + name) if element is not None else iter(())


def _attr(element: Any, name: str) -> str:
    value = element.get(name)
    if value is None and any(key[0] == "{" for key in element.attrib):
        for key, v in element.items():  # a producer that prefixed its attributes too
            if _local(key) == name:
                return v
    return value or ""


def _text(element: Any) -> str:
    return (element.text or "") if element is not None else ""


def _numbers(text: str) -> list[float] | None:
    try:
        return [float(t) for t in text.replace(",", " ").split()] or None
    except ValueError:
        return None


def _number(text: str) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        numbers = _numbers(text)
        return numbers[0] if numbers else None


def deltas(text: str, limit: int) -> list[float] | None:
    """A DeltaX/DeltaY list, ``g N d`` written out (N steps of d); at most ``limit`` values.
    None when absent or not readable."""
    tokens = text.split()
    if not tokens:
        return None
    out: list[float] = []
    i = 0
    try:
        while i < len(tokens) and len(out) < limit:
            if tokens[i] == "g":
                count, step = int(float(tokens[i + 1])), float(tokens[i + 2])
                out.extend([step] * max(0, min(count, limit - len(out))))
                i += 3
            else:
                out.append(float(tokens[i]))
                i += 1
    except (ValueError, IndexError):
        return None
    return out


# ---------------------------------------------------------------------------------------------
# characters on a page
# ---------------------------------------------------------------------------------------------


def _page_glyphs(page: Any, index: int) -> Iterator[Glyph]:
    for content in _children(page, "Content"):
        for obj in _descendants(content, "TextObject"):
            yield from text_object_glyphs(obj, index)


def _template_glyphs(
    document: Any, folder: str, pages: list[tuple[str, str]], parts: _Parts
) -> Iterator[Glyph]:
    """The text of the templates, placed on the pages that use them (or on the first page)."""
    templates = {}
    for tpl in _descendants(_child(document, "CommonData"), "TemplatePage"):
        part = parts.optional_xml(folder, _attr(tpl, "BaseLoc"))
        if part is not None:
            templates[_attr(tpl, "ID")] = part
    for index, (_, loc) in enumerate(pages):
        page = parts.optional_xml(folder, loc)
        used = [_attr(t, "TemplateID") for t in _children(page, "Template")] if page is not None else []
        for template_id in used or ([next(iter(templates))] if index == 0 and templates else []):
            if template_id in templates:
                yield from _page_glyphs(templates[template_id], index)


class _Transform(NamedTuple):
    x: float  # page position of the object's origin (Boundary origin + CTM translation)
    y: float
    sx: float  # CTM scale
    sy: float


def _transform(obj: Any) -> _Transform | None:
    """The object's placement; None for text the CTM turns or mirrors (watermarks)."""
    box = _numbers(_attr(obj, "Boundary"))
    bx, by = (box[0], box[1]) if box and len(box) >= 2 else (0.0, 0.0)
    ctm = _numbers(_attr(obj, "CTM"))
    a, b, c, d, e, f = ctm if ctm and len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    if abs(b) > 1e-6 or abs(c) > 1e-6 or a <= 0 or d <= 0:
        return None
    return _Transform(bx + e, by + f, a, d)


def text_object_glyphs(obj: Any, page: int) -> Iterator[Glyph]:
    """The characters of one TextObject at their places on the page (mm, y downwards).

    A TextCode without X takes the previous code's X and without Y its Y (the standard); one
    without either, or without X on the same line, goes on where the previous one ended (a run
    split in two: drawing it over the first is never meant).  Missing DeltaX steps are the
    character's own width; a code with DeltaY and no DeltaX is vertical text, kept as one unit.
    """
    where = _transform(obj)
    size = _number(_attr(obj, "Size")) or 0.0
    if where is None or size <= 0:
        return
    height = size * where.sy
    last_x = last_y = 0.0
    pen: tuple[float, float] | None = None
    for code in _children(obj, "TextCode"):
        text = code.text or ""
        if not text:
            continue
        x_attr, y_attr = _number(_attr(code, "X")), _number(_attr(code, "Y"))
        if x_attr is None and pen is not None and (y_attr is None or y_attr == pen[1]):
            x, y = pen
        else:
            x = last_x if x_attr is None else x_attr
            y = last_y if y_attr is None else y_attr
            last_x = x
        last_y = y
        dx = deltas(_attr(code, "DeltaX"), len(text))
        dy = deltas(_attr(code, "DeltaY"), len(text))
        vertical = dx is None and dy is not None and len(text) > 1
        run: list[str] = []
        first: tuple[float, float] | None = None
        for i, ch in enumerate(text):
            natural = size if is_wide(ch) else size / 2
            if ch >= " " and not "\x7f" <= ch < "\xa0":  # control characters draw nothing
                gx, gy = where.x + where.sx * x, where.y + where.sy * y - height
                if vertical:
                    run.append(ch)
                    first = first or (gx, gy)
                else:
                    yield Glyph(ch, gx, gy, natural * where.sx, height, page)
            if dx is not None and i < len(dx):
                x += dx[i]
            elif dy is None or dx is not None:
                x += natural
            if dy is not None and i < len(dy):
                y += dy[i]
        if vertical and first is not None:
            yield Glyph("".join(run), first[0], first[1], size * where.sx, height, page)
        pen = (x, y)


def _private(ch: str) -> bool:
    o = ord(ch)
    return 0xE000 <= o <= 0xF8FF or o >= 0xF0000


def _readable(glyphs: list[Glyph], path: Path) -> tuple[list[Glyph], int]:
    """The glyphs with private-use characters shown as □, and how many there were; refused
    when most of the text is such characters."""
    total = private = 0
    for g in glyphs:
        for ch in g.text:
            if not ch.isspace():
                total += 1
                private += _private(ch)
    if not private:
        return glyphs, 0
    if private > PRIVATE_SHARE * total:
        raise DocumentError("ofd_private_font", str(path))
    out = [g._replace(text="".join(UNREADABLE if _private(c) else c for c in g.text)) for g in glyphs]
    return out, private


def _one_line(text: str) -> str:
    from desktop_app.core.loader import paragraphs_from_text

    return " ".join(paragraphs_from_text(text))


# ---------------------------------------------------------------------------------------------
# outlines
# ---------------------------------------------------------------------------------------------


class _Entry(NamedTuple):
    title: str
    level: int
    page: int | None  # page index
    top: float | None


def outline_entries(document: Any, page_index: dict[str, int]) -> list[_Entry]:
    """The outline of Document.xml in document order, with each entry's destination: a
    ``Goto`` to a ``Dest`` (PageID, Top), or to a ``Bookmark`` of the document's Bookmarks."""
    bookmarks = {
        _attr(m, "Name"): _child(m, "Dest") for m in _children(_child(document, "Bookmarks"), "Bookmark")
    }
    out: list[_Entry] = []

    def walk(element: Any, level: int) -> None:
        for elem in _children(element, "OutlineElem"):
            dest = None
            for action in _children(_child(elem, "Actions"), "Action"):
                goto = _child(action, "Goto")
                if goto is not None:
                    dest = _child(goto, "Dest")
                    if dest is None and _child(goto, "Bookmark") is not None:
                        dest = bookmarks.get(_attr(_child(goto, "Bookmark"), "Name"))
                    break
            page = page_index.get(_attr(dest, "PageID")) if dest is not None else None
            top = _number(_attr(dest, "Top")) if dest is not None else None
            out.append(_Entry(_attr(elem, "Title"), level, page, top))
            if level < 32:  # deeper is no outline a person wrote
                walk(elem, level + 1)

    walk(_child(document, "Outlines"), 1)
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _outline_headings(
    document: Any, blocks: list[Block], paragraphs: list[str], page_index: dict[str, int]
) -> dict[int, int]:
    """Outline entries mapped to paragraphs: the paragraph that starts with the entry's title
    (or is the start of it), on the entry's page and nearest its height, after the previous
    entry's paragraph.  Entries whose title is not in the text are left out."""
    texts = [_norm(p) for p in paragraphs]
    headings: dict[int, int] = {}
    last = -1
    for entry in outline_entries(document, page_index):
        title = _norm(entry.title)
        if not title:
            continue

        def matches(i: int, title: str = title) -> bool:
            t = texts[i]
            return bool(t) and (t.startswith(title) or (len(t) >= 2 and title.startswith(t)))

        found = [i for i in range(last + 1, len(texts)) if matches(i)] or [
            i for i in range(len(texts)) if matches(i) and i not in headings
        ]
        if not found:
            continue
        if entry.page is not None:
            on_page = [i for i in found if blocks[i].page == entry.page]
            if on_page:
                top = entry.top
                found = sorted(on_page, key=lambda i: abs(blocks[i].top - top) if top is not None else 0)
        headings[found[0]] = entry.level
        last = max(last, found[0])
    return headings


def _declared(paragraphs: list[str], headings: dict[int, int]) -> dict[int, int] | None:
    """The outline's headings, unless the text's numbering already finds every one of them
    (then its tree is as good, and knows run-in headings such as 第一条 by their words)."""
    if not headings:
        return None
    from desktop_app.core.formats import document_from_parsed

    conventional = document_from_parsed(Parsed(paragraphs))
    found = {s.paragraph_index for s in conventional.sections if s.kind != "paragraph"}
    head = set(conventional.metadata.head_paragraphs) | {0}
    return None if set(headings) - head <= found else headings
