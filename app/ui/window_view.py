"""View and Help actions of the main window: language, presenter mode and type sizes, full screen,
blanking, zoom, docks, animations, the shortcuts and About dialogs, the quiz."""
from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QApplication

from app.ui import actions as action_table
from app.ui import strings
from app.ui.style import Typography, style_sheet
from app.ui.theme import profile_for


class ViewActions:
    """Mixed into MainWindow (uses its widgets, controller, scenes and preferences)."""

    action_map: dict
    menus: dict
    _scenes: dict
    scene: Any
    prefs: Any
    controller: Any
    # -- view ---------------------------------------------------------------------------------
    def set_language(self, lang: str, persist: bool = True) -> None:
        self.lang = lang if lang in strings.LANGS else "zh"
        action_table.retranslate(self.action_map, self.lang)
        for key, menu in self.menus.items():
            menu.setTitle(strings.get(f"menu.{key}", self.lang))
        self.lang_menu.setTitle(strings.get("menu.language", self.lang))
        self.lang_actions[self.lang].setChecked(True)
        self.nav_dock.setWindowTitle(strings.get("act.navigator", self.lang))
        self.navigator.setAccessibleName(strings.get("act.navigator", self.lang))
        self.stage.setAccessibleName(strings.get("a11y.stage", self.lang))
        self.narration.body.setAccessibleName(strings.get("a11y.narration", self.lang))
        self.console.retranslate(self.lang)
        self.details.retranslate(self.lang)
        self.transport.retranslate(self.lang, self.profile, self.typography.base)
        for scene in self._scenes.values():
            scene.set_language(self.lang)
        if self.scene is not None:
            self.scene.set_highlight(self.scene.highlighted)
        self._refresh_navigation()
        self._tell_quiz("set_language", self.lang)
        if persist:
            self.prefs.set("lang", self.lang)

    def toggle_presenter(self) -> None:
        self.apply_presenter(not self.presenter)

    def apply_presenter(self, on: bool, announce: bool = True) -> None:
        self.presenter = on
        self.profile = profile_for(on)
        self.action_map["presenter"].setChecked(on)
        QApplication.instance().setPalette(self.profile.palette())
        if on:
            self.nav_dock.hide()
            self.console.hide()
            self.details.hide()
        elif announce:
            self.nav_dock.show()
        self._apply_typography(force=True)
        for scene in self._scenes.values():
            scene.set_profile(self.profile)
        if self.scene is not None:
            self.scene.set_highlight(self.scene.highlighted)
        if announce:
            self.prefs.set("presenter", on)
            self._refresh_navigation()
            self.statusBar().showMessage(strings.get("msg.presenter_on" if on else "msg.presenter_off", self.lang), 3000)
        if self._blank:
            self.stage.set_blank(self.profile.color(f"blank_{self._blank}"))
        self._tell_quiz("set_presenter", on)

    def _tell_quiz(self, method: str, value: Any) -> None:
        """The quiz window (if open) follows the main window's language and presenter mode."""
        quiz = getattr(self, "_quiz_window", None)
        if quiz is not None and hasattr(quiz, method):
            getattr(quiz, method)(value)

    def _apply_typography(self, force: bool = False) -> None:
        typography = Typography.for_window(self.presenter, max(self.height(), 1))
        if typography == self.typography and not force:
            return
        self.typography = typography
        sheet = style_sheet(self.profile, typography)
        if sheet != self.styleSheet():   # setting it again would restyle every widget for nothing
            self.setStyleSheet(sheet)
        self.splitter.setSizes([int(self.width() * 0.66), int(self.width() * 0.34)])
        self._fit_narration()
        self.transport.retranslate(self.lang, self.profile, typography.base)
        self._update_min_text()

    def _update_min_text(self) -> None:
        """Tell the scene the smallest font (in scene units) that reaches 1/40 of the window height."""
        if self.scene is None:
            return
        if not self.presenter:
            self.scene.set_min_text_px(0)
            return
        scale = self.stage.scale_factor or 1.0
        self.scene.set_min_text_px(int(-(-self.typography.base // scale)))

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.leave_fullscreen()
        else:
            self.showFullScreen()
            self.action_map["fullscreen"].setChecked(True)

    def leave_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        self.action_map["fullscreen"].setChecked(False)

    def _set_blank(self, which: str) -> None:
        self._blank = None if self._blank == which else which
        self.action_map["blank_black"].setChecked(self._blank == "black")
        self.action_map["blank_white"].setChecked(self._blank == "white")
        self.stage.set_blank(self.profile.color(f"blank_{self._blank}") if self._blank else None)

    def blank_black(self) -> None:
        self._set_blank("black")

    def blank_white(self) -> None:
        self._set_blank("white")

    @property
    def blank(self) -> str | None:
        return self._blank

    def zoom_in(self) -> None:
        self.stage.zoom(1.25)

    def zoom_out(self) -> None:
        self.stage.zoom(0.8)

    def zoom_fit(self) -> None:
        self.stage.fit()

    def toggle_navigator(self) -> None:
        self.nav_dock.setVisible(not self.nav_dock.isVisible())

    def toggle_console(self) -> None:
        self.console.setVisible(not self.console.isVisible())
        if self.console.isVisible():
            self.console.input.setFocus()

    def toggle_details(self) -> None:
        self.details.setVisible(not self.details.isVisible())

    def toggle_animations(self) -> None:
        self.animations = not self.animations
        self.action_map["animations"].setChecked(self.animations)
        for scene in self._scenes.values():
            scene.set_animations_enabled(self.animations)
        self.prefs.set("animations", self.animations)

    # -- help and quiz ------------------------------------------------------------------------
    def show_shortcuts(self) -> Any:
        from app.ui.dialogs import ShortcutsDialog

        if self.controller is not None:
            self.controller.pause()
        dialog = ShortcutsDialog(self.lang, self)
        dialog.setStyleSheet(style_sheet(self.profile, self.typography))
        dialog.open()
        self.shortcuts_dialog = dialog
        return dialog

    def shortcuts_dialog_open(self) -> bool:
        dialog = getattr(self, "shortcuts_dialog", None)
        return dialog is not None and dialog.isVisible()

    def show_about(self) -> Any:
        from app.ui.dialogs import about_box

        box = about_box(self.lang, self)
        box.open()
        self.about_dialog = box
        return box

    def open_quiz(self) -> None:
        try:
            from app.ui.quiz import open_quiz
        except ImportError as exc:
            self._missing(f"app.ui.quiz ({exc})")
            return
        open_quiz(self)

    def _missing(self, what: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        text = strings.get("msg.feature_missing", self.lang).format(what=html.escape(what))
        self.statusBar().showMessage(text)
        box = QMessageBox(QMessageBox.Icon.Information, strings.get("app.name", self.lang), text, parent=self)
        box.open()
        self.missing_box = box

    def finish_layout(self) -> None:
        """Settle sizes now (screenshots, tests): type sizes, fit, presenter text minimum."""
        self._apply_typography(force=True)
        self.stage.fit()
        self._update_min_text()
        if self.scene is not None:
            self.scene.finish_animations()
