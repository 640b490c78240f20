"""The quiz window's look, built only from the active colour profile (app/ui/theme.py)."""
from __future__ import annotations

from app.ui.theme import FONT_FAMILIES, ColorProfile


def stylesheet(p: ColorProfile, base_px: int) -> str:
    family = ", ".join(f'"{f}"' for f in FONT_FAMILIES)
    return f"""
    QWidget {{ background: {p.panel}; color: {p.text}; font-family: {family}; font-size: {base_px}px; }}
    QLabel#heading {{ font-size: {int(base_px * 1.6)}px; font-weight: bold; }}
    QLabel#prompt {{ font-size: {int(base_px * 1.35)}px; }}
    QLabel#muted, QLabel#hint {{ color: {p.muted}; }}
    QLabel#right {{ color: {p.ok}; font-weight: bold; font-size: {int(base_px * 1.3)}px; }}
    QLabel#wrong {{ color: {p.error}; font-weight: bold; font-size: {int(base_px * 1.3)}px; }}
    QLabel#timer {{ color: {p.warning}; font-weight: bold; }}
    QLabel#reasoning {{ background: {p.panel_alt}; border: 1px solid {p.border}; padding: 6px; }}
    QFrame#feedback QLabel {{ background: transparent; }}
    QTextBrowser#feedbackBody {{ background: {p.panel_alt}; border: none; color: {p.text}; }}
    QFrame#feedback {{ background: {p.panel_alt}; border: 1px solid {p.border}; border-radius: 6px; }}
    QPushButton {{ background: {p.panel_alt}; border: 1px solid {p.border}; border-radius: 5px; padding: 6px 14px; }}
    QPushButton:focus {{ border: 2px solid {p.accent}; }}
    QPushButton#primary {{ background: {p.accent}; color: {p.accent_text}; font-weight: bold; }}
    QPushButton:disabled {{ color: {p.muted}; }}
    QRadioButton, QCheckBox {{ padding: 4px; spacing: 10px; }}
    QRadioButton:focus, QCheckBox:focus {{ border: 2px solid {p.accent}; border-radius: 4px; }}
    QListWidget, QComboBox, QLineEdit, QSpinBox, QTableWidget {{
        background: {p.panel_alt}; border: 1px solid {p.border}; selection-background-color: {p.selection};
        selection-color: {p.selection_text}; }}
    QListWidget:focus, QComboBox:focus, QLineEdit:focus, QSpinBox:focus, QTableWidget:focus {{ border: 2px solid {p.accent}; }}
    QHeaderView::section {{ background: {p.panel}; color: {p.text}; border: 1px solid {p.border}; padding: 3px; }}
    """
