"""What text a scene draws on screen, and at what size: for tests of readability in the window.

Text items (QGraphicsSimpleTextItem, QGraphicsTextItem) give their font; items that paint text
themselves (node cards, boxes, the architecture's cards, pyqtgraph axes) are caught by wrapping
QPainter.drawText / drawStaticText while the view paints into an image: each call records the
painter's font size times the painter's scale (scene units -> device pixels) and the text.
"""
from __future__ import annotations

import math
from contextlib import contextmanager
from typing import Any, Iterator

from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QGraphicsTextItem


def _px(font: QFont) -> float:
    return float(font.pixelSize()) if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72


@contextmanager
def _recording(out: list[tuple[float, str]]) -> Iterator[None]:
    originals = {name: getattr(QPainter, name) for name in ("drawText", "drawStaticText")}

    def wrap(name: str) -> Any:
        original = originals[name]

        def call(painter: QPainter, *args: Any) -> Any:
            text = next((a for a in args if isinstance(a, str)), None)
            if text is None:
                text = next((a.text() for a in args if hasattr(a, "text") and callable(a.text)), "")
            t = painter.transform()
            scale = math.hypot(t.m11(), t.m12())
            if str(text).strip():
                out.append((_px(painter.font()) * scale, str(text)))
            return original(painter, *args)
        return call

    for name in originals:
        setattr(QPainter, name, wrap(name))
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(QPainter, name, original)


def drawn_text(view: Any) -> list[tuple[float, str]]:
    """(screen px, text) of every text the view draws now, painted ones and text items."""
    vp = view.viewport()
    image = QImage(vp.width(), vp.height(), QImage.Format.Format_ARGB32)
    out: list[tuple[float, str]] = []
    scene = view.scene()
    for item in scene.items():
        item.setCacheMode(item.cacheMode().NoCache)  # cached items would not paint again
    with _recording(out):
        painter = QPainter(image)
        view.render(painter)
        painter.end()
    scale = view.transform().m11() * image.width() / max(1, vp.width())
    for item in scene.items():
        if isinstance(item, (QGraphicsSimpleTextItem, QGraphicsTextItem)) and item.isVisible():
            text = item.text() if isinstance(item, QGraphicsSimpleTextItem) else item.toPlainText()
            if text.strip() and vp.rect().intersects(view.mapFromScene(item.sceneBoundingRect()).boundingRect()):
                out.append((_px(item.font()) * scale * item.sceneTransform().m11(), text))
    return out
