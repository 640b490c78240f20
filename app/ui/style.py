"""Type sizes and the window's style sheet, both derived from the colour profile and the mode.

Presenter rule (teaching.md (b) 2): every text is at least 1/40 of the window height in pixels, so
in presenter mode the base size follows the window height; normal mode uses desktop sizes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from app.ui.theme import ColorProfile

NORMAL_BASE_PX = 14


@dataclass(frozen=True)
class Typography:
    base: int      # body text, menus, buttons
    caption: int   # the step's caption
    title: int     # the lesson title

    @classmethod
    def for_window(cls, presenter: bool, window_height: int) -> "Typography":
        if not presenter:
            return cls(NORMAL_BASE_PX, 21, 16)
        base = max(20, math.ceil(window_height / 40))
        return cls(base, math.ceil(base * 1.3), math.ceil(base * 1.05))


def style_sheet(p: ColorProfile, t: Typography) -> str:
    return f"""
QWidget {{ font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; font-size: {t.base}px; color: {p.text}; }}
QMainWindow, QWidget#central, QWidget#narration, QWidget#transport, QStatusBar {{ background: {p.panel}; }}
QMenuBar {{ background: {p.panel}; color: {p.text}; border-bottom: 1px solid {p.border}; }}
QMenuBar::item:selected, QMenu::item:selected {{ background: {p.selection}; color: {p.selection_text}; }}
QMenu {{ background: {p.panel_alt}; color: {p.text}; border: 1px solid {p.border}; }}
QMenu::item:disabled {{ color: {p.muted}; }}
QLabel {{ background: transparent; }}
QLabel#position {{ color: {p.muted}; }}
QLabel#lessonTitle {{ font-size: {t.title}px; font-weight: bold; }}
QLabel#caption {{ font-size: {t.caption}px; font-weight: bold; }}
QTextBrowser {{ background: {p.panel}; color: {p.text}; border: none; }}
QTextBrowser#detailsBrowser {{ background: {p.panel_alt}; }}
QToolButton {{ background: {p.panel_alt}; color: {p.text}; border: 2px solid {p.border}; border-radius: 6px; padding: 4px 8px; }}
QToolButton:hover {{ border-color: {p.accent}; }}
QToolButton:disabled {{ color: {p.muted}; }}
QToolButton#nextButton {{ background: {p.accent}; color: {p.accent_text}; border-color: {p.accent}; font-weight: bold; }}
QPushButton {{ background: {p.panel_alt}; color: {p.text}; border: 2px solid {p.border}; border-radius: 6px; padding: 4px 12px; }}
QComboBox {{ background: {p.panel_alt}; color: {p.text}; border: 2px solid {p.border}; border-radius: 6px; padding: 2px 8px; }}
QComboBox QAbstractItemView {{ background: {p.panel_alt}; color: {p.text}; selection-background-color: {p.selection}; selection-color: {p.selection_text}; }}
QTreeWidget, QTableWidget, QPlainTextEdit, QLineEdit {{ background: {p.panel_alt}; color: {p.text}; border: 1px solid {p.border}; }}
QTreeWidget::item:selected, QTableWidget::item:selected {{ background: {p.selection}; color: {p.selection_text}; }}
QHeaderView::section {{ background: {p.panel}; color: {p.text}; border: 1px solid {p.border}; padding: 4px; }}
QPlainTextEdit#consoleOutput, QLineEdit#consoleInput {{ font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; }}
QDockWidget {{ color: {p.text}; }}
QDockWidget::title {{ background: {p.panel_alt}; padding: 4px 8px; }}
QSlider::groove:horizontal {{ height: 8px; background: {p.panel_alt}; border: 1px solid {p.border}; border-radius: 4px; }}
QSlider::sub-page:horizontal {{ background: {p.accent}; border-radius: 4px; }}
QSlider::handle:horizontal {{ background: {p.text}; width: 18px; margin: -7px 0; border-radius: 9px; }}
QSplitter::handle {{ background: {p.border}; }}
QStatusBar {{ color: {p.text}; }}
QToolTip {{ background: {p.panel_alt}; color: {p.text}; border: 1px solid {p.border}; }}
QMessageBox, QDialog {{ background: {p.panel}; }}
"""
