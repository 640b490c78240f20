"""Helpers for the scene tests and screenshots of scenes-a (timeline, vm-vs-container, house, registry).

``make_scene`` builds a scene on a real SimController with animations off; ``view_for`` puts it in a
QGraphicsView fitted like the stage; ``shoot`` saves a PNG as the window would show it (presenter
mode raises the smallest text to 1/40 of the window height, as the shell does).
"""
from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsView

from app.ui.scenes.base import SCENE_RECT
from app.ui.theme import NORMAL, PROJECTOR


def make_scene(cls: type, controller: Any, presenter: bool = False, lang: str = "zh") -> Any:
    scene = cls(controller, PROJECTOR if presenter else NORMAL, lang)
    scene.set_animations_enabled(False)
    scene.rebuild()
    return scene


def view_for(scene: Any, width: int = 1024, height: int = 768, presenter: bool = False) -> QGraphicsView:
    view = QGraphicsView(scene)
    view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setFrameShape(QGraphicsView.Shape.NoFrame)
    view.resize(width, height)
    view.show()
    view.fitInView(SCENE_RECT, Qt.AspectRatioMode.KeepAspectRatio)
    if presenter:
        scale = view.transform().m11()
        scene.set_min_text_px(int(math.ceil(height / 40 / scale)))
    view.fitInView(SCENE_RECT, Qt.AspectRatioMode.KeepAspectRatio)
    return view


def shoot(scene: Any, path: str, width: int, height: int, presenter: bool) -> None:
    view = view_for(scene, width, height, presenter)
    view.grab().save(path)
    view.close()
    view.setScene(None)  # detach before either is collected (avoids teardown-order crashes)


def click_item(view: QGraphicsView, item: Any, offset: QPointF | None = None) -> None:
    """A real mouse click on ``item`` through the view (press and release)."""
    local = item.boundingRect().center() if offset is None else offset
    pt = view.mapFromScene(item.mapToScene(local))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pt)


class DockerWorld:
    """The real Docker half and console without the Kubernetes half (used only while app.sim.k8s
    is not importable, so these scene tests do not depend on it)."""

    def __init__(self, seed: int = 0) -> None:
        from app.sim import sim_cli
        from app.sim.console import Console
        from app.sim.core import Simulation
        from app.sim.docker import cli as docker_cli
        from app.sim.docker.engine import DockerEngine

        self.sim = Simulation(seed)
        self.docker = DockerEngine(self.sim)
        self.console = Console(self)
        sim_cli.register(self.console)
        docker_cli.register(self.console)

    def reset(self, seed: int | None = None) -> None:
        from app.sim.world import WorldReset

        seed = self.sim.seed if seed is None else seed
        listeners = self.sim._listeners
        self.__init__(seed)  # type: ignore[misc]
        self.sim._listeners = listeners
        self.sim.emit(WorldReset, new_seed=seed)

    def run(self, line: str, cwd: str = ".", stdin: str | None = None) -> Any:
        return self.console.execute(line, cwd=cwd, stdin=stdin)[0]


def world_factory() -> Any:
    """The real World when the whole engine imports; the Docker-only world otherwise."""
    try:
        from app.sim.world import World

        World(0)
        return World
    except ImportError:
        return DockerWorld


def make_controller(seed: int = 0, setup: tuple[str, ...] = ()) -> Any:
    from app.ui.controller import SimController

    return SimController(seed=seed, setup_lines=setup, world_factory=world_factory())
