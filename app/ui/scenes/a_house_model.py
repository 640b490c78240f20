"""What the house scene shows, read from the engine's state as plain values (no Qt here).

* the **house**: the image of the latest build on the current Docker host; one floor per layer in
  manifest order (``layer:1`` is the bottom: the base image's first layer), each with its instruction
  (from the image history), digest, size, and whether this build rebuilt it, took it from the cache,
  or inherited it from the base image;
* the **Dockerfile** lines of that build, numbered steps and the metadata-only instructions
  (ENV, EXPOSE, CMD ...: "notes on the door", no floor);
* the **backpack**: the images stored on the current host (``docker images``), one tag each;
* the **warehouse**: repositories pushed to the default registry (the public warehouse), each with
  the kind of house it holds (villa, siheyuan, hut or a plain house);
* the **land**: containers on the current host, each a house conjured from an image.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BUILDKIT = "buildkit.dockerfile.v0"
HOUSE_KINDS = ("villa", "siheyuan", "hut")


@dataclass(frozen=True)
class Floor:
    number: int        # 1 = bottom (manifest index + 1): the ``layer:N`` highlight id
    digest: str
    size: int          # unpacked bytes
    instruction: str   # what made it (history ``created_by``, "# buildkit" trimmed)
    origin: str        # "base" | "built" | "cached"
    step: int = 0      # [n/m] step of the latest build that made it (0 for base layers)
    reason: str = ""   # the build's cache explanation for this step
    detail: str = ""


@dataclass(frozen=True)
class DockerfileLine:
    text: str
    step: int          # numbered step (0: metadata-only instruction, no [n/m])
    status: str        # "built" | "cached" | "base" | "note"
    layer: str | None = None


@dataclass(frozen=True)
class WarehouseItem:
    repository: str    # alice/villa
    tags: tuple[str, ...]
    kind: str          # villa | siheyuan | hut | house
    layers: int


@dataclass(frozen=True)
class LandItem:
    name: str
    image: str
    image_id: str
    state: str
    kind: str          # villa | siheyuan | hut | house (the art conjured)
    from_house: bool   # conjured from the house image on the construction site


@dataclass(frozen=True)
class HouseModel:
    host: str
    image_id: str = ""
    tags: tuple[str, ...] = ()
    floors: tuple[Floor, ...] = ()
    dockerfile: tuple[DockerfileLine, ...] = ()
    build_id: int = 0
    base: str = ""     # the FROM image, as written
    backpack: tuple[tuple[str, str], ...] = ()  # (familiar tag, image id)
    warehouse: tuple[WarehouseItem, ...] = ()
    land: tuple[LandItem, ...] = ()
    kind: str = "house"
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def built(self) -> bool:
        return bool(self.image_id)


def house_kind(name: str) -> str:
    """Which illustration a repository or tag gets: villa, siheyuan, hut, or a plain house."""
    low = name.lower()
    for kind in HOUSE_KINDS:
        if kind in low:
            return kind
    return "house"


def _familiar(ref: str) -> str:
    """``docker.io/library/web:1`` -> ``web:1``; ``docker.io/alice/villa:1`` -> ``alice/villa:1``."""
    if ref.startswith("docker.io/"):
        ref = ref[len("docker.io/"):]
        if ref.startswith("library/"):
            ref = ref[len("library/"):]
    return ref


def _clean(created_by: str) -> str:
    text = created_by.replace(" # buildkit", "").strip()
    if text.startswith("RUN /bin/sh -c "):
        text = "RUN " + text[len("RUN /bin/sh -c "):]
    if text.startswith("EXPOSE map[") and text.endswith("]"):
        inner = text[len("EXPOSE map["):-1]
        text = "EXPOSE " + " ".join(p.split(":")[0].replace("/tcp", "") for p in inner.split())
    return text


def read_house(world: Any) -> HouseModel:
    """The scene's model of ``world`` right now (pure reading: changes nothing)."""
    docker = getattr(world, "docker", None)
    if docker is None:
        return HouseModel(host="")
    host_name = docker.current_host
    host = docker.hosts.get(host_name)
    backpack, land = _backpack_and_land(host)
    warehouse = _warehouse(docker)
    build = docker.last_build
    if host is None or build is None or build.host != host_name or build.image_id not in host.images:
        return HouseModel(host=host_name, backpack=backpack, warehouse=warehouse, land=land)
    image = host.images[build.image_id]
    steps_by_layer = {s.layer: s for s in build.steps if s.layer}
    layer_history = [h for h in image.history if not h.empty_layer]
    floors = []
    for i, layer in enumerate(image.layers):
        step = steps_by_layer.get(layer.digest)
        hist = layer_history[i].created_by if i < len(layer_history) else ""
        origin = "base" if step is None else ("cached" if step.cached else "built")
        floors.append(Floor(i + 1, layer.digest, layer.unpacked, _clean(hist), origin,
                            step.index if step else 0, step.reason if step else "", step.detail if step else ""))
    lines = _dockerfile(build, image)
    base = next((s.instruction[5:].split("@")[0] for s in build.steps if s.kind == "FROM"), "")
    tags = tuple(_familiar(t) for t in build.tags)
    kind = house_kind(" ".join(tags))
    land = tuple(LandItem(c.name, c.image, c.image_id, c.state, c.kind, c.image_id == image.id) for c in land)
    return HouseModel(host=host_name, image_id=image.id, tags=tags, floors=tuple(floors), dockerfile=lines,
                      build_id=build.build_id, base=_familiar(base), backpack=backpack, warehouse=warehouse,
                      land=land, kind=kind)


def _dockerfile(build: Any, image: Any) -> tuple[DockerfileLine, ...]:
    """Numbered steps from the build, then the metadata-only instructions from the image history."""
    lines = []
    for s in build.steps:
        if s.kind == "FROM":
            lines.append(DockerfileLine("FROM " + _familiar(s.instruction[5:].split("@")[0]), s.index, "base"))
        else:
            lines.append(DockerfileLine(s.instruction, s.index, "cached" if s.cached else "built", s.layer))
    for h in image.history:
        if h.comment == BUILDKIT and h.empty_layer:
            lines.append(DockerfileLine(_clean(h.created_by), 0, "note"))
    return tuple(lines)


def _backpack_and_land(host: Any) -> tuple[tuple[tuple[str, str], ...], tuple[LandItem, ...]]:
    if host is None:
        return (), ()
    backpack = tuple(sorted((_familiar(ref), image_id) for ref, image_id in host.tags.items()))
    land = []
    tags_by_id: dict[str, list[str]] = {}
    for ref, image_id in host.tags.items():
        tags_by_id.setdefault(image_id, []).append(ref)
    for c in sorted(host.containers.values(), key=lambda c: (c.created_at, c.name)):
        kind = house_kind(c.image + " " + " ".join(tags_by_id.get(c.image_id, [])))
        land.append(LandItem(c.name, c.image, c.image_id, c.state, kind, False))
    return backpack, tuple(land)


def _warehouse(docker: Any) -> tuple[WarehouseItem, ...]:
    """Repositories people pushed to the default registry (the catalog of official images is not
    drawn: the shelves show other people's houses)."""
    registry = next((r for r in docker.registries.values() if getattr(r, "is_default", False)), None)
    if registry is None:
        return ()
    items = []
    for name in sorted(registry.repos):
        repo = registry.repos[name]
        if not repo.tags:
            continue
        image = repo.manifests.get(next(iter(sorted(repo.tags.values()))))
        items.append(WarehouseItem(name, tuple(sorted(repo.tags)), house_kind(name),
                                   len(image.layers) if image is not None else 0))
    return tuple(items)


def format_bytes(n: int) -> str:
    """Docker-style sizes: 373B, 6.38MB, 1.2GB (decimal units, as ``docker images`` prints)."""
    if n < 1000:
        return f"{n}B"
    for unit, scale in (("kB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        if n < scale * 1000 or unit == "GB":
            value = n / scale
            return f"{value:.3g}{unit}" if value < 100 else f"{value:.0f}{unit}"
    return f"{n}B"
