"""A world with only the Docker half (the Kubernetes half may not exist yet)."""
from __future__ import annotations

import pytest

from app.sim import sim_cli
from app.sim.console import Console
from app.sim.core import Simulation
from app.sim.docker import cli
from app.sim.docker.engine import DockerEngine


class DockerWorld:
    def __init__(self, seed: int = 0) -> None:
        self.sim = Simulation(seed)
        self._build()

    def _build(self) -> None:
        self.docker = DockerEngine(self.sim)
        self.console = Console(self)
        sim_cli.register(self.console)
        cli.register(self.console)

    def reset(self, seed: int | None = None) -> None:
        seed = self.sim.seed if seed is None else seed
        self.sim.__init__(seed)  # type: ignore[misc]
        self._build()

    def run(self, line: str, cwd: str = ".", stdin: str | None = None):
        return self.console.execute(line, cwd=cwd, stdin=stdin)[0]

    def ok(self, line: str, cwd: str = ".", stdin: str | None = None) -> str:
        result = self.run(line, cwd, stdin)
        assert result.ok, f"{line!r} failed:\n{result.output}"
        return result.output

    def fails(self, line: str, cwd: str = ".") -> str:
        result = self.run(line, cwd)
        assert not result.ok, f"{line!r} should have failed:\n{result.output}"
        return result.output


@pytest.fixture
def world() -> DockerWorld:
    return DockerWorld(0)
