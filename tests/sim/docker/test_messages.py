"""Console messages worded as docker/cli (v20-v27) and BuildKit print them (checked against their source)."""
from __future__ import annotations

import re
from pathlib import Path


def test_run_errors_follow_report_error(world) -> None:
    # reportError: "docker: " + message + exactly one ".", then the --help hint for create failures
    out = world.fails("docker run nosuch")
    assert out.splitlines() == [
        "Unable to find image 'nosuch:latest' locally",
        "docker: Error response from daemon: pull access denied for nosuch, repository does not exist or may "
        "require 'docker login': denied: requested access to the resource is denied.",
        "See 'docker run --help'.",
    ]
    never = world.fails("docker run --pull=never nginx")
    assert never == "docker: Error response from daemon: No such image: nginx:latest.\nSee 'docker run --help'."


def test_create_returns_the_daemon_error_as_it_is(world) -> None:
    out = world.fails("docker create nosuch")
    assert out.splitlines()[-1].startswith("Error response from daemon: pull access denied for nosuch")
    assert not out.rstrip().endswith(".") and "docker run --help" not in out


def test_start_failure_in_run_has_no_help_hint(world) -> None:
    world.ok("docker run -d -p 8080:80 nginx")
    out = world.fails("docker run -d -p 8080:80 nginx")
    assert out == "docker: Error response from daemon: Bind for 0.0.0.0:8080 failed: port is already allocated."


def test_build_shows_base_layer_download_times(world, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nCMD [\"python\"]\n")
    out = world.ok(f"docker build -t t:1 {tmp_path}")
    downloads = re.findall(r"=> => sha256:[0-9a-f]{64} (\S+) / \S+\s+(\d+\.\d)s", out)
    assert len(downloads) == 4
    big = max(downloads, key=lambda d: float(d[1]))
    assert big[0] == "28.20MB" and float(big[1]) > 1.0  # 28 MB at the simulated 100 Mbit/s
    assert any(float(t) > 0 for t in re.findall(r"=> => extracting sha256:[0-9a-f]{64}\s+(\d+\.\d)s", out))
    plain = world.ok(f"docker build --no-cache --progress=plain -t t:2 {tmp_path}")
    assert re.search(r"#\d+ transferring dockerfile: \d+B done", plain)


def test_build_checks_print_as_a_summary_block(world, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine\nRUN echo a \\\n\n  b\n")
    out = world.ok(f"docker build {tmp_path}").splitlines()
    at = out.index(" 1 warning found (use docker --debug to expand):")
    assert out[at - 1] == "" and out[at + 1] == " - NoEmptyContinuation: Empty continuation line (line 4)"


def test_error_screen_marks_every_line_of_the_instruction(world, tmp_path: Path) -> None:
    # errdefs Source.Print: a multi-line range gets one line of context either side, all of it marked
    (tmp_path / "Dockerfile").write_text("FROM alpine\nENV A=1\nCOPY \\\n    only-one-arg\nUSER nobody\nCMD x\n")
    out = world.fails(f"docker build {tmp_path}").splitlines()
    out = out[out.index("Dockerfile:3"):]
    assert out[:6] == ["Dockerfile:3", "-" * 20, "   2 |     ENV A=1", "   3 | >>> COPY \\",
                       "   4 | >>>     only-one-arg", "   5 |     USER nobody"]
    (tmp_path / "Dockerfile").write_text("FROM alpine\nRUN <<EOF\n  echo hi\n  EOF\n")
    heredoc = world.fails(f"docker build {tmp_path}").splitlines()
    assert [x for x in heredoc if ">>>" in x] == ["   2 | >>> RUN <<EOF", "   3 | >>>   echo hi", "   4 | >>>   EOF"]


def test_rmi_untags_the_repository_digest_with_its_last_tag(world) -> None:
    # moby's image_delete.go: removing a repository's last tag also removes its name@digest references
    world.ok("docker pull nginx")
    world.ok("docker run -d --name web nginx")
    assert "(must force) - container" in world.fails("docker rmi nginx")
    forced = world.ok("docker rmi -f nginx").splitlines()
    assert forced[0] == "Untagged: nginx:latest" and forced[1].startswith("Untagged: nginx@sha256:")
    assert len(forced) == 2  # the image stays, dangling, for its container
    world.ok("docker pull python:3.12-slim")
    world.ok("docker tag python:3.12-slim school/py:1")
    out = world.ok("docker rmi python:3.12-slim").splitlines()
    assert out[0] == "Untagged: python:3.12-slim" and out[1].startswith("Untagged: python@sha256:") and len(out) == 2
    assert "school/py" in world.ok("docker images")


def test_loopback_registry_with_nothing_listening_refuses(world) -> None:
    # localhost always resolves: with no registry there the daemon's plain-http dial is refused
    refused = 'Get "http://localhost:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused'
    assert world.fails("docker pull localhost:5000/app:1") == f"Error response from daemon: {refused}"
    assert refused in world.fails("docker login localhost:5000 -u a -p b")
    assert "no such host" in world.fails("docker pull registry.nowhere.edu/app:1")
    assert world.fails("docker login").splitlines()[0] == "Error: Cannot perform an interactive login from a non TTY device"


def test_parse_failure_shows_the_loaded_definition_first(world, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine\nRUNN x\n")
    out = world.fails(f"docker build {tmp_path}").splitlines()
    assert out[0].startswith("[+] Building 0.0s (1/1) FINISHED") and out[0].endswith("docker:default")
    assert out[1].startswith(" => [internal] load build definition from Dockerfile")
    assert out[2].startswith(" => => transferring dockerfile: 19B")
    assert out[3] == "Dockerfile:2" and out[-1].startswith("ERROR: failed to solve: dockerfile parse error on line 2")
    plain = world.fails(f"docker build --progress=plain {tmp_path}").splitlines()
    assert plain[:3] == ["#1 [internal] load build definition from Dockerfile", "#1 transferring dockerfile: 19B done",
                         "#1 DONE 0.0s"]
    assert world.fails(f"docker build -q {tmp_path}").splitlines()[0] == "Dockerfile:2"


def test_unresolvable_base_is_named_as_the_from_line_writes_it(world, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM localhost:5000/app\nRUN make\n")
    last = world.fails(f"docker build {tmp_path}").splitlines()[-1]
    assert last.startswith("ERROR: failed to solve: localhost:5000/app: failed to resolve source metadata for "
                           "localhost:5000/app:latest: ")
    assert last.endswith("dial tcp 127.0.0.1:5000: connect: connection refused")


def test_missing_copy_source_reads_like_buildkit(world, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine\nCOPY missing.txt /x\n")
    last = world.fails(f"docker build {tmp_path}").splitlines()[-1]
    assert re.fullmatch(r'ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref '
                        r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}::[a-z0-9]{25}: "/missing.txt": '
                        r'not found', last)
    assert last == world.fails(f"docker build {tmp_path}").splitlines()[-1]  # deterministic


def test_substitution_errors_read_like_buildkits_lexer(world, tmp_path: Path) -> None:
    # shell/lex.go wraps every error as: failed to process "<word>": <reason>
    cases = {"ENV A=${}": 'failed to process "${}": syntax error: bad substitution',
             "ENV A=${B:?}": 'failed to process "${B:?}": B: is not allowed to be empty',
             "ENV A=${B?}": 'failed to process "${B?}": B: is not allowed to be unset',
             'WORKDIR "/a': 'failed to process "\\"/a": unexpected end of statement while looking for matching '
                            "double-quote"}
    for line, reason in cases.items():
        (tmp_path / "Dockerfile").write_text(f"FROM alpine\n{line}\n")
        assert world.fails(f"docker build {tmp_path}").splitlines()[-1] == f"ERROR: failed to solve: {reason}"
