"""The self-test's library check: the bundled samples added to a library and searched together."""

from __future__ import annotations


def check_library(ctx: dict[str, object]) -> str:
    """Every sample format added to the library (read, registered, indexed), then one search
    across all of them finds the speech's words in each document that was added."""
    from desktop_app import paths
    from desktop_app.library.adding import add_files
    from desktop_app.library.searching import LibrarySearch
    from desktop_app.paths import resource
    from desktop_app.selftest import SAMPLE_FORMATS
    from desktop_app.storage.notes_store import NotesStore

    samples = [str(resource("samples", name)) for name in SAMPLE_FORMATS]
    cache = paths.cache_dir()
    with NotesStore() as store:
        summary = add_files(store, samples, cache_dir=cache)
        if summary.failed:
            raise AssertionError("; ".join(f"{p}: {why}" for p, why in summary.failed))
        entries = store.library()
    with LibrarySearch(entries, cache) as library:
        library.prepare()
        found = library.search("机关党建")
    if library.unavailable or len(found.groups) != len(entries):
        raise AssertionError(f"found in {len(found.groups)} of {len(entries)} documents")
    return f"{len(entries)} documents in the library, 机关党建 found in each ({found.total} hits)"
