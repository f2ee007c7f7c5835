"""Properties of the loader (desktop_app/core/loader.py): any bytes, every encoding, line ends, sizes.

* Whatever the bytes, ``load_document`` returns a well-formed Document or raises DocumentError
  with a message; never another exception.
* A Chinese text written in UTF-8, GB18030 or UTF-16/32 (with or without a BOM), with any line
  ends and indentation, reads back as the same paragraphs.
"""

from __future__ import annotations

import codecs
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from desktop_app.core.document import Document, fingerprint_text
from desktop_app.core.loader import DocumentError, decode_bytes, load_document, paragraphs_from_text
from tests.property.profile import prop
from tests.property.strategies import CHINESE, PARAGRAPHS

_names = itertools.count()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("loader-props")


def _write(folder: Path, data: bytes) -> Path:
    path = folder / f"doc-{next(_names)}.txt"
    path.write_bytes(data)
    return path


def check_document(doc: Document) -> None:
    """The invariants every loaded document keeps (ARCHITECTURE: the one rule about positions)."""
    assert doc.paragraphs, "a document has at least one paragraph"
    assert doc.text == "\n".join(p.text for p in doc.paragraphs)
    for i, p in enumerate(doc.paragraphs):
        assert p.index == i and p.text and "\n" not in p.text and "\r" not in p.text
        assert doc.text[p.start : p.end] == p.text
    assert doc.fingerprint == fingerprint_text(doc.text)
    for s in doc.sections:
        assert 0 <= s.start < s.end <= len(doc.text)


BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
RANDOM_BYTES = st.one_of(
    st.binary(max_size=2000),
    st.builds(lambda bom, b: bom + b, st.sampled_from(BOMS), st.binary(max_size=600)),
    # a real text with bytes flipped, cut or inserted: damaged, truncated, mis-saved files
    st.builds(
        lambda t, enc, cut, junk: t.encode(enc)[:cut] + junk + t.encode(enc)[cut:],
        st.text(CHINESE, min_size=1, max_size=200),
        st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]),
        st.integers(0, 400),
        st.binary(max_size=8),
    ),
    st.builds(lambda b, n: b * n, st.binary(min_size=1, max_size=4), st.integers(1, 3000)),
)


@prop(300)
@given(data=RANDOM_BYTES)
def test_any_bytes_give_a_document_or_a_document_error(folder: Path, data: bytes) -> None:
    try:
        doc = load_document(_write(folder, data))
    except DocumentError as exc:
        assert str(exc).strip()  # a message for the user, in words
        return
    check_document(doc)


@prop(300)
@given(data=RANDOM_BYTES)
def test_decode_bytes_decodes_or_refuses_with_a_document_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except DocumentError as exc:
        assert str(exc).strip()
        return
    assert isinstance(text, str) and encoding


# ----- text round trips ----------------------------------------------------------------------

LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])
INDENT = st.sampled_from(["", "", "\u3000\u3000", "  ", "\t"])


@st.composite
def written_text(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A text as an office PC writes it: indentation, blank lines, one kind of line end, maybe
    a final line end; and the paragraphs it must read back as.  Sometimes large (~100 KB)."""
    paragraphs = draw(PARAGRAPHS)
    if draw(st.integers(0, 9)) == 0:
        paragraphs = paragraphs * draw(st.integers(20, 200))
    end = draw(LINE_ENDS)
    lines: list[str] = []
    for p in paragraphs:
        lines.append(draw(INDENT) + p)
        if draw(st.integers(0, 5)) == 0:
            lines.append("")  # a blank line between paragraphs
    text = end.join(lines) + (end if draw(st.booleans()) else "")
    # A Chinese text: without a BOM, GB18030 is told from other encodings by its Chinese characters.
    assume(sum("\u4e00" <= c <= "\u9fff" for c in text) >= 20)
    return text, paragraphs_from_text(text)


def _encode(text: str, how: str) -> bytes:
    boms = {
        "utf-16-le+bom": codecs.BOM_UTF16_LE,
        "utf-16-be+bom": codecs.BOM_UTF16_BE,
        "utf-32-le+bom": codecs.BOM_UTF32_LE,
        "utf-32-be+bom": codecs.BOM_UTF32_BE,
    }
    if how in boms:
        return boms[how] + text.encode(how.removesuffix("+bom"))
    return text.encode(how)


# Encodings the loader must read back exactly.  "utf-8-sig" and "utf-16" put a BOM first.
ROUND_TRIP = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le+bom", "utf-16-be+bom", "utf-32-le+bom"]


@pytest.mark.parametrize("how", ROUND_TRIP)
@prop(40)
@given(sample=written_text())
def test_a_chinese_text_reads_back_as_its_paragraphs(
    folder: Path, how: str, sample: tuple[str, list[str]]
) -> None:
    text, paragraphs = sample
    doc = load_document(_write(folder, _encode(text, how)))
    assert [p.text for p in doc.paragraphs] == paragraphs
    check_document(doc)


@pytest.mark.parametrize("how", ["utf-16-le", "utf-16-be"])
@prop(40)
@given(sample=written_text())
@example(sample=("一 二", ["一 二"]))
@example(sample=("国家尊重和保障人权。", ["国家尊重和保障人权。"]))
def test_utf16_without_a_bom_reads_back(folder: Path, how: str, sample: tuple[str, list[str]]) -> None:
    text, paragraphs = sample
    doc = load_document(_write(folder, text.encode(how)))
    assert [p.text for p in doc.paragraphs] == paragraphs


@pytest.mark.parametrize("text", ["\u3000\u3000Introduction\n\u3000\u3000Chapter 1", "\u3000\u30000\n"])
def test_gb18030_with_only_fullwidth_spaces_reads_back(folder: Path, text: str) -> None:
    doc = load_document(_write(folder, text.encode("gb18030")))
    assert [p.text for p in doc.paragraphs] == paragraphs_from_text(text)
