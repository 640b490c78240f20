"""The lesson navigator: chapters and their steps, with done marks; activating one jumps there."""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from app.ui import strings

if TYPE_CHECKING:   # lesson objects arrive after the first paint; only their shape is needed here
    from app.lessons.index import LessonHeader
    from app.lessons.progress import Progress
    from app.lessons.schema import Lesson

DONE = "✔"
ROLE = Qt.ItemDataRole.UserRole


class Navigator(QTreeWidget):
    """Top level: chapters ("3. Build, Ship, Run ✔"); children: steps. Emits (lesson id, step index)."""

    step_chosen = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)   # the full caption is the tooltip
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.lessons: list[Lesson] = []

    def fill(self, lessons: list[Lesson], progress: Progress, lang: str,
             current: tuple[str, int] | None) -> None:
        self.lessons = lessons
        self.blockSignals(True)
        self.clear()
        for ci, lesson in enumerate(lessons):
            steps_done = [s.id for s in lesson.steps if progress.is_done(lesson.id, s.id)]
            done = len(steps_done) == len(lesson.steps)
            chapter = QTreeWidgetItem([f"{ci + 1}. {lesson.title.get(lang)}" + (f"  {DONE}" if done else "")])
            chapter.setData(0, ROLE, f"{lesson.id}#0")
            chapter.setToolTip(0, lesson.summary.get(lang))
            for step in lesson.steps:
                mark = f"  {DONE}" if step.id in steps_done else ""
                child = QTreeWidgetItem([f"{step.index + 1}. {_short(step.caption.get(lang))}{mark}"])
                child.setData(0, ROLE, f"{lesson.id}#{step.index}")
                child.setToolTip(0, step.caption.get(lang))
                chapter.addChild(child)
            self.addTopLevelItem(chapter)
            if current and current[0] == lesson.id:
                chapter.setExpanded(True)
                if 0 <= current[1] < chapter.childCount():
                    self.setCurrentItem(chapter.child(current[1]))
        if not lessons:
            self.addTopLevelItem(QTreeWidgetItem([strings.get("nav.no_lessons", lang)]))
        self.blockSignals(False)

    def fill_titles(self, headers: Sequence[LessonHeader | Lesson], lang: str, current: str | None) -> None:
        """Chapters only (from the fast index, or lessons), while the engine is still starting."""
        self.lessons = []
        self.blockSignals(True)
        self.clear()
        for ci, header in enumerate(headers):
            chapter = QTreeWidgetItem([f"{ci + 1}. {header.title.get(lang)}"])
            chapter.setData(0, ROLE, f"{header.id}#0")
            chapter.setToolTip(0, header.summary.get(lang))
            self.addTopLevelItem(chapter)
            if header.id == current:
                self.setCurrentItem(chapter)
        if not headers:
            self.addTopLevelItem(QTreeWidgetItem([strings.get("nav.no_lessons", lang)]))
        self.blockSignals(False)

    def _activated(self, item: QTreeWidgetItem, column: int = 0) -> None:
        data = item.data(0, ROLE)   # plain strings: PySide stores them without Python references
        if not isinstance(data, str) or "#" not in data:
            return
        lesson_id, index = data.rsplit("#", 1)
        self.step_chosen.emit(lesson_id, int(index))


def _short(text: str, limit: int = 30) -> str:
    """The first clause of a caption, for the tree (the full caption is the tooltip)."""
    plain = text.replace("**", "").replace("`", "")
    shortest = 10 if any("\u4e00" <= ch <= "\u9fff" for ch in plain) else 18   # a clause worth reading
    cuts = [i for stop in ("：", "。", "，", "；", ": ", ". ", ", ", "; ") if (i := plain.find(stop)) >= shortest]
    if cuts:
        plain = plain[:min(cuts)]
    return plain if len(plain) <= limit else plain[: limit - 1] + "…"
