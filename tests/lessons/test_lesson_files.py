"""Every lesson file in lessons/ loads and validates; a broken copy is reported with its line."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.lessons.check import check_lessons
from app.lessons.loader import load_all, load_lesson
from app.lessons.paths import CHAPTERS_DIR
from app.lessons.problems import table_line
from app.lessons.runner import run_lesson
from app.lessons.validate import validate

LESSON_FILES = sorted(CHAPTERS_DIR.glob("*.toml"))


def test_there_are_real_lessons() -> None:
    assert len(LESSON_FILES) >= 2


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.name)
def test_lesson_file_loads_and_validates(path: Path) -> None:
    lesson, problems = load_lesson(path)
    assert problems == []
    assert lesson is not None and lesson.steps
    assert validate([lesson]) == []
    for step in lesson.steps:
        assert step.caption.zh.strip() and step.caption.en.strip()


def test_lesson_ids_and_chapters_are_unique() -> None:
    loaded = load_all()
    assert loaded.problems == []
    assert len({lesson.id for lesson in loaded.lessons}) == len(loaded.lessons)
    assert len({lesson.chapter for lesson in loaded.lessons}) == len(loaded.lessons)




@pytest.mark.parametrize("path", LESSON_FILES[:2], ids=lambda p: p.name)
def test_first_lessons_play_headless(path: Path) -> None:
    lesson, _ = load_lesson(path)
    assert lesson is not None
    assert run_lesson(lesson) == []


def _copy_with(tmp_path: Path, source: Path, old: str, new: str) -> tuple[Path, str]:
    text = source.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    target = tmp_path / source.name
    target.write_text(broken, encoding="utf-8")
    return target, broken


def test_broken_copy_of_a_real_lesson_is_reported_with_its_line(tmp_path: Path) -> None:
    source = LESSON_FILES[0]
    text = source.read_text(encoding="utf-8")
    third = table_line(text, "steps", 2)
    caption_line = next(i for i, line in enumerate(text.splitlines(), 1) if i > third and line.startswith("caption"))
    original = text.splitlines()[caption_line - 1]
    target, _ = _copy_with(tmp_path, source, original, 'caption = { zh = "只有中文" }')
    shutil.copy(LESSON_FILES[1], tmp_path / LESSON_FILES[1].name)
    loaded = load_all(tmp_path)
    assert [p.line for p in loaded.problems] == [caption_line]
    assert loaded.problems[0].path == str(target)
    assert "caption.en is missing" in loaded.problems[0].message
    assert [lesson.chapter for lesson in loaded.lessons] == [2]  # the other lesson still loads


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    source = LESSON_FILES[1]
    lines = source.read_text(encoding="utf-8").splitlines()
    lines.insert(11, "this is = = not toml")
    (tmp_path / source.name).write_text("\n".join(lines), encoding="utf-8")
    problems = check_lessons(tmp_path / source.name, play=False)
    assert len(problems) == 1 and problems[0].line == 12
    assert "not valid TOML" in problems[0].message


def test_unknown_scene_and_highlight_are_reported(tmp_path: Path) -> None:
    source = LESSON_FILES[0]
    target, text = _copy_with(tmp_path, source, 'scene = "timeline"', 'scene = "moon"')
    lesson, problems = load_lesson(target)
    assert lesson is not None and problems == []
    found = validate([lesson])
    assert found and found[0].line == text.splitlines().index('scene = "moon"') + 1
    assert "unknown scene 'moon'" in found[0].message


def test_newer_format_is_refused(tmp_path: Path) -> None:
    target, _ = _copy_with(tmp_path, LESSON_FILES[0], "format_version = 1", "format_version = 9")
    lesson, problems = load_lesson(target)
    assert lesson is None
    assert "newer than this app reads" in problems[0].message and problems[0].line > 0
