"""What the registry scene shows, read from the engine (no Qt): the latest push or pull layer by layer,
the registry's repositories with their linked blobs and manifests, and every host's content store.

The latest transfer is read back from the engine's event log (which snapshots and step back restore
with the world): the last ``PushStarted``/``PullStarted`` and the layer events that followed it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.ui.scenes.a_house_model import _familiar


@dataclass(frozen=True)
class LayerMove:
    number: int        # position in the image, 1 = base (the ``layer:N`` highlight id)
    digest: str
    size: int          # compressed bytes: what travels
    outcome: str       # push: uploaded | exists | mounted; pull: downloaded | exists
    mounted_from: str
    start: float       # simulated seconds after the transfer began
    seconds: float     # how long the bytes travelled (0 when skipped)

    @property
    def moved(self) -> bool:
        return self.outcome in ("uploaded", "downloaded")


@dataclass(frozen=True)
class Transfer:
    kind: str          # "push" | "pull"
    host: str
    registry: str
    repository: str    # alice/villa, library/nginx
    ref: str           # familiar: alice/villa:1
    layers: tuple[LayerMove, ...]
    manifest_digest: str
    started: float     # simulated time of PushStarted / PullStarted
    finished: float    # of ManifestPushed / ImagePulled (= started while unfinished)
    bytes_moved: int

    @property
    def duration(self) -> float:
        return max(0.0, self.finished - self.started)


@dataclass(frozen=True)
class RepoView:
    name: str
    tags: tuple[tuple[str, str], ...]   # (tag, manifest digest)
    blobs: tuple[str, ...]              # linked layer digests, in the order of the newest manifest
    layer_count: int


@dataclass(frozen=True)
class HostView:
    name: str
    current: bool
    tags: tuple[str, ...]               # familiar tags of its images
    layers: tuple[tuple[str, int, int], ...]  # (digest, unpacked bytes, images using it), store order
    store_bytes: int


@dataclass(frozen=True)
class RegistryModel:
    registry: str
    repos: tuple[RepoView, ...]
    hosts: tuple[HostView, ...]
    transfer: Transfer | None


def _kind(e: Any) -> str:
    return type(e).__name__


def latest_transfer(world: Any) -> Transfer | None:
    log = world.sim.log
    start = None
    for i in range(len(log) - 1, -1, -1):
        if _kind(log[i]) in ("PushStarted", "PullStarted"):
            start = i
            break
    if start is None:
        return None
    head = log[start]
    push = _kind(head) == "PushStarted"
    moves: dict[str, dict[str, Any]] = {}
    finished, manifest, moved_bytes = head.time, getattr(head, "manifest_digest", ""), 0
    order: list[str] = []
    for e in log[start + 1:]:
        k = _kind(e)
        if k in ("PushStarted", "PullStarted"):
            break
        if getattr(e, "host", None) != head.host:
            continue
        if push and k == "LayerUploadStarted" and e.repository == head.repository:
            moves.setdefault(e.digest, {}).update(start=e.time, seconds=e.seconds, size=e.size)
        elif push and k == "LayerPushed" and e.repository == head.repository:
            m = moves.setdefault(e.digest, {})
            m.update(outcome=e.outcome, mounted_from=e.mounted_from, size=e.size)
            m.setdefault("start", e.time)
            m.setdefault("seconds", 0.0)
            order.append(e.digest)
        elif push and k == "ManifestPushed" and e.repository == head.repository:
            finished, manifest, moved_bytes = e.time, e.manifest_digest, e.bytes_uploaded
            break
        elif not push and k == "LayerDownloadStarted" and e.ref == head.ref:
            moves.setdefault(e.digest, {}).update(start=e.time, seconds=e.seconds, size=e.size)
        elif not push and k == "LayerPulled" and e.ref == head.ref:
            m = moves.setdefault(e.digest, {})
            m.update(outcome=e.outcome, mounted_from="", size=e.size, index=e.index)
            m.setdefault("start", e.time)
            m.setdefault("seconds", 0.0)
            order.append(e.digest)
        elif not push and k == "ImagePulled" and e.ref == head.ref:
            finished, manifest, moved_bytes = e.time, e.manifest_digest, e.bytes_downloaded
            break
    registry_name = head.registry if push else head.ref.split("/", 1)[0]
    repository = head.repository if push else head.ref.split("/", 1)[1].split(":")[0].split("@")[0]
    numbers = _layer_numbers(world, registry_name, repository, manifest, moves, order)
    layers = tuple(sorted((LayerMove(numbers[d], d, int(m.get("size", 0)), str(m.get("outcome", "pending")),
                                     str(m.get("mounted_from", "")), round(float(m["start"]) - head.time, 6),
                                     float(m.get("seconds", 0.0)) if m.get("outcome") in ("uploaded", "downloaded") else 0.0)
                           for d, m in moves.items() if "start" in m), key=lambda x: x.number))
    ref = _familiar(f"{registry_name}/{repository}:{head.tag}") if push else _familiar(head.ref)
    return Transfer("push" if push else "pull", head.host, registry_name, repository, ref, layers, manifest,
                    head.time, finished, moved_bytes)


def _layer_numbers(world: Any, registry: str, repository: str, manifest: str, moves: dict[str, Any],
                   order: list[str]) -> dict[str, int]:
    reg = world.docker.registries.get(registry)
    repo = reg.repos.get(repository) if reg is not None else None
    image = repo.manifests.get(manifest) if repo is not None else None
    if image is not None:
        index = {layer.digest: i + 1 for i, layer in enumerate(image.layers)}
        if all(d in index for d in moves):
            return index
    if all("index" in m for m in moves.values()):
        return {d: int(m["index"]) + 1 for d, m in moves.items()}
    return {d: i + 1 for i, d in enumerate(order + [d for d in moves if d not in order])}


def read_registry(world: Any) -> RegistryModel:
    docker = world.docker
    transfer = latest_transfer(world)
    name = transfer.registry if transfer is not None and transfer.registry in docker.registries else "docker.io"
    reg = docker.registries.get(name)
    repos = []
    if reg is not None:
        for repo_name in sorted(reg.repos):
            repo = reg.repos[repo_name]
            newest = repo.manifests.get(repo.tags[sorted(repo.tags)[-1]]) if repo.tags else None
            order = [layer.digest for layer in newest.layers] if newest is not None else []
            blobs = tuple(d for d in order if d in repo.blobs) + tuple(sorted(
                d for d in repo.blobs if d not in order and not _is_config(repo, d)))
            repos.append(RepoView(repo_name, tuple(sorted(repo.tags.items())), blobs, len(order)))
    hosts = []
    for host_name in sorted(docker.hosts, key=lambda n: (n != docker.current_host, n)):
        h = docker.hosts[host_name]
        use: dict[str, int] = {}
        for image in h.images.values():
            for layer in image.layers:
                use[layer.digest] = use.get(layer.digest, 0) + 1
        layers = tuple((d, layer.unpacked, use.get(d, 0)) for d, layer in h.layers.items())
        hosts.append(HostView(host_name, host_name == docker.current_host,
                              tuple(sorted(_familiar(t) for t in h.tags)), layers, h.store_bytes))
    return RegistryModel(name, tuple(repos), tuple(hosts), transfer)


def _is_config(repo: Any, digest: str) -> bool:
    return any(image.id == digest for image in repo.manifests.values())
