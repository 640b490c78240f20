"""Errors the console turns into messages. Nothing here should ever reach the user as a traceback."""
from __future__ import annotations


class SimError(Exception):
    """A user-facing error: the message is printed as is, in the style of the real CLI."""


class CommandError(SimError):
    """Bad command line: unknown command, bad flag, missing argument."""


class InputError(SimError):
    """A file the user gave (Dockerfile, manifest) is broken; message names file and line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
