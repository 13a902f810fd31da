"""The library's error types.

Every failure that a user can cause (bad input, bad data, a missing file) is raised as a
subclass of :class:`NptGlossError`; the CLI turns each into one line on stderr and exit 2.
Anything else escaping is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class NptGlossError(Exception):
    """Base class: a message, optionally tied to a place in a file, and a hint how to fix it."""

    message: str
    path: Path | str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        place = ""
        if self.path is not None:
            place = str(self.path)
            if self.line is not None:
                place += f":{self.line}"
                if self.column is not None:
                    place += f":{self.column}"
            place += ": "
        text = place + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class DataError(NptGlossError):
    """A data file (glossary, document, cache input) is missing, unreadable or malformed."""


class UsageError(NptGlossError):
    """The user asked for something that cannot be: an unknown paragraph, style, document…"""


class BadReference(UsageError):
    """A paragraph reference could not be read or points outside the document."""
