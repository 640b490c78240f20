"""``python main.py --console``: the console language in a terminal.

With a TTY on standard input it is a REPL with a prompt and line history; otherwise it reads one
command per line (a script piped in) and prints each output, so a run can be compared with a file.
Everything goes through a recorded :class:`Session`, so ``.undo``, ``.jump`` and ``.save`` work.

Besides ``docker``, ``kubectl`` and ``sim`` commands the terminal understands a few of its own:
``cd DIR`` (where relative paths such as build contexts point), ``help``, ``exit``/``quit``,
``.undo`` (step back one command), ``.jump SECONDS`` (go back to a simulated time), ``.save FILE``.
"""
from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from .args import Flag, parse
from .errors import SimError

BANNER = ("Container Classroom console (simulated Docker and Kubernetes; nothing is executed).\n"
          "Type 'help' for commands, 'exit' to leave.")
HELP = """Commands:
  docker ...        build, images, history, inspect, tag, push, pull, run, ps, stop, start, rm, rmi, logs, login
  kubectl ...       apply, get, describe, scale, rollout, ... (the Kubernetes half)
  sim ...           the simulation itself: 'sim help' lists them
  cd DIR            change the directory relative paths (build contexts, manifests) start from
  .undo             go back to before the last command
  .jump SECONDS     go back to that simulated time (the commands typed after it are dropped when you type again)
  .save FILE        write the session (seed, commands, the files they read) to FILE
  exit, quit        leave"""


class Terminal:
    def __init__(self, session: Any, out: TextIO, err: TextIO, cwd: str) -> None:
        self.session, self.out, self.err, self.cwd = session, out, err, cwd
        self.failures = 0

    def prompt(self) -> str:
        world = self.session.world
        host = getattr(getattr(world, "docker", None), "current_host", "sim")
        return f"{host}:{os.path.basename(self.cwd) or '/'}$ "

    def handle(self, line: str) -> bool:
        """Run one line; False when the user asked to leave."""
        text = line.strip()
        if not text:
            return True
        word, _, rest = text.partition(" ")
        rest = rest.strip()
        if word in ("exit", "quit"):
            return False
        if word == "help":
            self._print(HELP)
        elif word == "cd":
            self._cd(rest)
        elif word == ".undo":
            self._undo()
        elif word == ".jump":
            self._jump(rest)
        elif word == ".save":
            self._save(rest)
        else:
            result = self.session.execute(text, cwd=self.cwd)
            if result.ok:
                self._print(result.output)
            else:
                self.failures += 1
                self._print(result.output, self.err)
        return True

    def _print(self, text: str, stream: TextIO | None = None) -> None:
        if text:
            print(text, file=stream or self.out, flush=True)

    def _cd(self, path: str) -> None:
        target = os.path.normpath(os.path.join(self.cwd, os.path.expanduser(path or "~")))
        if not os.path.isdir(target):
            self.failures += 1
            self._print(f"cd: {path}: No such file or directory", self.err)
        else:
            self.cwd = target

    def _undo(self) -> None:
        from .session import Mark
        s = self.session
        applied = s.mark.actions
        if applied == 0:
            self._print("nothing to undo", self.err)
            return
        s.restore(Mark(s.actions[applied - 1].time, applied - 1))
        self._print(f"back to before: {s.actions[applied - 1].line}")

    def _jump(self, arg: str) -> None:
        from .args import parse_duration
        try:
            seconds = parse_duration(arg)
        except SimError as exc:
            self.failures += 1
            self._print(f"{exc} (usage: .jump SECONDS, e.g. .jump 90 or .jump 1m30s)", self.err)
            return
        self.session.jump_to_time(seconds)
        self._print(f"jumped to simulated time {self.session.now:.1f}s "
                    f"({self.session.mark.actions} of {len(self.session.actions)} commands applied)")

    def _save(self, path: str) -> None:
        if not path:
            self._print("usage: .save FILE", self.err)
            return
        full = os.path.join(self.cwd, os.path.expanduser(path))
        try:
            with open(full, "w", encoding="utf-8") as fh:
                fh.write(self.session.to_json())
        except OSError as exc:
            self.failures += 1
            self._print(f".save: {exc.strerror}: {path}", self.err)
            return
        self._print(f"session saved to {full}")


def main(argv: list[str], stdin: TextIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the console; returns 0, or 1 when a piped script had a failing command."""
    stdin, out, err = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        p = parse(argv, [Flag(("--seed",), default="0"), Flag(("--open",)), Flag(("--console",), False)],
                  program="console")
        seed = int(str(p.get("seed")))
    except (SimError, ValueError) as exc:
        print(f"console: {exc}\nusage: main.py --console [--seed N] [--open SESSION.json]", file=err)
        return 2
    from .session import Session
    opened = p.str("open")
    if opened:
        try:
            with open(opened, encoding="utf-8") as fh:
                session = Session.from_json(fh.read())
        except (OSError, SimError) as exc:
            print(f"console: cannot open {opened}: {exc}", file=err)
            return 2
    else:
        session = Session(seed)
    term = Terminal(session, out, err, os.getcwd())
    interactive = hasattr(stdin, "isatty") and stdin.isatty()
    if interactive:
        return _repl(term, out)
    for line in stdin:
        if not term.handle(line.rstrip("\n")):
            break
    return 1 if term.failures else 0


def _repl(term: Terminal, out: TextIO) -> int:
    try:
        import readline  # noqa: F401  (line editing and history where available)
    except ImportError:
        pass
    print(BANNER, file=out)
    while True:
        try:
            line = input(term.prompt())
        except EOFError:
            print(file=out)
            return 0
        except KeyboardInterrupt:
            print("^C", file=out)
            continue
        if not term.handle(line):
            return 0
