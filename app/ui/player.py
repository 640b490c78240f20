"""LessonPlayer: plays a lesson's steps through the SimController, the way the headless runner does.

Entering a step runs its actions (the scene animates their events), then plays ``run_for`` of
simulated time at the transport's speed, then checks the step's expectations. Next finishes the
current step at once and enters the next one. Step back restores the engine exactly to the mark
where the previous step ended (a Session restore, no re-animation). Reset replays the current step.
If the timeline was forked meanwhile (the learner typed a command in the past), marks beyond the
fork no longer exist; the player then replays the lesson quietly up to the wanted step.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from PySide6.QtCore import QObject, Signal

from app.lessons.expect import check_all
from app.lessons.progress import Progress
from app.lessons.schema import Lesson, Step
from app.sim.session import Mark
from app.ui.controller import SimController


@dataclass
class _Played:
    start: Mark
    start_seq: int
    start_token: Any
    end: Mark | None = None
    end_token: Any = None
    try_from: int = 0              # index into the step's events where the try-it began
    until: float | None = None     # simulated time when its run_for ends
    outcome: tuple[str, list[str]] | None = None   # (status, failures) once the step was checked


class LessonPlayer(QObject):
    step_changed = Signal()     # lesson or step index changed: panels re-read the player
    status_changed = Signal()   # expectation or try-it status changed

    def __init__(self, controller: SimController, progress: Progress,
                 save_progress: Callable[[], None] = lambda: None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.progress = progress
        self._save = save_progress
        self.lesson: Lesson | None = None
        self.index = 0
        self._played: list[_Played] = []
        self.status: str = "idle"        # idle | playing | met | failed
        self.failures: list[str] = []
        self.try_attempts = 0
        self.try_done = False
        self.last_error: str | None = None
        self._busy = False
        self._events: list[Any] = []   # live events since the current step began
        controller.add_event_listener(self._events.append)
        controller.stop_reached.connect(self._on_stop_reached)
        controller.executed.connect(self._on_executed)

    # -- reading ------------------------------------------------------------------------------
    @property
    def step(self) -> Step | None:
        if self.lesson is None or not self.lesson.steps:
            return None
        return self.lesson.steps[self.index]

    @property
    def count(self) -> int:
        return len(self.lesson.steps) if self.lesson else 0

    # -- navigation ---------------------------------------------------------------------------
    def open(self, lesson: Lesson, index: int = 0, animate: bool = True) -> None:
        """Start ``lesson`` from its seed and set-up, fast-forward to step ``index`` and enter it."""
        self.lesson = lesson
        index = max(0, min(index, len(lesson.steps) - 1))
        self._played = []
        self.last_error = None
        with self.controller.quietly():
            self.controller.new_session(lesson.seed, lesson.setup)
        with self._fast():
            for i in range(index):
                self._enter(i)
                self._finish(i)
        self._enter(index, animate=animate)

    def close(self) -> None:
        """Leave lesson mode (sandbox)."""
        self.lesson = None
        self._played = []
        self.index = 0
        self.status = "idle"
        self.step_changed.emit()

    def next(self) -> None:
        if self.lesson is None:
            return
        self._finish(self.index)
        if self.index + 1 < self.count:
            self._enter(self.index + 1)

    def prev(self) -> None:
        if self.lesson is None or self.index == 0:
            return
        self.goto(self.index - 1)

    def goto(self, k: int) -> None:
        """Show step ``k``: earlier steps as they ended (exact restore), later ones entered fresh."""
        if self.lesson is None:
            return
        k = max(0, min(k, self.count - 1))
        if k > self.index:
            with self._fast():
                for i in range(self.index, k - 1):
                    self._finish(i)
                    self._enter(i + 1)
                self._finish(k - 1)
            self._enter(k)
            return
        if k == self.index:
            return
        target = self._played[k]
        if target.end is not None and self._reachable(target.end, target.end_token):
            self.controller.restore(target.end)
            del self._played[k + 1:]
            self.index = k
            self._events.clear()
            # the engine is exactly as it was when step k ended, so its outcome is too
            self.status, failures = target.outcome or ("met", [])
            self.failures = list(failures)
            self.try_done = self.lesson.steps[k].try_it is not None and self.status == "met"
            self.status_changed.emit()
            self._save_position()
            self.step_changed.emit()
        else:
            self.open(self.lesson, k, animate=False)
            self._finish(k)

    def first(self) -> None:
        self.goto(0)

    def last(self) -> None:
        self.goto(self.count - 1)

    def reset_step(self) -> None:
        """Replay the current step from its start (its actions animate again)."""
        if self.lesson is None or not self._played:
            return
        played = self._played[self.index]
        if self._reachable(played.start, played.start_token):
            self.controller.restore(played.start)
            del self._played[self.index:]
            self._enter(self.index)
        else:
            self.open(self.lesson, self.index)

    def restart_chapter(self) -> None:
        if self.lesson is None:
            return
        self.progress.restart(self.lesson.id)
        self._save()
        self.open(self.lesson, 0)

    # -- try-its --------------------------------------------------------------------------------
    def check_try(self) -> bool:
        """Check the current try-it against what happened since the step was entered."""
        step = self.step
        if step is None or step.try_it is None or not self._played:
            return False
        events = self._events[self._played[self.index].try_from:]
        self.failures = [reason for _, reason in check_all(self.controller.world, step.try_it.check, events)]
        self.try_done = not self.failures
        if self.try_done:
            self._mark_done(step)
        else:
            self.try_attempts += 1
        self.status = "met" if self.try_done else "failed"
        self._played[self.index].outcome = (self.status, list(self.failures))
        self.status_changed.emit()
        return self.try_done

    def hints_shown(self) -> int:
        step = self.step
        if step is None or step.try_it is None:
            return 0
        return min(self.try_attempts, len(step.try_it.hints))

    # -- internals -------------------------------------------------------------------------------
    @contextmanager
    def _fast(self) -> Iterator[None]:
        """Replay steps without showing them and without snapshots.

        Deep-copying the world for snapshots costs far more than running the steps, so a jump
        skips them; a later step back into this stretch replays from the last snapshot instead.
        """
        session = self.controller.session
        was = session.snapshots_enabled
        session.snapshots_enabled = False
        try:
            with self.controller.quietly():
                yield
        finally:
            session.snapshots_enabled = was

    def _quiet(self) -> bool:
        """True while steps are replayed without showing them (``controller.quietly``)."""
        return self.controller.signalsBlocked()

    def _announce(self, signal: Any) -> None:
        if not self._quiet():
            signal.emit()

    def _token(self, mark: Mark) -> Any:
        actions = self.controller.session.actions
        return actions[mark.actions - 1] if 0 < mark.actions <= len(actions) else None

    def _reachable(self, mark: Mark, token: Any) -> bool:
        session = self.controller.session
        if mark.actions > len(session.actions) or mark.time > session.horizon.time:
            return False
        return mark.actions == 0 or session.actions[mark.actions - 1] is token

    def _enter(self, i: int, animate: bool = True) -> None:
        assert self.lesson is not None
        step = self.lesson.steps[i]
        self.index = i
        del self._played[i:]
        start = self.controller.mark()
        played = _Played(start, self.controller.world.sim.event_count, self._token(start))
        self._played.append(played)
        self._events.clear()
        self.try_attempts, self.try_done, self.failures = 0, False, []
        self.last_error = None
        self._busy = True
        try:
            self._announce(self.step_changed)
            for line in step.actions:
                result = self.controller.execute(line)
                if not result.ok:
                    self.last_error = f"{line}: {result.output.strip()}"
        finally:
            self._busy = False
        played.try_from = len(self._events)
        played.until = self.controller.now + step.run_for if step.run_for > 0 else None
        if step.run_for > 0 and animate and not self.controller.signalsBlocked():
            self.status = "playing"
            self.controller.play(until=played.until)
            self._announce(self.status_changed)
        else:
            if step.run_for > 0:
                self.controller.advance(step.run_for)
            self._evaluate()
        self._save_position()

    def _finish(self, i: int) -> None:
        """Complete step ``i`` (its run_for), check it and remember where it ended."""
        if i >= len(self._played):
            return
        played = self._played[i]
        step = self.lesson.steps[i] if self.lesson else None
        if step is not None:
            self.controller.pause()
            self.controller.cancel_stop()
            if played.until is not None and self.controller.now < played.until:
                self.controller.run_to(played.until)   # the rest of its run_for, at once
            if i == self.index:
                self._evaluate()
        played.end = self.controller.mark()
        played.end_token = self._token(played.end)

    def _evaluate(self) -> None:
        step = self.step
        if step is None or not self._played:
            return
        played = self._played[min(self.index, len(self._played) - 1)]
        if step.try_it is not None and not self.try_done:
            self.status = "idle"
            self._announce(self.status_changed)
            return
        self.failures = [reason for _, reason in check_all(self.controller.world, step.expect, self._events)]
        self.status = "failed" if self.failures else "met"
        played.outcome = (self.status, list(self.failures))
        if not self.failures and not self.controller.signalsBlocked():
            self._mark_done(step)  # steps skipped over quietly were not seen: not done
        self._announce(self.status_changed)

    def _mark_done(self, step: Step) -> None:
        if self.lesson is not None and self.progress.mark_done(self.lesson.id, step.id):
            self._save()

    def _save_position(self) -> None:
        if self.lesson is not None and not self._quiet():
            self.progress.last_lesson = self.lesson.id
            self.progress.last_step = self.index
            self._save()

    def _on_stop_reached(self) -> None:
        if self.status == "playing" and self.lesson is not None:
            self._evaluate()

    def _on_executed(self, result: Any) -> None:
        if self._busy or self.step is None or self.step.try_it is None or self.try_done:
            return
        self.check_try()
