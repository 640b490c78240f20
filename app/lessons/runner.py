"""Play a lesson headless through a recorded Session: set-up, each step's actions, ``run_for``, and
the checks (expectations; try-its with their solution and their wrong attempt).

Step back is exact because it is a Session restore to the mark where the earlier step ended.
The validator (``--check-lessons``) and the tests use this; the window plays steps the same way
through its controller (:mod:`app.ui.player`), using :func:`app.lessons.expect.check_all` too.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from app.sim.session import Mark, Session

from .expect import check_all
from .paths import LESSONS_DIR
from .problems import Problem, key_line, table_end
from .schema import Lesson, Step


@dataclass
class StepRecord:
    """Where a played step began and ended on the session's timeline."""

    start: Mark
    start_seq: int
    end: Mark | None = None
    events: list[Any] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class HeadlessRun:
    """One lesson played in a fresh Session (seeded by the lesson)."""

    def __init__(self, lesson: Lesson, world_factory: Callable[[int], Any] | None = None,
                 text: str | None = None) -> None:
        self.lesson = lesson
        self.session = Session(lesson.seed, world_factory)
        self.records: list[StepRecord] = []
        self._text = text  # the file's text, to name lines
        self.setup_problems: list[Problem] = []
        self.events: list[Any] = []  # live events since the current step (or attempt) began
        self.session.subscribe(self.events.append)
        for line in lesson.setup:
            result = self.session.execute(line, cwd=str(LESSONS_DIR))
            if not result.ok:
                self.setup_problems.append(self._problem(None, "setup", f"setup line `{line}` failed: {result.output.strip()}"))
        self.after_setup = self.session.mark

    @property
    def world(self) -> Any:
        return self.session.world

    @property
    def position(self) -> int:
        """How many steps have been played (the next one to play)."""
        return len(self.records)

    def _problem(self, step: Step | None, key: str, message: str) -> Problem:
        line = 0
        if self._text is not None:
            if step is None:
                line = key_line(self._text, key, 1)
            else:
                line = key_line(self._text, key, step.line, table_end(self._text, step.line)) or step.line
        elif step is not None:
            line = step.line
        prefix = f"step {step.id!r}: " if step is not None else ""
        return Problem(self.lesson.path, line, prefix + message)

    def play_next(self) -> StepRecord:
        """Play the next step: actions, run_for, expectations, then its try-it (if any)."""
        step = self.lesson.steps[self.position]
        record = StepRecord(self.session.mark, self.world.sim.event_count)
        self.events.clear()
        for line in step.actions:
            result = self.session.execute(line, cwd=str(LESSONS_DIR))
            if not result.ok:
                record.problems.append(self._problem(step, "actions", f"action `{line}` failed: {result.output.strip()}"))
        if step.run_for:
            self.session.advance(step.run_for)
        record.events = list(self.events)
        for exp, reason in check_all(self.world, step.expect, record.events):
            record.problems.append(self._problem(step, "expect", reason))
        if step.try_it is not None:
            record.problems.extend(self._check_try(step))
        record.end = self.session.mark
        self.records.append(record)
        return record

    def _check_try(self, step: Step) -> list[Problem]:
        """The wrong attempt must fail the check; the solution must pass it (and is kept)."""
        assert step.try_it is not None
        problems: list[Problem] = []
        before = self.session.mark
        if step.try_it.wrong:
            self.events.clear()
            for line in step.try_it.wrong:
                self.session.execute(line, cwd=str(LESSONS_DIR))
            if not check_all(self.world, step.try_it.check, list(self.events)):
                problems.append(self._problem(step, "try", "try.wrong passes the check: the check cannot tell right from wrong"))
            self.session.restore(before)
        if not step.try_it.solution:
            problems.append(self._problem(step, "try", "try.solution is missing: the validator needs it to prove the task can be done"))
            return problems
        self.events.clear()
        for line in step.try_it.solution:
            result = self.session.execute(line, cwd=str(LESSONS_DIR))
            if not result.ok:
                problems.append(self._problem(step, "try", f"try.solution line `{line}` failed: {result.output.strip()}"))
        for exp, reason in check_all(self.world, step.try_it.check, list(self.events)):
            problems.append(self._problem(step, "try", f"try.solution does not pass the check: {reason}"))
        return problems

    def play_all(self) -> list[Problem]:
        problems = list(self.setup_problems)
        while self.position < len(self.lesson.steps):
            problems.extend(self.play_next().problems)
        return problems

    def back(self) -> None:
        """Step back: the world exactly as it was when the previous step ended."""
        if not self.records:
            return
        self.records.pop()
        target = self.records[-1].end if self.records else self.after_setup
        assert target is not None
        self.session.restore(target)


def run_lesson(lesson: Lesson, world_factory: Callable[[int], Any] | None = None) -> list[Problem]:
    """Play every step headless; every failed action, expectation or try-it is a Problem."""
    text = None
    try:
        with open(lesson.path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        pass
    try:
        return HeadlessRun(lesson, world_factory, text).play_all()
    except Exception as exc:  # an engine bug must be reported against the lesson, not crash the check
        return [Problem(lesson.path, 0, f"the engine failed while playing the lesson: {type(exc).__name__}: {exc}")]
