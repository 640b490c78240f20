"""PlainScene: the fallback picture for a scene id that has no module yet.

It is drawn from real data, never a fixed picture: the step's caption, the ids the step highlights
(each a labelled chip, so highlights work here too), the simulated clock and the latest engine
events. It follows events as they come (redrawing the list).
"""
from __future__ import annotations

import html
from typing import Any, Sequence

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from app.ui.scenes.base import SCENE_RECT, SceneBase
from app.ui import strings

#: How many recent engine events the plain scene lists.
RECENT = 8


class ChipItem(QGraphicsRectItem):
    """A labelled box for one highlight id; clicking explains it."""

    def __init__(self, scene: "PlainScene", item_id: str, rect: QRectF) -> None:
        super().__init__(rect)
        self._scene = scene
        self.item_id = item_id

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        self._scene.explain(self.item_id, self._scene.chip_details(self.item_id))
        event.accept()


class PlainScene(SceneBase):
    scene_id = "plain"
    title = {"zh": "场景", "en": "Scene"}

    def rebuild(self) -> None:
        self.clear_items()
        margin = 60.0
        width = SCENE_RECT.width() - 2 * margin
        y = margin
        scene_name = self.step.scene if self.step is not None else self.scene_id
        header = self.add_text(strings.get("plain.header", self.lang).format(scene=scene_name),
                               margin, y, px=26, role="muted")
        y += header.boundingRect().height() + 16
        if self.step is not None:
            cap = self.add_text(self.step.caption.get(self.lang), margin, y, px=44, bold=True, width=width)
            self.register("caption", cap)
            y += cap.boundingRect().height() + 30
        y = self._draw_chips(margin, y, width)
        self._draw_events(margin, y + 20, width)
        self.apply_highlight()

    def _draw_chips(self, x0: float, y: float, width: float) -> float:
        ids = list(self.step.highlight) if self.step is not None else []
        if not ids:
            return y
        x, row_h = x0, 0.0
        for item_id in ids:
            label = self.add_text(item_id, 0, 0, px=30, bold=True)
            w = label.boundingRect().width() + 40
            h = label.boundingRect().height() + 24
            if x + w > x0 + width:
                x, y = x0, y + row_h + 24
            chip = ChipItem(self, item_id, QRectF(0, 0, w, h))
            chip.setPos(x, y)
            chip.setBrush(QBrush(self.color("node")))
            chip.setPen(QPen(self.color("node_border"), 3))
            self.addItem(chip)
            label.setParentItem(chip)
            label.setPos(20, 12)
            self.register(item_id, chip)
            x += w + 24
            row_h = max(row_h, h)
        return y + row_h + 24

    def _draw_events(self, x0: float, y: float, width: float) -> None:
        world = self.controller.world
        sim = world.sim
        clock = strings.get("plain.clock", self.lang).format(time=sim.now, count=sim.event_count)
        self.add_text(clock, x0, y, px=26, role="muted")
        y += 50
        recent = sim.log[-RECENT:]
        if not recent:
            self.add_text(strings.get("plain.no_events", self.lang), x0, y, px=26, role="muted")
            return
        for event in recent:
            item = self.add_text(event.describe(), x0, y, px=24, mono=True, width=width)
            y += item.boundingRect().height() + 2
            if y > SCENE_RECT.bottom() - 40:
                break

    def on_events(self, events: Sequence[Any]) -> None:
        self.rebuild()

    def chip_details(self, item_id: str) -> str:
        text = strings.get("plain.chip_details", self.lang).format(id=html.escape(item_id))
        return f"<p>{text}</p>"

    def summary(self) -> str:
        sim = self.controller.world.sim
        return strings.get("plain.clock", self.lang).format(time=sim.now, count=sim.event_count)
