"""Start-up: the real window is painted before the engine, the lessons and the scenes are loaded;
the stage and the controls go live as soon as the engine is ready. The fast chapter index agrees
with the full lesson loader, and its cache follows the files."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from app.lessons.index import read_index
from app.lessons.loader import load_all
from app.lessons.paths import CHAPTERS_DIR, ROOT
from app.lessons.progress import ProgressStore
from app.ui import actions as action_table
from app.ui.settings import Preferences

FIXTURES = Path(__file__).resolve().parent.parent / "lessons" / "fixtures"


def core_world() -> type:
    """The core-only engine world of the fixture lessons."""
    from tests.lessons.fixtures.core_world import CoreWorld

    return CoreWorld


def _deferred(qtbot, home: Path, **options):  # noqa: ANN001, ANN003, ANN202
    from app.ui.main_window import MainWindow, StartOptions

    options.setdefault("animations", False)
    window = MainWindow(None, Preferences(home), ProgressStore(home / "progress.json"), StartOptions(**options),
                        world_factory=core_world(), defer_engine=True, lessons_folder=FIXTURES / "good")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    return window


def test_the_window_is_real_before_the_engine_and_goes_live_after_its_first_paint(qtbot, home) -> None:  # noqa: ANN001
    window = _deferred(qtbot, home, lang="en")
    # Before the first paint: menus, chapter titles, where it will open, a stage that says so.
    assert window.controller is None and window.player is None and not window.engine_ready
    assert window.menuBar().actions()[0].text() == "&File"
    nav = window.navigator
    assert [nav.topLevelItem(i).text(0) for i in range(nav.topLevelItemCount())] == ["1. Lesson one", "2. Lesson two"]
    assert window.findChild(QLabel, "position").text() == "Chapter 1/2"
    assert window.findChild(QLabel, "lessonTitle").text() == "Lesson one"
    message = window.stage.scene()
    assert message.objectName() == "stageMessage"
    assert [item.text() for item in message.items()] == ["Preparing the lesson…"]
    for name in action_table.LIVE_ONLY:
        assert not window.action_map[name].isEnabled(), name
    assert not window.transport.isEnabled() and not window.console.input.isEnabled()
    window.action_map["next"].trigger()          # a disabled action does nothing (and cannot crash)
    assert window.action_map["presenter"].isEnabled() and window.action_map["about"].isEnabled()
    with qtbot.waitSignal(window.engine_started, timeout=5000):
        window.show()                            # the engine starts on the turn after the first paint
    assert window.controller is not None and window.player.lesson.id == "alpha"
    assert window.findChild(QLabel, "position").text() == "Chapter 1/2 · Step 1/4"
    assert window.stage.scene() is window.scene and window.scene is not None
    assert message.objectName() == "stageMessage" and window.stage.scene() is not message
    assert window.transport.isEnabled() and window.console.input.isEnabled()
    assert window.action_map["next"].isEnabled() and not window.windowIcon().isNull()
    window.next_step()
    assert window.findChild(QLabel, "position").text() == "Chapter 1/2 · Step 2/4"


def test_language_presenter_and_a_chosen_chapter_work_while_the_engine_starts(qtbot, home) -> None:  # noqa: ANN001
    window = _deferred(qtbot, home, lang="en")
    window.set_language("zh")
    assert window.findChild(QLabel, "position").text() == "第 1/2 章"
    assert [item.text() for item in window.stage.scene().items()] == ["正在准备课程……"]
    window.apply_presenter(True)
    assert window.presenter and window.stage.scene().backgroundBrush().color() == window.profile.color("canvas")
    window.navigator.topLevelItem(1).setSelected(True)
    window.navigator.itemClicked.emit(window.navigator.topLevelItem(1), 0)   # the learner picks chapter 2
    assert window.findChild(QLabel, "position").text() == "第 2/2 章" and window.controller is None
    assert window.goto_lesson("no-such-lesson") is False
    window.start_engine()
    window.start_engine()                        # a second call (fallback timer) changes nothing
    assert window.player.lesson.id == "beta" and window.player.index == 0
    assert window.findChild(QLabel, "position").text() == "第 2/2 章 · 第 1/2 步"


def test_screenshot_and_plain_construction_start_the_engine_at_once(make_window) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    assert window.engine_ready and window.scene is not None and window.stage.scene() is window.scene


FIRST_PAINT_PROBE = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
HEAVY = ("networkx", "pyqtgraph", "yaml", "app.sim", "app.lessons.loader", "app.ui.controller",
         "app.ui.player", "app.ui.scenes", "app.ui.dialogs", "PySide6.QtSvg")
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.window().objectName() == "mainWindow":
            print(sorted(m for m in sys.modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY)))
            sys.stdout.flush(); os._exit(0)
        return False
app = QApplication([sys.argv[0]])
watch = FirstPaint(); app.installEventFilter(watch)
sys.argv = ["main.py", "--lang", "en"]
from app.ui.launch import main
main()
"""


def test_nothing_heavy_is_imported_before_the_first_paint(home) -> None:  # noqa: ANN001
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CONTAINER_CLASSROOM_HOME": str(home)}
    proc = subprocess.run([sys.executable, "-c", FIRST_PAINT_PROBE], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr[-2000:]


def test_the_index_agrees_with_the_loader() -> None:
    lessons = load_all(CHAPTERS_DIR).lessons
    headers = read_index(CHAPTERS_DIR)
    assert [(h.id, h.chapter, h.path) for h in headers] == [(x.id, x.chapter, x.path) for x in lessons]
    for h, x in zip(headers, lessons):
        for lang in ("zh", "en"):
            assert h.title.get(lang) == x.title.get(lang) and h.summary.get(lang) == x.summary.get(lang)


def test_the_index_reads_unusual_headers_and_skips_unusable_files(tmp_path: Path) -> None:
    (tmp_path / "01-a.toml").write_text('id = "a"\nchapter = 1\nsummary = { zh = "乙", en = """x\n[not a table]\n""" }\n'
                                        'title = { zh = "甲", en = "A" }\n[[steps]]\nid = "s"\n', encoding="utf-8")
    (tmp_path / "02-b.toml").write_text('id = "b"\nchapter = 2\n[title]\nzh = "乙"\nen = "B"\n', encoding="utf-8")
    (tmp_path / "03-c.toml").write_text('id = "c"\nchapter = 3\ntitle = "only one language"\n', encoding="utf-8")
    (tmp_path / "04-d.toml").write_text('id = "d" chapter = 4\n', encoding="utf-8")
    (tmp_path / "05-a.toml").write_text('id = "a"\nchapter = 0\ntitle = { zh = "重复", en = "Again" }\n', encoding="utf-8")
    headers = read_index(tmp_path)
    assert [(h.id, h.title.get("en"), h.summary.get("en")) for h in headers] == [("a", "A", "x\n[not a table]\n"),
                                                                                ("b", "B", "B")]


def test_the_index_cache_follows_the_files(tmp_path: Path) -> None:
    folder, cache = tmp_path / "chapters", tmp_path / "home" / "lesson-index.json"
    folder.mkdir()
    lesson = folder / "01-a.toml"
    lesson.write_text('id = "a"\nchapter = 1\ntitle = { zh = "甲", en = "A" }\n', encoding="utf-8")
    assert [h.title.get("en") for h in read_index(folder, cache)] == ["A"]
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["headers"][0]["title"]["en"] = "from the cache"
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert [h.title.get("en") for h in read_index(folder, cache)] == ["from the cache"]   # unchanged files
    lesson.write_text('id = "a"\nchapter = 1\ntitle = { zh = "甲", en = "A, edited" }\n', encoding="utf-8")
    assert [h.title.get("en") for h in read_index(folder, cache)] == ["A, edited"]       # a changed file
    cache.write_text("{ damaged", encoding="utf-8")
    assert [h.title.get("en") for h in read_index(folder, cache)] == ["A, edited"]
    assert json.loads(cache.read_text(encoding="utf-8"))["version"] == 1                  # rewritten


def test_keys_move_the_lesson_once_the_engine_is_live(qtbot, home) -> None:  # noqa: ANN001
    window = _deferred(qtbot, home, lang="en")
    with qtbot.waitSignal(window.engine_started, timeout=5000):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Right)
    assert window.findChild(QLabel, "position").text() == "Chapter 1/2 · Step 2/4"


def test_an_engine_that_fails_to_start_is_reported_and_the_window_stays(qtbot, home, capsys) -> None:  # noqa: ANN001
    from app.ui.main_window import MainWindow, StartOptions

    def broken_world(seed: int) -> object:
        raise RuntimeError("the world is half-written")

    window = MainWindow(None, Preferences(home), ProgressStore(home / "progress.json"),
                        StartOptions(lang="en", animations=False), world_factory=broken_world,
                        defer_engine=True, lessons_folder=FIXTURES / "good")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.start_error is not None, timeout=5000)
    text = "The simulation engine did not start: RuntimeError: the world is half-written"
    assert [item.text() for item in window.stage.scene().items()] == [text]
    assert window.statusBar().currentMessage() == text and "half-written" in capsys.readouterr().err
    assert window.controller is None and not window.action_map["next"].isEnabled()
    window.set_language("zh")                    # the window still works, and keeps saying why
    assert window.stage.scene().items()[0].text().startswith("模拟引擎没有启动")
    window.start_engine()                        # no second attempt behind the learner's back
    assert window.controller is None
    with pytest.raises(RuntimeError):   # started at once (tests, screenshots): it raises
        MainWindow(None, Preferences(home), ProgressStore(home / "p2.json"), StartOptions(lang="en"),
                   world_factory=broken_world, lessons_folder=FIXTURES / "good")
