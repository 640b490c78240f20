"""Console dock, try-its, sessions, export, details, broken lessons, quiz hooks, the timeline slider."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QMessageBox


def _type(qtbot, window, line: str) -> None:  # noqa: ANN001
    box = window.console.input
    box.setFocus()
    qtbot.keyClicks(box, line)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_console_dock_runs_lines_with_history(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    window.action_map["console"].trigger()
    assert window.console.isVisible()
    _type(qtbot, window, "sim advance 7s")
    assert window.controller.now == 7.0
    assert "$ sim advance 7s\nadvanced to 7s" in window.console.transcript()
    _type(qtbot, window, "no-such-program")
    assert "command not found" in window.console.transcript()
    qtbot.keyClick(window.console.input, Qt.Key.Key_Up)
    qtbot.keyClick(window.console.input, Qt.Key.Key_Up)
    assert window.console.input.text() == "sim advance 7s"
    assert window.transport.time_label.text() == "Time 7s"


def test_try_it_checks_attempts_gives_hints_and_marks_done(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    window.last_step()
    assert "Try it" in window.narration.body.toPlainText()
    window.action_map["console"].trigger()
    _type(qtbot, window, "sim ping 12")
    status = window.findChild(QLabel, "status")
    assert "Not yet" in status.text() and "Hint 1" in window.narration.body.toPlainText()
    assert window.narration.solution_button.isVisible()
    qtbot.mouseClick(window.narration.solution_button, Qt.MouseButton.LeftButton)
    assert "sim ping 11" in window.narration.body.toPlainText()
    _type(qtbot, window, "sim ping 11")
    assert "Well done" in status.text() and window.player.try_done
    chapter = window.navigator.topLevelItem(0)
    assert chapter.child(3).text(0).endswith("✔")
    saved = window.prefs.folder / "progress.json"
    qtbot.waitUntil(lambda: saved.exists() and "try-reset" in saved.read_text())   # saved soon after
    assert json.loads((window.prefs.folder / "progress.json").read_text())["done"]["alpha"] == ["start", "try-reset"]


def test_session_save_open_and_refusals(make_window, tmp_path: Path) -> None:  # noqa: ANN001
    window = make_window(lang="en", sandbox=True)
    window.controller.execute("sim ping 3")
    window.controller.advance(4)
    path = tmp_path / "s.ccsession.json"
    assert window.save_session_to(path)
    digest = window.controller.world.sim.digest()
    window.new_sandbox()
    assert window.controller.now == 0
    assert window.open_session_from(path)
    assert window.controller.now == 4.0 and window.controller.world.sim.digest() == digest
    doc = json.loads(path.read_text())
    doc["version"] = 99
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(doc))
    assert not window.open_session_from(newer)
    assert "version 99" in window.error_box.text() and window.controller.now == 4.0
    broken = tmp_path / "broken.json"
    broken.write_text("{ this is not json")
    assert not window.open_session_from(broken)
    assert "not a session file" in window.error_box.text()


def test_export_png_at_twice_the_pixel_ratio_and_svg(make_window, tmp_path: Path) -> None:  # noqa: ANN001
    window = make_window(lang="zh")
    png, svg = tmp_path / "scene.png", tmp_path / "scene.svg"
    assert window.export_png_to(png) and window.export_svg_to(svg)
    image = QImage(str(png))
    rect = window.scene.sceneRect()
    expected = rect.width() * max(window.stage.scale_factor, 0.5) * 2
    assert abs(image.width() - expected) <= 1
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text


def test_details_dock_shows_what_a_scene_explains(make_window) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    window.scene.details_requested.emit("etcd", "<p>The cluster's <b>memory</b>.</p>")
    assert window.details.isVisible()
    assert "The cluster's memory." in window.details.browser.toPlainText()


def test_broken_lesson_file_is_reported_and_others_load(make_window, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    window = make_window(folder="broken")
    qtbot.waitUntil(lambda: window.problem_box is not None and window.problem_box.isVisible())
    assert "03-broken.toml:" in window.problem_box.informativeText()
    assert "caption.en is missing" in window.problem_box.informativeText()
    assert window.player.lesson is None   # nothing loaded: the sandbox opens instead
    window.problem_box.close()


def test_show_me_hooks_for_the_quiz(make_window) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    assert window.show_lesson_step("beta", "two")
    assert window.findChild(QLabel, "position").text() == "Chapter 2/2 · Step 2/2"
    assert not window.show_lesson_step("beta", "nope")
    window.show_scenario(5, ["sim ping 4", "sim advance 2s"], "cluster")
    assert window.player.lesson is None and window.controller.now == 2.0
    assert [e.kind for e in window.controller.world.sim.log] == ["Pinged", "Ponged"]
    assert window.scene is window._scenes["cluster"]


def test_sandbox_step_buttons_and_timeline(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="en", sandbox=True)
    window.controller.execute("sim ping 1")
    qtbot.mouseClick(window.transport.next_button, Qt.MouseButton.LeftButton)   # to the pong
    assert window.controller.now == 1.0 and window.controller.world.sim.log[-1].kind == "Ponged"
    qtbot.mouseClick(window.transport.prev_button, Qt.MouseButton.LeftButton)
    assert window.controller.now == 0.0 and len(window.controller.world.sim.log) == 1
    window.controller.advance(10)
    window.transport.slider.sliderMoved.emit(500)   # drag to the middle of the recorded history
    assert window.controller.now == 5.0 and window.controller.horizon == 10.0


def test_quiz_menu_opens_quiz_or_says_it_is_missing(make_window) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    window.action_map["quiz_open"].trigger()
    opened = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert opened == [] or "not installed" in opened[0].text()


def test_rich_text_never_loads_from_the_network_or_outside_the_project(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    from app.lessons.paths import ASSETS_DIR
    from app.ui.narration import SafeTextBrowser

    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"x")
    kind = int(QTextDocument.ResourceType.ImageResource.value)
    assert browser.loadResource(kind, QUrl("https://example.com/x.png")) is None
    assert browser.loadResource(kind, QUrl.fromLocalFile(str(outside))) is None
    assert browser.loadResource(kind, QUrl.fromLocalFile(str(ASSETS_DIR / ".." / ".." / "etc" / "passwd"))) is None
    assert browser.loadResource(kind, QUrl.fromLocalFile(str(ASSETS_DIR / "icon.svg"))) is not None
    assert len(browser.refused) == 3
    links = []
    browser.lesson_link.connect(links.append)
    browser.anchorClicked.emit(QUrl("lesson:alpha#wait"))
    browser.anchorClicked.emit(QUrl("https://example.com"))
    assert links == ["alpha#wait"]


def test_a_failing_scene_is_replaced_by_the_plain_scene(make_window, monkeypatch, capsys) -> None:  # noqa: ANN001
    from app.ui.scenes.base import SceneBase
    from app.ui.scenes.plain import PlainScene

    class BrokenScene(SceneBase):
        scene_id = "timeline"

        def rebuild(self) -> None:
            raise RuntimeError("drawing failed")

    monkeypatch.setattr("app.ui.main_window.scene_class", lambda scene_id: BrokenScene)
    window = make_window(lang="en")
    assert isinstance(window.scene, PlainScene) and window.stage.scene() is window.scene
    assert "drawing failed" in window.statusBar().currentMessage()
    assert "RuntimeError" in capsys.readouterr().err
    window.next_step()
    assert window.findChild(QLabel, "position").text() == "Chapter 1/2 · Step 2/4"


def test_sandbox_reset_replays_its_setup(make_window) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    window.show_scenario(3, ["sim ping 2"], "cluster")
    window.controller.execute("sim ping 5")
    window.controller.advance(3)
    window.reset_step()
    log = window.controller.world.sim.log
    assert window.controller.now == 0.0 and [(e.kind, e.n) for e in log] == [("Pinged", 2)]
    assert window.controller.session.seed == 3


def test_scene_module_import_errors_are_reported_once(make_window, monkeypatch) -> None:  # noqa: ANN001
    from app.ui import scenes

    window = make_window(lang="en")
    monkeypatch.setitem(scenes.IMPORT_ERRORS, "moon", "SyntaxError: invalid syntax (moon.py, line 3)")
    window._report_scene_import_errors()
    assert "moon: SyntaxError" in window.statusBar().currentMessage()
    window.statusBar().clearMessage()
    window._report_scene_import_errors()
    assert window.statusBar().currentMessage() == ""


def test_quiz_window_follows_language_and_presenter(make_window) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    calls = []

    class FakeQuiz:
        def set_language(self, lang: str) -> None:
            calls.append(("lang", lang))

        def set_presenter(self, on: bool) -> None:
            calls.append(("presenter", on))

    window._quiz_window = FakeQuiz()
    window.set_language("zh")
    window.toggle_presenter()
    assert calls == [("lang", "zh"), ("presenter", True)]


def test_file_menu_exports_the_chapter_handout_as_pdf(make_window, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QFileDialog

    window = make_window(lang="zh")
    target = tmp_path / "handout"          # no suffix: the dialog's filter adds .pdf
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.action_map["export_handout"].trigger()
    pdf = tmp_path / "handout.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page>")
    assert pages == len(window.player.lesson.steps)
    assert "pp." in window.statusBar().currentMessage()
