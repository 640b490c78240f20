"""Dockerfile text -> instructions, as BuildKit's parser reads it.

Parser directives at the very top (``# syntax=``, ``# escape=``, ``# check=``), comments, line
continuations with the escape character (comment and blank lines inside a continuation are
dropped), heredocs (``<<EOF``, ``<<-EOF``, ``<<"EOF"``, several per line) for RUN, COPY and ADD,
``--flag`` options, and JSON (exec) form. Errors read like BuildKit's and carry the line number.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ...errors import InputError
from .words import heredoc_words, levenshtein

KEYWORDS = ("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
            "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR")
HEREDOC_KEYWORDS = ("RUN", "COPY", "ADD")
_DIRECTIVE = re.compile(r"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$")


class DockerfileError(InputError):
    """``dockerfile parse error on line N: ...`` (the path and line are kept for the UI).

    ``bare`` errors are the ones BuildKit reports without that prefix, only located on the
    error screen: the line parser's own (directives, heredocs, JSON arrays) and the stage checks.
    """

    def __init__(self, reason: str, line: int | None, path: str = "Dockerfile", end_line: int | None = None,
                 bare: bool = False) -> None:
        where = f" on line {line}" if line else ""
        super().__init__(reason if bare else f"dockerfile parse error{where}: {reason}", path, line)
        self.reason = reason
        self.end_line = end_line or line  # the last line of the instruction at fault, for the error screen


@dataclass(frozen=True, slots=True)
class Heredoc:
    name: str
    content: str
    expand: bool  # False when the delimiter was quoted
    chomp: bool  # <<- strips leading tabs


@dataclass(frozen=True, slots=True)
class RawInstruction:
    keyword: str  # upper case
    line: int  # first line (1-based)
    end_line: int
    text: str  # the instruction as displayed (continuations joined)
    flags: tuple[tuple[str, str | None], ...]  # ("from", "builder"), ("link", None)
    rest: str  # arguments after the flags (raw, unexpanded)
    json_args: tuple[str, ...] | None  # exec form when the arguments are a JSON array of strings
    heredocs: tuple[Heredoc, ...]


@dataclass(frozen=True, slots=True)
class ParsedFile:
    directives: tuple[tuple[str, str], ...]
    escape: str
    instructions: tuple[RawInstruction, ...]
    warnings: tuple[str, ...]


def parse_text(text: str, path: str = "Dockerfile", trigger_escape: str | None = None) -> ParsedFile:
    """Split Dockerfile text into raw instructions (no per-instruction validation here).

    ``trigger_escape`` parses the one line an ONBUILD wraps: no directives, the file's escape
    character, and no heredoc bodies to read (they were read with the ONBUILD line).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    directives: list[tuple[str, str]] = []
    escape = trigger_escape or "\\"
    i = 0
    seen: set[str] = set()
    while i < len(lines) and trigger_escape is None:
        m = _DIRECTIVE.match(lines[i])
        if not m:
            break
        key, value = m.group(1).lower(), m.group(2)
        if key not in ("syntax", "escape", "check"):
            break  # BuildKit stops looking for directives at the first unknown one: the rest are comments
        if key in seen:
            raise DockerfileError(f"only one {key} parser directive can be used", i + 1, path, bare=True)
        seen.add(key)
        directives.append((key, value))
        if key == "escape":
            if value not in ("\\", "`"):
                raise DockerfileError(f"invalid escape token '{value}' does not match ` or \\", i + 1, path,
                                      bare=True)
            escape = value
        i += 1
    cont = re.compile(re.escape(escape) + r"[ \t]*$")
    out: list[RawInstruction] = []
    warnings: list[str] = []
    while i < len(lines):
        raw = lines[i]
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            i += 1
            continue
        start = i
        parts: list[str] = []
        line = raw.lstrip()
        empty_continuation = False
        while True:
            m = cont.search(line)
            if not m:
                parts.append(line)
                break
            parts.append(line[:m.start()])
            i += 1
            while i < len(lines) and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
                empty_continuation = empty_continuation or not lines[i].strip()
                i += 1
            if i >= len(lines):
                break
            line = lines[i]
        end = min(i, len(lines) - 1)
        i += 1
        if empty_continuation:  # BuildKit's lint check, once per instruction, at its last line
            warnings.append(f"NoEmptyContinuation: Empty continuation line (line {end + 1})")
        logical = "".join(parts).strip()
        if not logical:
            continue
        keyword, _, rest = logical.partition(" ")
        if "\t" in keyword:
            keyword, _, tail = keyword.partition("\t")
            rest = tail + (" " + rest if rest else "")
        kw = keyword.upper()
        if kw not in KEYWORDS:
            raise DockerfileError(f"unknown instruction: {keyword}{_suggest(keyword)}", start + 1, path)
        flags, rest = _flags(rest.strip(), start + 1, path)
        heredocs: list[Heredoc] = []
        # heredocs belong to RUN, COPY and ADD, also when an ONBUILD wraps one
        wrapped = rest.split(None, 1)[0].upper() if kw == "ONBUILD" and rest.strip() else ""
        takes_heredocs = kw in HEREDOC_KEYWORDS or wrapped in HEREDOC_KEYWORDS
        if takes_heredocs and trigger_escape is None and "<<" in rest:
            for name, quoted, chomp in heredoc_words(rest):
                body: list[str] = []
                while True:
                    if i >= len(lines):
                        last = len(lines) - (lines[-1] == "")  # the file's last line, as a line scanner counts
                        raise DockerfileError("unterminated heredoc", start + 1, path, last, bare=True)
                    cur = lines[i]
                    i += 1
                    check = cur.lstrip("\t") if chomp else cur
                    if check == name:
                        break
                    body.append(cur.lstrip("\t") if chomp else cur)
                end = i - 1
                heredocs.append(Heredoc(name, "\n".join(body) + "\n", not quoted, chomp))
        json_args = _json_form(rest, start + 1, path) if not heredocs and kw != "ONBUILD" else None
        shown = f"{kw} " + " ".join(f"--{k}" + (f"={v}" if v is not None else "") for k, v in flags)
        shown = (shown + (" " if flags else "") + rest).rstrip()
        out.append(RawInstruction(kw, start + 1, end + 1, shown, tuple(flags), rest, json_args, tuple(heredocs)))
    return ParsedFile(tuple(directives), escape, tuple(out), tuple(warnings))


def _flags(rest: str, line: int, path: str) -> tuple[list[tuple[str, str | None]], str]:
    """Leading ``--name[=value]`` words, read as BuildKit's extractBuilderFlags reads them.

    Quotes inside a flag word are removed (``--chown="a:b"`` gives ``a:b``), a backslash escapes
    the next character, and a lone ``--`` ends the flags and is dropped.
    """
    flags: list[tuple[str, str | None]] = []
    pos = 0
    n = len(rest)
    while True:
        while pos < n and rest[pos].isspace():
            pos += 1
        if not rest.startswith("--", pos):
            return flags, rest[pos:]
        word: list[str] = []
        quote = ""
        while pos < n and (quote or not rest[pos].isspace()):
            ch = rest[pos]
            if quote:
                if ch == quote:
                    quote = ""
                elif ch == "\\" and pos + 1 < n:
                    pos += 1
                    word.append(rest[pos])
                else:
                    word.append(ch)
            elif ch in "'\"":
                quote = ch
            elif ch == "\\" and pos + 1 < n:
                pos += 1
                word.append(rest[pos])
            elif ch != "\\":
                word.append(ch)
            pos += 1
        text = "".join(word)
        if text == "--":
            return flags, rest[pos:].lstrip()
        name, eq, value = text[2:].partition("=")
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name):
            raise DockerfileError(f"unknown flag: --{name}", line, path)
        flags.append((name, value if eq else None))


NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only"


def _no_constant(name: str) -> object:
    raise ValueError(name)  # Go's JSON has no NaN or Infinity: such text is not JSON


def _json_form(rest: str, line: int = 0, path: str = "Dockerfile") -> tuple[str, ...] | None:
    """The exec form when ``rest`` is a JSON array; None for the shell form.

    Text that is not valid JSON falls back to the shell form, as in BuildKit, but a valid JSON
    array holding anything other than strings is an error there, and so it is here.
    """
    s = rest.strip()
    if not s.startswith("["):
        return None
    try:
        value = json.loads(s, parse_constant=_no_constant)
    except ValueError:
        return None
    if not isinstance(value, list):
        return None
    if not all(isinstance(v, str) for v in value):
        raise DockerfileError(NOT_STRING_ARRAY, line or None, path, bare=True)
    return tuple(value)


def _suggest(word: str) -> str:
    """BuildKit's hint: the keyword closest by edit distance, if fewer than 3 edits away, in the
    word's case (all lower -> lower, all upper -> upper, mixed -> lower)."""
    val = word.lower()
    match, best = "", 3
    for kw in KEYWORDS:
        dist = levenshtein(val, kw.lower())
        if dist < best:
            match, best = kw.lower(), dist
    if not match:
        return ""
    return f" (did you mean {match.upper() if word == word.upper() else match}?)"
