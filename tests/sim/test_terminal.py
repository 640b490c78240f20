"""The terminal console: piped scripts, errors on stderr, cd, undo, jump, save and reopen."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

from app.sim.terminal import Terminal, main

FLASK = Path(__file__).resolve().parents[1] / "fixtures" / "projects" / "flask-app"


def run(script: str, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    rc = main(list(argv), stdin=io.StringIO(script), stdout=out, stderr=err)
    return rc, out.getvalue(), err.getvalue()


def test_piped_script_prints_outputs() -> None:
    rc, out, err = run("docker pull alpine:3.20\ndocker images\nsim time\n")
    assert rc == 0
    assert "Status: Downloaded newer image for alpine:3.20" in out
    assert "alpine       3.20" in out and "simulated time" in out


def test_failures_go_to_stderr_and_set_the_exit_code() -> None:
    rc, out, err = run("docker pull nosuchimage\ndocker images\n")
    assert rc == 1
    assert "pull access denied" in err and "pull access denied" not in out
    assert out.startswith("REPOSITORY")


def test_same_seed_same_output() -> None:
    script = "docker run -d busybox sleep 5\ndocker run -d nginx\ndocker ps -a\n"
    assert run(script, "--seed", "5")[1] == run(script, "--seed", "5")[1]


def test_bad_arguments() -> None:
    rc, _, err = run("", "--seed", "x")
    assert rc == 2 and "usage" in err


def test_cd_build_save_and_reopen(tmp_path: Path) -> None:
    proj = tmp_path / "proj"
    shutil.copytree(FLASK, proj)
    session_file = tmp_path / "s.json"
    script = f"cd {tmp_path}\ncd nowhere\ndocker build -t web proj\n.save {session_file}\n"
    rc, out, err = run(script)
    assert rc == 1 and "cd: nowhere: No such file or directory" in err
    assert "naming to docker.io/library/web:latest" in out and session_file.exists()
    shutil.rmtree(proj)  # the session recorded what the build read: it replays without the files
    rc, out, err = run("docker images\n", "--open", str(session_file))
    assert rc == 0 and out.splitlines()[1].startswith("web ")


def test_undo_and_jump() -> None:
    from app.sim.session import Session
    out, err = io.StringIO(), io.StringIO()
    term = Terminal(Session(0), out, err, ".")
    term.handle("docker pull alpine:3.20")
    term.handle("sim advance 60s")
    term.handle("docker run -d --name a alpine:3.20 sleep 600")
    term.handle(".undo")
    term.handle("docker ps -a")
    assert "back to before: docker run" in out.getvalue()
    assert out.getvalue().rstrip().endswith("NAMES")  # the container is gone again
    term.handle(".jump 0")
    assert "jumped to simulated time" in out.getvalue()
    term.handle("docker run -d --name b alpine:3.20 sleep 600")  # typing in the past forks the timeline
    assert len(term.session.actions) == 2
    term.handle(".jump soon")
    assert "usage: .jump" in err.getvalue()
    assert term.handle("exit") is False
