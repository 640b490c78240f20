"""A recorded session: the seed, every console line with the time it was typed, and time travel.

Determinism makes the past cheap: the state at any point is "a fresh world with this seed, the same
lines at the same times". Snapshots (deep copies of the world) are kept every ``snapshot_interval``
simulated seconds and every few actions, so jumping anywhere replays only a short tail.
Executing a line while looking at the past forks: the future is dropped, as in an editor's undo.
"""
from __future__ import annotations

import base64
import bisect
import copy
import json
from dataclasses import dataclass, field
from typing import Any, Callable

from .console import ConsoleResult
from .core import Event
from .errors import SimError

SESSION_FORMAT = "container-classroom-session"
SESSION_VERSION = 1


@dataclass(frozen=True, order=True)
class Mark:
    """A point on the timeline: simulated time and how many recorded actions had run by then."""

    time: float
    actions: int


@dataclass(frozen=True)
class Action:
    time: float
    line: str
    cwd: str = "."
    stdin: str | None = None
    inputs: dict[str, bytes] = field(default_factory=dict, compare=False)


class SessionFileError(SimError):
    pass


class Session:
    def __init__(self, seed: int = 0, world_factory: Callable[[int], Any] | None = None,
                 snapshot_interval: float = 30.0, snapshot_every_actions: int = 4) -> None:
        if world_factory is None:
            from .world import World
            world_factory = World
        self.seed = seed
        self._factory = world_factory
        self.world = world_factory(seed)
        self.actions: list[Action] = []
        self.snapshot_interval = snapshot_interval
        self.snapshot_every_actions = snapshot_every_actions
        self.snapshots_enabled = True
        self._snapshots: list[tuple[Mark, Any]] = [(Mark(0.0, 0), copy.deepcopy(self.world))]
        self._applied = 0  # actions applied to self.world
        self._horizon = Mark(0.0, 0)  # the furthest point reached
        self._listeners: list[Callable[[Event], None]] = []
        self._restored: list[Callable[[], None]] = []
        self._attach()

    # -- observers --------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[Event], None]) -> None:
        """Receive every live event (never those replayed while jumping)."""
        self._listeners.append(listener)
        self._attach()

    def on_restored(self, callback: Callable[[], None]) -> None:
        """Called after a jump replaced the world: views redraw from ``session.world``."""
        self._restored.append(callback)

    def _attach(self) -> None:
        self.world.sim._listeners = [self._forward] if self._listeners else []

    def _forward(self, event: Event) -> None:
        for listener in self._listeners:
            listener(event)

    # -- the present ----------------------------------------------------------------------------
    @property
    def now(self) -> float:
        return float(self.world.sim.now)

    @property
    def mark(self) -> Mark:
        return Mark(self.now, self._applied)

    @property
    def horizon(self) -> Mark:
        return max(self._horizon, self.mark)

    def execute(self, line: str, cwd: str = ".", stdin: str | None = None) -> ConsoleResult:
        """Run and record one console line at the current time (forking if in the past)."""
        if self.mark < self._horizon:
            self._fork()
        typed_at = self.now
        result, inv = self.world.console.execute(line, cwd=cwd, stdin=stdin)
        self.actions.append(Action(typed_at, line, cwd, stdin, inv.inputs))
        self._applied += 1
        self._horizon = self.mark
        self._maybe_snapshot()
        return result

    def run_to(self, time: float) -> None:
        """Let simulated time pass up to ``time`` (taking periodic snapshots on the way)."""
        if self.mark < self._horizon and time > self.now:
            self._fork()
        sim = self.world.sim
        while sim.now < time:
            last = self._snapshots[-1][0].time
            target = min(time, last + self.snapshot_interval) if self.snapshots_enabled else time
            sim.run_until(target)
            self._horizon = max(self._horizon, self.mark)
            self._maybe_snapshot()

    def advance(self, seconds: float) -> None:
        self.run_to(self.now + seconds)

    # -- the past -------------------------------------------------------------------------------
    def restore(self, mark: Mark) -> None:
        """Make the world exactly as it was at ``mark`` (which must lie within the horizon)."""
        mark = Mark(min(mark.time, self.horizon.time), min(mark.actions, len(self.actions)))
        i = bisect.bisect_right([m for m, _ in self._snapshots], mark) - 1
        base_mark, base = self._snapshots[max(i, 0)]
        world = copy.deepcopy(base)
        applied = base_mark.actions
        for action in self.actions[applied:mark.actions]:
            world.sim.run_until(action.time)
            world.console.execute(action.line, cwd=action.cwd, stdin=action.stdin,
                                  inputs=action.inputs, replay=True)
            applied += 1
        world.sim.run_until(mark.time)
        self.world = world
        self._applied = applied
        self._attach()
        for callback in self._restored:
            callback()

    def jump_to_time(self, time: float) -> None:
        """The state at ``time`` with every action typed at or before it applied."""
        count = bisect.bisect_right([a.time for a in self.actions], time)
        self.restore(Mark(time, count))

    def _fork(self) -> None:
        cut = self.mark
        del self.actions[self._applied:]
        self._snapshots = [(m, w) for m, w in self._snapshots if m <= cut]
        self._horizon = cut

    def _maybe_snapshot(self) -> None:
        if not self.snapshots_enabled:
            return
        last, _ = self._snapshots[-1]
        if (self.now - last.time >= self.snapshot_interval
                or self._applied - last.actions >= self.snapshot_every_actions):
            if self.mark > last:
                self._snapshots.append((self.mark, copy.deepcopy(self.world)))

    # -- files ------------------------------------------------------------------------------------
    def to_json(self) -> str:
        """A small, versioned session file: seed, actions (with what they read) and the position."""
        doc = {
            "format": SESSION_FORMAT,
            "version": SESSION_VERSION,
            "seed": self.seed,
            "time": self.horizon.time,
            "actions": [
                {"time": a.time, "line": a.line, "cwd": a.cwd, "stdin": a.stdin,
                 "inputs": {k: base64.b64encode(v).decode() for k, v in a.inputs.items()}}
                for a in self.actions
            ],
        }
        return json.dumps(doc, indent=1, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, world_factory: Callable[[int], Any] | None = None) -> "Session":
        """Rebuild a session by replaying its file; refuses newer or broken files clearly."""
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SessionFileError(f"not a session file: line {exc.lineno}: {exc.msg}") from None
        if not isinstance(doc, dict) or doc.get("format") != SESSION_FORMAT:
            raise SessionFileError("not a Container Classroom session file")
        version = doc.get("version")
        if not isinstance(version, int) or version > SESSION_VERSION:
            raise SessionFileError(f"this session file has version {version}; this app reads up to "
                                   f"version {SESSION_VERSION}: please update the app")
        try:
            session = cls(int(doc["seed"]), world_factory)
            for a in doc["actions"]:
                session.world.sim.run_until(float(a["time"]))
                inputs = {str(k): base64.b64decode(v) for k, v in dict(a.get("inputs") or {}).items()}
                result, inv = session.world.console.execute(
                    str(a["line"]), cwd=str(a.get("cwd", ".")), stdin=a.get("stdin"), inputs=inputs, replay=True)
                session.actions.append(Action(float(a["time"]), str(a["line"]), str(a.get("cwd", ".")),
                                              a.get("stdin"), inputs))
                session._applied += 1
                session._maybe_snapshot()
            session.run_to(float(doc.get("time", session.now)))
        except (KeyError, TypeError, ValueError) as exc:
            raise SessionFileError(f"session file is damaged: {exc}") from None
        return session

