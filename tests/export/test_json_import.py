"""JSON export validated against the W3C model; import: round trip, merge, foreign files, bad files."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from desktop_app import paths
from desktop_app.core.annotations import now_iso
from desktop_app.core.document import Document
from desktop_app.export import ExportError, ExportOptions, apply_import, export_notes, importer, plan_import
from desktop_app.storage.notes_store import NotesStore
from tests.export.conftest import Notes

SCHEMA = json.loads((Path(__file__).parent / "w3c_annotation.schema.json").read_text(encoding="utf-8"))


def _export_json(notes: Notes, path: Path) -> Path:
    opts = ExportOptions(format="json", include_bookmarks=True)
    return export_notes(notes.doc, notes.annotations, notes.bookmarks, opts, path)


def test_json_is_a_w3c_annotation_collection(notes: Notes, tmp_path: Path) -> None:
    data = json.loads(_export_json(notes, tmp_path / "n.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(notes.annotations) + len(notes.bookmarks)
    yellow = next(i for i in items if i.get("yandu:color") == "yellow")
    assert {b["purpose"] for b in yellow["body"]} == {"commenting", "tagging"}
    assert yellow["target"]["source"] == "urn:sha256:" + notes.doc.fingerprint
    assert any(i["motivation"] == "bookmarking" for i in items)


def _fresh_store(tmp_path: Path, name: str) -> NotesStore:
    folder = tmp_path / name
    folder.mkdir()
    paths.set_data_dir(folder)
    return NotesStore()


def test_round_trip_into_an_empty_data_folder_reproduces_every_field(notes: Notes, tmp_path: Path) -> None:
    out = _export_json(notes, tmp_path / "n.json")
    other = _fresh_store(tmp_path, "other-pc")
    try:
        plan = plan_import(other, notes.doc, out)
        assert (len(plan.added), len(plan.bookmarks_added), plan.skipped, plan.orphans) == (
            len(notes.annotations), len(notes.bookmarks), [], [])  # fmt: skip
        apply_import(other, plan)
        doc_id = other.open_document(notes.doc)
        assert other.annotations(doc_id) == [replace(a, doc_id=doc_id) for a in notes.annotations]
        assert other.bookmarks(doc_id) == [replace(b, doc_id=doc_id) for b in notes.bookmarks]
        again = plan_import(other, notes.doc, out)
        assert again.changes == 0 and len(again.unchanged) == len(notes.annotations)
    finally:
        other.close()


def test_merge_by_id_newest_modified_wins(notes: Notes, tmp_path: Path) -> None:
    out = _export_json(notes, tmp_path / "n.json")
    yellow = next(a for a in notes.annotations if a.color == "yellow")
    notes.store.update(replace(yellow, note="本机改过"))  # newer than the file
    data = json.loads(out.read_text(encoding="utf-8"))
    green_item = next(i for i in data["first"]["items"] if i.get("yandu:color") == "green")
    green_item["modified"] = "2999-01-01T00:00:00.000Z"
    green_item["body"][0]["value"] = "文件里更新的笔记"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    plan = plan_import(notes.store, notes.doc, out)
    assert [a.note for a in plan.updated] == ["文件里更新的笔记"]
    apply_import(notes.store, plan)
    now = {a.id: a for a in notes.store.annotations(notes.doc_id)}
    assert now[yellow.id].note == "本机改过"
    assert now[green_item["id"].removeprefix("urn:uuid:")].note == "文件里更新的笔记"


def test_foreign_minimal_w3c_and_reanchoring_and_orphans(notes: Notes, tmp_path: Path) -> None:
    doc = notes.doc
    i = doc.text.index("机关党建", 200)
    quote = {"type": "TextQuoteSelector", "exact": doc.text[i : i + 30]}
    bad_pos = {"type": "TextPositionSelector", "start": "1", "end": 5}
    items = [
        {"type": "Annotation", "id": "https://hypothes.is/a/abc", "bodyValue": "来自别的工具",
         "target": {"source": "http://x", "selector": quote}},
        {"type": "Annotation", "body": {"type": "TextualBody", "value": "只有位置"},
         "target": {"selector": [{"type": "TextPositionSelector", "start": 100, "end": 110}]}},
        {"type": "Annotation", "id": "urn:x:gone", "target": {"selector": [
            {"type": "TextQuoteSelector", "exact": "这段文字在讲话里根本不存在，也找不回来了。"}]}},
        {"type": "Annotation", "target": "http://only-a-page"},
        "not an object",
        {"type": "Annotation", "target": {"selector": [bad_pos]}},
    ]  # fmt: skip
    path = tmp_path / "foreign.json"
    path.write_text(
        json.dumps({"type": "AnnotationPage", "items": items}, ensure_ascii=False), encoding="utf-8"
    )
    with pytest.raises(ExportError) as refused:  # malformed entries: the whole file is refused
        plan_import(notes.store, doc, path)
    assert refused.value.key == "import_bad_items" and "3" in str(refused.value)
    plan = plan_import(notes.store, doc, path, allow_skips=True)
    assert len(plan.added) == 3 and len(plan.skipped) == 3 and len(plan.orphans) == 1
    first, second = plan.added[0], plan.added[1]
    assert (first.start, first.note, first.status) == (i, "来自别的工具", "anchored")
    assert (second.exact, second.note) == (doc.text[100:110], "只有位置")
    assert plan.orphans[0].status == "orphan"
    apply_import(notes.store, plan)
    assert len(notes.store.annotations(notes.doc_id)) == len(notes.annotations) + 3
    again = plan_import(notes.store, doc, path, allow_skips=True)
    assert again.changes == 0


def test_import_onto_a_revised_text_reanchors(notes: Notes, tmp_path: Path) -> None:
    out = _export_json(notes, tmp_path / "n.json")
    revised = Document.from_paragraphs(["新插入的第一段。", *(p.text for p in notes.doc.paragraphs)])
    other = _fresh_store(tmp_path, "revised")
    try:
        plan = plan_import(other, revised, out)
        assert not plan.orphans and not plan.skipped
        for a in plan.added:
            assert revised.text[a.start : a.end] == a.exact
            assert a.anchored_fingerprint == revised.fingerprint
    finally:
        other.close()


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"{not json", "import_bad_json"),
        (b"\xff\xfe\x00garbage", "import_bad_json"),
        (b"42", "import_not_annotations"),
        (b'{"hello": "world"}', "import_not_annotations"),
        (b"[" * 100_000 + b"]" * 100_000, "import_bad_json"),
    ],
)
def test_malformed_files_are_refused_and_nothing_is_imported(
    notes: Notes, tmp_path: Path, content: bytes, key: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ExportError) as err:
        plan_import(notes.store, notes.doc, path)
    assert err.value.key == key and str(err.value)
    assert notes.store.annotations(notes.doc_id) == notes.annotations


def test_caps_on_size_and_count(notes: Notes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "many.json"
    item = {
        "type": "Annotation",
        "target": {"selector": [{"type": "TextPositionSelector", "start": 1, "end": 3}]},
    }
    path.write_text(json.dumps([item] * 11), encoding="utf-8")
    monkeypatch.setattr(importer, "MAX_ITEMS", 10)
    with pytest.raises(ExportError, match="11"):
        plan_import(notes.store, notes.doc, path)
    monkeypatch.setattr(importer, "MAX_BYTES", 100)
    with pytest.raises(ExportError) as err:
        plan_import(notes.store, notes.doc, path)
    assert err.value.key == "import_too_big"


def test_apply_is_all_or_nothing(notes: Notes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _export_json(notes, tmp_path / "n.json")
    other = _fresh_store(tmp_path, "atomic")
    try:
        plan = plan_import(other, notes.doc, out)
        bad = replace(plan.added[-1], modified=now_iso())
        plan.added[-1] = replace(bad, color="not-a-colour")
        with pytest.raises(ValueError):
            apply_import(other, plan)
        assert other.annotations(plan.doc_id) == []
        from desktop_app.storage import rows

        real = rows.bookmark_params
        monkeypatch.setattr(
            rows, "bookmark_params", lambda b: (_ for _ in ()).throw(RuntimeError("disk gone"))
        )
        plan = plan_import(other, notes.doc, out)
        with pytest.raises(RuntimeError):
            apply_import(other, plan)
        monkeypatch.setattr(rows, "bookmark_params", real)
        assert other.annotations(plan.doc_id) == [] and other.bookmarks(plan.doc_id) == []
    finally:
        other.close()


def test_hostile_note_text_is_kept_verbatim_in_the_store(notes: Notes, tmp_path: Path) -> None:
    out = _export_json(notes, tmp_path / "n.json")
    other = _fresh_store(tmp_path, "verbatim")
    try:
        apply_import(other, plan_import(other, notes.doc, out))
        notes_now = {a.note for a in other.annotations(other.open_document(notes.doc))}
        assert {a.note for a in notes.annotations} == notes_now
    finally:
        other.close()


# ----- hostile numbers and characters (#11 point 5) ------------------------------------------


def _item(exact: str = "这段文字不在讲话里甲乙丙", **extra: object) -> dict[str, object]:
    """A foreign annotation whose quote is not in the text (so it would be kept as an orphan)."""
    selector: list[dict[str, object]] = [{"type": "TextQuoteSelector", "exact": exact}]
    item: dict[str, object] = {"type": "Annotation", "target": {"selector": selector}, "bodyValue": "笔记"}
    item.update(extra)
    return item


def _write(tmp_path: Path, items: list[dict[str, object]]) -> Path:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(items), encoding="utf-8")  # ensure_ascii: "\ud800" stays an escape
    return path


@pytest.mark.parametrize("start", [10**20, 2**63, 2**31])
def test_a_position_no_text_can_have_is_refused_not_a_crash(notes: Notes, tmp_path: Path, start: int) -> None:
    bad = _item()
    bad["target"]["selector"].append({"type": "TextPositionSelector", "start": start, "end": start + 4})  # type: ignore[index]
    path = _write(tmp_path, [bad, _item("中心工作")])
    with pytest.raises(ExportError) as err:
        plan_import(notes.store, notes.doc, path)
    assert err.value.key == "import_bad_items" and "start" in str(err.value)
    plan = plan_import(notes.store, notes.doc, path, allow_skips=True)
    assert [s.label for s in plan.skipped] == ["#1"] and "start" in plan.skipped[0].reason
    apply_import(notes.store, plan)  # the good one goes in; nothing raises
    assert len(notes.store.annotations(notes.doc_id)) == len(notes.annotations) + 1


@pytest.mark.parametrize(
    ("where", "make"),
    [
        ("bodyValue", lambda: _item(bodyValue="笔记\ud800")),
        ("value", lambda: _item(body=[{"type": "TextualBody", "value": "\udcff", "purpose": "commenting"}])),
        ("value", lambda: _item(body=[{"type": "TextualBody", "value": "\ud800", "purpose": "tagging"}])),
        ("exact", lambda: _item("引文\ud800")),
        ("yandu:section", lambda: _item(**{"yandu:section": "\udfff"})),
        ("yandu:title", lambda: _item(**{"yandu:kind": "bookmark", "yandu:title": "书签\ud800"})),
        ("source", lambda: _item(target={"source": "urn:sha256:\ud800", "selector": [
            {"type": "TextQuoteSelector", "exact": "中心工作"}]})),
    ],
)  # fmt: skip
def test_a_lone_surrogate_anywhere_is_refused_with_the_field_named(
    notes: Notes, tmp_path: Path, where: str, make
) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, [make(), _item("中心工作")])
    with pytest.raises(ExportError) as err:
        plan_import(notes.store, notes.doc, path)
    assert err.value.key == "import_bad_items" and "乱码" in str(err.value) and where in str(err.value)
    plan = plan_import(notes.store, notes.doc, path, allow_skips=True)
    assert len(plan.skipped) == 1 and len(plan.added) == 1
    apply_import(notes.store, plan)
    stored = notes.store.annotations(notes.doc_id)
    assert len(stored) == len(notes.annotations) + 1
    for a in stored:  # every stored string is text (a Qt widget or a file can take it)
        "".join((a.note, a.exact, a.section, *a.tags)).encode("utf-8")


def test_a_foreign_id_with_a_lone_surrogate_still_gives_a_stable_id(notes: Notes, tmp_path: Path) -> None:
    path = _write(tmp_path, [_item("中心工作", id="外部\ud800编号")])
    first = plan_import(notes.store, notes.doc, path)
    again = plan_import(notes.store, notes.doc, path)
    assert [a.id for a in first.added] == [a.id for a in again.added] and len(first.added) == 1
    apply_import(notes.store, first)
    assert notes.store.annotation(first.added[0].id) is not None


def test_a_plan_altered_after_validation_is_refused_whole_by_the_store(notes: Notes, tmp_path: Path) -> None:
    path = _write(tmp_path, [_item("中心工作"), _item("机关党建")])
    plan = plan_import(notes.store, notes.doc, path)
    plan.added[-1] = replace(plan.added[-1], note="\ud800")
    from desktop_app.storage.notes_store import StorageError

    with pytest.raises(StorageError) as err:
        apply_import(notes.store, plan)
    assert err.value.key == "bad_text"
    assert notes.store.annotations(notes.doc_id) == notes.annotations
