"""How a question's prompt is shown: its first line as the question, any further lines (a cluster
summary, a Dockerfile, console lines) as a preformatted block, and a closing question line bold again."""
from __future__ import annotations

import html
import re

_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")


def md(text: str) -> str:
    """Plain text to rich text with the lesson files' inline Markdown: `code` and **bold** (nothing else)."""
    out = html.escape(text, quote=False)
    out = _CODE.sub(r"<code>\1</code>", out)
    return _BOLD.sub(r"<b>\1</b>", out).replace("\n", "<br>")


def plain(text: str) -> str:
    """The same text for places that show plain text only (lists, combo boxes): markers dropped."""
    return _BOLD.sub(r"\1", _CODE.sub(r"\1", text))


def prompt_html(text: str, block_px: int | None = None) -> str:
    """Rich text for a prompt; ``block_px`` sizes the preformatted block (the presenter makes it smaller)."""
    lines = text.strip().split("\n")
    if len(lines) == 1:
        return f"<b>{md(lines[0])}</b>"
    head, rest = lines[0], lines[1:]
    tail = ""
    if len(rest) > 1 and rest[-1].rstrip().endswith(("?", "？")):
        tail = rest.pop()
    block = "\n".join(rest).strip("\n")
    out = f"<b>{md(head)}</b>"
    if block:
        # pre-wrap keeps the lines and indentation yet wraps long ones (a wide block would widen the window)
        size = f" font-size:{block_px}px;" if block_px else ""
        out += f"<p style='white-space:pre-wrap; font-family:monospace;{size}'>{html.escape(block, quote=False)}</p>"
    if tail:
        out += f"<b>{md(tail)}</b>"
    return out
