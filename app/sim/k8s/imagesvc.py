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


#: (image id, which layers are present, bandwidth) -> pull seconds. An image ID is the digest of its
#: config, which names its layers, so the key fixes every input of the pull timeline.
_durations: dict[tuple, float] = {}
#: image reference text -> parsed reference (ImageRef is immutable); None when it does not parse
_parsed: dict[str, Any] = {}


def _ref(ref: str) -> Any:
    hit = _parsed.get(ref, _parsed)
    if hit is _parsed:
        from ..docker.reference import parse_ref
        try:
            hit = parse_ref(ref)
        except Exception:  # noqa: BLE001 - a malformed name is simply not present anywhere
            hit = None
        if len(_parsed) > 10_000:
            _parsed.clear()
        _parsed[ref] = hit
    return hit


def plan_pull(docker: Any, node: str, ref: str, bandwidth: float) -> PullResult:
    try:
        plan = docker.plan_pull(node, ref)
    except SimError as exc:
        # Kubelets talk to containerd through the CRI: they report its words wrapped in the gRPC status
        # (NotFound for a missing tag, Unknown for access denied or an unknown host), not the Docker CLI's.
        cri = getattr(exc, "cri_message", None)
        if cri is None:
            raise PullError(str(exc)) from None
        code = "NotFound" if getattr(exc, "reason", "") == "tag" else "Unknown"
        raise PullError(f"rpc error: code = {code} desc = {cri}") from None
    layers = _layers(plan)
    flags = tuple(bool(getattr(layer, "present", False)) for layer in layers)
    present = sum(flags)
    size = getattr(plan, "size", None)
    if size is None:
        size = sum(int(getattr(layer, "size", 0)) for layer in layers)
    fetched = int(getattr(plan, "bytes_to_fetch", 0))
    key = (getattr(plan, "image_id", None), flags, bandwidth)
    duration = _durations.get(key) if key[0] is not None else None
    if duration is None:
        duration = float(plan.duration(bandwidth))
        if key[0] is not None:
            if len(_durations) > 10_000:
                _durations.clear()
            _durations[key] = duration
    return PullResult(plan, len(layers) - present, present, fetched, int(size), duration)


def has_image(docker: Any, node: str, ref: str) -> bool:
    """``DockerEngine.has_image`` with the reference parsed once per name."""
    host = docker.hosts.get(node)
    parsed = _ref(ref)
    if host is None or parsed is None:
        return False
    try:
        return bool(host.has(parsed))
    except Exception:  # noqa: BLE001 - as the engine: a reference it cannot look up is absent
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

        host = docker.hosts.get(node)
        parsed = _ref(ref)
        image = host.lookup_ref(parsed) if host is not None and parsed is not None else None
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
        host = docker.hosts.get(node)
        parsed = _ref(ref)
        image = host.lookup_ref(parsed) if host is not None and parsed is not None else None
        if image is None:
            return ""
        digests = sorted(host.repo_digests.get(image.id, ()))
        return digests[0] if digests else image.id
    except Exception:  # noqa: BLE001 - an image the Docker half cannot describe has no ID to show
        return ""
