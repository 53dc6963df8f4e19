"""What goes wrong opening an index: it was built for something else, or one of its files was damaged."""

from __future__ import annotations


class IndexMismatch(RuntimeError):
    """The index on disk was built from another corpus, model or settings."""


class DamagedIndex(IndexMismatch):
    """A file of the index folder is missing, unreadable, or differs from its size and checksum in the manifest."""
