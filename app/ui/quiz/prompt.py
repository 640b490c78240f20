"""How a question's prompt is shown: its first line as the question, any further lines (a cluster
summary, a Dockerfile, console lines) as a preformatted block, and a closing question line bold again."""
from __future__ import annotations

import html


def prompt_html(text: str, block_px: int | None = None) -> str:
    """Rich text for a prompt; ``block_px`` sizes the preformatted block (the presenter makes it smaller)."""
    esc = lambda t: html.escape(t, quote=False)  # noqa: E731
    lines = text.strip().split("\n")
    if len(lines) == 1:
        return f"<b>{esc(lines[0])}</b>"
    head, rest = lines[0], lines[1:]
    tail = ""
    if len(rest) > 1 and rest[-1].rstrip().endswith(("?", "？")):
        tail = rest.pop()
    block = "\n".join(rest).strip("\n")
    out = f"<b>{esc(head)}</b>"
    if block:
        # pre-wrap keeps the lines and indentation yet wraps long ones (a wide block would widen the window)
        size = f" font-size:{block_px}px;" if block_px else ""
        out += f"<p style='white-space:pre-wrap; font-family:monospace;{size}'>{esc(block)}</p>"
    if tail:
        out += f"<b>{esc(tail)}</b>"
    return out
