"""Small graphics items shared by the timeline, vm-vs-container, house and registry scenes.

* :class:`Box`: a rounded, clickable, animatable rectangle (a card, a floor, a layer row, a bar).
  Clicking emits ``clicked(id)``; hovering shows its tooltip. Projector users cannot hover, so the
  scenes always show the same details on click as well.
* :func:`text_item`: a label (single line, or wrapped to a width) in a given font and colour.
* :func:`glyph_path`: shapes that carry meaning besides colour (circle, helm wheel, square, diamond,
  tick, cross, arrow), so no information is carried by colour alone.
"""
from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Property, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsObject, QGraphicsSimpleTextItem,
                               QGraphicsTextItem, QStyleOptionGraphicsItem, QWidget)


class Box(QGraphicsObject):
    """A rounded rectangle with an id; click to ask for details. ``fill``/``border`` may be None."""

    clicked = Signal(str)

    def __init__(self, item_id: str, width: float, height: float, fill: QColor | None = None,
                 border: QColor | None = None, border_width: float = 2.0, radius: float = 10.0,
                 dashed: bool = False, parent: QGraphicsItem | None = None) -> None:
        super().__init__()
        if parent is not None:  # setParentItem hands ownership to the parent (the constructor does not)
            self.setParentItem(parent)
        self.item_id = item_id
        self._w, self._h = width, height
        self._fill, self._border = fill, border
        self._border_width = border_width
        self._radius = radius
        self._dashed = dashed
        self._progress = 1.0  # fraction of the width filled (progress bars)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    # -- geometry and style ------------------------------------------------------------------
    @property
    def width(self) -> float:
        return self._w

    @property
    def height(self) -> float:
        return self._h

    def set_size(self, width: float, height: float) -> None:
        if (width, height) != (self._w, self._h):
            self.prepareGeometryChange()
            self._w, self._h = width, height

    def set_style(self, fill: QColor | None, border: QColor | None, border_width: float | None = None,
                  dashed: bool | None = None) -> None:
        self._fill, self._border = fill, border
        if border_width is not None:
            self._border_width = border_width
        if dashed is not None:
            self._dashed = dashed
        self.update()

    @property
    def border_width(self) -> float:
        return self._border_width

    @property
    def dashed(self) -> bool:
        return self._dashed

    @property
    def fill_color(self) -> QColor | None:
        return self._fill

    @property
    def border_color(self) -> QColor | None:
        return self._border

    def _get_progress(self) -> float:
        return self._progress

    def _set_progress(self, value: float) -> None:
        value = max(0.0, min(1.0, float(value)))
        if value != self._progress:
            self._progress = value
            self.update()

    #: Fraction of the box filled from the left (animated by progress bars).
    progress = Property(float, _get_progress, _set_progress)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        m = self._border_width / 2 + 1
        return QRectF(-m, -m, self._w + 2 * m, self._h + 2 * m)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(0, 0, self._w, self._h)
        if self._fill is not None:
            painter.setPen(QPen(Qt.PenStyle.NoPen))
            painter.setBrush(QBrush(self._fill))
            if self._progress >= 1.0:
                painter.drawRoundedRect(rect, self._radius, self._radius)
            elif self._progress > 0:
                clip = QPainterPath()
                clip.addRoundedRect(rect, self._radius, self._radius)
                painter.setClipPath(clip)
                painter.drawRect(QRectF(0, 0, self._w * self._progress, self._h))
                painter.setClipping(False)
        if self._border is not None and self._border_width > 0:
            pen = QPen(self._border, self._border_width)
            if self._dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            painter.drawRoundedRect(rect, self._radius, self._radius)

    # -- interaction ---------------------------------------------------------------------------
    def mousePressEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        event.accept()

    def mouseReleaseEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        if self.boundingRect().contains(event.pos()):
            self.clicked.emit(self.item_id)
        event.accept()


class GlyphItem(QGraphicsObject):
    """A filled shape with an outline (meaning by shape as well as colour)."""

    def __init__(self, path: QPainterPath, fill: QColor, outline: QColor, outline_width: float = 2.0,
                 parent: QGraphicsItem | None = None) -> None:
        super().__init__()
        if parent is not None:
            self.setParentItem(parent)
        self._path = path
        self._fill = fill
        self._outline = outline
        self._outline_width = outline_width

    @property
    def fill_color(self) -> QColor:
        return self._fill

    @property
    def outline_color(self) -> QColor:
        return self._outline

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        m = self._outline_width
        return self._path.boundingRect().adjusted(-m, -m, m, m)

    def shape(self) -> QPainterPath:
        return self._path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QBrush(self._fill))
        painter.setPen(QPen(self._outline, self._outline_width))
        painter.drawPath(self._path)


def text_item(text: str, font: QFont, color: QColor, width: float | None = None,
              parent: QGraphicsItem | None = None, center: bool = False) -> QGraphicsItem:
    """A plain-text label; wrapped (and optionally centred) when ``width`` is given."""
    # Created without a parent, then re-parented: setParentItem hands ownership to the parent in
    # PySide (a parent passed to the constructor is not always kept alive).
    if width is None:
        item: QGraphicsItem = QGraphicsSimpleTextItem(text)
        item.setFont(font)
        item.setBrush(QBrush(color))
        if parent is not None:
            item.setParentItem(parent)
        return item
    t = QGraphicsTextItem()
    t.setFont(font)
    t.setDefaultTextColor(color)
    t.setPlainText(text)
    t.setTextWidth(width)
    t.document().setDocumentMargin(0)
    if center:
        opt = t.document().defaultTextOption()
        opt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        t.document().setDefaultTextOption(opt)
    if parent is not None:
        t.setParentItem(parent)
    return t


def label_text(item: QGraphicsItem) -> str:
    """The text of a label made by :func:`text_item` (tests and summaries)."""
    if isinstance(item, QGraphicsSimpleTextItem):
        return item.text()
    if isinstance(item, QGraphicsTextItem):
        return item.toPlainText()
    return ""


def glyph_path(kind: str, size: float) -> QPainterPath:
    """A shape centred on (0, 0) fitting a ``size`` square."""
    r = size / 2
    path = QPainterPath()
    if kind == "circle":
        path.addEllipse(QPointF(0, 0), r, r)
    elif kind == "square":
        path.addRect(QRectF(-r * 0.85, -r * 0.85, r * 1.7, r * 1.7))
    elif kind == "diamond":
        path.moveTo(0, -r)
        path.lineTo(r, 0)
        path.lineTo(0, r)
        path.lineTo(-r, 0)
        path.closeSubpath()
    elif kind == "helm":  # a ship's wheel: Kubernetes is Greek for helmsman
        spokes = 7
        for i in range(spokes):
            a = 2 * math.pi * i / spokes - math.pi / 2
            ca, sa = math.cos(a), math.sin(a)
            w = r * 0.12
            spoke = QPainterPath()
            spoke.moveTo(-sa * w, ca * w)
            spoke.lineTo(ca * r - sa * w, sa * r + ca * w)
            spoke.lineTo(ca * r + sa * w, sa * r - ca * w)
            spoke.lineTo(sa * w, -ca * w)
            spoke.closeSubpath()
            path = path.united(spoke)
        ring = QPainterPath()
        ring.addEllipse(QPointF(0, 0), r * 0.72, r * 0.72)
        inner = QPainterPath()
        inner.addEllipse(QPointF(0, 0), r * 0.52, r * 0.52)
        path = path.united(ring.subtracted(inner))
        hub = QPainterPath()
        hub.addEllipse(QPointF(0, 0), r * 0.22, r * 0.22)
        path = path.united(hub)
    elif kind == "tick":
        path.moveTo(-r, 0)
        path.lineTo(-r * 0.3, r * 0.7)
        path.lineTo(r, -r * 0.6)
        path.lineTo(r * 0.8, -r * 0.8)
        path.lineTo(-r * 0.3, r * 0.35)
        path.lineTo(-r * 0.8, -r * 0.2)
        path.closeSubpath()
    elif kind == "cross":
        w = r * 0.28
        bar = QPainterPath()
        bar.addRect(QRectF(-r, -w, 2 * r, 2 * w))
        up = QPainterPath()
        up.addRect(QRectF(-w, -r, 2 * w, 2 * r))
        from PySide6.QtGui import QTransform

        path = QTransform().rotate(45).map(bar.united(up))
    elif kind == "skip":  # a curved arrow jumping over: "already there, skipped"
        path.moveTo(-r, r * 0.5)
        path.cubicTo(-r * 0.6, -r * 0.9, r * 0.4, -r * 0.9, r * 0.6, -r * 0.1)
        path.lineTo(r, -r * 0.35)
        path.lineTo(r * 0.85, r * 0.45)
        path.lineTo(r * 0.1, r * 0.2)
        path.lineTo(r * 0.42, 0.0)
        path.cubicTo(r * 0.2, -r * 0.55, -r * 0.45, -r * 0.55, -r * 0.7, r * 0.55)
        path.closeSubpath()
    elif kind == "arrow":  # pointing right
        path.moveTo(-r, -r * 0.3)
        path.lineTo(r * 0.2, -r * 0.3)
        path.lineTo(r * 0.2, -r * 0.75)
        path.lineTo(r, 0)
        path.lineTo(r * 0.2, r * 0.75)
        path.lineTo(r * 0.2, r * 0.3)
        path.lineTo(-r, r * 0.3)
        path.closeSubpath()
    else:
        raise ValueError(f"unknown glyph {kind!r}")
    return path
