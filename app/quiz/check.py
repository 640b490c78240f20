"""Validate quiz banks the way lessons are validated (used by ``main.py --check-lessons``).

``check_banks(path)`` accepts a bank file, the ``lessons/quiz`` folder, or the ``lessons`` folder,
and returns every problem with its file and line: format errors, missing languages, bad answers,
duplicate ids, and "show me" links or bank lessons that name a lesson or step that does not exist.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

from app.lessons.problems import Problem, item_line, table_lines

from .bank import Bank, Issue, load_bank, load_banks


def _issue_problem(issue: Issue) -> Problem:
    prefix = "warning: " if issue.severity == "warning" else ""
    return Problem(issue.path, issue.line, prefix + issue.message)


def lesson_steps(chapters_dir: Path) -> dict[str, set[str]]:
    """``{lesson id: {step ids}}`` for every lesson file that parses (the lesson checker reports the rest)."""
    found: dict[str, set[str]] = {}
    if not chapters_dir.is_dir():
        return found
    for path in sorted(chapters_dir.glob("*.toml")):
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        lid = doc.get("id")
        steps = doc.get("steps")
        if isinstance(lid, str) and isinstance(steps, list):
            found[lid] = {s["id"] for s in steps if isinstance(s, dict) and isinstance(s.get("id"), str)}
    return found


def _resolve(path: Path) -> tuple[list[Path] | Path, Path]:
    """What to load and where the lesson chapters live."""
    if path.is_file():
        return [path], path.parent.parent / "chapters"
    if (path / "quiz").is_dir():
        return path / "quiz", path / "chapters"
    return path, path.parent / "chapters"


def check_banks(path: Path | str) -> list[Problem]:
    """Every problem in the bank(s) at ``path``, sorted by file and line."""
    path = Path(path)
    target, chapters = _resolve(path)
    if isinstance(target, list):
        issues: list[Issue] = []
        banks: list[Bank] = []
        for file in target:
            bank, found = load_bank(file)
            issues += found
            banks += [bank] if bank else []
    else:
        banks, issues = load_banks(target)
    problems = [_issue_problem(i) for i in issues]
    lessons = lesson_steps(chapters)
    if lessons:
        problems += _check_links(banks, lessons)
    return sorted(set(problems))


def _check_links(banks: list[Bank], lessons: dict[str, set[str]]) -> list[Problem]:
    out: list[Problem] = []
    for bank in banks:
        text = Path(bank.path).read_text(encoding="utf-8")
        if bank.lesson and bank.lesson not in lessons:
            out.append(Problem(bank.path, 1, f"lesson {bank.lesson!r} does not exist in lessons/chapters"))
        headers = table_lines(text, "questions")
        for q in bank.questions:
            target = q.show_me_target
            if target is None:
                continue
            lesson, step = target
            index = _index_of(q.origin, headers)
            line = item_line(text, "questions", index, "show_me") if index is not None else 1
            if lesson not in lessons:
                out.append(Problem(bank.path, line, f"question {q.id}: show_me names lesson {lesson!r}, which does not exist"))
            elif step not in lessons[lesson]:
                out.append(Problem(bank.path, line, f"question {q.id}: show_me names step {step!r}, which lesson {lesson!r} does not have"))
    return out


def _index_of(origin: str, headers: list[int]) -> int | None:
    try:
        line = int(origin.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return None
    return headers.index(line) if line in headers else None
