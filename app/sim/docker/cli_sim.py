"""The Docker half's ``sim`` commands: hosts (machines with a Docker engine) and registries."""
from __future__ import annotations

import re
from typing import Any

from ..args import Flag, parse
from ..console import Console, Invocation
from ..errors import CommandError
from .events import HostAdded
from .format import human_size, table, truncate
from .reference import _HOST

_UNITS = {"bit": 1 / 8, "kbit": 1000 / 8, "mbit": 1e6 / 8, "gbit": 1e9 / 8,
          "b/s": 1, "kb/s": 1e3, "mb/s": 1e6, "gb/s": 1e9}


def parse_bandwidth(text: str) -> float:
    """``100Mbit``, ``1Gbit``, ``12.5MB/s`` or plain bytes per second."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z/]*)\s*", text)
    unit = (m.group(2) or "b/s").lower() if m else ""
    if not m or unit not in _UNITS:
        raise CommandError(f'invalid bandwidth "{text}" (examples: 100Mbit, 1Gbit, 12.5MB/s)')
    value = float(m.group(1)) * _UNITS[unit]
    if not 125_000 <= value <= 1.25e10:  # slower links would make blocking commands last simulated days
        raise CommandError(f"bandwidth {text} is out of range (1Mbit to 100Gbit)")
    return value


def _rate(bps: float) -> str:
    return f"{bps * 8 / 1e6:g}Mbit"


def _valid_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}", name):
        raise CommandError(f'invalid host name "{name}": letters, digits, ".", "_" and "-" only')
    return name


def host_cmd(world: Any, inv: Invocation, args: list[str]) -> str:
    engine = world.docker
    if not args or args[0] == "ls":
        engine.host(engine.current_host)
        rows = [("*" if n == engine.current_host else "", n, str(len(h.images)), str(len(h.layers)),
                 human_size(h.store_bytes), str(sum(c.state == "running" for c in h.containers.values())),
                 _rate(h.bandwidth)) for n, h in sorted(engine.hosts.items())]
        return table(["", "HOST", "IMAGES", "LAYERS", "STORE", "RUNNING", "BANDWIDTH"], rows)
    sub, rest = args[0], args[1:]
    if sub == "add":
        p = parse(rest, [Flag(("--bandwidth",)), Flag(("--upload",))], program="sim")
        if len(p.positional) != 1:
            raise CommandError("usage: sim host add NAME [--bandwidth 100Mbit] [--upload 40Mbit]")
        name = _valid_name(p.positional[0])
        down = parse_bandwidth(p.str("bandwidth")) if p.str("bandwidth") else None
        up = parse_bandwidth(p.str("upload")) if p.str("upload") else None
        existed = name in engine.hosts
        h = engine.host(name)
        if not existed:
            world.sim.emit(HostAdded, host=name)
        if down:
            h.bandwidth = down
        if up:
            h.upload_bandwidth = up
        return f"host {name} {'updated' if existed else 'added'} (download {_rate(h.bandwidth)}, upload {_rate(h.upload_bandwidth)})"
    if sub == "use":
        if len(rest) != 1:
            raise CommandError("usage: sim host use NAME")
        engine.current_host = _valid_name(rest[0])
        engine.host(rest[0])
        return f"docker commands now talk to host {rest[0]}"
    raise CommandError(f'unknown "sim host" command "{sub}"; try: sim host ls | add NAME | use NAME')


def registry_cmd(world: Any, inv: Invocation, args: list[str]) -> str:
    engine = world.docker
    if not args or args[0] == "ls":
        rows = [(n, "yes" if r.requires_login else "no", str(len(r.repos)), human_size(sum(r.blobs.values())),
                 "official-image catalog" if r.serves_catalog else "") for n, r in sorted(engine.registries.items())]
        return table(["REGISTRY", "LOGIN", "PUSHED REPOS", "STORED", "NOTE"], rows)
    sub, rest = args[0], args[1:]
    if sub == "add":
        p = parse(rest, [Flag(("--login-required",), False)], program="sim")
        if len(p.positional) != 1:
            raise CommandError("usage: sim registry add HOST[:PORT] [--login-required]")
        name = p.positional[0]
        if not _HOST.match(name) or not ("." in name or ":" in name or name == "localhost" or name.startswith("localhost:")):
            raise CommandError(f'invalid registry host "{name}": it needs a dot, a port or "localhost" '
                               "(e.g. registry.school.edu or localhost:5000), as Docker tells hosts from names that way")
        if name in engine.registries:
            return f"registry {name} already exists"
        engine.add_registry(name, requires_login=p.flag("login_required"))
        return f"registry {name} added (push with: docker tag IMAGE {name}/NAME:TAG && docker push {name}/NAME:TAG)"
    if sub in ("catalog", "tags"):
        if not rest:
            raise CommandError("usage: sim registry catalog HOST [REPOSITORY]")
        reg = engine.registries.get(rest[0])
        if reg is None:
            raise CommandError(f"no registry {rest[0]} (sim registry ls lists them)")
        if len(rest) == 1:
            return "\n".join(reg.list_repositories()) or "(empty registry)"
        repo = rest[1] if "/" in rest[1] or not reg.serves_catalog else "library/" + rest[1]
        tags = reg.list_tags(repo)
        if not tags:
            raise CommandError(f"{rest[0]}/{repo}: NAME_UNKNOWN: repository name not known to registry")
        return "\n".join(tags)
    raise CommandError(f'unknown "sim registry" command "{sub}"; try: sim registry ls | add HOST | catalog HOST [REPO]')


def explain_build(world: Any, inv: Invocation, args: list[str]) -> str:
    """The last build, step by step: cached or rebuilt, and why (the engine's own reasons)."""
    if args:
        raise CommandError("usage: sim explain-build")
    result = world.docker.last_build
    if result is None:
        return "no build yet: run docker build first"
    rows = []
    for s in result.steps:
        where = f"[{s.stage} {s.index}/{s.total}]" if len(result.steps) and any(x.stage != s.stage for x in result.steps) \
            else f"[{s.index}/{s.total}]"
        state = "base" if s.kind == "FROM" else ("CACHED" if s.cached else "built")
        layer = s.layer[7:19] if s.layer else "-"
        rows.append((where, truncate(s.instruction.replace("\n", " "), 40), state, layer, human_size(s.size), s.detail))
    head = (f"build {result.build_id} on {result.host}: image {result.image_id[7:19]}, "
            f"{result.cached_steps} steps cached, {result.rebuilt_steps} rebuilt, {result.seconds:.1f}s simulated")
    notes = [f"  [{s.index}/{s.total}] {truncate(s.instruction, 40)}: {s.model}" for s in result.steps
             if s.kind == "RUN" and s.model]
    tail = ["", "RUN sizes and times are modelled from the command text (the simulator runs nothing):", *notes] \
        if notes else []
    return "\n".join([head, table(["STEP", "INSTRUCTION", "RESULT", "LAYER", "SIZE", "WHY"], rows), *tail])


def register(console: Console) -> None:
    console.register_sim("explain-build", explain_build, "sim explain-build",
                         "the last docker build step by step: cached or rebuilt, and why")
    console.register_sim("host", host_cmd, "sim host [ls | add NAME [--bandwidth R] | use NAME]",
                         "machines with a Docker engine; docker -H NAME talks to one")
    console.register_sim("registry", registry_cmd, "sim registry [ls | add HOST [--login-required] | catalog HOST [REPO]]",
                         "image registries (docker.io is built in)")
