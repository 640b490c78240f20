"""Container commands: ps, start, stop, restart, rm, logs, inspect, and the ``container`` group."""
from __future__ import annotations

from typing import Any

from ..args import Flag, parse
from ..console import Invocation
from ..errors import CommandError
from . import containers as ct, events as ev
from .errors import DockerError, NoSuchContainer
from .format import ago, quote_command, table, truncate
from .gotemplate import render
from .host import Container, Host
from .oci import rfc3339

def find_container(host: Host, text: str, *, required: bool = True) -> Container | None:
    name = text.lstrip("/")
    for c in host.containers.values():
        if c.name == name or c.id == text:
            return c
    hits = [c for c in host.containers.values() if c.id.startswith(text)] if text and len(text) <= 64 else []
    if len(hits) == 1:
        return hits[0]
    if required:
        raise NoSuchContainer(f"Error response from daemon: No such container: {text}")
    return None


def _check_ports(host: Host, c: Container) -> None:
    mine = {x.split("->")[0] for x in c.ports}
    for other in host.containers.values():
        if other.id != c.id and other.state == "running":
            taken = mine & {x.split("->")[0] for x in other.ports}
            if taken:
                raise DockerError(f"docker: Error response from daemon: driver failed programming external connectivity on "
                                  f"endpoint {c.name} ({c.id[:12]}): Bind for {sorted(taken)[0]} failed: port is already allocated.")


def ps(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p = parse(args, [Flag(("-a", "--all"), False), Flag(("-q", "--quiet"), False), Flag(("--no-trunc",), False),
                     Flag(("-l", "--latest"), False), Flag(("-n", "--last")), Flag(("-f", "--filter"), repeat=True),
                     Flag(("--format",)), Flag(("-s", "--size"), False)])
    if p.positional:
        raise CommandError(f'"docker ps" accepts no arguments.\nSee \'docker ps --help\'.')
    host, now = world.docker.host(host_name), world.sim.now
    rows = sorted(host.containers.values(), key=lambda c: (-c.created_at, c.id))
    if not p.flag("all") and not p.flag("latest") and p.str("last") is None:
        rows = [c for c in rows if c.state == "running"]
    for f in p.list("filter"):
        key, _, value = f.partition("=")
        if key == "status":
            rows = [c for c in rows if c.state == value]
        elif key == "name":
            rows = [c for c in rows if value in c.name]
        elif key == "ancestor":
            rows = [c for c in rows if c.image == value or c.image_id == _image_id(host, value)]
        else:
            raise CommandError(f"Error response from daemon: invalid filter '{key}'")
    if p.flag("latest"):
        rows = rows[:1]
    if p.str("last") is not None:
        try:
            rows = rows[: max(0, int(p.str("last") or "0"))]
        except ValueError:
            raise CommandError(f'invalid argument "{p.str("last")}" for "-n, --last" flag') from None
    ident = (lambda c: c.id) if p.flag("no_trunc") else (lambda c: c.short_id)
    if p.flag("quiet"):
        return "\n".join(ident(c) for c in rows)
    data = [(ident(c), c.image, quote_command(c.command) if p.flag("no_trunc") else truncate(quote_command(c.command), 20),
             ago(now, c.created_at), ct.status_text(now, c), ", ".join(_ports_shown(c)), c.name) for c in rows]
    if p.str("format"):
        keys = ("ID", "Image", "Command", "RunningFor", "Status", "Ports", "Names")
        return "\n".join(render(p.str("format") or "", dict(zip(keys, row))) for row in data)
    return table(["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"], data)


def _image_id(host: Host, text: str) -> str | None:
    try:
        return host.find_image(text).id
    except DockerError:
        return None


def _ports_shown(c: Container) -> list[str]:
    return list(c.ports) if c.state == "running" else []


def _each(world: Any, host_name: str, args: list[str], verb: str, flags: list[Flag]) -> tuple[Any, list[Container], Any]:
    p = parse(args, flags)
    if not p.positional:
        raise CommandError(f'"docker {verb}" requires at least 1 argument.\nSee \'docker {verb} --help\'.')
    host = world.docker.host(host_name)
    found = [find_container(host, name) for name in p.positional]  # all must exist before any change
    return p, found, host  # type: ignore[return-value]


def start(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p, found, host = _each(world, host_name, args, "start", [Flag(("-a", "--attach"), False), Flag(("-i", "--interactive"), False)])
    for c in found:
        if c.state != "running":
            _check_ports(host, c)
    for c in found:
        if c.state != "running":
            ct.start(world.docker, host, c, host.images[c.image_id], False)
    return "\n".join(p.positional)


def stop(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p, found, host = _each(world, host_name, args, "stop", [Flag(("-t", "--time", "--timeout"), default="10"),
                                                            Flag(("-s", "--signal"))])
    try:
        grace = float(str(p.get("time")))
    except ValueError:
        grace = -1.0
    if not 0 <= grace <= 3600:
        raise CommandError(f'invalid argument "{p.get("time")}" for "-t, --time" flag: seconds from 0 to 3600')
    for c in found:
        _stop_one(world, host, c, grace)
    return "\n".join(p.positional)


def _stop_one(world: Any, host: Host, c: Container, grace: float) -> None:
    """SIGTERM; servers from the catalog exit cleanly at once, other PID-1 programs ignore it and are killed."""
    if c.state != "running":
        return
    handles = bool(ct.catalog.logs_for(host.images[c.image_id])) and c.behaviour == "server"
    world.sim.advance(ct.STOP_SECONDS if handles else max(0.0, grace))
    if c.state == "running":  # it may have exited on its own meanwhile
        ct.finish(world.docker, host.name, c.id, c.generation, 0 if handles else 137, "stopped" if handles else "killed")


def kill(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    """SIGKILL (or -s SIGNAL): the container ends at once; exit code 128 + signal number, as Docker reports."""
    p, found, host = _each(world, host_name, args, "kill", [Flag(("-s", "--signal"), default="KILL")])
    signals = {"KILL": 9, "TERM": 15, "INT": 2, "QUIT": 3, "HUP": 1, "9": 9, "15": 15, "2": 2, "3": 3, "1": 1}
    sig = str(p.get("signal")).upper().removeprefix("SIG")
    if sig not in signals:
        raise CommandError(f'Error response from daemon: Invalid signal: {p.get("signal")}')
    for c in found:
        if c.state != "running":
            raise DockerError(f"Error response from daemon: cannot kill container: {c.name}: container {c.id} "
                              "is not running")
    for c in found:
        ct.finish(world.docker, host.name, c.id, c.generation, 128 + signals[sig], "killed")
    return "\n".join(p.positional)


def restart(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p, found, host = _each(world, host_name, args, "restart", [Flag(("-t", "--time"), default="10")])
    for c in found:
        _stop_one(world, host, c, 10.0)
        if c.id in host.containers:
            ct.start(world.docker, host, c, host.images[c.image_id], False)
    return "\n".join(p.positional)


def rm(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p, found, host = _each(world, host_name, args, "rm", [Flag(("-f", "--force"), False), Flag(("-v", "--volumes"), False)])
    for c in found:
        if c.state == "running" and not p.flag("force"):
            raise DockerError(f'Error response from daemon: cannot remove container "/{c.name}": container is running: '
                              "stop the container before removing or force remove")
    for c in found:
        if c.state == "running":
            c.state, c.exit_code, c.finished_at = "exited", 137, world.sim.now
            world.sim.emit(ev.ContainerStopped, host=host.name, container_id=c.id, name=c.name, exit_code=137, reason="killed")
        if c.id in host.containers:
            ct.remove(world.docker, host, c)
    return "\n".join(p.positional)


def logs(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p = parse(args, [Flag(("-f", "--follow"), False), Flag(("-t", "--timestamps"), False), Flag(("-n", "--tail"), default="all"),
                     Flag(("--since",))])
    if len(p.positional) != 1:
        raise CommandError('"docker logs" requires exactly 1 argument.\nSee \'docker logs --help\'.')
    c = find_container(world.docker.host(host_name), p.positional[0])
    entries = c.logs
    tail = str(p.get("tail"))
    if tail != "all":
        try:
            n = int(tail)
        except ValueError:
            raise CommandError(f'invalid argument "{tail}" for "-n, --tail" flag') from None
        entries = entries[-n:] if n > 0 else []
    return "\n".join((f"{rfc3339(t)} {line}" if p.flag("timestamps") else line) for t, line in entries)


def container_json(world: Any, host: Host, c: Container) -> dict[str, Any]:
    ports = {x.split("->")[1]: [{"HostIp": x.split(":")[0], "HostPort": x.split("->")[0].split(":")[1]}] for x in c.ports}
    return {
        "Id": c.id, "Created": rfc3339(c.created_at), "Path": c.command[0] if c.command else "",
        "Args": list(c.command[1:]),
        "State": {"Status": c.state, "Running": c.state == "running", "ExitCode": c.exit_code,
                  "StartedAt": rfc3339(c.started_at) if c.started_at is not None else "0001-01-01T00:00:00Z",
                  "FinishedAt": rfc3339(c.finished_at) if c.finished_at is not None else "0001-01-01T00:00:00Z"},
        "Image": c.image_id, "Name": "/" + c.name,
        "Config": {"Image": c.image, "Env": list(c.env), "Cmd": list(c.command), "WorkingDir": c.working_dir},
        "HostConfig": {"AutoRemove": c.auto_remove, "PortBindings": ports},
        "NetworkSettings": {"Ports": ports if c.state == "running" else {}},
        "GraphDriver": {"Name": "overlay2", "Data": {"note": "a thin writable layer over the image's layers"}},
    }


def container_group(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    if not args:
        raise CommandError("Usage:  docker container COMMAND\n\nCommands: ls, run, create, start, stop, restart, rm, logs, inspect")
    from .cli_images import inspect
    from .cli_run import create, run
    table_ = {"ls": ps, "list": ps, "ps": ps, "run": run, "create": create, "start": start, "stop": stop,
              "restart": restart, "rm": rm, "remove": rm, "logs": logs,
              "inspect": lambda w, i, h, a: inspect(w, i, h, ["--type", "container", *a])}
    if args[0] not in table_:
        raise CommandError(f"docker container: '{args[0]}' is not a docker container command.\nSee 'docker container --help'")
    return table_[args[0]](world, inv, host_name, args[1:])
