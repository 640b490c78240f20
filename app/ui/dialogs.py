"""Small dialogs: keyboard shortcuts (F1 / ?), About, and lesson-file problems."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QMessageBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.lessons.problems import Problem
from app.ui import actions, strings
from app.ui.icons import app_icon

VERSION = "0.1.0"


class ShortcutsDialog(QDialog):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(strings.get("shortcuts.title", lang))
        rows = actions.shortcut_rows(lang)
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("shortcutsTable")
        table.setHorizontalHeaderLabels([strings.get("shortcuts.key", lang), strings.get("shortcuts.action", lang)])
        for r, (keys, what) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(keys))
            table.setItem(r, 1, QTableWidgetItem(what))
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(760, 620)


def about_box(lang: str, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(strings.get("about.title", lang))
    box.setIconPixmap(app_icon().pixmap(96, 96))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(strings.get("about.body", lang).format(tagline=html.escape(strings.get("app.tagline", lang)),
                                                       version=VERSION))
    return box


def problems_box(problems: list[Problem], lang: str, parent: QWidget | None = None) -> QMessageBox:
    """Non-modal: the app keeps running with the lessons that loaded."""
    box = QMessageBox(parent)
    box.setObjectName("problemsBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(strings.get("msg.lesson_errors_title", lang))
    files = {p.path for p in problems}
    box.setText(strings.get("msg.lesson_errors", lang).format(n=len(files)))
    box.setInformativeText("\n".join(str(p) for p in problems[:12]))
    box.setDetailedText("\n".join(str(p) for p in problems))
    box.setWindowModality(Qt.WindowModality.NonModal)
    return box
