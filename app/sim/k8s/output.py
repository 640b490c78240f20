"""kubectl output helpers: aligned tables, ``-o yaml|json|name``, and a JSONPath subset.

JSONPath (as ``kubectl -o jsonpath=...``): ``{.a.b}``, ``{.items[0].x}``, ``{.items[*].metadata.name}``,
``{.a['dotted.key']}``, ``{.items[?(@.type=="Ready")].status}``, ``{range .items[*]}...{end}``,
literal text and ``{"\\n"}``. Several results are joined by spaces, as kubectl does.
"""
from __future__ import annotations

import json
import re
from typing import Any

import yaml

from ..errors import CommandError


def table(headers: list[str], rows: list[list[str]]) -> str:
    """kubectl's tabwriter: columns padded to width + 3 spaces, the last one unpadded."""
    widths = [len(h) for h in headers]
    for r in rows:
        for i, cell in enumerate(r):
            widths[i] = max(widths[i], len(cell))
    out = []
    for r in [headers, *rows]:
        cells = [c.ljust(widths[i] + 3) if i < len(r) - 1 else c for i, c in enumerate(r)]
        out.append("".join(cells).rstrip())
    return "\n".join(out)


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    # kubectl (via sigs.k8s.io/yaml) double-quotes strings that would read back as another type
    if dumper.resolve(yaml.ScalarNode, data, (True, False)) != "tag:yaml.org,2002:str" or data == "":
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _str_presenter)


def to_yaml(obj: Any) -> str:
    return yaml.dump(obj, Dumper=_Dumper, sort_keys=True, default_flow_style=False, allow_unicode=True).rstrip("\n")


def to_json(obj: Any) -> str:
    return json.dumps(obj, indent=4, sort_keys=True, ensure_ascii=False)


def as_list(items: list[dict]) -> dict:
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


# -- JSONPath ---------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\{([^{}]*)\}")


def jsonpath(template: str, data: Any) -> str:
    template = template.strip()
    if len(template) >= 2 and template[0] == template[-1] and template[0] in "'\"":
        template = template[1:-1]
    parts: list[tuple[str, str]] = []
    pos = 0
    for m in _TOKEN.finditer(template):
        if m.start() > pos:
            parts.append(("text", template[pos:m.start()]))
        parts.append(("expr", m.group(1).strip()))
        pos = m.end()
    if pos < len(template):
        parts.append(("text", template[pos:]))
    if not parts:
        raise CommandError("error: error parsing jsonpath " + template + ", unexpected end of template")
    out, i = _render(parts, 0, data, template)
    if i != len(parts):
        raise CommandError(f"error: error parsing jsonpath {template}, unexpected {{end}}")
    return out


def _render(parts: list[tuple[str, str]], i: int, data: Any, template: str) -> tuple[str, int]:
    out = []
    while i < len(parts):
        kind, text = parts[i]
        if kind == "text":
            out.append(text)
            i += 1
        elif text == "end":
            return "".join(out), i
        elif text.startswith("range "):
            items = _eval(text[6:].strip(), data, template)
            body_start = i + 1
            end = body_start
            depth = 0
            # find the matching {end}
            j = body_start
            while j < len(parts):
                k, t = parts[j]
                if k == "expr" and t.startswith("range "):
                    depth += 1
                elif k == "expr" and t == "end":
                    if depth == 0:
                        end = j
                        break
                    depth -= 1
                j += 1
            else:
                raise CommandError(f"error: error parsing jsonpath {template}, unclosed range")
            for item in items:
                s, _ = _render(parts[body_start:end], 0, item, template)
                out.append(s)
            i = end + 1
        elif text.startswith('"') and text.endswith('"') and len(text) >= 2:
            out.append(text[1:-1].encode().decode("unicode_escape"))
            i += 1
        else:
            vals = _eval(text, data, template)
            out.append(" ".join(_scalar(v) for v in vals))
            i += 1
    return "".join(out), i


def _scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, sort_keys=True, separators=(",", ":"))
    return "" if v is None else str(v)


_STEP = re.compile(r"""\.\.?((?:\\\.|[A-Za-z0-9_\-$/])+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(\*|-?\d+(?::-?\d*)?)\s*\]|\[\?\(@\.([A-Za-z0-9_.\-]+)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(\S+?))\s*\)\]|\.""")


def _eval(expr: str, data: Any, template: str) -> list[Any]:
    expr = expr.strip()
    if expr in ("", "@", "$", "."):
        return [data]
    if expr.startswith("$"):
        expr = expr[1:]
    if expr.startswith("@"):
        expr = expr[1:]
    cur = [data]
    pos = 0
    while pos < len(expr):
        m = _STEP.match(expr, pos)
        if not m or m.end() == pos:
            raise CommandError(f"error: error parsing jsonpath {template}, unrecognized character in action: "
                               f"U+{ord(expr[pos]):04X} '{expr[pos]}'")
        pos = m.end()
        name = m.group(1) or m.group(2) or m.group(3)
        if m.group(1):
            name = name.replace("\\.", ".")
        nxt: list[Any] = []
        if name is not None:
            for c in cur:
                if isinstance(c, dict) and name in c:
                    nxt.append(c[name])
        elif m.group(4) is not None:
            idx = m.group(4)
            for c in cur:
                if not isinstance(c, list):
                    continue
                if idx == "*":
                    nxt.extend(c)
                elif ":" in idx:
                    a, b = idx.split(":", 1)
                    nxt.extend(c[int(a) if a else None:int(b) if b else None])
                else:
                    k = int(idx)
                    if -len(c) <= k < len(c):
                        nxt.append(c[k])
                    else:
                        raise CommandError("error: error executing jsonpath " + repr(template) +
                                           f": array index out of bounds: index {k}, length {len(c)}")
        elif m.group(5) is not None:
            field, op = m.group(5), m.group(6)
            want = next((g for g in (m.group(7), m.group(8), m.group(9)) if g is not None), "")
            for c in cur:
                items = c if isinstance(c, list) else [c]
                for it in items:
                    v: Any = it
                    for part in field.split("."):
                        v = v.get(part) if isinstance(v, dict) else None
                    hit = _scalar(v) == want
                    if hit == (op == "=="):
                        nxt.append(it)
        else:
            nxt = cur
        cur = nxt
    return cur
