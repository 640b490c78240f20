"""Label selectors: ``matchLabels`` / ``matchExpressions`` objects and kubectl's ``-l`` strings.

A compiled selector is a tuple of requirements ``(key, op, values)`` with op one of In, NotIn,
Exists, DoesNotExist (and Gt/Lt for node affinity). The empty selector matches everything; a
missing (None) selector matches nothing, as in the API.
"""
from __future__ import annotations

import re
from typing import Mapping

from ..errors import SimError

Requirement = tuple[str, str, tuple[str, ...]]
Selector = tuple[Requirement, ...]

_OPS = {"In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"}


class SelectorError(SimError):
    pass


def from_match_labels(labels: Mapping[str, str] | None) -> Selector:
    return tuple((k, "In", (str(v),)) for k, v in sorted((labels or {}).items()))


def compile_selector(obj: Mapping | None) -> Selector | None:
    """A LabelSelector object (matchLabels + matchExpressions) -> requirements; None stays None."""
    if obj is None:
        return None
    reqs = list(from_match_labels(obj.get("matchLabels")))
    for expr in obj.get("matchExpressions") or []:
        reqs.append(compile_expression(expr))
    return tuple(reqs)


def compile_expression(expr: Mapping) -> Requirement:
    op = expr.get("operator")
    if op not in _OPS:
        raise SelectorError(f'"{op}" is not a valid label selector operator')
    values = tuple(str(v) for v in (expr.get("values") or []))
    return (str(expr.get("key")), op, values)


def matches(selector: Selector | None, labels: Mapping[str, str] | None) -> bool:
    if selector is None:
        return False
    labels = labels or {}
    for key, op, values in selector:
        present = key in labels
        if op == "In":
            if not present or labels[key] not in values:
                return False
        elif op == "NotIn":
            if present and labels[key] in values:
                return False
        elif op == "Exists":
            if not present:
                return False
        elif op == "DoesNotExist":
            if present:
                return False
        elif op in ("Gt", "Lt"):
            if not present:
                return False
            try:
                have, want = int(labels[key]), int(values[0])
            except (ValueError, IndexError):
                return False
            if (op == "Gt" and not have > want) or (op == "Lt" and not have < want):
                return False
    return True


_TERM = re.compile(r"^\s*(!?)([A-Za-z0-9./_-]+)\s*(?:(==|!=|=)\s*([A-Za-z0-9._-]*)|\s+(in|notin)\s*\(([^)]*)\))?\s*$")


def parse_cli_selector(text: str) -> Selector:
    """``app=web,tier!=db,env in (a,b),!legacy`` as kubectl ``-l`` takes it."""
    parts: list[str] = []
    depth, cur = 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    reqs: list[Requirement] = []
    for part in parts:
        if not part.strip():
            continue
        m = _TERM.match(part)
        if not m:
            raise SelectorError(f"unable to parse requirement: {part.strip()!r}")
        neg, key, op, val, setop, setvals = m.groups()
        if neg:
            if op or setop:
                raise SelectorError(f"unable to parse requirement: {part.strip()!r}")
            reqs.append((key, "DoesNotExist", ()))
        elif op in ("=", "=="):
            reqs.append((key, "In", (val or "",)))
        elif op == "!=":
            reqs.append((key, "NotIn", (val or "",)))
        elif setop:
            vals = tuple(v.strip() for v in setvals.split(",") if v.strip())
            reqs.append((key, "In" if setop == "in" else "NotIn", vals))
        else:
            reqs.append((key, "Exists", ()))
    return tuple(reqs)


def format_selector(selector: Selector | None) -> str:
    """kubectl's rendering: ``app=nginx,tier in (a,b)``; empty -> ``<none>``."""
    if not selector:
        return "<none>"
    out = []
    for key, op, values in selector:
        if op == "In" and len(values) == 1:
            out.append(f"{key}={values[0]}")
        elif op == "In":
            out.append(f"{key} in ({','.join(values)})")
        elif op == "NotIn" and len(values) == 1:
            out.append(f"{key}!={values[0]}")
        elif op == "NotIn":
            out.append(f"{key} notin ({','.join(values)})")
        elif op == "Exists":
            out.append(key)
        elif op == "DoesNotExist":
            out.append(f"!{key}")
        else:
            out.append(f"{key} {op.lower()} {values[0] if values else ''}")
    return ",".join(out)


def format_labels(labels: Mapping[str, str] | None) -> str:
    if not labels:
        return "<none>"
    return ",".join(f"{k}={v}" for k, v in sorted(labels.items()))
