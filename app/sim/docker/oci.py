"""OCI image records: layers, runtime config, history, config and manifest JSON with real sha256.

The image ID is the sha256 of the config JSON bytes; the manifest digest is the sha256 of the manifest
JSON bytes, so the two differ as in reality. Simplifications, on purpose:
* layer contents are not real tar streams: a layer's DiffID is the sha256 of a deterministic
  description of what the layer holds (file listing and contents for COPY/ADD, parent and command
  for RUN, a label for catalog images whose blobs are not shipped), and the compressed digest is
  derived from the DiffID instead of from real gzip output;
* images are single-platform (linux/amd64): no image index is modelled.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

MEDIA_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
MEDIA_CONFIG = "application/vnd.oci.image.config.v1+json"
MEDIA_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"

#: Simulated time 0 is this instant (a fixed date, never the wall clock).
SIM_EPOCH = _dt.datetime(2026, 1, 5, 9, 0, 0, tzinfo=_dt.timezone.utc)


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def canonical_json(doc: Any) -> bytes:
    """Deterministic JSON bytes (sorted keys, no spaces) so digests are stable."""
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def rfc3339(sim_seconds: float) -> str:
    """Simulated seconds as an RFC 3339 UTC timestamp relative to :data:`SIM_EPOCH`."""
    t = SIM_EPOCH + _dt.timedelta(seconds=round(sim_seconds, 3))
    return t.strftime("%Y-%m-%dT%H:%M:%S") + (f".{t.microsecond // 1000:03d}" if t.microsecond else "") + "Z"


class _Immutable:
    """Records shared by many images and hosts: a deep copy may keep the same object."""

    __slots__ = ()

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return self

    def __copy__(self) -> Any:
        return self


@dataclass(frozen=True, slots=True)
class Layer(_Immutable):
    digest: str  # compressed blob digest, as listed in the manifest
    diff_id: str  # uncompressed digest, as listed in config.rootfs.diff_ids
    size: int  # compressed bytes: what a push or pull transfers
    unpacked: int  # bytes on disk once extracted (docker images SIZE adds these)

    @property
    def short(self) -> str:
        return self.digest[7:19]


def make_layer(description: bytes, unpacked: int, ratio: float = 0.38) -> Layer:
    """A layer whose DiffID is sha256(description); compressed size = unpacked * ratio (min 32 B)."""
    diff_id = sha256(description)
    digest = sha256(b"gzip\0" + diff_id.encode())
    unpacked = max(0, int(unpacked))
    size = max(32, int(unpacked * ratio)) if unpacked else 32
    return Layer(digest, diff_id, size, unpacked)


@dataclass(frozen=True, slots=True)
class History(_Immutable):
    created: str
    created_by: str
    empty_layer: bool
    comment: str = ""


@dataclass(frozen=True, slots=True)
class RunConfig(_Immutable):
    """The runtime part of an image config (what ``docker run`` uses)."""

    env: tuple[str, ...] = ("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",)
    cmd: tuple[str, ...] | None = None
    entrypoint: tuple[str, ...] | None = None
    working_dir: str = ""
    user: str = ""
    exposed_ports: tuple[str, ...] = ()
    volumes: tuple[str, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()
    stop_signal: str = ""
    healthcheck: tuple[str, ...] | None = None
    shell: tuple[str, ...] | None = None
    onbuild: tuple[str, ...] = ()

    def env_dict(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for item in self.env:
            k, _, v = item.partition("=")
            out[k] = v
        return out

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"Env": list(self.env)}
        if self.cmd is not None:
            doc["Cmd"] = list(self.cmd)
        if self.entrypoint is not None:
            doc["Entrypoint"] = list(self.entrypoint)
        if self.working_dir:
            doc["WorkingDir"] = self.working_dir
        if self.user:
            doc["User"] = self.user
        if self.exposed_ports:
            doc["ExposedPorts"] = {p: {} for p in self.exposed_ports}
        if self.volumes:
            doc["Volumes"] = {v: {} for v in self.volumes}
        if self.labels:
            doc["Labels"] = dict(self.labels)
        if self.stop_signal:
            doc["StopSignal"] = self.stop_signal
        if self.healthcheck is not None:
            doc["Healthcheck"] = {"Test": list(self.healthcheck)}
        if self.shell is not None:
            doc["Shell"] = list(self.shell)
        if self.onbuild:
            doc["OnBuild"] = list(self.onbuild)
        return doc


@dataclass(frozen=True, slots=True)
class Image(_Immutable):
    id: str  # sha256 of config_bytes: the image ID
    manifest_digest: str  # sha256 of manifest_bytes: the RepoDigest
    config_bytes: bytes
    manifest_bytes: bytes
    layers: tuple[Layer, ...]
    config: RunConfig
    history: tuple[History, ...]
    created: str
    created_at: float  # simulated seconds (negative: before the session started)
    synthetic: bool = False  # a stand-in for a base image the catalog does not know
    history_sizes: tuple[int, ...] = field(default=())  # unpacked size per history entry

    @property
    def short_id(self) -> str:
        return self.id[7:19]

    @property
    def size(self) -> int:
        """Unpacked size of all layers (what ``docker images`` shows)."""
        return sum(layer.unpacked for layer in self.layers)

    @property
    def compressed_size(self) -> int:
        return sum(layer.size for layer in self.layers)

    @property
    def config_size(self) -> int:
        return len(self.config_bytes)


def make_image(layers: tuple[Layer, ...], config: RunConfig, history: tuple[History, ...],
               created_at: float, *, synthetic: bool = False) -> Image:
    """Assemble config and manifest JSON and digest them."""
    created = rfc3339(created_at)
    cfg_doc = {
        "architecture": "amd64",
        "os": "linux",
        "created": created,
        "config": config.to_json(),
        "rootfs": {"type": "layers", "diff_ids": [layer.diff_id for layer in layers]},
        "history": [
            {k: v for k, v in (("created", h.created), ("created_by", h.created_by),
                               ("empty_layer", True if h.empty_layer else None),
                               ("comment", h.comment or None)) if v is not None}
            for h in history
        ],
    }
    config_bytes = canonical_json(cfg_doc)
    image_id = sha256(config_bytes)
    manifest = {
        "schemaVersion": 2,
        "mediaType": MEDIA_MANIFEST,
        "config": {"mediaType": MEDIA_CONFIG, "digest": image_id, "size": len(config_bytes)},
        "layers": [{"mediaType": MEDIA_LAYER, "digest": layer.digest, "size": layer.size} for layer in layers],
    }
    manifest_bytes = canonical_json(manifest)
    sizes = _history_sizes(layers, history)
    return Image(image_id, sha256(manifest_bytes), config_bytes, manifest_bytes, layers, config, history,
                 created, created_at, synthetic, sizes)


def _history_sizes(layers: tuple[Layer, ...], history: tuple[History, ...]) -> tuple[int, ...]:
    out, i = [], 0
    for h in history:
        if h.empty_layer or i >= len(layers):
            out.append(0)
        else:
            out.append(layers[i].unpacked)
            i += 1
    return tuple(out)
