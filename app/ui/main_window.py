"""The main window: navigator, stage, narration, transport bar, console and details docks, menus.

It wires the parts together and owns no logic of its own: the engine lives behind the
SimController, lessons are played by the LessonPlayer, scenes mirror the world. The engine, the
lessons and the scenes are loaded after the window is first painted (see window_start.py).
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import (QDockWidget, QMainWindow, QSplitter,
                               QVBoxLayout, QWidget)

from app.lessons.progress import Progress, ProgressStore
from app.ui import actions as action_table
from app.ui import strings
from app.ui.docks import ConsoleDock, DetailsDock
from app.ui.narration import NarrationPanel
from app.ui.navigator import Navigator
from app.ui.settings import Preferences
from app.ui.speeds import nearest_speed
from app.ui.stage import StageView
from app.ui.style import Typography, style_sheet
from app.ui.theme import ColorProfile, profile_for
from app.ui.transport import TransportBar
from app.ui.window_files import FileActions
from app.ui.window_start import StartActions
from app.ui.window_transport import TransportActions
from app.ui.window_view import ViewActions

if TYPE_CHECKING:   # loaded after the first paint (start_engine)
    from PySide6.QtGui import QCloseEvent

    from app.lessons.loader import LessonSet
    from app.ui.controller import SimController
    from app.ui.player import LessonPlayer
    from app.ui.scenes.base import SceneBase


#: What a new sandbox starts with: the three-node classroom cluster.
SANDBOX_SETUP = ("sim preset classroom",)


def scene_class(scene_id: str) -> type:
    """The scene class for ``scene_id``; the scene package loads on the first scene shown."""
    from app.ui import scenes

    return scenes.scene_class(scene_id)


@dataclass
class StartOptions:
    """What the teacher flags ask for (None: use the saved preference)."""

    lesson: str | None = None
    step: int | None = None          # 1-based, as teachers count
    lang: str | None = None
    presenter: bool | None = None
    speed: float | None = None
    fullscreen: bool = False
    animations: bool | None = None
    sandbox: bool = False


class MainWindow(StartActions, FileActions, ViewActions, TransportActions, QMainWindow):
    """``lessons=None``: the window loads them itself (from ``lessons_folder``, default lessons/chapters).
    ``defer_engine``: paint first, then start the engine, the lessons and the first lesson
    (``engine_started`` says when the window is live)."""

    engine_started = Signal()

    def __init__(self, lessons: LessonSet | None, prefs: Preferences, progress_store: ProgressStore,
                 options: StartOptions | None = None, world_factory: Callable[[int], Any] | None = None,
                 defer_engine: bool = False, lessons_folder: Path | None = None) -> None:
        super().__init__()
        options = options or StartOptions()
        self.setObjectName("mainWindow")
        self.lessons: LessonSet | None = lessons
        self._options = options
        self._headers: list = []
        self._lessons_folder = lessons_folder
        self._pending: tuple[str, int] | None = None   # a chapter chosen while the engine starts
        self.controller: SimController | None = None   # both built by start_engine
        self.player: LessonPlayer | None = None
        self.problem_box = None
        self.prefs = prefs
        self.progress_store = progress_store
        self.progress: Progress = progress_store.load()
        self.lang = options.lang or prefs.get("lang")
        self.presenter = prefs.get("presenter") if options.presenter is None else options.presenter
        self.profile: ColorProfile = profile_for(self.presenter)
        self.typography = Typography.for_window(self.presenter, 768)
        self.animations = prefs.get("animations") if options.animations is None else options.animations
        self.world_factory = world_factory
        self.solution_visible = False
        self._scenes: dict[str, SceneBase] = {}
        self.scene: SceneBase | None = None
        self._scene_id = ""
        self._reported_imports: set[str] = set()
        self._scenario: tuple[int, tuple[str, ...], str] = (0, SANDBOX_SETUP, "cluster")
        self._blank: str | None = None
        self._user_paused = False
        self.messages: list[str] = []

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(300)
        self._save_timer.timeout.connect(self.save_progress_now)
        self._speed = nearest_speed(options.speed if options.speed is not None else prefs.get("speed"))
        if lessons is None:
            from app.lessons.index import read_index
            from app.lessons.paths import CHAPTERS_DIR

            self._headers = read_index(lessons_folder or CHAPTERS_DIR,   # titles for the first paint
                                       cache=prefs.folder / "lesson-index.json")
        # The style sheet before the widgets: each is styled once as it is made, not restyled later.
        self.setStyleSheet(style_sheet(self.profile, self.typography))
        self._build_widgets()
        self._build_menus()
        self._connect()
        self.resize(1280, 800)
        geometry, state = prefs.get("geometry"), prefs.get("window_state")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        else:   # a slim navigator leaves the stage as much room as possible
            self.resizeDocks([self.nav_dock], [210], Qt.Orientation.Horizontal)
        self.apply_presenter(self.presenter, announce=False)
        self.set_language(self.lang, persist=False)
        self.transport.set_speed(self._speed)
        self._set_live(False)
        if options.fullscreen:
            self.showFullScreen()
        if defer_engine:
            self._arm_start()
        else:
            self.start_engine()

    # -- building -------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.stage = StageView()
        self.narration = NarrationPanel()
        self.transport = TransportBar()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.stage)
        splitter.addWidget(self.narration)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        central = QWidget(objectName="central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.transport)
        self.setCentralWidget(central)
        self.navigator = Navigator()
        self.nav_dock = QDockWidget(objectName="navigatorDock")
        self.nav_dock.setWidget(self.navigator)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.nav_dock)
        self.console = ConsoleDock()
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.console)
        self.details = DetailsDock()
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details)
        self.console.hide()
        self.details.hide()

    def _build_menus(self) -> None:
        self.action_map = action_table.build_actions(self)
        self.menus = {}
        bar = self.menuBar()
        for key in action_table.MENU_ORDER:
            menu = bar.addMenu("")
            menu.setObjectName(f"menu_{key}")
            self.menus[key] = menu
            for spec in action_table.ACTIONS:
                if spec.menu == key:
                    if spec.separator_before:
                        menu.addSeparator()
                    menu.addAction(self.action_map[spec.name])
        self.lang_menu = self.menus["view"].addMenu("")
        self.lang_actions = {}
        group = QActionGroup(self)
        for code, name in strings.LANG_NAMES.items():
            act = self.lang_menu.addAction(name)
            act.setCheckable(True)
            act.setObjectName(f"action_lang_{code}")
            act.triggered.connect(lambda checked=False, c=code: self.set_language(c))
            group.addAction(act)
            self.lang_actions[code] = act
        self.menus["view"].insertMenu(self.action_map["presenter"], self.lang_menu)
        self.action_map["animations"].setChecked(self.animations)
        for name, dock in (("navigator", self.nav_dock), ("console", self.console), ("details", self.details)):
            dock.visibilityChanged.connect(lambda visible, n=name: self.action_map[n].setChecked(visible))

    def _connect(self) -> None:
        t = self.transport
        t.prev_clicked.connect(self.prev_step)
        t.next_clicked.connect(self.next_step)
        t.play_clicked.connect(self.play_pause)
        t.reset_clicked.connect(self.reset_step)
        self.navigator.step_chosen.connect(self.goto_lesson)
        self.narration.lesson_link.connect(self._follow_link)
        self.narration.show_solution.connect(self._show_solution)

    def _connect_engine(self) -> None:
        c = self.controller
        assert c is not None and self.player is not None
        c.events_ready.connect(self._on_events)
        c.restored.connect(self._on_restored)
        c.time_changed.connect(self._on_time)
        c.playing_changed.connect(self._on_playing)
        c.speed_changed.connect(self._on_speed)
        c.engine_failed.connect(self._on_engine_failed)
        self.player.step_changed.connect(self._show_step)
        self.player.status_changed.connect(self._on_status)
        self.transport.speed_chosen.connect(c.set_speed)
        self.transport.time_scrubbed.connect(c.jump_to_time)

    # -- lessons and steps ----------------------------------------------------------------------
    def chapter_position(self) -> tuple[int, int]:
        ids = [entry.id for entry in self._contents()]
        lesson = self.player.lesson if self.player is not None else None
        return (ids.index(lesson.id) + 1 if lesson and lesson.id in ids else 0, len(ids))

    def goto_lesson(self, lesson_id: str, index: int = 0) -> bool:
        if self.player is None:   # still starting: open it as soon as the engine is ready
            if lesson_id not in [entry.id for entry in self._contents()]:
                return False
            self._pending = (lesson_id, index)
            self._show_preparing()
            return True
        lesson = self.lessons.by_id(lesson_id)
        if lesson is None:
            return False
        self._user_paused = False
        self.solution_visible = False
        if self.player.lesson is lesson:
            self.player.goto(index)
        else:
            self.player.open(lesson, index, animate=self.animations)
        return True

    def show_lesson_step(self, lesson_id: str, step_id: str) -> bool:
        """Open a lesson at a step by id (the quiz's "Show me")."""
        if self.lessons is None:
            return False
        lesson = self.lessons.by_id(lesson_id)
        index = lesson.step_index(step_id) if lesson else None
        if lesson is None or index is None:
            return False
        self.raise_()
        return self.goto_lesson(lesson_id, index)

    def show_scenario(self, seed: int, lines: Sequence[str], scene_id: str) -> None:
        """A sandbox session replaying ``lines`` from ``seed``, shown on ``scene_id`` (quiz "Show me")."""
        self._scenario = (seed, tuple(lines), scene_id)
        self.player.close()
        results = self.controller.new_session(seed, lines)
        for result in results:       # the console shows how this world was made
            self.console.show_result(result)
        failed = [r for r in results if not r.ok]
        self._set_scene(scene_id, None)
        if failed:
            self.statusBar().showMessage(f"{failed[0].line}: {failed[0].output.strip()}")
        self.narration.show_sandbox(self.lang)
        self._refresh_navigation()

    def new_sandbox(self) -> None:
        """Free play on a ready classroom cluster, with the console open (unless presenting)."""
        self.show_scenario(0, SANDBOX_SETUP, "cluster")
        if not self.presenter and not self.console.isVisible():
            self.console.show()
            self.resizeDocks([self.console], [max(160, self.height() // 4)], Qt.Orientation.Vertical)

    def _show_step(self) -> None:
        step = self.player.step
        if step is None:
            if self.scene is None and self._scene_id:
                self._set_scene(self._scene_id, None)   # the sandbox's scene was replaced
            self._refresh_navigation()
            return
        self._set_scene(step.scene, step)
        self._refresh_navigation()

    def _set_scene(self, scene_id: str, step: Any) -> None:
        self._scene_id = scene_id
        scene = self._scenes.get(scene_id)
        if scene is None:
            scene = scene_class(scene_id)(self.controller, self.profile, self.lang, self)
            self._report_scene_import_errors()
            scene.set_animations_enabled(self.animations)
            scene.details_requested.connect(self.details.show_details)
            self._scenes[scene_id] = scene
        scene.set_step(step, self.player.lesson)
        scene.set_speed(self.controller.speed)
        scene.set_paused(False)
        if self.scene is not scene:
            self.scene = scene
            self.stage.setScene(scene)
        self._update_min_text()
        highlight = step.highlight if step is not None else ()
        if not self._scene_call(scene.rebuild):
            self._set_scene(scene_id, step)  # now the plain scene
            return
        self._scene_call(scene.set_highlight, highlight)
        self._describe_stage()

    def _describe_stage(self) -> None:
        """Screen readers and tests read the picture's state from the stage's description."""
        if self.scene is not None:
            try:
                self.stage.setAccessibleDescription(self.scene.summary())
            except Exception:  # a scene's summary must never break the window
                self.stage.setAccessibleDescription("")

    def _report_scene_import_errors(self) -> None:
        """Scene modules load on demand: say once which ones failed (the plain scene stands in)."""
        from app.ui.scenes import IMPORT_ERRORS

        broken = sorted(k for k in IMPORT_ERRORS if not k.endswith(".traceback") and k not in self._reported_imports)
        if broken:
            self._reported_imports.update(broken)
            text = strings.get("msg.scene_errors", self.lang).format(
                names="; ".join(f"{k}: {IMPORT_ERRORS[k]}" for k in broken))
            self.messages.append(text)
            self.statusBar().showMessage(text)

    def _scene_call(self, fn: Callable[..., Any], *args: Any) -> bool:
        """Call into the current scene; a scene that raises is replaced by the plain scene.

        A bug in one picture must not stop the lesson: the error goes to stderr and the status
        bar, and the step goes on with the plain scene drawn from the step's data.
        """
        try:
            fn(*args)
            return True
        except Exception as exc:
            from app.ui.scenes.plain import PlainScene

            scene = self.scene
            if scene is None or isinstance(scene, PlainScene):
                raise
            traceback.print_exc()
            self.statusBar().showMessage(
                strings.get("msg.scene_errors", self.lang).format(names=f"{scene.scene_id}: {type(exc).__name__}: {exc}"))
            broken_id = next((k for k, v in self._scenes.items() if v is scene), scene.scene_id)
            plain = PlainScene(self.controller, self.profile, self.lang, self)
            plain.details_requested.connect(self.details.show_details)
            self._scenes[broken_id] = plain
            self.scene = None
            return False

    def _refresh_navigation(self) -> None:
        if self.player is None:
            self._show_preparing()
            return
        lesson = self.player.lesson
        current = (lesson.id, self.player.index) if lesson else None
        self.navigator.fill(self.lessons.lessons, self.progress, self.lang, current)
        if lesson is None:
            self.narration.show_sandbox(self.lang)
        else:
            self.narration.show_step(self.player, self.chapter_position(), self.lang, self.profile,
                                     self.solution_visible)
        self._fit_narration()
        self._update_title()
        self._update_enabled()

    def _fit_narration(self) -> None:
        """Presenter mode: give the narration just enough width that it needs no scroll bar.

        Type cannot shrink below 1/40 of the window height, so the stage yields width instead,
        step by step, keeping as much picture as the text allows.
        """
        if not self.presenter:
            return
        total = max(self.splitter.width(), 1)
        for share in (0.7, 0.66, 0.62, 0.58, 0.54, 0.5, 0.46, 0.42):
            self.splitter.setSizes([int(total * share), total - int(total * share)])
            if self.narration.fits():
                break
        self._update_min_text()

    def _update_title(self) -> None:
        name = strings.get("app.name", self.lang)
        lesson = self.player.lesson if self.player is not None else None
        self.setWindowTitle(f"{lesson.title.get(self.lang)} — {name}" if lesson else name)

    def _update_enabled(self) -> None:
        in_lesson = self.player is not None and self.player.lesson is not None
        for name in ("next_chapter", "prev_chapter", "restart_chapter", "first", "last"):
            self.action_map[name].setEnabled(in_lesson)

    def _on_status(self) -> None:
        self.narration.show_step(self.player, self.chapter_position(), self.lang, self.profile, self.solution_visible)
        self._fit_narration()
        if self.player.status == "met":
            lesson = self.player.lesson
            self.navigator.fill(self.lessons.lessons, self.progress, self.lang,
                                (lesson.id, self.player.index) if lesson else None)

    def _follow_link(self, target: str) -> None:
        lesson_id, _, step_id = target.partition("#")
        if step_id:
            self.show_lesson_step(lesson_id, step_id)
        else:
            self.goto_lesson(lesson_id, 0)

    def _show_solution(self) -> None:
        self.solution_visible = True
        self._on_status()

    def save_progress(self) -> None:
        """Save soon (many changes in one jump become one atomic write)."""
        self._save_timer.start()

    def save_progress_now(self) -> None:
        self._save_timer.stop()
        try:
            self.progress_store.save(self.progress)
        except OSError as exc:
            self.statusBar().showMessage(str(exc))

    # -- engine signals -------------------------------------------------------------------------
    def _on_events(self, events: list) -> None:
        if self.scene is not None and not self._scene_call(self.scene.on_events, events):
            self._show_step()

    def _on_restored(self) -> None:
        if self.scene is None:
            return
        if self._scene_call(self.scene.rebuild):
            self._scene_call(self.scene.set_highlight, self.scene.highlighted)
        else:
            self._show_step()

    def _on_engine_failed(self, message: str) -> None:
        self.statusBar().showMessage(message)

    def _on_time(self, now: float) -> None:
        self.transport.set_time(now, self.controller.horizon)

    def _on_playing(self, playing: bool) -> None:
        self.transport.set_playing(playing)

    def _on_speed(self, speed: float) -> None:
        self.transport.set_speed(speed)
        if self.scene is not None:
            self.scene.set_speed(speed)
        self.prefs.set("speed", speed)

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        super().changeEvent(event)
        actions = getattr(self, "action_map", None)   # also called while the window is being built
        if event.type() == QEvent.Type.WindowStateChange and actions:
            actions["fullscreen"].setChecked(self.isFullScreen())

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt virtuals stay on the Qt class itself)
        super().resizeEvent(event)
        if self.presenter:
            self._apply_typography()
        QTimer.singleShot(0, self._update_min_text)

    # -- closing --------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._start_timer is not None:
            self._start_timer.stop()   # closed before the engine started: no reason to start it now
        if self.controller is not None:
            self.controller.pause()
        if not self.isFullScreen():
            self.prefs.set("geometry", self.saveGeometry())
        if not self.presenter:  # presenter mode hides the docks on purpose: keep the desk layout
            self.prefs.set("window_state", self.saveState())
        self.prefs.sync()
        self.save_progress_now()
        super().closeEvent(event)
