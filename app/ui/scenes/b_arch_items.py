"""Items of the architecture scene: component boxes, enclosing frames, links, travelling messages,
the info card and the message log.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from .b_arch_text import INFO
from .b_common import NO_PEN, brush, draw_pod_glyph, draw_text, fit_font, pen

ALIGN_L = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_C = Qt.AlignmentFlag.AlignCenter
ALIGN_TL = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
#: shape per kind of component, so kinds differ by outline too, not only by colour
SHAPES = {"kubectl": "terminal", "etcd": "cylinder", "pod": "pods"}


class ComponentBox(QGraphicsItem):
    """One component: a box in its group's colour, title, analogy line and a live status line."""

    def __init__(self, scene: Any, rect: QRectF, kind: str, role: str, addon: bool = False) -> None:
        super().__init__()
        self._scene = scene
        self._rect = QRectF(0, 0, rect.width(), rect.height())
        self.setPos(rect.topLeft())
        self.kind = kind
        self.role = role
        self.addon = addon
        self.status = ""
        self.pods: tuple[str, ...] = ()
        self.selected = False
        self.setZValue(10)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-4, -4, 4, 4)

    def set_status(self, status: str, pods: tuple[str, ...] = ()) -> None:
        if (status, pods) != (self.status, self.pods):
            self.status, self.pods = status, pods
            self.update()

    def set_selected(self, on: bool) -> None:
        if on != self.selected:
            self.selected = on
            self.update()

    def center(self) -> QPointF:
        return self.sceneBoundingRect().center()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        s, profile = self._scene, self._scene.profile
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        r = self._rect.adjusted(2, 2, -2, -2)
        color = profile.color(self.role)
        painter.setBrush(brush(profile.color("panel")))
        style = Qt.PenStyle.DashLine if self.addon else Qt.PenStyle.SolidLine
        painter.setPen(pen(profile.color("highlight") if self.selected else color, 4.0 if self.selected else 2.5, style))
        shape = SHAPES.get(self.kind)
        if shape == "cylinder":
            e = r.height() * 0.16
            painter.drawRoundedRect(r.adjusted(0, e / 2, 0, 0), 6, 6)
            painter.drawEllipse(QRectF(r.x(), r.y(), r.width(), e * 1.4))
        else:
            painter.drawRoundedRect(r, 10, 10)
        if shape == "terminal":  # a prompt glyph
            draw_text(painter, QRectF(r.x() + 8, r.y() + 6, 40, 30), ">_", s.font_px(20, mono=True, bold=True), color)
        info = INFO[self.kind]
        h = r.height()
        tx = r.x() + (46 if shape == "terminal" else 12)
        title_px = min(24.0, h * 0.26)
        title = s.t(*info.title)
        font = fit_font(s, title, title_px, r.right() - tx - 8, bold=True)
        y = r.y() + h * 0.05
        lh = QFontMetricsF(font).height() * 1.05
        draw_text(painter, QRectF(tx, y, r.right() - tx - 8, lh), title, font, profile.color("text"))
        y += lh
        # the analogy line, then the live status (or the pods): each only if it still fits
        for text, px, role in ((s.t(*info.tag), title_px * 0.72, self.role), (self.status, title_px * 0.66, "muted")):
            f = s.font_px(px)
            fh = QFontMetricsF(f).height() * 1.05
            if self.pods and role == "muted":
                if y + min(fh, 22) <= r.bottom():
                    self._paint_pods(painter, QRectF(r.x() + 12, y + 2, r.width() - 24, min(h * 0.24, r.bottom() - y - 4)))
                break
            if not text or y + fh > r.bottom() + 2:
                continue
            draw_text(painter, QRectF(r.x() + 12, y, r.width() - 24, fh), text, f, profile.color(role))
            y += fh

    def _paint_pods(self, painter: QPainter, area: QRectF) -> None:
        h = min(area.height() * 0.8, 18.0)
        w = h * 2
        shown = self.pods[: max(1, int((area.width() - 60) // (w + 4)))]
        for i, state in enumerate(shown):
            draw_pod_glyph(painter, QRectF(area.x() + i * (w + 4), area.y(), w, h), state, self._scene.profile,
                           canvas_role="panel")
        draw_text(painter, QRectF(area.x() + len(shown) * (w + 4) + 4, area.y() - 4, 80, h + 8),
                  f"×{len(self.pods)}", self._scene.font_px(h * 0.9, bold=True), self._scene.profile.color("text"))


class FrameItem(QGraphicsItem):
    """The enclosing box of the control plane or of one worker node, with its label."""

    def __init__(self, scene: Any, rect: QRectF, label: str, role: str, status: str = "", dashed: bool = False) -> None:
        super().__init__()
        self._scene = scene
        self._rect = QRectF(0, 0, rect.width(), rect.height())
        self.setPos(rect.topLeft())
        self.label, self.role, self.status, self.dashed = label, role, status, dashed
        self.setZValue(2)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-4, -4, 4, 4)

    def set_status(self, status: str, dashed: bool) -> None:
        if (status, dashed) != (self.status, self.dashed):
            self.status, self.dashed = status, dashed
            self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        s, profile = self._scene, self._scene.profile
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(brush(profile.color("node")))
        painter.setPen(pen(profile.color("error" if self.dashed else self.role), 3.0,
                           Qt.PenStyle.DashLine if self.dashed else Qt.PenStyle.SolidLine))
        painter.drawRoundedRect(self._rect.adjusted(2, 2, -2, -2), 16, 16)
        lh = min(52.0, max(30.0, s.min_text_px * 1.4))
        font = s.font_px(22, bold=True)
        label_w = min(QFontMetricsF(font).horizontalAdvance(self.label) + 8, self._rect.width() - 32)
        draw_text(painter, QRectF(16, 6, label_w, lh), self.label, font, profile.color(self.role))
        if self.status:
            x = 16 + label_w + 12
            draw_text(painter, QRectF(x, 6, self._rect.width() - x - 16, lh), self.status,
                      s.font_px(17, bold=self.dashed), profile.color("error" if self.dashed else "muted"),
                      Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class LinkLayer(QGraphicsItem):
    """All links in one item: who talks to whom (arrows into the API server)."""

    def __init__(self, scene: Any, rect: QRectF) -> None:
        super().__init__()
        self._scene = scene
        self._rect = QRectF(rect)
        self.links: list[tuple[QPointF, QPointF, bool]] = []  # (from, to, watch also flows back)
        self.setZValue(5)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        profile = self._scene.profile
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen(profile.color("link"), 2.2))
        painter.setBrush(brush(profile.color("link")))
        for a, b, _ in self.links:
            painter.drawLine(QLineF(a, b))
            _arrow(painter, a, b, 12)


def _arrow(painter: QPainter, a: QPointF, b: QPointF, size: float) -> None:
    line = QLineF(b, a)
    if line.length() < 1:
        return
    unit = line.unitVector()
    d = QPointF(unit.dx(), unit.dy()) * size
    n = QPointF(-d.y(), d.x()) * 0.5
    painter.drawPolygon([b, b + d + n, b + d - n])


class MessageItem(QGraphicsItem):
    """A message on its way: a filled envelope-like pill with its text (the request or watch event)."""

    def __init__(self, scene: Any, text: str, watch: bool) -> None:
        super().__init__()
        self._scene = scene
        self.text = text
        self.watch = watch
        self.setZValue(60)
        self.setVisible(False)

    def boundingRect(self) -> QRectF:
        return QRectF(-14, -16, 520, 32)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        s, profile = self._scene, self._scene.profile
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen(profile.color("canvas"), 2))
        painter.setBrush(brush(profile.color("message")))
        if self.watch:  # watch notifications are diamonds, requests are circles
            painter.drawPolygon([QPointF(0, -11), QPointF(11, 0), QPointF(0, 11), QPointF(-11, 0)])
        else:
            painter.drawEllipse(QPointF(0, 0), 10, 10)
        font = s.font_px(16, bold=True)
        painter.setFont(font)
        rect = QRectF(16, -13, 490, 26)
        painter.setPen(pen(profile.color("message"), 1.5))
        painter.setBrush(brush(profile.color("panel")))
        br = painter.boundingRect(rect, int(ALIGN_L), self.text)
        painter.drawRoundedRect(br.adjusted(-4, -1, 4, 1), 4, 4)
        draw_text(painter, rect, self.text, font, profile.color("text"), elided=False)


class PanelItem(QGraphicsItem):
    """A titled text panel (the component card, the message log): rich lines, drawn crisp."""

    def __init__(self, scene: Any, rect: QRectF, item_id: str) -> None:
        super().__init__()
        self._scene = scene
        self._rect = QRectF(0, 0, rect.width(), rect.height())
        self.setPos(rect.topLeft())
        self.item_id = item_id
        self.title = ""
        self.blocks: list[tuple[str, str]] = []  # (heading, paragraph)
        self.setZValue(8)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def set_content(self, title: str, blocks: list[tuple[str, str]]) -> None:
        if (title, blocks) != (self.title, self.blocks):
            self.title, self.blocks = title, list(blocks)
            self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        s, profile = self._scene, self._scene.profile
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(brush(profile.color("panel")))
        painter.setPen(pen(profile.color("border"), 1.5))
        painter.drawRoundedRect(self._rect.adjusted(1, 1, -1, -1), 10, 10)
        width = self._rect.width() - 28
        flags = int(ALIGN_TL | Qt.TextFlag.TextWordWrap)
        y = 8.0
        # every block flows by its real height, so presenter-size text still stacks cleanly
        for text, font, role in [(self.title, s.font_px(21, bold=True), "accent")] + [
                item for heading, para in self.blocks for item in
                (((heading, s.font_px(15, bold=True), "muted"),) if heading else ()) + ((para, s.font_px(16), "text"),)]:
            painter.setFont(font)
            br = painter.boundingRect(QRectF(14, y, width, 2000), flags, text)
            if y + br.height() > self._rect.height() - 6:
                break
            painter.setPen(pen(profile.color(role)))
            painter.drawText(QRectF(14, y, width, br.height()), flags, text)
            y += br.height() + (2 if role == "muted" else 8)

