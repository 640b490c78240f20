"""A learner's quiz records: name, every attempt (answer by answer) and the review cards.

One JSON file per learner, saved atomically after every change (see :mod:`app.quiz.atomic`), so a
kill during a save loses nothing that was already saved. A damaged file is never overwritten: it is
moved aside as ``NAME.damaged-N`` and the problem is reported, then a fresh record starts.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import sm2
from .atomic import atomic_write_text

RECORDS_FORMAT = "container-classroom-quiz-records"
RECORDS_VERSION = 1


class RecordsError(Exception):
    """The records file could not be read as records (the message says why and where it went)."""


@dataclass(frozen=True)
class AnswerRecord:
    question_id: str
    topic: str
    domain: str
    qtype: str
    answer: Any  # the raw response, JSON-friendly (lists for sets and tuples)
    answer_text: str  # as the learner saw it, in the language they used
    correct: bool
    score: float
    time_taken: float  # seconds
    answered_at: float  # epoch seconds (from the injected clock)


@dataclass
class Attempt:
    id: str
    mode: str  # practice | exam | review
    started: float
    finished: float = 0.0
    lang: str = "zh"
    description: str = ""  # what was asked for: chapter, topic, difficulty
    answers: list[AnswerRecord] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(a.score for a in self.answers)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["answers"] = [asdict(a) for a in self.answers]
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Attempt":
        answers = [AnswerRecord(**{k: a[k] for k in AnswerRecord.__dataclass_fields__}) for a in d.get("answers", [])]
        return cls(id=str(d["id"]), mode=str(d["mode"]), started=float(d["started"]),
                   finished=float(d.get("finished", 0.0)), lang=str(d.get("lang", "zh")),
                   description=str(d.get("description", "")), answers=answers)


def default_path() -> Path:
    """Where records live: beside the settings in $CONTAINER_CLASSROOM_HOME, else the XDG data folder."""
    base = os.environ.get("CONTAINER_CLASSROOM_HOME")
    if not base:
        xdg = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
        base = os.path.join(xdg, "container-classroom")
    return Path(base) / "quiz-records.json"


class QuizRecords:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.learner = ""
        self.attempts: list[Attempt] = []
        self.cards: dict[str, sm2.Card] = {}
        self.review_log: list[dict[str, Any]] = []  # {question_id, time, rating}
        #: Set when a damaged file was moved aside on load (the UI shows it once).
        self.recovered_from: str = ""

    # -- files --------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | None = None) -> "QuizRecords":
        rec = cls(path or default_path())
        if not rec.path.exists():
            return rec
        try:
            rec._read(json.loads(rec.path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            aside = rec._move_aside()
            rec.__init__(rec.path)  # type: ignore[misc]
            rec.recovered_from = f"{rec.path}: could not be read ({exc}); kept as {aside}"
        return rec

    def _read(self, doc: Any) -> None:
        if not isinstance(doc, dict) or doc.get("format") != RECORDS_FORMAT:
            raise ValueError("not a quiz records file")
        if int(doc.get("version", 0)) > RECORDS_VERSION:
            raise RecordsError(f"{self.path} was written by a newer version of the app; update the app")
        self.learner = str(doc.get("learner", ""))
        self.attempts = [Attempt.from_json(a) for a in doc.get("attempts", [])]
        self.cards = {c["question_id"]: sm2.Card.from_json(c) for c in doc.get("cards", [])}
        self.review_log = [dict(r) for r in doc.get("review_log", [])]

    def _move_aside(self) -> str:
        n = 1
        while (aside := self.path.with_name(f"{self.path.name}.damaged-{n}")).exists():
            n += 1
        os.replace(self.path, aside)
        return str(aside)

    def to_json(self) -> str:
        doc = {
            "format": RECORDS_FORMAT,
            "version": RECORDS_VERSION,
            "learner": self.learner,
            "attempts": [a.to_json() for a in self.attempts],
            "cards": [c.to_json() for c in sorted(self.cards.values(), key=lambda c: c.question_id)],
            "review_log": self.review_log,
        }
        return json.dumps(doc, ensure_ascii=False, indent=1)

    def save(self) -> None:
        atomic_write_text(self.path, self.to_json())

    # -- changes (each saves) -------------------------------------------------------------------
    def set_learner(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise ValueError("the learner's name cannot be empty")
        self.learner = name[:80]
        self.save()

    def add_attempt(self, attempt: Attempt) -> None:
        """Store a finished (or abandoned) attempt; wrong answers become review cards."""
        self.attempts = [a for a in self.attempts if a.id != attempt.id] + [attempt]
        for ans in attempt.answers:
            if not ans.correct and attempt.mode != "review" and ans.question_id not in self.cards:
                self.cards[ans.question_id] = sm2.Card(ans.question_id, due=ans.answered_at)
        self.save()

    def record_review(self, question_id: str, rating: int, now: float) -> sm2.Card:
        card = self.cards.get(question_id) or sm2.Card(question_id, due=now)
        was_new = card.state == "new"
        card = sm2.answer(card, rating, now)
        self.cards[question_id] = card
        self.review_log.append({"question_id": question_id, "time": now, "rating": rating, "new": was_new})
        self.save()
        return card

    # -- reading --------------------------------------------------------------------------------
    def due(self, now: float, config: sm2.Config = sm2.DEFAULT) -> list[sm2.Card]:
        today = sm2.day_number(now, config)
        done = [r for r in self.review_log if sm2.day_number(float(r["time"]), config) == today]
        new_done = len({r["question_id"] for r in done if r.get("new")})
        reviews_done = len([r for r in done if not r.get("new")])
        return sm2.due_cards(self.cards.values(), now, new_done, reviews_done, config)
