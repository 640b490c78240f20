"""The lesson Markdown subset, turned into safe HTML for the narration panel.

Understood: ``**bold**``, ``*italic*``, `` `code` ``, line breaks, blank-line paragraphs, ``- `` bullet
lists and ``[text](lesson:ID#STEP)`` links to other lessons. Everything else is shown as written:
the input is HTML-escaped first, so no tag, image or style in a lesson file can reach the renderer,
and any link that is not ``lesson:`` becomes plain text (nothing is ever fetched).
"""
from __future__ import annotations

import html
import re

LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
CODE = re.compile(r"`([^`\n]+)`")
BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
ITALIC = re.compile(r"(?<![\*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\*\w])")
LESSON_TARGET = re.compile(r"lesson:([a-z0-9][a-z0-9\-]*)(?:#([A-Za-z0-9][A-Za-z0-9\-_]*))?")


def lesson_links(text: str) -> list[tuple[str, str | None]]:
    """Every ``lesson:ID#STEP`` target in the text, as (lesson id, step id or None)."""
    out = []
    for m in LINK.finditer(text):
        t = LESSON_TARGET.fullmatch(m.group(2))
        if t:
            out.append((t.group(1), t.group(2)))
    return out


def _inline(text: str) -> str:
    """Inline markup on one line of *raw* text; returns HTML."""
    codes: list[str] = []

    def keep_code(m: re.Match[str]) -> str:
        codes.append(f"<code>{html.escape(m.group(1))}</code>")
        return f"\x00{len(codes) - 1}\x00"

    text = CODE.sub(keep_code, text)
    links: list[str] = []

    def keep_link(m: re.Match[str]) -> str:
        label, target = m.group(1), m.group(2)
        if LESSON_TARGET.fullmatch(target):
            links.append(f'<a href="{html.escape(target, quote=True)}">{_emphasis(html.escape(label))}</a>')
        else:  # never a live link: shown as text, nothing is fetched
            links.append(f"{_emphasis(html.escape(label))} ({html.escape(target)})")
        return f"\x01{len(links) - 1}\x01"

    text = LINK.sub(keep_link, text)
    out = _emphasis(html.escape(text, quote=False))
    out = re.sub("\x01(\\d+)\x01", lambda m: links[int(m.group(1))], out)
    return re.sub("\x00(\\d+)\x00", lambda m: codes[int(m.group(1))], out)


def _emphasis(escaped: str) -> str:
    escaped = BOLD.sub(r"<b>\1</b>", escaped)
    return ITALIC.sub(r"<i>\1</i>", escaped)


def to_html(text: str) -> str:
    """The subset as an HTML fragment (paragraphs and lists), safe to give to a QTextBrowser."""
    blocks: list[str] = []
    para: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if para:
            blocks.append("<p>" + "<br>".join(para) + "</p>")
            para.clear()
        if items:
            blocks.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif re.match(r"^\s*[-*] ", line):
            if para:
                blocks.append("<p>" + "<br>".join(para) + "</p>")
                para.clear()
            items.append(_inline(line.strip()[2:]))
        else:
            if items:
                flush()
            para.append(_inline(line.strip()))
    flush()
    return "".join(blocks)


def to_plain(text: str) -> str:
    """The text without markup (word counts, tooltips)."""
    text = LINK.sub(r"\1", text)
    text = CODE.sub(r"\1", text)
    text = BOLD.sub(r"\1", text)
    return ITALIC.sub(r"\1", text)
