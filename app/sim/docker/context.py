"""The build context: the files sent to the builder, filtered by ``.dockerignore``, and how COPY
sources match them.

``.dockerignore`` follows Docker's rules: one pattern per line, ``#`` comments, Go ``filepath.Match``
wildcards plus ``**`` for any number of directories, a leading ``/`` is ignored, ``!`` re-includes,
the last matching line wins, and a pattern matching a directory excludes everything below it.
"""
from __future__ import annotations

import fnmatch
import hashlib
import posixpath
import re
from dataclasses import dataclass


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**", i):
            i += 2
            if i < len(pattern) and pattern[i] == "/":
                out.append("(?:.*/)?")
                i += 1
            else:
                out.append(".*")
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                out.append(re.escape(ch))
            else:
                body = pattern[i + 1:end].replace("\\", "\\\\")
                if body.startswith("^") or body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end
        elif ch == "\\" and i + 1 < len(pattern):
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out) + r"\Z")


@dataclass(frozen=True)
class IgnoreRule:
    pattern: str
    negate: bool
    regex: re.Pattern[str]


def parse_dockerignore(text: str) -> list[IgnoreRule]:
    rules = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        if negate:
            line = line[1:].strip()
        line = posixpath.normpath(line.lstrip("/")) if line.lstrip("/") else "."
        if line == ".":
            continue
        rules.append(IgnoreRule(line, negate, _pattern_regex(line)))
    return rules


def is_ignored(path: str, rules: list[IgnoreRule]) -> bool:
    """Last matching rule wins; a rule matching a parent directory covers the path."""
    parents = [path]
    p = path
    while "/" in p:
        p = p.rsplit("/", 1)[0]
        parents.append(p)
    ignored = False
    for rule in rules:
        if any(rule.regex.match(candidate) for candidate in parents):
            ignored = not rule.negate
    return ignored


def filter_context(files: dict[str, bytes]) -> tuple[dict[str, bytes], list[str]]:
    """Apply the context's .dockerignore; returns (kept files, ignored paths)."""
    text = files.get(".dockerignore")
    if text is None:
        return dict(files), []
    rules = parse_dockerignore(text.decode("utf-8", "replace"))
    kept, dropped = {}, []
    for path, data in files.items():
        if path != ".dockerignore" and is_ignored(path, rules):
            dropped.append(path)
        else:
            kept[path] = data
    return kept, dropped


def file_digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


class SourceNotFound(Exception):
    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.source = source


def match_sources(files: dict[str, bytes], source: str) -> list[tuple[str, str]]:
    """(context path, path relative to the copy) for a COPY source; raises SourceNotFound.

    A file copies as its base name; a directory copies its *contents*; wildcards match entries.
    """
    src = posixpath.normpath(source.lstrip("/")) if source.strip("/") else "."
    if src.startswith(".."):
        raise SourceNotFound(source)
    if src == ".":
        return [(p, p) for p in sorted(files)]
    if any(c in src for c in "*?["):
        out = []
        for p in sorted(files):
            parts = p.split("/")
            for depth in range(1, len(parts) + 1):
                head = "/".join(parts[:depth])
                if fnmatch.fnmatchcase(head, src) and head.count("/") == src.count("/"):
                    # a matched file copies as its name; a matched directory copies its contents
                    rel = posixpath.basename(head) if depth == len(parts) else "/".join(parts[depth:])
                    out.append((p, rel))
                    break
        if not out:
            raise SourceNotFound(source)
        return out
    if src in files:
        return [(src, posixpath.basename(src))]
    prefix = src + "/"
    inside = [(p, p[len(prefix):]) for p in sorted(files) if p.startswith(prefix)]
    if not inside:
        raise SourceNotFound(source)
    return inside
