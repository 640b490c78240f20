"""Every engine event kind and its fields (for ``--list-events`` and for checking lesson expectations)."""
from __future__ import annotations

import dataclasses
import importlib
import sys

from app.sim.core import Event

#: Modules that define events; missing ones (a half not written yet) are skipped.
EVENT_MODULES = ("app.sim.core", "app.sim.world", "app.sim.docker.events", "app.sim.k8s.events")


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def event_classes() -> list[type]:
    """Every concrete Event subclass, sorted by (kind, domain)."""
    for name in EVENT_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
    # dataclass(slots=True) replaces the class it decorates; the replaced one still shows up in
    # __subclasses__ until collected, so keep the class the module actually exports.
    classes: dict[tuple[str, str], type] = {}
    for cls in _subclasses(Event):
        module = sys.modules.get(cls.__module__)
        if dataclasses.is_dataclass(cls) and getattr(module, cls.__name__, None) is cls:
            classes[(cls.__module__, cls.__qualname__)] = cls
    bases = {base for cls in classes.values() for base in cls.__mro__[1:]}
    return sorted((c for c in classes.values() if c not in bases), key=lambda c: (c.__name__, getattr(c, "domain", ""), c.__module__))


def _fields(cls: type) -> dict[str, str]:
    return {f.name: (f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type)))
            for f in dataclasses.fields(cls) if f.name not in ("time", "seq")}


def event_kinds() -> dict[str, dict[str, str]]:
    """{kind: {field: type name}} without ``time`` and ``seq``.

    A kind is a class name; when two halves use the same name (docker and k8s ``ContainerStarted``)
    an expectation may use the fields of either, and it matches events of both.
    """
    kinds: dict[str, dict[str, str]] = {}
    for cls in event_classes():
        kinds.setdefault(cls.__name__, {}).update(_fields(cls))
    return kinds


def describe_kinds() -> str:
    """The text ``python main.py --list-events`` prints: one line per event class."""
    lines = []
    for cls in event_classes():
        body = ", ".join(f"{k}: {v}" for k, v in _fields(cls).items())
        lines.append(f"{cls.__name__:<28} [{getattr(cls, 'domain', 'sim')}]  {body}")
    return "\n".join(lines)
