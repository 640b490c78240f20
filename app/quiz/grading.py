"""Grading: compare a learner's response with the stored answer (and any the engine also accepts).

Responses have the same shape as :attr:`Question.answer`. ``None`` means "not answered" (an exam ran
out of time). A response is *correct* only when it is fully right; ``score`` gives partial credit for
the types where part of an answer can be right (multiple, order, match), so a teacher's gradebook can
tell "almost" from "not at all".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .model import HOTSPOT_LABEL, Question, Text


@dataclass(frozen=True, slots=True)
class Grade:
    correct: bool
    score: float  # 0.0 .. 1.0


def normalize(question: Question, response: Any) -> Any:
    """Bring a response into the canonical, hashable shape of its question type (or None)."""
    if response is None:
        return None
    t = question.type
    if t == "single":
        return int(response)
    if t == "multiple":
        return frozenset(int(i) for i in response)
    if t == "truefalse":
        if isinstance(response, str):
            return response.strip().lower() in ("true", "t", "yes", "1", "对", "正确")
        return bool(response)
    if t in ("order", "match"):
        return tuple(int(i) for i in response)
    if t == "hotspot":
        return str(response)
    raise ValueError(f"unknown question type {t!r}")


def grade(question: Question, response: Any) -> Grade:
    """Grade one response. Never raises for a malformed response: it is simply wrong."""
    try:
        given = normalize(question, response)
    except (TypeError, ValueError):
        return Grade(False, 0.0)
    if given is None:
        return Grade(False, 0.0)
    rights = [normalize(question, r) for r in question.right_answers()]
    if given in rights:
        return Grade(True, 1.0)
    return Grade(False, _partial(question.type, given, rights[0]))


def _partial(qtype: str, given: Any, right: Any) -> float:
    if qtype == "multiple":
        if not right:
            return 0.0
        hits = len(given & right)
        misses = len(given - right)
        return round(max(0.0, (hits - misses) / len(right)), 3)
    if qtype in ("order", "match"):
        if not right or len(given) != len(right):
            return 0.0
        same = sum(1 for a, b in zip(given, right) if a == b)
        return round(same / len(right), 3)
    return 0.0


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def describe(question: Question, response: Any, lang: str) -> str:
    """A response as a person reads it ("B: node-2", "A, C", "true", "3 → 1 → 2", ...)."""
    try:
        given = normalize(question, response)
    except (TypeError, ValueError):
        return repr(response)
    if given is None:
        return "—"
    t = question.type
    if t == "single":
        return _choice(question.choices, given, lang)
    if t == "multiple":
        return "; ".join(_choice(question.choices, i, lang) for i in sorted(given)) or "—"
    if t == "truefalse":
        return Text("对", "true").get(lang) if given else Text("错", "false").get(lang)
    if t == "order":
        return " → ".join(_item(question.items, i, lang) for i in given)
    if t == "match":
        return "; ".join(f"{_pair_side(question, i, 'left', lang)} = {_pair_side(question, j, 'right', lang)}"
                         for i, j in enumerate(given))
    label = HOTSPOT_LABEL.get(given)
    return label.get(lang) if label else str(given)


def describe_answer(question: Question, lang: str) -> str:
    """The right answer(s) in words; several when the engine accepts more than one."""
    return " | ".join(describe(question, r, lang) for r in question.right_answers())


def _choice(choices: Iterable[Text], index: int, lang: str) -> str:
    options = list(choices)
    letter = LETTERS[index] if 0 <= index < len(LETTERS) else str(index)
    return f"{letter}: {options[index].get(lang)}" if 0 <= index < len(options) else letter


def _item(items: tuple[Text, ...], index: int, lang: str) -> str:
    return items[index].get(lang) if 0 <= index < len(items) else str(index)


def _pair_side(question: Question, index: int, side: str, lang: str) -> str:
    if not 0 <= index < len(question.pairs):
        return str(index)
    return getattr(question.pairs[index], side).get(lang)
