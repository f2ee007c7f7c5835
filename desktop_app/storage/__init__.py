"""Highlights, notes and bookmarks in SQLite (``notes_store.NotesStore``); no Qt.

Nothing is imported here, so that importing the package costs nothing at start-up.
"""
