"""Removing images the way the daemon does (``docker rmi``), conflicts included."""
from __future__ import annotations

from typing import Any

from . import events as ev
from .errors import DockerError
from .host import Host
from .reference import is_short_id_candidate, parse_ref


def remove_image(world: Any, host: Host, name: str, *, force: bool = False) -> list[str]:
    """Untag or delete; raises DockerError (changing nothing) on a conflict. Returns output lines."""
    image = host.find_image(name)
    by_id = is_short_id_candidate(name) and image.id[7:].startswith(name.removeprefix("sha256:"))
    tags = host.tags_of(image.id)
    users = host.containers_using(image.id)
    running = [c for c in users if c.state == "running"]
    sim = world.sim
    if not by_id:
        ref = parse_ref(name).full
        if users and not force and len(tags) <= 1:
            c = (running or users)[0]
            raise DockerError(f'Error response from daemon: conflict: unable to remove repository reference "{name}" '
                              f"(must force) - container {c.short_id} is using its referenced image {image.short_id}")
        if ref in host.tags and (len(tags) > 1 or users):
            return _untag(world, host, image.id, ref)  # the image stays for its other names or its containers
    else:
        if running:
            raise DockerError(f"Error response from daemon: conflict: unable to delete {image.short_id} (cannot be "
                              f"forced) - image is being used by running container {running[0].short_id}")
        if users and not force:
            raise DockerError(f"Error response from daemon: conflict: unable to delete {image.short_id} (must be "
                              f"forced) - image is being used by stopped container {users[0].short_id}")
        if len(tags) > 1 and not force:
            raise DockerError(f"Error response from daemon: conflict: unable to delete {image.short_id} (must be "
                              f"forced) - image is referenced in multiple repositories")
    lines = [f"Untagged: {parse_ref(t).familiar}" for t in tags]
    for entry in sorted(host.repo_digests.get(image.id, ())):
        n, _, d = entry.partition("@")
        lines.append(f"Untagged: {parse_ref(n).familiar_name}@{d}")
    if users:  # forced while stopped containers use it: untag only, the image stays for them
        for t in tags:
            del host.tags[t]
            sim.emit(ev.ImageUntagged, host=host.name, image_id=image.id, ref=t)
        return lines
    for t in tags:
        sim.emit(ev.ImageUntagged, host=host.name, image_id=image.id, ref=t)
    gone = host.drop_image(image.id)
    lines.append(f"Deleted: {image.id}")
    lines += [f"Deleted: {layer.diff_id}" for layer in gone]
    sim.emit(ev.ImageRemoved, host=host.name, image_id=image.id, layers_deleted=len(gone))
    return lines


def _untag(world: Any, host: Host, image_id: str, ref: str) -> list[str]:
    """Remove one tag, as the daemon does: when it was the repository's last tag, the repository's
    digest references (``name@sha256:...``) go with it. The image itself stays."""
    del host.tags[ref]
    world.sim.emit(ev.ImageUntagged, host=host.name, image_id=image_id, ref=ref)
    lines = [f"Untagged: {parse_ref(ref).familiar}"]
    repo = parse_ref(ref).name
    if not any(parse_ref(t).name == repo for t in host.tags_of(image_id)):
        digests = host.repo_digests.get(image_id, set())
        for entry in sorted(d for d in digests if d.partition("@")[0] == repo):
            digests.discard(entry)
            name, _, digest = entry.partition("@")
            lines.append(f"Untagged: {parse_ref(name).familiar_name}@{digest}")
    return lines
