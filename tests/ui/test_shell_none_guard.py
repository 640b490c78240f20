"""The PySide6 None reference-count bug is neutralised: thousands of void Qt calls cannot abort us."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget

import app.ui  # noqa: F401  (applies the guard)
from app.ui._none_refcount import IMMORTAL


def test_many_void_calls_keep_none_alive(qtbot) -> None:  # noqa: ANN001
    widget = QWidget()
    qtbot.addWidget(widget)
    for _ in range(20000):   # more than None's natural count on 3.11 (about 5,000)
        widget.update()
    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > IMMORTAL // 2
