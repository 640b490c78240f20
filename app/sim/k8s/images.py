"""Image references as the scheduler and kubelet compare them.

Follows distribution/reference normalisation: default domain docker.io, ``library/`` for
single-component names, default tag ``latest``. The simulator normalises both the pod's image and
the node's image list (sim-semantics §8.2: a deliberate choice; the real ImageLocality compares
strings and can miss ``nginx`` against ``docker.io/library/nginx:latest``).
"""
from __future__ import annotations

_cache: dict[str, str] = {}


def normalize_image(ref: str) -> str:
    out = _cache.get(ref)
    if out is not None:
        return out
    name, digest = ref, ""
    if "@" in name:
        name, digest = name.split("@", 1)
    first, _, rest = name.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost" or first != first.lower()):
        domain, path = first, rest
    else:
        domain, path = "docker.io", name
    if domain == "index.docker.io":
        domain = "docker.io"
    if domain == "docker.io" and "/" not in path:
        path = "library/" + path
    last = path.rsplit("/", 1)[-1]
    if ":" not in last and not digest:
        path += ":latest"
    out = f"{domain}/{path}" + (f"@{digest}" if digest else "")
    if len(_cache) < 10_000:
        _cache[ref] = out
    return out
