"""The lesson format as frozen dataclasses (what the loader builds from a TOML file).

The format is documented for teachers in lessons/README.md. ``line`` fields remember where each part
was written, so every problem found later (by the validator or the headless runner) names its line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 1
LANGS = ("zh", "en")


@dataclass(frozen=True)
class LocalText:
    """A user-visible string in both languages."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Expectation:
    """``{event = KIND, where = {...}, min, max}`` or ``{run = LINE, contains|equals|matches|ok}``."""

    line: int
    event: str | None = None
    where: tuple[tuple[str, Any], ...] = ()
    min: int = 1
    max: int | None = None
    run: str | None = None
    contains: str | None = None
    equals: str | None = None
    matches: str | None = None
    ok: bool | None = None

    def describe(self) -> str:
        if self.event is not None:
            where = ", ".join(f"{k}={v!r}" for k, v in self.where)
            bounds = f"at least {self.min}" + (f", at most {self.max}" if self.max is not None else "")
            return f"{self.event}" + (f" where {where}" if where else "") + f" ({bounds})"
        tests = [f"{k} {v!r}" for k, v in (("contains", self.contains), ("equals", self.equals),
                                            ("matches", self.matches), ("ok", self.ok)) if v is not None]
        return f"`{self.run}` " + ", ".join(tests)


@dataclass(frozen=True)
class TryIt:
    task: LocalText
    check: tuple[Expectation, ...]
    hints: tuple[LocalText, ...] = ()
    solution: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    id: str
    index: int          # 0-based position in the lesson
    line: int           # line of its [[steps]] header
    scene: str
    caption: LocalText
    narration: LocalText | None = None
    note: LocalText | None = None
    highlight: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    run_for: float = 0.0
    expect: tuple[Expectation, ...] = ()
    try_it: TryIt | None = None


@dataclass(frozen=True)
class Lesson:
    id: str
    chapter: int
    seed: int
    title: LocalText
    summary: LocalText
    path: str
    setup: tuple[str, ...] = ()
    steps: tuple[Step, ...] = field(default_factory=tuple)
    format_version: int = FORMAT_VERSION

    def step_index(self, step_id: str) -> int | None:
        for step in self.steps:
            if step.id == step_id:
                return step.index
        return None
