"""Quiz widgets: ``open_quiz(main_window)`` opens the quiz window (see window.py)."""
from __future__ import annotations

from typing import Any


def open_quiz(main_window: Any) -> Any:
    from .window import open_quiz as _open

    return _open(main_window)
