"""Every step of the course that uses one of these four scenes, played through the real engine and
drawn: each highlight id the step names is an item of the scene (so halos point at something)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.lessons.loader import parse_lesson
from app.ui.scenes import scene_class
from tests.ui.scenes_a import harness

CHAPTERS = Path(__file__).resolve().parents[3] / "lessons" / "chapters"
OURS = ("timeline", "vm-vs-container", "house", "registry")


def _lessons() -> list[Any]:
    out = []
    for path in sorted(CHAPTERS.glob("*.toml")):
        lesson, _ = parse_lesson(path.read_text(encoding="utf-8"), str(path))
        if lesson is not None and any(s.scene in OURS for s in lesson.steps):
            out.append(lesson)
    return out


@pytest.mark.parametrize("lesson", _lessons(), ids=lambda lesson: lesson.id)
def test_every_highlight_of_our_scenes_exists(qtbot: Any, lesson: Any) -> None:
    controller = harness.make_controller(lesson.seed, lesson.setup)
    scenes: dict[str, Any] = {}
    missing = []
    for step in lesson.steps:
        for line in step.actions:
            controller.execute(line)
        if step.run_for:
            controller.advance(step.run_for)
        if step.scene not in OURS:
            continue
        scene = scenes.get(step.scene)
        if scene is None:
            scene = scenes[step.scene] = harness.make_scene(scene_class(step.scene), controller, False, "en")
        scene.set_step(step, lesson)
        scene.rebuild()
        scene.set_highlight(step.highlight)
        missing += [f"{step.id}: {i}" for i in step.highlight if scene.item_for(i) is None]
    for scene in scenes.values():
        scene.clear_items()
    assert missing == []
