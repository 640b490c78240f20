"""All questions the app can ask: the banks plus the generators, and choosing a quiz from them.

A quiz is chosen by chapter (a bank's lesson), topic, difficulty and length. Generated questions join
when their topic is asked for, or when the chosen chapter's bank covers their topic, so a chapter on
scheduling also gets "which node will the scheduler pick" questions made fresh by the engine.
"""
from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .bank import Bank, Issue, load_banks
from .model import Question, Text


@dataclass
class Chapter:
    number: int
    lesson: str
    topics: tuple[str, ...]
    count: int
    title: Text | None = None


def lesson_titles(chapters_dir: Path) -> dict[str, Text]:
    """``{lesson id: title}`` read from the lesson files (ones that do not parse are simply left out)."""
    out: dict[str, Text] = {}
    for path in sorted(chapters_dir.glob("*.toml")) if chapters_dir.is_dir() else []:
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
            title = doc["title"]
            out[str(doc["id"])] = Text(str(title["zh"]), str(title["en"]))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError):
            continue
    return out


class Catalog:
    def __init__(self, banks: list[Bank], issues: list[Issue] | None = None,
                 titles: dict[str, Text] | None = None) -> None:
        self.banks = banks
        self.titles = titles or {}
        self.issues = issues or []
        self._by_id = {q.id: q for b in banks for q in b.questions}
        #: kind -> last error, for generators that failed while making a quiz (shown, never raised).
        self.generator_problems: dict[str, str] = {}
        self._made: dict[str, Question] = {}

    @classmethod
    def load(cls, quiz_dir: Path | None = None) -> "Catalog":
        if quiz_dir is None:
            from app.lessons.paths import QUIZ_DIR
            quiz_dir = QUIZ_DIR
        banks, issues = load_banks(Path(quiz_dir))
        return cls(banks, issues, lesson_titles(Path(quiz_dir).parent / "chapters"))

    # -- what there is ----------------------------------------------------------------------------
    def chapters(self) -> list[Chapter]:
        out = []
        for b in sorted(self.banks, key=lambda b: (b.chapter, b.lesson)):
            topics = tuple(sorted({q.topic for q in b.questions}))
            out.append(Chapter(b.chapter, b.lesson, topics, len(b.questions), self.titles.get(b.lesson)))
        return out

    def topics(self) -> list[str]:
        from .generators import GENERATORS
        names = {q.topic for q in self._by_id.values()} | {g.topic for g in GENERATORS.values()}
        return sorted(names)

    def find(self, question_id: str) -> Question | None:
        """A bank question by id, or a generated one rebuilt from its id (``gen-KIND-DIFF-SEED``)."""
        if question_id in self._by_id:
            return self._by_id[question_id]
        if question_id in self._made:
            return self._made[question_id]
        from .generators import from_id
        try:
            found = from_id(question_id)
            if found is not None:
                self._made[question_id] = found  # replaying a scenario costs a world: do it once
            return found
        except Exception as exc:  # the engine could not replay it: treat the question as gone
            self.generator_problems[question_id] = f"{type(exc).__name__}: {exc}"
            return None

    # -- choosing a quiz -------------------------------------------------------------------------------
    def select(self, *, lesson: str | None = None, topic: str | None = None, difficulty: str | None = None,
               length: int = 10, seed: int = 0, generated: bool = True) -> list[Question]:
        """Up to ``length`` questions matching the filters, in a seeded random order.

        About a third are generated (when generators fit the filters), the rest come from the banks.
        """
        rng = random.Random(seed)
        pool = [q for b in self.banks if lesson in (None, "", b.lesson) for q in b.questions
                if topic in (None, "", q.topic) and difficulty in (None, "", q.difficulty)]
        rng.shuffle(pool)
        kinds = self._generator_kinds(lesson, topic) if generated else []
        share = (max(1, length // 3) if length >= 2 else 0) if pool else length  # about a third
        n_gen = min(len(kinds) * 3, share) if kinds else 0
        chosen = pool[: length - n_gen]
        n_gen = min(length - len(chosen), len(kinds) * 3) if kinds else 0
        from .generators import GENERATORS
        for i in range(n_gen):
            kind = kinds[i % len(kinds)]
            diff = difficulty or ("easy", "medium", "hard")[rng.randrange(3)]
            try:
                made = GENERATORS[kind].generate(rng.randrange(1_000_000), diff)
                self._made[made.id] = made
                chosen.append(made)
            except Exception as exc:  # an engine half missing or broken must not stop a quiz
                self.generator_problems[kind] = f"{type(exc).__name__}: {exc}"
        rng.shuffle(chosen)
        return chosen

    def _generator_kinds(self, lesson: str | None, topic: str | None) -> list[str]:
        from .generators import GENERATORS
        if topic:
            return [k for k, g in GENERATORS.items() if g.topic == topic]
        if lesson:
            topics = {q.topic for b in self.banks if b.lesson == lesson for q in b.questions}
            return [k for k, g in GENERATORS.items() if g.topic in topics]
        return list(GENERATORS)
