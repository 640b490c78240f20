"""The headless runner on fixture lessons: actions, run_for, expectations, try-its, exact step back."""
from __future__ import annotations

import io
from pathlib import Path

from app.lessons.check import check_lessons, main as check_main
from app.lessons.loader import load_all, load_lesson
from app.lessons.runner import HeadlessRun, run_lesson


def test_fixture_lessons_play_clean(good_dir: Path, core_world: type) -> None:
    assert check_lessons(good_dir, world_factory=core_world) == []


def test_runner_follows_actions_and_run_for(good_dir: Path, core_world: type) -> None:
    lesson, _ = load_lesson(good_dir / "01-alpha.toml")
    assert lesson is not None
    run = HeadlessRun(lesson, core_world)
    assert run.play_next().problems == []
    assert run.world.sim.now == 0
    record = run.play_next()
    assert record.problems == [] and run.world.sim.now == 10.0   # 5 s action + 5 s run_for
    assert run.play_next().problems == [] and run.world.sim.now == 12.0
    assert [e.kind for e in run.records[-1].events] == ["Pinged", "Ponged"]


def test_step_back_restores_the_engine_exactly(good_dir: Path, core_world: type) -> None:
    lesson, _ = load_lesson(good_dir / "01-alpha.toml")
    assert lesson is not None
    run = HeadlessRun(lesson, core_world)
    run.play_next()
    run.play_next()
    digest, now, seed = run.world.sim.digest(), run.world.sim.now, run.world.sim.seed
    run.play_next()
    assert run.world.sim.now == 12.0
    run.back()
    assert (run.world.sim.digest(), run.world.sim.now, run.world.sim.seed) == (digest, now, seed)
    assert run.position == 2


def test_failed_expectation_and_bad_try_are_reported(tmp_path: Path, good_dir: Path, core_world: type) -> None:
    text = (good_dir / "01-alpha.toml").read_text(encoding="utf-8")
    text = text.replace('contains = "10s"', 'contains = "99s"')
    text = text.replace('try.wrong = ["sim ping 12"]', 'try.wrong = ["sim ping 11"]')
    path = tmp_path / "01-alpha.toml"
    path.write_text(text, encoding="utf-8")
    lesson, problems = load_lesson(path)
    assert lesson is not None and problems == []
    found = run_lesson(lesson, core_world)
    lines = text.splitlines()
    assert [p.line for p in found] == [
        next(i for i, l in enumerate(lines, 1) if '"99s"' in l),
        next(i for i, l in enumerate(lines, 1) if l.startswith("try.task")),
    ]
    assert "99s" in found[0].message and "cannot tell right from wrong" in found[1].message


def test_a_check_that_changes_the_world_is_refused(tmp_path: Path, good_dir: Path, core_world: type) -> None:
    text = (good_dir / "02-beta.toml").read_text(encoding="utf-8").replace(
        '{ run = "sim seed", equals = "seed 8" }', '{ run = "sim ping 1", ok = true }')
    path = tmp_path / "02-beta.toml"
    path.write_text(text, encoding="utf-8")
    lesson, _ = load_lesson(path)
    assert lesson is not None
    found = run_lesson(lesson, core_world)
    assert len(found) == 1 and "checks must only look" in found[0].message


def test_check_command_reports_broken_files_but_loads_the_rest(good_dir: Path) -> None:
    broken = good_dir.parent / "broken"
    loaded = load_all(broken)
    assert loaded.lessons == []
    (problem,) = loaded.problems
    text = (broken / "03-broken.toml").read_text(encoding="utf-8").splitlines()
    assert problem.line == text.index('caption = { zh = "缺少英文。" }') + 1
    out = io.StringIO()
    assert check_main(str(broken / "03-broken.toml"), out=out) == 1
    assert f"03-broken.toml:{problem.line}: step 'b': caption.en is missing" in out.getvalue()
