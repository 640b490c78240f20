"""DockerEngine: hosts (each with its own content store), registries by host name, and the pull
contract kubelets use.

Kubelet contract (app/README.md "Images for kubelets")::

    plan = engine.plan_pull(node_name, "nginx:1.27")   # raises ImageNotFound (a SimError)
    sim.schedule(plan.duration(DEFAULT_BANDWIDTH), kubelet.pulled, ...)
    engine.commit_pull(node_name, plan)                 # layers + image land in the node's store

``docker pull`` (see distribution.py) uses the same plan and advances the clock itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core import Simulation
from . import events as ev
from .errors import ImageNotFound, RegistryUnreachable
from .host import Host
from .oci import Image
from .reference import DEFAULT_REGISTRY, ImageRef, parse_ref
from .registry import Registry
from .transfer import DEFAULT_BANDWIDTH, pull_timeline

if TYPE_CHECKING:
    from .buildexec import BuildResult
    from .builder import BuildOptions

__all__ = ["DockerEngine", "PullPlan", "LayerFetch", "DEFAULT_BANDWIDTH", "DEFAULT_HOST"]

#: The host ``docker`` commands talk to unless ``-H NAME`` or ``sim host use NAME`` says otherwise.
DEFAULT_HOST = "laptop"


@dataclass(frozen=True, slots=True)
class LayerFetch:
    digest: str
    size: int  # compressed bytes (what travels)
    present: bool  # already in the host's content store: "Already exists"
    unpacked: int = 0


@dataclass(frozen=True, slots=True)
class PullPlan:
    ref: str  # normalised: docker.io/library/nginx:latest
    manifest_digest: str
    image_id: str
    layers: tuple[LayerFetch, ...]
    image: Image
    registry: str
    repository: str

    @property
    def bytes_to_fetch(self) -> int:
        return sum(layer.size for layer in self.layers if not layer.present)

    @property
    def layers_to_fetch(self) -> int:
        return sum(1 for layer in self.layers if not layer.present)

    @property
    def size(self) -> int:
        """Unpacked image size (what the kubelet's ``Image size: N bytes`` reports)."""
        return self.image.size

    def timeline(self, bandwidth_bytes_per_s: float = DEFAULT_BANDWIDTH):
        """(download windows, extraction end times, total seconds) per layer; see transfer.py."""
        return pull_timeline([layer.size for layer in self.layers], [layer.unpacked for layer in self.layers],
                             [not layer.present for layer in self.layers], bandwidth_bytes_per_s)

    def duration(self, bandwidth_bytes_per_s: float = DEFAULT_BANDWIDTH) -> float:
        """Simulated seconds the pull takes: manifest and config round trips, downloads, extraction."""
        return self.timeline(bandwidth_bytes_per_s)[2]


class DockerEngine:
    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.hosts: dict[str, Host] = {}
        self.registries: dict[str, Registry] = {
            DEFAULT_REGISTRY: Registry(DEFAULT_REGISTRY, requires_login=True, serves_catalog=True)}
        self.current_host = DEFAULT_HOST
        self.host(DEFAULT_HOST)
        self.build_count = 0
        self.last_build = None  # BuildResult of the latest build (scenes, ``sim explain-build``)
        self.container_count = 0

    # -- hosts and registries -------------------------------------------------------------------
    def host(self, name: str) -> Host:
        """The host called ``name``, created (empty) on first use."""
        host = self.hosts.get(name)
        if host is None:  # silent: ``sim host add`` announces hosts (HostAdded), lookups do not
            host = self.hosts[name] = Host(name)
        return host

    def add_registry(self, name: str, *, requires_login: bool = False) -> Registry:
        if name not in self.registries:
            self.registries[name] = Registry(name, requires_login=requires_login)
            self.sim.emit(ev.RegistryAdded, registry=name, requires_login=requires_login)
        return self.registries[name]

    def registry_for(self, ref: ImageRef) -> Registry:
        reg = self.registries.get(ref.registry)
        if reg is None and loopback_address(ref.registry) is not None:
            raise _refused(ref)  # nothing listens there: localhost always resolves, the connection is refused
        if reg is None:
            hostname = ref.registry.split(":")[0]
            tag_or_digest = ref.digest or ref.tag
            raise RegistryUnreachable(
                f'Error response from daemon: Get "https://{ref.registry}/v2/": dial tcp: lookup {hostname}: no such host',
                f'failed to pull and unpack image "{ref.full}": failed to resolve reference "{ref.full}": failed to do '
                f'request: Head "https://{ref.registry}/v2/{ref.repository}/manifests/{tag_or_digest}": dial tcp: '
                f"lookup {hostname}: no such host", "host")
        if reg.backing is not None:
            host, cid = reg.backing
            c = self.hosts[host].containers.get(cid) if host in self.hosts else None
            if c is None or c.state != "running":
                raise _refused(ref)
        return reg

    # -- the kubelet contract ---------------------------------------------------------------------
    def plan_pull(self, host: str, ref: str) -> PullPlan:
        """Resolve ``ref`` at its registry and list which layers ``host`` lacks. Changes nothing."""
        try:
            parsed = parse_ref(ref)
        except Exception as exc:  # a malformed image name: containerd says it cannot parse it
            raise ImageNotFound(str(exc), f'failed to pull and unpack image "{ref}": {exc}', "repository") from None
        image = self.registry_for(parsed).resolve(parsed)
        store = self.hosts[host].layers if host in self.hosts else {}
        layers = tuple(LayerFetch(layer.digest, layer.size, layer.digest in store, layer.unpacked)
                       for layer in image.layers)
        return PullPlan(parsed.full, image.manifest_digest, image.id, layers, image, parsed.registry, parsed.repository)

    def commit_pull(self, host: str, plan: PullPlan, seconds: float = 0.0) -> None:
        """Put the plan's layers and image into ``host``'s store and tag it (no clock movement).

        ``seconds``: how long the caller's pull took (reported in ImagePulled; the kubelet knows it).
        """
        h = self.host(host)
        total = len(plan.layers)
        for i, layer in enumerate(plan.layers):
            present = layer.digest in h.layers
            self.sim.emit(ev.LayerPulled, host=host, ref=plan.ref, digest=layer.digest, size=layer.size,
                          outcome="exists" if present else "downloaded", index=i, total=total)
            h.layer_sources.setdefault(layer.digest, set()).add(f"{plan.registry}/{plan.repository}")
        up_to_date = plan.image_id in h.images and h.tags.get(plan.ref) == plan.image_id
        self._store(h, plan)
        self.sim.emit(ev.ImagePulled, host=host, ref=plan.ref, image_id=plan.image_id,
                      manifest_digest=plan.manifest_digest,
                      downloaded_layers=sum(1 for x in plan.layers if not x.present),
                      existing_layers=sum(1 for x in plan.layers if x.present),
                      bytes_downloaded=plan.bytes_to_fetch, seconds=round(seconds, 3), up_to_date=up_to_date)

    def _store(self, h: Host, plan: PullPlan) -> None:
        h.add_image(plan.image, self.sim.now)
        parsed = parse_ref(plan.ref)
        h.repo_digests.setdefault(plan.image_id, set()).add(f"{parsed.name}@{plan.manifest_digest}")
        if parsed.tag and h.tags.get(parsed.full) != plan.image_id:
            h.set_tag(parsed, plan.image_id)
            self.sim.emit(ev.ImageTagged, host=h.name, image_id=plan.image_id, ref=parsed.full)

    def build(self, host: str, options: "BuildOptions", quiet: bool = False, plain: bool = False) -> "BuildResult":
        """Plan (raising BuildError before any change), then run the build on the simulated clock."""
        from .buildexec import execute, load_definition_progress
        from .builder import BuildError, plan_build
        h = self.host(host)
        try:
            plan = plan_build(self, h, options)
        except BuildError as err:
            loaded = getattr(err, "dockerfile_bytes", None)
            if loaded is None or quiet:
                raise
            # a Dockerfile that does not parse fails after its one vertex, which BuildKit shows first
            raise BuildError(f"{load_definition_progress(loaded, plain)}\n{err}", err.path, err.line) from None
        return execute(self, h, plan, quiet, plain)

    def container_exit(self, host: str, container_id: str, generation: int) -> None:
        """Scheduled end of a container whose command finishes on its own (``sleep 30``)."""
        from .containers import finish
        finish(self, host, container_id, generation, 0, "exited")

    def has_image(self, host: str, ref: str) -> bool:
        """Whether ``host`` has ``ref`` locally (by tag or digest). Malformed refs are simply absent."""
        h = self.hosts.get(host)
        if h is None:
            return False
        try:
            return h.has(parse_ref(ref))
        except Exception:
            return False

    def image_size(self, host: str, ref: str) -> int:
        """Unpacked size of a local image (0 when absent); the kubelet reports it in node status."""
        h = self.hosts.get(host)
        if h is None:
            return 0
        try:
            image = h.lookup_ref(parse_ref(ref))
        except Exception:
            return 0
        return image.size if image else 0

    def images_on(self, host: str) -> list[tuple[tuple[str, ...], int]]:
        """(normalised tags, unpacked size) per image on ``host``: what a node reports as status.images."""
        h = self.hosts.get(host)
        if h is None:
            return []
        return [(tuple(h.tags_of(i)), im.size) for i, im in sorted(h.images.items())]


def loopback_address(registry: str) -> str | None:
    """The address Go dials for a loopback registry host (``localhost:5000`` -> ``127.0.0.1:5000``)."""
    host, _, port = registry.partition(":")
    if host == "localhost" or host.startswith("127."):
        return f"{'127.0.0.1' if host == 'localhost' else host}:{port or '80'}"
    return None


def _refused(ref: ImageRef) -> RegistryUnreachable:
    """Nothing listens at the registry's address. The daemon talks plain http to loopback registries
    (they are insecure registries by default), so the URL is http."""
    url = f"http://{ref.registry}/v2/"
    dial = loopback_address(ref.registry) or ref.registry
    return RegistryUnreachable(
        f'Error response from daemon: Get "{url}": dial tcp {dial}: connect: connection refused',
        f'failed to pull and unpack image "{ref.full}": failed to resolve reference "{ref.full}": failed to '
        f'do request: Head "{url}{ref.repository}/manifests/{ref.digest or ref.tag}": dial tcp '
        f"{dial}: connect: connection refused", "host")

