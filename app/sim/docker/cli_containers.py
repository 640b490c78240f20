"""Container commands: run, create, ps, start, stop, restart, rm, logs, container ..."""
from __future__ import annotations

import re
from typing import Any

from ..args import Flag, parse
from ..console import Invocation
from ..errors import CommandError
from . import containers as ct, distribution, events as ev
from .errors import DockerError, ImageNotFound, NoSuchContainer
from .format import ago, quote_command, table, truncate
from .gotemplate import render
from .host import Container, Host
from .oci import rfc3339
from .reference import parse_ref

_RUN_VALUE = {"--name", "-p", "--publish", "-e", "--env", "-w", "--workdir", "--entrypoint", "-u", "--user",
              "-v", "--volume", "--network", "--net", "--restart", "-h", "--hostname", "--platform", "--pull",
              "-m", "--memory", "--cpus", "-l", "--label", "--mount", "--stop-signal"}
_RUN_BOOL = {"-d", "--detach", "-i", "--interactive", "-t", "--tty", "--rm", "--init", "--privileged", "-P",
             "--publish-all", "--read-only"}
_RUN_FLAGS = [Flag(("-d", "--detach"), False), Flag(("-i", "--interactive"), False), Flag(("-t", "--tty"), False),
              Flag(("--rm",), False), Flag(("--init",), False), Flag(("--privileged",), False),
              Flag(("-P", "--publish-all"), False), Flag(("--read-only",), False), Flag(("--name",)),
              Flag(("-p", "--publish"), repeat=True), Flag(("-e", "--env"), repeat=True), Flag(("-w", "--workdir")),
              Flag(("--entrypoint",)), Flag(("-u", "--user")), Flag(("-v", "--volume"), repeat=True),
              Flag(("--network", "--net")), Flag(("--restart",)), Flag(("-h", "--hostname")), Flag(("--platform",)),
              Flag(("--pull",), default="missing"), Flag(("-m", "--memory")), Flag(("--cpus",)),
              Flag(("-l", "--label"), repeat=True), Flag(("--mount",), repeat=True), Flag(("--stop-signal",))]
_PORT = re.compile(r"^(?:(\d{1,3}(?:\.\d{1,3}){3}):)?(?:(\d{1,5}):)?(\d{1,5})(?:/(tcp|udp))?$")
_NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")


def _split_run(args: list[str]) -> tuple[list[str], list[str]]:
    """Options before IMAGE go to docker; IMAGE and what follows is the container's command."""
    opts, i = [], 0
    while i < len(args):
        a = args[i]
        if a == "--":
            return opts, args[i + 1:]
        if not a.startswith("-") or a == "-":
            return opts, args[i:]
        if re.fullmatch(r"-[dit]{2,3}", a):  # combined short switches: -it, -dit
            opts += [f"-{c}" for c in a[1:]]
        else:
            opts.append(a)
            if a in _RUN_VALUE and "=" not in a:
                if i + 1 < len(args):
                    opts.append(args[i + 1])
                i += 1
        i += 1
    return opts, []


def _ports(specs: list[str]) -> tuple[str, ...]:
    out = []
    for spec in specs:
        m = _PORT.match(spec)
        if not m or any(int(x) > 65535 or int(x) == 0 for x in (m.group(2), m.group(3)) if x):
            raise CommandError(f'docker: invalid port format for --publish: "{spec}" (use HOST:CONTAINER, e.g. 8080:80)\n'
                               "See 'docker run --help'.")
        host_port = m.group(2) or m.group(3)
        out.append(f"{m.group(1) or '0.0.0.0'}:{host_port}->{m.group(3)}/{m.group(4) or 'tcp'}")
    return tuple(out)


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


def _create(world: Any, host_name: str, args: list[str], verb: str) -> tuple[Container, Any, list[str], Any]:
    opts, rest = _split_run(args)
    p = parse(opts, _RUN_FLAGS)
    if not rest:
        raise CommandError(f'"docker {verb}" requires at least 1 argument.\nSee \'docker {verb} --help\'.\n\n'
                           f"Usage:  docker {verb} [OPTIONS] IMAGE [COMMAND] [ARG...]")
    engine, host = world.docker, world.docker.host(host_name)
    image_text, cmd = rest[0], tuple(rest[1:])
    ref = parse_ref(image_text)
    name = p.str("name")
    if name is not None and not _NAME.match(name):
        raise DockerError(f'docker: Error response from daemon: Invalid container name ({name}), only '
                          '[a-zA-Z0-9][a-zA-Z0-9_.-] are allowed.')
    if name and (other := find_container(host, name, required=False)) and other.name == name:
        raise DockerError(f'docker: Error response from daemon: Conflict. The container name "/{name}" is already in '
                          f'use by container "{other.id}". You have to remove (or rename) that container to be able to '
                          "reuse that name.")
    ports = _ports(p.list("publish"))
    for e in p.list("env"):
        if not e or e.startswith("="):
            raise CommandError(f'docker: invalid environment variable: {e}\nSee \'docker run --help\'.')
    pull_policy = p.str("pull")
    if pull_policy not in ("missing", "always", "never"):
        raise CommandError(f'docker: invalid pull option: \'{pull_policy}\': must be one of "always", "missing" or "never"')
    notes: list[str] = []
    image = None
    try:
        image = host.find_image(image_text) if pull_policy != "always" else None
    except DockerError:
        image = None
    if image is None:
        if pull_policy == "never":
            raise DockerError(f"docker: Error response from daemon: No such image: {ref.familiar}.")
        try:
            engine.plan_pull(host_name, image_text)  # check first: a failed run changes nothing
        except ImageNotFound as exc:
            lead = f"Unable to find image '{ref.familiar}' locally\n" if pull_policy == "missing" else ""
            raise DockerError(f"{lead}docker: {exc}\nSee 'docker {verb} --help'.") from None
        if pull_policy == "missing":
            notes.append(f"Unable to find image '{ref.familiar}' locally")
        notes += distribution.pull(engine, host_name, image_text).splitlines()[:-1]
        image = host.find_image(image_text)
    entrypoint = None
    if p.str("entrypoint") is not None:
        entrypoint = tuple(p.str("entrypoint").split()) if p.str("entrypoint") else ()
    env = list(image.config.env)
    for e in p.list("env"):
        k = e.split("=", 1)[0]
        env = [x for x in env if x.split("=", 1)[0] != k] + [e]
    c = Container(
        id=ct.new_container_id(engine, host), name=name or ct.random_name(engine, host), image=image_text,
        image_id=image.id, command=ct.resolve_command(image, entrypoint, cmd), created_at=world.sim.now,
        env=tuple(env), working_dir=p.str("workdir") or image.config.working_dir or "/", ports=ports,
        auto_remove=p.flag("rm"))
    host.containers[c.id] = c
    world.sim.emit(ev.ContainerCreated, host=host_name, container_id=c.id, name=c.name, image=image_text,
                   image_id=image.id, command=" ".join(c.command))
    return c, image, notes, p


def _check_ports(host: Host, c: Container) -> None:
    mine = {x.split("->")[0] for x in c.ports}
    for other in host.containers.values():
        if other.id != c.id and other.state == "running":
            taken = mine & {x.split("->")[0] for x in other.ports}
            if taken:
                raise DockerError(f"docker: Error response from daemon: driver failed programming external connectivity on "
                                  f"endpoint {c.name} ({c.id[:12]}): Bind for {sorted(taken)[0]} failed: port is already allocated.")


def run(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    host = world.docker.host(host_name)
    opts, _ = _split_run(args)
    published = _ports(parse(opts, _RUN_FLAGS).list("publish"))
    busy = {x.split("->")[0] for o in host.containers.values() if o.state == "running" for x in o.ports}
    clash = sorted({x.split("->")[0] for x in published} & busy)
    if clash:  # refuse before creating anything (real Docker leaves a Created container behind)
        raise DockerError(f"docker: Error response from daemon: Bind for {clash[0]} failed: port is already allocated.")
    c, image, notes, p = _create(world, host_name, args, "run")
    lines = ct.start(world.docker, host, c, image, p.flag("interactive") and p.flag("tty"))
    if p.flag("detach"):
        return "\n".join(notes + [c.id])
    out = notes + lines
    if c.state == "running":
        out.append(f"(simulated: a real 'docker run' stays attached to {c.name} here; it keeps running: "
                   f"docker logs {c.name}, docker stop {c.name})")
    return "\n".join(out)


def create(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    c, _, notes, _ = _create(world, host_name, args, "create")
    return "\n".join(notes + [c.id])


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
        raise CommandError(f'invalid argument "{p.get("time")}" for "-t, --time" flag') from None
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
    table_ = {"ls": ps, "list": ps, "ps": ps, "run": run, "create": create, "start": start, "stop": stop,
              "restart": restart, "rm": rm, "remove": rm, "logs": logs,
              "inspect": lambda w, i, h, a: inspect(w, i, h, ["--type", "container", *a])}
    if args[0] not in table_:
        raise CommandError(f"docker container: '{args[0]}' is not a docker container command.\nSee 'docker container --help'")
    return table_[args[0]](world, inv, host_name, args[1:])
