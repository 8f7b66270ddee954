"""Exceptions whose messages tell the operator what to do."""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class: the message is one line, shown to the user as is."""


class IndexMismatchError(NewsdeskError):
    """The index on disk was built differently (model, dimension, format) from what this run uses."""


class IndexMissingError(NewsdeskError):
    """There is no index where one is expected."""


class IndexBusyError(NewsdeskError):
    """Another process is writing the index."""
