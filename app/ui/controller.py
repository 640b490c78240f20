"""SimController: the one bridge between the engine (a recorded Session) and Qt.

Everything in the window that changes the simulated world goes through here, and everything that
shows it listens here:

* ``events_ready(list)``: engine events emitted by the last action or time slice, in order, batched.
  Scenes apply their final state first, then animate.
* ``restored()``: the world object was replaced (step back, timeline jump, new session): views
  redraw from ``controller.world`` and must not keep references into the old world.
* ``time_changed(float)``: the simulated clock moved (or was restored).
* ``playing_changed(bool)``, ``speed_changed(float)``, ``executed(object)`` (a ConsoleResult),
  ``engine_failed(str)`` (an unexpected engine exception, reported instead of crashing the window),
  ``stop_reached()`` (play arrived at its stop time).

Play runs simulated time at ``speed`` simulated seconds per wall-clock second (1x = real time),
optionally up to a stop time (a lesson step's ``run_for``), then pauses by itself. The engine never
waits for animations: scenes shorten their animations with the speed instead.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from app.lessons.paths import LESSONS_DIR
from app.sim.console import ConsoleResult
from app.sim.core import Event
from app.sim.session import Mark, Session
from app.ui.speeds import SPEEDS, nearest_speed
#: Wall-clock milliseconds between two time slices while playing (about 30 per second).
TICK_MS = 33


class SimController(QObject):
    events_ready = Signal(list)
    restored = Signal()
    time_changed = Signal(float)
    playing_changed = Signal(bool)
    speed_changed = Signal(float)
    executed = Signal(object)
    engine_failed = Signal(str)
    stop_reached = Signal()   # play reached its stop time (``play(until=...)`` or ``finish()``)

    def __init__(self, seed: int = 0, setup_lines: Iterable[str] = (),
                 world_factory: Callable[[int], Any] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._factory = world_factory
        self._pending: list[Event] = []
        self._event_listeners: list[Callable[[Event], None]] = []
        self._speed = 1.0
        self._stop_at: float | None = None
        self._history: list[Mark] = []  # marks for sandbox step back
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self.session: Session = self._make_session(seed)
        self._run_setup(setup_lines)

    # -- the world ---------------------------------------------------------------------------
    @property
    def world(self) -> Any:
        return self.session.world

    @property
    def now(self) -> float:
        return self.session.now

    @property
    def horizon(self) -> float:
        """The furthest simulated time recorded (the timeline slider's end)."""
        return self.session.horizon.time

    def _make_session(self, seed: int) -> Session:
        session = Session(seed, self._factory)
        session.subscribe(self._on_event)
        session.on_restored(self._on_restored)
        return session

    def _run_setup(self, lines: Iterable[str]) -> list[ConsoleResult]:
        results = [self.session.execute(line, cwd=str(LESSONS_DIR)) for line in lines]
        self._pending.clear()  # set-up is not animated: the first rebuild draws it
        return results

    def new_session(self, seed: int, setup_lines: Iterable[str] = ()) -> list[ConsoleResult]:
        """Replace the session with a fresh one (seed, then set-up lines); views rebuild."""
        self.pause()
        self._stop_at = None
        self.session = self._make_session(seed)
        self._history.clear()
        results = self._run_setup(setup_lines)
        self._announce_restore()
        return results

    def load_session(self, session: Session) -> None:
        """Adopt a session read from a file (File > Open)."""
        self.pause()
        session.subscribe(self._on_event)
        session.on_restored(self._on_restored)
        self.session = session
        self._stop_at = None
        self._history.clear()
        self._pending.clear()
        self._announce_restore()

    # -- actions -----------------------------------------------------------------------------
    def execute(self, line: str, cwd: str | None = None) -> ConsoleResult:
        """Run and record one console line (relative paths start in lessons/ unless ``cwd``)."""
        self._history.append(self.session.mark)
        try:
            result = self.session.execute(line, cwd=str(LESSONS_DIR) if cwd is None else cwd)
        except Exception as exc:  # an engine bug: report it in the console, keep the window alive
            result = ConsoleResult(line, f"internal error in the simulator: {type(exc).__name__}: {exc}", False)
            self.engine_failed.emit(result.output)
        self.executed.emit(result)
        self._flush()
        return result

    def run_to(self, time: float) -> None:
        """Let simulated time pass up to ``time`` now (no animation pacing)."""
        if time > self.now:
            try:
                self.session.run_to(time)
            except Exception as exc:  # an engine bug while time passes: stop, say so, stay alive
                self.pause()
                self.engine_failed.emit(f"internal error in the simulator: {type(exc).__name__}: {exc}")
        self._flush()

    def advance(self, seconds: float) -> None:
        self.run_to(self.now + seconds)

    def mark(self) -> Mark:
        return self.session.mark

    def restore(self, mark: Mark) -> None:
        """Make the world exactly as it was at ``mark`` (views get ``restored``)."""
        self.pause()
        self._stop_at = None
        self._pending.clear()
        self.session.restore(mark)

    def jump_to_time(self, time: float) -> None:
        self.pause()
        self._stop_at = None
        self._pending.clear()
        self.session.jump_to_time(max(0.0, min(time, self.horizon)))

    # -- time control ------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def stop_at(self) -> float | None:
        return self._stop_at

    def set_speed(self, speed: float) -> None:
        speed = nearest_speed(speed)
        if speed != self._speed:
            self._speed = speed
            self.speed_changed.emit(speed)

    def faster(self) -> None:
        i = SPEEDS.index(self._speed)
        self.set_speed(SPEEDS[min(i + 1, len(SPEEDS) - 1)])

    def slower(self) -> None:
        i = SPEEDS.index(self._speed)
        self.set_speed(SPEEDS[max(i - 1, 0)])

    def play(self, until: float | None = None) -> None:
        """Run simulated time at the current speed; stop by itself at ``until`` if given."""
        self._stop_at = until
        if until is not None and self.now >= until:
            return
        if not self._timer.isActive():
            self._clock.start()
            self._timer.start()
            self.playing_changed.emit(True)

    def pause(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.playing_changed.emit(False)

    def toggle_play(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play(self._stop_at if self._stop_at is not None and self._stop_at > self.now else None)

    def cancel_stop(self) -> None:
        """Forget the stop time (the player finished the step itself)."""
        self._stop_at = None

    def finish(self) -> None:
        """Jump straight to the stop time (Next pressed while a step is still playing)."""
        self.pause()
        if self._stop_at is not None:
            if self._stop_at > self.now:
                self.run_to(self._stop_at)
            self._stop_at = None
            self.stop_reached.emit()

    def step_forward(self) -> None:
        """Sandbox step: run to the next instant where something is scheduled (at most 60 s)."""
        self.pause()
        self._history.append(self.session.mark)
        nxt = self.world.sim.next_time()
        self.run_to(self.now + 1.0 if nxt is None else min(max(nxt, self.now), self.now + 60.0))

    def step_back(self) -> bool:
        """Sandbox step back: restore the mark before the last step or command."""
        self.pause()
        if not self._history:
            return False
        self.restore(self._history.pop())
        return True

    def _tick(self) -> None:
        elapsed = self._clock.restart() / 1000.0
        target = self.now + min(elapsed, 0.25) * self._speed
        if self._stop_at is not None and target >= self._stop_at:
            target = self._stop_at
        self.run_to(target)
        if self._stop_at is not None and self.now >= self._stop_at:
            self.pause()
            self._stop_at = None   # reached: a later Play runs freely
            self.stop_reached.emit()

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Run many actions without animating them: views get one ``restored`` at the end."""
        self.pause()
        blocked = self.signalsBlocked()
        self.blockSignals(True)
        try:
            yield
        finally:
            self._pending.clear()
            self.blockSignals(blocked)
            if not blocked:
                self._announce_restore()

    # -- plumbing ----------------------------------------------------------------------------
    def add_event_listener(self, listener: Callable[[Event], None]) -> None:
        """Plain-Python listener for every live event, even while signals are held (``quietly``)."""
        self._event_listeners.append(listener)

    def _on_event(self, event: Event) -> None:
        self._pending.append(event)
        for listener in self._event_listeners:
            listener(event)

    def _flush(self) -> None:
        if self._pending:
            batch = list(self._pending)
            self._pending.clear()  # the session keeps appending to this same list
            self.events_ready.emit(batch)
        self.time_changed.emit(self.now)

    def _on_restored(self) -> None:
        self._announce_restore()

    def _announce_restore(self) -> None:
        self.restored.emit()
        self.time_changed.emit(self.now)
