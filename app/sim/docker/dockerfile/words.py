"""Word-level helpers of the Dockerfile parser: BuildKit's word splitting, heredoc detection and
the edit distance behind its "did you mean" hints."""
from __future__ import annotations

import re

_HEREDOC_WORD = re.compile(r"^(\d*)<<(-?)([^<]*)$")  # BuildKit matches whole shell words, not substrings


def heredoc_words(text: str) -> list[tuple[str, bool, bool]]:
    """The heredocs a line opens, as (name, quoted, chomp), found the way BuildKit finds them.

    Each shell word (quotes kept) that as a whole reads ``[fd]<<[-]NAME`` opens one; ``<<`` inside a
    word (``$((1<<4))``) or inside quotes (``"a <<b"``) does not. A quoted NAME turns expansion off.
    """
    found: list[tuple[str, bool, bool]] = []
    for word in split_raw_words(text):
        m = _HEREDOC_WORD.match(word)
        if not m or not m.group(3):
            continue
        raw = m.group(3)
        quoted = "'" in raw or '"' in raw
        name = _unquote(raw)
        if not name or any(ch.isspace() for ch in name):
            continue  # not a single word once unquoted
        found.append((name, quoted, m.group(2) == "-"))
    return found


def _unquote(word: str) -> str:
    out: list[str] = []
    quote = ""
    i = 0
    while i < len(word):
        ch = word[i]
        if quote:
            if ch == quote:
                quote = ""
            elif ch == "\\" and quote == '"' and i + 1 < len(word):
                i += 1
                out.append(word[i])
            else:
                out.append(ch)
        elif ch in "'\"":
            quote = ch
        elif ch == "\\" and i + 1 < len(word):
            i += 1
            out.append(word[i])
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def split_raw_words(text: str, escape: str = "\\") -> list[str]:
    """Split on whitespace outside quotes, keeping quotes and escapes (BuildKit's parseWords)."""
    if "'" not in text and '"' not in text and escape not in text:
        return text.split()  # nothing to protect: plain whitespace splitting
    words: list[str] = []
    cur: list[str] = []
    quote = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == escape and i + 1 < len(text) and quote != "'":
            cur.append(ch + text[i + 1])
            i += 2
            continue
        if quote:
            if ch == quote:
                quote = ""
            cur.append(ch)
        elif ch in "'\"":
            quote = ch
            cur.append(ch)
        elif ch in " \t":
            if cur:
                words.append("".join(cur))
                cur = []
        else:
            cur.append(ch)
        i += 1
    if cur:
        words.append("".join(cur))
    return words
