"""The whole simulated world: one Simulation, the Docker half, the Kubernetes half, one console.

``World`` is what a session snapshots (``copy.deepcopy``) and what every front end drives: the GUI,
the terminal console, lessons, quiz generators, tests and benchmarks.
"""
from __future__ import annotations

from dataclasses import dataclass

from .console import Console, ConsoleResult
from .core import Event, Simulation


@dataclass(frozen=True, kw_only=True, slots=True)
class WorldReset(Event):
    """The world was emptied (``sim reset``); views must redraw from scratch."""

    new_seed: int


class World:
    def __init__(self, seed: int = 0) -> None:
        self.sim = Simulation(seed)
        self._build()

    def _build(self) -> None:
        # Imported here so that the core can be used (and tested) on its own.
        from .docker import cli as docker_cli
        from .docker.engine import DockerEngine
        from .k8s import cli as k8s_cli
        from .k8s.cluster import Cluster
        from . import sim_cli

        self.docker = DockerEngine(self.sim)
        self.k8s = Cluster(self.sim, self.docker)
        self.console = Console(self)
        sim_cli.register(self.console)
        docker_cli.register(self.console)
        k8s_cli.register(self.console)

    def reset(self, seed: int | None = None) -> None:
        """Empty the world in place, keeping listeners on the same Simulation object."""
        seed = self.sim.seed if seed is None else seed
        listeners = self.sim._listeners
        self.sim.__init__(seed)  # type: ignore[misc]
        self.sim._listeners = listeners
        self._build()
        self.sim.emit(WorldReset, new_seed=seed)

    def run(self, line: str, cwd: str = ".", stdin: str | None = None) -> ConsoleResult:
        """Execute one console line without recording it (tests, generators, benchmarks)."""
        return self.console.execute(line, cwd=cwd, stdin=stdin)[0]
