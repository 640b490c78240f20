"""A small subset of Go templates for ``--format``: ``{{.A.B}}``, ``{{json .A}}``, ``{{len .A}}``,
``{{index .A "key"}}``, ``{{.}}``. Anything else is reported as unsupported, never crashes."""
from __future__ import annotations

import json
import re
from typing import Any

from ..errors import CommandError

_ACTION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)


def go_str(value: Any) -> str:
    """How Go's fmt prints a value inside a template."""
    if value is None:
        return "<no value>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{go_str(v)}" for k, v in sorted(value.items())) + "]"
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(go_str(v) for v in value) + "]"
    return str(value)


def _lookup(doc: Any, path: str, fmt: str) -> Any:
    if path == ".":
        return doc
    if not path.startswith("."):
        raise CommandError(f'template parsing error: template: :1: function "{path.split(".")[0]}" not defined')
    value = doc
    for part in path[1:].split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, dict):
            return None
        else:
            raise CommandError(f'template: :1: can\'t evaluate field {part} in type {type(value).__name__}')
    return value


def _eval(expr: str, doc: Any, fmt: str) -> str:
    words = expr.split()
    if not words:
        raise CommandError("template parsing error: template: :1: missing value for command")
    if words[0] == "json" and len(words) == 2:
        return json.dumps(_lookup(doc, words[1], fmt), separators=(",", ":"))
    if words[0] == "len" and len(words) == 2:
        value = _lookup(doc, words[1], fmt)
        try:
            return str(len(value or ()))
        except TypeError:
            raise CommandError(f"template: :1: error calling len: len of type {type(value).__name__}") from None
    if words[0] == "index" and len(words) == 3:
        value = _lookup(doc, words[1], fmt)
        key = words[2].strip('"')
        if isinstance(value, dict):
            return go_str(value.get(key))
        if isinstance(value, list) and key.isdigit() and int(key) < len(value):
            return go_str(value[int(key)])
        raise CommandError(f"template: :1: error calling index: index of untyped nil")
    if len(words) == 1:
        return go_str(_lookup(doc, words[0], fmt))
    raise CommandError(f'template: the simulator supports only {{{{.Field}}}}, json, len and index (got "{expr}")')


def render(fmt: str, doc: Any) -> str:
    text = fmt.replace("\\t", "\t").replace("\\n", "\n")
    if text.startswith("table "):
        text = text[6:]
    if text.count("{{") != text.count("}}"):
        raise CommandError('template parsing error: template: :1: unclosed action')
    return _ACTION.sub(lambda m: _eval(m.group(1), doc, fmt), text)
