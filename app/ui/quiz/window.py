"""The quiz window: start page, questions, results and the classroom display, in one stack.

``open_quiz(main_window)`` is the entry the shell's Quiz menu calls. The window follows the main
window's language and presenter mode (``set_language`` / ``set_presenter``), saves the attempt after
every answer (so a crash loses nothing answered) and sends "Show me" back to the main window:
``show_lesson_step(lesson_id, step_id)`` for bank questions, ``show_scenario(seed, lines, scene_id)``
for generated ones.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QPushButton, QScrollArea, QSizePolicy, QStackedWidget,
                               QVBoxLayout, QWidget)

from app.quiz.catalog import Catalog
from app.quiz.model import Question
from app.quiz.records import QuizRecords
from app.quiz.session import Feedback, QuizSession
from app.ui.quiz import strings as qs
from app.ui.quiz.presenter import PresenterPage
from app.ui.quiz.question_page import QuestionPage
from app.ui.quiz.results_page import ResultsPage
from app.ui.quiz.start_page import QuizOptions, StartPage
from app.ui.quiz.style import stylesheet
from app.ui.theme import profile_for


class QuizWindow(QWidget):
    def __init__(self, main_window: Any = None, *, records_path: Path | None = None,
                 catalog: Catalog | None = None, clock: Callable[[], float] = time.time,
                 lang: str | None = None, presenter: bool | None = None) -> None:
        super().__init__(main_window, Qt.WindowType.Window)
        self.main_window = main_window
        self.clock = clock
        self.lang = lang or getattr(main_window, "lang", "zh")
        self.presenter = bool(getattr(main_window, "presenter", False) if presenter is None else presenter)
        self.catalog = catalog or Catalog.load()
        self._main_seen = (getattr(main_window, "lang", self.lang), bool(getattr(main_window, "presenter", self.presenter)))
        self.records = QuizRecords.open(records_path)
        self.session: QuizSession | None = None
        self._count = 0
        self.profile = profile_for(self.presenter)
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.lang_button = QPushButton()  # switches zh/en live (Ctrl+L)
        self.lang_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lang_button.clicked.connect(self.toggle_language)
        bar.addWidget(self.lang_button)
        layout.addLayout(bar)
        # Big presenter type can make a page want more room than the screen has: it scrolls then,
        # and the window itself never grows past the screen.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.stack)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays among the page's own controls
        layout.addWidget(self.scroll)
        self.start = StartPage(self.catalog, self.records.learner, self.lang)
        self.question = QuestionPage(self.lang, self.profile)
        self.results = ResultsPage(self.lang, self.profile)
        self.display = PresenterPage(self.lang, profile_for(True), clock)
        for page in (self.start, self.question, self.results, self.display):
            self.stack.addWidget(page)
        self.start.start_requested.connect(self.start_quiz)
        self.start.presenter_requested.connect(self.start_display)
        self.question.finished.connect(self._finished)
        self.question.answered.connect(self._answered)
        self.question.quit_requested.connect(self._quit_quiz)
        self.question.show_me_requested.connect(self.show_me)
        self.question.can_show_me = self.can_show_me
        self.results.find_question = self.catalog.find
        self.results.show_me_requested.connect(self.show_me)
        self.results.new_quiz.connect(self.show_start)
        self.results.review_requested.connect(lambda: self.start_quiz(QuizOptions(mode="review", name=self.records.learner)))
        self.display.leave.connect(self.show_start)
        if self.records.recovered_from:
            self.start.show_notice(qs.fmt("start.recovered", self.lang, detail=self.records.recovered_from))
        if self.catalog.issues:
            self.start.say("; ".join(str(i) for i in self.catalog.issues[:3]))
        self.resize(1000, 720)
        self.set_language(self.lang)
        self.set_presenter(self.presenter)
        self.show_start()

    # -- language and profile -----------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang if lang in ("zh", "en") else "zh"
        lang = self.lang
        self.setWindowTitle(qs.get("window.title", lang))
        self.lang_button.setText("English (Ctrl+L)" if lang == "zh" else "中文 (Ctrl+L)")
        for page in (self.start, self.question, self.results, self.display):
            page.set_language(lang)

    def toggle_language(self) -> None:
        self.set_language("en" if self.lang == "zh" else "zh")

    def changeEvent(self, event: QEvent) -> None:
        """On activation, follow the main window's language and presenter mode (set from its menus)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.main_window is not None:
            lang = getattr(self.main_window, "lang", self.lang)
            presenter = bool(getattr(self.main_window, "presenter", self.presenter))
            # Only a change made in the main window counts: Ctrl+L here must not be undone by a click there.
            if lang != self._main_seen[0]:
                self.set_language(lang)
            if presenter != self._main_seen[1]:
                self.set_presenter(presenter)
            self._main_seen = (lang, presenter)

    def set_presenter(self, on: bool) -> None:
        """Projector colours and big type for the whole quiz window."""
        self.presenter = on
        self.profile = profile_for(on)
        self.question.profile = self.profile
        self.results.set_profile(self.profile)
        self._restyle()

    def _restyle(self) -> None:
        # Only the page on show counts for the window's size (QStackedLayout skips Ignored widgets).
        current = self.stack.currentWidget()
        for page in (self.start, self.question, self.results, self.display):
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        showing_display = self.stack.currentWidget() is self.display
        profile = profile_for(True) if showing_display else self.profile
        # Presenter type follows the window height (1/24 of it, within readable bounds); the pages scroll
        # or shrink their pictures, so a bigger font never makes the window grow (no feedback loop).
        base = min(48, max(16, self.height() // 24)) if (self.presenter or showing_display) else 15
        self.setPalette(profile.palette())
        self.setStyleSheet(stylesheet(profile, base))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.presenter or self.stack.currentWidget() is self.display:
            self._restyle()

    # -- flow ----------------------------------------------------------------------------------------------
    def show_start(self) -> None:
        self.start.set_learner(self.records.learner)
        self.start.set_due_count(len(self.records.due(self.clock())))
        self.stack.setCurrentWidget(self.start)
        self._restyle()
        self.start.focus_first()

    def _questions(self, opts: QuizOptions) -> list[Question]:
        if opts.mode == "review":
            found = [self.catalog.find(c.question_id) for c in self.records.due(self.clock())]
            return [q for q in found if q is not None][: max(opts.length, 1)]
        seed = int(self.clock() * 1000) % (2 ** 31)
        return self.catalog.select(lesson=opts.lesson or None, topic=opts.topic or None,
                                   difficulty=opts.difficulty or None, length=opts.length, seed=seed,
                                   generated=opts.generated)

    def start_quiz(self, opts: QuizOptions) -> bool:
        if opts.name and opts.name != self.records.learner:
            self.records.set_learner(opts.name)
            self.start.set_learner(self.records.learner)
        questions = self._questions(opts)
        if not questions:
            self.start.say(qs.get("start.none", self.lang))
            self.stack.setCurrentWidget(self.start)
            return False
        self._count += 1
        now = self.clock()
        desc = " · ".join(x for x in (opts.lesson, opts.topic, opts.difficulty) if x)
        self.session = QuizSession(questions, opts.mode, self.clock, lang=self.lang,
                                   time_limit=opts.minutes * 60 if opts.mode == "exam" else None,
                                   attempt_id=f"{opts.mode}-{int(now)}-{self._count}", description=desc)
        self.stack.setCurrentWidget(self.question)
        self._restyle()
        self.question.begin(self.session, self.records)
        return True

    def start_display(self, opts: QuizOptions) -> None:
        questions = self._questions(QuizOptions(mode="practice", lesson=opts.lesson, topic=opts.topic,
                                                difficulty=opts.difficulty, length=opts.length,
                                                generated=opts.generated))
        if not questions:
            self.start.say(qs.get("start.none", self.lang))
            return
        self.stack.setCurrentWidget(self.display)
        self._restyle()
        self.display.begin(questions)

    def _answered(self, fb: Feedback) -> None:
        if self.session is not None and self.session.mode != "review":
            self.records.add_attempt(self.session.attempt)

    def _finished(self) -> None:
        s = self.session
        if s is None:
            return
        if s.mode != "review" or s.attempt.answers:
            self.records.add_attempt(s.attempt)
        self.stack.setCurrentWidget(self.results)
        self._restyle()
        self.results.show_attempt(s.attempt, self.records)

    def _quit_quiz(self) -> None:
        if self.session is not None and not self.session.finished:
            self.session.finish()
        self._finished()

    # -- show me -------------------------------------------------------------------------------------------
    def can_show_me(self, q: Question) -> bool:
        mw = self.main_window
        if q.scenario is not None:
            return hasattr(mw, "show_scenario")
        return q.show_me_target is not None and hasattr(mw, "show_lesson_step")

    def show_me(self, q: Question) -> None:
        mw = self.main_window
        if q.scenario is not None:
            mw.show_scenario(q.scenario.seed, list(q.scenario.lines), q.scenario.scene_id)
        elif q.show_me_target is not None:
            mw.show_lesson_step(*q.show_me_target)
        if mw is not None and hasattr(mw, "raise_"):
            mw.raise_()
            mw.activateWindow()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_L and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.toggle_language()
            return
        if event.key() == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
            return
        if event.key() == Qt.Key.Key_Escape and self.stack.currentWidget() is self.start:
            self.close()
            return
        page = self.stack.currentWidget()
        if self.focusWidget() is None or not page.isAncestorOf(self.focusWidget()):
            page.keyPressEvent(event)  # a key with no focused control in the page still reaches it
            return
        super().keyPressEvent(event)


def open_quiz(main_window: Any) -> QuizWindow:
    """Show the quiz window for ``main_window`` (one per main window; raised if already open)."""
    win = getattr(main_window, "_quiz_window", None)
    if win is None:
        win = QuizWindow(main_window)
        if main_window is not None:
            main_window._quiz_window = win
    else:
        win.set_language(getattr(main_window, "lang", win.lang))
        win.set_presenter(bool(getattr(main_window, "presenter", win.presenter)))
    win.show()
    win.raise_()
    win.activateWindow()
    return win
