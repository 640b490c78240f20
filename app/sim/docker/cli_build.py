"""``docker build``: reads a real build context directory (recorded by the session) and runs the builder."""
from __future__ import annotations

import posixpath
from typing import Any

from ..args import Flag, parse
from ..console import Invocation
from ..errors import CommandError, SimError
from .builder import BuildOptions
from .contextread import read_context
from .reference import parse_ref

_FLAGS = [Flag(("-t", "--tag"), repeat=True), Flag(("-f", "--file")), Flag(("--target",)),
          Flag(("--build-arg",), repeat=True), Flag(("--no-cache",), False), Flag(("-q", "--quiet"), False),
          Flag(("--progress",), default="auto"), Flag(("--pull",), False), Flag(("--label",), repeat=True),
          Flag(("--platform",)), Flag(("--rm",), False), Flag(("--network",)), Flag(("--load",), False)]


def build(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p = parse(args, _FLAGS)
    if len(p.positional) != 1:
        raise CommandError('ERROR: "docker buildx build" requires exactly 1 argument.\n'
                           "See 'docker buildx build --help'.\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -")
    progress = p.str("progress")
    if progress not in ("auto", "tty", "plain", "quiet", "rawjson"):
        raise CommandError(f'ERROR: invalid progress mode "{progress}": use auto, tty, plain or quiet')
    platform = p.str("platform")
    if platform not in (None, "linux/amd64"):
        raise CommandError(f"ERROR: the simulator builds linux/amd64 images only (asked for {platform})")
    tags = []
    for t in p.list("tag"):
        try:
            tags.append(parse_ref(t).full)
        except SimError as exc:
            raise CommandError(f'ERROR: invalid tag "{t}": {str(exc).split(": ", 1)[-1]}') from None
    build_args: dict[str, str] = {}
    for item in p.list("build_arg"):
        k, eq, v = item.partition("=")
        if not k:
            raise CommandError(f'ERROR: invalid build-arg "{item}": use NAME=VALUE')
        if eq:
            build_args[k] = v
    labels = {}
    for item in p.list("label"):
        k, _, v = item.partition("=")
        labels[k] = v
    path = p.positional[0]
    if path.startswith(("http://", "https://", "git://", "git@", "github.com/")):
        raise CommandError(f'ERROR: the simulator builds local directories only (got the URL "{path}"): '
                           "clone it and build the directory")
    dockerfile_name = p.str("file")
    if path == "-":
        files: dict[str, bytes] = {}
        text = (inv.stdin or "")
        dockerfile_name = "Dockerfile"
    else:
        if not inv.is_dir(path):
            raise CommandError(f'ERROR: unable to prepare context: path "{path}" not found')
        files = read_context(inv, path)
        if dockerfile_name == "-":
            text = inv.stdin or ""
        elif dockerfile_name:
            try:
                text = inv.read_file(dockerfile_name).decode("utf-8", "replace")
            except SimError:
                raise CommandError(f"ERROR: failed to solve: failed to read dockerfile: open {dockerfile_name}: "
                                   "no such file or directory") from None
            dockerfile_name = posixpath.basename(dockerfile_name)
        else:
            dockerfile_name = "Dockerfile"
            data = files.get("Dockerfile", files.get("dockerfile"))
            if data is None:
                raise CommandError("ERROR: failed to solve: failed to read dockerfile: open Dockerfile: "
                                   "no such file or directory")
            text = data.decode("utf-8", "replace")
    options = BuildOptions(files, text, dockerfile_name, tuple(tags), p.str("target"), build_args,
                           p.flag("no_cache"), labels)
    result = world.docker.build(host_name, options, quiet=p.flag("quiet") or progress == "quiet",
                                plain=progress in ("plain", "rawjson"))
    return result.output
