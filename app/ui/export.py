"""File ▸ Export: the current scene as PNG (twice the screen's pixel ratio) or SVG (QtSvg)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene


def export_png(scene: QGraphicsScene, path: Path | str, on_screen_scale: float = 1.0,
               device_ratio: float = 1.0) -> QSize:
    """Render the whole scene at its on-screen size x device ratio x 2; returns the pixel size."""
    rect = scene.sceneRect()
    factor = max(on_screen_scale, 0.5) * max(device_ratio, 1.0) * 2.0
    size = QSize(max(1, round(rect.width() * factor)), max(1, round(rect.height() * factor)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(scene.backgroundBrush().color())
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                           | QPainter.RenderHint.SmoothPixmapTransform)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect, Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    image.setDevicePixelRatio(factor / 2.0)
    return size


def export_svg(scene: QGraphicsScene, path: Path | str, title: str = "") -> None:
    """Vector export of the scene (text stays text)."""
    rect = scene.sceneRect()
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(QSize(round(rect.width()), round(rect.height())))
    gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    gen.setTitle(title)
    gen.setDescription("Container Classroom / 容器课堂")
    painter = QPainter()
    if not painter.begin(gen):
        raise OSError(f"could not write {path}")
    painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), scene.backgroundBrush())
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    if not Path(path).exists():
        raise OSError(f"could not write {path}")
