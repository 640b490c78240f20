"""The console language: one front door for text (``docker ...``, ``kubectl ...``, ``sim ...``).

Each half of the engine registers its top-level programs and ``sim`` sub-commands here. A handler
gets the world, the :class:`Invocation` (the line, where relative paths point, recorded inputs) and
the arguments after the program name, and returns the text the real CLI would print. It raises a
:class:`SimError` for bad input *before* changing anything, so a rejected command changes nothing.

File reads go through the invocation so that a session can record what a command read (a build
context, a manifest) and replay it later byte for byte, even if the files have changed since.
"""
from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from .errors import CommandError, SimError

if TYPE_CHECKING:
    from .core import Event

Handler = Callable[[Any, "Invocation", list[str]], str]

#: Files larger than this are refused, so a stray path cannot fill the session file.
MAX_INPUT_BYTES = 8 * 1024 * 1024


@dataclass
class Invocation:
    """One command as typed: the line, its working directory, stdin, and what it read."""

    line: str
    cwd: str = "."
    stdin: str | None = None
    #: path -> bytes, for every file the command read (filled live, consumed on replay).
    inputs: dict[str, bytes] = field(default_factory=dict)
    replay: bool = False

    def resolve(self, path: str) -> str:
        return os.path.normpath(os.path.join(self.cwd, os.path.expanduser(path)))

    def read_file(self, path: str) -> bytes:
        """Read a file (recorded live, served from the record on replay)."""
        full = self.resolve(path)
        if full in self.inputs:
            return self.inputs[full]
        if self.replay:
            raise InputMissing(path)
        if not os.path.exists(full):
            raise CommandError(f"open {path}: no such file or directory")
        if os.path.isdir(full):
            raise CommandError(f"read {path}: is a directory")
        if os.path.getsize(full) > MAX_INPUT_BYTES:
            raise CommandError(f"{path}: file too large for the simulator ({MAX_INPUT_BYTES // 2**20} MiB max)")
        with open(full, "rb") as fh:
            data = fh.read()
        self.inputs[full] = data
        return data

    def is_dir(self, path: str) -> bool:
        full = self.resolve(path)
        prefix = full.rstrip("/") + "/"
        if any(k.startswith(prefix) for k in self.inputs) or (full + "/") in self.inputs:
            return True
        return not self.replay and os.path.isdir(full)

    def read_tree(self, path: str) -> dict[str, bytes]:
        """Every regular file below ``path`` as {relative posix path: bytes}, sorted by path."""
        root = self.resolve(path)
        prefix = root.rstrip("/") + "/"
        if self.replay or any(k.startswith(prefix) for k in self.inputs) or (prefix in self.inputs):
            return {k[len(prefix):]: v for k, v in sorted(self.inputs.items()) if k.startswith(prefix) and k != prefix}
        if not os.path.isdir(root):
            raise CommandError(f"unable to prepare context: path \"{path}\" not found")
        self.inputs[prefix] = b""  # marks an empty directory as read
        out: dict[str, bytes] = {}
        total = 0
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                if not os.path.isfile(full) or os.path.islink(full):
                    continue
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                size = os.path.getsize(full)
                total += size
                if total > MAX_INPUT_BYTES * 4:
                    raise CommandError(f"build context {path} is too large for the simulator")
                with open(full, "rb") as fh:
                    data = fh.read()
                self.inputs[prefix + rel] = data
                out[rel] = data
        return dict(sorted(out.items()))


class InputMissing(SimError):
    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: not recorded in this session file")


@dataclass(frozen=True)
class ConsoleResult:
    line: str
    output: str
    ok: bool
    #: Sequence numbers of the first and last event the command emitted (first > last: none).
    first_seq: int = 0
    last_seq: int = 0


@dataclass(frozen=True)
class CommandHelp:
    usage: str
    summary: str


class Console:
    """Dispatches a line to the program that owns its first word."""

    def __init__(self, world: Any) -> None:
        self.world = world
        self.programs: dict[str, Handler] = {}
        self.sim_commands: dict[str, Handler] = {}
        self.help: dict[str, CommandHelp] = {}

    def register(self, program: str, handler: Handler) -> None:
        self.programs[program] = handler

    def register_sim(self, name: str, handler: Handler, usage: str, summary: str) -> None:
        """Add ``sim <name> ...``; ``usage`` and ``summary`` feed ``sim help``."""
        self.sim_commands[name] = handler
        self.help[f"sim {name}"] = CommandHelp(usage, summary)

    def execute(self, line: str, *, cwd: str = ".", stdin: str | None = None,
                inputs: dict[str, bytes] | None = None, replay: bool = False) -> tuple[ConsoleResult, Invocation]:
        inv = Invocation(line=line, cwd=cwd, stdin=stdin, inputs=dict(inputs or {}), replay=replay)
        sim = self.world.sim
        first = sim.event_count + 1
        try:
            output, ok = self._dispatch(inv), True
        except SimError as exc:
            output, ok = str(exc), False
        except RecursionError:
            output, ok = "error: input nested too deeply", False
        return ConsoleResult(line, output, ok, first, sim.event_count), inv

    def _dispatch(self, inv: Invocation) -> str:
        text = inv.line.strip()
        if not text or text.startswith("#"):
            return ""
        try:
            words = shlex.split(text, comments=False)
        except ValueError as exc:
            raise CommandError(f"syntax error: {exc}") from None
        if not words:
            return ""
        program, args = words[0], words[1:]
        if program == "sim":
            return self._sim(inv, args)
        handler = self.programs.get(program)
        if handler is None:
            known = ", ".join(sorted([*self.programs, "sim"]))
            raise CommandError(f"{program}: command not found (this console knows: {known})")
        return handler(self.world, inv, args)

    def _sim(self, inv: Invocation, args: list[str]) -> str:
        if not args or args[0] in ("help", "--help", "-h"):
            width = max((len(h.usage) for h in self.help.values()), default=0)
            return "\n".join(f"{h.usage.ljust(width)}  {h.summary}" for _, h in sorted(self.help.items()))
        handler = self.sim_commands.get(args[0])
        if handler is None:
            raise CommandError(f'unknown sim command "{args[0]}"; try "sim help"')
        return handler(self.world, inv, args[1:])
