"""``desktop-app search QUERY`` without ``--doc``: every document of the library.

Hits are printed grouped by document (best document first), each line with the
document's short id; ``--json`` gives one list of hits, each with ``doc_id``, ``title``
and ``path`` beside the fields of a one-document search.  ``--limit`` counts hits in all.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.console import print_line as _print

EXIT_OK = 0
EXIT_FAILURE = 1


def search_library(args: argparse.Namespace) -> int | None:
    """Search the library; None when it holds no document (the caller searches the speech)."""
    from desktop_app import paths
    from desktop_app.core import messages
    from desktop_app.library.searching import LibrarySearch
    from desktop_app.storage.notes_store import DB_NAME, NotesStore, StorageError

    db = paths.data_dir_path() / DB_NAME
    if not db.is_file():
        return None
    try:
        with NotesStore(db, read_only=True) as store:
            entries = store.library()
    except StorageError as exc:
        print(f"desktop-app: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if not entries:
        return None
    try:
        cache = paths.cache_dir()
    except OSError:
        cache = None
    with LibrarySearch(entries, cache) as library:
        library.prepare()
        result = library.search(args.query, per_document=args.limit or 0)
    for entry, why in result.unavailable:
        print(f"desktop-app: {entry.title or entry.path}: {why}", file=sys.stderr)
    if result.notice:
        print(f"desktop-app: {result.notice}", file=sys.stderr)
    items = []
    for group in result.groups:
        e = group.entry
        for h in group.result.hits:
            items.append((e, h))
    if args.limit:
        items = items[: args.limit]
    if args.json:
        from desktop_app.cli_notes import json_text

        _print(
            json_text(
                [
                    {
                        "doc_id": e.id,
                        "title": e.title,
                        "path": e.path,
                        "start": h.start,
                        "end": h.end,
                        "section": h.section,
                        "snippet": h.snippet,
                        "score": h.score,
                    }
                    for e, h in items
                ]
            )
        )
    else:
        shown = None
        for e, h in items:
            if e is not shown:
                _print(f"== {e.id[:8]}  {e.title or e.path}")
                shown = e
            marked = f"{h.snippet[: h.snippet_start]}【{h.snippet[h.snippet_start : h.snippet_end]}】"
            _print(f"{h.start}-{h.end}  {h.section or '-'}  {marked}{h.snippet[h.snippet_end :]}")
        said = messages.message("library_hits", shown=len(items), total=result.total, docs=len(result.groups))
        print(f"desktop-app: {said}", file=sys.stderr)
    return EXIT_OK
