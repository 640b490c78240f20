"""Fixtures for the scenes-a tests: a real controller (engine session) and its scenes, animations off."""
from __future__ import annotations

from typing import Any, Callable

import pytest

from tests.ui.scenes_a import harness


@pytest.fixture
def controller(qtbot: Any) -> Any:  # noqa: ARG001 (qtbot makes the QApplication)
    c = harness.make_controller(seed=3)
    yield c
    c.pause()


@pytest.fixture
def scene_for(qtbot: Any, controller: Any) -> Callable[..., Any]:
    """Build a scene of a class on the controller, wired as the window wires it."""
    made: list[Any] = []

    def make(cls: type, presenter: bool = False, lang: str = "zh") -> Any:
        scene = harness.make_scene(cls, controller, presenter, lang)
        controller.events_ready.connect(scene.on_events)
        controller.restored.connect(scene.rebuild)
        made.append(scene)
        return scene

    yield make
    for scene in made:
        controller.events_ready.disconnect(scene.on_events)
        controller.restored.disconnect(scene.rebuild)
        scene.clear_items()
