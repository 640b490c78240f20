"""Kubernetes resource quantities (``500m``, ``128Mi``, ``1.5``, ``2Gi``) as integers.

CPU is kept in millicores and everything else in bytes/units, as the scheduler does (it compares
``MilliValue()`` for cpu and ``Value()`` for memory). Parsing follows the apimachinery grammar:
a decimal number, then an optional binary (Ki Mi Gi Ti Pi Ei) or decimal (m k M G T P E) suffix.
"""
from __future__ import annotations

import math
import re

from ..errors import SimError

_BINARY = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
_DECIMAL = {"": 1, "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "P": 10**15, "E": 10**18}
_RE = re.compile(r"^([+-]?(?:\d+\.?\d*|\.\d+))(?:[eE]([+-]?\d+))?(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$")


class QuantityError(SimError):
    pass


def _split(text: object) -> tuple[float, int, str]:
    if isinstance(text, bool):
        raise QuantityError(f"quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    s = str(text).strip()
    m = _RE.match(s)
    if not m:
        raise QuantityError("quantities must match the regular expression "
                            "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    return float(m.group(1)), int(m.group(2) or 0), m.group(3) or ""


def parse_quantity(text: object) -> float:
    """Value in base units (cores for cpu, bytes for memory) as a float."""
    num, exp, suffix = _split(text)
    value = num * (10.0 ** exp)
    if suffix == "m":
        return value / 1000.0
    if suffix in _BINARY:
        return value * _BINARY[suffix]
    return value * _DECIMAL[suffix]


def milli_value(text: object) -> int:
    """``MilliValue()``: 0.5 -> 500, "250m" -> 250 (rounded up, as resource.Quantity does)."""
    return int(math.ceil(parse_quantity(text) * 1000 - 1e-9))


def value(text: object) -> int:
    """``Value()``: rounded up to a whole unit (bytes for memory)."""
    return int(math.ceil(parse_quantity(text) - 1e-9))


def format_cpu(milli: int) -> str:
    """How kubectl prints cpu: whole cores when exact, else millicores."""
    if milli % 1000 == 0:
        return str(milli // 1000)
    return f"{milli}m"


def format_bytes(n: int) -> str:
    """Largest binary suffix that divides exactly (``128Mi``), like canonical quantities."""
    for suffix in ("Ei", "Pi", "Ti", "Gi", "Mi", "Ki"):
        unit = _BINARY[suffix]
        if n and n % unit == 0:
            return f"{n // unit}{suffix}"
    return str(n)


def format_mi(n: int) -> str:
    """``kubectl top`` style memory: whole MiB."""
    return f"{n // 2**20}Mi"
