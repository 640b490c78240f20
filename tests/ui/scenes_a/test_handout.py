"""File ▸ Export handout: one PDF page per step, replayed on a fresh engine."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor, QImage, QPainter

from app.lessons.loader import parse_lesson
from app.ui.handout import draw_page, export_handout
from app.ui.scenes.timeline import TimelineScene
from tests.ui.scenes_a import harness

CHAPTER = Path(__file__).resolve().parents[3] / "lessons" / "chapters" / "01-origins.toml"


def _lesson() -> Any:
    lesson, problems = parse_lesson(CHAPTER.read_text(encoding="utf-8"), str(CHAPTER))
    assert lesson is not None, problems
    return lesson


def test_one_page_per_step(qtbot: Any, tmp_path: Path) -> None:
    lesson = _lesson()
    out = tmp_path / "origins.pdf"
    seen: list[tuple[int, int]] = []
    pages = export_handout(lesson, out, "zh", world_factory=harness.world_factory(),
                           progress=lambda i, n: seen.append((i, n)))
    assert pages == len(lesson.steps) and seen[-1] == (pages, pages)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == pages


def test_a_page_draws_the_scene_and_the_caption(qtbot: Any, controller: Any) -> None:
    lesson = _lesson()
    step = lesson.steps[0]
    scene = harness.make_scene(TimelineScene, controller, presenter=True, lang="en")
    scene.set_highlight(step.highlight)
    img = QImage(1200, 840, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    painter = QPainter(img)
    draw_page(painter, 1200, 840, lesson, step, 0, scene, "en")
    painter.end()
    # something dark was drawn in the picture band and in the caption band
    def ink(y0: int, y1: int) -> int:
        return sum(1 for y in range(y0, y1, 7) for x in range(0, 1200, 7) if QColor(img.pixel(x, y)).lightness() < 100)
    assert ink(80, 500) > 50 and ink(560, 700) > 5
    scene.clear_items()
