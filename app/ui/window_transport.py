"""Transport and lesson actions of the main window (menu items and keys): play/pause, steps,
reset, speed, chapters. They drive the LessonPlayer in a lesson and the controller in the sandbox."""
from __future__ import annotations

from typing import Any


class TransportActions:
    """Mixed into MainWindow (uses its player, controller, scene, lessons)."""

    player: Any
    controller: Any
    scene: Any
    lessons: Any
    solution_visible: bool
    _user_paused: bool
    _scenario: tuple

    # -- transport actions (also menu items and keys) -----------------------------------------------
    def play_pause(self) -> None:
        if self.controller.playing:
            self.controller.pause()
            self._user_paused = True
        else:
            self._user_paused = False
            self.controller.toggle_play()
        if self.scene is not None:
            self.scene.set_paused(self._user_paused)

    def next_step(self) -> None:
        if self.player.lesson is None:
            self.controller.step_forward()
            return
        if self.player.index + 1 >= self.player.count:
            self.player.next()  # finishes the last step
            return
        self.solution_visible = False
        self.player.next()

    def prev_step(self) -> None:
        if self.player.lesson is None:
            self.controller.step_back()
            return
        self.solution_visible = False
        self.player.prev()

    def first_step(self) -> None:
        self.player.first()

    def last_step(self) -> None:
        self.player.last()

    def reset_step(self) -> None:
        if self.player.lesson is None:   # the sandbox starts over from its seed and set-up
            self.show_scenario(*self._scenario)
        else:
            self.player.reset_step()

    def faster(self) -> None:
        self.controller.faster()

    def slower(self) -> None:
        self.controller.slower()

    def _chapter_offset(self, delta: int) -> None:
        lesson = self.player.lesson
        ids = [x.id for x in self.lessons.lessons]
        if lesson is None or lesson.id not in ids:
            return
        i = ids.index(lesson.id) + delta
        if 0 <= i < len(ids):
            self.goto_lesson(ids[i], 0)

    def next_chapter(self) -> None:
        self._chapter_offset(1)

    def prev_chapter(self) -> None:
        self._chapter_offset(-1)

    def restart_chapter(self) -> None:
        self.player.restart_chapter()
