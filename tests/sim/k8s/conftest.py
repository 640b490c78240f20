"""Shared set-up for the Kubernetes engine tests."""
from __future__ import annotations

import pytest

from app.sim.world import World

FIXTURES = "tests/fixtures/manifests"


class Console:
    """A world plus helpers: ``ok(line)`` runs a line that must succeed, ``fail(line)`` one that must not."""

    def __init__(self, seed: int = 7) -> None:
        self.world = World(seed)

    @property
    def k8s(self):
        return self.world.k8s

    @property
    def sim(self):
        return self.world.sim

    def ok(self, line: str, stdin: str | None = None) -> str:
        res = self.world.run(line, stdin=stdin)
        assert res.ok, f"{line!r} failed: {res.output}"
        return res.output

    def fail(self, line: str, stdin: str | None = None) -> str:
        rev = self.k8s.api.store.revision
        res = self.world.run(line, stdin=stdin)
        assert not res.ok, f"{line!r} should have failed: {res.output}"
        assert self.k8s.api.store.revision == rev, f"{line!r} failed but changed the store"
        return res.output

    def events(self, kind: str, since: int = 0):
        return [e for e in self.sim.log if e.kind == kind and e.seq > since]


@pytest.fixture
def con() -> Console:
    return Console()


@pytest.fixture
def classroom() -> Console:
    c = Console()
    c.ok("sim preset classroom")
    return c
