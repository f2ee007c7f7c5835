"""Corrupt files the program finds at start: the settings INI, and the search index files.

* settings.ini full of garbage (random bytes, or INI-looking lines with absurd values): Settings
  gives every value within its allowed range (the defaults where the garbage names nothing), and
  the real window starts, paints and quits with status 0.
* Search index files damaged at random (bytes flipped, truncated, zeroed, deleted, garbage
  appended, the meta file rewritten): the next open rebuilds what is damaged and every search
  is exact.
"""

from __future__ import annotations

import itertools
import json
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from desktop_app import paths
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.search import SearchIndex
from tests.conftest import SPEECH, run_module
from tests.property.profile import prop
from tests.search.reference import ref_find_all_doc

_n = itertools.count()

INI_LINES = st.sampled_from(
    [
        "[view]", "[ui]", "[session]", "[window]", "[positions]", "[General]", "[search]", "[export]",
        "zoom=nan", "zoom=1e309", "zoom=-3", "zoom=@Invalid()", "theme=<script>", "theme=dark",
        "font_size=0", "font_size=1e400", "line_spacing=-100", "paragraph_spacing=inf",
        "font_family=\x00\x01", "font_family=" + "宋" * 500, "language=xx", "language=en",
        "fullwidth_punctuation=perhaps", "last_file=/dev/zero", "recent_files=a, , \\x00",
        "recent_files=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x18)", "geometry=@ByteArray(\\xff\\xfe)",
        "state=@Rect(1 2 3)", "history=@Variant(garbage", "f3de28=99999999999999999999999",
        "f3de28=-5", "folder=fs-bytes:!!!notbase64", "=", "==", "a=b=c", "\\", "[", "]]]", ";comment",
    ]
)  # fmt: skip
GARBAGE = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.one_of(INI_LINES, st.text(max_size=40)), max_size=30).map(
        lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
    ),
)


def _settings_with(ini: bytes, root: Path):  # type: ignore[no-untyped-def]
    from desktop_app.ui import settings as settings_module

    folder = root / f"data-{next(_n)}"
    folder.mkdir()
    (folder / "settings.ini").write_bytes(ini)
    paths.set_data_dir(folder)
    return settings_module, settings_module.Settings()


def _values(module, s) -> dict:  # type: ignore[no-untyped-def]
    v = {
        "theme": s.theme, "zoom": s.zoom, "font_family": s.font_family, "font_size": s.font_size,
        "line_spacing": s.line_spacing, "paragraph_spacing": s.paragraph_spacing,
        "full_width": s.full_width, "system_was_dark": s.system_was_dark, "language": s.language,
        "last_file": s.last_file, "recent_files": s.recent_files, "search_history": s.search_history,
        "open_folder": s.open_folder, "export_folder": s.export_folder,
        "position": s.reading_position("f3de28"), "geometry": s.window_geometry(),
    }  # fmt: skip
    from desktop_app.themes import THEME_CHOICES

    assert v["theme"] in THEME_CHOICES
    assert module.ZOOM_MIN <= v["zoom"] <= module.ZOOM_MAX
    assert module.FONT_SIZE_MIN <= v["font_size"] <= module.FONT_SIZE_MAX
    assert module.LINE_SPACING_MIN <= v["line_spacing"] <= module.LINE_SPACING_MAX
    assert module.PARAGRAPH_SPACING_MIN <= v["paragraph_spacing"] <= module.PARAGRAPH_SPACING_MAX
    assert v["language"] in ("", *module.LANGUAGES)
    assert v["font_family"] == "" or (v["font_family"].isprintable() and len(v["font_family"]) <= 200)
    assert isinstance(v["full_width"], bool) and isinstance(v["system_was_dark"], bool)
    assert isinstance(v["position"], int)
    for key in ("last_file", "open_folder", "export_folder"):
        assert isinstance(v[key], str)
    for key in ("recent_files", "search_history"):
        assert isinstance(v[key], list) and all(isinstance(x, str) for x in v[key])
    assert len(v["recent_files"]) <= module.RECENT_MAX
    return v


@pytest.fixture(scope="module")
def ini_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("ini")
    paths.set_data_dir(None)


@prop(150)
@given(ini=GARBAGE)
def test_a_garbage_settings_file_gives_valid_values(ini_root: Path, ini: bytes) -> None:
    module, s = _settings_with(ini, ini_root)
    values = _values(module, s)
    if b"=" not in ini:  # nothing named: every value is the default
        _m, fresh = _settings_with(b"", ini_root)
        assert values == _values(module, fresh)
        event("no key at all: defaults")
    else:
        event("keys with garbage values: values in range")


@pytest.mark.parametrize(
    "ini",
    [
        random.Random(7).randbytes(4096),
        b"\xff\xfe" + "[view]\nzoom=1".encode("utf-16-le")[:-1],  # UTF-16 cut in the middle
        "\n".join(
            [
                "[view]",
                "zoom=nan",
                "theme=<script>",
                "font_size=1e400",
                "[window]",
                "geometry=@ByteArray(\\xff\\xfe)",
                "state=@Rect(1 2 3)",
                "[session]",
                "last_file=/dev/zero",
                "recent_files=@Variant(\\0\\0\\0\\x7f)",
                "[ui]",
                "language=xx",
            ]
        ).encode(),
    ],
    ids=["random bytes", "cut UTF-16", "absurd values"],
)
def test_the_window_starts_with_a_garbage_settings_file(tmp_path: Path, ini: bytes) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.ini").write_bytes(ini)
    r = run_module("desktop_app", "--quit-after-load", data_dir=data, QT_QPA_PLATFORM="offscreen")
    assert r.returncode == 0, r.stderr[-3000:]
    assert "first-paint" in r.stdout
    assert "Traceback" not in r.stderr, r.stderr[-3000:]


# ----- the search index ---------------------------------------------------------------------------

QUERIES = ["中心工作", "机关党建", "的", "2023", "服务群众"]


@pytest.fixture(scope="module")
def speech() -> Document:
    return load_document(SPEECH)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, speech: Document) -> Path:
    """A complete index (bigrams and words), built once and copied for each example."""
    cache = tmp_path_factory.mktemp("index-pristine")
    SearchIndex.open(speech, cache_dir=cache).close()
    return cache


DAMAGE = st.sampled_from(["flip", "truncate", "zero", "delete", "append", "meta", "empty"])


@prop(40)
@given(damage=st.lists(st.tuples(DAMAGE, st.integers(0, 10**6), st.integers(1, 64)), min_size=1, max_size=3))
def test_damaged_index_files_are_rebuilt_and_searches_stay_exact(
    tmp_path_factory: pytest.TempPathFactory, pristine: Path, speech: Document, damage: list
) -> None:
    cache = tmp_path_factory.mktemp("index-damaged")
    shutil.rmtree(cache)
    shutil.copytree(pristine, cache)
    files = sorted(p for p in (cache / "search").rglob("*") if p.is_file())
    for how, where, size in damage:
        path = files[where % len(files)]
        if not path.exists():
            continue
        data = path.read_bytes()
        if how == "flip" and data:
            i = where % len(data)
            data = data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :]
        elif how == "truncate":
            data = data[: where % (len(data) + 1)]
        elif how == "zero":
            data = b"\0" * len(data)
        elif how == "append":
            data += b"\x00garbage" * size
        elif how == "meta":
            data = json.dumps({"format": 1, "kind": "bigrams", "files": {"x": [1, "y"]}}).encode()
        elif how == "empty":
            data = b""
        if how == "delete":
            path.unlink()
        else:
            path.write_bytes(data)
        event(f"damage: {how}")
    index = SearchIndex.open(speech, cache_dir=cache)
    try:
        event(f"rebuilt: {'+'.join(index.built) or 'nothing (damage not seen by the checks)'}")
        assert not index.problem
        for q in QUERIES:
            expected = ref_find_all_doc(speech, q)
            for strategy in ("index", "scan"):
                r = index.search(q, limit=None, order="document", strategy=strategy)
                assert [(h.start, h.end) for h in r.hits] == expected, (q, strategy)
    finally:
        index.close()
