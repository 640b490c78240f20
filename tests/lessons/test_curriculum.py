"""The course as shipped: 15 chapters, each closing with a recap and a try-it, all valid.

The full headless run (every expectation, every try-it's solution and wrong attempt) is the
validator's job; here it is run once over the real ``lessons/`` folder, through the same command a
teacher uses, ``python main.py --check-lessons lessons``.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.lessons.loader import load_all
from app.lessons.paths import CHAPTERS_DIR, LESSONS_DIR, ROOT

EXPECTED_CHAPTERS = 15


@pytest.fixture(scope="module")
def lessons():
    loaded = load_all(CHAPTERS_DIR)
    assert not loaded.problems, "\n".join(str(p) for p in loaded.problems)
    return sorted(loaded.lessons, key=lambda lesson: lesson.chapter)


def test_fifteen_chapters_numbered_in_order(lessons):
    assert [lesson.chapter for lesson in lessons] == list(range(1, EXPECTED_CHAPTERS + 1))
    ids = [lesson.id for lesson in lessons]
    assert len(set(ids)) == len(ids)
    for lesson in lessons:
        # The file name carries the chapter number, so a teacher finds chapter 7 in 07-*.toml.
        assert Path(lesson.path).name.startswith(f"{lesson.chapter:02d}-"), lesson.path


def test_every_chapter_closes_with_a_recap_then_a_try_it(lessons):
    for lesson in lessons:
        steps = lesson.steps
        assert 5 <= len(steps) <= 12, f"{lesson.id}: {len(steps)} steps"
        recap, last = steps[-2], steps[-1]
        assert recap.id == "recap" and recap.try_it is None, f"{lesson.id}: second-to-last step is not the recap"
        assert recap.narration is not None, f"{lesson.id}: the recap has no summary text"
        assert last.try_it is not None, f"{lesson.id}: the last step is not a try-it"
        tried = last.try_it
        assert tried.check and tried.hints and tried.solution and tried.wrong, f"{lesson.id}: try-it incomplete"


def test_every_teaching_step_proves_something(lessons):
    for lesson in lessons:
        for step in lesson.steps:
            if step.try_it is None:
                assert step.expect, f"{lesson.id}#{step.id}: no expectation"


def test_captions_are_one_short_idea_in_both_languages(lessons):
    for lesson in lessons:
        for step in lesson.steps:
            words = re.findall(r"[A-Za-z0-9'’.\-]+", step.caption.en)
            assert len(words) <= 25, f"{lesson.id}#{step.id}: {len(words)} English words"
            # Chinese length: each Chinese character or punctuation mark counts 1, and so does each
            # embedded Latin word or name (`web.default.svc.cluster.local` is one item, not 30).
            zh = step.caption.zh.replace("`", "")
            size = len(re.findall(r"[^\x00-\x7f]", zh)) + len(re.findall(r"[A-Za-z0-9][A-Za-z0-9._/\-:]*", zh))
            assert size <= 50, f"{lesson.id}#{step.id}: {size} Chinese characters"
            assert re.search(r"[\u4e00-\u9fff]", step.caption.zh), f"{lesson.id}#{step.id}: zh caption is not Chinese"


def test_files_named_in_actions_exist(lessons):
    """Build contexts and manifests a lesson uses are real files under lessons/."""
    path_arg = re.compile(r"(?:^|\s)((?:contexts|manifests)/[^\s]+)")
    for lesson in lessons:
        lines = list(lesson.setup)
        for step in lesson.steps:
            lines += step.actions
            if step.try_it:
                lines += step.try_it.solution + step.try_it.wrong
        for line in lines:
            for rel in path_arg.findall(line):
                assert (LESSONS_DIR / rel).exists(), f"{lesson.id}: `{line}` names a missing {rel}"


def test_check_lessons_command_passes():
    """The teachers' command: loads, checks and runs every lesson headless; exit 0 means no problem."""
    main = ROOT / "main.py"
    proc = subprocess.run([sys.executable, str(main), "--check-lessons", str(LESSONS_DIR)],
                          cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
