"""Presenter mode and languages, checked on what is drawn: type size, contrast, clipping, texts."""
from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QGraphicsSimpleTextItem, QGraphicsTextItem,
                               QLabel, QMenuBar, QTextBrowser, QWidget)

from app.ui import strings
from app.ui.scenes.plain import PlainScene
from app.ui.settings import Preferences
from app.ui.theme import (BACKGROUND_ROLES, GLYPH_ROLES, NORMAL, PROJECTOR, TEXT_ROLES, contrast_ratio,
                          relative_luminance)


@pytest.fixture
def plain_scenes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other helpers' scenes are tested by them; here the shell's own texts are walked."""
    monkeypatch.setattr("app.ui.main_window.scene_class", lambda scene_id: PlainScene)


def test_profiles_meet_the_contrast_rules() -> None:
    for role in TEXT_ROLES + ("ok", "error", "warning", "accent"):
        for bg in ("canvas", "panel", "panel_alt"):
            assert contrast_ratio(getattr(PROJECTOR, role), getattr(PROJECTOR, bg)) >= 7, (role, bg)
    for role in TEXT_ROLES:
        assert contrast_ratio(getattr(NORMAL, role), NORMAL.canvas) >= 7, role
    for role in GLYPH_ROLES:
        assert contrast_ratio(getattr(PROJECTOR, role), PROJECTOR.canvas) >= 3, role
    assert contrast_ratio(PROJECTOR.accent_text, PROJECTOR.accent) >= 7
    assert contrast_ratio(PROJECTOR.selection_text, PROJECTOR.selection) >= 7
    assert relative_luminance(PROJECTOR.canvas) >= 0.9 and set(BACKGROUND_ROLES) <= set(PROJECTOR.roles())
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


def _visible_text_widgets(window: QWidget) -> list[tuple[QWidget, str]]:
    out = []
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or w.width() == 0:
            continue
        if isinstance(w, QLabel) and w.text():
            out.append((w, w.text()))
        elif isinstance(w, QAbstractButton) and w.text():
            out.append((w, w.text()))
        elif isinstance(w, QComboBox):
            out.append((w, w.currentText()))
        elif isinstance(w, QTextBrowser) and w.toPlainText().strip():
            out.append((w, w.toPlainText()))
        elif isinstance(w, QMenuBar):
            out.append((w, " ".join(a.text() for a in w.actions())))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_projector_rules_at_1024x768(make_window, plain_scenes, lang: str) -> None:  # noqa: ANN001
    window = make_window(lang=lang, presenter=True, size=(1024, 768))
    assert window.size().toTuple() == (1024, 768)
    minimum = 768 / 40
    widgets = _visible_text_widgets(window)
    assert len(widgets) >= 10
    for w, text in widgets:
        px = w.font().pixelSize()
        assert px >= minimum, (w.objectName(), text, px)
        fg, bg = w.palette().color(w.foregroundRole()), _background(w)
        if w.objectName() == "nextButton":
            fg, bg = PROJECTOR.color("accent_text"), PROJECTOR.color("accent")
        assert contrast_ratio(fg, bg) >= 7, (w.objectName(), text)
        if isinstance(w, QLabel) and w.wordWrap():
            assert w.heightForWidth(w.width()) <= w.height() + 1, (w.objectName(), text)
        elif isinstance(w, (QAbstractButton, QComboBox, QMenuBar)):
            assert w.sizeHint().width() <= w.width() + 1, (w.objectName(), text)
        elif isinstance(w, QLabel):
            assert QFontMetrics(w.font()).horizontalAdvance(w.text()) <= w.width() + 1, (w.objectName(), text)
    body = window.narration.body
    assert body.verticalScrollBar().maximum() == 0   # the narration fits: no scroll bar
    _check_scene_text(window, minimum)


def _background(w: QWidget):  # noqa: ANN202
    """The colour really behind a widget: transparent widgets show their parent's background."""
    while True:
        color = w.palette().color(w.backgroundRole())
        if color.alpha() == 255 or w.parentWidget() is None:
            return color
        w = w.parentWidget()


def _check_scene_text(window, minimum: float) -> None:  # noqa: ANN001
    scale = window.stage.scale_factor
    items = [i for i in window.scene.items() if isinstance(i, (QGraphicsSimpleTextItem, QGraphicsTextItem))]
    assert items
    for item in items:
        assert item.font().pixelSize() * scale >= minimum - 0.01
        color = item.brush().color() if isinstance(item, QGraphicsSimpleTextItem) else item.defaultTextColor()
        assert contrast_ratio(color, PROJECTOR.canvas) >= 7
        assert window.scene.sceneRect().contains(item.sceneBoundingRect())   # nothing drawn off the stage


def test_presenter_switch_recolours_everything_at_once(make_window, plain_scenes) -> None:  # noqa: ANN001
    window = make_window(lang="en")
    assert window.scene.backgroundBrush().color().name() == NORMAL.canvas
    assert window.nav_dock.isVisible()
    window.action_map["presenter"].trigger()
    assert window.presenter and window.scene.backgroundBrush().color().name() == PROJECTOR.canvas
    assert window.palette().color(window.backgroundRole()).name() == PROJECTOR.panel
    assert window.findChild(QLabel, "caption").font().pixelSize() >= math.ceil(800 / 40)
    assert not window.nav_dock.isVisible()
    assert Preferences(window.prefs.folder).get("presenter") is True
    window.action_map["presenter"].trigger()
    assert window.scene.backgroundBrush().color().name() == NORMAL.canvas
    assert window.findChild(QLabel, "caption").font().pixelSize() < 768 / 40 * 1.3


def test_language_switch_at_run_time_and_persisted(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window(lang="zh")
    assert window.menus["file"].title() == "文件(&F)"
    assert window.findChild(QLabel, "position").text().startswith("第 1/2 章")
    window.findChild(type(window.action_map["next"]), "action_lang_en").trigger()
    assert window.menus["file"].title() == "&File" and window.windowTitle().endswith("Container Classroom")
    assert window.findChild(QLabel, "position").text() == "Chapter 1/2 · Step 1/4"
    assert window.findChild(QLabel, "caption").text().startswith("<b>Start</b>")
    assert window.transport.next_button.text() == "Next"
    assert window.navigator.topLevelItem(0).text(0).startswith("1. Lesson one")
    assert Preferences(window.prefs.folder).get("lang") == "en"


def test_every_ui_string_has_both_languages() -> None:
    for key, (zh, en) in strings.S.items():
        assert zh.strip() and en.strip(), key
        assert zh != en or key in ("menu.language",), key
    assert any("\u4e00" <= ch <= "\u9fff" for ch in strings.get("app.name", "zh"))


def test_corrupt_settings_start_with_defaults_and_say_so(make_window, home) -> None:  # noqa: ANN001
    (home / "settings.ini").write_bytes(b"\x00\xff[[[ garbage\n[General\nlang=@Variant(\\0\\0\\x7f")
    window = make_window()
    assert window.lang == "zh" and not window.presenter
    assert strings.get("msg.settings_corrupt", "zh") in window.statusBar().currentMessage()
    assert (home / "settings.ini.bad").exists()


def test_wrong_kind_of_value_counts_as_corrupt(home) -> None:  # noqa: ANN001
    (home / "settings.ini").write_text("[General]\nlang=klingon\nspeed=fast\n", encoding="utf-8")
    prefs = Preferences(home)
    assert prefs.problem and prefs.get("lang") == "zh" and prefs.get("speed") == 1.0


def test_unwritable_settings_folder_falls_back(tmp_path) -> None:  # noqa: ANN001
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    prefs = Preferences(blocker / "inside")
    assert prefs.problem and prefs.folder.exists() and prefs.get("lang") == "zh"
    prefs.set("lang", "en")
    assert prefs.get("lang") == "en"
