"""Reading a file for the window: the document cache, and the longest text the window opens.

No Qt: called on the UI thread for a small file and on a worker for a large one.
"""

from __future__ import annotations

from desktop_app.core.doc_cache import default_cache as documents_cache
from desktop_app.core.doc_cache import load_document_cached
from desktop_app.core.document import Document
from desktop_app.core.loader import DocumentError

# The longest text the window opens: 20 million characters (a 57 MB text of Chinese).  Measured
# at 17.5 million (README "At scale"): shown in 7.5 s, laid out and indexed in 106 s, 0.8 GB.
# Longer ones are refused with a message (the command line takes them, up to the loader's 200 MB).
MAX_WINDOW_CHARS = 20_000_000


def load_for_window(path: str, *, characters: bool = False) -> Document:
    """The document at ``path`` for the window: refused (DocumentError) beyond MAX_WINDOW_CHARS.
    ``characters``: gather the text's characters too (``Document.characters()``: the window
    chooses its fonts for them when the system has a Chinese font of its own), on this thread."""
    doc = load_document_cached(path, documents_cache())
    if characters:
        doc.characters()
    if len(doc.text) > MAX_WINDOW_CHARS:
        raise DocumentError(
            "too_long_for_window",
            path,
            chars=f"{len(doc.text) // 10_000:,}",
            limit=f"{MAX_WINDOW_CHARS // 10_000:,}",
        )
    return doc
