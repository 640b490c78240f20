"""``python main.py --check-lessons [PATH]``: load, validate and play every lesson, check quiz banks.

PATH may be the ``lessons`` folder (default), ``lessons/chapters``, one lesson file, ``lessons/quiz``
or one bank file. Every problem is printed as ``file:line: reason``; the exit status is 1 if any.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any, Callable, TextIO

from .loader import load_all
from .paths import LESSONS_DIR
from .problems import Problem
from .runner import run_lesson
from .validate import validate


def _split(path: Path) -> tuple[Path | None, Path | None]:
    """(lessons to check, quiz banks to check) for a PATH argument."""
    if path.is_dir() and (path / "chapters").is_dir():
        return path / "chapters", path
    in_quiz = path.name == "quiz" or path.parent.name == "quiz"
    if in_quiz:
        return None, path
    return path, None


def check_lessons(path: Path | str | None = None, play: bool = True,
                  world_factory: Callable[[int], Any] | None = None) -> list[Problem]:
    """Every problem in the lesson files at ``path`` (and quiz banks, when the path holds them)."""
    root = Path(path) if path is not None else LESSONS_DIR
    if not root.exists():
        return [Problem(str(root), 0, "no such file or folder")]
    lessons_path, quiz_path = _split(root)
    problems: list[Problem] = []
    if lessons_path is not None:
        loaded = load_all(lessons_path)
        problems += loaded.problems
        problems += validate(loaded.lessons)
        if play:
            for lesson in loaded.lessons:
                problems += run_lesson(lesson, world_factory)
    if quiz_path is not None:
        problems += _check_banks(quiz_path)
    return sorted(set(problems))


def _check_banks(path: Path) -> list[Problem]:
    try:
        module = importlib.import_module("app.quiz.check")
    except ImportError as exc:
        return [Problem(str(path), 0, f"quiz banks not checked: the quiz checker is not installed ({exc})")]
    return list(module.check_banks(path))


def checked_summary(path: Path | str | None = None) -> str:
    """What a check covers, as one line: chapters, steps, try-its and quiz questions."""
    root = Path(path) if path is not None else LESSONS_DIR
    lessons_path, quiz_path = _split(root)
    parts: list[str] = []
    if lessons_path is not None and lessons_path.exists():
        lessons = load_all(lessons_path).lessons
        steps = [s for lesson in lessons for s in lesson.steps]
        parts += [f"{len(lessons)} chapter(s)", f"{len(steps)} step(s)",
                  f"{sum(1 for s in steps if s.try_it is not None)} try-it(s)"]
    if quiz_path is not None and quiz_path.exists():
        try:
            from app.quiz.bank import load_bank, load_banks  # the quiz package sits above this one
        except ImportError:
            return "checked " + ", ".join(parts)
        folder = quiz_path / "quiz" if (quiz_path / "quiz").is_dir() else quiz_path
        if folder.is_dir():
            banks = load_banks(folder)[0]
        else:
            banks = [b for b in [load_bank(folder)[0]] if b is not None]
        parts.append(f"{sum(len(b.questions) for b in banks)} quiz question(s) in {len(banks)} bank(s)")
    return "checked " + ", ".join(parts) if parts else "checked nothing"


def main(path: str | None = None, out: TextIO = sys.stdout) -> int:
    problems = check_lessons(path)
    for problem in problems:
        print(problem, file=out)
    print(checked_summary(path), file=out)
    errors = [p for p in problems if not p.message.startswith("warning:")]
    target = path or str(LESSONS_DIR)
    if errors:
        print(f"{len(errors)} problem(s) in {target}", file=out)
        return 1
    print(f"ok: {target} ({len(problems)} warning(s))" if problems else f"ok: {target}", file=out)
    return 0
