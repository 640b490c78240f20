"""A small flag parser shared by the ``docker``, ``kubectl`` and ``sim`` commands.

argparse prints and exits on errors and knows nothing of the real CLIs' messages, so the console
uses this instead: it accepts ``--flag value``, ``--flag=value``, ``-f value``, ``-fvalue``, boolean
flags, repeated flags and ``--``, and raises :class:`CommandError` in the CLI's words.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .errors import CommandError


@dataclass(frozen=True)
class Flag:
    """One option. ``names`` like ("-f", "--filename"); ``takes_value`` False for switches."""

    names: tuple[str, ...]
    takes_value: bool = True
    repeat: bool = False
    default: object = None

    @property
    def key(self) -> str:
        long = [n for n in self.names if n.startswith("--")]
        return (long[0] if long else self.names[0]).lstrip("-").replace("-", "_")


@dataclass
class Parsed:
    positional: list[str] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)

    def get(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)

    def str(self, key: str, default: str | None = None) -> str | None:
        v = self.values.get(key, default)
        return v if v is None else str(v)

    def list(self, key: str) -> list[str]:
        v = self.values.get(key)
        return list(v) if isinstance(v, list) else ([] if v is None else [str(v)])

    def flag(self, key: str) -> bool:
        return bool(self.values.get(key, False))


_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


def parse(args: Iterable[str], flags: Iterable[Flag], *, program: str = "docker") -> Parsed:
    """Split ``args`` into positionals and flag values. Unknown flags raise CommandError."""
    table: dict[str, Flag] = {}
    for f in flags:
        for n in f.names:
            table[n] = f
    out = Parsed()
    for f in table.values():
        if f.key not in out.values:
            out.values[f.key] = [] if f.repeat else (False if not f.takes_value and f.default is None else f.default)
    items = list(args)
    i = 0
    while i < len(items):
        a = items[i]
        i += 1
        if a == "--":
            out.positional.extend(items[i:])
            break
        if not a.startswith("-") or a == "-":
            out.positional.append(a)
            continue
        name, eq, inline = a.partition("=")
        if not eq and not a.startswith("--") and len(a) > 2 and a[:2] in table and table[a[:2]].takes_value:
            name, inline, eq = a[:2], a[2:], "="  # -fvalue
        f = table.get(name)
        if f is None:
            raise CommandError(_unknown_flag(program, name))
        if not f.takes_value:
            if eq and inline.lower() not in _TRUE | _FALSE:
                raise CommandError(f'invalid argument "{inline}" for "{name}" flag: must be true or false')
            out.values[f.key] = (inline.lower() in _TRUE) if eq else True
            continue
        if eq:
            value = inline
        elif i < len(items):
            value = items[i]
            i += 1
        else:
            raise CommandError(_missing_value(program, name))
        if f.repeat:
            out.values[f.key].append(value)  # type: ignore[union-attr]
        else:
            out.values[f.key] = value
    return out


def _unknown_flag(program: str, name: str) -> str:
    if program == "kubectl":
        return f"error: unknown flag: {name}\nSee 'kubectl --help' for usage."
    return f"unknown flag: {name}\nSee '{program} --help'."


def _missing_value(program: str, name: str) -> str:
    if program == "kubectl":
        return f"error: flag needs an argument: {name}"
    return f"flag needs an argument: {name}\nSee '{program} --help'."


def parse_duration(text: str) -> float:
    """Parse Go-style durations as kubectl and sim commands take them: ``90s``, ``5m``, ``1h30m``, ``250ms``."""
    import re

    t = text.strip()
    if not t:
        raise CommandError(f'invalid duration "{text}"')
    try:
        return float(t)
    except ValueError:
        pass
    units = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
    total, pos = 0.0, 0
    for m in re.finditer(r"(\d+(?:\.\d+)?)(ms|s|m|h|d)", t):
        if m.start() != pos:
            raise CommandError(f'invalid duration "{text}"')
        total += float(m.group(1)) * units[m.group(2)]
        pos = m.end()
    if pos != len(t) or pos == 0:
        raise CommandError(f'invalid duration "{text}"')
    return total
