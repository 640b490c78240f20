"""Output formatting as the Docker CLI does it (go-units sizes and durations, padded tables)."""
from __future__ import annotations

from typing import Iterable, Sequence

_DECIMAL = ("B", "kB", "MB", "GB", "TB", "PB")


def _go_g(value: float, precision: int) -> str:
    """Go's ``%.<p>g`` (same as Python's for finite floats)."""
    return f"{value:.{precision}g}"


def human_size(size: float, precision: int = 3) -> str:
    """go-units HumanSizeWithPrecision: 187MB, 7.8MB, 1.02GB, 0B (decimal units)."""
    i = 0
    while size >= 1000 and i < len(_DECIMAL) - 1:
        size /= 1000.0
        i += 1
    return f"{_go_g(size, precision)}{_DECIMAL[i]}"


def build_size(size: float) -> str:
    """BuildKit's progress sizes: ``1.23kB``, ``2B``."""
    i = 0
    while size >= 1000 and i < len(_DECIMAL) - 1:
        size /= 1000.0
        i += 1
    return f"{int(size)}B" if i == 0 else f"{size:.2f}{_DECIMAL[i]}"


def human_duration(seconds: float) -> str:
    """go-units HumanDuration: 'Less than a second', '5 seconds', 'About a minute', '3 hours'."""
    s = int(seconds)
    if s < 1:
        return "Less than a second"
    if s == 1:
        return "1 second"
    if s < 60:
        return f"{s} seconds"
    minutes = int(seconds / 60)
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = int(round(seconds / 3600))
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return f"{hours} hours"
    if hours < 24 * 7 * 2:
        return f"{hours // 24} days"
    if hours < 24 * 30 * 2:
        return f"{hours // 24 // 7} weeks"
    if hours < 24 * 365 * 2:
        return f"{hours // 24 // 30} months"
    return f"{hours // 24 // 365} years"


def ago(now: float, then: float) -> str:
    return f"{human_duration(max(0.0, now - then))} ago"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Docker's tabwriter layout: columns padded to the widest cell plus three spaces."""
    rows = [list(map(str, r)) for r in rows]
    widths = [len(h) for h in headers]
    for r in rows:
        for i, cell in enumerate(r):
            widths[i] = max(widths[i], len(cell))
    lines = []
    for r in [list(headers), *rows]:
        cells = [c.ljust(widths[i]) if i < len(r) - 1 else c for i, c in enumerate(r)]
        lines.append("   ".join(cells).rstrip())
    return "\n".join(lines)


def truncate(text: str, width: int) -> str:
    """``docker ps`` / ``docker history`` truncation with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def quote_command(argv: Sequence[str]) -> str:
    """COMMAND column of docker ps: the command joined by spaces, in double quotes."""
    return '"' + " ".join(argv) + '"'
