"""File ▸ Export handout: a PDF of one chapter, one page per step, in the current language.

Each page shows the step's scene exactly as the engine leaves it after the step's actions (the
lesson is replayed headless on a fresh engine with the lesson's seed and set-up, animations off),
with the step's highlights, then its caption, narration and note. The light (projector) colour
profile is used so the handout prints well. Pictures are drawn as vectors (QPdfWriter keeps them
sharp at any zoom).

Use: ``export_handout(lesson, path, lang)`` returns the number of pages written.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from app.lessons.richtext import to_html
from app.ui.controller import SimController
from app.ui.scenes import scene_class
from app.ui.theme import PROJECTOR, ColorProfile, FONT_FAMILIES

#: A4 landscape with 12 mm margins.
MARGIN_MM = 12.0
RESOLUTION = 144  # dots per inch of the painter's coordinate system (text and vector art stay vector)


def _words(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _doc(html_text: str, width: float, px: int) -> QTextDocument:
    doc = QTextDocument()
    # paper is white whatever the application's palette: dark text from the (light) projector profile
    doc.setDefaultStyleSheet(f"body {{ font-family: '{FONT_FAMILIES[0]}'; font-size: {px}px;"
                             f" color: {QColor(PROJECTOR.text).name()}; }}"
                             f" code {{ font-family: monospace; }}")
    doc.setHtml(f"<body>{html_text}</body>")
    doc.setTextWidth(width)
    return doc


def export_handout(lesson: Any, path: Path | str, lang: str, profile: ColorProfile = PROJECTOR,
                   world_factory: Callable[[int], Any] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> int:
    """Write ``lesson`` as a PDF handout to ``path``; returns the number of pages (one per step)."""
    controller = SimController(seed=lesson.seed, setup_lines=lesson.setup, world_factory=world_factory)
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(f"{lesson.title.get(lang)}")
    writer.setCreator("Container Classroom")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}")
    scenes: dict[str, Any] = {}
    pages = 0
    try:
        for i, step in enumerate(lesson.steps):
            for line in step.actions:
                controller.execute(line)
            if step.run_for:
                controller.advance(step.run_for)
            scene = scenes.get(step.scene)
            if scene is None:
                scene = scene_class(step.scene)(controller, profile, lang)
                scene.set_animations_enabled(False)
                scenes[step.scene] = scene
            scene.set_step(step, lesson)
            scene.rebuild()
            scene.set_highlight(step.highlight)
            if pages:
                writer.newPage()
            page = writer.pageLayout().paintRectPixels(writer.resolution())
            draw_page(painter, float(page.width()), float(page.height()), lesson, step, i, scene, lang)
            pages += 1
            if progress is not None:
                progress(i + 1, len(lesson.steps))
    finally:
        painter.end()
        for scene in scenes.values():
            scene.clear_items()
        controller.pause()
    return pages


def draw_page(painter: QPainter, w: float, h: float, lesson: Any, step: Any, index: int, scene: Any,
              lang: str) -> None:
    """One handout page of ``w`` x ``h`` device units: header, the scene, caption and text, footer."""
    px = max(12, int(h / 48))
    head = _doc(f"<b>{html.escape(_words(lang, f'第 {lesson.chapter} 章', f'Chapter {lesson.chapter}'))} · "
                f"{html.escape(lesson.title.get(lang))}</b> — "
                f"{html.escape(_words(lang, f'第 {index + 1}/{len(lesson.steps)} 步', f'step {index + 1} of {len(lesson.steps)}'))}",
                w, px)
    head.drawContents(painter)
    y = head.size().height() + px * 0.5
    rect = scene.sceneRect()  # SCENE_RECT, or taller for a scene that follows its view's shape
    pic_h = min(h * 0.62, w * rect.height() / rect.width())
    pic_w = pic_h * rect.width() / rect.height()
    target = QRectF((w - pic_w) / 2, y, pic_w, pic_h)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, target, rect, Qt.AspectRatioMode.KeepAspectRatio)
    painter.restore()
    y += pic_h + px
    parts = [f"<h2>{to_html(step.caption.get(lang))}</h2>"]
    if step.narration is not None:
        parts.append(f"<p>{to_html(step.narration.get(lang))}</p>")
    if step.note is not None:
        parts.append(f"<p><i>{html.escape(_words(lang, '注：', 'Note: '))}</i>{to_html(step.note.get(lang))}</p>")
    if step.try_it is not None:
        parts.append(f"<p><b>{html.escape(_words(lang, '动手试试：', 'Try it: '))}</b>{to_html(step.try_it.task.get(lang))}</p>")
    body = _doc("".join(parts), w, px)
    painter.save()
    painter.translate(0, y)
    body.drawContents(painter, QRectF(0, 0, w, max(0.0, h - y - px * 1.6)))
    painter.restore()
    foot = _doc(f"<span style='color:#444'>{html.escape(_words(lang, '容器课堂', 'Container Classroom'))} · "
                f"{index + 1}</span>", w, int(px * 0.8))
    painter.save()
    painter.translate(0, h - foot.size().height())
    foot.drawContents(painter)
    painter.restore()
