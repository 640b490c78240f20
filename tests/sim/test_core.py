"""The engine core: ordering, determinism, snapshots of the queue."""
import copy
from dataclasses import dataclass

import pytest

from app.sim.core import Event, Simulation


@dataclass(frozen=True, kw_only=True, slots=True)
class Ping(Event):
    name: str


class Pinger:
    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.count = 0

    def ping(self, name: str) -> None:
        self.count += 1
        self.sim.emit(Ping, name=name)

    def jitter(self, n: int) -> None:
        for i in range(n):
            self.sim.schedule(self.sim.rng.random() * 10, self.ping, f"p{i}")


def trace(sim: Simulation) -> list[tuple[float, str, str]]:
    return [(e.time, e.kind, getattr(e, "name", "")) for e in sim.log]


def test_queue_orders_by_time_then_priority_then_sequence():
    sim = Simulation()
    p = Pinger(sim)
    sim.schedule(2.0, p.ping, "late")
    sim.schedule(1.0, p.ping, "second", priority=5)
    sim.schedule(1.0, p.ping, "first", priority=1)
    sim.schedule(1.0, p.ping, "third", priority=5)
    sim.run_until(10)
    assert trace(sim) == [(1.0, "Ping", "first"), (1.0, "Ping", "second"), (1.0, "Ping", "third"), (2.0, "Ping", "late")]
    assert sim.now == 10


def test_cancelled_timer_never_fires_and_past_is_refused():
    sim = Simulation()
    p = Pinger(sim)
    t = sim.schedule(1.0, p.ping, "x")
    t.cancel()
    sim.run_until(5)
    assert p.count == 0 and not t.active
    with pytest.raises(ValueError):
        sim.schedule(-1, p.ping, "y")


def test_same_seed_same_log_digest_and_different_seed_differs():
    def run(seed: int) -> str:
        sim = Simulation(seed)
        Pinger(sim).jitter(50)
        sim.run_until(100)
        return sim.digest()

    assert run(7) == run(7)
    assert run(7) != run(8)


def test_deepcopy_snapshot_continues_identically_and_drops_listeners():
    sim = Simulation(3)
    p = Pinger(sim)
    seen: list[Event] = []
    sim.subscribe(seen.append)
    p.jitter(20)
    sim.run_until(4)
    clone = copy.deepcopy((sim, p))[0]
    sim.run_until(20)
    clone.run_until(20)
    assert clone.digest() == sim.digest()
    assert clone._listeners == []
    assert len(seen) == len(sim.log)


def test_events_since_and_describe():
    sim = Simulation()
    p = Pinger(sim)
    for i in range(5):
        sim.schedule(i, p.ping, str(i))
    sim.run_until(10)
    assert [e.name for e in sim.events_since(3)] == ["3", "4"]
    assert sim.log[0].describe() == "0.000 Ping name=0"
    assert sim.log[0].payload() == {"name": "0"}


def test_run_while_stops_at_limit():
    sim = Simulation()
    p = Pinger(sim)
    for i in range(100):
        sim.schedule(i, p.ping, str(i))
    assert sim.run_while(lambda: p.count < 5, limit=100)
    assert p.count == 5
    assert not sim.run_while(lambda: p.count < 1000, limit=10)
    assert sim.now == pytest.approx(14.0)
