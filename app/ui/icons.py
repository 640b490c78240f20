"""Icons drawn from the colour profile (so they recolour with it): play, pause, steps, reset, app icon."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from app.lessons.paths import ASSETS_DIR

SIZE = 64


def _canvas() -> tuple[QPixmap, QPainter]:
    pm = QPixmap(SIZE, SIZE)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pm, p


def _poly(p: QPainter, color: QColor, points: list[tuple[float, float]]) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in points]))


def icon(name: str, color: QColor) -> QIcon:
    """One of: play, pause, next, prev, first, last, reset."""
    pm, p = _canvas()
    if name == "play":
        _poly(p, color, [(18, 10), (54, 32), (18, 54)])
    elif name == "pause":
        p.fillRect(QRectF(16, 10, 11, 44), color)
        p.fillRect(QRectF(37, 10, 11, 44), color)
    elif name in ("next", "last"):
        _poly(p, color, [(12, 10), (42, 32), (12, 54)])
        p.fillRect(QRectF(44, 10, 9, 44), color)
    elif name in ("prev", "first"):
        _poly(p, color, [(52, 10), (22, 32), (52, 54)])
        p.fillRect(QRectF(11, 10, 9, 44), color)
    elif name == "reset":
        pen = QPen(color, 8)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath()
        path.arcMoveTo(QRectF(12, 12, 40, 40), 110)
        path.arcTo(QRectF(12, 12, 40, 40), 110, 290)
        p.drawPath(path)
        _poly(p, color, [(20, 2), (36, 14), (18, 24)])
    else:
        raise KeyError(name)
    p.end()
    return QIcon(pm)


def app_icon() -> QIcon:
    """The product icon (assets/icon.svg) at the usual sizes."""
    from PySide6.QtSvg import QSvgRenderer   # only here: the SVG module is not needed for the first paint

    path = ASSETS_DIR / "icon.svg"
    renderer = QSvgRenderer(str(path))
    out = QIcon()
    if not renderer.isValid():
        return out
    for size in (16, 24, 32, 48, 64, 128, 256):
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        renderer.render(p)
        p.end()
        out.addPixmap(pm)
    return out
