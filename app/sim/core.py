"""The engine core: a simulated clock, an ordered event queue, one seeded RNG and an event log.

Contract:
* Time is simulated seconds (float) owned by :class:`Simulation`; nothing here reads the wall clock.
* Work scheduled for the same instant runs in (time, priority, sequence) order, so two runs with the
  same seed and the same actions produce the same event log, byte for byte.
* Scheduled callbacks must be bound methods or module-level functions (never closures or lambdas):
  snapshots are made with ``copy.deepcopy`` and a closure would keep pointing at the old objects.
* Events are frozen dataclasses derived from :class:`Event`; ``emit`` stamps time and sequence.
"""
from __future__ import annotations

import dataclasses
import hashlib
import heapq
import random
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterable, TypeVar

E = TypeVar("E", bound="Event")


@dataclass(frozen=True, kw_only=True, slots=True)
class Event:
    """Base of every engine event. Subclasses add their own fields (ids, digests, nodes...)."""

    time: float
    seq: int
    #: Which half of the engine produced it: "sim", "docker" or "k8s" (scenes filter on it).
    domain: ClassVar[str] = "sim"

    @property
    def kind(self) -> str:
        return type(self).__name__

    def payload(self) -> dict[str, Any]:
        """Fields other than time and seq, for matching (lesson expectations) and display."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in ("time", "seq")}

    def describe(self) -> str:
        """One line for logs and tests: ``12.500 PodScheduled pod=default/web node=node-1``."""
        body = " ".join(f"{k}={v}" for k, v in self.payload().items())
        return f"{self.time:.3f} {self.kind} {body}".rstrip()


@dataclass(frozen=True, kw_only=True, slots=True)
class ClockAdvanced(Event):
    """Emitted by ``sim advance``-style actions so a trace shows where time jumped."""

    to: float


@dataclass(slots=True, eq=False)
class _Scheduled:
    time: float
    priority: int
    seq: int
    callback: Callable[..., Any]
    args: tuple[Any, ...]
    cancelled: bool = False


class Timer:
    """Handle returned by :meth:`Simulation.schedule`; ``cancel()`` drops the callback."""

    __slots__ = ("_entry",)

    def __init__(self, entry: _Scheduled) -> None:
        self._entry = entry

    @property
    def time(self) -> float:
        return self._entry.time

    @property
    def active(self) -> bool:
        return not self._entry.cancelled

    def cancel(self) -> None:
        self._entry.cancelled = True


Listener = Callable[[Event], None]


class Simulation:
    """Clock, queue, RNG and event log. Deterministic for a given seed and sequence of calls."""

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.now: float = 0.0
        self.log: list[Event] = []
        # (time, priority, seq, entry) tuples: tuple comparison runs in C, a dataclass's would not.
        self._queue: list[tuple[float, int, int, _Scheduled]] = []
        self._seq = 0
        self._event_seq = 0
        self._listeners: list[Listener] = []
        #: When False, events are counted but not kept (benchmarks at 150k pods).
        self.keep_log = True

    # -- snapshots: listeners belong to the live session, never to a copy --------------------
    def __deepcopy__(self, memo: dict[int, Any]) -> "Simulation":
        import copy

        clone = Simulation.__new__(Simulation)
        memo[id(self)] = clone
        for name, value in self.__dict__.items():
            if name == "_listeners":
                clone._listeners = []
            elif name == "log":
                clone.log = list(value)  # events are frozen: sharing them is safe and cheap
            else:
                setattr(clone, name, copy.deepcopy(value, memo))
        return clone

    # -- events ---------------------------------------------------------------------------
    def emit(self, cls: type[E], **fields: Any) -> E:
        """Create an event of ``cls`` stamped with the current time, log it and notify listeners."""
        self._event_seq += 1
        event = cls(time=self.now, seq=self._event_seq, **fields)
        if self.keep_log:
            self.log.append(event)
        for listener in self._listeners:
            listener(event)
        return event

    @property
    def event_count(self) -> int:
        return self._event_seq

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` for every event from now on; returns a function that unsubscribes."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def events_since(self, seq: int) -> list[Event]:
        """Events with a sequence number greater than ``seq`` (the log is ordered by seq)."""
        lo, hi = 0, len(self.log)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.log[mid].seq <= seq:
                lo = mid + 1
            else:
                hi = mid
        return self.log[lo:]

    def digest(self) -> str:
        """sha256 over the whole event log: equal digests mean identical runs."""
        h = hashlib.sha256()
        for event in self.log:
            h.update(repr(event).encode())
            h.update(b"\n")
        return h.hexdigest()

    # -- the queue ------------------------------------------------------------------------
    def schedule(self, delay: float, callback: Callable[..., Any], *args: Any, priority: int = 0) -> Timer:
        """Run ``callback(*args)`` ``delay`` simulated seconds from now (lower priority first)."""
        if delay < 0:
            raise ValueError(f"cannot schedule in the past (delay={delay})")
        self._seq += 1
        entry = _Scheduled(self.now + delay, priority, self._seq, callback, args)
        heapq.heappush(self._queue, (entry.time, priority, self._seq, entry))
        return Timer(entry)

    def schedule_at(self, time: float, callback: Callable[..., Any], *args: Any, priority: int = 0) -> Timer:
        return self.schedule(max(0.0, time - self.now), callback, *args, priority=priority)

    def next_time(self) -> float | None:
        """Time of the next pending callback, or None when the queue is empty."""
        queue = self._queue
        while queue and queue[0][3].cancelled:
            heapq.heappop(queue)
        return queue[0][0] if queue else None

    def step(self) -> bool:
        """Run every callback due at the next instant; False when nothing is pending."""
        t = self.next_time()
        if t is None:
            return False
        self.now = max(self.now, t)
        queue = self._queue
        while queue and queue[0][0] <= t:
            entry = heapq.heappop(queue)[3]
            if not entry.cancelled:
                entry.callback(*entry.args)
        return True

    def run_until(self, time: float) -> None:
        """Process everything due at or before ``time`` and leave the clock at ``time``."""
        while True:
            t = self.next_time()
            if t is None or t > time:
                break
            self.step()
        self.now = max(self.now, time)

    def advance(self, seconds: float) -> None:
        self.run_until(self.now + seconds)

    def run_while(self, busy: Callable[[], bool], limit: float) -> bool:
        """Step while ``busy()`` holds, at most ``limit`` simulated seconds; True if it settled."""
        end = self.now + limit
        while busy():
            t = self.next_time()
            if t is None or t > end:
                self.now = max(self.now, min(end, t if t is not None else end))
                return not busy()
            self.step()
        return True

    def pending(self) -> int:
        return sum(1 for item in self._queue if not item[3].cancelled)


def event_kinds(events: Iterable[Event]) -> list[str]:
    return [e.kind for e in events]
