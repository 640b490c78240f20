"""Hypothesis: no Dockerfile text and no console line may raise an uncaught exception."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from app.sim.core import Simulation
from app.sim.docker.builder import BuildError, BuildOptions
from app.sim.docker.dockerfile import DockerfileError, parse_dockerfile
from app.sim.docker.engine import DockerEngine
from app.sim.errors import SimError

KEYWORDS = ["FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
            "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL", "from", "RUNN", "#", ""]
PIECES = ["alpine", "alpine:3.20", "python:3.12-slim", "scratch", "AS", "as", "build", "--from=build", "--from=0",
          "--link", "--chown=1:1", "--chmod=755", "--platform=linux/amd64", "--mount=type=cache,target=/x",
          "--mount=type=bind,source=.", "$X", "${X}", "${X:-d}", "${X:+a}", "${X:?m}", "${", "}", "\"", "'", "\\",
          "`", "<<EOF", "<<-EOF", "<<'EOF'", "EOF", "\tEOF", "[\"a\", \"b\"]", "[", "]", "=", "A=1", "B=\"x y\"", ".",
          "/", "/app", "*.txt", "a.txt", "80", "80/udp", "x-y", "NONE", "CMD", "--interval=5s", "--retries=0",
          "echo hi", "&&", "# comment", "# escape=`", "# syntax=docker/dockerfile:1", "\n", "\n", " \\\n", "\r\n"]

line = st.builds(lambda k, ps: " ".join([k, *ps]), st.sampled_from(KEYWORDS), st.lists(st.sampled_from(PIECES), max_size=6))
dockerfile = st.lists(line, min_size=0, max_size=12).map("\n".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dockerfile)
def test_parser_never_crashes(text: str) -> None:
    try:
        parse_dockerfile(text)
    except DockerfileError as exc:
        # prefixed like BuildKit's instruction errors, or bare like its line parser's own (located by line)
        assert str(exc).startswith("dockerfile parse error") or str(exc) == exc.reason
        assert exc.reason and (exc.line is None or exc.line >= 1)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_parser_on_arbitrary_text(text: str) -> None:
    try:
        parse_dockerfile(text)
    except DockerfileError:
        pass


ENGINE = DockerEngine(Simulation(0))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dockerfile, st.dictionaries(st.sampled_from(["X", "Y", "A"]), st.sampled_from(["", "1", "$", "a b"]), max_size=2))
def test_builder_never_crashes(text: str, args: dict[str, str]) -> None:
    files = {"a.txt": b"a", "Dockerfile": text.encode()}
    try:
        ENGINE.build("fuzz", BuildOptions(files, "FROM alpine:3.20\n" + text, build_args=args))
    except (BuildError, SimError):
        pass


WORDS = ["docker", "docker", "docker", "sim", "kubectl-not", "build", "images", "history", "inspect", "tag", "push",
         "pull", "run", "ps", "stop", "start", "rm", "rmi", "logs", "login", "logout", "image", "container", "system",
         "df", "ls", "prune", "-a", "-q", "-f", "-d", "-it", "--rm", "--name", "web", "-p", "8080:80", "80:80", "-e",
         "A=1", "-H", "node-1", "nginx", "alpine:3.20", "busybox", "echo", "hi", "sleep", "5", "NGINX", "x@y", "::",
         "--format", "{{.Id}}", "{{json .Config}}", "{{", "-t", "app:1", "--no-cache", "--target", "/nonexistent",
         "registry.school.edu/app:1", "host", "registry", "add", "use", "registry.school.edu", "advance", "10s",
         "-u", "alice", "--password", "pw", "'unclosed", "\"", "--", "-", "sha256:", "0", "--tail", "2", "--bandwidth",
         "1Mbit", "catalog", "docker.io"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(" ".join), min_size=1, max_size=6))
def test_console_never_crashes(world, lines: list[str]) -> None:
    for text in lines:
        before = (len(world.sim.log), world.sim.now, sorted(world.docker.hosts),
                  {n: (sorted(h.tags.items()), sorted(h.containers)) for n, h in world.docker.hosts.items()})
        result = world.run(text)
        assert isinstance(result.output, str)
        if not result.ok:  # a rejected command changes nothing
            after = (len(world.sim.log), world.sim.now, sorted(world.docker.hosts),
                     {n: (sorted(h.tags.items()), sorted(h.containers)) for n, h in world.docker.hosts.items()})
            assert after == before, text
