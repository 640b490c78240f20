"""The installed PySide6 must not corrupt None's reference count (6.12.0 on CPython 3.11 did)."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QGraphicsRectItem, QWidget

from app.ui import qt_binding_problem


def test_void_qt_calls_leave_none_and_bools_alone(qtbot) -> None:  # noqa: ANN001
    widget = QWidget()
    qtbot.addWidget(widget)
    item = QGraphicsRectItem(0, 0, 1, 1)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for i in range(2000):
        widget.update()
        item.setPos(i, i)
        item.isVisible()
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert all(abs(a - b) < 200 for a, b in zip(after, before)), (before, after)
    assert qt_binding_problem() is None
