"""Every window action in one table: its menu, its shortcuts and the MainWindow method it calls.

The menus, the keyboard and the shortcuts dialog (F1) are all built from this table, so a key that
works is always also in a menu and always listed in the dialog.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from app.ui import strings


@dataclass(frozen=True)
class ActionSpec:
    name: str                      # strings key is "act.<name>"
    menu: str                      # strings key is "menu.<menu>"
    slot: str                      # MainWindow method
    shortcuts: tuple[str, ...] = ()
    checkable: bool = False
    separator_before: bool = False


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("sandbox", "file", "new_sandbox", ("Ctrl+N",)),
    ActionSpec("open_session", "file", "open_session", ("Ctrl+O",)),
    ActionSpec("save_session", "file", "save_session", ("Ctrl+S",)),
    ActionSpec("export_png", "file", "export_png", ("Ctrl+E",), separator_before=True),
    ActionSpec("export_svg", "file", "export_svg", ("Ctrl+Shift+E",)),
    ActionSpec("export_handout", "file", "export_handout", ("Ctrl+Shift+H",)),
    ActionSpec("quit", "file", "close", ("Ctrl+Q",), separator_before=True),
    ActionSpec("presenter", "view", "toggle_presenter", ("Ctrl+Shift+P", "F6"), checkable=True),
    ActionSpec("fullscreen", "view", "toggle_fullscreen", ("F5", "F11"), checkable=True),
    ActionSpec("leave_fullscreen", "view", "leave_fullscreen", ("Esc",)),
    ActionSpec("blank_black", "view", "blank_black", ("B",), checkable=True, separator_before=True),
    ActionSpec("blank_white", "view", "blank_white", ("W",), checkable=True),
    ActionSpec("zoom_in", "view", "zoom_in", ("Ctrl++", "Ctrl+="), separator_before=True),
    ActionSpec("zoom_out", "view", "zoom_out", ("Ctrl+-",)),
    ActionSpec("zoom_fit", "view", "zoom_fit", ("Ctrl+0",)),
    ActionSpec("navigator", "view", "toggle_navigator", ("Ctrl+1",), checkable=True, separator_before=True),
    ActionSpec("console", "view", "toggle_console", ("Ctrl+`", "Ctrl+2"), checkable=True),
    ActionSpec("details", "view", "toggle_details", ("Ctrl+3",), checkable=True),
    ActionSpec("animations", "view", "toggle_animations", (), checkable=True),
    ActionSpec("play_pause", "play", "play_pause", ("Space", ".")),
    ActionSpec("next", "play", "next_step", ("Right", "PgDown")),
    ActionSpec("prev", "play", "prev_step", ("Left", "PgUp")),
    ActionSpec("first", "play", "first_step", ("Home",)),
    ActionSpec("last", "play", "last_step", ("End",)),
    ActionSpec("reset", "play", "reset_step", ("Alt+R",), separator_before=True),
    ActionSpec("faster", "play", "faster", ("+", "="), separator_before=True),
    ActionSpec("slower", "play", "slower", ("-",)),
    ActionSpec("next_chapter", "lesson", "next_chapter", ("Ctrl+Right", "Ctrl+PgDown")),
    ActionSpec("prev_chapter", "lesson", "prev_chapter", ("Ctrl+Left", "Ctrl+PgUp")),
    ActionSpec("restart_chapter", "lesson", "restart_chapter", ("Ctrl+R",)),
    ActionSpec("quiz_open", "quiz", "open_quiz", ("Ctrl+K",)),
    ActionSpec("shortcuts", "help", "show_shortcuts", ("F1", "?")),
    ActionSpec("about", "help", "show_about", ()),
)

MENU_ORDER = ("file", "view", "play", "lesson", "quiz", "help")

#: Actions that drive the engine: off while the window is painted and the engine is still starting.
LIVE_ONLY = frozenset({"sandbox", "open_session", "save_session", "export_png", "export_svg", "export_handout", "play_pause",
                       "next", "prev", "first", "last", "reset", "faster", "slower", "next_chapter",
                       "prev_chapter", "restart_chapter", "quiz_open"})


def build_actions(window: Any) -> dict[str, QAction]:
    """Create the QActions (shortcuts active anywhere in the window) and connect them."""
    out: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(window)
        action.setObjectName(f"action_{spec.name}")
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(spec.checkable)
        slot = getattr(window, spec.slot)
        action.triggered.connect(lambda checked=False, s=slot: s())
        window.addAction(action)
        out[spec.name] = action
    return out


def retranslate(actions: dict[str, QAction], lang: str) -> None:
    for spec in ACTIONS:
        actions[spec.name].setText(strings.get(f"act.{spec.name}", lang))


def shortcut_rows(lang: str) -> list[tuple[str, str]]:
    """(keys, action) rows for the shortcuts dialog."""
    rows = []
    for spec in ACTIONS:
        if spec.shortcuts:
            keys = "  ·  ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in spec.shortcuts)
            rows.append((keys, strings.get(f"act.{spec.name}", lang).replace("…", "")))
    return rows
