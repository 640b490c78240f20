"""Scores per topic and per KCNA domain, the wrong answers to review, and the history of attempts."""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from .model import DOMAINS
from .records import AnswerRecord, Attempt


@dataclass
class Tally:
    score: float = 0.0
    possible: int = 0
    correct: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.possible if self.possible else 0.0


@dataclass
class Summary:
    total: Tally = field(default_factory=Tally)
    by_topic: "OrderedDict[str, Tally]" = field(default_factory=OrderedDict)
    by_domain: "OrderedDict[str, Tally]" = field(default_factory=OrderedDict)
    wrong: list[AnswerRecord] = field(default_factory=list)
    duration: float = 0.0


def _add(t: Tally, a: AnswerRecord) -> None:
    t.score += a.score
    t.possible += 1
    t.correct += int(a.correct)


def summarize(attempt: Attempt) -> Summary:
    s = Summary(duration=max(0.0, attempt.finished - attempt.started))
    for a in attempt.answers:
        _add(s.total, a)
        _add(s.by_topic.setdefault(a.topic, Tally()), a)
        _add(s.by_domain.setdefault(a.domain, Tally()), a)
        if not a.correct:
            s.wrong.append(a)
    s.by_topic = OrderedDict(sorted(s.by_topic.items()))
    order = {d: i for i, d in enumerate(DOMAINS)}
    s.by_domain = OrderedDict(sorted(s.by_domain.items(), key=lambda kv: order.get(kv[0], 99)))
    return s


@dataclass(frozen=True)
class HistoryRow:
    attempt_id: str
    mode: str
    started: float
    description: str
    questions: int
    percent: float


def history(attempts: list[Attempt]) -> list[HistoryRow]:
    """Attempts newest first, with their overall score."""
    rows = []
    for a in sorted(attempts, key=lambda a: a.started, reverse=True):
        t = summarize(a).total
        rows.append(HistoryRow(a.id, a.mode, a.started, a.description, t.possible, round(t.percent, 1)))
    return rows
