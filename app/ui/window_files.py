"""File menu actions of the main window: save and open sessions, export the scene (PNG, SVG) and handouts.

The engine and the exporters are imported when first used, not with the window (start-up time)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from app.ui import strings


class FileActions:
    """Mixed into MainWindow (uses its controller, player, scene, stage, lang)."""

    controller: Any
    player: Any
    scene: Any
    stage: Any
    lang: str
    world_factory: Any

    def _ask_path(self, save: bool, filter_key: str, suffix: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        title = strings.get("act.save_session" if save else "act.open_session", self.lang)
        if filter_key != "file.session_filter":
            title = strings.get({".png": "act.export_png", ".svg": "act.export_svg"}.get(suffix, "act.export_handout"),
                                self.lang)
        dialog = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
        path, _ = dialog(self, title.replace("…", ""), "", strings.get(filter_key, self.lang),  # type: ignore[arg-type]
                         options=QFileDialog.Option.DontUseNativeDialog)
        if not path:
            return None
        if save and not Path(path).suffix:
            path += suffix
        return path

    def _error(self, key: str, reason: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        text = strings.get(key, self.lang).format(reason=reason)
        self.statusBar().showMessage(text)  # type: ignore[attr-defined]
        box = QMessageBox(QMessageBox.Icon.Warning, strings.get("app.name", self.lang), text,
                          parent=self)  # type: ignore[call-overload]
        box.setObjectName("fileErrorBox")
        box.open()  # not modal-blocking: the app stays usable (and testable)
        self.error_box = box

    # -- sessions ------------------------------------------------------------------------------
    def save_session(self) -> None:
        path = self._ask_path(True, "file.session_filter", ".ccsession.json")
        if path:
            self.save_session_to(path)

    def save_session_to(self, path: str | Path) -> bool:
        try:
            Path(path).write_text(self.controller.session.to_json(), encoding="utf-8")
        except OSError as exc:
            self._error("msg.session_save_failed", str(exc))
            return False
        self.statusBar().showMessage(strings.get("msg.session_saved", self.lang).format(path=path))  # type: ignore[attr-defined]
        return True

    def open_session(self) -> None:
        path = self._ask_path(False, "file.session_filter", ".ccsession.json")
        if path:
            self.open_session_from(path)

    def open_session_from(self, path: str | Path) -> bool:
        """Replay a session file into a sandbox; newer or broken files are refused with a message."""
        from app.sim.errors import SimError
        from app.sim.session import Session

        try:
            text = Path(path).read_text(encoding="utf-8")
            session = Session.from_json(text, self.world_factory)
        except (OSError, UnicodeDecodeError) as exc:
            self._error("msg.session_open_failed", str(exc))
            return False
        except SimError as exc:
            self._error("msg.session_open_failed", str(exc))
            return False
        scene_id = self.scene.scene_id if self.scene is not None and self.scene.scene_id != "plain" else "cluster"
        self.player.close()
        self.controller.load_session(session)
        self._set_scene(scene_id, None)  # type: ignore[attr-defined]
        self._refresh_navigation()  # type: ignore[attr-defined]
        return True

    # -- export -----------------------------------------------------------------------------------
    def export_png(self) -> None:
        path = self._ask_path(True, "file.png_filter", ".png")
        if path:
            self.export_png_to(path)

    def export_png_to(self, path: str | Path) -> bool:
        from app.ui.export import export_png

        if self.scene is None:
            return False
        try:
            size = export_png(self.scene, path, self.stage.scale_factor, self.stage.devicePixelRatioF())
        except OSError as exc:
            self._error("msg.export_failed", str(exc))
            return False
        self.statusBar().showMessage(strings.get("msg.exported", self.lang).format(path=f"{path} ({size.width()}×{size.height()})"))  # type: ignore[attr-defined]
        return True

    def export_svg(self) -> None:
        path = self._ask_path(True, "file.svg_filter", ".svg")
        if path:
            self.export_svg_to(path)

    def export_svg_to(self, path: str | Path) -> bool:
        from app.ui.export import export_svg

        if self.scene is None:
            return False
        try:
            export_svg(self.scene, path, title=strings.get("app.name", self.lang))
        except OSError as exc:
            self._error("msg.export_failed", str(exc))
            return False
        self.statusBar().showMessage(strings.get("msg.exported", self.lang).format(path=path))  # type: ignore[attr-defined]
        return True

    def export_handout(self) -> None:
        lesson = getattr(self.player, "lesson", None) if self.player is not None else None
        if lesson is None:
            self._error("msg.export_failed", strings.get("msg.handout_none", self.lang))
            return
        path = self._ask_path(True, "file.pdf_filter", ".pdf")
        if path:
            self.export_handout_to(path)

    def export_handout_to(self, path: str | Path) -> bool:
        """A PDF of the current chapter, one page per step, in the current language."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from app.ui.handout import export_handout

        lesson = getattr(self.player, "lesson", None) if self.player is not None else None
        if lesson is None:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = export_handout(lesson, path, self.lang, world_factory=self.world_factory)
        except OSError as exc:
            self._error("msg.export_failed", str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(strings.get("msg.exported", self.lang).format(path=f"{path} ({pages} pp.)"))  # type: ignore[attr-defined]
        return True
