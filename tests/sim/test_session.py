"""Sessions: recording, time travel, forks and session files, on a small stand-in world."""
import json
from dataclasses import dataclass

import pytest

from app.sim import sim_cli
from app.sim.console import Console, Invocation
from app.sim.core import Event, Simulation
from app.sim.errors import CommandError
from app.sim.session import Mark, Session, SessionFileError


@dataclass(frozen=True, kw_only=True, slots=True)
class Tick(Event):
    label: str
    n: int


class TickerWorld:
    """A world whose `tick` program schedules a tick every few seconds and reads a file on demand."""

    def __init__(self, seed: int = 0) -> None:
        self.sim = Simulation(seed)
        self.count = 0
        self.files: list[bytes] = []
        self.console = Console(self)
        sim_cli.register(self.console)
        self.console.register("tick", _tick)

    def reset(self, seed=None):
        self.__init__(self.sim.seed if seed is None else seed)

    def fire(self, label: str) -> None:
        self.count += 1
        self.sim.emit(Tick, label=label, n=self.count)
        self.sim.schedule(self.sim.rng.uniform(1, 5), self.fire, label)


def _tick(world: TickerWorld, inv: Invocation, args: list[str]) -> str:
    if args[:1] == ["start"] and len(args) == 2:
        world.sim.schedule(0, world.fire, args[1])
        return f"started {args[1]}"
    if args[:1] == ["read"] and len(args) == 2:
        world.files.append(inv.read_file(args[1]))
        return world.files[-1].decode()
    raise CommandError("usage: tick start LABEL | tick read FILE")


def state(world: TickerWorld) -> tuple:
    return world.count, world.sim.now, world.sim.digest(), tuple(world.files)


def make() -> Session:
    return Session(seed=5, world_factory=TickerWorld, snapshot_interval=20)


def test_restore_to_any_mark_equals_the_live_state():
    s = make()
    s.execute("tick start a")
    marks, states = [], []
    for _ in range(30):
        s.advance(7)
        marks.append(s.mark)
        states.append(state(s.world))
        if len(marks) == 10:
            s.execute("tick start b")
    for mark, expected in reversed(list(zip(marks, states))):
        s.restore(mark)
        assert state(s.world) == expected
    assert s.horizon == marks[-1]


def test_jump_to_time_includes_actions_typed_at_that_time():
    s = make()
    s.advance(10)
    s.execute("tick start a")
    s.jump_to_time(10)
    assert s.mark == Mark(10.0, 1)
    s.jump_to_time(9.99)
    assert s.mark.actions == 0 and s.world.count == 0


def test_executing_in_the_past_forks_and_drops_the_future():
    s = make()
    s.execute("tick start a")
    s.advance(100)
    s.execute("tick start b")
    s.advance(50)
    s.jump_to_time(30)
    s.execute("tick start c")
    assert [a.line for a in s.actions] == ["tick start a", "tick start c"]
    assert s.horizon.time == 30
    s.advance(5)
    assert s.horizon.time == 35


def test_listeners_see_live_events_only_and_hear_restores():
    s = make()
    seen, restored = [], []
    s.subscribe(seen.append)
    s.on_restored(lambda: restored.append(s.now))
    s.execute("tick start a")
    s.advance(20)
    live = len(seen)
    assert live > 0
    s.jump_to_time(5)
    assert len(seen) == live and restored == [5]
    s.advance(1)
    assert len(seen) >= live  # listening again after the jump


def test_recorded_files_replay_even_after_the_file_changes(tmp_path):
    f = tmp_path / "note.txt"
    f.write_text("first")
    s = make()
    s.execute(f"tick read {f}")
    f.write_text("second")
    s.advance(1)
    s.jump_to_time(0)
    assert s.world.files == [b"first"]
    again = Session.from_json(s.to_json(), world_factory=TickerWorld)
    assert again.world.files == [b"first"]


def test_session_file_roundtrip_and_refusals():
    s = make()
    s.execute("tick start a")
    s.advance(42)
    text = s.to_json()
    again = Session.from_json(text, world_factory=TickerWorld)
    assert state(again.world) == state(s.world)
    newer = json.loads(text)
    newer["version"] = 99
    with pytest.raises(SessionFileError, match="version 99"):
        Session.from_json(json.dumps(newer), world_factory=TickerWorld)
    with pytest.raises(SessionFileError, match="line 1"):
        Session.from_json("{ nope", world_factory=TickerWorld)
    with pytest.raises(SessionFileError, match="not a Container Classroom"):
        Session.from_json("[]", world_factory=TickerWorld)
    broken = json.loads(text)
    del broken["actions"][0]["line"]
    with pytest.raises(SessionFileError, match="damaged"):
        Session.from_json(json.dumps(broken), world_factory=TickerWorld)


def test_bad_commands_are_reported_not_raised():
    s = make()
    r = s.execute("tick explode")
    assert not r.ok and "usage" in r.output
    r = s.execute("nosuch thing")
    assert not r.ok and "command not found" in r.output
    r = s.execute('tick "unterminated')
    assert not r.ok and "syntax error" in r.output
    assert s.execute("sim advance 1m").output == "advanced to 1m0s"
    assert "seed 5" == s.execute("sim seed").output
