"""Every lesson step shown on the architecture or cluster scene: played headless by the real engine,
then drawn; each highlight id of the step must point at something drawn (a halo appears)."""
import pytest

from app.lessons.loader import lesson_files, load_lesson
from app.lessons.runner import HeadlessRun
from app.ui.scenes.architecture import ArchitectureScene
from app.ui.scenes.cluster import ClusterScene
from app.ui.theme import PROJECTOR

SCENES = {"architecture": ArchitectureScene, "cluster": ClusterScene}


class _Ctl:
    def __init__(self, run):
        self._run = run

    @property
    def world(self):
        return self._run.world


def _lessons():
    out = []
    for path in lesson_files():
        lesson, _ = load_lesson(path)
        if lesson is not None and any(s.scene in SCENES for s in lesson.steps):
            out.append(pytest.param(lesson, id=lesson.id))
    return out


@pytest.mark.parametrize("lesson", _lessons())
def test_highlights_of_every_step_are_drawn(lesson, qapp):
    run = HeadlessRun(lesson)
    scenes = {sid: cls(_Ctl(run), PROJECTOR, "zh") for sid, cls in SCENES.items()}
    for s in scenes.values():
        s.set_animations_enabled(False)
    missing = []
    for step in lesson.steps:
        run.play_next()
        scene = scenes.get(step.scene)
        if scene is None:
            continue
        scene.rebuild()
        scene.set_highlight(step.highlight)
        lost = sorted(set(step.highlight) - set(scene.halo_ids()))
        if lost:
            missing.append((step.id, lost))
    assert not missing
