"""docker pull / images / push / run through the console, as a user types them."""
from __future__ import annotations

import pytest


def test_pull_then_already_exists(world) -> None:
    out = world.ok("docker pull nginx")
    assert out.splitlines()[0] == "Using default tag: latest"
    assert "latest: Pulling from library/nginx" in out
    assert out.count("Pull complete") == 7
    assert out.endswith("docker.io/library/nginx:latest")
    again = world.ok("docker pull nginx")
    assert "Status: Image is up to date for nginx:latest" in again
    other = world.ok("docker pull python:3.12-slim")
    assert other.count("Already exists") == 1 and other.count("Pull complete") == 3


def test_pull_blocks_on_the_simulated_clock(world) -> None:
    t0 = world.sim.now
    world.ok("docker pull postgres:17")
    assert world.sim.now - t0 > 10


def test_errors_change_nothing(world) -> None:
    before = len(world.sim.log)
    assert "pull access denied" in world.fails("docker pull nosuch")
    assert "unknown flag: --bogus" in world.fails("docker pull --bogus nginx")
    assert "is not a docker command" in world.fails("docker frobnicate")
    assert "invalid reference format" in world.fails("docker pull NGINX:::")
    assert "No such image" in world.fails("docker rmi nginx")
    assert len(world.sim.log) == before


def test_images_table(world) -> None:
    world.ok("docker pull alpine:3.20")
    out = world.ok("docker images")
    header, row = out.splitlines()
    assert header.split() == ["REPOSITORY", "TAG", "IMAGE", "ID", "CREATED", "SIZE"]
    assert row.split()[:2] == ["alpine", "3.20"] and row.endswith("7.8MB")


def test_push_needs_login_and_mounts_on_hub(world) -> None:
    world.ok("docker pull python:3.12-slim")
    world.ok("docker tag python:3.12-slim alice/py:1")
    assert "denied: requested access to the resource is denied" in world.fails("docker push alice/py:1")
    world.ok("docker login -u alice -p secret")
    out = world.ok("docker push alice/py:1")
    assert out.count("Mounted from library/python") == 4
    assert "1: digest: sha256:" in out
    assert "Layer already exists" in world.ok("docker push alice/py:1")
    assert "denied" in world.fails("docker push python:3.12-slim")  # library/ is not alice's


def test_second_registry_and_other_host(world) -> None:
    world.ok("docker pull python:3.12-slim")
    world.ok("sim registry add registry.school.edu")
    world.ok("docker tag python:3.12-slim registry.school.edu/py:1")
    assert world.ok("docker push registry.school.edu/py:1").count("Pushed") == 4
    world.ok("docker -H node-1 pull debian:bookworm-slim")
    out = world.ok("docker -H node-1 pull registry.school.edu/py:1")
    assert out.count("Already exists") == 1 and out.count("Pull complete") == 3


def test_run_ps_stop_rm_and_rmi_conflict(world) -> None:
    cid = world.ok("docker run -d --name web -p 8080:80 nginx").splitlines()[-1]
    assert len(cid) == 64
    ps = world.ok("docker ps")
    assert "0.0.0.0:8080->80/tcp" in ps and ps.splitlines()[1].startswith(cid[:12])
    assert "is already in use" in world.fails("docker run -d --name web nginx")
    assert "port is already allocated" in world.fails("docker run -d -p 8080:80 nginx")
    assert "conflict: unable to remove repository reference" in world.fails("docker rmi nginx")
    assert "container is running" in world.fails("docker rm web")
    assert world.ok("docker stop web") == "web"
    assert "Exited (0)" in world.ok("docker ps -a")
    assert world.ok("docker rm web") == "web"
    assert "Deleted: sha256:" in world.ok("docker rmi nginx")
    assert world.ok("docker images").count("\n") == 0


def test_run_echo_and_sleep(world) -> None:
    assert world.ok("docker run --rm busybox echo hello").endswith("hello")
    assert world.ok("docker ps -a -q") == ""
    world.ok("docker run -d --name nap busybox sleep 30")
    assert "Up" in world.ok("docker ps")
    world.ok("sim advance 31s")
    assert "Exited (0)" in world.ok("docker ps -a")
    world.ok("docker start nap")
    world.ok("docker stop nap")  # sleep as PID 1 ignores SIGTERM: killed after 10 s
    assert "Exited (137)" in world.ok("docker ps -a")


def test_pull_time_matches_the_plan_and_bandwidth(world) -> None:
    plan = world.docker.plan_pull("laptop", "node:20-alpine")
    t0 = world.sim.now
    world.ok("docker pull node:20-alpine")
    assert world.sim.now - t0 == pytest.approx(plan.duration(world.docker.host("laptop").bandwidth))
    world.ok("sim host add slow --bandwidth 10Mbit")
    t1 = world.sim.now
    world.ok("docker -H slow pull node:20-alpine")
    assert world.sim.now - t1 > 6 * (t1 - t0)  # a tenth of the bandwidth (extraction time stays)
    starts = [e for e in world.sim.log if e.kind == "LayerDownloadStarted" and e.host == "slow"]
    done = [e for e in world.sim.log if e.kind == "LayerPulled" and e.host == "slow"]
    assert len(starts) == 5 and [e.index for e in done] == [0, 1, 2, 3, 4]  # extracted in stack order
    assert all(e.time >= s.time for s, e in zip(starts, done))


def test_run_implicit_pull_and_sim_reset(world) -> None:
    out = world.ok("docker run -d busybox sleep 5")
    assert out.startswith("Unable to find image 'busybox:latest' locally\nlatest: Pulling from library/busybox")
    world.ok("sim reset --seed 4")
    assert world.ok("docker ps -a -q") == "" and world.sim.seed == 4


def test_kill_buildx_and_not_simulated_commands(world, tmp_path) -> None:
    world.ok("docker run -d --name k nginx")
    assert world.ok("docker kill k") == "k"
    assert "Exited (137)" in world.ok("docker ps -a")
    assert "is not running" in world.fails("docker kill k")
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    assert "naming to docker.io/library/x:latest" in world.ok(f"docker buildx build -t x {tmp_path}")
    assert "does not model" in world.fails("docker exec k ls")
    assert "local directories only" in world.fails("docker build https://github.com/docker/welcome.git")


def test_help_and_flags_after_the_image(world) -> None:
    assert "--build-arg K=V" in world.ok("docker build --help")
    assert "Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]" in world.ok("docker run --help")
    assert world.ok("docker run --rm busybox echo --help").endswith("--help")  # the container's argument
    assert "Commands:" in world.ok("docker")
