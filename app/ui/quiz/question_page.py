"""One question at a time: the prompt, an answer widget, then (practice, review) the verdict, the
explanation, the engine's reasoning for generated questions and "Show me".

Keys: Enter submits and then moves on; S shows the scenario or lesson step; Esc ends the quiz; in
review mode 1-4 rate the card (Again, Hard, Good, Easy) once the answer is shown.
"""
from __future__ import annotations

import html
from datetime import datetime, timezone
from typing import Any, Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QTextBrowser, QVBoxLayout,
                               QWidget)

from app.quiz import sm2
from app.quiz.grading import describe, describe_answer
from app.quiz.model import DIFFICULTY_LABEL, TYPE_LABEL, Question
from app.quiz.records import QuizRecords
from app.quiz.session import Feedback, QuizSession
from app.ui.quiz import strings as qs
from app.ui.quiz.answers import AnswerWidget, make_answer_widget
from app.ui.quiz.prompt import md, prompt_html
from app.ui.theme import ColorProfile


class QuestionPage(QWidget):
    finished = Signal()
    answered = Signal(object)  # Feedback: the window saves the attempt after every answer
    show_me_requested = Signal(object)  # Question
    quit_requested = Signal()

    def __init__(self, lang: str, profile: ColorProfile) -> None:
        super().__init__()
        self.lang = lang
        self.profile = profile
        self.session: QuizSession | None = None
        self.records: QuizRecords | None = None
        self.answer_widget: AnswerWidget | None = None
        self.last: Feedback | None = None
        self.rated = True
        self.can_show_me: Callable[[Question], bool] = lambda q: False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.progress = QLabel(objectName="muted")
        self.meta = QLabel(objectName="muted")
        self.meta.setWordWrap(True)
        self.timer_label = QLabel(objectName="timer")
        top.addWidget(self.progress)
        top.addWidget(self.meta, 1)
        top.addWidget(self.timer_label)
        outer.addLayout(top)
        self.prompt = QLabel(objectName="prompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.prompt)
        self.answer_box = QVBoxLayout()
        outer.addLayout(self.answer_box, 2)
        self.feedback = QFrame(objectName="feedback")
        # shares the height with the answer area; its text scrolls instead of overlapping
        self.feedback.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        fb = QVBoxLayout(self.feedback)
        self.verdict = QLabel()
        # One scrolling text view for the answer, the explanation and the engine's reasoning: it never
        # overlaps or pushes the window taller, however long a scheduler table is.
        self.body = QTextBrowser(objectName="feedbackBody")
        self.body.setOpenLinks(False)
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body.setMinimumHeight(90)
        fb.addWidget(self.verdict)
        fb.addWidget(self.body, 1)
        self.rating_row = QHBoxLayout()
        self.rate_label = QLabel()
        self.rating_row.addWidget(self.rate_label)
        self.rate_buttons: dict[int, QPushButton] = {}
        for r in sm2.RATINGS:
            b = QPushButton()
            b.clicked.connect(lambda _=False, r=r: self.rate(r))
            self.rate_buttons[r] = b
            self.rating_row.addWidget(b)
        fb.addLayout(self.rating_row)
        outer.addWidget(self.feedback, 3)
        buttons = QHBoxLayout()
        self.primary = QPushButton(objectName="primary")
        self.primary.clicked.connect(self.advance)
        self.show_me = QPushButton()
        self.show_me.clicked.connect(self.request_show_me)
        self.quit = QPushButton()
        self.quit.clicked.connect(self.quit_requested)
        for b in (self.primary, self.show_me):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.quit)
        outer.addLayout(buttons)
        self.tick = QTimer(self)
        self.tick.setInterval(250)
        self.tick.timeout.connect(self._tick)

    # -- running a session --------------------------------------------------------------------------------
    def begin(self, session: QuizSession, records: QuizRecords | None) -> None:
        self.session = session
        self.records = records
        self.tick.start()
        self._show_current()

    def _show_current(self) -> None:
        s = self.session
        assert s is not None
        q = s.current
        if q is None:
            self._end()
            return
        self.last = None
        self.rated = True
        if self.answer_widget is not None:
            self.answer_widget.setParent(None)
            self.answer_widget.deleteLater()
        self.answer_widget = make_answer_widget(q, self.lang, self.profile, seed=len(s.feedback))
        self.answer_box.addWidget(self.answer_widget)
        self.answer_widget.show()  # now, not queued: focus can only go to a visible widget
        self.feedback.hide()
        s.show_current()
        self.retranslate()
        self.answer_widget.focus_first()
        self._tick()

    def advance(self) -> None:
        """Enter: submit the answer, or go on after the feedback."""
        if self.session is None or self.answer_widget is None:
            return
        if self.last is None:
            self.submit()
        elif self.rated:
            self._show_current()

    def submit(self) -> None:
        s, w = self.session, self.answer_widget
        assert s is not None and w is not None
        response = w.response()
        if response is None and s.mode != "exam":
            self.verdict.setText(qs.get("q.pick_first", self.lang))
            self.verdict.setObjectName("muted")
            self.feedback.show()
            self.body.hide()
            self._set_rating_visible(False)
            return
        try:
            fb = s.answer(response)
        except TimeoutError:
            self._end()
            return
        self.last = fb
        w.lock()
        self.answered.emit(fb)
        if s.mode == "exam":
            self._show_current() if not s.finished else self._end()
            return
        if s.mode == "review" and self.records is not None:
            if fb.grade.correct:
                self.rated = False  # wait for Hard / Good / Easy
            else:
                self.records.record_review(fb.question.id, sm2.AGAIN, s.clock())
        self._show_feedback()
        self.primary.setFocus()

    def rate(self, rating: int) -> None:
        if self.rated or self.last is None or self.records is None or self.session is None:
            return
        card = self.records.record_review(self.last.question.id, sm2.rating_for(True, rating), self.session.clock())
        self.rated = True
        when = datetime.fromtimestamp(card.due, tz=timezone.utc).strftime("%Y-%m-%d %H:%M")
        self.rate_label.setText(qs.fmt("q.next_due", self.lang, when=when))
        for b in self.rate_buttons.values():
            b.setEnabled(False)
        self.primary.setFocus()

    def _show_feedback(self) -> None:
        fb = self.last
        assert fb is not None
        self.feedback.show()
        self.body.show()
        self.retranslate()

    def _end(self) -> None:
        self.tick.stop()
        if self.session is not None and not self.session.finished:
            self.session.finish()
        self.finished.emit()

    def _tick(self) -> None:
        s = self.session
        if s is None or s.finished:
            return
        left = s.time_left()
        if left is None:
            self.timer_label.setText("")
            return
        self.timer_label.setText(qs.fmt("q.time_left", self.lang, t=qs.clock_text(left)))
        if left <= 0:
            self._end()

    def request_show_me(self) -> None:
        q = self.last.question if self.last else (self.session.current if self.session else None)
        if q is not None and self.last is not None and self.can_show_me(q):
            self.show_me_requested.emit(q)

    # -- text ---------------------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self.answer_widget is not None:
            self.answer_widget.set_language(lang)
        self.retranslate()

    def retranslate(self) -> None:
        s = self.session
        lang = self.lang
        g = lambda key: qs.get(key, lang)  # noqa: E731
        self.quit.setText(g("q.quit"))
        self.show_me.setText(g("q.show_me"))
        for r, b in self.rate_buttons.items():
            b.setText(g(f"rate.{r}"))
        if s is None:
            return
        q = self.last.question if self.last else s.current
        if q is None:
            return
        n = min(s.answered_count + (0 if self.last else 1), s.total)
        self.progress.setText(qs.fmt("q.progress", lang, n=max(n, 1), N=s.total))
        meta = qs.fmt("q.meta", lang, type=TYPE_LABEL[q.type].get(lang), topic=q.topic,
                      difficulty=DIFFICULTY_LABEL[q.difficulty].get(lang))
        if q.scenario is not None:
            meta += " · " + qs.fmt("q.generated", lang, seed=q.scenario.seed)
        self.meta.setText(meta)
        px = self.prompt.font().pixelSize()
        self.prompt.setText(prompt_html(q.prompt.get(lang), block_px=max(12, int(px * 0.75)) if px > 0 else None))
        self.show_me.setEnabled(self.last is not None and self.can_show_me(q))
        if self.last is None:
            self.primary.setText(g("q.submit"))
            return
        fb = self.last
        self.primary.setText(g("q.finish") if s.finished else g("q.next"))
        right = fb.grade.correct
        verdict = g("q.right") if right else g("q.wrong")
        if not right and fb.grade.score > 0:
            verdict += "  " + qs.fmt("q.partly", lang, pct=round(fb.grade.score * 100))
        self.verdict.setText(verdict)
        self.verdict.setObjectName("right" if right else "wrong")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        lines = [qs.fmt("q.your_answer", lang, answer=describe(q, fb.response, lang))]
        if not right:
            lines.append(qs.fmt("q.answer_was", lang, answer=describe_answer(q, lang)))
        if fb.will_repeat:
            lines.append(g("q.will_repeat"))
        esc = lambda t: html.escape(t, quote=False)  # noqa: E731
        parts = ["<br>".join(md(x) for x in lines), "<p>" + md(q.explain.get(lang)) + "</p>"]
        reasoning = q.scenario.reasoning.get(lang) if q.scenario else ""
        if reasoning:
            parts.append(f"<p><b>{esc(g('q.engine_reasoning'))}</b></p><pre>{esc(reasoning)}</pre>")
        self.body.setHtml("".join(parts))
        review = s.mode == "review" and right
        self._set_rating_visible(review)
        if review and not self.rated:
            self.rate_label.setText(g("q.rate"))

    def _set_rating_visible(self, visible: bool) -> None:
        self.rate_label.setVisible(visible)
        for b in self.rate_buttons.values():
            b.setVisible(visible)
            b.setEnabled(visible and not self.rated)

    # -- keys ----------------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.last is not None and not self.rated:
                self.rate(sm2.GOOD)
            self.advance()
            return
        if key == Qt.Key.Key_Escape:
            self.quit_requested.emit()
            return
        if key == Qt.Key.Key_S and self.last is not None:
            self.request_show_me()
            return
        if self.last is not None and not self.rated and Qt.Key.Key_2 <= key <= Qt.Key.Key_4:
            self.rate(key - Qt.Key.Key_0)
            return
        super().keyPressEvent(event)

    def current_answer_widget(self) -> Any:
        return self.answer_widget
