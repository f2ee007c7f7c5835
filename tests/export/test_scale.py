"""Exports at scale: 10,000 notes on one document, every note in every format, none lost.

The PDF is Yandu's own (:mod:`desktop_app.export.pdf`); its Qt fallback lays the notes out a part
at a time (Qt's text layout cannot place anything lower than 2**23 device pixels, ~720 A4 pages at
1200 dpi): a 10,000-note PDF had 2 pages and 53 lines before.  Read back by real readers:
poppler's ``pdftotext`` for the whole file (pypdf needs ~45 s for 1,300 pages), pypdf for the
page count and, on a small export cut into many parts, for the size and place of every run.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_app.core.annotations import COLORS, Annotation, new_annotation
from desktop_app.core.document import Document
from desktop_app.export import ExportOptions, export_notes
from tests.export.test_pdf import A4, MM, runs

pypdf = pytest.importorskip("pypdf")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

MANY = 10_000
NOTE = re.compile(r"第(\d+)条笔记")


def many_notes(doc: Document, count: int, *, step: int = 37) -> list[Annotation]:
    """``count`` notes spread over the text, note i saying "第 i 条笔记" (some with a second line)."""
    out = []
    span = len(doc.text) - 40
    for i in range(count):
        start = (i * step) % span
        if doc.text[start] == "\n":
            start += 1
        note = f"第 {i} 条笔记" + ("\n第二行" if i % 5 == 0 else "")
        out.append(
            new_annotation(
                doc,
                start,
                start + 6 + i % 30,
                color=COLORS[i % len(COLORS)].key,
                style="underline" if i % 4 == 0 else "highlight",
                note=note,
                tags=[f"t{i % 7}"],
            )
        )
    return out


def numbers(text: str) -> list[int]:
    return [int(n) for n in NOTE.findall("".join(text.split()))]


@pytest.fixture(scope="module")
def ten_thousand(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, list[Annotation]]:
    from desktop_app.core.loader import load_document
    from tests.conftest import SPEECH

    target = tmp_path_factory.mktemp("doc") / "speech.txt"
    shutil.copyfile(SPEECH, target)
    doc = load_document(target)
    return doc, many_notes(doc, MANY)


@needs_poppler
def test_pdf_of_10000_notes_has_every_note_once_and_every_page(
    ten_thousand: tuple[Document, list[Annotation]], tmp_path: Path, qapp: object
) -> None:
    doc, anns = ten_thousand
    out = export_notes(doc, anns, [], ExportOptions(format="pdf"), tmp_path / "many.pdf")
    pages = len(pypdf.PdfReader(str(out)).pages)
    assert pages > 1000  # ~1,300 A4 pages of 12 pt text; it was 2
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    found = numbers(text)
    assert sorted(found) == list(range(MANY))  # every note, each once
    by_page = text.split("\f")
    assert [re.findall(r"—\s*(\d+)\s*—", p)[-1] for p in by_page[:pages]] == [
        str(n) for n in range(1, pages + 1)
    ]


def test_pdf_cut_into_parts_reads_as_one(
    ten_thousand: tuple[Document, list[Annotation]],
    tmp_path: Path,
    qapp: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Many small parts: every note once, in reading order, page numbers 1..n drawn last on their
    page, no text below the text block, no heading left at a page's foot."""
    from desktop_app.export import pdf_qt
    from tests.export.conftest import force_qt_pdf

    doc, anns = ten_thousand
    chosen = sorted(anns[:160], key=lambda a: (a.start, a.end, a.created))
    force_qt_pdf(monkeypatch)  # the parts are Qt's (its layout cannot reach 1,300 pages at once)
    monkeypatch.setattr(pdf_qt, "PART_CHARS", 2_500)  # ~8 notes a part: 20 parts
    out = export_notes(doc, chosen, [], ExportOptions(format="pdf"), tmp_path / "parts.pdf")
    drawn = runs(out)
    pages = max(r.page for r in drawn)
    assert pages >= 20
    block_bottom = A4[1] - 25.4 * MM
    for n in range(1, pages + 1):
        on_page = [r for r in drawn if r.page == n]
        assert "".join(on_page[-1].text.split()) == f"—{n}—"
        assert all(r.baseline < block_bottom for r in on_page[:-1])
        assert on_page[-2].size < 13, (n, on_page[-2].text)  # body text or smaller, not a heading
    found = numbers("".join(r.text for r in drawn))
    assert found == [int(NOTE.search("".join(a.note.split())).group(1)) for a in chosen]  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "csv", "json", "docx", "docx-annotated"])
def test_every_format_holds_all_10000_notes(
    ten_thousand: tuple[Document, list[Annotation]], tmp_path: Path, fmt: str
) -> None:
    doc, anns = ten_thousand
    out = export_notes(doc, anns, [], ExportOptions(format=fmt), tmp_path / f"many.{fmt}")
    if fmt == "csv":
        table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        assert sorted(row["id"] for row in table) == sorted(a.id for a in anns)
        return
    if fmt == "json":
        page = json.loads(out.read_text(encoding="utf-8"))["first"]
        assert sorted(i["id"].removeprefix("urn:uuid:") for i in page["items"]) == sorted(a.id for a in anns)
        return
    if fmt.startswith("docx"):
        import docx

        d = docx.Document(str(out))
        if fmt == "docx":
            text = "\n".join(p.text for p in d.paragraphs)
        else:  # the notes are Word comments
            text = "\n".join(c.text for c in d.comments)
    else:
        text = out.read_text(encoding="utf-8")
    if fmt == "md":
        text = text.replace("\\", "")
    assert sorted(numbers(text)) == list(range(MANY))


@pytest.mark.parametrize("which", ["all", "none", "bookmarks only", "annotations only"])
def test_json_written_an_item_at_a_time_is_json_dumps(notes, tmp_path: Path, which: str) -> None:  # type: ignore[no-untyped-def]
    """The JSON export writes each item on its own (jsontext): the same bytes as json.dumps of the
    whole collection, hostile notes (C1 controls, a lone surrogate) included."""
    from desktop_app.export import w3c

    anns = [*notes.annotations, replace_note(notes.annotations[0], "控制\x9b字符 \ud800 \x7f 😀")]
    chosen = {
        "all": (anns, notes.bookmarks),
        "none": ([], []),
        "bookmarks only": ([], notes.bookmarks),
        "annotations only": (anns, []),
    }[which]
    got = w3c.write_json(notes.doc, *chosen, ExportOptions(format="json"))
    data = json.dumps(w3c.collection(notes.doc, *chosen), ensure_ascii=False, indent=1)
    data = w3c._UNSAFE_IN_FILE.sub(lambda m: f"\\u{ord(m.group()):04x}", data)
    assert got == (data + "\n").encode("utf-8")
    assert json.loads(got)["total"] == len(chosen[0]) + len(chosen[1])


def replace_note(a: Annotation, note: str) -> Annotation:
    from dataclasses import replace

    return replace(a, note=note, id="x" + a.id[1:])


@pytest.mark.parametrize(
    "value",
    [
        [],
        {},
        [{}],
        {"a": [1, -2, 2**80, 1.5, 1e300, True, False, None, '引号"\\\n\x01']},
        ("t", ["u"]),
        [{"tags": ["重点", 't"1'], "empty": [], "nested": [["x"]], "n": None}, {"tags": []}],
    ],
)
def test_jsontext_is_json_dumps(value: object) -> None:
    from desktop_app.export.jsontext import dumps

    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=1)
    with pytest.raises(TypeError):
        dumps({"a": float("nan")})
    with pytest.raises(TypeError):
        dumps({1: "a"})
