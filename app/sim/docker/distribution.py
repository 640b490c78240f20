"""``docker pull`` and ``docker push`` as the distribution flow does them, on the simulated clock.

Pull: manifest, config, then only the layers the host's content store lacks ("Already exists" for the
others), downloads sharing the host's bandwidth, extraction in stack order ("Pull complete").
Push: blobs first, manifest last; per layer an existence check ("Layer already exists"), a
cross-repository mount when the host knows another repository of the same registry holding the blob
("Mounted from ..."), else an upload ("Pushed"). Both block: they advance the simulated clock,
emitting their events at the simulated moments they happen, and print the CLI's final screen.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import events as ev
from .errors import DockerError
from .reference import DEFAULT_REGISTRY, ImageRef, parse_ref
from .transfer import MAX_UPLOADS, ROUND_TRIP, shared_schedule

if TYPE_CHECKING:
    from .engine import DockerEngine, PullPlan


def pull(engine: "DockerEngine", host_name: str, text: str, *, implicit: bool = False) -> str:
    """Run a pull to completion on ``host_name``; returns the CLI output.

    ``implicit``: the pull ``docker run`` makes for a missing image (it prints no "Using default tag").
    """
    ref = parse_ref(text)
    plan = engine.plan_pull(host_name, text)  # raises before anything changes
    registry = engine.registries[ref.registry]
    existing = engine.hosts.get(host_name)
    logged_in = existing is not None and ref.registry in existing.logins
    if registry.requires_login and not registry.is_default and not logged_in:
        # a private registry with authentication: pulls need credentials too (Docker Hub's public repos do not)
        raise DockerError(f'Error response from daemon: Head "https://{ref.registry}/v2/{ref.repository}/manifests/'
                          f'{ref.tag or ref.digest}": no basic auth credentials')
    host = engine.host(host_name)
    sim = engine.sim
    head = [] if implicit or ":" in text.split("/")[-1] or "@" in text else ["Using default tag: latest"]
    what = ref.tag if ref.tag else ref.digest
    head.append(f"{what}: Pulling from {ref.repository}")
    up_to_date = host.tags.get(plan.ref) == plan.image_id if ref.tag else plan.image_id in host.images
    start = sim.now
    sim.emit(ev.PullStarted, host=host_name, ref=plan.ref, manifest_digest=plan.manifest_digest,
             layers=len(plan.layers), layers_to_fetch=plan.layers_to_fetch, bytes_to_fetch=plan.bytes_to_fetch)
    windows, extracted, total = plan.timeline(host.bandwidth)
    lines = []
    # the daemon checks the image config first: an image already stored under another name needs no layers
    have_image = plan.image_id in host.images
    if not up_to_date and not have_image:
        # events in time order: download starts, then each layer done (extracted)
        marks: list[tuple[float, int, int]] = []
        for i, layer in enumerate(plan.layers):
            if not layer.present:
                marks.append((windows[i][0], 0, i))
                marks.append((extracted[i], 1, i))
        for t, kind, i in sorted(marks):
            sim.run_until(start + t)
            layer = plan.layers[i]
            if kind == 0:
                sim.emit(ev.LayerDownloadStarted, host=host_name, ref=plan.ref, digest=layer.digest,
                         size=layer.size, seconds=round(windows[i][1] - windows[i][0], 3))
            else:
                _land_layer(engine, host_name, plan, i, "downloaded")
        for i, layer in enumerate(plan.layers):
            if layer.present:
                _land_layer(engine, host_name, plan, i, "exists")
            lines.append(f"{layer.digest[7:19]}: {'Already exists' if layer.present else 'Pull complete'}")
    else:
        total = 2 * ROUND_TRIP
    skipped = up_to_date or have_image
    sim.run_until(start + total)
    engine._store(host, plan)
    sim.emit(ev.ImagePulled, host=host_name, ref=plan.ref, image_id=plan.image_id,
             manifest_digest=plan.manifest_digest, downloaded_layers=0 if skipped else plan.layers_to_fetch,
             existing_layers=len(plan.layers) if skipped else len(plan.layers) - plan.layers_to_fetch,
             bytes_downloaded=0 if skipped else plan.bytes_to_fetch, seconds=round(sim.now - start, 3),
             up_to_date=up_to_date)
    status = (f"Status: Image is up to date for {ref.familiar}" if up_to_date
              else f"Status: Downloaded newer image for {ref.familiar}")
    return "\n".join([*head, *lines, f"Digest: {plan.manifest_digest}", status, plan.ref])


def _land_layer(engine: "DockerEngine", host_name: str, plan: "PullPlan", i: int, outcome: str) -> None:
    host = engine.hosts[host_name]
    layer = plan.image.layers[i]
    host.layers.setdefault(layer.digest, layer)
    host.layer_sources.setdefault(layer.digest, set()).add(f"{plan.registry}/{plan.repository}")
    engine.sim.emit(ev.LayerPulled, host=host_name, ref=plan.ref, digest=layer.digest, size=layer.size,
                    outcome=outcome, index=i, total=len(plan.layers))


def _denied(ref: ImageRef) -> DockerError:
    return DockerError(f"The push refers to repository [{ref.name}]\n"
                       "denied: requested access to the resource is denied")


def push(engine: "DockerEngine", host_name: str, text: str) -> str:
    """Push a local tag to its registry; returns the CLI output. Validates before changing anything."""
    ref = parse_ref(text)
    host = engine.host(host_name)
    head = [] if ":" in text.split("/")[-1] or "@" in text else ["Using default tag: latest"]
    image = host.lookup_ref(ref)
    if image is None:
        raise DockerError(f"Error response from daemon: An image does not exist locally with the tag: {ref.familiar_name}")
    try:
        registry = engine.registry_for(ref)
    except Exception as exc:
        raise DockerError(f"The push refers to repository [{ref.name}]\n{str(exc).split('daemon: ', 1)[-1]}") from None
    user = host.logins.get(registry.host)
    if registry.requires_login and user is None:
        raise _denied(ref)
    if registry.host == DEFAULT_REGISTRY and ref.repository.split("/")[0] != user:
        raise _denied(ref)  # Docker Hub: you may push only into your own namespace
    sim, start = engine.sim, engine.sim.now
    repo = ref.repository
    sim.emit(ev.PushStarted, host=host_name, registry=registry.host, repository=repo, tag=ref.tag or "latest",
             layers=len(image.layers))
    outcomes: list[tuple[str, str]] = []  # per layer, bottom first: (status line, outcome)
    uploads: list[int] = []
    t_check = ROUND_TRIP  # existence checks run in parallel: one round trip
    sim.run_until(start + t_check)
    counts = {"uploaded": 0, "exists": 0, "mounted": 0}
    seen: set[str] = set()
    for i, layer in enumerate(image.layers):
        if layer.digest in seen:
            outcomes.append(("Layer already exists", "exists"))
            continue
        seen.add(layer.digest)
        if registry.has_blob(repo, layer.digest):
            outcomes.append(("Layer already exists", "exists"))
            continue
        source = _mount_source(host.layer_sources.get(layer.digest, set()), registry.host, repo, registry, layer.digest)
        if source is not None:
            registry.mount(repo, layer.digest, source, layer.size)
            outcomes.append((f"Mounted from {source}", "mounted"))
            continue
        outcomes.append(("Pushed", "uploaded"))
        uploads.append(i)
    for i, (status, outcome) in enumerate(outcomes):
        if outcome != "uploaded":
            counts[outcome] += 1
            layer = image.layers[i]
            sim.emit(ev.LayerPushed, host=host_name, registry=registry.host, repository=repo, digest=layer.digest,
                     size=layer.size, outcome=outcome,
                     mounted_from=status[len("Mounted from "):] if outcome == "mounted" else "")
    sizes = [image.layers[i].size for i in uploads] + [image.config_size]
    sched = shared_schedule(sizes, host.upload_bandwidth, MAX_UPLOADS)
    base = start + t_check + ROUND_TRIP  # POST to open the upload sessions
    marks = sorted([(s, 0, k) for k, (s, _) in enumerate(sched)] + [(e, 1, k) for k, (_, e) in enumerate(sched)])
    for t, kind, k in marks:
        sim.run_until(base + t)
        if k == len(uploads):
            if kind == 1:
                registry.upload(repo, image.id, image.config_size)
            continue
        layer = image.layers[uploads[k]]
        if kind == 0:
            sim.emit(ev.LayerUploadStarted, host=host_name, registry=registry.host, repository=repo,
                     digest=layer.digest, size=layer.size, seconds=round(sched[k][1] - sched[k][0], 3))
        else:
            registry.upload(repo, layer.digest, layer.size)
            counts["uploaded"] += 1
            sim.emit(ev.LayerPushed, host=host_name, registry=registry.host, repository=repo, digest=layer.digest,
                     size=layer.size, outcome="uploaded", mounted_from="")
    sim.run_until(sim.now + ROUND_TRIP)  # PUT the manifest, last
    tag = ref.tag or "latest"
    registry.put_manifest(repo, tag, image)
    for layer in image.layers:
        host.layer_sources.setdefault(layer.digest, set()).add(f"{registry.host}/{repo}")
    host.repo_digests.setdefault(image.id, set()).add(f"{ref.name}@{image.manifest_digest}")
    sim.emit(ev.ManifestPushed, host=host_name, registry=registry.host, repository=repo, tag=tag,
             manifest_digest=image.manifest_digest, size=len(image.manifest_bytes),
             uploaded_layers=counts["uploaded"], existing_layers=counts["exists"], mounted_layers=counts["mounted"],
             bytes_uploaded=sum(image.layers[i].size for i in uploads), seconds=round(sim.now - start, 3))
    lines = [*head, f"The push refers to repository [{ref.name}]"]
    for i in reversed(range(len(image.layers))):
        lines.append(f"{image.layers[i].digest[7:19]}: {outcomes[i][0]}")
    lines.append(f"{tag}: digest: {image.manifest_digest} size: {len(image.manifest_bytes)}")
    return "\n".join(lines)


def _mount_source(sources: set[str], registry_host: str, repo: str, registry, digest: str) -> str | None:
    """A repository of the same registry that the host knows holds ``digest`` (Docker's v2 metadata)."""
    prefix = registry_host + "/"
    for src in sorted(sources):
        if src.startswith(prefix) and src[len(prefix):] != repo and registry.has_blob(src[len(prefix):], digest):
            return src[len(prefix):]
    return None
