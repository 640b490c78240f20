"""Hotspot questions: click (or pick with the arrow keys) a part of the architecture picture.

The picture is drawn here as a clear schematic of the cluster with the same highlight ids the stage's
``architecture`` scene uses (lessons/README.md), so a question's answer is one of those ids. Every
part is a box with its name; the chosen part gets a thick solid and a dashed ring (not colour alone).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsTextItem, QGraphicsView

from app.quiz.model import HOTSPOT_IDS, HOTSPOT_LABEL, Question
from app.ui.quiz.answers import AnswerWidget
from app.ui.theme import ColorProfile, ui_font

# id -> (x, y, w, h), fill role; containers first so parts sit on top of them. Labels: HOTSPOT_LABEL.
LAYOUTS: dict[str, list[tuple[str, tuple[float, float, float, float], str]]] = {
    "architecture": [
        ("control-plane", (170, 20, 440, 460), "panel"),
        ("node", (640, 20, 440, 460), "panel"),
        ("kubectl", (10, 200, 140, 80), "panel_alt"),
        ("apiserver", (195, 70, 390, 80), "panel_alt"),
        ("scheduler", (195, 170, 185, 90), "panel_alt"),
        ("controller-manager", (400, 170, 185, 90), "panel_alt"),
        ("etcd", (195, 280, 390, 80), "panel_alt"),
        ("kubelet", (665, 70, 185, 80), "panel_alt"),
        ("kube-proxy", (870, 70, 185, 80), "panel_alt"),
        ("container-runtime", (665, 170, 390, 80), "panel_alt"),
        ("pod", (665, 270, 185, 190), "panel_alt"),
        ("log-collector", (870, 270, 185, 90), "panel_alt"),
        ("cluster-dns", (870, 370, 185, 90), "panel_alt"),
    ],
    "vm-vs-container": [
        ("vm", (40, 20, 420, 250), "panel"),
        ("guest-os", (70, 70, 360, 70), "panel_alt"),
        ("app", (70, 170, 360, 70), "panel_alt"),
        ("hypervisor", (40, 300, 420, 70), "panel_alt"),
        ("hardware", (40, 400, 1000, 70), "panel_alt"),
        ("container", (620, 20, 420, 250), "panel"),
        ("runtime", (620, 300, 420, 40), "panel_alt"),
        ("host-os", (620, 345, 420, 40), "panel_alt"),
    ],
}


class HotspotView(QGraphicsView):
    picked = Signal(str)

    def __init__(self, scene_id: str, lang: str, profile: ColorProfile) -> None:
        super().__init__()
        self.scene_id = scene_id if scene_id in LAYOUTS else "architecture"
        self.lang = lang
        self.profile = profile
        self.selected = ""
        self.enabled_ = True
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(180)
        self.ids = [i for i, *_ in LAYOUTS[self.scene_id] if i in HOTSPOT_IDS.get(self.scene_id, ())]
        self.redraw()

    def redraw(self) -> None:
        scene = self.scene()
        scene.clear()
        p = self.profile
        scene.setBackgroundBrush(QBrush(p.color("canvas")))
        self.boxes: dict[str, QGraphicsRectItem] = {}
        for item_id, (x, y, w, h), fill in LAYOUTS[self.scene_id]:
            box = QGraphicsRectItem(QRectF(x, y, w, h))
            chosen = item_id == self.selected
            box.setBrush(QBrush(p.color("selection" if chosen else fill)))
            box.setPen(QPen(p.color("highlight" if chosen else "node_border"), 6 if chosen else 2))
            box.setData(0, item_id)
            scene.addItem(box)
            if chosen:
                ring = QGraphicsRectItem(QRectF(x - 8, y - 8, w + 16, h + 16))
                ring.setPen(QPen(p.color("highlight"), 2, Qt.PenStyle.DashLine))
                scene.addItem(ring)
            # wrapped to the box; bigger on a projector, where the picture is seen from the back row
            text = QGraphicsTextItem()
            text.setParentItem(box)
            text.setPlainText(HOTSPOT_LABEL[item_id].get(self.lang))
            text.setFont(ui_font(24 if p.is_projector else 18, bold=True))
            text.setDefaultTextColor(p.color("selection_text" if chosen else "text"))
            text.setTextWidth(w - 16)
            text.setPos(x + 6, y + 2)
            self.boxes[item_id] = box
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-12, -12, 12, 12))
        self.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def id_at(self, pos: Any) -> str:
        for item in self.items(pos):  # topmost first: a part wins over the box it sits in
            while item is not None and not item.data(0):
                item = item.parentItem()
            if item is not None and item.data(0) in self.ids:
                return str(item.data(0))
        return ""

    def select(self, item_id: str) -> None:
        if self.enabled_ and item_id in self.ids:
            self.selected = item_id
            self.redraw()
            self.picked.emit(item_id)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self.id_at(event.position().toPoint())
        if found:
            self.select(found)
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}.get(event.key())
        if step and self.enabled_:
            i = self.ids.index(self.selected) if self.selected in self.ids else (-1 if step > 0 else 0)
            self.select(self.ids[(i + step) % len(self.ids)])
            return
        event.ignore()


class HotspotWidget(AnswerWidget):
    def __init__(self, question: Question, lang: str, profile: ColorProfile, seed: int = 0) -> None:
        super().__init__(question, lang, profile, seed)
        self.view = HotspotView(question.scene, lang, profile)
        self.view.picked.connect(self.changed)
        self.layout_.addWidget(self.view, 1)
        self.set_language(lang)

    def retranslate(self) -> None:
        self.view.lang = self.lang
        self.view.redraw()

    def focus_first(self) -> None:
        self.view.setFocus()

    def lock(self) -> None:
        self.locked = True
        self.view.enabled_ = False

    def response(self) -> Any | None:
        return self.view.selected or None

    def set_response(self, response: Any) -> None:
        self.view.select(str(response))

    def center_of(self, item_id: str) -> Any:
        """Viewport point at the middle of a part (tests click it like a learner would)."""
        return self.view.mapFromScene(self.view.boxes[item_id].rect().center())
