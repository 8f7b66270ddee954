"""Errors the fronts show as one line (re-exported from the index stage, plus the question's own)."""

from index.errors import IndexBusyError, IndexMismatchError, IndexMissingError, NewsdeskError

__all__ = ["EmptyQuestionError", "IndexBusyError", "IndexMismatchError", "IndexMissingError", "NewsdeskError"]


class EmptyQuestionError(NewsdeskError):
    """The question has no words to search for."""
