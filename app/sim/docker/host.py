"""A Docker host: its content store (layers by digest, shared between images), images, tags,
containers and build cache. A Kubernetes node is a host of the same name."""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import NoSuchImage
from .oci import Image, Layer
from .reference import ImageRef, is_short_id_candidate, parse_ref
from .transfer import DEFAULT_BANDWIDTH, DEFAULT_UPLOAD_BANDWIDTH


@dataclass
class Container:
    id: str
    name: str
    image: str  # as the user typed it
    image_id: str
    command: tuple[str, ...]  # entrypoint + cmd, resolved at creation
    created_at: float
    env: tuple[str, ...] = ()
    working_dir: str = ""
    ports: tuple[str, ...] = ()  # "8080:80/tcp"
    auto_remove: bool = False
    state: str = "created"  # created | running | exited
    exit_code: int = 0
    started_at: float | None = None
    finished_at: float | None = None
    logs: list[tuple[float, str]] = field(default_factory=list)
    generation: int = 0  # bumps on each start, so a stale scheduled exit is ignored
    #: How the command behaves (see containers.py): "server", "exit", or "sleep:<seconds>".
    behaviour: str = "server"

    @property
    def short_id(self) -> str:
        return self.id[:12]


@dataclass
class CacheEntry:
    """One build-cache record: the result of a step, keyed by the step's cache key."""

    layer: Layer | None
    created_at: float
    instruction: str
    files: tuple[tuple[str, str], ...] = ()  # (target path, sha256) of COPY/ADD sources: "what changed"


class Host:
    def __init__(self, name: str, bandwidth: float = DEFAULT_BANDWIDTH,
                 upload_bandwidth: float = DEFAULT_UPLOAD_BANDWIDTH) -> None:
        self.name = name
        self.bandwidth = bandwidth
        self.upload_bandwidth = upload_bandwidth
        self.layers: dict[str, Layer] = {}  # the content store: compressed digest -> layer
        self.images: dict[str, Image] = {}  # image ID -> image
        self.image_added: dict[str, float] = {}
        self.tags: dict[str, str] = {}  # full ref (docker.io/library/nginx:latest) -> image ID
        self.repo_digests: dict[str, set[str]] = {}  # image ID -> {"docker.io/library/nginx@sha256:..."}
        self.layer_sources: dict[str, set[str]] = {}  # layer digest -> {"docker.io/library/python"}
        self.logins: dict[str, str] = {}  # registry -> username
        self.containers: dict[str, Container] = {}
        self.build_cache: dict[str, CacheEntry] = {}
        #: (parent key, instruction) -> latest cache key, to explain a miss ("app.py changed")
        self.cache_slots: dict[tuple[str, str], str] = {}

    # -- images -----------------------------------------------------------------------------------
    def add_image(self, image: Image, now: float) -> None:
        for layer in image.layers:
            self.layers.setdefault(layer.digest, layer)
        if image.id not in self.images:
            self.images[image.id] = image
            self.image_added[image.id] = now

    def set_tag(self, ref: ImageRef, image_id: str) -> str | None:
        """Point ``ref`` at ``image_id``; returns the image it pointed at before (or None)."""
        key = ref.with_tag(ref.tag or "latest").full
        old = self.tags.get(key)
        self.tags[key] = image_id
        return old if old != image_id else None

    def tags_of(self, image_id: str) -> list[str]:
        return sorted(k for k, v in self.tags.items() if v == image_id)

    def lookup_ref(self, ref: ImageRef) -> Image | None:
        if ref.digest:
            for image_id, digests in self.repo_digests.items():
                if f"{ref.name}@{ref.digest}" in digests:
                    return self.images[image_id]
            return None
        image_id = self.tags.get(ref.full)
        return self.images.get(image_id) if image_id else None

    def find_image(self, text: str) -> Image:
        """An image by full ID, by reference, then by unique ID prefix (the daemon's order)."""
        hexpart = text[7:] if text.startswith("sha256:") else text
        if len(hexpart) == 64 and f"sha256:{hexpart}" in self.images:
            return self.images[f"sha256:{hexpart}"]
        ref = None
        try:
            ref = parse_ref(text)
        except Exception:
            pass
        image = self.lookup_ref(ref) if ref is not None else None
        if image is not None:
            return image
        if is_short_id_candidate(text):
            hits = [i for i in self.images if i[7:].startswith(hexpart)]
            if len(hits) == 1:
                return self.images[hits[0]]
        shown = ref.familiar if ref is not None and not is_short_id_candidate(text) else text
        raise NoSuchImage(f"Error response from daemon: No such image: {shown}")

    def has(self, ref: ImageRef) -> bool:
        return self.lookup_ref(ref) is not None

    def layers_in_use(self, skip: str | None = None) -> set[str]:
        return {layer.digest for i, im in self.images.items() if i != skip for layer in im.layers}

    def drop_image(self, image_id: str) -> list[Layer]:
        """Forget an image and the layers no other image uses; returns the layers deleted."""
        image = self.images.pop(image_id)
        self.image_added.pop(image_id, None)
        self.repo_digests.pop(image_id, None)
        for key in [k for k, v in self.tags.items() if v == image_id]:
            del self.tags[key]
        keep = self.layers_in_use()
        gone = []
        for layer in reversed(image.layers):
            if layer.digest not in keep and layer.digest in self.layers:
                del self.layers[layer.digest]
                gone.append(layer)
        return gone

    def containers_using(self, image_id: str) -> list[Container]:
        return [c for c in self.containers.values() if c.image_id == image_id]

    @property
    def store_bytes(self) -> int:
        return sum(layer.unpacked for layer in self.layers.values())
