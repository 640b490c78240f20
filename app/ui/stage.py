"""The stage: a QGraphicsView showing the current scene, fitted to the view until the user zooms.

Zoom with Ctrl+wheel or the View menu, pan by dragging, fit again with Ctrl+0 (and on every resize
while fitted). B and W blank the stage to black or white (a presenter's "look at me" key).
"""
from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget


class StageView(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stage")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fitted = True
        self.blank: QColor | None = None

    def show_message(self, text: str, background: QColor, color: QColor, font: QFont) -> QGraphicsScene:
        """A one-line picture (e.g. "Preparing the lesson…") until a real scene is set."""
        message = QGraphicsScene(self)
        message.setObjectName("stageMessage")
        message.setBackgroundBrush(background)
        item = message.addSimpleText(text, font)
        item.setBrush(color)
        box = item.boundingRect()
        width = max(960.0, box.width() + 80)   # a long message widens the picture rather than being cut
        height = width * 9 / 16
        message.setSceneRect(QRectF(0, 0, width, height))
        item.setPos((width - box.width()) / 2, (height - box.height()) / 2)
        self.setScene(message)
        return message

    def setScene(self, scene: Any) -> None:  # noqa: N802 (Qt name)
        old = self.scene()
        super().setScene(scene)
        if old is not None and old is not scene and old.objectName() == "stageMessage":
            old.deleteLater()   # the message has done its job once a real scene is shown
        self.fitted = True
        self.fit()

    def fit(self) -> None:
        scene = self.scene()
        if scene is None:
            return
        self.fitted = True
        self.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    @property
    def scale_factor(self) -> float:
        return self.transform().m11()

    def zoom(self, factor: float) -> None:
        new = self.scale_factor * factor
        if 0.05 <= new <= 20:
            self.fitted = False
            self.scale(factor, factor)

    def wheelEvent(self, event: Any) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(math.pow(1.2, event.angleDelta().y() / 120))
            event.accept()
        else:
            super().wheelEvent(event)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.fitted:
            self.fit()

    def set_blank(self, color: QColor | None) -> None:
        self.blank = color
        self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        super().drawForeground(painter, rect)
        if self.blank is not None:
            painter.save()
            painter.resetTransform()
            painter.fillRect(self.viewport().rect(), self.blank)
            painter.restore()
