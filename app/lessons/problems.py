"""Problems found in data files, with file and line, and the helpers that find those lines.

``tomllib`` gives no line numbers once a file is parsed, so these helpers look the position up in the
text: the N-th ``[[steps]]`` (or ``[[questions]]``) table header, or the line where a key is written
inside a range of lines. The quiz checker uses them too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a file. ``line`` is 1-based; 0 means the whole file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]")
_ANY_HEADER = re.compile(r"^\s*\[")


def table_lines(text: str, table: str) -> list[int]:
    """1-based lines of every ``[[table]]`` header, in order."""
    out = []
    for no, raw in enumerate(text.splitlines(), start=1):
        m = _HEADER.match(raw)
        if m and m.group(1).replace(" ", "") == table:
            out.append(no)
    return out


def table_line(text: str, table: str, index: int) -> int:
    """Line of the ``index``-th (0-based) ``[[table]]`` header; 0 if there are fewer."""
    lines = table_lines(text, table)
    return lines[index] if 0 <= index < len(lines) else 0


def table_end(text: str, start: int) -> int:
    """The last line belonging to the table whose header is on line ``start``."""
    lines = text.splitlines()
    in_string = False
    for no in range(start + 1, len(lines) + 1):
        raw = lines[no - 1]
        if raw.count('"""') % 2 or raw.count("'''") % 2:
            in_string = not in_string
        if not in_string and _HEADER.match(raw):
            return no - 1
    return len(lines)


def key_line(text: str, key: str, start: int = 1, end: int | None = None) -> int:
    """First line in ``start..end`` (1-based, inclusive) that assigns ``key`` (``key =`` or ``key.x =``).

    ``start`` is usually a table header line; returns ``start`` when the key is not written there
    (so the problem still points at the right table), or 0 for the top level when start is 1 and the
    key is absent.
    """
    lines = text.splitlines()
    end = len(lines) if end is None else min(end, len(lines))
    pattern = re.compile(r"^\s*" + re.escape(key) + r"\s*(=|\.)")
    in_string = False
    for no in range(max(start, 1), end + 1):
        raw = lines[no - 1]
        if not in_string and pattern.match(raw):
            return no
        if raw.count('"""') % 2 or raw.count("'''") % 2:
            in_string = not in_string
    return start if start > 1 else 0


def item_line(text: str, table: str, index: int, key: str | None = None) -> int:
    """Line of ``key`` inside the ``index``-th ``[[table]]`` (or of its header without ``key``)."""
    start = table_line(text, table, index)
    if not start or key is None:
        return start
    return key_line(text, key, start, table_end(text, start))


def top_key_line(text: str, key: str) -> int:
    """Line of a top-level key (before the first table header)."""
    lines = text.splitlines()
    end = len(lines)
    for no, raw in enumerate(lines, start=1):
        if _ANY_HEADER.match(raw) and not raw.lstrip().startswith("[ ") and "=" not in raw.split("]")[0]:
            end = no - 1
            break
    found = key_line(text, key, 1, end)
    return found if found else 0


def decode_error_line(message: str) -> int:
    """The line number inside a ``tomllib.TOMLDecodeError`` message ('... (at line 12, column 3)')."""
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else 0
