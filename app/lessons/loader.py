"""Read lesson files (TOML, data only) into :mod:`app.lessons.schema` objects.

Loading never runs code: ``tomllib`` parses plain data. Every problem is reported as a
:class:`~app.lessons.problems.Problem` with the file and line; a broken file is skipped and the
others still load. Structure is checked here (types, both languages, required keys); cross-file
checks (scenes, highlight ids, links, caption length) live in :mod:`app.lessons.validate`.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.sim.args import parse_duration
from app.sim.errors import SimError

from .paths import CHAPTERS_DIR
from .problems import Problem, decode_error_line, item_line, key_line, table_end, table_line, top_key_line
from .schema import FORMAT_VERSION, Expectation, Lesson, LocalText, Step, TryIt

STEP_KEYS = {"id", "scene", "caption", "narration", "note", "highlight", "actions", "run_for", "expect", "try"}
TOP_KEYS = {"format_version", "id", "chapter", "seed", "title", "summary", "setup", "steps"}
TRY_KEYS = {"task", "check", "hints", "solution", "wrong"}
EXPECT_KEYS = {"event", "where", "min", "max", "run", "contains", "equals", "matches", "ok"}


class _Bad(Exception):
    """A structural problem inside one value; carries the line it belongs to."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class LessonSet:
    """Every lesson that loaded (sorted by chapter), and every problem found on the way."""

    lessons: list[Lesson] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_id(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)


def _text(value: Any, line: int, what: str, required: bool = True) -> LocalText | None:
    if value is None:
        if required:
            raise _Bad(line, f"{what} is missing (write {what} = {{ zh = \"…\", en = \"…\" }})")
        return None
    if not isinstance(value, dict):
        raise _Bad(line, f"{what} must be a table with zh and en, not {type(value).__name__}")
    extra = set(value) - {"zh", "en"}
    if extra:
        raise _Bad(line, f"{what} has unknown language(s) {sorted(extra)}: only zh and en")
    for lang in ("zh", "en"):
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise _Bad(line, f"{what}.{lang} is missing or empty (every text needs zh and en)")
    return LocalText(value["zh"], value["en"])


def _str_list(value: Any, line: int, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(line, f"{what} must be a list of strings")
    return tuple(value)


def _expectation(value: Any, line: int, what: str) -> Expectation:
    if not isinstance(value, dict):
        raise _Bad(line, f"{what}: each expectation is a table like {{ event = \"Kind\" }} or {{ run = \"…\", contains = \"…\" }}")
    unknown = set(value) - EXPECT_KEYS
    if unknown:
        raise _Bad(line, f"{what}: unknown key(s) {sorted(unknown)} (known: {', '.join(sorted(EXPECT_KEYS))})")
    if ("event" in value) == ("run" in value):
        raise _Bad(line, f"{what}: give exactly one of event = \"Kind\" or run = \"console line\"")
    if "event" in value:
        where = value.get("where", {})
        if not isinstance(value["event"], str) or not isinstance(where, dict):
            raise _Bad(line, f"{what}: event must be a string and where a table")
        lo, hi = value.get("min", 1), value.get("max")
        if not isinstance(lo, int) or lo < 0 or (hi is not None and (not isinstance(hi, int) or hi < lo)):
            raise _Bad(line, f"{what}: min and max must be whole numbers with 0 <= min <= max")
        stray = {"contains", "equals", "matches", "ok"} & set(value)
        if stray:
            raise _Bad(line, f"{what}: {sorted(stray)} belong to run expectations, not event ones")
        return Expectation(line, event=value["event"], where=tuple(sorted(where.items())), min=lo, max=hi)
    tests = {k: value[k] for k in ("contains", "equals", "matches", "ok") if k in value}
    if not isinstance(value["run"], str) or not tests:
        raise _Bad(line, f"{what}: run needs a console line and at least one of contains, equals, matches, ok")
    if any(k != "ok" and not isinstance(v, str) for k, v in tests.items()) or not isinstance(tests.get("ok", True), bool):
        raise _Bad(line, f"{what}: contains/equals/matches take text, ok takes true or false")
    if {"where", "min", "max"} & set(value):
        raise _Bad(line, f"{what}: where/min/max belong to event expectations")
    return Expectation(line, run=value["run"], **tests)


def _expectations(value: Any, line: int, what: str) -> tuple[Expectation, ...]:
    if value is None:
        return ()
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise _Bad(line, f"{what} must be a list of expectations")
    return tuple(_expectation(v, line, f"{what}[{i + 1}]") for i, v in enumerate(value))


def _duration(value: Any, line: int) -> float:
    if value is None:
        return 0.0
    try:
        seconds = parse_duration(str(value)) if isinstance(value, str) else float(value)
    except (SimError, ValueError):
        raise _Bad(line, f'run_for = {value!r} is not a duration (write "10s", "2m" …)') from None
    if seconds < 0 or seconds > 24 * 3600:
        raise _Bad(line, f"run_for = {value!r} is out of range (0 to 24h)")
    return seconds


def _try_it(value: Any, text: str, start: int, end: int) -> TryIt | None:
    if value is None:
        return None
    line = key_line(text, "try", start, end)
    if not isinstance(value, dict):
        raise _Bad(line, "try must be a table (try.task, try.check, …)")
    unknown = set(value) - TRY_KEYS
    if unknown:
        raise _Bad(line, f"try has unknown key(s) {sorted(unknown)} (known: {', '.join(sorted(TRY_KEYS))})")
    task = _text(value.get("task"), line, "try.task")
    check = _expectations(value.get("check"), line, "try.check")
    if not check:
        raise _Bad(line, "try.check is missing: how would we know the learner did it?")
    hints = value.get("hints", [])
    if not isinstance(hints, list):
        raise _Bad(line, "try.hints must be a list of { zh, en } texts")
    return TryIt(task=task, check=check,  # type: ignore[arg-type]
                 hints=tuple(_text(h, line, f"try.hints[{i + 1}]") for i, h in enumerate(hints)),  # type: ignore[misc]
                 solution=_str_list(value.get("solution"), line, "try.solution"),
                 wrong=_str_list(value.get("wrong"), line, "try.wrong"))


def _step(raw: Any, index: int, text: str) -> Step:
    start = table_line(text, "steps", index)
    end = table_end(text, start) if start else None

    def at(key: str) -> int:
        return key_line(text, key, start, end) if start else 0

    if not isinstance(raw, dict):
        raise _Bad(start, f"step {index + 1} must be a table ([[steps]])")
    unknown = set(raw) - STEP_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise _Bad(at(key), f"step {index + 1}: unknown key {key!r} (known: {', '.join(sorted(STEP_KEYS))})")
    step_id, scene = raw.get("id"), raw.get("scene")
    if not isinstance(step_id, str) or not step_id:
        raise _Bad(start, f"step {index + 1} has no id")
    if not isinstance(scene, str) or not scene:
        raise _Bad(start, f"step {step_id!r} has no scene")
    return Step(
        id=step_id, index=index, line=start, scene=scene,
        caption=_text(raw.get("caption"), at("caption"), f"step {step_id!r}: caption"),  # type: ignore[arg-type]
        narration=_text(raw.get("narration"), at("narration"), f"step {step_id!r}: narration", required=False),
        note=_text(raw.get("note"), at("note"), f"step {step_id!r}: note", required=False),
        highlight=_str_list(raw.get("highlight"), at("highlight"), "highlight"),
        actions=_str_list(raw.get("actions"), at("actions"), "actions"),
        run_for=_duration(raw.get("run_for"), at("run_for")),
        expect=_expectations(raw.get("expect"), at("expect"), f"step {step_id!r}: expect"),
        try_it=_try_it(raw.get("try"), text, start, end or start),
    )


def parse_lesson(text: str, path: str) -> tuple[Lesson | None, list[Problem]]:
    """Parse one lesson file's text. Returns (lesson or None, problems)."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(path, decode_error_line(str(exc)), f"not valid TOML: {exc}")]
    problems: list[Problem] = []
    version = doc.get("format_version")
    if not isinstance(version, int):
        return None, [Problem(path, 1, "format_version is missing (write format_version = 1 at the top)")]
    if version > FORMAT_VERSION:
        return None, [Problem(path, top_key_line(text, "format_version"),
                              f"format_version {version} is newer than this app reads ({FORMAT_VERSION}): update the app")]
    for key in sorted(set(doc) - TOP_KEYS):
        problems.append(Problem(path, top_key_line(text, key) or 1, f"unknown top-level key {key!r}"))
    try:
        lesson_id, chapter, seed = doc.get("id"), doc.get("chapter"), doc.get("seed", 0)
        if not isinstance(lesson_id, str) or not lesson_id:
            raise _Bad(top_key_line(text, "id") or 1, "id is missing (a unique name like \"build-ship-run\")")
        if not isinstance(chapter, int) or chapter < 1:
            raise _Bad(top_key_line(text, "chapter") or 1, "chapter must be a whole number from 1")
        if not isinstance(seed, int):
            raise _Bad(top_key_line(text, "seed"), "seed must be a whole number")
        title = _text(doc.get("title"), top_key_line(text, "title") or 1, "title")
        summary = _text(doc.get("summary"), top_key_line(text, "summary") or 1, "summary")
        setup = _str_list(doc.get("setup"), top_key_line(text, "setup"), "setup")
        raw_steps = doc.get("steps")
        if not isinstance(raw_steps, list) or not raw_steps:
            raise _Bad(1, "the lesson has no steps (add [[steps]] tables)")
        steps, broken_steps = [], 0
        for i, raw in enumerate(raw_steps):
            try:
                steps.append(_step(raw, i, text))
            except _Bad as bad:
                broken_steps += 1
                problems.append(Problem(path, bad.line or item_line(text, "steps", i), str(bad)))
    except _Bad as bad:
        return None, problems + [Problem(path, bad.line, str(bad))]
    if broken_steps:
        return None, problems
    lesson = Lesson(id=lesson_id, chapter=chapter, seed=seed, title=title, summary=summary,  # type: ignore[arg-type]
                    path=path, setup=setup, steps=tuple(steps), format_version=version)
    return lesson, problems


def load_lesson(path: Path | str) -> tuple[Lesson | None, list[Problem]]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(str(p), 0, f"cannot read the file: {exc}")]
    return parse_lesson(text, str(p))


def lesson_files(folder: Path | str = CHAPTERS_DIR) -> list[Path]:
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def load_all(folder: Path | str = CHAPTERS_DIR) -> LessonSet:
    """Load every ``*.toml`` lesson in ``folder`` (or one file); broken files are reported, not fatal."""
    result = LessonSet()
    seen: dict[str, str] = {}
    for path in lesson_files(folder):
        lesson, problems = load_lesson(path)
        result.problems.extend(problems)
        if lesson is None:
            continue
        if lesson.id in seen:
            result.problems.append(Problem(str(path), top_key_line(path.read_text(encoding="utf-8"), "id"),
                                           f"lesson id {lesson.id!r} is already used by {seen[lesson.id]}"))
            continue
        seen[lesson.id] = str(path)
        result.lessons.append(lesson)
    result.lessons.sort(key=lambda lesson: (lesson.chapter, lesson.id))
    return result
