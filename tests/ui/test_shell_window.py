"""Launching and navigating through what a user sees: labels, buttons, keys, menus."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QToolButton


def _position(window) -> str:  # noqa: ANN001
    return window.findChild(QLabel, "position").text()


def _key(qtbot, window, key) -> None:  # noqa: ANN001
    """A key press as the user makes it: to the active window, where shortcuts live."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget() or window, key)


def test_launch_shows_product_lesson_and_position(make_window) -> None:  # noqa: ANN001
    window = make_window(lang="zh")
    assert "容器课堂" in window.windowTitle() and not window.windowIcon().isNull()
    assert _position(window) == "第 1/2 章 · 第 1/4 步"
    assert window.findChild(QLabel, "caption").text().startswith("<b>开始</b>")
    nav = window.navigator
    assert nav.topLevelItemCount() == 2 and nav.topLevelItem(0).text(0).startswith("1. 第一课")
    assert window.scene is not None and window.stage.scene() is window.scene
    assert window.scene.halo_ids() == ["dotcloud"] or window.scene.item_for("dotcloud") is None


def test_keyboard_moves_through_steps(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    assert _position(window) == "Chapter 1/2 · Step 1/4"
    _key(qtbot, window, Qt.Key.Key_Right)
    assert _position(window) == "Chapter 1/2 · Step 2/4"
    assert window.controller.playing  # run_for plays at the transport speed
    _key(qtbot, window, Qt.Key.Key_PageDown)   # Next finishes the playing step at once
    assert _position(window) == "Chapter 1/2 · Step 3/4" and window.controller.now >= 10.0
    _key(qtbot, window, Qt.Key.Key_PageUp)
    assert _position(window) == "Chapter 1/2 · Step 2/4" and window.controller.now == 10.0
    _key(qtbot, window, Qt.Key.Key_End)
    assert _position(window) == "Chapter 1/2 · Step 4/4"
    _key(qtbot, window, Qt.Key.Key_Home)
    assert _position(window) == "Chapter 1/2 · Step 1/4" and window.controller.now == 0.0
    _key(qtbot, window, Qt.Key.Key_Left)   # nothing before the first step
    assert _position(window) == "Chapter 1/2 · Step 1/4"


def test_space_dot_and_speed_keys(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    play = window.findChild(QToolButton, "playButton")
    assert play.text() == "Play"
    _key(qtbot, window, Qt.Key.Key_Space)
    assert window.controller.playing and play.text() == "Pause"
    _key(qtbot, window, Qt.Key.Key_Period)
    assert not window.controller.playing and play.text() == "Play"
    _key(qtbot, window, Qt.Key.Key_Plus)
    assert window.controller.speed == 2.0 and window.transport.speed.currentText() == "2×"
    _key(qtbot, window, Qt.Key.Key_Minus)
    _key(qtbot, window, Qt.Key.Key_Minus)
    assert window.controller.speed == 0.5


def test_next_button_never_moves(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    button = window.findChild(QToolButton, "nextButton")
    places = set()
    for _ in range(3):
        places.add((button.mapTo(window, button.rect().topLeft()).toTuple(), button.size().toTuple()))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    places.add((button.mapTo(window, button.rect().topLeft()).toTuple(), button.size().toTuple()))
    assert _position(window) == "Chapter 1/2 · Step 4/4"
    assert len(places) == 1


def test_step_back_restores_engine_exactly(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    window.next_step()
    window.next_step()    # step 3 (after step 2 finished at t=10): sim ping 9, then 2 s play
    window.controller.finish()
    sim = window.controller.world.sim
    assert sim.now == 12.0 and [e.kind for e in sim.log] == ["Pinged", "Ponged"]
    state = (sim.digest(), sim.now, sim.event_count)
    window.next_step()    # step 4
    window.controller.execute("sim ping 5")
    window.prev_step()
    sim = window.controller.world.sim
    assert (sim.digest(), sim.now, sim.event_count) == state
    assert window.player.status == "met"


def test_shortcuts_dialog_pauses_and_blank_keys(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="zh")
    window.play_pause()
    assert window.controller.playing
    _key(qtbot, window, Qt.Key.Key_F1)
    dialog = window.shortcuts_dialog
    assert dialog.isVisible() and not window.controller.playing
    keys = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert any("PgDown" in k or "PageDown" in k for k in keys) and any("F11" in k for k in keys)
    dialog.close()
    _key(qtbot, window, Qt.Key.Key_B)
    assert window.blank == "black" and window.stage.blank is not None
    _key(qtbot, window, Qt.Key.Key_W)
    assert window.blank == "white"
    _key(qtbot, window, Qt.Key.Key_W)
    assert window.blank is None and window.stage.blank is None


def test_fullscreen_keys(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    _key(qtbot, window, Qt.Key.Key_F11)
    assert window.isFullScreen()
    _key(qtbot, window, Qt.Key.Key_Escape)
    assert not window.isFullScreen()
    _key(qtbot, window, Qt.Key.Key_F5)
    assert window.isFullScreen()
    window.leave_fullscreen()


def test_every_shortcut_action_is_in_a_menu(make_window) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    in_menus = {a for menu in window.menus.values() for a in menu.actions()}
    for name, action in window.action_map.items():
        assert action in in_menus, name
        assert action.text(), name


def test_navigator_jumps_and_marks_done(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    chapter2 = window.navigator.topLevelItem(1)
    window.navigator.itemActivated.emit(chapter2, 0)
    assert _position(window) == "Chapter 2/2 · Step 1/2"
    chapter1 = window.navigator.topLevelItem(0)
    assert chapter1.child(0).text(0).endswith("✔")      # step 1 of lesson one was done
    assert window.progress.last_lesson == "beta"
    QApplication.processEvents()


def test_teacher_flags_start_where_asked(make_window) -> None:  # noqa: ANN001
    window = make_window(lesson="beta", step=2, lang="en", speed=2.0)
    assert _position(window) == "Chapter 2/2 · Step 2/2"
    assert window.controller.speed == 2.0 and window.transport.speed.currentText() == "2×"
    assert window.controller.now == 3.0        # steps before were played: the world matches the step
    unknown = make_window(lesson="nope", lang="en")
    assert "No lesson with id nope" in unknown.statusBar().currentMessage()


def test_resume_where_left_off_and_restart_chapter(make_window) -> None:  # noqa: ANN001
    first = make_window(lang="en")
    first.next_step()
    first.next_step()
    first.close()
    again = make_window(lang="en")
    assert _position(again) == "Chapter 1/2 · Step 3/4"
    assert again.navigator.topLevelItem(0).child(0).text(0).endswith("✔")
    again.action_map["restart_chapter"].trigger()
    assert _position(again) == "Chapter 1/2 · Step 1/4" and again.controller.now == 0.0
    assert not again.navigator.topLevelItem(0).child(1).text(0).endswith("✔")


def test_question_mark_opens_shortcuts_and_about_names_the_product(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    _key(qtbot, window, Qt.Key.Key_Question)
    assert window.shortcuts_dialog.isVisible()
    assert window.shortcuts_dialog.windowTitle() == "Keyboard Shortcuts"
    window.shortcuts_dialog.close()
    box = window.show_about()
    assert "Container Classroom" in box.text() and "容器课堂" in box.text()
    box.close()


def test_window_layout_is_remembered(make_window) -> None:  # noqa: ANN001
    first = make_window(lang="en", size=(1100, 700))
    first.action_map["console"].trigger()
    first.close()
    again = make_window(lang="en", size=(1100, 700))
    assert again.console.isVisibleTo(again)


def test_run_for_plays_in_simulated_time_then_checks(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="en", speed=4.0)
    window.next_step()                       # step 2: 5 s action, then run_for 5 s at 4x
    assert window.controller.playing and window.player.status == "playing"
    assert "Playing" in window.findChild(QLabel, "status").text()
    qtbot.waitUntil(lambda: not window.controller.playing, timeout=5000)
    assert window.controller.now == 10.0 and window.player.status == "met"
    assert "has happened" in window.findChild(QLabel, "status").text()


def test_clicker_keys_work_with_focus_in_the_navigator_but_typing_stays_typing(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    window.navigator.setFocus()
    _key(qtbot, window, Qt.Key.Key_PageDown)
    assert _position(window) == "Chapter 1/2 · Step 2/4"
    window.action_map["console"].trigger()
    window.console.input.setFocus()
    qtbot.keyClicks(window.console.input, "sim time ?")
    qtbot.keyClick(window.console.input, Qt.Key.Key_Space)
    assert window.console.input.text() == "sim time ? "
    assert _position(window) == "Chapter 1/2 · Step 2/4" and not window.shortcuts_dialog_open()


def test_fullscreen_and_presenter_flags(make_window) -> None:  # noqa: ANN001
    window = make_window(lang="en", presenter=True, fullscreen=True)
    assert window.isFullScreen() and window.action_map["fullscreen"].isChecked()
    assert window.presenter and window.action_map["presenter"].isChecked()
    window.leave_fullscreen()
    assert not window.isFullScreen()


def test_going_back_and_forth_replays_the_same_times(make_window) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    window.next_step()                 # step 2 starts playing: 5 s action, run_for until t=10
    window.prev_step()                 # back to step 1 (t=0) while it was still playing
    assert window.controller.now == 0.0 and not window.controller.playing
    window.next_step()                 # step 1 ends at t=0 again; step 2 replays from there
    assert window.controller.now == 5.0 and window.controller.playing
    window.controller.finish()
    assert window.controller.now == 10.0 and window.player.status == "met"
