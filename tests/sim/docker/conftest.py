"""The Docker tests drive the real World (both halves) through its console."""
from __future__ import annotations

import pytest

from app.sim.world import World


class DockerWorld(World):
    """World plus two assertions that keep the tests short."""

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
