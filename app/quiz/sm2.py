"""Spaced repetition with SM-2 as Anki's classic (v2) scheduler runs it, with Anki's default options.

Cards are the questions a learner got wrong. A card is ``new`` until first reviewed, then ``learning``
(steps of 1 and 10 minutes), ``review`` (intervals in days, scaled by the card's ease) or
``relearning`` after a lapse (one 10-minute step). Ratings are Anki's four buttons: 1 Again, 2 Hard,
3 Good, 4 Easy. Deliberate simplifications, said here so nobody mistakes them for Anki's exact
output: no interval fuzz (the same answers give the same dates, which tests and classes can rely on)
and the day boundary is midnight at the given UTC offset (Anki's default rolls over at 4 am).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Iterable

DAY = 86400.0
MINUTE = 60.0


@dataclass(frozen=True)
class Config:
    """Anki's classic deck-option defaults (teaching.md §4)."""

    new_per_day: int = 20
    reviews_per_day: int = 200
    learning_steps: tuple[float, ...] = (1 * MINUTE, 10 * MINUTE)
    graduating_interval: int = 1
    easy_interval: int = 4
    relearning_steps: tuple[float, ...] = (10 * MINUTE,)
    starting_ease: float = 2.5
    easy_bonus: float = 1.3
    hard_interval: float = 1.2
    minimum_ease: float = 1.3
    lapse_new_interval: float = 0.0  # "new interval" after a lapse: 0% of the old one
    minimum_interval: int = 1
    maximum_interval: int = 36500
    leech_threshold: int = 8
    utc_offset_hours: float = 0.0


DEFAULT = Config()
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATINGS = (AGAIN, HARD, GOOD, EASY)


@dataclass(frozen=True)
class Card:
    question_id: str
    state: str = "new"  # new | learning | review | relearning
    step: int = 0
    due: float = 0.0  # epoch seconds
    interval: int = 0  # days (review cards)
    ease: float = DEFAULT.starting_ease
    reps: int = 0
    lapses: int = 0
    leech: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Card":
        return cls(question_id=str(data["question_id"]), state=str(data.get("state", "new")),
                   step=int(data.get("step", 0)), due=float(data.get("due", 0.0)),
                   interval=int(data.get("interval", 0)), ease=float(data.get("ease", DEFAULT.starting_ease)),
                   reps=int(data.get("reps", 0)), lapses=int(data.get("lapses", 0)),
                   leech=bool(data.get("leech", False)))


def day_number(ts: float, config: Config = DEFAULT) -> int:
    return int((ts + config.utc_offset_hours * 3600) // DAY)


def is_due(card: Card, now: float, config: Config = DEFAULT) -> bool:
    if card.state == "new":
        return True
    if card.state == "review":
        return day_number(card.due, config) <= day_number(now, config)
    return card.due <= now


def answer(card: Card, rating: int, now: float, config: Config = DEFAULT) -> Card:
    """The card after the learner pressed ``rating`` at time ``now``."""
    if rating not in RATINGS:
        raise ValueError(f"rating must be 1-4 (Again, Hard, Good, Easy), not {rating!r}")
    card = replace(card, reps=card.reps + 1)
    if card.state in ("new", "learning"):
        return _learning(card, rating, now, config, config.learning_steps, graduated_interval=None)
    if card.state == "relearning":
        return _learning(card, rating, now, config, config.relearning_steps, graduated_interval=card.interval)
    return _review(card, rating, now, config)


def _learning(card: Card, rating: int, now: float, config: Config, steps: tuple[float, ...],
              graduated_interval: int | None) -> Card:
    state = "learning" if card.state in ("new", "learning") else "relearning"
    step = card.step if card.state != "new" else 0
    if rating == AGAIN:
        return replace(card, state=state, step=0, due=now + steps[0])
    if rating == HARD:
        # Anki v2: on the first step Hard waits the mean of the first two steps, else repeats the step.
        delay = (steps[0] + steps[1]) / 2 if step == 0 and len(steps) > 1 else steps[min(step, len(steps) - 1)]
        return replace(card, state=state, step=step, due=now + delay)
    if rating == GOOD and step + 1 < len(steps):
        return replace(card, state=state, step=step + 1, due=now + steps[step + 1])
    if graduated_interval is not None:  # relearning done: back to review at the lapse interval
        ivl = max(config.minimum_interval, graduated_interval)
    else:
        ivl = config.easy_interval if rating == EASY else config.graduating_interval
    return replace(card, state="review", step=0, interval=ivl, due=_due_in_days(now, ivl))


def _review(card: Card, rating: int, now: float, config: Config) -> Card:
    late = max(0, day_number(now, config) - day_number(card.due, config))
    ivl = card.interval
    if rating == AGAIN:
        lapses = card.lapses + 1
        ease = max(config.minimum_ease, card.ease - 0.20)
        new_ivl = max(config.minimum_interval, int(ivl * config.lapse_new_interval))
        leech = card.leech or lapses >= config.leech_threshold
        return replace(card, state="relearning", step=0, ease=round(ease, 2), interval=new_ivl,
                       lapses=lapses, leech=leech, due=now + config.relearning_steps[0])
    hard = _clamp(ivl * config.hard_interval, ivl + 1, config)
    if rating == HARD:
        ease = max(config.minimum_ease, card.ease - 0.15)
        return replace(card, ease=round(ease, 2), interval=hard, due=_due_in_days(now, hard))
    good = _clamp((ivl + late // 2) * card.ease, hard + 1, config)
    if rating == GOOD:
        return replace(card, interval=good, due=_due_in_days(now, good))
    easy = _clamp((ivl + late) * card.ease * config.easy_bonus, good + 1, config)
    return replace(card, ease=round(card.ease + 0.15, 2), interval=easy, due=_due_in_days(now, easy))


def _clamp(value: float, minimum: int, config: Config) -> int:
    return min(config.maximum_interval, max(int(value), minimum))


def _due_in_days(now: float, days: int) -> float:
    return now + days * DAY


def due_cards(cards: Iterable[Card], now: float, new_done_today: int = 0, reviews_done_today: int = 0,
              config: Config = DEFAULT) -> list[Card]:
    """Cards to show now: learning first (earliest due), then reviews, then new, within daily limits."""
    learning, reviews, new = [], [], []
    for card in cards:
        if not is_due(card, now, config):
            continue
        {"new": new, "review": reviews}.get(card.state, learning).append(card)
    learning.sort(key=lambda c: c.due)
    reviews.sort(key=lambda c: (c.due, c.question_id))
    new.sort(key=lambda c: (c.due, c.question_id))
    reviews = reviews[: max(0, config.reviews_per_day - reviews_done_today)]
    new = new[: max(0, config.new_per_day - new_done_today)]
    return learning + reviews + new


def rating_for(correct: bool, confidence: int = GOOD) -> int:
    """A quiz answer as an Anki button: wrong is Again; right is the learner's Hard/Good/Easy."""
    return AGAIN if not correct else (confidence if confidence in (HARD, GOOD, EASY) else GOOD)
