"""Service routes (a line from each Service to each ready endpoint pod) and image parcels.

Routes are drawn in one item with one ``drawLines`` call per Service, from the pods' current
positions, so they follow pods while they fly. Above ``MAX_ROUTES`` lines only the selected or
highlighted Service is drawn (a thousand lines would hide the pods). A request (``ServiceRequest``
event) is a dot running along its route.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from .b_common import NO_PEN, brush, draw_text, pen

MAX_ROUTES = 300


class RouteLayer(QGraphicsItem):
    def __init__(self, scene: Any, rect: QRectF) -> None:
        super().__init__()
        self._scene = scene
        self._rect = QRectF(rect)
        self.routes: dict[str, list[str]] = {}
        self.requests: list[list[Any]] = []  # [service key, pod key, progress]
        self.setZValue(15)

    def boundingRect(self) -> QRectF:
        return self._rect

    def set_routes(self, routes: dict[str, list[str]]) -> None:
        if routes != self.routes:
            self.routes = routes
            self.update()

    def visible_services(self) -> list[str]:
        total = sum(len(v) for v in self.routes.values())
        if total <= MAX_ROUTES:
            return list(self.routes)
        scene = self._scene
        chosen = {f"service:{k.split('/', 1)[1]}" for k in self.routes} & set(scene.highlighted)
        sel = scene.selected
        return [k for k in self.routes if f"service:{k.split('/', 1)[1]}" in chosen
                or (sel and sel[0] == "Service" and k == f"{sel[1]}/{sel[2]}")]

    def _ends(self, service: str, pod: str) -> tuple[QPointF, QPointF] | None:
        item = self._scene.services.get(service)
        rect = self._scene.pods.rect_of(pod, final=False) if self._scene.pods is not None else None
        if item is None or rect is None:
            return None
        return item.anchor(), QPointF(rect.center().x(), rect.top())

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        profile = self._scene.profile
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for service in self.visible_services():
            lines = []
            for pod in self.routes.get(service, ()):
                ends = self._ends(service, pod)
                if ends:
                    lines.append(QLineF(*ends))
            if lines:
                painter.setPen(pen(profile.color("accent"), 1.4, Qt.PenStyle.DashLine))
                painter.drawLines(lines)
        painter.setPen(NO_PEN)
        painter.setBrush(brush(profile.color("message")))
        for service, pod, u in self.requests:
            ends = self._ends(service, pod)
            if ends:
                a, b = ends
                p = a + (b - a) * float(u)
                painter.drawEllipse(p, 7, 7)

    def animate_request(self, service: str, pod: str) -> None:
        scene = self._scene
        if service not in self.routes or len(self.requests) > 40:
            return
        entry = [service, pod, 0.0]
        self.requests.append(entry)
        anim = QVariantAnimation()
        anim.setStartValue(0.0)
        anim.setEndValue(1.0)
        anim.setDuration(scene.anim_ms(700))

        def step(u: float, entry: list = entry) -> None:
            entry[2] = u
            self.update()

        def done(entry: list = entry) -> None:
            if entry in self.requests:
                self.requests.remove(entry)
            self.update()

        anim.valueChanged.connect(step)
        anim.finished.connect(done)
        scene.track(anim)
        if anim.state() != anim.State.Running:
            done()


class ParcelItem(QGraphicsItem):
    """An image travelling from the registry to a node: a stack of layers and the image's name."""

    def __init__(self, scene: Any, image: str) -> None:
        super().__init__()
        self._scene = scene
        self.image = image
        self.setZValue(40)
        self.setData(0, f"parcel:{image}")

    def boundingRect(self) -> QRectF:
        return QRectF(-24, -24, 230, 48)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        profile = self._scene.profile
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen(profile.color("canvas"), 1.5))
        painter.setBrush(brush(profile.color("registry")))
        for i in range(3):  # three stacked layers: "an image is layers"
            painter.drawRoundedRect(QRectF(-18, -16 + i * 10, 36, 9), 2, 2)
        draw_text(painter, QRectF(22, -14, 200, 28), self.image, self._scene.font_px(16, bold=True),
                  profile.color("registry"))
