"""``docker run`` and ``docker create``: options before IMAGE, the image pulled when missing, ports checked."""
from __future__ import annotations

import re
from typing import Any

from ..args import Flag, parse
from ..console import Invocation
from ..errors import CommandError
from . import containers as ct, distribution, events as ev
from .cli_containers import find_container
from .errors import DockerError, ImageNotFound
from .host import Container
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
            raise DockerError(run_error(f"Error response from daemon: No such image: {ref.familiar}", verb))
        try:
            engine.plan_pull(host_name, image_text)  # check first: a failed run changes nothing
        except ImageNotFound as exc:
            lead = f"Unable to find image '{ref.familiar}' locally\n" if pull_policy == "missing" else ""
            raise DockerError(lead + run_error(str(exc), verb)) from None
        if pull_policy == "missing":
            notes.append(f"Unable to find image '{ref.familiar}' locally")
        notes += distribution.pull(engine, host_name, image_text, implicit=True).splitlines()[:-1]
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


def run_error(message: str, verb: str | None) -> str:
    """How docker/cli (v20-v27) prints a failed run: its ``reportError`` gives ``docker: `` + the
    message with exactly one final period, plus the ``--help`` hint when creating the container
    failed (not when starting it did). ``docker create`` returns the daemon's error as it is."""
    if verb == "create":
        return message
    text = f"docker: {message.rstrip('.')}."
    return text + (f"\nSee 'docker {verb} --help'." if verb else "")


def run(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    host = world.docker.host(host_name)
    opts, _ = _split_run(args)
    published = _ports(parse(opts, _RUN_FLAGS).list("publish"))
    busy = {x.split("->")[0] for o in host.containers.values() if o.state == "running" for x in o.ports}
    clash = sorted({x.split("->")[0] for x in published} & busy)
    if clash:  # refuse before creating anything (real Docker leaves a Created container behind)
        raise DockerError(run_error(f"Error response from daemon: Bind for {clash[0]} failed: port is already allocated",
                                    None))
    c, image, notes, p = _create(world, host_name, args, "run")
    lines = ct.start(world.docker, host, c, image, p.flag("interactive") and p.flag("tty"))
    if p.flag("detach"):  # only the ID, after any note on what the simulator did on purpose
        return "\n".join(notes + [x for x in lines if x.startswith("(simulated:")] + [c.id])
    out = notes + lines
    if c.state == "running":
        out.append(f"(simulated: a real 'docker run' stays attached to {c.name} here; it keeps running: "
                   f"docker logs {c.name}, docker stop {c.name})")
    return "\n".join(out)


def create(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    c, _, notes, _ = _create(world, host_name, args, "create")
    return "\n".join(notes + [c.id])


