"""The ``docker`` program of the console and the Docker half's ``sim`` commands.

``docker [-H HOST] COMMAND ...``: ``-H`` picks the simulated host (default: ``sim host use``'s choice,
initially "laptop"); real Docker takes a daemon socket there, the simulator takes a host name.
"""
from __future__ import annotations

import json
from typing import Any, Callable

from ..console import Console, Invocation
from ..errors import CommandError
from . import cli_build, cli_containers, cli_help, cli_images, cli_run, cli_sim
from .errors import DockerError
from .reference import parse_ref

Handler = Callable[[Any, Invocation, str, list[str]], str]

#: Real docker commands the simulator does not model: they get an honest message, not "not a docker command".
NOT_SIMULATED = {"exec", "cp", "attach", "commit", "export", "import", "save", "load", "network", "volume", "compose",
                 "stats", "top", "diff", "port", "update", "wait", "events", "info", "swarm", "service", "stack",
                 "context", "builder", "trust", "plugin", "secret", "config", "node", "checkpoint",
                 "pause", "unpause", "rename", "scout", "init", "search"}


def _manifest(world: Any, inv: Invocation, host: str, args: list[str]) -> str:
    """``docker manifest inspect REF``: the manifest as the registry serves it (config digest = image ID)."""
    if len(args) != 2 or args[0] != "inspect":
        raise CommandError("Usage:  docker manifest inspect NAME[:TAG|@DIGEST]   (the simulator supports inspect)")
    ref = parse_ref(args[1])
    try:
        image = world.docker.registry_for(ref).resolve(ref)
    except Exception as exc:
        message = str(exc).replace("Error response from daemon: ", "")
        raise DockerError(f"no such manifest: {ref.full}" if "manifest unknown" in message else message) from None
    return json.dumps(json.loads(image.manifest_bytes), indent="\t")


def _buildx(world: Any, inv: Invocation, host: str, args: list[str]) -> str:
    if args[:1] == ["build"]:
        return cli_build.build(world, inv, host, args[1:])
    raise CommandError("docker buildx: the simulator supports 'docker buildx build' (the same as 'docker build')")


COMMANDS: dict[str, tuple[Handler, str]] = {
    "build": (cli_build.build, "Build an image from a Dockerfile"),
    "buildx": (_buildx, "Docker Buildx (buildx build = build)"),
    "manifest": (_manifest, "Show an image manifest from its registry (manifest inspect)"),
    "images": (cli_images.images, "List images"),
    "image": (cli_images.image_group, "Manage images (ls, rm, history, inspect, tag, push, pull)"),
    "history": (cli_images.history, "Show the history of an image"),
    "inspect": (cli_images.inspect, "Return low-level information on Docker objects"),
    "tag": (cli_images.tag, "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"),
    "rmi": (cli_images.rmi, "Remove one or more images"),
    "pull": (cli_images.pull, "Download an image from a registry"),
    "push": (cli_images.push, "Upload an image to a registry"),
    "login": (cli_images.login, "Log in to a registry"),
    "logout": (cli_images.logout, "Log out from a registry"),
    "run": (cli_run.run, "Create and run a new container from an image"),
    "create": (cli_run.create, "Create a new container"),
    "ps": (cli_containers.ps, "List containers"),
    "start": (cli_containers.start, "Start one or more stopped containers"),
    "stop": (cli_containers.stop, "Stop one or more running containers"),
    "kill": (cli_containers.kill, "Kill one or more running containers"),
    "restart": (cli_containers.restart, "Restart one or more containers"),
    "rm": (cli_containers.rm, "Remove one or more containers"),
    "logs": (cli_containers.logs, "Fetch the logs of a container"),
    "container": (cli_containers.container_group, "Manage containers (ls, run, start, stop, rm, logs, inspect)"),
    "system": (cli_images.system, "Manage Docker (df)"),
    "version": (cli_images.version, "Show the Docker version information"),
}


def usage() -> str:
    width = max(len(n) for n in COMMANDS)
    lines = ["", "Usage:  docker [-H HOST] COMMAND", "", "A simulated container engine (nothing is executed).", "",
             "Commands:"]
    lines += [f"  {name.ljust(width)}  {summary}" for name, (_, summary) in sorted(COMMANDS.items())]
    lines += ["", "Run 'docker COMMAND --help' for more information on a command."]
    return "\n".join(lines)


def docker(world: Any, inv: Invocation, args: list[str]) -> str:
    host = world.docker.current_host
    rest = list(args)
    while rest and rest[0].startswith("-"):
        opt = rest.pop(0)
        if opt in ("-H", "--host"):
            if not rest:
                raise CommandError("flag needs an argument: -H\nSee 'docker --help'.")
            host = rest.pop(0)
        elif opt.startswith("--host=") or (opt.startswith("-H") and len(opt) > 2):
            host = opt.split("=", 1)[1] if opt.startswith("--host=") else opt[2:]
        elif opt in ("--help", "-h"):
            return usage()
        elif opt in ("-v", "--version"):
            return cli_images.VERSION_LINE
        else:
            raise CommandError(f"unknown flag: {opt}\nSee 'docker --help'.")
    if not host or not all(c.isalnum() or c in "-_." for c in host):
        raise CommandError(f'invalid host name "{host}": use letters, digits, "-", "_" or "."')
    if not rest:
        return usage()
    name, sub = rest[0], rest[1:]
    entry = COMMANDS.get(name)
    if entry is None and name in NOT_SIMULATED:
        raise CommandError(f"docker {name}: a real Docker command that this simulator does not model "
                           "(it runs no processes and keeps no volumes or networks); see 'docker --help'")
    if entry is None:
        raise CommandError(f"docker: '{name}' is not a docker command.\nSee 'docker --help'")
    options = cli_run._split_run(sub)[0] if name in ("run", "create") else sub  # after IMAGE: the container's
    if "--help" in options or ("-h" in options and name not in ("run", "create")):
        return cli_help.help_for(name, entry[1])
    existed = host in world.docker.hosts
    try:
        return entry[0](world, inv, host, sub)
    except Exception:
        if not existed:  # a rejected command leaves no trace, not even the host it named
            world.docker.hosts.pop(host, None)
        raise


def register(console: Console) -> None:
    console.register("docker", docker)
    cli_sim.register(console)
