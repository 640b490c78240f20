"""Containers: a thin writable layer over an image, with the image's env, command and workdir.

The simulator executes nothing. A container's behaviour is read from its command (documented model):
* ``echo ...`` prints its arguments and exits 0; ``true``/``false`` exit 0/1; ``sleep N`` exits after
  N simulated seconds; ``sh -c "..."`` is read the same way;
* a shell or interpreter with no script (``sh``, ``bash``, ``python3``, ``node``, ``jshell``) exits 0 at
  once without ``-it`` (it reads an empty stdin), as in reality; with ``-it`` it keeps running;
* ``/hello`` (hello-world) prints its greeting and exits 0;
* anything else is a long-running service until ``docker stop``; catalog servers (nginx, redis,
  postgres, ...) print their real start-up lines, other programs a labelled simulated line.
"""
from __future__ import annotations

import hashlib
import shlex
from typing import Any

from . import catalog, events as ev
from .host import Container, Host
from .oci import Image

_SHELLS = {"sh", "bash", "ash", "dash", "zsh", "python", "python3", "node", "jshell", "irb", "ghci"}
_ADJ = ("admiring", "bold", "brave", "clever", "eager", "festive", "gifted", "happy", "jolly", "keen", "loving",
        "modest", "nifty", "quirky", "serene", "sharp", "stoic", "tender", "vibrant", "zealous")
_NAMES = ("babbage", "curie", "darwin", "einstein", "feynman", "galileo", "hopper", "hypatia", "kepler", "lovelace",
          "meitner", "newton", "noether", "pasteur", "shannon", "tesla", "turing", "wu", "yalow", "zhukovsky")
#: ``docker stop`` waits this long for a graceful exit (SIGTERM) before SIGKILL; servers here exit at once.
STOP_SECONDS = 0.3


def behaviour(argv: tuple[str, ...], interactive: bool) -> tuple[str, list[str], int]:
    """(kind, output lines, exit code): kind is "server", "exit" or "sleep:N"."""
    if not argv:
        return "exit", [], 0
    prog = argv[0].rsplit("/", 1)[-1]
    if prog in ("sh", "bash", "ash") and len(argv) >= 3 and argv[1] == "-c":
        try:
            inner = tuple(shlex.split(argv[2]))
        except ValueError:
            inner = ()
        if inner and "&&" not in inner and ";" not in argv[2]:
            return behaviour(inner, interactive)
        return "server", [f"[simulated] {argv[2]}"], 0
    if prog == "echo":
        return "exit", [" ".join(a for a in argv[1:] if a != "-n")], 0
    if prog == "true":
        return "exit", [], 0
    if prog == "false":
        return "exit", [], 1
    if prog == "sleep" and len(argv) == 2:
        if argv[1] in ("infinity", "inf"):
            return "server", ["[simulated] sleep infinity: waits until stopped"], 0
        try:
            seconds = float(argv[1].rstrip("s"))
            if 0 <= seconds <= 86400 * 30:
                return f"sleep:{seconds}", [], 0
        except ValueError:
            pass
        return "exit", [f"sleep: invalid time interval '{argv[1]}'"], 1
    if prog == "hello" and argv[0].startswith("/"):
        return "exit", [], 0
    if prog in _SHELLS and len(argv) == 1:
        return ("server", [], 0) if interactive else ("exit", [], 0)
    return "server", [], 0


def new_container_id(engine: Any, host: Host) -> str:
    engine.container_count += 1
    seed = f"{engine.sim.seed}/{host.name}/{engine.container_count}".encode()
    return hashlib.sha256(seed).hexdigest()


def random_name(engine: Any, host: Host) -> str:
    rng = engine.sim.rng
    for _ in range(50):
        name = f"{rng.choice(_ADJ)}_{rng.choice(_NAMES)}"
        if all(c.name != name for c in host.containers.values()):
            return name
    return f"container_{engine.container_count}"


def resolve_command(image: Image, entrypoint: tuple[str, ...] | None, cmd: tuple[str, ...]) -> tuple[str, ...]:
    """Entrypoint + cmd as Docker combines them (a CLI command replaces CMD, --entrypoint replaces both)."""
    ep = entrypoint if entrypoint is not None else (image.config.entrypoint or ())
    if entrypoint is not None:
        args = cmd
    else:
        args = cmd if cmd else (image.config.cmd or ())
    return tuple(ep) + tuple(args)


def start(engine: Any, host: Host, c: Container, image: Image, interactive: bool) -> list[str]:
    """Start ``c`` now; returns the lines it prints at start (also kept as its logs)."""
    sim = engine.sim
    kind, lines, code = behaviour(c.command, interactive)
    if c.command and c.command[0] == "/hello":
        lines = list(catalog.logs_for(image)) or ["Hello from Docker!"]
    elif kind == "server" and not lines:
        lines = list(catalog.logs_for(image)) or [f"[simulated] {' '.join(c.command)} is running "
                                                  "(the simulator does not execute programs)"]
    c.generation += 1
    c.state, c.started_at, c.finished_at, c.behaviour = "running", sim.now, None, kind
    c.logs.extend((sim.now, line) for line in lines)
    sim.emit(ev.ContainerStarted, host=host.name, container_id=c.id, name=c.name)
    if kind == "exit":
        finish(engine, host.name, c.id, c.generation, code, "exited")
    elif kind.startswith("sleep:"):
        sim.schedule(float(kind[6:]), engine.container_exit, host.name, c.id, c.generation)
    note = _serve_registry(engine, host, c, image) if kind == "server" else None
    return lines + ([note] if note else [])


def _serve_registry(engine: Any, host: Host, c: Container, image: Image) -> str | None:
    """A running ``registry:2`` with port 5000 published makes ``localhost:PORT`` a registry (the classic
    tutorial). Simplification: "localhost" is one name for every host, and the data outlives the container."""
    if not any(catalog.build(s.key).id == image.id for s in catalog.SPECS if s.key.startswith("registry:")):
        return None
    ports = [x.split("->")[0].split(":")[1] for x in c.ports if x.endswith("->5000/tcp")]
    if not ports:
        return None
    name = f"localhost:{ports[0]}"
    registry = engine.add_registry(name)
    registry.backing = (host.name, c.id)
    return f"(simulated: a registry now answers at {name} while {c.name} runs)"


def finish(engine: Any, host_name: str, cid: str, generation: int, code: int, reason: str) -> None:
    host = engine.hosts.get(host_name)
    c = host.containers.get(cid) if host else None
    if c is None or c.state != "running" or c.generation != generation:
        return  # stopped or restarted meanwhile: this exit belongs to an older run
    c.state, c.exit_code, c.finished_at = "exited", code, engine.sim.now
    engine.sim.emit(ev.ContainerStopped, host=host_name, container_id=cid, name=c.name, exit_code=code, reason=reason)
    if c.auto_remove:
        remove(engine, host, c)


def remove(engine: Any, host: Host, c: Container) -> None:
    del host.containers[c.id]
    engine.sim.emit(ev.ContainerRemoved, host=host.name, container_id=c.id, name=c.name)


def status_text(now: float, c: Container) -> str:
    from .format import human_duration
    if c.state == "running":
        return f"Up {human_duration(now - (c.started_at or now))}"
    if c.state == "created":
        return "Created"
    return f"Exited ({c.exit_code}) {human_duration(now - (c.finished_at or now))} ago"
