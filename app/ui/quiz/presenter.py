"""Classroom display: one big question with a countdown, then the answer and its explanation.

Made for the back row and a clicker: PageDown, Space or → go on (question → answer → next question),
PageUp or ← go back, Esc leaves. The countdown reads the injected clock; at zero the answer appears
by itself. Colours come from the projector profile, type is sized from the window height.
"""
from __future__ import annotations

import html
import random
from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.quiz.grading import LETTERS, describe_answer
from app.quiz.model import Question
from app.ui.quiz import strings as qs
from app.ui.quiz.hotspot import HotspotView
from app.ui.quiz.prompt import md, prompt_html
from app.ui.theme import ColorProfile

FORWARD = (Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_Period)
BACK = (Qt.Key.Key_PageUp, Qt.Key.Key_Left)


class PresenterPage(QWidget):
    leave = Signal()

    def __init__(self, lang: str, profile: ColorProfile, clock: Callable[[], float]) -> None:
        super().__init__()
        self.lang = lang
        self.profile = profile
        self.clock = clock
        self.questions: list[Question] = []
        self.index = 0
        self.revealed = False
        self.seconds = 20
        self.deadline = 0.0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        top = QHBoxLayout()
        self.progress = QLabel(objectName="muted")
        self.countdown = QLabel(objectName="timer")
        top.addWidget(self.progress, 1)
        top.addWidget(self.countdown)
        outer.addLayout(top)
        # The content scrolls inside the page: a long question never makes the window grow.
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        self.prompt = QLabel(objectName="prompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.RichText)
        inner.addWidget(self.prompt)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        inner.addWidget(self.body)
        self.picture: HotspotView | None = None
        self.picture_box = QVBoxLayout()
        inner.addLayout(self.picture_box)
        self.answer = QLabel(objectName="right")
        self.answer.setWordWrap(True)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        inner.addWidget(self.answer)
        inner.addWidget(self.explain)
        inner.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(content)
        outer.addWidget(self.scroll, 1)
        self.keys = QLabel(objectName="hint")
        outer.addWidget(self.keys)
        self.tick = QTimer(self)
        self.tick.setInterval(200)
        self.tick.timeout.connect(self._tick)

    def begin(self, questions: list[Question], seconds: int = 20) -> None:
        self.questions = list(questions)
        self.seconds = seconds
        self.index = 0
        self._enter_question()
        self.tick.start()
        self.setFocus()

    # -- phases --------------------------------------------------------------------------------------------
    def _enter_question(self) -> None:
        self.revealed = False
        self.deadline = self.clock() + self.seconds
        self.render()

    def forward(self) -> None:
        if not self.questions:
            return
        if not self.revealed:
            self.revealed = True
            self.render()
        elif self.index + 1 < len(self.questions):
            self.index += 1
            self._enter_question()
        else:
            self.index = len(self.questions)
            self.render()

    def back(self) -> None:
        if self.index >= len(self.questions):
            self.index = len(self.questions) - 1
            self.revealed = True
        elif self.revealed:
            self._enter_question()
            return
        elif self.index > 0:
            self.index -= 1
            self.revealed = True
        self.render()

    def _tick(self) -> None:
        if self.index >= len(self.questions) or self.revealed:
            return
        left = self.deadline - self.clock()
        if left <= 0:
            self.revealed = True
            self.render()
        else:
            self.countdown.setText(qs.fmt("p.countdown", self.lang, s=int(left + 0.999)))

    # -- drawing -------------------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.render()

    def render(self) -> None:
        lang = self.lang
        self.keys.setText(qs.get("p.keys", lang))
        if self.picture is not None:
            self.picture.setParent(None)
            self.picture.deleteLater()
            self.picture = None
        if not self.questions:
            return
        if self.index >= len(self.questions):
            self.progress.setText(qs.get("p.heading", lang))
            self.prompt.setText(qs.get("p.done", lang))
            for w in (self.body, self.answer, self.explain, self.countdown):
                w.setText("")
            return
        q = self.questions[self.index]
        self.progress.setText(qs.get("p.heading", lang) + " · " +
                              qs.fmt("q.progress", lang, n=self.index + 1, N=len(self.questions)))
        self.prompt.setText(prompt_html(q.prompt.get(lang), block_px=self._small_px()))  # scenario details: smaller
        self.scroll.verticalScrollBar().setValue(0)
        self.body.setText(self._options(q))
        if q.type == "hotspot":
            self.picture = HotspotView(q.scene, lang, self.profile)
            self.picture.enabled_ = True
            if self.revealed:
                self.picture.select(str(q.answer))
            self.picture.enabled_ = False
            self.picture.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.picture.setMinimumHeight(max(240, self.height() // 2))
            self.picture_box.addWidget(self.picture)
        if self.revealed:
            self.countdown.setText("")
            self.answer.setText(md(qs.get("p.answer", lang) + ": " + describe_answer(q, lang)))
            reasoning = q.scenario.reasoning.get(lang) if q.scenario else ""
            text = md(q.explain.get(lang))
            if reasoning:
                text += (f"<p style='white-space:pre-wrap; font-family:monospace; font-size:{self._small_px()}px'>"
                         + html.escape(reasoning, quote=False) + "</p>")
            self.explain.setText(text)
            QTimer.singleShot(0, self._show_answer)
        else:
            self.answer.setText("")
            self.explain.setText("")
            self._tick()

    def _small_px(self) -> int:
        """Scenario details and engine tables: 60% of the presenter type (still 16 px or more)."""
        base = min(48, max(16, self.window().height() // 24))
        return max(16, int(base * 0.6))

    def _show_answer(self) -> None:
        """Scroll so the revealed answer is on screen (a long scenario may push it below the fold)."""
        self.scroll.ensureWidgetVisible(self.answer, 0, 40)

    def _options(self, q: Question) -> str:
        lang = self.lang
        esc = md
        if q.type in ("single", "multiple"):
            return "<br>".join(f"<b>{LETTERS[i]}</b>&nbsp;&nbsp;{esc(c.get(lang))}" for i, c in enumerate(q.choices))
        if q.type == "truefalse":
            return f"<b>T</b>&nbsp;&nbsp;{esc(qs.get('tf.true', lang))}<br><b>F</b>&nbsp;&nbsp;{esc(qs.get('tf.false', lang))}"
        if q.type == "order":
            order = list(range(len(q.items)))
            random.Random(q.id).shuffle(order)
            return "<br>".join(f"• {esc(q.items[i].get(lang))}" for i in order)
        if q.type == "match":
            rights = list(range(len(q.pairs)))
            random.Random(q.id).shuffle(rights)
            lefts = "<br>".join(f"{n + 1}. {esc(p.left.get(lang))}" for n, p in enumerate(q.pairs))
            rs = "<br>".join(f"{LETTERS[n]}. {esc(q.pairs[j].right.get(lang))}" for n, j in enumerate(rights))
            return f"<table width='100%'><tr><td>{lefts}</td><td>{rs}</td></tr></table>"
        return ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in FORWARD:
            self.forward()
        elif key in BACK:
            self.back()
        elif key == Qt.Key.Key_Escape:
            self.tick.stop()
            self.leave.emit()
        else:
            super().keyPressEvent(event)
