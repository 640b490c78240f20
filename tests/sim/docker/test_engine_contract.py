"""The kubelet contract: plan_pull / commit_pull / has_image, content stores shared by images."""
from __future__ import annotations

import dataclasses

import pytest

from app.sim.core import Simulation
from app.sim.docker import events as ev
from app.sim.docker.engine import DEFAULT_BANDWIDTH, DockerEngine, PullPlan
from app.sim.docker.errors import ImageNotFound, RegistryUnreachable
from app.sim.errors import SimError


def engine() -> DockerEngine:
    return DockerEngine(Simulation(0))


def test_plan_pull_normalises_and_lists_layers() -> None:
    e = engine()
    plan = e.plan_pull("node-1", "nginx")
    assert isinstance(plan, PullPlan)
    assert plan.ref == "docker.io/library/nginx:latest"
    assert plan.manifest_digest.startswith("sha256:") and len(plan.manifest_digest) == 71
    assert plan.image_id != plan.manifest_digest
    assert len(plan.layers) == 7 and not any(layer.present for layer in plan.layers)
    assert plan.bytes_to_fetch == sum(layer.size for layer in plan.layers) > 50_000_000
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.ref = "x"  # type: ignore[misc]


def test_plan_changes_nothing_and_commit_stores() -> None:
    e = engine()
    plan = e.plan_pull("node-1", "nginx:1.27")
    assert not e.has_image("node-1", "nginx:1.27")
    e.commit_pull("node-1", plan)
    assert e.has_image("node-1", "nginx:1.27")
    assert e.has_image("node-1", "docker.io/library/nginx:1.27")
    assert e.has_image("node-1", f"nginx@{plan.manifest_digest}")
    assert not e.has_image("node-2", "nginx:1.27")
    kinds = [x.kind for x in e.sim.log]
    assert kinds.count("LayerPulled") == 7 and kinds[-1] == "ImagePulled"


def test_shared_base_layers_are_not_fetched_again() -> None:
    e = engine()
    e.commit_pull("n", e.plan_pull("n", "debian:bookworm-slim"))
    plan = e.plan_pull("n", "python:3.12-slim")
    assert [layer.present for layer in plan.layers] == [True, False, False, False]
    assert plan.bytes_to_fetch == sum(layer.size for layer in plan.layers[1:])
    e.commit_pull("n", plan)
    pulled = [x for x in e.sim.log if isinstance(x, ev.LayerPulled) and x.ref.endswith("python:3.12-slim")]
    assert [x.outcome for x in pulled] == ["exists", "downloaded", "downloaded", "downloaded"]


def test_duration_follows_bandwidth() -> None:
    plan = engine().plan_pull("n", "postgres:17")
    slow, fast = plan.duration(DEFAULT_BANDWIDTH / 10), plan.duration(DEFAULT_BANDWIDTH)
    assert slow > 5 * fast > 0
    assert plan.duration() == fast
    # 139 MB at 12.5 MB/s is about 11 s plus round trips and extraction
    assert 10 < fast < 20


@pytest.mark.parametrize("ref, reason, docker_words, cri_words", [
    ("nosuchimage", "repository", "pull access denied for nosuchimage", "pull access denied, repository does not exist"),
    ("nginx:0.0.nope", "tag", "manifest for nginx:0.0.nope not found: manifest unknown",
     "docker.io/library/nginx:0.0.nope: not found"),
    ("registry.nowhere.edu/app:1", "host", "no such host", "no such host"),
])
def test_plan_pull_errors(ref: str, reason: str, docker_words: str, cri_words: str) -> None:
    with pytest.raises(ImageNotFound) as info:
        engine().plan_pull("n", ref)
    assert isinstance(info.value, SimError)
    assert info.value.reason == reason
    assert docker_words in str(info.value)
    assert cri_words in info.value.cri_message
    if reason == "host":
        assert isinstance(info.value, RegistryUnreachable)


def test_malformed_reference_is_a_sim_error() -> None:
    with pytest.raises(ImageNotFound):
        engine().plan_pull("n", "Not A Ref")
    assert not engine().has_image("n", "::")


def test_hosts_created_on_demand_and_images_on() -> None:
    e = engine()
    assert e.host("a") is e.host("a")
    e.commit_pull("a", e.plan_pull("a", "redis:7.4"))
    listing = e.images_on("a")
    assert listing and "docker.io/library/redis:7.4" in listing[0][0]
    assert e.image_size("a", "redis:7.4") == listing[0][1] > 100_000_000


def test_added_registry_serves_pushed_images_only() -> None:
    e = engine()
    e.add_registry("registry.school.edu")
    with pytest.raises(ImageNotFound) as info:
        e.plan_pull("n", "registry.school.edu/web:1")
    assert info.value.reason == "repository"
