"""The transport bar: step back, Next, play/pause, reset, speed, and the timeline slider.

The buttons sit in a fixed order at the left with fixed widths, so Next never moves between steps.
Buttons never take keyboard focus: the window's shortcuts (Space, arrows, PageUp/PageDown) always work.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QToolButton, QWidget

from app.ui import strings
from app.ui.speeds import SPEEDS
from app.ui.icons import icon
from app.ui.theme import ColorProfile

SLIDER_STEPS = 1000


def speed_label(speed: float) -> str:
    return f"{speed:g}×"


class TransportBar(QWidget):
    prev_clicked = Signal()
    next_clicked = Signal()
    play_clicked = Signal()
    reset_clicked = Signal()
    speed_chosen = Signal(float)
    time_scrubbed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transport")
        self.prev_button = self._button("prevButton", self.prev_clicked)
        self.next_button = self._button("nextButton", self.next_clicked)
        self.play_button = self._button("playButton", self.play_clicked)
        self.reset_button = self._button("resetButton", self.reset_clicked)
        self.speed_label = QLabel(objectName="speedLabel")
        self.speed = QComboBox(objectName="speedBox")
        self.speed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for s in SPEEDS:
            self.speed.addItem(speed_label(s), s)
        self.speed.activated.connect(lambda i: self.speed_chosen.emit(float(self.speed.itemData(i))))
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="timeline")
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slider.sliderMoved.connect(self._scrubbed)
        self.time_label = QLabel(objectName="timeLabel")
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(8)
        for w in (self.prev_button, self.next_button, self.play_button, self.reset_button):
            layout.addWidget(w)
        layout.addSpacing(12)
        layout.addWidget(self.speed_label)
        layout.addWidget(self.speed)
        layout.addSpacing(12)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.time_label)
        self._horizon = 0.0
        self._playing = False
        self.lang = "zh"
        self._shown_for: tuple | None = None   # (lang, profile, px, font) the texts and icons are for

    def _button(self, name: str, signal: Signal) -> QToolButton:
        b = QToolButton(objectName=name)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(signal)
        return b

    def retranslate(self, lang: str, profile: ColorProfile, font_px: int) -> None:
        """Texts, icons and fixed widths (computed for the widest text, so nothing moves)."""
        self.next_button.ensurePolished()   # the style sheet's font, not the default, sets the widths
        shown_for = (lang, profile, font_px, self.next_button.font().toString())
        if self._shown_for == shown_for:
            return   # same texts, colours and font: drawing the icons again would change nothing
        self._shown_for = shown_for
        self.lang = lang
        color = profile.color("text")
        size = max(16, int(font_px * 1.1))
        texts = {
            self.prev_button: ("prev", "transport.prev", "act.prev"),
            self.next_button: ("next", "transport.next", "act.next"),
            self.reset_button: ("reset", "transport.reset", "act.reset"),
        }
        for b, (name, short, full) in texts.items():
            on_accent = b is self.next_button
            b.setIcon(icon(name, profile.color("accent_text") if on_accent else color))
            b.setText(strings.get(short, lang))
            b.setToolTip(strings.get(full, lang))
            b.setAccessibleName(strings.get(full, lang))
        fm = QFontMetrics(self.next_button.font())
        for b in (self.prev_button, self.next_button, self.reset_button, self.play_button):
            b.setIconSize(b.iconSize().scaled(size, size, Qt.AspectRatioMode.IgnoreAspectRatio))
        play_w = max(fm.horizontalAdvance(strings.get("act.play", lang)), fm.horizontalAdvance(strings.get("act.pause", lang)))
        for b in (self.prev_button, self.next_button, self.reset_button):
            b.setFixedWidth(fm.horizontalAdvance(b.text()) + size + font_px * 2)
        self.play_button.setFixedWidth(play_w + size + font_px * 2)
        self.speed_label.setText(strings.get("transport.speed", lang))
        self.slider.setToolTip(strings.get("transport.timeline", lang))
        self.slider.setAccessibleName(strings.get("transport.timeline", lang))
        self.speed.setAccessibleName(strings.get("transport.speed", lang))
        self.time_label.setMinimumWidth(fm.horizontalAdvance(strings.get("transport.time", lang).format(t="00m00.0s")) + 8)
        self._profile = profile
        self.set_playing(self._playing)

    def set_playing(self, playing: bool) -> None:
        self._playing = playing
        text = strings.get("act.pause" if playing else "act.play", self.lang)
        if hasattr(self, "_profile"):
            self.play_button.setIcon(icon("pause" if playing else "play", self._profile.color("text")))
        self.play_button.setText(text)
        self.play_button.setAccessibleName(text)

    def set_speed(self, speed: float) -> None:
        i = self.speed.findData(speed)
        if i >= 0:
            self.speed.setCurrentIndex(i)

    def set_time(self, now: float, horizon: float) -> None:
        from app.sim.sim_cli import format_time   # the engine's clock format; loaded with the engine

        self._horizon = max(horizon, now)
        self.time_label.setText(strings.get("transport.time", self.lang).format(t=format_time(now)))
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(int(SLIDER_STEPS * now / self._horizon) if self._horizon > 0 else SLIDER_STEPS)
            self.slider.blockSignals(False)

    def _scrubbed(self, value: int) -> None:
        self.time_scrubbed.emit(self._horizon * value / SLIDER_STEPS)
