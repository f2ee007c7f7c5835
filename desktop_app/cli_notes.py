"""``desktop-app notes ...`` and ``desktop-app bookmarks ...``: the notes store from the command line.

    desktop-app notes add [--doc FILE] --quote TEXT [--occurrence N] [--color C] [--style S]
                          [--note TEXT] [--tag T ...] [--json]
    desktop-app notes list [--doc FILE | --all] [--json]
    desktop-app notes delete ID
    desktop-app notes export --format {docx,docx-annotated,md,html,pdf,txt,csv,json} --out PATH
                             [--doc FILE] [--style gongwen] [--color C] [--tag T] [--section TITLE]
                             [--text WORDS] [--bookmarks]
    desktop-app notes import PATH [--doc FILE] [--dry-run]
    desktop-app bookmarks add [--doc FILE] --offset N [--title T] [--json]
    desktop-app bookmarks list [--doc FILE] [--json]
    desktop-app bookmarks delete ID

``--doc`` defaults to the bundled speech.  Listing a document re-anchors its notes
onto the file's current text and stores the result, so offsets always count
characters of FILE as ``desktop-app text FILE`` prints it.  An ID may be given by a
unique prefix.  Errors are one line on stderr: exit 3 for bad input (a quote that
does not occur, an unknown id), 1 when the store refuses a change.

``cli.py`` wires this in with :func:`add_subparsers` and :data:`HANDLERS`; run as
``python -m desktop_app.cli_notes`` it is also a command line of its own.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from desktop_app.console import print_line as _print

if TYPE_CHECKING:
    from desktop_app.core.document import Document
    from desktop_app.storage.notes_store import NotesStore

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 3


def message(key: str, **params: object) -> str:
    from desktop_app.storage.messages import message as storage_message

    return storage_message(key, **params)


class _InputError(Exception):
    """Bad input: printed as one line, exit 3."""


class _Failure(Exception):
    """The action failed (e.g. the export could not be written): one line, exit 1."""


def _color(name: str) -> str:
    from desktop_app.core.annotations import COLORS, color_key

    try:
        return color_key(name)
    except ValueError:
        names = ", ".join(f"{c.key}/{c.zh}" for c in COLORS)
        raise argparse.ArgumentTypeError(message("bad_color", name=name, names=names)) from None


def add_subparsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    add_global_options: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add ``notes`` and ``bookmarks`` (each with add/list/delete) to a parser's subcommands.

    ``add_global_options`` (``--data-dir``, ``--lang``) is added to every level; their
    defaults there are made SUPPRESS, because argparse copies a subparser's defaults
    over the values the main parser already read (``desktop-app --data-dir D notes list``
    would otherwise lose D).
    """

    from desktop_app.core.annotations import COLORS, STYLES  # here: importing this module is free

    def add_globals(p: argparse.ArgumentParser) -> None:
        add_global_options(p)
        for action in p._actions:
            if action.dest in ("data_dir", "lang"):
                action.default = argparse.SUPPRESS

    def doc_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--doc", metavar="FILE", help="the document (default: the bundled speech)")

    def json_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="print JSON")

    notes = sub.add_parser("notes", help="highlights and notes: add, list, delete, export, import")
    add_globals(notes)
    nsub = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    p = nsub.add_parser("add", help="highlight a passage, optionally with a note")
    doc_option(p)
    p.add_argument("--quote", required=True, help="the text to highlight, exactly as in the document")
    p.add_argument("--occurrence", type=int, default=1, metavar="N", help="its N-th occurrence (default 1)")
    p.add_argument(
        "--color",
        type=_color,
        default="yellow",
        metavar="NAME",
        help="colour: " + ", ".join(f"{c.key} ({c.zh})" for c in COLORS) + "; default yellow",
    )
    p.add_argument("--style", choices=STYLES, default="highlight")
    p.add_argument("--note", default="", help="the note text (may hold line breaks)")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeatable)")
    json_option(p)
    add_globals(p)

    p = nsub.add_parser("list", help="list a document's notes (re-anchored onto FILE's text)")
    doc_option(p)
    p.add_argument("--all", action="store_true", help="every document's notes, as last stored")
    json_option(p)
    add_globals(p)

    p = nsub.add_parser("delete", help="delete a note by its id (or a unique prefix of it)")
    p.add_argument("id")
    add_globals(p)

    from desktop_app.export import FORMATS
    from desktop_app.export import STYLES as LOOKS

    p = nsub.add_parser(
        "export", help="export a document's notes (Word, Markdown, HTML, PDF, text, CSV, JSON)"
    )
    doc_option(p)
    p.add_argument("--format", required=True, choices=list(FORMATS), help="the file format")
    p.add_argument("--out", required=True, metavar="PATH", help="the file to write (replaced atomically)")
    p.add_argument(
        "--style", choices=LOOKS, default="default", help="Word layout: default or gongwen (GB/T 9704)"
    )
    p.add_argument("--color", type=_color, action="append", metavar="C", help="only this colour (repeatable)")
    p.add_argument("--tag", action="append", metavar="T", help="only notes with this tag (repeatable)")
    p.add_argument(
        "--text", default="", metavar="WORDS", help="only notes whose note/quote/tags hold every word"
    )
    p.add_argument("--section", metavar="TITLE", help="only the notes in the section with this title")
    p.add_argument("--bookmarks", action="store_true", help="include bookmarks")
    add_globals(p)

    p = nsub.add_parser("import", help="import notes from a JSON file (W3C Web Annotation)")
    doc_option(p)
    p.add_argument("path", metavar="PATH")
    p.add_argument("--dry-run", action="store_true", help="only print what would change")
    p.add_argument(
        "--skip-bad", action="store_true", help="import the good entries of a file with malformed ones too"
    )
    add_globals(p)

    bms = sub.add_parser("bookmarks", help="bookmarks: add, list, delete")
    add_globals(bms)
    bsub = bms.add_subparsers(dest="bookmarks_command", metavar="ACTION", required=True)

    p = bsub.add_parser("add", help="bookmark a position")
    doc_option(p)
    p.add_argument("--offset", type=int, required=True, metavar="N", help="character offset in the text")
    p.add_argument("--title", default="")
    json_option(p)
    add_globals(p)

    p = bsub.add_parser("list", help="list a document's bookmarks")
    doc_option(p)
    json_option(p)
    add_globals(p)

    p = bsub.add_parser("delete", help="delete a bookmark by its id (or a unique prefix of it)")
    p.add_argument("id")
    add_globals(p)


# ----- helpers -----------------------------------------------------------------------------


def _print_json(value: Any) -> None:
    _print(json_text(value))


def json_text(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)``, the same characters, faster for
    10,000 notes (json's indenting encoder is pure Python, ~0.3 s): the JSON export's writer
    (export/jsontext.py); what it does not take (a NaN, a key not a string) goes to json.dumps."""
    from desktop_app.export import jsontext

    try:
        return jsontext.dumps(value)
    except TypeError:
        import json  # not at start-up: the window's command line never needs it

        return json.dumps(value, ensure_ascii=False, indent=1)


def _load(args: argparse.Namespace) -> Document:
    """The document the notes are on, parsed as the window parsed it: from the same cache of
    parsed documents when its file is unchanged (the speech: from its shipped record)."""
    from desktop_app import paths
    from desktop_app.core.doc_cache import default_cache, load_document_cached

    return load_document_cached(getattr(args, "doc", None) or paths.bundled_speech(), default_cache())


def _nth(text: str, quote: str, n: int) -> int:
    if not quote:
        raise _InputError(message("quote_absent", quote=quote))
    found: list[int] = []
    i = text.find(quote)
    while i != -1 and len(found) < n:
        found.append(i)
        i = text.find(quote, i + 1)
    if not found:
        raise _InputError(message("quote_absent", quote=_short(quote)))
    if n < 1 or len(found) < n:
        count = len(found) if n < 1 else text.count(quote)
        raise _InputError(message("occurrence_absent", count=count, n=n, quote=_short(quote)))
    return found[n - 1]


def _short(s: str, width: int = 40) -> str:
    s = s.replace("\n", "⏎")
    return s if len(s) <= width else s[: width - 1] + "…"


def _resolve_id(store: NotesStore, given: str, *, bookmarks: bool = False) -> str:
    hits = store.matching_ids(given, bookmarks=bookmarks) if given.strip() else []
    if not hits:
        raise _InputError(message("id_absent", id=given))
    if len(hits) > 1:
        raise _InputError(message("id_ambiguous", id=given))
    return hits[0]


def _annotation_line(d: dict[str, Any]) -> str:
    status = "" if d["status"] == "anchored" else f" [{d['status']}]"
    note = f"  — {_short(d['note'], 60)}" if d["note"] else ""
    tags = f"  #{' #'.join(d['tags'])}" if d["tags"] else ""
    return f"{d['id']}  {d['start']}-{d['end']}  {d['color']}{status}  「{_short(d['quote'])}」{note}{tags}"


# ----- commands ------------------------------------------------------------------------------


def _notes(args: argparse.Namespace, store: NotesStore) -> int:
    from desktop_app.core.annotations import new_annotation

    action = args.notes_command
    if action in ("export", "import"):
        return _export(args, store) if action == "export" else _import(args, store)
    from desktop_app.storage.editing import NotesEditor

    editor = NotesEditor(store)  # the window's way of changing notes (storage/editing.py)
    if action == "delete":
        ann = editor.delete(_resolve_id(store, args.id))
        _print(message("deleted", id=ann.id))
        return EXIT_OK
    if action == "list" and args.all:
        items = [a for d in store.documents() for a in store.annotation_dicts(d.id)]
    else:
        doc = _load(args)
        doc_id = store.open_document(doc)
        if action == "add":
            start = _nth(doc.text, args.quote, args.occurrence)
            ann = new_annotation(
                doc,
                start,
                start + len(args.quote),
                color=args.color,
                style=args.style,
                note=args.note,
                tags=args.tag,
                doc_id=doc_id,
            )
            ann = editor.add(ann)
            if args.json:
                _print_json(ann.to_dict())
            else:
                _print(ann.id)
            return EXIT_OK
        items = store.annotation_dicts(doc_id)
    if args.json:
        _print_json(items)
    else:
        for d in items:
            _print(_annotation_line(d))
        if not items:
            _print(message("none"))
    return EXIT_OK


def _export(args: argparse.Namespace, store: NotesStore) -> int:
    from pathlib import Path

    from desktop_app.export import ExportError, ExportOptions, export_notes, section_range

    doc = _load(args)
    doc_id = store.open_document(doc)
    options = ExportOptions(
        format=args.format,
        style=args.style,
        colors=set(args.color) if args.color else None,
        tags=set(args.tag) if args.tag else None,
        text=args.text,
        include_bookmarks=args.bookmarks,
    )
    try:
        if args.section:
            options.section_start, options.section_end = section_range(doc, args.section)
        out = export_notes(doc, store.annotations(doc_id), store.bookmarks(doc_id), options, Path(args.out))
    except ExportError as exc:
        raise _InputError(str(exc)) if exc.key == "unknown_section" else _Failure(str(exc)) from exc
    _print(str(out))
    return EXIT_OK


def _import(args: argparse.Namespace, store: NotesStore) -> int:
    from pathlib import Path

    from desktop_app.export import ExportError, apply_import, plan_import
    from desktop_app.export.messages import message as export_message

    doc = _load(args)
    try:
        plan = plan_import(store, doc, Path(args.path), allow_skips=args.skip_bad)
    except ExportError as exc:
        raise _InputError(str(exc)) from exc
    for kind, items in (("+", plan.added), ("~", plan.updated)):
        for a in items:
            status = "" if a.status == "anchored" else f" [{a.status}]"
            _print(f"{kind} {a.id}  {a.start}-{a.end}{status}  「{_short(a.exact)}」")
    for b in [*plan.bookmarks_added, *plan.bookmarks_updated]:
        _print(
            f"{'+' if b in plan.bookmarks_added else '~'} {b.id}  {b.offset}  "
            f"{b.title or _short(b.exact, 24)}"
        )
    for sk in plan.skipped:
        _print(f"- {sk.label}: {sk.reason}")
    if args.dry_run:
        _print(plan.summary())
        return EXIT_OK
    apply_import(store, plan)
    _print(export_message("imported", summary=plan.summary()))
    return EXIT_OK


def _bookmarks(args: argparse.Namespace, store: NotesStore) -> int:
    from desktop_app.core.annotations import new_bookmark
    from desktop_app.storage.editing import NotesEditor

    editor = NotesEditor(store)
    action = args.bookmarks_command
    if action == "delete":
        bm = editor.delete_bookmark(_resolve_id(store, args.id, bookmarks=True))
        _print(message("deleted", id=bm.id))
        return EXIT_OK
    doc = _load(args)
    doc_id = store.open_document(doc)
    if action == "add":
        if not 0 <= args.offset < max(1, len(doc.text)):
            raise _InputError(message("bad_offset", offset=args.offset, length=len(doc.text)))
        bm = editor.add_bookmark(new_bookmark(doc, args.offset, title=args.title, doc_id=doc_id))
        if args.json:
            _print_json(bm.to_dict())
        else:
            _print(bm.id)
        return EXIT_OK
    items = [b.to_dict() for b in store.bookmarks(doc_id)]
    if args.json:
        _print_json(items)
    else:
        for d in items:
            status = "" if d["status"] == "anchored" else f" [{d['status']}]"
            title = d["title"] or _short(d["quote"], 24)
            _print(f"{d['id']}  {d['offset']}{status}  {title}  {d['section']}")
        if not items:
            _print(message("no_bookmarks"))
    return EXIT_OK


_TEXT_OPTIONS = ("quote", "note", "tag", "title", "text", "section")


def _garbled_option(args: argparse.Namespace) -> str | None:
    """The first text option holding characters that are not text, e.g. ``--note``.

    An argument that is not valid UTF-8 (typed in a GBK terminal, or bytes from a script)
    reaches Python with surrogate escapes, which nothing can store.  File names (``--doc``,
    ``--out``, PATH) are not checked: such a name is a real file's, and is kept as it is.
    """
    from desktop_app.storage.rows import storable

    for name in _TEXT_OPTIONS:
        value = getattr(args, name, None)
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str) and not storable(v):
                return f"--{name}"
    return None


def _run(args: argparse.Namespace, body: Callable[[argparse.Namespace, NotesStore], int]) -> int:
    from desktop_app.storage.notes_store import NotesStore, StorageError

    garbled = _garbled_option(args)
    if garbled:
        return _fail(message("bad_argument", option=garbled), EXIT_BAD_INPUT)
    try:
        store = NotesStore()
    except StorageError as exc:
        return _fail(str(exc), EXIT_FAILURE)
    try:
        for notice in store.notices:
            print(f"desktop-app: {notice}", file=sys.stderr)
        return body(args, store)
    except _InputError as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    except _Failure as exc:
        return _fail(str(exc), EXIT_FAILURE)
    except StorageError as exc:
        return _fail(str(exc), EXIT_BAD_INPUT if exc.key == "not_found" else EXIT_FAILURE)
    finally:
        store.close()


def _fail(msg: str, code: int) -> int:
    print(f"desktop-app: {msg}", file=sys.stderr)
    return code


def cmd_notes(args: argparse.Namespace) -> int:
    return _run(args, _notes)


def cmd_bookmarks(args: argparse.Namespace) -> int:
    return _run(args, _bookmarks)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "notes": cmd_notes,
    "bookmarks": cmd_bookmarks,
}


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m desktop_app.cli_notes notes|bookmarks ...`` (the same as ``desktop-app``'s)."""
    from desktop_app.console import prepare_streams

    prepare_streams()

    def add_global_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="the user data folder")
        p.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS)

    parser = argparse.ArgumentParser(prog="desktop-app")
    add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    add_subparsers(sub, add_global_options)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    from desktop_app import paths
    from desktop_app.core import messages
    from desktop_app.core.loader import DocumentError

    if getattr(args, "data_dir", None):
        paths.set_data_dir(args.data_dir)
    messages.set_language(getattr(args, "lang", None) or os.environ.get("YANDU_LANG", "zh"))
    try:
        return HANDLERS[args.command](args)
    except DocumentError as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
