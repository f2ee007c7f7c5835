"""``desktop-app library ...``: the library from the command line.

    desktop-app library list [--all] [--json]        the documents (``--all``: removed ones too)
    desktop-app library add PATH... [--json]         files or folders (read, added, indexed)
    desktop-app library remove ID [--delete-notes]   out of the library (notes kept unless deleted)
    desktop-app library relocate ID PATH             the file was moved: where it is now
    desktop-app library version NEW --of OLD         NEW is a new version of OLD: carry its notes over
    desktop-app library export ID --format F --out PATH   its notes, even when its file is gone

An ID may be given by a unique prefix (``list`` prints the first 8 characters).  Errors
are one line on stderr: exit 3 for bad input, 1 when the store refuses a change.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_app.cli_notes import EXIT_BAD_INPUT, EXIT_OK, _InputError, _print_json, _run
from desktop_app.console import print_line as _print
from desktop_app.core import messages

if TYPE_CHECKING:
    from desktop_app.library.adding import AddSummary
    from desktop_app.storage.library import LibraryEntry
    from desktop_app.storage.notes_store import NotesStore

ID_SHOWN = 8


def add_subparsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    add_global_options: Callable[[argparse.ArgumentParser], None],
) -> None:
    def add_globals(p: argparse.ArgumentParser) -> None:
        add_global_options(p)
        for action in p._actions:
            if action.dest in ("data_dir", "lang"):
                action.default = argparse.SUPPRESS

    lib = sub.add_parser("library", help="the library: list, add, remove, relocate, version")
    add_globals(lib)
    lsub = lib.add_subparsers(dest="library_command", metavar="ACTION", required=True)

    p = lsub.add_parser("list", help="the documents of the library, last opened first")
    p.add_argument("--all", action="store_true", help="documents removed from the library too")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_globals(p)

    p = lsub.add_parser("add", help="add files or whole folders (each read and indexed)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_globals(p)

    p = lsub.add_parser("remove", help="take a document out of the library (its notes are kept)")
    p.add_argument("id")
    p.add_argument("--delete-notes", action="store_true", help="delete its notes and bookmarks too")
    add_globals(p)

    p = lsub.add_parser("relocate", help="the document's file was moved: where it is now")
    p.add_argument("id")
    p.add_argument("path", metavar="PATH")
    add_globals(p)

    from desktop_app.export.options import FORMATS

    p = lsub.add_parser("export", help="export a document's notes (its file may be gone: they are kept)")
    p.add_argument("id")
    p.add_argument("--format", required=True, choices=list(FORMATS), help="the file format")
    p.add_argument("--out", required=True, metavar="PATH", help="the file to write (replaced atomically)")
    add_globals(p)

    p = lsub.add_parser("version", help="a document is a new version of another: carry the notes over")
    p.add_argument("id", metavar="NEW")
    p.add_argument("--of", required=True, metavar="OLD", help="the earlier version")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_globals(p)


def resolve(store: NotesStore, given: str) -> str:
    found = store.library_ids(given.strip()) if given.strip() else []
    if not found:
        raise _InputError(messages.message("library_no_such", id=given))
    if len(found) > 1:
        shown = ", ".join(f[:ID_SHOWN] for f in found[:5])
        raise _InputError(messages.message("library_ambiguous", id=given, ids=shown))
    return found[0]


def entry_line(e: LibraryEntry) -> str:
    missing = "  [" + messages.message("library_missing", path=e.path) + "]" if e.missing else ""
    removed = "" if e.in_library else "  [-]"
    date = e.date or "----------"
    return (
        f"{e.id[:ID_SHOWN]}  {round(e.progress * 100):3d}%  {e.notes:5d}  {date}  {e.format or '-':5s}"
        f"  {e.title or e.path}{removed}{missing}"
    )


def _library(args: argparse.Namespace, store: NotesStore) -> int:
    action = args.library_command
    if action == "list":
        entries = store.library(removed=args.all)
        if args.json:
            _print_json([e.as_json() | {"in_library": e.in_library} for e in entries])
        else:
            for e in entries:
                _print(entry_line(e))
        return EXIT_OK
    if action == "add":
        return _add(args, store)
    if action == "remove":
        doc_id = resolve(store, args.id)
        gone = store.remove_from_library(doc_id, delete_notes=args.delete_notes)
        _print(messages.message("library_removed", id=doc_id[:ID_SHOWN], notes=gone))
        return EXIT_OK
    if action == "relocate":
        return _relocate(args, store)
    if action == "export":
        return _export(args, store)
    return _version(args, store)


def _export(args: argparse.Namespace, store: NotesStore) -> int:
    from pathlib import Path

    from desktop_app.cli_notes import _Failure
    from desktop_app.core.doc_cache import default_cache as documents_cache
    from desktop_app.export import ExportError
    from desktop_app.library.exporting import export_entry_notes

    entry = store.library_entry(resolve(store, args.id))
    assert entry is not None
    if entry.missing:
        print(f"desktop-app: {messages.message('library_missing', path=entry.path)}", file=sys.stderr)
    try:
        out = export_entry_notes(store, entry, args.format, Path(args.out), documents_cache())
    except ExportError as exc:
        raise _Failure(str(exc)) from exc
    _print(str(out))
    return EXIT_OK


def _add(args: argparse.Namespace, store: NotesStore) -> int:
    from desktop_app import paths
    from desktop_app.library.adding import add_files, collect

    files, problems, skipped = collect(args.paths)
    try:
        cache = paths.cache_dir()
    except OSError:
        cache = None
    summary = add_files(store, files, cache_dir=cache)
    summary.failed[:0] = problems
    summary.skipped += skipped
    if args.json:
        _print_json(_summary_json(summary))
    else:
        for added in summary.added:
            _print(entry_line(added.entry))
            for old, share in added.versions:
                hint = messages.message(
                    "library_version_hint",
                    title=old.title,
                    id=old.id[:ID_SHOWN],
                    share=round(share * 100),
                    new=added.entry.id[:ID_SHOWN],
                )
                print(f"desktop-app: {hint}", file=sys.stderr)
        for line in summary.lines():
            print(f"desktop-app: {line}", file=sys.stderr)
    return EXIT_BAD_INPUT if summary.failed and not (summary.added or summary.already) else EXIT_OK


def _summary_json(summary: AddSummary) -> dict[str, object]:
    return {
        "added": [
            a.entry.as_json() | {"versions": [{"id": e.id, "kept": round(s, 3)} for e, s in a.versions]}
            for a in summary.added
        ],
        "already": [a.entry.as_json() for a in summary.already],
        "failed": [{"path": p, "reason": why} for p, why in summary.failed],
        "skipped": summary.skipped,
    }


def _relocate(args: argparse.Namespace, store: NotesStore) -> int:
    from desktop_app.core.loader import load_document
    from desktop_app.core.similarity import kept_share, signature

    doc_id = resolve(store, args.id)
    doc = load_document(args.path)  # a file that cannot be read is refused before anything changes
    entry = store.library_entry(doc_id)
    assert entry is not None
    store.relocate(doc_id, args.path)
    if doc.fingerprint != entry.fingerprint:
        old = store.signature(doc_id)
        share = round(kept_share(old, signature(doc.text)) * 100)
        print(f"desktop-app: {messages.message('library_not_same', share=share)}", file=sys.stderr)
    _print(messages.message("library_relocated", id=doc_id[:ID_SHOWN], path=args.path))
    return EXIT_OK


def _version(args: argparse.Namespace, store: NotesStore) -> int:
    from desktop_app.core.loader import load_document

    new_id, old_id = resolve(store, args.id), resolve(store, args.of)
    if new_id == old_id:
        raise _InputError(messages.message("library_same_document"))
    entry = store.library_entry(new_id)
    assert entry is not None
    if entry.missing:
        raise _InputError(messages.message("library_missing", path=entry.path))
    doc = load_document(entry.path)
    store.open_document(doc)  # its own notes re-anchored onto the file as it is now
    carried = store.carry_notes(old_id, doc, new_id)
    if args.json:
        _print_json(
            {
                "carried": carried.carried,
                "bookmarks": carried.bookmarks,
                "orphans": [a.to_dict() for a in carried.orphans],
            }
        )
        return EXIT_OK
    _print(messages.message("library_carried", count=carried.carried, orphans=len(carried.orphans)))
    for a in carried.orphans:
        _print(f"  {a.id[:ID_SHOWN]}  「{a.exact[:40]}」")
    return EXIT_OK


def cmd_library(args: argparse.Namespace) -> int:
    return _run(args, _library)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"library": cmd_library}
