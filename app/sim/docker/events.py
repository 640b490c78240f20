"""Typed events of the Docker half (domain "docker").

Scenes animate from these (a house floor per layer, a progress bar per transferred layer), lessons
match on their fields (``where = {outcome = "exists"}``) and quiz generators count them. Every field
is a plain value. Digests are full ``sha256:<64 hex>`` strings; sizes are bytes; times are simulated
seconds. Where an event announces a transfer, ``seconds`` says how long it will take so a scene can
draw the progress bar between the start event and the matching finish event.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..core import Event


@dataclass(frozen=True, kw_only=True, slots=True)
class DockerEvent(Event):
    domain = "docker"


# -- hosts and registries ------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True, slots=True)
class HostAdded(DockerEvent):
    host: str


@dataclass(frozen=True, kw_only=True, slots=True)
class RegistryAdded(DockerEvent):
    registry: str
    requires_login: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class LoggedIn(DockerEvent):
    host: str
    registry: str
    username: str


# -- builds ----------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True, slots=True)
class BuildStarted(DockerEvent):
    host: str
    build_id: int
    context_files: int
    context_bytes: int
    target: str  # the stage built ("" = the last one)
    stages: tuple[str, ...]  # the stages that will run, in order
    steps: int  # numbered steps that will run ([n/m] lines, every stage)


@dataclass(frozen=True, kw_only=True, slots=True)
class BuildStepFinished(DockerEvent):
    host: str
    build_id: int
    stage: str
    index: int  # n in [n/m], counted within its stage as BuildKit does
    total: int  # m
    instruction: str  # e.g. "RUN pip install -r requirements.txt"
    #: FROM, RUN, COPY, ADD, WORKDIR (not "kind": that name is Event.kind, the class name lessons match on)
    step_kind: str
    cached: bool
    #: why it hit or missed: hit | no-cache | cascade | files-changed | env-changed | instruction-changed | new
    #: (FROM steps: base-present | base-pulled)
    reason: str
    detail: str  # the same in plain English (e.g. "source files differ: changed: app.py")
    detail_zh: str  # and in Chinese (复制的文件内容变了：改动：app.py)
    layer: str | None  # compressed layer digest, None when the step made no layer
    size: int  # unpacked bytes the step added (0 when none)
    seconds: float  # simulated time the step took (0.0 when cached)


@dataclass(frozen=True, kw_only=True, slots=True)
class BuildFinished(DockerEvent):
    host: str
    build_id: int
    image_id: str
    tags: tuple[str, ...]
    layers: int
    cached_steps: int
    rebuilt_steps: int
    seconds: float


# -- images ------------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True, slots=True)
class ImageTagged(DockerEvent):
    host: str
    image_id: str
    ref: str  # normalised, e.g. docker.io/library/nginx:latest


@dataclass(frozen=True, kw_only=True, slots=True)
class ImageUntagged(DockerEvent):
    host: str
    image_id: str
    ref: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ImageRemoved(DockerEvent):
    host: str
    image_id: str
    layers_deleted: int


# -- distribution (push / pull) ---------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True, slots=True)
class PushStarted(DockerEvent):
    host: str
    registry: str
    repository: str
    tag: str
    layers: int


@dataclass(frozen=True, kw_only=True, slots=True)
class LayerUploadStarted(DockerEvent):
    host: str
    registry: str
    repository: str
    digest: str
    size: int
    seconds: float  # until the matching LayerPushed(outcome="uploaded")


@dataclass(frozen=True, kw_only=True, slots=True)
class LayerPushed(DockerEvent):
    host: str
    registry: str
    repository: str
    digest: str
    size: int
    outcome: str  # "uploaded" | "exists" | "mounted"
    mounted_from: str  # source repository when outcome == "mounted", else ""


@dataclass(frozen=True, kw_only=True, slots=True)
class ManifestPushed(DockerEvent):
    host: str
    registry: str
    repository: str
    tag: str
    manifest_digest: str
    size: int  # manifest bytes
    uploaded_layers: int
    existing_layers: int
    mounted_layers: int
    bytes_uploaded: int
    seconds: float


@dataclass(frozen=True, kw_only=True, slots=True)
class PullStarted(DockerEvent):
    host: str
    ref: str
    manifest_digest: str
    layers: int
    layers_to_fetch: int
    bytes_to_fetch: int


@dataclass(frozen=True, kw_only=True, slots=True)
class LayerDownloadStarted(DockerEvent):
    host: str
    ref: str
    digest: str
    size: int
    seconds: float  # until the download ends (extraction follows, see LayerPulled)


@dataclass(frozen=True, kw_only=True, slots=True)
class LayerPulled(DockerEvent):
    host: str
    ref: str
    digest: str
    size: int
    outcome: str  # "downloaded" (then extracted: "Pull complete") | "exists" ("Already exists")
    index: int  # position in the image, base layer = 0
    total: int


@dataclass(frozen=True, kw_only=True, slots=True)
class ImagePulled(DockerEvent):
    host: str
    ref: str
    image_id: str
    manifest_digest: str
    downloaded_layers: int
    existing_layers: int
    bytes_downloaded: int
    seconds: float
    up_to_date: bool  # the host already had exactly this image


# -- containers ----------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True, slots=True)
class ContainerCreated(DockerEvent):
    host: str
    container_id: str
    name: str
    image: str  # as the user typed it (docker ps shows this)
    image_id: str
    command: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ContainerStarted(DockerEvent):
    host: str
    container_id: str
    name: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ContainerStopped(DockerEvent):
    host: str
    container_id: str
    name: str
    exit_code: int
    reason: str  # "exited" (command finished) | "stopped" (docker stop) | "killed"


@dataclass(frozen=True, kw_only=True, slots=True)
class ContainerRemoved(DockerEvent):
    host: str
    container_id: str
    name: str
