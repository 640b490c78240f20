"""Docks: the console (the same console language as ``main.py --console``) and the details pane."""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (QDockWidget, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from app.ui import strings
from app.ui.narration import SafeTextBrowser

if TYPE_CHECKING:   # the engine loads after the window's first paint
    from PySide6.QtGui import QKeyEvent

    from app.ui.controller import SimController

MAX_LINES = 2000


class HistoryLineEdit(QLineEdit):
    """A line edit with shell-like history on Up and Down."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: list[str] = []
        self._pos = 0

    def remember(self, line: str) -> None:
        if line and (not self.history or self.history[-1] != line):
            self.history.append(line)
        self._pos = len(self.history)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Up and self.history:
            self._pos = max(0, self._pos - 1)
            self.setText(self.history[self._pos])
        elif event.key() == Qt.Key.Key_Down and self.history:
            self._pos = min(len(self.history), self._pos + 1)
            self.setText(self.history[self._pos] if self._pos < len(self.history) else "")
        else:
            super().keyPressEvent(event)


class ConsoleDock(QDockWidget):
    """Type a line, it runs through the controller (recorded in the session), output appears above.

    Lines run by lesson steps appear too, so learners see which commands made the picture move.
    The window builds it before the engine exists; the input is off until :meth:`attach`.
    """

    def __init__(self, controller: SimController | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consoleDock")
        self.controller: SimController | None = None
        body = QWidget()
        self.output = QPlainTextEdit(objectName="consoleOutput")
        self.output.setReadOnly(True)
        self.output.setMaximumBlockCount(MAX_LINES)
        self.input = HistoryLineEdit()
        self.input.setObjectName("consoleInput")
        self.input.returnPressed.connect(self.run_input)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.output, 1)
        layout.addWidget(self.input)
        self.setWidget(body)
        self.input.setEnabled(False)
        if controller is not None:
            self.attach(controller)

    def attach(self, controller: SimController) -> None:
        """Run lines through ``controller`` from now on (and show every line it runs)."""
        self.controller = controller
        controller.executed.connect(self.show_result)
        self.input.setEnabled(True)

    def retranslate(self, lang: str) -> None:
        self.setWindowTitle(strings.get("console.title", lang))
        self.input.setPlaceholderText(strings.get("console.placeholder", lang))
        self.input.setAccessibleName(strings.get("console.title", lang))

    def run_input(self) -> None:
        line = self.input.text().strip()
        if self.controller is None:
            return   # not attached yet: keep the text for when it is
        self.input.clear()
        if not line:
            return
        self.input.remember(line)
        self.controller.execute(line)

    def show_result(self, result: Any) -> None:
        self.output.appendPlainText(f"$ {result.line}")
        if result.output:
            self.output.appendPlainText(result.output.rstrip("\n"))
        self.output.moveCursor(QTextCursor.MoveOperation.End)

    def transcript(self) -> str:
        return self.output.toPlainText()


class DetailsDock(QDockWidget):
    """Shows what a scene explains when something on it is clicked (``details_requested``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsDock")
        self.browser = SafeTextBrowser()
        self.browser.setObjectName("detailsBrowser")
        self.setWidget(self.browser)
        self._title = ""
        self._html = ""

    def retranslate(self, lang: str) -> None:
        self.setWindowTitle(strings.get("details.title", lang))
        if not self._html:
            self.browser.setHtml(f"<p>{html.escape(strings.get('details.empty', lang))}</p>")

    def show_details(self, title: str, body_html: str) -> None:
        self._title, self._html = title, body_html
        self.browser.setHtml(f"<h3>{html.escape(title)}</h3>{body_html}")
        self.show()
        self.raise_()
