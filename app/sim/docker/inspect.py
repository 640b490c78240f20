"""``docker inspect`` documents for images, built from the OCI config (field names as Docker's)."""
from __future__ import annotations

from typing import Any

from .host import Host
from .oci import Image, rfc3339
from .reference import parse_ref


def image_json(host: Host, image: Image) -> dict[str, Any]:
    cfg = image.config
    tags = [parse_ref(t).familiar for t in host.tags_of(image.id)]
    digests = sorted(_familiar_digest(d) for d in host.repo_digests.get(image.id, ()))
    config = {
        "Hostname": "", "Domainname": "", "User": cfg.user, "AttachStdin": False, "AttachStdout": False,
        "AttachStderr": False, "Tty": False, "OpenStdin": False, "StdinOnce": False,
        "Env": list(cfg.env), "Cmd": list(cfg.cmd) if cfg.cmd is not None else None, "Image": "",
        "Volumes": {v: {} for v in cfg.volumes} or None, "WorkingDir": cfg.working_dir,
        "Entrypoint": list(cfg.entrypoint) if cfg.entrypoint is not None else None,
        "OnBuild": list(cfg.onbuild) or None, "Labels": dict(cfg.labels) or None,
    }
    if cfg.exposed_ports:
        config["ExposedPorts"] = {p: {} for p in cfg.exposed_ports}
    if cfg.stop_signal:
        config["StopSignal"] = cfg.stop_signal
    if cfg.healthcheck is not None:
        config["Healthcheck"] = {"Test": list(cfg.healthcheck)}
    if cfg.shell is not None:
        config["Shell"] = list(cfg.shell)
    return {
        "Id": image.id,
        "RepoTags": tags,
        "RepoDigests": digests,
        "Parent": "",
        "Comment": "buildkit.dockerfile.v0" if any(h.comment for h in image.history) else "",
        "Created": image.created,
        "DockerVersion": "",
        "Author": "",
        "Config": config,
        "Architecture": "amd64",
        "Os": "linux",
        "Size": image.size,
        "RootFS": {"Type": "layers", "Layers": [layer.diff_id for layer in image.layers]},
        "Metadata": {"LastTagTime": rfc3339(host.image_added.get(image.id, 0.0))},
        "Descriptor": {"mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "digest": image.manifest_digest, "size": len(image.manifest_bytes)},
        "Simulated": {"synthetic": image.synthetic,
                      "note": "layer blobs are modelled, not real tar streams"},
    }


def _familiar_digest(entry: str) -> str:
    name, _, digest = entry.partition("@")
    return f"{parse_ref(name).familiar_name}@{digest}"
