"""docker build over real directories: cache hits, the cascade, multi-stage, args, errors."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.sim.docker import events as ev

FLASK = Path(__file__).resolve().parents[2] / "fixtures" / "projects" / "flask-app"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    dest = tmp_path / "flask-app"
    shutil.copytree(FLASK, dest)
    return dest


def steps(world, build_id=None):
    return [e for e in world.sim.log if isinstance(e, ev.BuildStepFinished)
            and (build_id is None or e.build_id == build_id)]


def test_build_twice_then_edit_source(world, project: Path) -> None:
    first = world.ok(f"docker build -t web:1 {project}")
    assert "CACHED" not in first and "[5/5] COPY . ." in first
    image1 = world.docker.last_build.image_id
    second = world.ok(f"docker build -t web:1 {project}")
    assert second.count("CACHED [") == 4
    assert world.docker.last_build.image_id == image1  # a fully cached build gives the same image ID
    (project / "app.py").write_text((project / "app.py").read_text() + "# edited\n")
    third = world.ok(f"docker build -t web:2 {project}")
    last = world.docker.last_build
    assert [s.cached for s in last.steps[1:]] == [True, True, True, False]
    assert last.steps[-1].reason == "files-changed" and "app.py" in last.steps[-1].detail
    assert last.image_id != image1
    assert "CACHED [4/5] RUN pip install" in third and "=> [5/5] COPY . ." in third


def test_changed_requirements_cascade(world, project: Path) -> None:
    world.ok(f"docker build -t web {project}")
    (project / "requirements.txt").write_text("flask==3.0.3\nrequests==2.32.3\n")
    world.ok(f"docker build -t web {project}")
    reasons = [(s.kind, s.cached, s.reason) for s in world.docker.last_build.steps[1:]]
    assert reasons == [("WORKDIR", True, "hit"), ("COPY", False, "files-changed"), ("RUN", False, "cascade"),
                       ("COPY", False, "cascade")]


def test_dockerignore_keeps_files_out(world, project: Path) -> None:
    world.ok(f"docker build -t web {project}")
    (project / "tests" / "test_app.py").write_text("# ignored change\n")
    (project / ".env").write_text("SECRET=1\n")
    world.ok(f"docker build -t web {project}")
    assert all(s.cached for s in world.docker.last_build.steps[1:])


def test_no_cache_and_events(world, project: Path) -> None:
    world.ok(f"docker build -t web {project}")
    world.ok(f"docker build --no-cache -t web {project}")
    last = world.docker.last_build
    assert not any(s.cached for s in last.steps[1:])
    assert {s.reason for s in last.steps[1:]} == {"no-cache"}
    finished = [e for e in world.sim.log if isinstance(e, ev.BuildFinished)]
    assert finished[-1].rebuilt_steps == 4 and finished[-1].cached_steps == 0
    layer_steps = [e for e in steps(world, last.build_id) if e.layer]
    assert layer_steps and all(e.layer.startswith("sha256:") for e in layer_steps)


def test_metadata_change_keeps_layers(world, project: Path) -> None:
    # the Dockerfile is part of the context: ignore it, or editing it would change "COPY . ."
    (project / ".dockerignore").write_text((project / ".dockerignore").read_text() + "Dockerfile\n")
    world.ok(f"docker build -t web {project}")
    first = world.docker.host("laptop").find_image("web")
    df = project / "Dockerfile"
    df.write_text(df.read_text().replace("EXPOSE 5000", "EXPOSE 5000\nENV MODE=prod"))
    world.ok(f"docker build -t web {project}")
    second = world.docker.host("laptop").find_image("web")
    assert second.id != first.id and second.manifest_digest != first.manifest_digest
    assert [x.digest for x in second.layers] == [x.digest for x in first.layers]
    assert "<none>" in world.ok("docker images")  # the old image lost its tag


def test_editing_the_dockerfile_changes_copy_all(world, project: Path) -> None:
    world.ok(f"docker build -t web {project}")
    df = project / "Dockerfile"
    df.write_text(df.read_text() + "LABEL team=blue\n")
    world.ok(f"docker build -t web {project}")
    last = world.docker.last_build.steps[-1]
    assert last.instruction == "COPY . ." and last.reason == "files-changed" and "Dockerfile" in last.detail


def write(tmp: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        p = tmp / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return tmp


GO_MULTI = """ARG GO_VERSION=1.23
FROM golang:${GO_VERSION} AS build
WORKDIR /src
COPY go.mod ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM alpine:3.20 AS unused
RUN echo never built

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=build /out/server /usr/local/bin/server
ENTRYPOINT ["/usr/local/bin/server"]
"""


def test_multi_stage_builds_only_needed_stages(world, tmp_path: Path) -> None:
    proj = write(tmp_path, {"Dockerfile": GO_MULTI, "go.mod": "module x\n", "cmd/server/main.go": "package main\n"})
    out = world.ok(f"docker build -t srv {proj}")
    assert "[build 6/6] RUN CGO_ENABLED=0 go build" in out and "[stage-2 3/3] COPY --from=build" in out
    assert "unused" not in out and "never built" not in out
    image = world.docker.host("laptop").find_image("srv")
    assert len(image.layers) == 3  # alpine + apk + the copied binary; no golang layers
    (proj / "cmd/server/main.go").write_text("package main // changed\n")
    world.ok(f"docker build -t srv {proj}")
    cached = {(s.stage, s.index): s.cached for s in world.docker.last_build.steps}
    assert cached[("build", 4)] and not cached[("build", 5)] and not cached[("build", 6)]
    assert cached[("stage-2", 2)] and not cached[("stage-2", 3)]


def test_target_and_build_args(world, tmp_path: Path) -> None:
    proj = write(tmp_path, {"Dockerfile": GO_MULTI, "go.mod": "module x\n", "cmd/server/main.go": "package main\n"})
    out = world.ok(f"docker build --target unused -t u {proj}")
    assert "[unused 2/2] RUN echo never built" in out and "golang" not in out
    out = world.ok(f"docker build --build-arg GO_VERSION=1.22 --build-arg NOPE=1 {proj}")
    assert "golang:1.22" in out and "--build-arg NOPE matched no ARG and had no effect" in out
    assert 'target stage "nope" could not be found' in world.fails(f"docker build --target nope {proj}")


HEREDOC = """# syntax=docker/dockerfile:1
FROM alpine:3.20
ARG FLAVOUR=plain
RUN <<EOF
echo "building $FLAVOUR"
apk add --no-cache curl
EOF
COPY <<EOF /etc/motd
Welcome to ${FLAVOUR}
EOF
"""


def test_heredocs_and_arg_in_run_key(world, tmp_path: Path) -> None:
    proj = write(tmp_path, {"Dockerfile": HEREDOC})
    world.ok(f"docker build -t h {proj}")
    world.ok(f"docker build -t h --build-arg FLAVOUR=fancy {proj}")
    run = world.docker.last_build.steps[1]
    assert run.kind == "RUN" and not run.cached and run.reason == "env-changed"


@pytest.mark.parametrize("dockerfile, words", [
    ("FROM alpine\nRUNN echo hi\n", "dockerfile parse error on line 2: unknown instruction: RUNN"),
    ("FROM alpine\nCOPY missing.txt /\n", '"/missing.txt": not found'),
    ("FROM alpine\nCOPY --from=nowhere.example.com/img:1 /a /b\n", "failed to resolve source metadata"),
    ("ENV A=1\nFROM alpine\n", "no build stage in current context"),
    ("FROM alpine\nEXPOSE eighty\n", "invalid port"),
])
def test_build_errors_change_nothing(world, tmp_path: Path, dockerfile: str, words: str) -> None:
    proj = write(tmp_path, {"Dockerfile": dockerfile})
    before = (len(world.sim.log), world.sim.now)
    out = world.fails(f"docker build -t bad {proj}")
    assert words in out and "ERROR: failed to solve" in out
    assert (len(world.sim.log), world.sim.now) == before
    assert world.docker.host("laptop").images == {}


def test_unknown_base_is_a_labelled_synthetic_image(world, tmp_path: Path) -> None:
    proj = write(tmp_path, {"Dockerfile": "FROM acme/widget:7\nRUN echo hi\n"})
    out = world.ok(f"docker build -t w {proj}")
    assert "synthetic stand-in" in out and "WARNING" in out
    assert world.docker.host("laptop").find_image("w").synthetic


def test_missing_context_and_dockerfile(world, tmp_path: Path) -> None:
    assert 'path "nowhere" not found' in world.fails("docker build nowhere", cwd=str(tmp_path))
    (tmp_path / "empty").mkdir()
    assert "failed to read dockerfile" in world.fails("docker build empty", cwd=str(tmp_path))


def test_ignored_directories_are_never_read(world, project: Path) -> None:
    big = project / "tests" / "data"
    big.mkdir()
    (big / "huge.bin").write_bytes(b"\0" * 1000)
    result, inv = world.console.execute(f"docker build -t web {project}")
    assert result.ok
    assert not any("/tests/" in key for key in inv.inputs)  # .dockerignore lists tests/
    assert any(key.endswith("/app.py") for key in inv.inputs)


def test_reasons_in_both_languages(world, project: Path) -> None:
    world.ok(f"docker build -t web {project}")
    (project / "app.py").write_text("print('changed')\n")
    world.ok(f"docker build -t web {project}")
    last = world.docker.last_build.steps
    assert last[1].detail_zh.startswith("命中缓存") and last[-1].detail_zh.startswith("复制的文件内容变了：改动：")
    assert "app.py" in last[-1].detail_zh
    events = [e for e in world.sim.log if isinstance(e, ev.BuildStepFinished)]
    assert all(e.detail_zh and e.detail for e in events)


def test_onbuild_heredoc_trigger_runs_in_the_child(world, tmp_path) -> None:
    parent, child = tmp_path / "parent", tmp_path / "child"
    parent.mkdir(); child.mkdir()
    (parent / "Dockerfile").write_text("FROM alpine\nONBUILD RUN <<EOF\necho from the parent\nEOF\n")
    (child / "Dockerfile").write_text("FROM base:1\nCMD [\"sh\"]\n")
    world.ok(f"docker build -t base:1 {parent}")
    assert "EOF" in world.ok("docker inspect --format '{{json .Config.OnBuild}}' base:1")
    out = world.ok(f"docker build -t child:1 {child}")
    assert "RUN <<EOF" in out and "[2/2]" in out
