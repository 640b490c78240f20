"""Every real lesson played in the real window (real engine, real scenes), step by step with Next,
in presenter mode at 1024x768: the window reaches the same verdict as the headless runner on every
step, no scene raises, and the narration always fits without a scroll bar."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.lessons.loader import load_all
from app.lessons.progress import ProgressStore
from app.lessons.runner import HeadlessRun
from app.ui.settings import Preferences




def test_all_lessons_play_in_the_window_as_headless(qtbot, home, monkeypatch) -> None:  # noqa: ANN001
    from app.ui import main_window
    from app.ui.main_window import MainWindow, StartOptions

    scene_errors: list[str] = []
    original = main_window.MainWindow._scene_call

    def strict(self, fn, *args):  # noqa: ANN001, ANN202
        ok = original(self, fn, *args)
        if not ok:
            scene_errors.append(self.statusBar().currentMessage())
        return ok

    monkeypatch.setattr(main_window.MainWindow, "_scene_call", strict)
    lessons = load_all()
    window = MainWindow(lessons, Preferences(home), ProgressStore(home / "p.json"),
                        StartOptions(lang="en", presenter=True, animations=False))
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    mismatches, cramped = [], []
    for lesson in lessons.lessons:
        run = HeadlessRun(lesson)
        window.goto_lesson(lesson.id, 0)
        for step in lesson.steps:
            if step.index:
                window.next_step()
            window.controller.finish()
            QApplication.processEvents()
            headless_ok = not run.play_next().problems
            gui_ok = window.player.status != "failed" and not window.player.last_error
            if step.try_it is None and headless_ok != gui_ok:
                mismatches.append((lesson.id, step.id, window.player.failures))
            if not window.narration.fits():
                cramped.append((lesson.id, step.id))
            if step.try_it is not None and step.try_it.solution:
                for line in step.try_it.solution:   # do the task as a learner would
                    window.controller.execute(line)
                assert window.player.try_done, (lesson.id, step.id, window.player.failures)
    assert scene_errors == []
    assert mismatches == []
    assert cramped == []
