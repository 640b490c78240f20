"""How the main window starts: the real window is painted first, the engine is started right after.

Importing and building the simulation engine, loading and validating every lesson and replaying the
first lesson's set-up take several times longer than painting the window. So the window is built
from cheap parts only (menus, the navigator with the chapter titles from the fast index, narration,
transport, a stage that says the lesson is being prepared), and :meth:`StartActions.start_engine`
runs on the event loop's first turn after the first paint. Until then the actions that drive the
engine are disabled; a chapter clicked meanwhile is remembered and opened when the engine is ready.
``MainWindow(..., defer_engine=False)`` (tests, screenshots, benchmarks) starts the engine at once.
"""
from __future__ import annotations

import html
import sys
import traceback
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer

from app.ui import actions as action_table
from app.ui import strings
from app.ui.theme import ui_font

#: If no paint ever comes (a window started minimised), start the engine after this many ms anyway.
FALLBACK_MS = 1500


class StartActions:
    """Mixed into MainWindow (uses its widgets, options, lessons, progress and prefs)."""

    lessons: Any
    controller: Any
    player: Any
    progress: Any
    prefs: Any
    lang: str
    profile: Any
    messages: list
    navigator: Any
    narration: Any
    stage: Any
    transport: Any
    console: Any
    action_map: dict
    world_factory: Any
    problem_box: Any
    engine_started: Any
    _speed: float
    _options: Any
    _headers: list
    _pending: tuple[str, int] | None
    _lessons_folder: Any
    _start_timer: QTimer | None = None
    start_error: str | None = None   # why the engine did not start (deferred start only)

    @property
    def engine_ready(self) -> bool:
        return self.controller is not None

    # -- before the engine --------------------------------------------------------------------
    def _arm_start(self) -> None:
        """Start the engine on the first event-loop turn after the window's first paint."""
        # A timer the window owns: it dies with the window, so it never fires on a closed one.
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.timeout.connect(self.start_engine)
        self._start_timer.start(FALLBACK_MS)
        self.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)
            self._start_timer.start(0)   # the next turn: after this paint has reached the screen
        return super().eventFilter(watched, event)

    def _target_lesson(self) -> str | None:
        """The lesson the window will open (as ``_start`` decides it), for the preparing view."""
        options = self._options
        if self._pending:
            return self._pending[0]
        if options.lesson:
            return options.lesson
        if options.sandbox:
            return None
        ids = [entry.id for entry in self._contents()]
        last = self.progress.last_lesson
        return last if last in ids else (ids[0] if ids else None)

    def _contents(self) -> list:
        """Chapters to list: the loaded lessons once there are any, else the fast index."""
        return list(self.lessons.lessons) if self.lessons is not None else self._headers

    def _show_preparing(self) -> None:
        """The window before the engine: chapter titles, where it will open, "preparing" on the stage."""
        lang, profile = self.lang, self.profile
        contents = self._contents()
        target = self._target_lesson()
        self.navigator.fill_titles(contents, lang, target)
        ids = [entry.id for entry in contents]
        name = strings.get("app.name", lang)
        if target in ids:
            entry = contents[ids.index(target)]
            position = strings.get("nav.chapter", lang).format(c=ids.index(target) + 1, C=len(ids))
            self.narration.show_preparing(position, entry.title.get(lang), entry.summary.get(lang), lang)
            self.setWindowTitle(f"{entry.title.get(lang)} — {name}")
        else:
            self.narration.show_preparing(strings.get("nav.sandbox", lang), name, "", lang)
            self.setWindowTitle(name)
        if self.start_error:   # the engine failed: say so where the picture would be
            text = strings.get("stage.start_failed", lang).format(error=self.start_error)
            self.narration.status.setText(html.escape(text))
            self.narration.body.setHtml(f"<p>{html.escape(text)}</p>")
            self.stage.show_message(text, profile.color("canvas"), profile.color("error"), ui_font(28))
        else:
            self.stage.show_message(strings.get("stage.preparing", lang), profile.color("canvas"),
                                    profile.color("muted"), ui_font(56))

    def _set_live(self, live: bool) -> None:
        """Enable or disable everything that drives the engine (menus, keys, transport)."""
        for name in action_table.LIVE_ONLY:
            self.action_map[name].setEnabled(live)
        self.transport.setEnabled(live)

    # -- the engine ---------------------------------------------------------------------------
    def start_engine(self) -> None:
        """Load the lessons (unless given), build the engine and open the lesson: the window goes live.

        Safe to call more than once (the paint hook, the fallback timer, a screenshot or a test).
        Started at once (tests, screenshots), a failure raises; started after the first paint, it is
        shown on the stage and in the status bar, and the window stays open (menus, lesson text)."""
        if self.controller is not None or self.start_error is not None:
            return
        deferred = self._start_timer is not None
        if self._start_timer is not None:
            self._start_timer.stop()
            self.removeEventFilter(self)
        try:
            self._build_engine()
        except Exception as exc:
            if not deferred:
                raise
            traceback.print_exc()
            self.controller = self.player = None
            self._set_live(False)
            self.console.input.setEnabled(False)
            self.start_error = f"{type(exc).__name__}: {exc}"
            self._show_preparing()
            self.statusBar().showMessage(strings.get("stage.start_failed", self.lang).format(error=self.start_error))
            return
        self.engine_started.emit()

    def _build_engine(self) -> None:
        from app.ui.icons import app_icon   # drawn from SVG: the title bar can wait for it

        self.setWindowIcon(app_icon())
        if self.lessons is None:
            from app.lessons.loader import load_all

            self.lessons = load_all(self._lessons_folder) if self._lessons_folder else load_all()
            for problem in self.lessons.problems:
                print(problem, file=sys.stderr)
        from app.ui.controller import SimController
        from app.ui.player import LessonPlayer

        self.controller = SimController(world_factory=self.world_factory, parent=self)
        self.controller.set_speed(self._speed)
        self.player = LessonPlayer(self.controller, self.progress, self.save_progress, parent=self)
        self.console.attach(self.controller)
        self._connect_engine()
        self._set_live(True)
        self._start()
        self._report_startup_problems()

    def _start(self) -> None:
        options = self._options
        lesson_id, index = None, 0
        pending, self._pending = self._pending, None
        if pending and self.lessons.by_id(pending[0]) is not None:
            lesson_id, index = pending
        elif options.lesson:
            lesson_id = options.lesson
            index = max(0, (options.step or 1) - 1)
            if self.lessons.by_id(lesson_id) is None:
                self.messages.append(strings.get("msg.unknown_lesson", self.lang).format(id=lesson_id))
                lesson_id = None
        elif not options.sandbox and self.progress.last_lesson and self.lessons.by_id(self.progress.last_lesson):
            lesson_id, index = self.progress.last_lesson, self.progress.last_step
        elif not options.sandbox and self.lessons.lessons:
            lesson_id = self.lessons.lessons[0].id
        if lesson_id is None:
            self.new_sandbox()
        else:
            self.goto_lesson(lesson_id, index)

    def _report_startup_problems(self) -> None:
        from app.ui.dialogs import problems_box

        prefs, progress = self.prefs, self.progress
        if prefs.problem:
            self.messages.append(strings.get("msg.settings_corrupt", self.lang) + f" ({prefs.problem})")
        if progress.load_error:
            self.messages.append(progress.load_error)
        if self.messages:
            self.statusBar().showMessage("  ·  ".join(self.messages))
        if self.lessons.problems:
            self.problem_box = problems_box(self.lessons.problems, self.lang, self)
            self.statusBar().showMessage(str(self.lessons.problems[0]))
            QTimer.singleShot(0, self.problem_box.show)
