"""Window fixtures: fixture lessons, a core-only engine world, settings and progress in a temp folder."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from app.lessons.loader import load_all
from app.lessons.progress import ProgressStore

FIXTURES = Path(__file__).resolve().parent.parent / "lessons" / "fixtures"


def core_world() -> type:
    """The core-only engine world of the fixture lessons."""
    from tests.lessons.fixtures.core_world import CoreWorld

    return CoreWorld


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONTAINER_CLASSROOM_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def make_window(qtbot, home: Path) -> Callable:  # noqa: ANN001
    from app.ui.main_window import MainWindow, StartOptions
    from app.ui.settings import Preferences

    def make(folder: str = "good", size: tuple[int, int] = (1280, 800), **options) -> MainWindow:  # noqa: ANN003
        options.setdefault("animations", False)
        options.setdefault("lang", None)
        window = MainWindow(load_all(FIXTURES / folder), Preferences(home), ProgressStore(home / "progress.json"),
                            StartOptions(**options), world_factory=core_world())
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.finish_layout()
        return window

    return make
