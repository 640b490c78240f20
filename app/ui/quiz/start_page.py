"""The start page: the learner's name (asked once), what to be asked, and how (practice/exam/review)."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget)

from app.quiz.catalog import Catalog
from app.quiz.model import DIFFICULTY_LABEL, DIFFICULTIES
from app.ui.quiz import strings as qs


@dataclass(frozen=True)
class QuizOptions:
    mode: str = "practice"
    lesson: str = ""
    topic: str = ""
    difficulty: str = ""
    length: int = 10
    generated: bool = True
    minutes: int = 10
    name: str = ""


class StartPage(QWidget):
    start_requested = Signal(object)  # QuizOptions
    presenter_requested = Signal(object)

    def __init__(self, catalog: Catalog, learner: str, lang: str) -> None:
        super().__init__()
        self.catalog = catalog
        self.lang = lang
        self.learner = learner
        self.due_count = 0
        outer = QVBoxLayout(self)
        self.heading = QLabel(objectName="heading")
        outer.addWidget(self.heading)
        self.notice = QLabel(objectName="wrong")
        self.notice.setWordWrap(True)
        self.notice.hide()
        outer.addWidget(self.notice)
        form = QFormLayout()
        outer.addLayout(form)
        # name: an edit box until a name is kept, then a label with a "change" button
        name_row = QHBoxLayout()
        self.name_edit = QLineEdit()
        self.name_edit.returnPressed.connect(self.request_start)
        self.learner_label = QLabel()
        self.change_name = QPushButton()
        self.change_name.clicked.connect(self._edit_name)
        for w in (self.name_edit, self.learner_label, self.change_name):
            name_row.addWidget(w)
        self.name_label = QLabel()
        form.addRow(self.name_label, name_row)
        self.name_hint = QLabel(objectName="hint")
        form.addRow("", self.name_hint)
        self.chapter = QComboBox()
        self.topic = QComboBox()
        self.difficulty = QComboBox()
        self.length = QSpinBox()
        self.length.setRange(1, 60)
        self.length.setValue(10)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 180)
        self.minutes.setValue(10)
        self.generated = QCheckBox()
        self.generated.setChecked(True)
        self.labels = {k: QLabel() for k in ("chapter", "topic", "difficulty", "length", "time_limit", "mode")}
        for key, widget in (("chapter", self.chapter), ("topic", self.topic), ("difficulty", self.difficulty),
                            ("length", self.length)):
            self.labels[key].setBuddy(widget)
            form.addRow(self.labels[key], widget)
        form.addRow("", self.generated)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        mode_box = QVBoxLayout()
        for mode in ("practice", "exam", "review"):
            b = QRadioButton()
            self.mode_group.addButton(b)
            self.mode_buttons[mode] = b
            mode_box.addWidget(b)
            b.toggled.connect(self._mode_changed)
        self.mode_buttons["practice"].setChecked(True)
        form.addRow(self.labels["mode"], mode_box)
        form.addRow(self.labels["time_limit"], self.minutes)
        self.message = QLabel(objectName="muted")
        outer.addWidget(self.message)
        buttons = QHBoxLayout()
        self.go = QPushButton(objectName="primary")
        self.go.clicked.connect(self.request_start)
        self.presenter = QPushButton()
        self.presenter.clicked.connect(self.request_presenter)
        buttons.addWidget(self.go)
        buttons.addWidget(self.presenter)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        outer.addStretch(1)
        self.set_language(lang)
        self._show_name()

    # -- text -------------------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        g = lambda key: qs.get(key, lang)  # noqa: E731
        self.heading.setText(g("start.heading"))
        self.name_label.setText(g("start.name"))
        self.name_hint.setText(g("start.name_hint"))
        self.change_name.setText(g("start.change_name"))
        self.learner_label.setText(qs.fmt("start.learner", lang, name=self.learner))
        for key in ("chapter", "topic", "difficulty", "length", "mode"):
            self.labels[key].setText(g(f"start.{key}"))
        self.labels["time_limit"].setText(g("start.time_limit"))
        self.generated.setText(g("start.generated"))
        for mode, b in self.mode_buttons.items():
            b.setText(g(f"mode.{mode}") + (f"  ({qs.fmt('start.review_due', lang, n=self.due_count)})"
                                           if mode == "review" else ""))
        self.go.setText(g("start.go"))
        self.presenter.setText(g("start.presenter"))
        self._fill_combos()

    def _fill_combos(self) -> None:
        any_ = qs.get("start.any", self.lang)
        keep = (self.chapter.currentData(), self.topic.currentData(), self.difficulty.currentData())
        for combo in (self.chapter, self.topic, self.difficulty):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(any_, "")
        for ch in self.catalog.chapters():
            name = ch.title.get(self.lang) if ch.title else ch.lesson
            self.chapter.addItem(qs.fmt("start.chapter_item", self.lang, n=ch.number, lesson=name,
                                        count=ch.count), ch.lesson)
        for topic in self.catalog.topics():
            self.topic.addItem(topic, topic)
        for d in DIFFICULTIES:
            self.difficulty.addItem(DIFFICULTY_LABEL[d].get(self.lang), d)
        for combo, value in zip((self.chapter, self.topic, self.difficulty), keep):
            i = combo.findData(value) if value else 0
            combo.setCurrentIndex(max(0, i))
            combo.blockSignals(False)

    def set_learner(self, name: str) -> None:
        self.learner = name
        self.learner_label.setText(qs.fmt("start.learner", self.lang, name=name))
        self._show_name()

    def set_due_count(self, n: int) -> None:
        self.due_count = n
        self.set_language(self.lang)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _show_name(self) -> None:
        has = bool(self.learner)
        self.name_edit.setVisible(not has)
        self.name_hint.setVisible(not has)
        self.learner_label.setVisible(has)
        self.change_name.setVisible(has)

    def _edit_name(self) -> None:
        self.name_edit.setText(self.learner)
        self.learner = ""
        self._show_name()
        self.name_edit.setFocus()

    def _mode_changed(self) -> None:
        self.minutes.setEnabled(self.mode_buttons["exam"].isChecked())

    def focus_first(self) -> None:
        (self.name_edit if self.name_edit.isVisible() else self.chapter).setFocus()

    # -- starting -------------------------------------------------------------------------------------
    def options(self) -> QuizOptions:
        mode = next(m for m, b in self.mode_buttons.items() if b.isChecked())
        return QuizOptions(mode=mode, lesson=self.chapter.currentData() or "", topic=self.topic.currentData() or "",
                           difficulty=self.difficulty.currentData() or "", length=self.length.value(),
                           generated=self.generated.isChecked(), minutes=self.minutes.value(),
                           name=self.learner or self.name_edit.text().strip())

    def request_start(self) -> None:
        opts = self.options()
        if not opts.name:
            self.message.setText(qs.get("start.need_name", self.lang))
            self.name_edit.setFocus()
            return
        self.message.setText("")
        self.start_requested.emit(opts)

    def request_presenter(self) -> None:
        self.presenter_requested.emit(self.options())

    def say(self, text: str) -> None:
        self.message.setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.request_start()
            return
        if event.key() == Qt.Key.Key_P and not self.name_edit.hasFocus():
            self.request_presenter()
            return
        super().keyPressEvent(event)
