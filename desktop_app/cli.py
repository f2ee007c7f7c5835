"""The command line: ``desktop-app [FILE]`` opens the window; subcommands script the core.

    desktop-app [FILE] [--quit-after-load]     the reading window
    desktop-app text FILE                      the plain text every offset counts
    desktop-app toc FILE [--json]              the section tree
    desktop-app search QUERY [--doc FILE] [--limit N] [--json]
                                               every occurrence, ranked, with its offsets and context
                                               (without --doc: every document of the library)
    desktop-app library list|add|remove|relocate|version   the library (cli_library)
    desktop-app terms FILE [--json]            its key formulations (提法) and key terms, with counts
    desktop-app compare OLD NEW [--json]       what changed between two versions (sentences, characters)
    desktop-app usage TERM [--json] [--out F]  a formulation across the library: where, how often, when
    desktop-app selftest                       check every capability, no window

Errors are one line on stderr in plain words and a non-zero exit (EXIT_* below), never a
traceback; an internal error's traceback goes to the error log, or to stderr in full when the
log cannot be written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from desktop_app import APP_ID, APP_NAME, __version__, gcpolicy, trace
from desktop_app.console import print_line as _print
from desktop_app.core import messages

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_INTERNAL = 70


def _add_global_options(p: argparse.ArgumentParser) -> None:
    # SUPPRESS: a value given before the command must survive the subcommand's own copy
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep all user data (settings, notes, caches) in DIR (env YANDU_DATA_DIR)",
    )
    p.add_argument(
        "--lang",
        choices=["zh", "en"],
        default=argparse.SUPPRESS,
        help="language of messages and of the window",
    )


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktop-app",
        description=f"{APP_NAME} (Yandu): read, search and annotate long Chinese documents offline.",
        epilog="commands: text, toc, search, terms, library, notes, bookmarks, selftest. "
        "Run 'desktop-app COMMAND --help' for one.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_ID} {__version__}")
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("text", help="print the document's plain text exactly as all offsets count it")
    p.add_argument("file")
    _add_global_options(p)

    p = sub.add_parser("toc", help="print the section tree")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="a JSON list of {level, title, start}")
    _add_global_options(p)

    p = sub.add_parser(
        "search",
        help="find a word or phrase: every occurrence with its offsets, section and context",
        description=(
            "Search the document (normalised: full-width = half-width, case, spaces inside Chinese). "
            'Plain text finds every occurrence; a b = both in one paragraph; "a b" = the phrase; '
            "a OR b = either; -a = leave out paragraphs holding a (write 'search -- -a ...' "
            "when the query starts with -)."
        ),
    )
    p.add_argument("query")
    p.add_argument(
        "--doc",
        metavar="FILE",
        help="the document to search (default: every document of the library; the bundled speech "
        "when the library is empty)",
    )
    p.add_argument(
        "--limit", type=int, default=20, metavar="N", help="print at most N hits (0 = all; default 20)"
    )
    p.add_argument(
        "--order",
        choices=["rank", "document"],
        help="best first, or left to right (default: left to right for plain text, else best first)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="a JSON list of {start, end, section, snippet, score} (the library: with doc_id, title, path)",
    )
    _add_global_options(p)

    from desktop_app import cli_library, cli_notes

    cli_notes.add_subparsers(sub, _add_global_options)
    cli_library.add_subparsers(sub, _add_global_options)
    p = sub.add_parser(
        "terms",
        help="the document's key formulations (提法: quoted, numbered) and key terms, with counts",
    )
    p.add_argument("file")
    p.add_argument(
        "--key", type=int, default=20, metavar="N", help="how many key terms (default 20; 0: none)"
    )
    p.add_argument("--json", action="store_true", help="a JSON list of {term, kind, count, offsets}")
    _add_global_options(p)

    p = sub.add_parser(
        "compare", help="what changed from OLD to NEW: sentences added, removed, reworded, moved"
    )
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--json", action="store_true", help="{summary, changes: [{kind, old, new, parts}]}")
    p.add_argument("--out", metavar="PATH", help="also write it as Word (.docx) or HTML (.html)")
    _add_global_options(p)

    p = sub.add_parser("usage", help="a formulation across the library: which documents, how often, by date")
    p.add_argument("term")
    p.add_argument(
        "--json", action="store_true", help="a JSON list of {doc_id, title, date, count, sentences}"
    )
    p.add_argument("--out", metavar="PATH", help="also write the table as Word (.docx) or CSV (.csv)")
    _add_global_options(p)

    p = sub.add_parser("selftest", help="check every capability in a temporary data folder, no window")
    _add_global_options(p)
    return parser


def _build_window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktop-app",
        description=f"{APP_NAME} (Yandu): open FILE (or the bundled speech) in the reading window.",
        epilog="commands: text FILE, toc FILE [--json], search QUERY, selftest. "
        "Run 'desktop-app COMMAND --help'.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_ID} {__version__}")
    parser.add_argument(
        "file",
        nargs="?",
        help="a document to open: .txt, .docx, .pdf, .ofd, .html, .md ... (default: the last one)",
    )
    parser.add_argument(
        "--quit-after-load",
        action="store_true",
        help="show the window, wait until the document and its tree are painted, then quit (status 0)",
    )
    _add_global_options(parser)
    return parser


# notes, bookmarks: cli_notes.HANDLERS; library: cli_library.HANDLERS
_COMMANDS = {
    "text",
    "toc",
    "search",
    "terms",
    "compare",
    "usage",
    "selftest",
    "notes",
    "bookmarks",
    "library",
}
_WINDOW_FLAGS = {"--quit-after-load"}
_WINDOW_OPTIONS = {"--data-dir": "data_dir", "--lang": "lang"}


def _window_args_quickly(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's usual command lines (``[FILE] [--quit-after-load] [--data-dir DIR] [--lang L]``),
    read without building argparse's parser: its help texts go through gettext, which imports
    locale, a few ms of every start.  None for anything else (--help, errors, ...): argparse reads it.
    """
    args = argparse.Namespace(file=None, quit_after_load=False)
    items = list(argv)
    while items:
        item = items.pop(0)
        name, eq, value = item.partition("=")
        if item in _WINDOW_FLAGS:
            args.quit_after_load = True
        elif name in _WINDOW_OPTIONS and (eq or (items and not items[0].startswith("-"))):
            value = value if eq else items.pop(0)
            if name == "--lang" and value not in ("zh", "en"):
                return None
            setattr(args, _WINDOW_OPTIONS[name], value)
        elif item.startswith("-") or args.file is not None:
            return None
        else:
            args.file = item
    return args


def _fail(msg: str, code: int = EXIT_BAD_INPUT) -> int:
    print(f"desktop-app: {msg}", file=sys.stderr)
    return code


def _apply_globals(args: argparse.Namespace) -> None:
    from desktop_app import paths

    if getattr(args, "data_dir", None):
        paths.set_data_dir(args.data_dir)
    lang = getattr(args, "lang", None) or os.environ.get("YANDU_LANG", "zh")
    messages.set_language(lang)


def _say_notices(doc: object) -> None:
    """What the reader of the file's format wants the user to know, on stderr."""
    for notice in getattr(doc, "notices", ()):
        print(f"desktop-app: {notice}", file=sys.stderr)


def cmd_text(args: argparse.Namespace) -> int:
    from desktop_app.console import unshowable
    from desktop_app.core.loader import load_document

    doc = load_document(args.file)
    _say_notices(doc)
    out = sys.stdout
    out.reconfigure(newline="\n")  # "\n" as the offsets count it, also on Windows
    # In the console's code page (GBK when piped on a Chinese Windows): what it cannot hold is
    # one "?" per character, so the offsets still count, and the user is told.
    lost = unshowable(doc.text, out.encoding)
    out.write(doc.text)
    out.write("\n")
    if lost:
        out.flush()
        print(
            f"desktop-app: {messages.message('console_lost', encoding=out.encoding, count=lost)}",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_toc(args: argparse.Namespace) -> int:
    from desktop_app.core.loader import load_document

    doc = load_document(args.file)
    _say_notices(doc)
    if args.json:
        import json

        items = [{"level": s.level, "title": s.title, "start": s.start, "end": s.end} for s in doc.sections]
        _print(json.dumps(items, ensure_ascii=False, indent=1))
    else:
        for s in doc.sections:
            _print("  " * (s.level - 1) + s.title)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from desktop_app import paths
    from desktop_app.core.loader import load_document
    from desktop_app.search import SearchIndex, parse_query

    if args.limit < 0:
        return _fail("--limit: 0 or more (0 = all)", EXIT_USAGE)
    if not args.doc:
        from desktop_app.cli_search import search_library

        done = search_library(args)
        if done is not None:
            return done
        print(f"desktop-app: {messages.message('library_empty')}", file=sys.stderr)
    doc = load_document(args.doc or paths.bundled_speech())
    order = args.order or ("document" if parse_query(args.query).plain else "rank")
    cache = paths.cache_dir()
    with SearchIndex.open(doc, cache_dir=cache) as index:  # without a usable cache: a scan, same hits
        result = index.search(args.query, limit=args.limit or None, order=order)
        problem = index.problem
    if problem:
        why = paths.folder_problem(cache, "cache") or messages.message("index_not_saved", reason=problem)
        print(f"desktop-app: {why}", file=sys.stderr)
    if result.notice:
        print(f"desktop-app: {result.notice}", file=sys.stderr)
    if args.json:
        import json

        items = [
            {"start": h.start, "end": h.end, "section": h.section, "snippet": h.snippet, "score": h.score}
            for h in result.hits
        ]
        _print(json.dumps(items, ensure_ascii=False, indent=1))
    else:
        for h in result.hits:
            marked = f"{h.snippet[: h.snippet_start]}【{h.snippet[h.snippet_start : h.snippet_end]}】"
            marked += h.snippet[h.snippet_end :]
            _print(f"{h.start}-{h.end}  {h.section or '-'}  {marked}")
        print(f"desktop-app: {len(result.hits)} / {result.total}", file=sys.stderr)
    return EXIT_OK


def cmd_terms(args: argparse.Namespace) -> int:
    from desktop_app.core.loader import load_document
    from desktop_app.study.terms import document_terms

    if args.key < 0:
        return _fail("--key: 0 or more", EXIT_USAGE)
    doc = load_document(args.file)
    _say_notices(doc)
    found = document_terms(doc.text, key=args.key)
    if args.json:
        from desktop_app.cli_notes import json_text

        _print(json_text([t.as_json() for t in found]))
    else:
        for t in found:
            _print(f"{t.count:5d}  {messages.message('term_' + t.kind)}  {t.term}")
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from desktop_app.core.loader import load_document
    from desktop_app.search.keyterms import segment
    from desktop_app.study.compare import compare_documents

    old, new = load_document(args.old), load_document(args.new)
    _say_notices(old)
    _say_notices(new)
    result = compare_documents(old, new, segment)
    if args.out:
        from pathlib import Path

        from desktop_app.export import ExportError
        from desktop_app.study.compare_export import write_comparison

        try:
            write_comparison(result, old.title, new.title, Path(args.out))
        except ExportError as exc:
            return _fail(str(exc), EXIT_FAILURE)
    if args.json:
        from desktop_app.cli_notes import json_text

        _print(json_text({"summary": result.summary(), "changes": [c.as_json() for c in result.changes]}))
        return EXIT_OK
    m = messages.message
    for c in result.changes:
        if c.kind == "changed":
            shown = "".join(
                o if op == "equal" else (f"【-{o}】" if o else "") + (f"【+{n}】" if n else "")
                for op, o, n in c.parts
            )
        else:
            side = c.new if c.kind == "added" else c.old
            shown = side.text if side is not None else ""
        _print(f"{m('compare_' + c.kind)}  {shown}")
    for line in result.summary_lines():
        print(f"desktop-app: {line}", file=sys.stderr)
    return EXIT_OK


def cmd_usage(args: argparse.Namespace) -> int:
    from desktop_app import paths
    from desktop_app.core.doc_cache import default_cache
    from desktop_app.storage.notes_store import DB_NAME, NotesStore, StorageError
    from desktop_app.study.across import usage_across

    db = paths.data_dir_path() / DB_NAME
    entries = []
    if db.is_file():  # (a fresh install has no library yet: nothing uses the term)
        try:
            with NotesStore(db, read_only=True) as store:
                entries = store.library()
        except StorageError as exc:
            return _fail(str(exc), EXIT_FAILURE)
    usages, unreadable = usage_across(entries, args.term.strip(), default_cache())
    for e in unreadable:
        print(f"desktop-app: {messages.message('library_missing', path=e.path)}", file=sys.stderr)
    if args.out:
        from pathlib import Path

        from desktop_app.export import ExportError
        from desktop_app.study.across import write_usage

        try:
            write_usage(usages, args.term.strip(), Path(args.out))
        except ExportError as exc:
            return _fail(str(exc), EXIT_FAILURE)
    if args.json:
        from desktop_app.cli_notes import json_text

        items = [
            {"doc_id": u.entry.id, "title": u.entry.title, "date": u.entry.date, "count": u.count,
             "offsets": u.offsets, "sentences": u.sentences}
            for u in usages
        ]  # fmt: skip
        _print(json_text(items))
        return EXIT_OK
    if not usages:
        print(f"desktop-app: {messages.message('usage_none', term=args.term)}", file=sys.stderr)
        return EXIT_OK
    for u in usages:
        _print(f"{u.entry.date or '----------'}  {u.count:4d}  {u.entry.title}")
        for s in u.sentences:
            _print(f"    {s}")
    first = usages[0].entry
    print(
        f"desktop-app: {messages.message('usage_first', title=first.title, date=first.date or '?')}",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_selftest(args: argparse.Namespace) -> int:
    from desktop_app.selftest import run_selftest

    return run_selftest(_print)


def cmd_window(args: argparse.Namespace) -> int:
    trace.mark("command line parsed")
    # No cyclic garbage collection until the window is painted (gcpolicy); finish_start resumes it.
    gcpolicy.pause()
    from desktop_app.ui.app import run_app

    return run_app(file=args.file, quit_after_load=args.quit_after_load, language=getattr(args, "lang", None))


def _handlers() -> dict[str, Callable[[argparse.Namespace], int]]:
    from desktop_app import cli_library, cli_notes

    own = {
        "text": cmd_text,
        "toc": cmd_toc,
        "search": cmd_search,
        "terms": cmd_terms,
        "compare": cmd_compare,
        "usage": cmd_usage,
        "selftest": cmd_selftest,
    }
    return {**own, **cli_notes.HANDLERS, **cli_library.HANDLERS}


def _first_positional(argv: Sequence[str]) -> str | None:
    skip_next = False
    for a in argv:
        if skip_next:
            skip_next = False
            continue
        if a in ("--data-dir", "--lang"):
            skip_next = True
            continue
        if not a.startswith("-"):
            return a
    return None


def main(argv: Sequence[str] | None = None) -> int:
    from desktop_app.console import prepare_streams

    prepare_streams()  # a GBK (or cp1252) console: "?" for what it cannot show, never a crash
    argv = list(sys.argv[1:] if argv is None else argv)
    is_command = _first_positional(argv) in _COMMANDS
    args = None if is_command else _window_args_quickly(argv)
    if args is None:
        parser = _build_parser() if is_command else _build_window_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version, usage errors
            return int(exc.code or 0)
    _apply_globals(args)
    handler = _handlers()[args.command] if is_command else cmd_window
    from desktop_app.core.loader import DocumentError
    from desktop_app.paths import FolderError

    try:
        return handler(args)
    except DocumentError as exc:
        return _fail(str(exc))
    except FolderError as exc:  # the data folder is a file, cannot be made ...
        return _fail(str(exc), EXIT_FAILURE)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `desktop-app text FILE | head`
        return EXIT_OK
    except Exception as exc:
        from desktop_app.crashlog import write_crash_log

        where = write_crash_log(exc)  # if the log cannot be written: the traceback on stderr, in full
        error = str(exc) or type(exc).__name__  # MemoryError() says nothing by itself
        return _fail(messages.message("internal_error", error=error, where=str(where)), EXIT_INTERNAL)
