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
from PySide6.QtWidgets import QApplication, QGraphicsView

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
    QApplication.processEvents()  # the viewport takes its size (a shape-following scene reads it)
    if hasattr(scene, "stage_height"):  # a scene that follows its view's shape (as on the stage)
        scene.rebuild()
    view.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    if presenter:
        scale = view.transform().m11()
        scene.set_min_text_px(int(math.ceil(height / 40 / scale)))
    view.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
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


def world_factory() -> Any:
    from app.sim.world import World

    return World


def make_controller(seed: int = 0, setup: tuple[str, ...] = ()) -> Any:
    from app.ui.controller import SimController

    return SimController(seed=seed, setup_lines=setup, world_factory=world_factory())


# -- checks ------------------------------------------------------------------------------------
def _text_color(item: Any) -> Any:
    from PySide6.QtWidgets import QGraphicsSimpleTextItem, QGraphicsTextItem

    if isinstance(item, QGraphicsSimpleTextItem):
        return item.brush().color()
    if isinstance(item, QGraphicsTextItem):
        return item.defaultTextColor()
    return None


def contrast_problems(scene: Any, glyph_min: float = 3.0, text_min: float = 4.5) -> list[str]:
    """Every visible glyph outline >= 3:1 against the canvas; every text >= 4.5:1 against what it
    is drawn on (its parent box's fill, or the canvas)."""
    from PySide6.QtWidgets import QGraphicsLineItem

    from app.ui.scenes.a_items import Box, GlyphItem
    from app.ui.theme import contrast_ratio

    canvas = scene.profile.canvas
    problems = []
    for item in scene.items():
        if not item.isVisible() or item.opacity() == 0:
            continue
        name = str(item.data(0) or type(item).__name__)
        color = _text_color(item)
        if color is not None:
            if not (item.toPlainText() if hasattr(item, "toPlainText") else item.text()).strip():
                continue
            ground = canvas
            parent = item.parentItem()
            if isinstance(parent, Box) and parent.fill_color is not None:
                ground = parent.fill_color.name()
            r = contrast_ratio(color, ground)
            if r < text_min:
                problems.append(f"text {name!r}: {r:.2f}")
        elif isinstance(item, GlyphItem):
            r = contrast_ratio(item.outline_color, canvas)
            if r < glyph_min:
                problems.append(f"glyph {name}: {r:.2f}")
        elif isinstance(item, Box) and item.border_color is not None and item.border_width > 0:
            r = contrast_ratio(item.border_color, canvas)
            if r < glyph_min:
                problems.append(f"box {name}: {r:.2f}")
        elif isinstance(item, QGraphicsLineItem):
            r = contrast_ratio(item.pen().color(), canvas)
            if r < glyph_min:
                problems.append(f"line {name}: {r:.2f}")
    return problems


def small_texts(scene: Any, min_px: int) -> list[str]:
    """Texts whose font is smaller than ``min_px`` (the presenter rule)."""
    out = []
    for item in scene.items():
        if _text_color(item) is not None and item.font().pixelSize() < min_px:
            out.append(f"{item.data(0) or type(item).__name__}: {item.font().pixelSize()}")
    return out
