"""Image commands and registries through the console: formats, digests, tags, removal, hosts."""
from __future__ import annotations

import json
from pathlib import Path

from app.sim.docker import events as ev

FLASK = Path(__file__).resolve().parents[2] / "fixtures" / "projects" / "flask-app"


def test_history_and_inspect(world) -> None:
    world.ok(f"docker build -t web {FLASK}")
    hist = world.ok("docker history web").splitlines()
    assert hist[0].split() == ["IMAGE", "CREATED", "CREATED", "BY", "SIZE", "COMMENT"]
    assert hist[1].split()[0] == world.docker.last_build.image_id[7:19]
    assert all(line.startswith("<missing>") for line in hist[2:])
    assert 'CMD ["python" "app.py"]' in hist[1] and "buildkit.dockerfile.v0" in hist[1]
    doc = json.loads(world.ok("docker inspect web"))[0]
    assert doc["Id"] == world.docker.last_build.image_id
    assert doc["RepoTags"] == ["web:latest"] and doc["Config"]["Cmd"] == ["python", "app.py"]
    assert doc["Config"]["ExposedPorts"] == {"5000/tcp": {}} and doc["Config"]["WorkingDir"] == "/app"
    assert len(doc["RootFS"]["Layers"]) == 8 and doc["Descriptor"]["digest"] != doc["Id"]
    assert world.ok("docker inspect --format '{{len .RootFS.Layers}} {{.Config.WorkingDir}}' web") == "8 /app"
    assert world.ok("docker inspect -f '{{json .Config.Cmd}}' web") == '["python","app.py"]'
    assert "No such object: nope" in world.fails("docker inspect nope")


def test_image_id_is_config_digest_and_manifest_differs(world) -> None:
    import hashlib
    world.ok("docker pull redis:7.4")
    image = world.docker.host("laptop").find_image("redis:7.4")
    assert image.id == "sha256:" + hashlib.sha256(image.config_bytes).hexdigest()
    assert image.manifest_digest == "sha256:" + hashlib.sha256(image.manifest_bytes).hexdigest()
    manifest = json.loads(image.manifest_bytes)
    assert manifest["schemaVersion"] == 2 and manifest["config"]["digest"] == image.id
    assert [x["digest"] for x in manifest["layers"]] == [layer.digest for layer in image.layers]
    config = json.loads(image.config_bytes)
    assert config["rootfs"]["diff_ids"] == [layer.diff_id for layer in image.layers]
    assert all(layer.diff_id != layer.digest for layer in image.layers)


def test_tag_short_ids_and_rmi(world) -> None:
    world.ok("docker pull alpine:3.20")
    image = world.docker.host("laptop").find_image("alpine:3.20")
    assert world.ok(f"docker tag {image.short_id[:6]} school/alpine:base") == ""
    assert world.ok("docker images -q") == image.short_id
    assert "must be forced" in world.fails(f"docker rmi {image.short_id}")
    assert world.ok("docker rmi school/alpine:base") == "Untagged: school/alpine:base"
    out = world.ok(f"docker rmi {image.short_id}")
    assert out.splitlines()[0] == "Untagged: alpine:3.20" and f"Deleted: {image.id}" in out
    assert world.docker.host("laptop").layers == {}


def test_pull_by_digest_and_dangling_images(world) -> None:
    digest = world.docker.plan_pull("laptop", "nginx:1.27").manifest_digest
    out = world.ok(f"docker pull nginx@{digest}")
    assert out.splitlines()[0] == f"{digest}: Pulling from library/nginx"
    assert world.docker.has_image("laptop", f"nginx@{digest}")
    assert world.ok("docker images").splitlines()[1].split()[:2] == ["nginx", "<none>"]
    assert world.ok("docker images --digests").count(digest) == 1


def test_push_to_two_registries_moves_only_missing_layers(world) -> None:
    world.ok(f"docker build -t web {FLASK}")
    world.ok("sim registry add registry.school.edu")
    world.ok("sim registry add localhost:5000")
    world.ok("docker tag web registry.school.edu/class/web:1")
    first = world.ok("docker push registry.school.edu/class/web:1")
    assert first.count("Pushed") == 8
    world.ok("docker tag web registry.school.edu/class/web-copy:1")
    second = world.ok("docker push registry.school.edu/class/web-copy:1")
    assert second.count("Mounted from class/web") == 8
    world.ok("docker tag web localhost:5000/web:1")
    third = world.ok("docker push localhost:5000/web:1")
    assert third.count("Pushed") == 8  # a different registry knows none of them
    pushed = [e for e in world.sim.log if isinstance(e, ev.ManifestPushed)]
    assert [(e.uploaded_layers, e.mounted_layers) for e in pushed] == [(8, 0), (0, 8), (8, 0)]
    assert len({e.manifest_digest for e in pushed}) == 1  # the same manifest everywhere
    world.ok("docker -H node-2 pull debian:bookworm-slim")
    pulled = world.ok("docker -H node-2 pull localhost:5000/web:1")
    assert pulled.count("Already exists") == 1 and pulled.count("Pull complete") == 7


def test_login_rules(world) -> None:
    assert "Cannot perform an interactive login" in world.fails("docker login")
    world.ok("docker login -u bob -p one")
    assert "incorrect username or password" in world.fails("docker login -u bob -p two")
    assert world.ok("docker login -u bob --password-stdin", stdin="one\n").endswith("Login Succeeded")
    assert "no such host" in world.fails("docker login registry.nowhere.edu -u bob -p x")
    assert world.ok("docker logout") == "Removing login credentials for https://index.docker.io/v1/"
    world.ok("sim registry add registry.school.edu --login-required")
    world.ok("docker pull alpine:3.20")
    world.ok("docker tag alpine:3.20 registry.school.edu/a:1")
    assert "denied" in world.fails("docker push registry.school.edu/a:1")
    world.ok("docker login registry.school.edu -u teacher -p pw")
    assert "Pushed" in world.ok("docker push registry.school.edu/a:1")
    assert "no basic auth credentials" in world.fails("docker -H other pull registry.school.edu/a:1")


def test_hosts_and_registries_commands(world) -> None:
    assert "host node-1 added" in world.ok("sim host add node-1 --bandwidth 10Mbit")
    assert "invalid bandwidth" in world.fails("sim host add node-2 --bandwidth fast")
    world.ok("sim host use node-1")
    world.ok("docker pull busybox")
    hosts = world.ok("sim host ls")
    assert "*   node-1" in hosts and "10Mbit" in hosts
    assert world.docker.hosts["laptop"].images == {}
    assert "needs a dot, a port" in world.fails("sim registry add school")
    assert "library/nginx" in world.ok("sim registry catalog docker.io")
    assert "1.27" in world.ok("sim registry catalog docker.io nginx").split()


def test_system_df_and_prune(world, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\nRUN echo one\n")
    world.ok(f"docker build -t t {tmp_path}")
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\nRUN echo two\n")
    world.ok(f"docker build -t t {tmp_path}")
    assert "Images          2" in world.ok("docker system df")
    out = world.ok("docker image prune -f")
    assert "deleted: sha256:" in out and "Total reclaimed space: 4" in out
    assert len(world.docker.host("laptop").images) == 1


def test_a_registry_container_serves_localhost(world) -> None:
    out = world.ok("docker run -d -p 5000:5000 --name registry registry:2")
    assert "a registry now answers at localhost:5000" in out
    world.ok("docker pull alpine:3.20")
    world.ok("docker tag alpine:3.20 localhost:5000/alpine:mine")
    assert "Pushed" in world.ok("docker push localhost:5000/alpine:mine")
    world.ok("docker stop registry")
    assert "connection refused" in world.fails("docker -H other pull localhost:5000/alpine:mine")
    world.ok("docker start registry")
    assert "Pull complete" in world.ok("docker -H other pull localhost:5000/alpine:mine")


def test_manifest_inspect(world) -> None:
    doc = json.loads(world.ok("docker manifest inspect nginx:1.27"))
    plan = world.docker.plan_pull("laptop", "nginx:1.27")
    assert doc["config"]["digest"] == plan.image_id and len(doc["layers"]) == 7
    assert doc["mediaType"] == "application/vnd.oci.image.manifest.v1+json"
    assert "no such manifest" in world.fails("docker manifest inspect nginx:0.0.0")
    assert "Usage" in world.fails("docker manifest push x")
