"""Yandu (研读): read and annotate long Chinese documents offline."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "研读"
APP_NAME_EN = "Yandu"
APP_ID = "yandu"  # folder names, settings keys, executable name
