"""The library across documents: adding files and folders, searching every document.

No Qt (like core, search, storage and export): the window runs these on a worker thread
and the command line calls them directly.  The documents themselves are rows of the notes
database (:mod:`desktop_app.storage.library`); each document's search index is its own,
reused from the cache folder (:mod:`desktop_app.search`).
"""
