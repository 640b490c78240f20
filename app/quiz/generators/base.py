"""What every question generator shares: replaying a scenario in a fresh world, and grading by the
engine.

A generator draws a random scenario from a seeded RNG (``random.Random`` of its own: never the global
one), runs it as console lines in ``World(seed)``, reads what the engine did (events, ``sim explain``,
``kubectl get``) and turns that into a question. Each choice stands for a value in the engine's terms
(a node name, a count, a message); the right answer is whatever the engine produced, never a formula
written here. :meth:`Generator.engine_accepts` replays the scenario in a new world and asks the
engine's outcome again, so "any answer the engine accepts is right" is checked, not assumed.
"""
from __future__ import annotations

import hashlib
import os
import random
import tempfile
from abc import ABC, abstractmethod
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any

from app.quiz.grading import normalize
from app.quiz.model import DIFFICULTIES, Question, Scenario, Text


class GeneratorError(Exception):
    """A scenario line was refused by the engine (a generator bug, reported with the line)."""


@dataclass
class Outcome:
    """What the engine did: the values that are right, and its own explanation."""

    right: frozenset[str]  # single: any of these; multiple: exactly this set
    reasoning: Text
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass
class Draft:
    prompt: Text
    explain: Text
    choices: list[tuple[str, Text]]  # (value, label)


def replay(seed: int, lines: list[str] | tuple[str, ...]) -> tuple[Any, list[str]]:
    """A fresh ``World(seed)`` with ``lines`` run in order, and what each printed.

    Raises :class:`GeneratorError` if the engine refuses a line.
    """
    from app.sim.world import World

    world = World(seed)
    outputs = []
    for line in lines:
        result = world.run(line)
        if not result.ok:
            raise GeneratorError(f"scenario line refused: {line!r}: {result.output}")
        outputs.append(result.output)
    return world, outputs


def run(world: Any, line: str) -> str:
    """Run a read-only or action line and return its output (raising if refused)."""
    result = world.run(line)
    if not result.ok:
        raise GeneratorError(f"{line!r}: {result.output}")
    return result.output


class Generator(ABC):
    kind: str = ""
    topic: str = ""
    domain: str = "Kubernetes Fundamentals"
    scene_id: str = "cluster"
    qtype: str = "single"  # or "multiple"
    title: Text = Text("", "")
    #: Tries before giving up on a seed (a draw may give a question with no wrong choice).
    attempts: int = 12

    @abstractmethod
    def scenario(self, rng: random.Random, difficulty: str) -> list[str]:
        """Console lines that set the scene and perform the action asked about."""

    @abstractmethod
    def observe(self, world: Any, lines: list[str], outputs: list[str]) -> Outcome:
        """Read the engine's outcome after ``lines`` ran (``outputs``: what each line printed)."""

    @abstractmethod
    def draft(self, rng: random.Random, difficulty: str, lines: list[str], outcome: Outcome) -> Draft:
        """The prompt, explanation and choices (right and wrong values) for this outcome."""

    # -- shared machinery ------------------------------------------------------------------------------------
    def question_id(self, seed: int, difficulty: str) -> str:
        return f"gen-{self.kind}-{difficulty}-{seed}"

    def generate(self, seed: int, difficulty: str = "medium") -> Question:
        """The question for ``seed`` at ``difficulty``: the same arguments give the same question."""
        if difficulty not in DIFFICULTIES:
            raise ValueError(f"difficulty must be one of {DIFFICULTIES}")
        rng = random.Random(f"{self.kind}/{difficulty}/{seed}")
        last: Exception | None = None
        for _ in range(self.attempts):
            lines = self.scenario(rng, difficulty)
            world, outputs = replay(seed, lines)
            outcome = self.observe(world, lines, outputs)
            draft = self.draft(rng, difficulty, lines, outcome)
            values = [v for v, _ in draft.choices]
            right = [i for i, v in enumerate(values) if v in outcome.right]
            if len(set(values)) != len(values) or not right or len(right) == len(values):
                last = GeneratorError(f"{self.kind}: no usable choices for this draw")
                continue
            if self.qtype == "multiple":
                if {values[i] for i in right} != set(outcome.right):
                    continue
                answer: Any = frozenset(right)
                accepted: tuple[Any, ...] = ()
            else:
                answer, accepted = right[0], tuple(right[1:])
            return Question(
                id=self.question_id(seed, difficulty), type=self.qtype, topic=self.topic, difficulty=difficulty,
                domain=self.domain, prompt=draft.prompt, explain=draft.explain, answer=answer, accepted=accepted,
                choices=tuple(label for _, label in draft.choices),
                scenario=Scenario(self.kind, seed, tuple(lines), self.scene_id, outcome.reasoning, tuple(values)),
                origin=f"generator {self.kind}")
        raise last or GeneratorError(f"{self.kind}: could not make a question for seed {seed}")

    def engine_accepts(self, question: Question, response: Any) -> bool:
        """Replay the scenario in a fresh world and ask the engine whether ``response`` is right."""
        assert question.scenario is not None
        world, outputs = replay(question.scenario.seed, question.scenario.lines)
        outcome = self.observe(world, list(question.scenario.lines), outputs)
        return self.accepts_with(outcome, question, response)

    def accepts_with(self, outcome: Outcome, question: Question, response: Any) -> bool:
        assert question.scenario is not None
        values = question.scenario.values
        try:
            given = normalize(question, response)
        except (TypeError, ValueError):
            return False
        if given is None:
            return False
        if self.qtype == "multiple":
            return all(0 <= i < len(values) for i in given) and {values[i] for i in given} == set(outcome.right)
        return 0 <= given < len(values) and values[given] in outcome.right

    def wrong_answer(self, question: Question, rng: random.Random | None = None) -> Any:
        """A perturbed answer: a choice (or set) the stored answer does not contain."""
        rng = rng or random.Random(question.id)
        n = len(question.choices)
        if self.qtype == "multiple":
            right = set(question.answer)
            flip = rng.randrange(n)
            return frozenset(right ^ {flip})
        rights = set(question.right_answers())
        return rng.choice([i for i in range(n) if i not in rights])


def count_choices(rng: random.Random, right: int, tempting: list[int], unit: Text, n: int = 4) -> list[tuple[str, Text]]:
    """``n`` distinct non-negative counts: the engine's, the tempting wrong ones first, then neighbours."""
    values = [right]
    for v in [*tempting, right + 1, right - 1, right + 2, right - 2, right + 3, right * 2]:
        if v >= 0 and v not in values and len(values) < n:
            values.append(v)
    rng.shuffle(values)
    return [(str(v), unit.format(n=v)) for v in values]


def events_of(world: Any, kind: str, since: int = 0) -> list[Any]:
    # By class name: an event may have a field called "kind" (BuildStepFinished) hiding Event.kind.
    return [e for e in world.sim.events_since(since) if type(e).__name__ == kind]


def _scratch_root() -> Path:
    return Path(tempfile.gettempdir()) / "container-classroom-quiz"


def write_context(files: dict[str, str]) -> str:
    """Write files into a folder named by their content (idempotent); returns its absolute path.

    Scenarios read build contexts and manifests from disk as the real CLIs do; naming folders by
    content makes the same seed always give the same lines, and rewriting them whenever a question is
    made means a replay on the stage finds them even after the temporary folder was cleaned.
    """
    digest = hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest()[:16]
    folder = _scratch_root() / digest
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
    return str(folder)


def write_manifest(yaml_text: str, name: str = "manifest.yaml") -> str:
    """A manifest file for ``kubectl apply -f`` (see :func:`write_context`); returns its path."""
    return str(Path(write_context({name: yaml_text})) / name)
