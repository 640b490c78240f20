"""The issue's "done when", typed into the terminal console as a user would pipe a script."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

from app.sim.session import Session
from app.sim.terminal import Terminal, main

PROJECTS = Path(__file__).resolve().parents[2] / "fixtures" / "projects"


def console(script: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    rc = main(["--seed", "1"], stdin=io.StringIO(script), stdout=out, stderr=err)
    assert rc == 0, err.getvalue()
    return out.getvalue()


class Typing:
    """One terminal session kept across several typed scripts (files change between them)."""

    def __init__(self) -> None:
        self.out, self.err = io.StringIO(), io.StringIO()
        self.term = Terminal(Session(1), self.out, self.err, ".")

    def __call__(self, script: str) -> str:
        start = len(self.out.getvalue())
        for line in script.splitlines():
            self.term.handle(line)
        assert self.term.failures == 0, self.err.getvalue()
        return self.out.getvalue()[start:]


def test_build_cache_edit_push_pull_run(tmp_path: Path) -> None:
    shutil.copytree(PROJECTS / "node-api", tmp_path / "node-api")
    console = Typing()
    first = console(f"cd {tmp_path}\ndocker build -t alice/api:1 node-api\ndocker build -t alice/api:1 node-api\n")
    builds = first.split("[+] Building")[1:]
    assert "CACHED" not in builds[0] and builds[1].count("CACHED [") == 4
    (tmp_path / "node-api" / "src" / "server.js").write_text("console.log('changed')\n")
    (tmp_path / "node-api" / "README.md").write_text("ignored by .dockerignore\n")
    script = "\n".join([
        f"cd {tmp_path}",
        "docker build -t alice/api:2 node-api",
        "docker login -u alice -p secret",
        "docker push alice/api:2",
        "sim registry add registry.school.edu",
        "docker tag alice/api:2 registry.school.edu/alice/api:2",
        "docker push registry.school.edu/alice/api:2",
        "docker -H node-1 pull node:20-alpine",
        "docker -H node-1 pull registry.school.edu/alice/api:2",
        "docker -H node-1 run -d --name api -p 3000:3000 registry.school.edu/alice/api:2",
        "docker -H node-1 ps",
    ]) + "\n"
    out = console(script)
    assert "CACHED [4/5] RUN npm ci --omit=dev" in out and "=> [5/5] COPY src ./src" in out
    hub_push = out.split("The push refers to repository [docker.io/alice/api]")[1].split("The push refers")[0]
    assert hub_push.count("Mounted from library/node") == 5 and hub_push.count("Pushed") == 4  # WORKDIR (new dir), COPY, RUN, COPY
    school = out.split("The push refers to repository [registry.school.edu/alice/api]")[1]
    assert school.count("Pushed") == 9
    pull = out.split("2: Pulling from alice/api")[1]
    assert pull.count("Already exists") == 5 and pull.count("Pull complete") == 4
    assert "0.0.0.0:3000->3000/tcp" in out and "api" in out.splitlines()[-1]


def test_go_two_stage_project() -> None:
    out = console(f"docker build -t hello {PROJECTS / 'go-hello'}\ndocker run --rm hello\ndocker images\n")
    assert "[build 6/6] RUN CGO_ENABLED=0 go build" in out and "[stage-1 2/2] COPY --from=build" in out
    assert "hello        latest" in out
