"""Variable substitution and word splitting as BuildKit's shell lexer does it for Dockerfile words.

Supported: ``$VAR``, ``${VAR}``, ``${VAR:-default}``, ``${VAR-default}``, ``${VAR:+alt}``,
``${VAR+alt}``, ``${VAR:?message}``, ``${VAR?message}``; single quotes (literal), double quotes
(expansion inside), the escape character (``\\`` or the ``# escape=`` one). RUN, CMD and ENTRYPOINT
are not substituted by the builder: their shell does that when the container runs.
"""
from __future__ import annotations

import json

from typing import Mapping

from ...errors import InputError

_NAME_START = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME_CHARS = _NAME_START | set("0123456789")


def go_quote(text: str) -> str:
    """Go's ``%q`` of a string (double quotes, backslash escapes), as BuildKit's messages quote words."""
    return json.dumps(text, ensure_ascii=False)


class SubstitutionError(InputError):
    pass


class _Lexer:
    def __init__(self, text: str, env: Mapping[str, str], escape: str) -> None:
        self.text, self.env, self.escape = text, env, escape
        self.i = 0

    def peek(self) -> str:
        return self.text[self.i] if self.i < len(self.text) else ""

    def words(self, split: bool) -> list[str]:
        out: list[str] = []
        cur: list[str] = []
        started = False
        n = len(self.text)
        while self.i < n:
            ch = self.text[self.i]
            if split and ch in " \t\r\n":
                if started:
                    out.append("".join(cur))
                    cur, started = [], False
                self.i += 1
                continue
            started = True
            if ch == self.escape:
                self.i += 1
                if self.i < n:
                    cur.append(self.text[self.i])
                    self.i += 1
            elif ch == "'":
                end = self.text.find("'", self.i + 1)
                if end < 0:
                    raise SubstitutionError("unexpected end of statement while looking for matching single-quote")
                cur.append(self.text[self.i + 1:end])
                self.i = end + 1
            elif ch == '"':
                cur.append(self._double())
            elif ch == "$":
                cur.append(self._dollar())
            else:
                cur.append(ch)
                self.i += 1
        if started:
            out.append("".join(cur))
        return out

    def _double(self) -> str:
        self.i += 1
        cur: list[str] = []
        n = len(self.text)
        while self.i < n:
            ch = self.text[self.i]
            if ch == '"':
                self.i += 1
                return "".join(cur)
            if ch == self.escape and self.i + 1 < n and self.text[self.i + 1] in ('"', "$", self.escape):
                cur.append(self.text[self.i + 1])
                self.i += 2
            elif ch == "$":
                cur.append(self._dollar())
            else:
                cur.append(ch)
                self.i += 1
        raise SubstitutionError("unexpected end of statement while looking for matching double-quote")

    def _name(self) -> str:
        start = self.i
        if self.peek() in _NAME_START and self.peek():
            self.i += 1
            while self.peek() and self.peek() in _NAME_CHARS:
                self.i += 1
        return self.text[start:self.i]

    def _dollar(self) -> str:
        self.i += 1  # the $
        if self.peek() == "{":
            self.i += 1
            name = self._name()
            if not name:
                raise SubstitutionError("syntax error: bad substitution")
            ch = self.peek()
            if ch == "}":
                self.i += 1
                return self.env.get(name, "")
            if ch == "":
                raise SubstitutionError("syntax error: missing '}'")
            colon = ch == ":"
            if colon:
                self.i += 1
                ch = self.peek()
            if ch not in ("-", "+", "?"):
                raise SubstitutionError(f"unsupported modifier ({ch or 'end of text'}) in substitution")
            self.i += 1
            word = self._until_brace()
            value = self.env.get(name)
            is_set = value is not None and (value != "" or not colon)
            if ch == "-":
                return value if is_set else word  # type: ignore[return-value]
            if ch == "+":
                return word if is_set else ""
            if not is_set:
                default = "is not allowed to be empty" if colon else "is not allowed to be unset"
                raise SubstitutionError(f"{name}: {word or default}")
            return value  # type: ignore[return-value]
        name = self._name()
        if not name:
            return "$"
        return self.env.get(name, "")

    def _until_brace(self) -> str:
        depth, start = 0, self.i
        n = len(self.text)
        while self.i < n:
            ch = self.text[self.i]
            if ch == self.escape:
                self.i += 2
                continue
            if ch == "$" and self.i + 1 < n and self.text[self.i + 1] == "{":
                depth += 1
                self.i += 2
                continue
            if ch == "}":
                if depth == 0:
                    inner = self.text[start:self.i]
                    self.i += 1
                    return _Lexer(inner, self.env, self.escape).words(split=False)[0] if inner else ""
                depth -= 1
            self.i += 1
        raise SubstitutionError("syntax error: missing '}'")


def expand(text: str, env: Mapping[str, str], escape: str = "\\") -> str:
    """One word, quotes removed, variables expanded."""
    words = _Lexer(text, env, escape).words(split=False)
    return words[0] if words else ""


def expand_words(text: str, env: Mapping[str, str], escape: str = "\\") -> list[str]:
    """Split on unquoted whitespace, then expand each word (COPY sources, EXPOSE ports, ...)."""
    return _Lexer(text, env, escape).words(split=True)
