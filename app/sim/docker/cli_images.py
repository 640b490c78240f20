"""Image commands: images, history, inspect, tag, rmi, pull, push, login, logout, image prune, system df."""
from __future__ import annotations

import json
from typing import Any

from ..args import Flag, parse
from ..console import Invocation
from ..errors import CommandError
from . import distribution, events as ev
from .errors import DockerError
from .format import ago, human_size, table, truncate
from .gotemplate import render
from .inspect import image_json
from .engine import loopback_address
from .reference import DEFAULT_REGISTRY, parse_ref

VERSION_LINE = "Docker version 27.3.1 (simulated by Container Classroom)"


def _one(args: list[str], what: str, usage: str, p_positional: list[str], at_least: int = 1, at_most: int = 1) -> None:
    n = len(p_positional)
    if n < at_least or n > at_most:
        need = f"exactly {at_least} argument" if at_least == at_most else f"at least {at_least} argument"
        raise CommandError(f'"docker {what}" requires {need}{"" if at_least == 1 else "s"}.\n'
                           f"See 'docker {what} --help'.\n\nUsage:  docker {usage}")


# -- listing -----------------------------------------------------------------------------------------
def images(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p = parse(args, [Flag(("-a", "--all"), False), Flag(("-q", "--quiet"), False), Flag(("--digests",), False),
                     Flag(("--no-trunc",), False), Flag(("-f", "--filter"), repeat=True), Flag(("--format",))])
    if len(p.positional) > 1:
        raise CommandError('"docker images" requires at most 1 argument.\nSee \'docker images --help\'.')
    host = world.docker.host(host_name)
    want_repo = want_tag = None
    if p.positional:
        raw = p.positional[0]
        r = parse_ref(raw, default_tag=False)
        want_repo, want_tag = r.name, r.tag
    dangling: bool | None = None
    for f in p.list("filter"):
        key, _, value = f.partition("=")
        if key == "dangling" and value in ("true", "false"):
            dangling = value == "true"
        elif key == "reference":
            r = parse_ref(value, default_tag=False)
            want_repo, want_tag = r.name, r.tag
        else:
            raise CommandError(f"Error response from daemon: invalid filter '{f}'")
    rows = []
    order = sorted(host.images.values(), key=lambda im: (-im.created_at, -host.image_added[im.id], im.id))
    for image in order:
        tags = host.tags_of(image.id)
        entries: list[tuple[Any, str]] = [(parse_ref(t), "") for t in tags]
        if not entries:  # untagged: shown by the repositories it was pulled from, else as <none>
            entries = [(parse_ref(d.split("@")[0]), d.split("@")[1]) for d in sorted(host.repo_digests.get(image.id, ()))]
        for r, pinned in entries or [(None, "")]:
            if r is None and dangling is False or r is not None and dangling is True:
                continue
            if want_repo and (r is None or r.name != want_repo or (want_tag and r.tag != want_tag)):
                continue
            repo, tag = (r.familiar_name, (r.tag if not pinned else "<none>")) if r else ("<none>", "<none>")
            digest = pinned or next((d.split("@")[1] for d in sorted(host.repo_digests.get(image.id, ()))
                                     if r and d.startswith(r.name + "@")), "<none>")
            rows.append((repo, tag, digest, image.id if p.flag("no_trunc") else image.short_id,
                         ago(world.sim.now, image.created_at), human_size(image.size), image))
    if p.flag("quiet"):
        seen, out = set(), []
        for row in rows:
            if row[3] not in seen:
                seen.add(row[3])
                out.append(row[3])
        return "\n".join(out)
    fmt = p.str("format")
    if fmt:
        return "\n".join(render(fmt, {"Repository": r[0], "Tag": r[1], "Digest": r[2], "ID": r[3],
                                      "CreatedSince": r[4], "Size": r[5]}) for r in rows)
    if p.flag("digests"):
        return table(["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"], [r[:6] for r in rows])
    return table(["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"], [(r[0], r[1], r[3], r[4], r[5]) for r in rows])


def history(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p = parse(args, [Flag(("--no-trunc",), False), Flag(("-q", "--quiet"), False), Flag(("-H", "--human"), default="true")])
    _one(args, "history", "history [OPTIONS] IMAGE", p.positional)
    image = world.docker.host(host_name).find_image(p.positional[0])
    rows = []
    n = len(image.history)
    for idx in reversed(range(n)):
        h = image.history[idx]
        ident = (image.id if p.flag("no_trunc") else image.short_id) if idx == n - 1 else "<missing>"
        created_by = h.created_by if p.flag("no_trunc") else truncate(h.created_by.replace("\n", " "), 45)
        created_at = _parse_created(h.created)
        rows.append((ident, ago(world.sim.now, created_at), created_by, human_size(image.history_sizes[idx]), h.comment))
    if p.flag("quiet"):
        return "\n".join(r[0] for r in rows)
    return table(["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"], rows)


def _parse_created(stamp: str) -> float:
    import datetime as dt

    from .oci import SIM_EPOCH
    text = stamp.rstrip("Z")
    fmt = "%Y-%m-%dT%H:%M:%S.%f" if "." in text else "%Y-%m-%dT%H:%M:%S"
    when = dt.datetime.strptime(text, fmt).replace(tzinfo=dt.timezone.utc)
    return (when - SIM_EPOCH).total_seconds()


def inspect(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    from .cli_containers import container_json, find_container
    p = parse(args, [Flag(("-f", "--format")), Flag(("--type",)), Flag(("-s", "--size"), False)])
    if not p.positional:
        raise CommandError('"docker inspect" requires at least 1 argument.\nSee \'docker inspect --help\'.')
    host = world.docker.host(host_name)
    docs = []
    kind = p.str("type")
    for name in p.positional:
        doc = None
        if kind in (None, "container"):
            c = find_container(host, name, required=False)
            if c is not None:
                doc = container_json(world, host, c)
        if doc is None and kind in (None, "image"):
            try:
                image = host.find_image(name)
                doc = image_json(host, image)
            except DockerError:
                doc = None
        if doc is None:
            raise DockerError(f"Error: No such object: {name}" if kind is None else f"Error: No such {kind}: {name}")
        docs.append(doc)
    fmt = p.str("format")
    if fmt:
        return "\n".join(render(fmt, d) for d in docs)
    return go_json(docs)


def go_json(doc: Any) -> str:
    """JSON as Docker's Go encoder writes it: UTF-8 kept as is, but <, > and & escaped for HTML safety."""
    text = json.dumps(doc, indent=4, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def image_group(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    if not args:
        raise CommandError("Usage:  docker image COMMAND\n\nCommands: ls, rm, history, inspect, tag, pull, push, prune")
    sub, rest = args[0], args[1:]
    table_ = {"ls": images, "list": images, "rm": rmi, "remove": rmi, "history": history, "inspect": inspect,
              "tag": tag, "pull": pull, "push": push, "prune": prune, "build": _build}
    if sub not in table_:
        raise CommandError(f"docker image: '{sub}' is not a docker image command.\nSee 'docker image --help'")
    return table_[sub](world, inv, host_name, rest)


def _build(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    from .cli_build import build
    return build(world, inv, host_name, args)


# -- tags and removal ----------------------------------------------------------------------------------
def tag(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p = parse(args, [])
    _one(args, "tag", "tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", p.positional, 2, 2)
    host = world.docker.host(host_name)
    image = host.find_image(p.positional[0])
    target = parse_ref(p.positional[1])
    if target.digest:
        raise CommandError("refusing to create a tag with a digest reference")
    if host.tags.get(target.full) != image.id:
        host.set_tag(target, image.id)
        world.sim.emit(ev.ImageTagged, host=host_name, image_id=image.id, ref=target.full)
    return ""


def rmi(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p = parse(args, [Flag(("-f", "--force"), False), Flag(("--no-prune",), False)])
    if not p.positional:
        raise CommandError('"docker rmi" requires at least 1 argument.\nSee \'docker rmi --help\'.')
    from .images import remove_image
    host = world.docker.host(host_name)
    out, errors = [], []
    for name in p.positional:
        try:
            out.extend(remove_image(world, host, name, force=p.flag("force")))
        except DockerError as exc:
            errors.append(str(exc))
    if errors and not out:
        raise DockerError("\n".join(errors))
    return "\n".join(out + errors)


def prune(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p = parse(args, [Flag(("-f", "--force"), False), Flag(("-a", "--all"), False)])
    from .images import remove_image
    host = world.docker.host(host_name)
    used = {c.image_id for c in host.containers.values()}
    victims = [i for i in sorted(host.images) if i not in used and (p.flag("all") or not host.tags_of(i))]
    lines, before = [], host.store_bytes
    for image_id in victims:
        lines += [line.replace("Deleted", "deleted").replace("Untagged", "untagged")
                  for line in remove_image(world, host, image_id, force=True)]
    head = ["Deleted Images:", *lines, ""] if lines else []
    return "\n".join(head + [f"Total reclaimed space: {human_size(before - host.store_bytes)}"])


# -- distribution --------------------------------------------------------------------------------------------
def pull(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p = parse(args, [Flag(("-q", "--quiet"), False), Flag(("-a", "--all-tags"), False), Flag(("--platform",))])
    _one(args, "pull", "pull [OPTIONS] NAME[:TAG|@DIGEST]", p.positional)
    platform = p.str("platform")
    if platform not in (None, "linux/amd64", "linux/x86_64"):
        raise DockerError(f"Error response from daemon: no matching manifest for {platform} in the manifest list entries"
                          " (the simulator models linux/amd64 images only)")
    out = distribution.pull(world.docker, host_name, p.positional[0])
    return out.splitlines()[-1] if p.flag("quiet") else out


def push(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p = parse(args, [Flag(("-q", "--quiet"), False), Flag(("-a", "--all-tags"), False)])
    _one(args, "push", "push [OPTIONS] NAME[:TAG]", p.positional)
    if p.flag("all_tags"):
        ref = parse_ref(p.positional[0], default_tag=False)
        host = world.docker.host(host_name)
        tags = sorted(parse_ref(t).tag for t in host.tags if parse_ref(t).name == ref.name)
        if not tags:
            raise DockerError(f"Error response from daemon: An image does not exist locally with the tag: {ref.familiar_name}")
        return "\n".join(distribution.push(world.docker, host_name, f"{ref.familiar_name}:{t}") for t in tags)
    out = distribution.push(world.docker, host_name, p.positional[0])
    return out.splitlines()[-1] if p.flag("quiet") else out


def _server(text: str | None) -> str:
    if not text:
        return DEFAULT_REGISTRY
    s = text.strip()
    for prefix in ("https://", "http://"):
        if s.startswith(prefix):
            s = s[len(prefix):]
    s = s.split("/")[0]
    return DEFAULT_REGISTRY if s in ("index.docker.io", "registry-1.docker.io", "docker.io") else s


def login(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p = parse(args, [Flag(("-u", "--username")), Flag(("-p", "--password")), Flag(("--password-stdin",), False)])
    if len(p.positional) > 1:
        raise CommandError('"docker login" requires at most 1 argument.\nSee \'docker login --help\'.')
    server = _server(p.positional[0] if p.positional else None)
    engine = world.docker
    user, password = p.str("username"), p.str("password")
    notes = []
    if p.flag("password_stdin"):
        if password:
            raise CommandError("--password and --password-stdin are mutually exclusive")
        password = (inv.stdin or "").strip()
    elif password:
        notes.append("WARNING! Using --password via the CLI is insecure. Use --password-stdin.")
    if not user or not password:
        raise CommandError("Error: Cannot perform an interactive login from a non TTY device\n"
                           "(simulated: this console cannot prompt; give -u USER and -p PASSWORD or --password-stdin)")
    registry = engine.registries.get(server)
    if registry is None and (dial := loopback_address(server)) is not None:
        raise DockerError(f'Error response from daemon: Get "http://{server}/v2/": dial tcp {dial}: connect: '
                          "connection refused")
    if registry is None:
        raise DockerError(f'Error response from daemon: Get "https://{server}/v2/": dial tcp: lookup '
                          f"{server.split(':')[0]}: no such host")
    known = registry.accounts.get(user)
    if known is not None and known != password:
        endpoint = "registry-1.docker.io" if server == DEFAULT_REGISTRY else server
        raise DockerError(f'Error response from daemon: Get "https://{endpoint}/v2/": unauthorized: incorrect username or password')
    if not user.replace("-", "").replace("_", "").isalnum() or user.lower() != user:
        raise DockerError("Error response from daemon: unauthorized: invalid username (use lower-case letters and digits)")
    if known is None:
        registry.accounts[user] = password  # simulated: the account is created on first login
        notes.append(f"(simulated: account \"{user}\" created on {server})")
    world.docker.host(host_name).logins[server] = user
    world.sim.emit(ev.LoggedIn, host=host_name, registry=server, username=user)
    return "\n".join(notes + ["Login Succeeded"])


def logout(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    p = parse(args, [])
    server = _server(p.positional[0] if p.positional else None)
    host = world.docker.host(host_name)
    shown = "https://index.docker.io/v1/" if server == DEFAULT_REGISTRY else server
    if server not in host.logins:
        return f"Not logged in to {shown}"
    del host.logins[server]
    return f"Removing login credentials for {shown}"


def system(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    if args[:1] != ["df"]:
        raise CommandError("Usage:  docker system df   (the simulator supports df)")
    host = world.docker.host(host_name)
    used = {c.image_id for c in host.containers.values()}
    active_layers = {layer.digest for i in used if i in host.images for layer in host.images[i].layers}
    total = host.store_bytes
    reclaim = sum(layer.unpacked for d, layer in host.layers.items() if d not in active_layers)
    running = sum(1 for c in host.containers.values() if c.state == "running")
    pct = f" ({100 * reclaim // total}%)" if total else ""
    return table(["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"], [
        ("Images", str(len(host.images)), str(len(used & set(host.images))), human_size(total), human_size(reclaim) + pct),
        ("Containers", str(len(host.containers)), str(running), "0B", "0B"),
        ("Local Volumes", "0", "0", "0B", "0B"),
        ("Build Cache", str(len(host.build_cache)), "0", "0B", "0B"),
    ])


def version(world: Any, inv: Invocation, host_name: str, args: list[str]) -> str:
    return "\n".join([
        "Client:", " Version:           27.3.1 (simulated)", " API version:       1.47", " OS/Arch:           linux/amd64", "",
        f"Server: Container Classroom simulated engine (host {host_name})",
        " Engine:", "  Version:          27.3.1 (simulated)", "  Storage Driver:   overlay2 (content store shared by images)",
        "  Registries:       " + ", ".join(sorted(world.docker.registries)),
    ])
