"""A quiz in progress: practice (feedback after each answer, wrong ones come back later), exam (timed,
feedback at the end) and review (spaced repetition over earlier mistakes).

The clock is a function passed in (``clock() -> seconds``); grading never reads time. The session
keeps the learner's first answer to each question for the score; in practice mode a wrong question is
asked again a few questions later (at most ``max_repeats`` times) so the right answer gets retrieved,
not just read.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from .grading import Grade, describe, grade, normalize
from .model import Question
from .records import AnswerRecord, Attempt

MODES = ("practice", "exam", "review")


@dataclass(frozen=True)
class Feedback:
    question: Question
    response: Any
    grade: Grade
    revealed: bool  # False in an exam: the learner sees it only at the end
    will_repeat: bool = False


def _jsonable(value: Any) -> Any:
    if isinstance(value, (frozenset, set)):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    return value


class QuizSession:
    def __init__(self, questions: Sequence[Question], mode: str, clock: Callable[[], float], *,
                 time_limit: float | None = None, lang: str = "zh", attempt_id: str = "",
                 description: str = "", requeue_gap: int = 3, max_repeats: int = 2) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        if not questions:
            raise ValueError("a quiz needs at least one question")
        self.mode = mode
        self.clock = clock
        self.lang = lang
        self.time_limit = time_limit if mode == "exam" else None
        self.questions = list(questions)
        self._queue: list[Question] = list(questions)
        self._repeats: dict[str, int] = {}
        self.requeue_gap = requeue_gap
        self.max_repeats = max_repeats
        self.started = clock()
        self._shown_at = self.started
        self.first: dict[str, AnswerRecord] = {}
        self.feedback: list[Feedback] = []  # every answer, in order (exam: revealed at the end)
        self.attempt = Attempt(id=attempt_id or f"{mode}-{int(self.started)}", mode=mode, started=self.started,
                               lang=lang, description=description)
        self.finished = False

    # -- where we are -------------------------------------------------------------------------------
    @property
    def current(self) -> Question | None:
        if self.finished or not self._queue:
            return None
        return self._queue[0]

    @property
    def answered_count(self) -> int:
        return len(self.first)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def remaining(self) -> int:
        return len(self._queue)

    def time_left(self) -> float | None:
        if self.time_limit is None:
            return None
        return max(0.0, self.time_limit - (self.clock() - self.started))

    @property
    def expired(self) -> bool:
        left = self.time_left()
        return left is not None and left <= 0.0

    def show_current(self) -> None:
        """Note the moment the current question appeared (time taken counts from here)."""
        self._shown_at = self.clock()

    # -- answering ----------------------------------------------------------------------------------
    def answer(self, response: Any) -> Feedback:
        """Grade the current question's response and move on. Refused after an exam's time is up."""
        q = self.current
        if q is None:
            raise RuntimeError("the quiz is over")
        if self.expired:
            self.finish()
            raise TimeoutError("time is up")
        now = self.clock()
        g = grade(q, response)
        try:
            canonical = normalize(q, response)
        except (TypeError, ValueError):
            canonical = None
        self._queue.pop(0)
        repeat = False
        if q.id not in self.first:
            self.first[q.id] = AnswerRecord(
                question_id=q.id, topic=q.topic, domain=q.domain, qtype=q.type, answer=_jsonable(canonical),
                answer_text=describe(q, canonical, self.lang), correct=g.correct, score=g.score,
                time_taken=round(max(0.0, now - self._shown_at), 3), answered_at=now)
            self.attempt.answers.append(self.first[q.id])
        if self.mode == "practice" and not g.correct and self._repeats.get(q.id, 0) < self.max_repeats:
            self._repeats[q.id] = self._repeats.get(q.id, 0) + 1
            self._queue.insert(min(self.requeue_gap, len(self._queue)), q)
            repeat = True
        fb = Feedback(q, canonical, g, revealed=self.mode != "exam", will_repeat=repeat)
        self.feedback.append(fb)
        self._shown_at = now
        if not self._queue:
            self.finish()
        return fb

    def finish(self) -> Attempt:
        """End the quiz; unanswered questions are recorded as not answered (score 0)."""
        if self.finished:
            return self.attempt
        now = self.clock()
        for q in self.questions:
            if q.id not in self.first:
                rec = AnswerRecord(question_id=q.id, topic=q.topic, domain=q.domain, qtype=q.type, answer=None,
                                   answer_text="—", correct=False, score=0.0, time_taken=0.0, answered_at=now)
                self.first[q.id] = rec
                self.attempt.answers.append(rec)
        self.attempt.finished = now
        self.finished = True
        self._queue.clear()
        return self.attempt
