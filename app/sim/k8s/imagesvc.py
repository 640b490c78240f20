"""The kubelet's view of the container runtime's images (containerd on each node).

Backed by the Docker half: a Kubernetes node is a Docker host of the same name, with one content
store per host, so layers shared between images are fetched once per node.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import SimError


@dataclass
class PullResult:
    plan: Any
    layers_fetched: int
    layers_present: int
    bytes_fetched: int
    size: int
    duration: float


class PullError(Exception):
    pass


def _layers(plan: Any) -> list:
    return list(getattr(plan, "layers", ()) or ())


def plan_pull(docker: Any, node: str, ref: str, bandwidth: float) -> PullResult:
    try:
        plan = docker.plan_pull(node, ref)
    except SimError as exc:
        raise PullError(str(exc)) from None
    layers = _layers(plan)
    present = sum(1 for layer in layers if getattr(layer, "present", False))
    size = getattr(plan, "size", None)
    if size is None:
        size = sum(int(getattr(layer, "size", 0)) for layer in layers)
    fetched = int(getattr(plan, "bytes_to_fetch", 0))
    return PullResult(plan, len(layers) - present, present, fetched, int(size), float(plan.duration(bandwidth)))


def has_image(docker: Any, node: str, ref: str) -> bool:
    try:
        return bool(docker.has_image(node, ref))
    except SimError:
        return False


def go_duration(seconds: float) -> str:
    """Go's time.Duration text, truncated to ms: ``2.345s``, ``512ms``, ``1m2.5s``."""
    ms = int(seconds * 1000)
    if ms < 1000:
        return f"{ms}ms"
    m, rem = divmod(ms, 60_000)
    s = f"{rem / 1000:.3f}".rstrip("0").rstrip(".")
    return f"{m}m{s}s" if m else f"{s}s"


_logs_by_image: dict[str, tuple[str, ...]] = {}


def startup_logs(docker: Any, node: str, ref: str) -> tuple[str, ...]:
    """What the image prints when it starts (from the Docker half's catalog), if known."""
    try:
        from ..docker import catalog
        from ..docker.reference import parse_ref

        host = docker.hosts.get(node)
        image = host.lookup_ref(parse_ref(ref)) if host is not None else None
        if image is None:
            return ()
        hit = _logs_by_image.get(image.id)
        if hit is None:
            hit = _logs_by_image[image.id] = tuple(catalog.logs_for(image))
        return hit
    except Exception:  # noqa: BLE001 - logs are decoration; an unknown image simply has none
        return ()


def image_id(docker: Any, node: str, ref: str) -> str:
    """The repo digest a node's runtime reports as ``imageID`` (``docker.io/library/nginx@sha256:...``)."""
    try:
        from ..docker.reference import parse_ref

        host = docker.hosts.get(node)
        image = host.lookup_ref(parse_ref(ref)) if host is not None else None
        if image is None:
            return ""
        digests = sorted(host.repo_digests.get(image.id, ()))
        return digests[0] if digests else image.id
    except Exception:  # noqa: BLE001 - an image the Docker half cannot describe has no ID to show
        return ""
